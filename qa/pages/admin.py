"""The admin of the pages editors write: one tab per language, revisions, and the locked change form."""

from django.contrib import admin

from qa.content.admin import LanguageCompleteFilter
from qa.editorial.admin import LockedContentAdmin
from qa.models import Page


@admin.register(Page)
class PageAdmin(LockedContentAdmin):
    list_display = ["title", "slug", "position", "updated"]
    list_editable = ["position"]
    list_filter = [LanguageCompleteFilter]
    search_fields = ["slug", "title_en", "title_zh_hans"]
    prepopulated_fields = {"slug": ["title_en"]}
    fields = ["title", "slug", "body", "position"]
