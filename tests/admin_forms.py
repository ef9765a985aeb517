"""Driving the admin's forms as a browser does: send what the loaded page renders, with a browser's line endings.

Also the admin's addresses (``url``), an editor reading it in Chinese (``chinese``), saving an object's
change form with some fields changed (``edit``) and pressing a translation's "Mark as up to date" on the
loaded change page (``mark_current``), shared by the revision and translation-status tests.
"""

import html
import re

from django import forms
from django.conf import settings
from django.forms.widgets import DateTimeBaseInput
from django.urls import reverse
from django.utils import translation


def _shown(widget, value):
    """A date or time as its input shows it, in the page's language (2020/03/01 and 09:00 in Chinese)."""
    return widget.format_value(value) if isinstance(widget, DateTimeBaseInput) else value


def _form_values(form, data):
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if isinstance(field.widget, forms.MultiWidget):
            # A split date and time: one input per part, named key_0, key_1.
            parts = value if isinstance(value, (list, tuple)) else field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{key}_{index}"] = "" if part is None else str(_shown(field.widget.widgets[index], part))
        elif value is True:
            data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [str(item) for item in value]
        elif isinstance(field.widget, forms.Textarea):
            # Browsers send a textarea's line breaks as CRLF (HTML's form submission rules).
            data[key] = str(value).replace("\r\n", "\n").replace("\n", "\r\n")
        else:
            data[key] = str(_shown(field.widget, value))


def form_data(response):
    """The POST data the loaded admin change form would send unchanged."""
    assert response.status_code == 200, response
    data = {}
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        _form_values(response.context["adminform"].form, data)
        for inline in response.context["inline_admin_formsets"]:
            formset = inline.formset
            _form_values(formset.management_form, data)
            for form in formset.forms:
                _form_values(form, data)
    html = response.content.decode()
    unrendered = [name for name in data if f'name="{name}"' not in html]
    assert not unrendered, f"fields the page does not render, so a browser would not send: {unrendered}"
    data["_save"] = "Save"
    return data


def save_change_form(client, path, **changes):
    data = form_data(client.get(path))
    data.update(changes)
    return client.post(path, data)


def url(name, *args):
    """The address of the admin page ``name`` of a qa model: ``url("question_change", pk)``."""
    return reverse(f"admin:qa_{name}", args=args)


def chinese(client):
    """``client``, reading the site and the admin in Simplified Chinese from now on."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def edit(client, obj, **changes):
    """Save ``obj``'s change form as loaded, with ``changes``."""
    name = type(obj)._meta.model_name
    return save_change_form(client, url(f"{name}_change", obj.pk), **changes)



def mark_current(client, obj, field, page=None):
    """Press "Mark as up to date" for ``field`` ("zh-hans:body") on ``page``, the object's change page as the
    editor loaded it (loaded now if not given): its mark-current form sends what that page showed."""
    name = type(obj)._meta.model_name
    page = page if page is not None else client.get(url(f"{name}_change", obj.pk)).content.decode()
    seen = re.search(r'id="mark-current-form".*?name="translated_from" value="([^"]*)"', page, re.DOTALL)
    data = {"field": field, "translated_from": html.unescape(seen.group(1)) if seen else ""}
    return client.post(url(f"{name}_mark_current", obj.pk), data)
