"""A value that is not a key, sent by hand to an autocomplete field, gets the form's error, not a server error.

The admin's autocomplete widget only ever sends keys, but a hand-made POST
could send anything: Django's widget looked the rows up by the raw value
while showing the form again, and the admin answered 500
(qa/staff/autocomplete.py). Every autocomplete field of every admin and
inline is tried, in each language of the admin.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.factories import StaffFactory

LANGUAGES = ["en", "zh-hans", "zh-hant"]


def autocomplete_fields():
    """(admin, inline class or None, field name) for every autocomplete field registered."""
    request = RequestFactory().get("/")
    found = []
    for model_admin in admin.site._registry.values():
        found += [(model_admin, None, name) for name in model_admin.get_autocomplete_fields(request)]
        for inline in model_admin.inlines:
            found += [(model_admin, inline, name) for name in inline(model_admin.model, admin.site).autocomplete_fields]
    return found


def label(case):
    model_admin, inline, name = case
    return f"{model_admin.model._meta.model_name}-{inline.__name__ if inline else 'form'}-{name}"


CASES = autocomplete_fields()


def test_the_admin_has_autocomplete_fields_to_try():
    assert {label(case) for case in CASES} >= {
        "region-form-parent",
        "programme-form-source_question",
        "programme-PairingInline-supporter",
        "question-form-topics",
        "question-AuthorshipInline-author",
        "reviewlink-form-question",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", CASES, ids=label)
def test_a_value_that_is_not_a_key_gets_the_forms_error(client, db, case, language):
    model_admin, inline, name = case
    client.force_login(StaffFactory(superuser=True))
    address = reverse(f"admin:{model_admin.model._meta.app_label}_{model_admin.model._meta.model_name}_add")
    page = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
    data = {}
    for inline_formset in page.context["inline_admin_formsets"]:
        formset = inline_formset.formset
        chosen = inline is not None and isinstance(inline_formset.opts, inline)
        data[f"{formset.prefix}-TOTAL_FORMS"] = "1" if chosen else "0"
        data[f"{formset.prefix}-INITIAL_FORMS"] = "0"
        if chosen:
            data[f"{formset.prefix}-0-{name}"] = "not-a-key"
    if inline is None:
        data[name] = "not-a-key"

    response = client.post(address, data, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    if inline is None:
        form = response.context["adminform"].form
    else:
        (formset,) = [f.formset for f in response.context["inline_admin_formsets"] if isinstance(f.opts, inline)]
        form = formset.forms[0]
    assert form.errors[name] == [message_of(form.fields[name], language)]


def message_of(field, language):
    """The field's message for a value that is not a key, in ``language`` (never the English one in Chinese).

    A multiple choice field words it with the value; a single one without.
    """
    code = "invalid_pk_value" if "invalid_pk_value" in field.error_messages else "invalid_choice"
    with translation.override(language):
        message = str(field.error_messages[code]) % {"pk": "not-a-key"}
    with translation.override("en"):
        english = str(field.error_messages[code]) % {"pk": "not-a-key"}
    assert language == "en" or message != english
    return message
