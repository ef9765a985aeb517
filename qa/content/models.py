"""The publication: series, topics, authors and their questions."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from qa.bounds import column_range, validate_year
from qa.content.missing_translations import TranslationStatusQuerySet
from qa.content.publication import (
    DRAFT,
    PUBLICATION_INDEXES,
    PUBLISHED,
    PublicationQuerySet,
    ScheduledPublication,
    published_q,
)
from qa.editorial.locking import EditVersioned
from qa.editorial.staleness import TranslationTracked
from qa.languages import STORED_LANGUAGE_CHOICES, STORED_LANGUAGES, field_in, has_text, localized_name
from qa.text import (
    BODY_MAX_BYTES,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    MaxBytesValidator,
    validate_clean_text,
)

BODIES = [localized_name("body", code) for code in STORED_LANGUAGES]

# Every stored text is checked for characters no reader can use (see qa.text).
CLEAN_TEXT = [validate_clean_text]


class AddressedMixin:
    """A model with an address in each language: the view ``url_name`` with ``url_kwargs()``.

    ``url_for(language)`` is that address; ``get_absolute_url()`` (the admin's
    "View on site", sitemaps, templates) the one in the active language."""

    url_name = None

    def url_kwargs(self):
        return {"slug": self.slug}

    def url_for(self, language):
        with translation.override(language):
            return reverse(self.url_name, kwargs=self.url_kwargs())

    def get_absolute_url(self):
        return self.url_for(translation.get_language() or settings.LANGUAGE_CODE)


class PartialDateMixin:
    """A date the source gives as a month ("March 2020") or as a full day."""

    DAY = "day"
    MONTH = "month"
    PRECISIONS = [(DAY, _("day")), (MONTH, _("month"))]

    def partial_date_display(self, field):
        value = getattr(self, field)
        precision = getattr(self, f"{field}_precision")
        if value is None:
            return ""
        return date_format(value, "YEAR_MONTH_FORMAT" if precision == self.MONTH else "DATE_FORMAT")

    def partial_date_iso(self, field):
        value = getattr(self, field)
        if value is None:
            return ""
        return value.strftime("%Y-%m" if getattr(self, f"{field}_precision") == self.MONTH else "%Y-%m-%d")

    @classmethod
    def parse_partial_date(cls, text):
        """Parse "YYYY-MM" or "YYYY-MM-DD"; raise ValueError otherwise."""
        parts = str(text).split("-")
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            return datetime.date(int(parts[0]), int(parts[1]), 1), cls.MONTH
        if len(parts) == 3 and len(parts[0]) == 4 and len(parts[1]) == 2 and len(parts[2]) == 2:
            return datetime.date(int(parts[0]), int(parts[1]), int(parts[2])), cls.DAY
        raise ValueError(f"'{text}' is not YYYY-MM or YYYY-MM-DD")


# The first segments of the site's own addresses (qa.web.urls); a series
# address may not take one of them.
RESERVED_PATHS = frozenset(
    {"authors", "feeds", "pages", "partner-assistance", "search", "series", "topics"}
)


def validate_series_path(value):
    if value in RESERVED_PATHS:
        raise ValidationError(
            _("“%(path)s” is already one of the site’s own addresses; choose another."),
            code="reserved",
            params={"path": value},
        )


class SeriesQuerySet(models.QuerySet):
    def on_front_page(self):
        """Every series with a published question, in the order editors set, each with ``count``."""
        return (
            self.annotate(count=models.Count("questions", filter=published_q("questions__")))
            .filter(count__gt=0)
            .order_by("position", "slug")
        )


class Series(AddressedMixin, EditVersioned, TranslationTracked):
    url_name = "qa:series"

    slug = models.SlugField(_("slug"), unique=True)
    path = models.SlugField(
        _("address"),
        max_length=50,
        unique=True,
        validators=[validate_series_path],
        help_text=_(
            "The series’ part of every address of its questions, as in /en/qa/3/. "
            "It cannot be changed once saved, so that links and citations keep working."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        validators=column_range("PositiveSmallIntegerField"),
        help_text=_("Series are listed on the front page from the lowest position up."),
    )
    title = models.CharField(_("title"), max_length=200, validators=CLEAN_TEXT)
    description = models.TextField(_("description"), max_length=NOTE_MAX_LENGTH, blank=True, validators=CLEAN_TEXT)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True, validators=CLEAN_TEXT)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.title or self.slug

    def save(self, *args, **kwargs):
        if not self.path:
            self.path = self.slug[:50]
        super().save(*args, **kwargs)

    def url_kwargs(self):
        return {"series": self.path}


class CountedQuerySet(models.QuerySet):
    def counted_in(self, questions):
        """Those with a question among ``questions``, each with ``count``: how many of them it has."""
        return self.filter(questions__in=questions).annotate(count=models.Count("questions"))

    def with_published_questions(self):
        return self.counted_in(Question.objects.published())


class Topic(AddressedMixin, EditVersioned, TranslationTracked):
    url_name = "qa:topic"

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, validators=CLEAN_TEXT)
    description = models.TextField(_("description"), max_length=NOTE_MAX_LENGTH, blank=True, validators=CLEAN_TEXT)

    objects = CountedQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug



class AuthorQuerySet(TranslationStatusQuerySet, CountedQuerySet):
    required_translations = ("name",)
    optional_translations = ("position", "bio")


class Author(AddressedMixin, EditVersioned, TranslationTracked):
    url_name = "qa:author"

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, validators=CLEAN_TEXT)
    position = models.CharField(_("position"), max_length=300, blank=True, validators=CLEAN_TEXT)
    bio = models.TextField(_("biography"), max_length=NOTE_MAX_LENGTH, blank=True, validators=CLEAN_TEXT)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name_en", "slug"]

    def __str__(self):
        return self.name or self.slug



class QuestionQuerySet(PublicationQuerySet, TranslationStatusQuerySet):
    required_translations = ("title", "body")

    def visible_to(self, user):
        """Every question for staff (who may preview drafts); the published ones for everyone else."""
        from qa.staff.two_factor import acts_as_staff

        if acts_as_staff(user):
            return self.all()
        return self.published()

    def with_bylines(self):
        """Each question's authorships with their authors, in one query for all (not one more for the authors)."""
        return self.prefetch_related(
            models.Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
        )

    def with_body_heads(self, length):
        """Each body read no further than its first ``length`` characters, as ``head_of_<column>`` (all that
        ``has_language`` needs): a listing or a feed neither loads a 2 MB paper nor sorts rows carrying one."""
        heads = {f"head_of_{name}": Substr(name, 1, length) for name in BODIES}
        return self.defer("body", *BODIES).annotate(**heads)

    def for_listing(self):
        return (
            self.select_related("series")
            .with_body_heads(1)
            .with_bylines()
            .prefetch_related("topics")
            .order_by("series__position", "series__slug", "number")
        )

    def neighbours(self, question):
        """The questions before and after ``question`` in its series, of these (None at either end), in one query."""
        siblings = self.filter(series=question.series_id)
        before = siblings.filter(number__lt=question.number).order_by("-number").values("number")[:1]
        after = siblings.filter(number__gt=question.number).order_by("number").values("number")[:1]
        found = siblings.filter(models.Q(number=models.Subquery(before)) | models.Q(number=models.Subquery(after)))
        by_side = {other.number > question.number: other for other in found}
        for other in by_side.values():
            other.series = question.series
        return by_side.get(False), by_side.get(True)


