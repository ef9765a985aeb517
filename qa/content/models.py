"""The publication: series, topics, authors and their questions."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from qa.editorial.locking import EditVersioned
from qa.languages import LANGUAGE_CODES, field_in, localized_name
from qa.text import BODY_MAX_BYTES, SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH, MaxBytesValidator, validate_clean_text

# Every stored text is checked for characters no reader can use (see qa.text).
CLEAN_TEXT = [validate_clean_text]


def missing_language_q(language, required=(), optional=()):
    """Rows lacking ``language``: a required field empty in it, or an optional
    field empty in it although another language has the text."""

    def empty(field, code):
        name = localized_name(field, code)
        return models.Q(**{name: ""}) | models.Q(**{f"{name}__isnull": True})

    condition = models.Q()
    for field in required:
        condition |= empty(field, language)
    for field in optional:
        for other in LANGUAGE_CODES:
            if other != language:
                condition |= empty(field, language) & ~empty(field, other)
    return condition


class TranslationStatusQuerySet(models.QuerySet):
    """``required_translations`` must exist in every language;
    ``optional_translations`` wherever one language has them."""

    required_translations = ()
    optional_translations = ()

    def missing_language(self, language):
        return self.filter(missing_language_q(language, self.required_translations, self.optional_translations))

    def needing_translation(self):
        condition = models.Q()
        for code in LANGUAGE_CODES:
            condition |= missing_language_q(code, self.required_translations, self.optional_translations)
        return self.filter(condition)


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


class SeriesQuerySet(models.QuerySet):
    def for_site(self):
        """The series the site publishes (HUB_SERIES), or None."""
        return self.filter(slug=settings.HUB_SERIES).first()


class Series(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200, validators=CLEAN_TEXT)
    description = models.TextField(_("description"), blank=True, validators=CLEAN_TEXT)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True, validators=CLEAN_TEXT)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["slug"]

    def __str__(self):
        return self.title or self.slug


class Topic(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, validators=CLEAN_TEXT)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self):
        return self.name or self.slug


class AuthorQuerySet(TranslationStatusQuerySet):
    required_translations = ("name",)
    optional_translations = ("position", "bio")

    def with_published_questions(self):
        return self.filter(questions__status=Question.PUBLISHED).distinct()


class Author(EditVersioned):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, validators=CLEAN_TEXT)
    position = models.CharField(_("position"), max_length=300, blank=True, validators=CLEAN_TEXT)
    bio = models.TextField(_("biography"), blank=True, validators=CLEAN_TEXT)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name_en", "slug"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("qa:author", kwargs={"slug": self.slug})


class QuestionQuerySet(TranslationStatusQuerySet):
    required_translations = ("title", "body")

    def published(self):
        return self.filter(status=Question.PUBLISHED)

    def in_site_series(self):
        return self.filter(series__slug=settings.HUB_SERIES)

    def on_site(self):
        """The questions readers can see: published, in the series the site publishes."""
        return self.published().in_site_series()

    def visible_to(self, user):
        """The site's questions for staff (who may preview drafts); what readers see for everyone else."""
        if user.is_authenticated and user.is_staff:
            return self.in_site_series()
        return self.on_site()

    def for_listing(self):
        return self.select_related("series").prefetch_related("authorships__author").order_by(
            "series__slug", "number"
        )


class Question(PartialDateMixin, EditVersioned):
    DRAFT = "draft"
    PUBLISHED = "published"
    STATUSES = [(DRAFT, _("draft")), (PUBLISHED, _("published"))]

    series = models.ForeignKey(Series, models.PROTECT, related_name="questions", verbose_name=_("series"))
    number = models.PositiveIntegerField(_("number"))
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
    published = models.DateField(_("publication date"))
    published_precision = models.CharField(
        _("date precision"), max_length=5, choices=PartialDateMixin.PRECISIONS, default=PartialDateMixin.MONTH
    )
    original_language = models.CharField(
        _("original language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(_("status"), max_length=9, choices=STATUSES, default=DRAFT, db_index=True)
    source_url = models.URLField(_("source URL"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="question_unique_number_in_series"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def is_published(self):
        return self.status == self.PUBLISHED

    @property
    def is_in_site_series(self):
        """Whether the site serves this question at all: it shows the questions of HUB_SERIES only."""
        return self.series.slug == settings.HUB_SERIES

    @property
    def is_on_site(self):
        """Whether readers can see it (the one-object form of ``Question.objects.on_site()``)."""
        return self.is_published and self.is_in_site_series

    def save(self, *args, **kwargs):
        for code in LANGUAGE_CODES:
            title = field_in(self, "title", code)
            if title and not field_in(self, "slug", code):
                setattr(self, localized_name("slug", code), slugify(title, allow_unicode=True)[:200])
        super().save(*args, **kwargs)

    def slug_for(self, language):
        return field_in(self, "slug", language) or field_in(self, "slug", self.original_language) or "-"

    def url_for(self, language, view="qa:question"):
        """The question's address in one language; ``view`` may be any view taking number and slug."""
        with translation.override(language):
            return reverse(view, kwargs={"number": self.number, "slug": self.slug_for(language)})

    def side_by_side_url_for(self, language):
        return self.url_for(language, "qa:side-by-side")

    def get_absolute_url(self):
        return self.url_for(translation.get_language() or settings.LANGUAGE_CODE)

    def has_language(self, language):
        return bool(field_in(self, "title", language) and field_in(self, "body", language))

    @property
    def languages_complete(self):
        return [code for code in LANGUAGE_CODES if self.has_language(code)]

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


class Authorship(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, models.PROTECT, related_name="authorships", verbose_name=_("author"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors (in byline order)")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "author"], name="authorship_unique"),
        ]

    def __str__(self):
        return str(self.author)
