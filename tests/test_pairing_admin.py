"""The admin of partner assistance: programmes with their pairs inline (compact rows, notes kept), constraints
reported in the editor's language and kept by the database, "View on site", regions' search, filters and
autocomplete."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction

from qa.models import Pairing, Programme
from tests.factories import PairingFactory, ProgrammeFactory
from tests.pairing_data import PROGRAMME_SLUG, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def programme_form(programme, rows, existing=()):
    """POST data for the programme change form as loaded just now (at the stored edit version): ``existing``
    pairings kept, then new ``rows`` (supporter code, supported code and optionally the English and Chinese notes)."""
    data = {
        "edit_version": programme.stored_version(programme.pk) if programme.pk else "",
        "slug": programme.slug,
        "name_en": programme.name_en,
        "name_zh_hans": programme.name_zh_hans or "",
        "description_en": programme.description_en or "",
        "description_zh_hans": programme.description_zh_hans or "",
        "organiser_en": programme.organiser_en or "",
        "organiser_zh_hans": programme.organiser_zh_hans or "",
        "citation_en": programme.citation_en or "",
        "citation_zh_hans": programme.citation_zh_hans or "",
        "announced": programme.announced.isoformat(),
        "announced_precision": programme.announced_precision,
        "source_question": programme.source_question_id or "",
        "total_medical_teams": programme.total_medical_teams or "",
        "total_medical_staff": programme.total_medical_staff or "",
        "pairings-TOTAL_FORMS": len(existing) + len(rows),
        "pairings-INITIAL_FORMS": len(existing),
        "pairings-MIN_NUM_FORMS": 0,
        "pairings-MAX_NUM_FORMS": 1000,
    }
    forms = [(p.pk, p.supporter_id, p.supported_id, p.note_en or "", p.note_zh_hans or "") for p in existing]
    forms += [("", region(a).pk, region(b).pk, *notes) for a, b, *notes in ((*row, "", "")[:4] for row in rows)]
    for index, (pk, supporter, supported, note_en, note_zh_hans) in enumerate(forms):
        data.update(
            {
                f"pairings-{index}-id": pk,
                f"pairings-{index}-programme": programme.pk,
                f"pairings-{index}-supporter": supporter,
                f"pairings-{index}-supported": supported,
                f"pairings-{index}-medical_teams": "",
                f"pairings-{index}-medical_staff": "",
                f"pairings-{index}-note_en": note_en,
                f"pairings-{index}-note_zh_hans": note_zh_hans,
            }
        )
    return data


@pytest.fixture
def small_programme(programme):
    """A programme with one saved pair, so admin forms stay small."""
    small = ProgrammeFactory(slug="small", name_en="Small")
    PairingFactory(programme=small, supporter=region("hebei"), supported=region("shennongjia"))
    return small


def post_change(client, programme, rows, existing=None, lang="en"):
    existing = list(programme.pairings.all()) if existing is None else existing
    return client.post(
        f"/admin/qa/programme/{programme.pk}/change/",
        programme_form(programme, rows, existing),
        HTTP_ACCEPT_LANGUAGE=lang,
    )


def test_admin_saves_a_good_pair(editor_client, small_programme):
    response = post_change(editor_client, small_programme, [("tianjin", "enshi")])
    assert response.status_code == 302
    assert small_programme.pairings.count() == 2


@pytest.mark.parametrize(
    "pairs",
    [[("hebei", "shennongjia")], [("tianjin", "enshi"), ("tianjin", "enshi")]],
    ids=["already-saved", "repeated-in-one-submission"],
)
@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", "This region already supports that region in this programme."),
        ("zh-hans", "在该项目中，此地区已对口支援该地区。"),
    ],
)
def test_admin_refuses_a_duplicate_pair(editor_client, small_programme, pairs, lang, message):
    response = post_change(editor_client, small_programme, pairs, lang=lang)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert small_programme.pairings.count() == 1


@pytest.mark.parametrize(
    "lang, message", [("en", "A region cannot support itself."), ("zh-hans", "地区不能对口支援自身。")]
)
def test_admin_refuses_a_self_pair(editor_client, small_programme, lang, message):
    response = post_change(editor_client, small_programme, [("tianjin", "tianjin")], lang=lang)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert small_programme.pairings.count() == 1


def test_admin_refuses_changing_a_saved_pair_into_a_self_pair(editor_client, small_programme):
    pairing = small_programme.pairings.get()
    pairing.supported_id = pairing.supporter_id
    response = post_change(editor_client, small_programme, [], existing=[pairing])
    assert "A region cannot support itself." in response.content.decode()
    assert small_programme.pairings.get().supported.code == "shennongjia"


def test_admin_add_programme_with_duplicate_rows_saves_nothing(editor_client, programme):
    new = ProgrammeFactory.build(slug="new", name_en="New")
    new.pk = ""
    data = programme_form(new, [("tianjin", "enshi"), ("tianjin", "enshi")])
    response = editor_client.post("/admin/qa/programme/add/", data)
    assert response.status_code == 200
    assert "This region already supports that region in this programme." in response.content.decode()
    assert not Programme.objects.filter(slug="new").exists()


def test_admin_programme_page_shows_the_21_pairs(editor_client, programme):
    response = editor_client.get(f"/admin/qa/programme/{programme.pk}/change/")
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.initial_form_count() == 21
    changelist = editor_client.get("/admin/qa/programme/").content.decode()
    assert ">21<" in changelist


def test_admin_region_search_and_kind_filter(editor_client, programme):
    html = editor_client.get("/admin/qa/region/", {"kind": "autonomous-region"}).content.decode()
    assert "Ningxia Hui Autonomous Region" in html and "Hebei" not in html
    html = editor_client.get("/admin/qa/region/", {"q": "湖北"}).content.decode()
    assert ">Hubei<" in html and "Shanxi" not in html


def test_admin_region_autocomplete_for_pairings(editor_client, programme):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "qa", "model_name": "pairing", "field_name": "supporter", "term": "shan"},
    )
    assert response.status_code == 200
    found = {result["text"] for result in response.json()["results"]}
    assert {"Shanxi", "Shandong"} <= found


def change_form(client, programme, lang="en"):
    return client.get(f"/admin/qa/programme/{programme.pk}/change/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_admin_programme_form_has_view_on_site_opening_its_page(editor_client, programme, lang):
    html = change_form(editor_client, programme, lang)
    link = re.search(r'<a href="([^"]+)" class="viewsitelink"', html).group(1)
    response = editor_client.get(link, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 302 and response.url.endswith(f"/{lang}/partner-assistance/{PROGRAMME_SLUG}/")
    page = editor_client.get(response.url)
    assert page.status_code == 200 and page.context["programme"] == programme


def test_admin_pair_rows_are_compact(editor_client, small_programme):
    html = change_form(editor_client, small_programme)
    notes = re.findall(r"<textarea[^>]*name=\"pairings-\d+-note_(?:en|zh_hans)\"[^>]*>", html)
    assert len(notes) == 4  # the saved pair and the empty extra row, each in two languages
    for textarea in notes:
        assert 'rows="1"' in textarea and 'cols="14"' in textarea
        assert "vLargeTextField" not in textarea and "mt-field" not in textarea  # a column each, not tabs
    assert "English note" in html and "Chinese note" in html
    region_picks = re.findall(r"<select name=\"pairings-\d+-support(?:er|ed)\"[^>]*>", html)
    assert len(region_picks) == 4 and all('data-width="13em"' in pick for pick in region_picks)
    assert 'id="change_id_pairings-0-supporter"' not in html and 'id="add_id_pairings-0-supporter"' not in html
    assert 'name="description_en"' in html and 'rows="10"' in html  # the programme's own fields are unchanged


def test_admin_keeps_the_notes_of_pairs(editor_client, small_programme):
    rows = [("tianjin", "enshi", "Medical teams from Tianjin.\nSecond line.", "天津派出医疗队。")]
    response = post_change(editor_client, small_programme, rows)
    assert response.status_code == 302
    pairing = small_programme.pairings.get(supporter__code="tianjin")
    assert pairing.note_en == "Medical teams from Tianjin.\nSecond line." and pairing.note_zh_hans == "天津派出医疗队。"
    html = change_form(editor_client, small_programme)
    assert (
        ">\nMedical teams from Tianjin.\nSecond line.</textarea>" in html and ">\n天津派出医疗队。</textarea>" in html
    )
    assert post_change(editor_client, small_programme, []).status_code == 302  # saved again, untouched
    assert (
        small_programme.pairings.get(supporter__code="tianjin").note_en == "Medical teams from Tianjin.\nSecond line."
    )


# Constraints the database keeps whatever the form


def test_database_refuses_a_duplicate_pair(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        PairingFactory(programme=programme, supporter=region("shanxi"), supported=region("tianmen"))
    assert Pairing.objects.count() == 21


def test_database_refuses_a_self_pair(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        PairingFactory(programme=programme, supporter=region("hebei"), supported=region("hebei"))
    assert Pairing.objects.count() == 21


def test_same_pair_is_allowed_in_another_programme(programme):
    other = ProgrammeFactory(slug="other", name_en="Other", announced=datetime.date(2020, 2, 7))
    PairingFactory(programme=other, supporter=region("shanxi"), supported=region("tianmen"))
    assert Pairing.objects.count() == 22