class Question(AddressedMixin, PartialDateMixin, ScheduledPublication, EditVersioned, TranslationTracked):
    DRAFT = DRAFT
    PUBLISHED = PUBLISHED
    STATUSES = [(DRAFT, _("draft")), (PUBLISHED, _("published"))]

    series = models.ForeignKey(Series, models.PROTECT, related_name="questions", verbose_name=_("series"))
    number = models.PositiveIntegerField(_("number"), validators=column_range("PositiveIntegerField", minimum=1))
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=True, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, validators=CLEAN_TEXT)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH, blank=True, validators=CLEAN_TEXT)
    body = models.TextField(
        _("body"),
        help_text=_("Markdown (CommonMark). Raw HTML is not rendered."),
        validators=[*CLEAN_TEXT, MaxBytesValidator(BODY_MAX_BYTES)],
    )
    authors = models.ManyToManyField(
        Author, through="Authorship", related_name="questions", verbose_name=_("authors")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="questions", verbose_name=_("topics"))
    published = models.DateField(_("publication date"), validators=[validate_year])
    published_precision = models.CharField(
        _("date precision"), max_length=5, choices=PartialDateMixin.PRECISIONS, default=PartialDateMixin.MONTH
    )
    original_language = models.CharField(
        _("original language"), max_length=7, choices=STORED_LANGUAGE_CHOICES, default="en"
    )
    status = models.CharField(_("status"), max_length=9, choices=STATUSES, default=DRAFT)
    publish_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_year],
        help_text=_(
            "Optional, in China Standard Time (Beijing, UTC+8). A published question with a later time "
            "stays hidden from readers until then and goes public by itself; its publication date "
            "becomes that day. Empty: public as soon as it is published."
        ),
    )
    source_url = models.URLField(_("source URL"), blank=True)
    revised = models.DateField(
        _("last revised"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("Set when the title, summary or body changes in any language; shown to readers as “Updated”."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["series", "number"]
        constraints = [
            # Django's own message joins the field names with a spaced " 和 " (get_text_list) in Chinese.
            models.UniqueConstraint(
                fields=["series", "number"],
                name="question_unique_number_in_series",
                violation_error_message=_("This series already has a question with this number."),
            ),
        ]
        indexes = PUBLICATION_INDEXES

    def __str__(self):
        return f"{self.number}. {self.title}"

    def slug_from_title(self, language):
        """The slug a save gives a language that has a title and no slug."""
        return slugify(field_in(self, "title", language), allow_unicode=True)[:200]

    def save(self, *args, **kwargs):
        for code in STORED_LANGUAGES:
            if field_in(self, "title", code) and not field_in(self, "slug", code):
                setattr(self, localized_name("slug", code), self.slug_from_title(code))
        super().save(*args, **kwargs)

    READER_TEXT = ("title", "summary", "body")

    def published_text_changed(self):
        """Whether this save changes text readers could already read (edits to a draft are not revisions)."""
        names = [localized_name(field, code) for field in self.READER_TEXT for code in STORED_LANGUAGES]
        stored = type(self).objects.published().filter(pk=self.pk).values(*names).first()
        return stored is not None and any(stored[name] != getattr(self, name) for name in names)

    @property
    def revised_display(self):
        """The date of the last revision, when it is later than the publication date; else ""."""
        if self.revised is None or self.revised <= self.published:
            return ""
        return date_format(self.revised, "DATE_FORMAT")

    def address_slug(self, language):
        """The slug in this language's address: only one with nothing to percent-encode (so Chinese
        addresses stay short, /zh-hans/qa/3/), else none."""
        slug = field_in(self, "slug", language)
        return slug if slug.isascii() else ""

    def url_for(self, language):
        """The canonical address of the question in one language."""
        kwargs = {"series": self.series.path, "number": self.number}
        slug = self.address_slug(language)
        with translation.override(language):
            if slug:
                return reverse("qa:question", kwargs={**kwargs, "slug": slug})
            return reverse("qa:question-short", kwargs=kwargs)

    def side_by_side_url_for(self, language):
        with translation.override(language):
            return reverse("qa:side-by-side", kwargs={"series": self.series.path, "number": self.number})

    def has_language(self, language):
        return has_text(self, "title", language) and has_text(self, "body", language)

    @property
    def languages_complete(self):
        return [code for code in STORED_LANGUAGES if self.has_language(code)]

    def shown_language(self, language):
        """The language the reader gets: theirs where translated, else the original."""
        return language if self.has_language(language) else self.original_language

    def text(self, field, language):
        return field_in(self, field, self.shown_language(language))

    @property
    def byline(self):
        return [authorship.author for authorship in self.authorships.all()]

    @property
    def published_display(self):
        return self.partial_date_display("published")

    @property
    def published_iso(self):
        return self.partial_date_iso("published")


def date_revision(sender, instance, **kwargs):
    """pre_save of every question, from any writer (the admin, imports, a restore's raw save):
    a change to text readers could already read is dated today (``Question.revised``)."""
    if instance.pk is not None and instance.published_text_changed():
        instance.revised = timezone.localdate()


class Authorship(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, models.PROTECT, related_name="authorships", verbose_name=_("author"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors (in byline order)")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "author"],
                name="authorship_unique",
                violation_error_message=_("This author is already in the question's byline."),
            ),
        ]

    def __str__(self):
        return str(self.author)
