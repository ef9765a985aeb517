"""A number no column can hold, or a value that is no number, matches nothing in ``in`` (qa/lookups.py).

The admin's lists take lookups from the address, so an editor's mistyped or
an attacker's crafted ``?id__in=`` reached the database, and SQLite raised
OverflowError: a server error on every model's list. The admin's actions
filter by the ``_selected_action`` values posted, and one that was no number
raised ValueError: a server error on every model's actions.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from qa.models import Question
from tests.factories import QuestionFactory, StaffFactory

TOO_LARGE = 2**63
TOO_SMALL = -(2**63) - 1


@pytest.fixture
def questions(db):
    return QuestionFactory.create_batch(2)


def test_a_number_out_of_range_is_left_out_of_in(questions):
    first, second = questions
    assert list(Question.objects.filter(pk__in=[TOO_LARGE, first.pk, TOO_SMALL])) == [first]
    assert list(Question.objects.filter(number__in=[TOO_LARGE])) == []
    assert set(Question.objects.exclude(pk__in=[TOO_LARGE])) == {first, second}
    assert list(Question.objects.exclude(pk__in=[TOO_LARGE, first.pk])) == [second]


def test_a_value_that_is_no_number_is_left_out_of_in(questions):
    first, second = questions
    assert list(Question.objects.filter(pk__in=["abc", str(first.pk), "\x00", None])) == [first]
    assert list(Question.objects.filter(number__in=("1.5", "", "x" * 1000))) == []
    assert list(Question.objects.exclude(pk__in={"abc", first.pk})) == [second]


def test_in_still_takes_a_subquery(questions):
    first, _ = questions
    chosen = Question.objects.filter(pk=first.pk).values("pk")
    assert list(Question.objects.filter(pk__in=chosen)) == [first]


def changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize("lookup", ["id__in", "pk__in"])
def test_every_admin_list_answers_a_number_too_large(client, questions, language, lookup):
    client.force_login(StaffFactory(superuser=True))
    lists = changelists()
    assert len(lists) >= 5
    for address in lists:
        response = client.get(address, {lookup: f"{TOO_LARGE},1"}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, address


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize("selected", [["abc"], ["\x00"], ["1", "x" * 5000]])
def test_every_admin_action_answers_a_selection_that_is_no_number(client, questions, language, selected):
    client.force_login(StaffFactory(superuser=True))
    for address in changelists():
        data = {"action": "delete_selected", "_selected_action": selected, "index": 0}
        response = client.post(address, data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (200, 302), address
    assert Question.objects.count() == 2
