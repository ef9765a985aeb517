from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from qa.content.models import Question


class SearchEntry(models.Model):
    """A question as the search index holds it: one per published question, of every series.

    The indexed text lives beside it, in whatever the database searches fast: an
    FTS5 table on SQLite (migration 0005_search), a SearchDocument on PostgreSQL;
    deleting the entry removes it there.
    """

    question = models.OneToOneField(Question, models.CASCADE, primary_key=True, related_name="search_entry")

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self):
        return str(self.question_id)


class SearchDocument(models.Model):
    """On PostgreSQL, a SearchEntry's text as tsvectors (``qa.search.backends.postgresql`` says how).

    PostgreSQL only (``required_db_vendor``): a tsvector column has no meaning
    on SQLite, where FTS5 holds the text, so its migration runs on PostgreSQL
    alone and SQLite never sees the table. The foreign key is the migration's
    own, ``ON DELETE CASCADE`` (which Django 5.2 cannot declare): deleting an
    entry, with a question or a rebuild, removes its document in the database,
    as the FTS5 trigger does on SQLite, and the ORM never asks SQLite about
    this table (``DO_NOTHING``).
    """

    entry = models.OneToOneField(
        SearchEntry, models.DO_NOTHING, primary_key=True, db_constraint=False, related_name="document"
    )
    # All the text, weighted: titles A, summaries B, author names C, bodies D.
    document = SearchVectorField()
    # The titles again, GIN-indexed: it finds the title matches without reading ``document`` (stored out of line).
    title_document = SearchVectorField()
    # Each stored language's own titles, summaries and bodies, unweighted: which language a result matched in,
    # without parsing its text again at every search. Named by ``localized_name("language_document", code)``.
    language_document_en = SearchVectorField()
    language_document_zh_hans = SearchVectorField()

    class Meta:
        required_db_vendor = "postgresql"
        # No pending list: with one, a big rebuild leaves the planner scanning the table instead.
        indexes = [
            GinIndex(fields=["document"], name="qa_searchdocument_document", fastupdate=False),
            GinIndex(fields=["title_document"], name="qa_searchdocument_titles", fastupdate=False),
        ]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.entry_id)
