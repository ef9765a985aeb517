"""The planner's statistics are refreshed after every bulk write of content (qa.content.statistics)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from qa.content.statistics import content_tables, refresh_statistics
from qa.models import Authorship, Question, Topic
from qa.search.indexing import rebuild_index
from tests.factories import AuthorFactory, QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db
BUNDLE = settings.BASE_DIR / "content" / "knowledgehub.json"


def rows_counted(table):
    """The rows the planner believes ``table`` holds, or None without statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        (tuples,) = cursor.fetchone()
        return int(tuples) if tuples >= 0 else None


MEASURED = (Question, Authorship, Question.topics.through)


def counted():
    return {model._meta.db_table: rows_counted(model._meta.db_table) for model in MEASURED}


def actual():
    return {model._meta.db_table: model.objects.count() for model in MEASURED}


def write_questions(count=6):
    topics, authors = TopicFactory.create_batch(2), AuthorFactory.create_batch(2)
    for _ in range(count):
        QuestionFactory(authors=authors).topics.set(topics)


def test_the_content_tables_are_the_ones_readers_pages_join():
    tables = content_tables()
    for model in (Question, Authorship, Topic):
        assert model._meta.db_table in tables
    assert Question.topics.through._meta.db_table in tables


def test_refreshing_counts_the_rows_just_written():
    write_questions()

    refresh_statistics()

    assert counted() == actual()


def test_rebuilding_the_search_index_refreshes_them():
    write_questions(7)

    rebuild_index()

    assert counted() == actual()


def test_seeding_the_bundled_content_refreshes_them():
    call_command("seed_content", str(BUNDLE), stdout=io.StringIO())

    assert Question.objects.exists()
    assert counted() == actual()
