"""How PostgreSQL plans a search (qa.search.backends.postgresql): through the GIN indexes, whatever share of the
questions a term is in. PostgreSQL only (CI's second pass, DATABASE_URL=postgres://…)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.search.backends import backend
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


def search_page(query="quarantine", offset=0):
    with CaptureQueriesContext(connection) as queries:
        backend().search(parse_query(query), 10, offset)
    return [query["sql"] for query in queries]


def setting():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


def plan(statements, analyze=False):
    """The plan of the search's own statement, run as the search sends it (the planner setting in the same
    string), as JSON."""
    (sent,) = statements
    explained = sent.replace("WITH counts", f"EXPLAIN (FORMAT JSON{', ANALYZE' if analyze else ''}) WITH counts", 1)
    with connection.cursor() as cursor:
        cursor.execute(explained)
        while cursor.description is None:  # SAVEPOINT, SET LOCAL
            cursor.nextset()
        ((found,),) = cursor.fetchall()
    return found[0]["Plan"]


def nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


def test_a_search_is_one_statement_planned_through_the_indexes(title_matches):
    """A term in most questions made the planner read every out-of-line ``document`` (160–200 ms at 20,000);
    with sequential scans discouraged in the same round trip, every read of the table goes through an index,
    the title tier through the titles' own (without it, that tier read every title: 5–9 ms at 20,000)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE qa_searchdocument")  # the planner knows the term is in every question
    statements = search_page()
    found = list(nodes(plan(statements)))
    scans = [node for node in found if node.get("Relation Name") == "qa_searchdocument"]
    indexes = {node["Index Name"] for node in found if "Index Name" in node}

    assert scans and {node["Node Type"] for node in scans} == {"Bitmap Heap Scan"}
    assert {"qa_searchdocument_document", "qa_searchdocument_titles"} <= indexes
    assert len(statements) == 1
    assert statements[0].startswith("SAVEPOINT qa_search; SET LOCAL enable_seqscan = off; WITH counts")
    assert setting() == "on"  # in the caller's transaction (the test's), put back by the savepoint's rollback


def test_a_page_runs_only_the_tiers_it_reaches(title_matches, hub_series):
    """PostgreSQL skips a tier whose condition on the counts is false (a one-time filter): a page beyond the
    titles never scores them, the first page of 13 title matches never scores the rest."""
    QuestionFactory(series=hub_series, number=99, title_en="Rules", body_en="Quarantine rules.")

    def tiers(offset):
        ran = {}
        for node in nodes(plan(search_page(offset=offset), analyze=True)):
            if node["Node Type"] == "Subquery Scan" and node["Alias"] in ("titles", "others"):
                read = [n for n in nodes(node) if n.get("Relation Name") == "qa_searchdocument"]
                if any(n["Actual Loops"] for n in read):
                    ran[node["Alias"]] = node["Actual Rows"]
        return ran

    assert tiers(0) == {"titles": 10}
    assert tiers(10) == {"titles": 3, "others": 1}
    assert tiers(13) == {"others": 1}
    assert tiers(20) == {}


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_search_is_one_round_trip(title_matches):
    """The two statements of one string run in a transaction of their own, which ``SET LOCAL`` ends with."""
    (statement,) = search_page()

    assert statement.startswith("SET LOCAL enable_seqscan = off; WITH counts")
    assert setting() == "on"
