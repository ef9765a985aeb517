"""Partner assistance: regions, programmes and the pairs of regions each programme made."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.bounds import validate_year
from qa.content.models import CLEAN_TEXT, AddressedMixin, PartialDateMixin, Question
from qa.editorial.locking import EditVersioned
from qa.editorial.staleness import TranslationTracked
from qa.text import NOTE_MAX_LENGTH


class Region(AddressedMixin, EditVersioned, TranslationTracked):
    url_name = "qa:region"

    KINDS = [
        ("province", _("province")),
        ("municipality", _("municipality")),
        ("autonomous-region", _("autonomous region")),
        ("prefecture-level-city", _("prefecture-level city")),
        ("county-level-city", _("county-level city")),
        ("autonomous-prefecture", _("autonomous prefecture")),
        ("forestry-district", _("forestry district")),
    ]

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200, validators=CLEAN_TEXT)
    kind = models.CharField(_("kind"), max_length=24, choices=KINDS)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent region")
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self):
        return self.name or self.code

    def url_kwargs(self):
        return {"code": self.code}

    def clean(self):
        """A region may not be its own ancestor (import_content refuses such a tree too)."""
        parent, seen = self.parent, set()
        while parent is not None and parent.pk not in seen:
            if self.pk is not None and parent.pk == self.pk:
                message = _("A region cannot lie within itself: choose one that is not this region or within it.")
                raise ValidationError({"parent": message})
            seen.add(parent.pk)
            parent = parent.parent


class ProgrammeQuerySet(models.QuerySet):
    def for_page(self):
        return self.select_related("source_question__series")

    def with_counts(self):
        """Each programme's pairs, supporting and supported regions, counted in the same query (``counts``)."""
        return self.annotate(
            pairing_count=models.Count("pairings"),
            supporter_count=models.Count("pairings__supporter", distinct=True),
            recipient_count=models.Count("pairings__supported", distinct=True),
        )


class Programme(AddressedMixin, PartialDateMixin, EditVersioned, TranslationTracked):
    url_name = "qa:programme"

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=300, validators=CLEAN_TEXT)
    description = models.TextField(_("description"), max_length=NOTE_MAX_LENGTH, blank=True, validators=CLEAN_TEXT)
    organiser = models.CharField(_("organiser"), max_length=300, blank=True, validators=CLEAN_TEXT)
    citation = models.CharField(
        _("source citation"),
        max_length=500,
        blank=True,
        validators=CLEAN_TEXT,
        help_text=_("The notice or report the pairs are taken from, as readers should cite it."),
    )
    announced = models.DateField(_("announced"), validators=[validate_year])
    announced_precision = models.CharField(
        _("date precision"), max_length=5, choices=PartialDateMixin.PRECISIONS, default=PartialDateMixin.DAY
    )
    source_question = models.ForeignKey(
        Question, models.SET_NULL, null=True, blank=True, related_name="programmes", verbose_name=_("source question")
    )
    total_medical_teams = models.PositiveIntegerField(_("medical teams in total"), null=True, blank=True)
    total_medical_staff = models.PositiveIntegerField(_("medical staff in total"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-announced", "slug"]

    def __str__(self):
        return self.name or self.slug

    @property
    def counts(self):
        """The counts ``with_counts()`` annotated, or one query for them without it."""
        if not hasattr(self, "pairing_count"):
            return self.pairings.counts()
        return {"pairings": self.pairing_count, "supporters": self.supporter_count, "recipients": self.recipient_count}

    @property
    def announced_display(self):
        return self.partial_date_display("announced")

    @property
    def announced_iso(self):
        return self.partial_date_iso("announced")


class PairingQuerySet(models.QuerySet):
    def for_programme(self, programme):
        return self.filter(programme=programme).select_related("supporter", "supported")

    def around(self, region):
        """The pairs of a region and of the regions directly under it, in every programme, newest programme first."""
        return (
            self.filter(
                models.Q(supporter=region)
                | models.Q(supported=region)
                | models.Q(supporter__parent=region)
                | models.Q(supported__parent=region)
            )
            .select_related("programme", "supporter", "supported")
            .order_by("-programme__announced", "programme__slug", "supported__code", "supporter__code")
        )

    def of_every_programme(self):
        """Every pair, grouped by programme newest first, as the combined downloads list them."""
        return self.select_related("programme", "supporter", "supported").order_by(
            "-programme__announced", "programme__slug", "supported__code", "supporter__code"
        )

    def counts(self):
        """Pairs, distinct supporting regions and distinct supported regions, in one query."""
        return self.aggregate(
            pairings=models.Count("pk"),
            supporters=models.Count("supporter", distinct=True),
            recipients=models.Count("supported", distinct=True),
        )


class Pairing(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="pairings", verbose_name=_("programme"))
    supporter = models.ForeignKey(
        Region, models.PROTECT, related_name="support_given", verbose_name=_("supporting region")
    )
    supported = models.ForeignKey(
        Region, models.PROTECT, related_name="support_received", verbose_name=_("supported region")
    )
    medical_teams = models.PositiveIntegerField(_("medical teams"), null=True, blank=True)
    medical_staff = models.PositiveIntegerField(_("medical staff"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True, validators=CLEAN_TEXT)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["programme", "supported__code", "supporter__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "supporter", "supported"],
                name="pairing_unique_per_programme",
                violation_error_message=_("This region already supports that region in this programme."),
            ),
            models.CheckConstraint(
                condition=~models.Q(supporter=models.F("supported")),
                name="pairing_not_self",
                violation_error_message=_("A region cannot support itself."),
            ),
        ]

    def __str__(self):
        return f"{self.supporter} → {self.supported}"
