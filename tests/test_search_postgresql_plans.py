"""How PostgreSQL plans a search (qa.search.backends.postgresql): through the GIN indexes, whatever share of the
questions a term is in. PostgreSQL only (CI's second pass, DATABASE_URL=postgres://…)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.search.backends import backend
from qa.search.backends.postgresql import _through_the_index
from qa.search.query import parse_query
from tests.factories import QuestionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (DATABASE_URL=postgres://…)"),
]


@pytest.fixture
def title_matches(hub_series):
    """13 questions with "quarantine" in their titles: more than a page, so the first page scores that tier only."""
    for number in range(1, 14):
        QuestionFactory(series=hub_series, number=number, title_en=f"Quarantine {number}", body_en="Rules.")


def search_page():
    with CaptureQueriesContext(connection) as queries:
        backend().search(parse_query("quarantine"), 10, 0)
    return [query["sql"] for query in queries]


def setting():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


def test_the_title_tier_can_be_found_through_its_own_index(title_matches):
    """Without the index on the titles, the only plan left reads every title (5–9 ms at 20,000 questions)."""
    (title_tier,) = [sql for sql in search_page() if "ORDER BY" in sql]
    with _through_the_index(), connection.cursor() as cursor:  # as the search plans it, whatever the table's size
        cursor.execute(f"EXPLAIN {title_tier}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "qa_searchdocument_titles" in plan, plan


def test_every_query_of_a_search_is_planned_with_sequential_scans_discouraged(title_matches):
    """A term in most questions made the planner read every out-of-line ``document`` (160–200 ms at 20,000)."""
    statements = search_page()
    off = statements.index("SET LOCAL enable_seqscan = off")
    restored = next(i for i, sql in enumerate(statements) if "set_config('enable_seqscan'" in sql)
    searching = [i for i, sql in enumerate(statements) if "qa_searchdocument" in sql]

    assert len(searching) == 2  # the counts, then the title tier
    assert all(off < i < restored for i in searching)
    assert setting() == "on"  # in the caller's transaction (the test's), put back


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_search_has_its_own(title_matches):
    statements = search_page()
    searching = [i for i, sql in enumerate(statements) if "qa_searchdocument" in sql]

    assert statements.index("SET LOCAL enable_seqscan = off") < min(searching)
    assert max(searching) < statements.index("COMMIT")
    assert setting() == "on"
