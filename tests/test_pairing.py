"""Partner assistance: the pairing page, diagram, region views, downloads, constraints and admin."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction

from qa.models import Pairing, Programme, Region
from qa.pairings.table import wrap_label
from tests.factories import PairingFactory, ProgrammeFactory, QuestionFactory, RegionFactory
from tests.pairing_data import PROGRAMME_SLUG, csv_rows, make_hubei_pairing, make_question_3, region_names

pytestmark = pytest.mark.django_db
LANGS = ["en", "zh-hans"]
PAGE = "/{lang}/partner-assistance/"


@pytest.fixture
def question():
    return make_question_3()


@pytest.fixture
def programme(question):
    return make_hubei_pairing(question)


def region(code):
    return Region.objects.get(code=code)


def page(client, lang, **params):
    response = client.get(PAGE.format(lang=lang), params)
    assert response.status_code == 200
    return response, response.content.decode()


# The page


@pytest.mark.parametrize("order", ["recipient", "supporter"])
@pytest.mark.parametrize("lang", LANGS)
def test_page_lists_every_region_name_in_the_readers_language(client, programme, lang, order):
    response, html = page(client, lang, order=order)
    table = html[html.index('<table id="pairing-table"') : html.index("</table>")]
    names = region_names(lang)
    assert len(names) == 35
    for name in names:
        assert f">{name}</a>" in table, name
    assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("lang", LANGS)
def test_counts_come_from_the_database_and_totals_are_shown(client, programme, lang):
    response, html = page(client, lang)
    assert response.context["counts"] == {"pairings": 21, "supporters": 19, "recipients": 16}
    for figure in ["<dd>19</dd>", "<dd>16</dd>", "<dd>21</dd>", "<dd>63</dd>", "<dd>7,425</dd>"]:
        assert figure in html
    assert "31,207" not in html and "31207" not in html


@pytest.mark.parametrize(
    "lang, announced, organiser, headline",
    [
        (
            "en",
            "Feb. 10, 2020",
            'National Health Commission (<span lang="zh-hans">国家卫生健康委员会</span>)',
            "as reported by People&#x27;s Daily Online",
        ),
        (
            "zh-hans",
            "2020年2月10日",
            '国家卫生健康委员会（<span lang="en">National Health Commission</span>）',
            "据人民网报道：《国家卫健委：19省份对口支援湖北16市州及县级市》",
        ),
    ],
)
def test_source_announcement_and_link_to_question_3(client, programme, question, lang, announced, organiser, headline):
    response, html = page(client, lang)
    assert announced in html and organiser in html and headline in html
    assert f'href="{question.url_for(lang)}"' in html


def test_draft_source_question_is_not_linked(client, programme, question):
    question.status = question.DRAFT
    question.save()
    response, html = page(client, "en")
    assert question.url_for("en") not in html


@pytest.mark.parametrize("lang", LANGS)
def test_question_3_links_to_the_pairing_table(client, programme, question, lang):
    html = client.get(question.url_for(lang)).content.decode()
    assert f'href="{PAGE.format(lang=lang)}"' in html
    assert ("Partner assistance to Hubei, 2020" if lang == "en" else "2020年对口支援湖北") in html


def test_other_questions_do_not_link_to_the_pairing_table(client, programme, question):
    other = QuestionFactory(series=question.series, number=4, title_en="Another question", body_en="Text.")
    html = client.get(other.url_for("en")).content.decode()
    assert 'class="see-also"' not in html and "The pairing table" not in html


@pytest.mark.parametrize("lang, label", [("en", "Partner assistance"), ("zh-hans", "对口支援")])
def test_main_navigation_and_home_link_to_the_page(client, programme, lang, label):
    html = client.get(f"/{lang}/").content.decode()
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    assert f'<a href="/{lang}/partner-assistance/">{label}</a>' in nav
    explore = html.split('class="explore"')[1]
    assert f'href="/{lang}/partner-assistance/"' in explore


@pytest.mark.parametrize("lang", LANGS)
def test_ordering_switch_with_plain_links(client, programme, lang):
    response, html = page(client, lang)
    assert response.context["order"] == "recipient"
    assert 'href="?order=supporter"' in html and 'href="?order=recipient"' not in html
    rows = [group.region.code for group in response.context["groups"]]
    assert len(rows) == 16 and rows == sorted(rows)

    response, html = page(client, lang, order="supporter")
    assert response.context["order"] == "supporter"
    assert 'href="?order=recipient"' in html and 'href="?order=supporter"' not in html
    groups = {group.region.code: [r.code for r in group.partners] for group in response.context["groups"]}
    assert len(groups) == 19
    assert groups["shanxi"] == ["qianjiang", "tianmen", "xiantao"]
    assert "<script" not in html


@pytest.mark.parametrize("bad", ["bogus", "", "<script>alert(1)</script>", "recipient'"])
def test_invalid_order_falls_back_to_the_default(client, programme, bad):
    response, html = page(client, "en", order=bad)
    assert response.context["order"] == "recipient"
    assert "alert(1)" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_page_is_404_without_the_programme(client, lang):
    assert client.get(PAGE.format(lang=lang)).status_code == 404
    assert client.get(f"/{lang}/partner-assistance/pairings.csv").status_code == 404


def test_programme_without_pairs_renders(client):
    ProgrammeFactory(slug=PROGRAMME_SLUG, name_en="Empty")
    response, html = page(client, "en")
    assert response.context["counts"] == {"pairings": 0, "supporters": 0, "recipients": 0}
    assert "No pairs have been entered for this programme yet." in html
    assert client.get("/en/partner-assistance/pairings.csv").content.decode("utf-8-sig").count("\n") == 1


# The diagram


@pytest.mark.parametrize("lang", LANGS)
def test_diagram_is_accessible_svg_with_one_line_per_pair(client, programme, lang):
    response, html = page(client, lang)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="pairing-diagram-title">' in svg and '<desc id="pairing-diagram-desc">' in svg
    assert 'aria-describedby="pairing-diagram-desc pairing-table"' in svg
    assert 'id="pairing-table"' in html
    assert svg.count("<line ") == 21
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert width <= 320 and height > 19 * 17
    assert "," not in re.search(r'viewBox="([^"]+)"', svg).group(1)
    texts = "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
    shanxi = "Shanxi" if lang == "en" else "山西省"
    assert shanxi in texts


def test_diagram_lines_do_not_cross(programme):
    from qa.pairings.table import diagram

    layout = diagram(list(Pairing.objects.for_programme(programme)), "en")
    links = sorted(layout.links, key=lambda link: (link[1], link[3]))
    right_ends = [link[3] for link in links]
    assert right_ends == sorted(right_ends)


def test_names_are_escaped_in_table_and_diagram(client, programme):
    evil = RegionFactory(code="evil", name_en="<b>Evil</b> & Co", name_zh_hans="坏", kind="province")
    PairingFactory(programme=programme, supporter=evil, supported=region("xiaogan"))
    html = page(client, "en")[1]
    assert "<b>Evil</b>" not in html
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html


def test_wrap_label_fits_the_column():
    assert wrap_label("恩施土家族苗族自治州") == ["恩施土家族", "苗族自治州"]
    assert wrap_label("山西省") == ["山西省"]
    lines = wrap_label("Enshi Tujia and Miao Autonomous Prefecture")
    assert " ".join(lines) == "Enshi Tujia and Miao Autonomous Prefecture"
    assert all(len(line) <= 16 for line in lines)


# Region views


@pytest.mark.parametrize("lang", LANGS)
def test_region_view_lists_support_given(client, programme, lang):
    html = client.get(f"/{lang}/partner-assistance/regions/shanxi/").content.decode()
    names = ["Xiantao", "Tianmen", "Qianjiang"] if lang == "en" else ["仙桃市", "天门市", "潜江市"]
    for name in names:
        assert f">{name}</a>" in html
    assert f'href="/{lang}/partner-assistance/regions/tianmen/"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_region_view_lists_support_received_and_parent(client, programme, lang):
    html = client.get(f"/{lang}/partner-assistance/regions/xiaogan/").content.decode()
    names = ["Chongqing", "Heilongjiang", "Hubei"] if lang == "en" else ["重庆市", "黑龙江省", "湖北省"]
    for name in names:
        assert f">{name}</a>" in html
    assert "Jiangsu" not in html and "江苏省" not in html  # the superseded 7 February list


def test_region_without_pairs_lists_its_children(client, programme):
    response = client.get("/en/partner-assistance/regions/hubei/")
    assert response.status_code == 200
    assert len(response.context["children"]) == 16
    assert "This region has no pairs in this programme." in response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ["atlantis", "UPPER", "xiao-gan"])
def test_unknown_region_is_404(client, programme, lang, code):
    assert client.get(f"/{lang}/partner-assistance/regions/{code}/").status_code == 404


def test_region_names_on_the_page_link_to_region_views(client, programme):
    html = page(client, "en")[1]
    for code in ["hebei", "shennongjia", "inner-mongolia", "enshi"]:
        assert f'href="/en/partner-assistance/regions/{code}/"' in html


# Downloads


def test_csv_download(client, programme):
    response = client.get("/en/partner-assistance/pairings.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{PROGRAMME_SLUG}-pairings.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert header[:8] == list(csv_rows()[0].keys())
    assert header[8:] == ["medical_teams", "medical_staff"]
    assert len(body) == 21
    expected = sorted(tuple(row.values()) for row in csv_rows())
    assert sorted(tuple(row[:8]) for row in body) == expected
    assert all(row[8:] == ["", ""] for row in body)


def test_csv_is_the_same_in_both_languages(client, programme):
    assert client.get("/en/partner-assistance/pairings.csv").content == client.get(
        "/zh-hans/partner-assistance/pairings.csv"
    ).content


def test_json_download(client, programme):
    response = client.get("/zh-hans/partner-assistance/pairings.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["programme"] == {
        "slug": PROGRAMME_SLUG,
        "name": {"en": "Partner assistance to Hubei, 2020", "zh-hans": "2020年对口支援湖北"},
        "organiser": {"en": "National Health Commission", "zh-hans": "国家卫生健康委员会"},
        "citation": {"en": programme.citation_en, "zh-hans": programme.citation_zh_hans},
        "announced": "2020-02-10",
        "totals": {"medical_teams": 63, "medical_staff": 7425},
    }
    assert data["counts"] == {"pairings": 21, "supporters": 19, "recipients": 16}
    assert len(data["pairings"]) == 21
    first = next(p for p in data["pairings"] if p["supported"]["code"] == "enshi")
    assert first == {
        "supporter": {"code": "tianjin", "name": {"en": "Tianjin", "zh-hans": "天津市"}, "kind": "municipality"},
        "supported": {
            "code": "enshi",
            "name": {"en": "Enshi Tujia and Miao Autonomous Prefecture", "zh-hans": "恩施土家族苗族自治州"},
            "kind": "autonomous-prefecture",
        },
        "medical_teams": None,
        "medical_staff": None,
        "note": {"en": "", "zh-hans": ""},
    }
    assert "恩施" in response.content.decode()  # not \u-escaped


@pytest.mark.parametrize("lang", LANGS)
def test_page_links_the_downloads(client, programme, lang):
    html = page(client, lang)[1]
    assert f'href="/{lang}/partner-assistance/pairings.csv"' in html
    assert f'href="/{lang}/partner-assistance/pairings.json"' in html


def test_sitemap_lists_the_page(client, programme):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/en/partner-assistance/" in xml and "http://testserver/zh-hans/partner-assistance/" in xml


# Constraints


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


# Admin


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def programme_form(programme, rows, existing=()):
    """POST data for the programme change form: ``existing`` pairings kept, then new ``rows``."""
    data = {
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
    forms = [(p.pk, p.supporter_id, p.supported_id) for p in existing]
    forms += [("", region(a).pk, region(b).pk) for a, b in rows]
    for index, (pk, supporter, supported) in enumerate(forms):
        data.update(
            {
                f"pairings-{index}-id": pk,
                f"pairings-{index}-programme": programme.pk,
                f"pairings-{index}-supporter": supporter,
                f"pairings-{index}-supported": supported,
                f"pairings-{index}-medical_teams": "",
                f"pairings-{index}-medical_staff": "",
                f"pairings-{index}-note_en": "",
                f"pairings-{index}-note_zh_hans": "",
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


# The shipped content


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_bundle_gives_the_verified_table(client, lang):
    bundle = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"
    call_command("import_content", str(bundle), stdout=io.StringIO())
    response, html = page(client, lang)
    assert response.context["counts"] == {"pairings": 21, "supporters": 19, "recipients": 16}
    for name in region_names(lang):
        assert f">{name}</a>" in html, name
    assert "人民网" in html or "People&#x27;s Daily Online" in html
    question = response.context["programme"].source_question
    assert question.number == 3 and f'href="{question.url_for(lang)}"' in html
    pairs = {(p.supporter.code, p.supported.code) for p in Pairing.objects.select_related("supporter", "supported")}
    assert pairs == {(row["supporter_code"], row["supported_code"]) for row in csv_rows()}


# Queries


def grow(programme, count=50):
    """Add ``count`` more supporting regions, each paired with a new recipient."""
    hubei = region("hubei")
    for index in range(count):
        supporter = RegionFactory(
            code=f"extra-{index}", name_en=f"Extra {index}", name_zh_hans=f"增补{index}", kind="province"
        )
        supported = RegionFactory(
            code=f"city-{index}",
            name_en=f"City {index}",
            name_zh_hans=f"城市{index}",
            kind="prefecture-level-city",
            parent=hubei,
        )
        PairingFactory(programme=programme, supporter=supporter, supported=supported)
        PairingFactory(programme=programme, supporter=supporter, supported=region("xiaogan"))


QUERY_BUDGETS = [
    ("/{lang}/partner-assistance/", 3),
    ("/{lang}/partner-assistance/?order=supporter", 3),
    ("/{lang}/partner-assistance/regions/xiaogan/", 4),
    ("/{lang}/partner-assistance/regions/hubei/", 4),
    ("/{lang}/partner-assistance/pairings.csv", 2),
    ("/{lang}/partner-assistance/pairings.json", 3),
]


@pytest.mark.parametrize("lang", LANGS)
def test_queries_stay_flat_as_pairings_grow(client, programme, question, django_assert_max_num_queries, lang):
    budgets = [(url.format(lang=lang), most) for url, most in QUERY_BUDGETS] + [(question.url_for(lang), 5)]
    for grown in (False, True):
        if grown:
            grow(programme)
            assert Pairing.objects.count() == 121
        for url, most in budgets:
            with django_assert_max_num_queries(most):
                assert client.get(url).status_code == 200, url
    assert len(client.get(PAGE.format(lang=lang)).context["diagram"].links) == 121
