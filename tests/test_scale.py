"""Flat at scale: every reader page costs the same queries with 10 questions as with 1,000, and the series index of
100 questions stays within the page budget (issue 13, point 10).

The databases come from tests/scale_data.py, as bench/seed.py's does; the pages and the measuring from
tests/scale_pages.py, as bench/scale.py's figures do. Each database is built once for the module, every page
read once to warm per-process caches and once counted, and the rows rolled back; the tests then compare the
counts page by page.
"""

import pytest
from django.db import connection

from tests.scale_data import build
from tests.scale_pages import (
    BUDGET_SCALE,
    FEW,
    LANGS,
    MANY,
    NAMES,
    PAGE_BUDGET,
    listing,
    measure,
    reading_settings,
    weigh,
)

# Every test is marked: pytest-django creates the test database only for a session with a marked test, and
# without it the module's fixture would read and write the site's own database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def visits(django_db_setup, django_db_blocker):
    """{"few": {name: Visit}, "many": {name: Visit}}, each database rolled back once read."""
    with django_db_blocker.unblock(), reading_settings():
        name = str(connection.settings_dict["NAME"])
        # pytest-django's test database: in memory on SQLite, test_<name> on PostgreSQL.
        assert "mode=memory" in name or name.startswith("test_"), f"not the test database: {name}"
        return {"few": measure(FEW), "many": measure(MANY)}


@pytest.mark.parametrize("name", NAMES)
def test_queries_stay_flat_from_10_to_1000_questions(visits, name):
    few, many = visits["few"][name], visits["many"][name]
    for seen in (few, many):
        assert not seen.error, f"{name} ({seen.url}) failed: {seen.error}"
        assert seen.status == 200, f"{name} ({seen.url}) answered {seen.status}"
    assert len(many.queries) == len(few.queries), (
        f"{name}: {len(few.queries)} queries with 10 questions, {len(many.queries)} with 1,000.\n"
        f"With 10:\n{listing(few.queries)}\nWith 1,000:\n{listing(many.queries)}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_series_index_of_100_questions_is_within_the_page_budget(client, lang):
    series = build(BUDGET_SCALE, index=False).series[0]
    weight = weigh(client, series.url_for(lang))
    assert weight.html.count(b"<li value=") == 100, "the index should list all 100 questions on one page"
    assert b'href="/static/css/site.css"' in weight.html, "the page should link static/css/site.css, weighed here"
    assert weight.total <= PAGE_BUDGET, (
        f"the {lang} series index of 100 questions weighs {weight.html_size:,} B (HTML) + {weight.css_size:,} B "
        f"(CSS) = {weight.total:,} B gzip-compressed, over the {PAGE_BUDGET:,} B budget"
    )
