"""Pages editors write about the Hub itself: About, Contact, Licence, Privacy."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.bounds import column_range
from qa.content.missing_translations import TranslationStatusQuerySet
from qa.content.models import CLEAN_TEXT, AddressedMixin
from qa.editorial.locking import EditVersioned
from qa.languages import STORED_LANGUAGES, field_in, has_text
from qa.text import BODY_MAX_BYTES, TITLE_MAX_LENGTH, MaxBytesValidator


class PageQuerySet(TranslationStatusQuerySet):
    required_translations = ("title", "body")


class Page(AddressedMixin, EditVersioned):
    url_name = "qa:page"

    slug = models.SlugField(_("slug"), unique=True, help_text=_("The page's address, as in /en/pages/about/."))
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, validators=CLEAN_TEXT)
    body = models.TextField(
        _("body"),
        help_text=_("Markdown (CommonMark). Raw HTML is not rendered."),
        validators=[*CLEAN_TEXT, MaxBytesValidator(BODY_MAX_BYTES)],
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        validators=column_range("PositiveSmallIntegerField"),
        help_text=_("Pages are linked in the footer from the lowest position up."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.title or self.slug

    def has_language(self, language):
        return has_text(self, "title", language) and has_text(self, "body", language)

    def shown_language(self, language):
        """The language the reader gets: theirs where the page is written in it, else the first it is written in."""
        if self.has_language(language):
            return language
        return next((code for code in STORED_LANGUAGES if self.has_language(code)), language)

    def text(self, field, language):
        return field_in(self, field, self.shown_language(language))
