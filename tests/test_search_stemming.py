"""Stemming is remembered (qa.search.text.stem): a search stems a word it has stemmed before no more, whether the
query's, an excerpt's or a programme's name, and the stems stay the ones the index matches."""

import datetime

import pytest

from qa.search.places import find_places
from qa.search.query import parse_query
from qa.search.results import search
from qa.search.text import stem
from tests.factories import ProgrammeFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_repeated_search_stems_nothing_again(hub_series):
    QuestionFactory(
        series=hub_series,
        title_en="Provinces helped cities",
        body_en="The provinces sent teams and supplies to the cities they were paired with.",
        published=datetime.date(2020, 3, 1),
    )
    first = search("provinces", "en")
    misses = stem.cache_info().misses

    again = search("provinces", "en")

    assert stem.cache_info().misses == misses
    assert [result.snippet for result in again.results] == [result.snippet for result in first.results]
    assert "<mark>" in first.results[0].snippet


def test_programme_names_are_stemmed_once(db):
    ProgrammeFactory(name_en="Pairing assistance to Hubei", name_zh_hans="对口支援湖北")
    query = parse_query("assistance")
    found = find_places(query).programmes
    misses = stem.cache_info().misses

    assert find_places(query).programmes == found and len(found) == 1
    assert stem.cache_info().misses == misses


@pytest.mark.parametrize(
    ("algorithm", "word", "expected"),
    [("porter", "provinces", "provinc"), ("english", "provinces", "provinc"), ("porter", "travelled", "travel")],
)
def test_stems_are_the_snowball_stems(algorithm, word, expected):
    assert stem(algorithm, word) == expected
