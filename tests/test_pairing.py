"""Partner assistance for readers: the list of programmes, each programme's page and diagram, the shipped table
and query counts. Region pages, downloads and the admin have their own test_pairing_*.py files."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.languages import language_tag
from qa.models import Pairing, Programme
from qa.pairings.table import wrap_label
from tests.factories import PairingFactory, ProgrammeFactory, QuestionFactory, RegionFactory
from tests.pairing_data import (
    HUBEI_NAME,
    LANGS,
    LIST,
    PAGE,
    PROGRAMME_SLUG,
    SECOND_NAME,
    SECOND_SLUG,
    add_programmes,
    csv_rows,
    get_page,
    grow,
    region,
    region_names,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(programme):
    return programme.source_question


def page(client, lang, **params):
    return get_page(client, PAGE.format(lang=lang), **params)


# The list of programmes


@pytest.mark.parametrize("lang", LANGS)
def test_list_shows_every_programme_newest_first_with_counts(client, second, lang):
    response, html = get_page(client, LIST.format(lang=lang))
    assert [p.slug for p in response.context["programmes"]] == [PROGRAMME_SLUG, SECOND_SLUG]
    items = html.split('class="author-list programme-list"')[1].split("</ul>")[0]
    hubei, wenchuan = items.index(HUBEI_NAME[lang]), items.index(SECOND_NAME[lang])
    assert hubei < wenchuan
    assert f'<a href="/{lang}/partner-assistance/{PROGRAMME_SLUG}/">' in items
    assert f'<a href="/{lang}/partner-assistance/{SECOND_SLUG}/">' in items
    if lang == "en":
        assert "Announced by the National Health Commission" in items and "on 10 February 2020." in items
        assert "on 11 June 2008." in items
        assert "21 pairs · 19 supporting regions · 16 supported regions" in items
        assert "3 pairs · 3 supporting regions · 3 supported regions" in items
    else:
        assert "国家卫生健康委员会" in items and "于2020年2月10日公布。" in items
        assert "国务院办公厅" in items and "于2008年6月11日公布。" in items
        assert "21对 · 19个支援地区 · 16个受援地区" in items
        assert "3对 · 3个支援地区 · 3个受援地区" in items
    assert f'href="/{lang}/partner-assistance/pairings.csv"' in html
    assert f'href="/{lang}/partner-assistance/pairings.json"' in html
    assert 'class="breadcrumb"' in html and f'<html lang="{language_tag(lang)}">' in html


def test_list_counts_a_region_once_however_many_pairs_it_has(client, programme):
    response, html = get_page(client, "/en/partner-assistance/")
    [hubei] = response.context["programmes"]
    assert hubei.counts == {"pairings": 21, "supporters": 19, "recipients": 16}


@pytest.mark.parametrize("order", ["supporter", "recipient", "bogus"])
def test_the_old_hubei_address_with_an_order_opens_the_list(client, programme, order):
    """The Hubei table used to be /<lang>/partner-assistance/?order=...: the list ignores the order."""
    response, html = get_page(client, "/en/partner-assistance/", order=order)
    assert "qa/programme_list.html" in [t.name for t in response.templates]
    assert f'href="/en/partner-assistance/{PROGRAMME_SLUG}/"' in html
    assert "?order=" not in html


@pytest.mark.parametrize(
    "lang, empty", [("en", "No partner-assistance programme"), ("zh-hans", "尚未发布对口支援项目")]
)
def test_list_without_programmes_says_so(client, lang, empty):
    response, html = get_page(client, LIST.format(lang=lang))
    assert empty in html


# A programme's page


@pytest.mark.parametrize("order", ["recipient", "supporter"])
@pytest.mark.parametrize("lang", LANGS)
def test_page_lists_every_region_name_in_the_readers_language(client, programme, lang, order):
    response, html = page(client, lang, order=order)
    table = html[html.index('<table id="pairing-table"') : html.index("</table>")]
    names = region_names(lang)
    assert len(names) == 35
    for name in names:
        assert f">{name}</a>" in table, name
    assert f'<html lang="{language_tag(lang)}">' in html


@pytest.mark.parametrize("lang", LANGS)
def test_counts_come_from_the_database_and_totals_are_shown(client, programme, lang):
    response, html = page(client, lang)
    assert response.context["counts"] == {"pairings": 21, "supporters": 19, "recipients": 16}
    for figure in ["<dd>19</dd>", "<dd>16</dd>", "<dd>21</dd>", "<dd>63</dd>", "<dd>7,425</dd>"]:
        assert figure in html
    assert ("for the programme as a whole" if lang == "en" else "整个项目的总数") in html
    assert "31,207" not in html and "31207" not in html


@pytest.mark.parametrize(
    "lang, announced, organiser, headline",
    [
        (
            "en",
            "10 February 2020",
            'National Health Commission (<span lang="zh-Hans">国家卫生健康委员会</span>)',
            "as reported by People&#x27;s Daily Online",
        ),
        (
            "zh-hans",
            "2020年2月10日",
            "国家卫生健康委员会于2020年2月10日公布。",
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
def test_page_has_a_breadcrumb_back_to_the_list(client, programme, lang):
    html = page(client, lang)[1]
    crumbs = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert f'<a href="/{lang}/partner-assistance/">{"Partner assistance" if lang == "en" else "对口支援"}</a>' in crumbs
    assert f'<li aria-current="page">{HUBEI_NAME[lang]}</li>' in crumbs
    assert 'class="back"><a href="/{}/partner-assistance/">'.format(lang) in html


@pytest.mark.parametrize("lang", LANGS)
def test_question_3_links_to_its_programme(client, programme, question, lang):
    html = client.get(question.url_for(lang)).content.decode()
    assert f'href="{programme.url_for(lang)}"' in html
    assert HUBEI_NAME[lang] in html


def test_other_questions_do_not_link_to_the_pairing_table(client, programme, question):
    other = QuestionFactory(series=question.series, number=4, title_en="Another question", body_en="Text.")
    html = client.get(other.url_for("en")).content.decode()
    assert 'class="see-also"' not in html and "The pairing table" not in html


@pytest.mark.parametrize("lang, label", [("en", "Partner assistance"), ("zh-hans", "对口支援")])
def test_main_navigation_and_home_link_to_the_list(client, programme, lang, label):
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


def test_language_switch_keeps_the_order(client, programme):
    html = page(client, "en", order="supporter")[1]
    assert f'href="/zh-hans/partner-assistance/{PROGRAMME_SLUG}/?order=supporter"' in html


@pytest.mark.parametrize("bad", ["bogus", "", "<script>alert(1)</script>", "recipient'"])
def test_invalid_order_falls_back_to_the_default(client, programme, bad):
    response, html = page(client, "en", order=bad)
    assert response.context["order"] == "recipient"
    assert "alert(1)" not in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tail", ["", "pairings.csv", "pairings.json"])
def test_unknown_programme_is_404(client, programme, lang, tail):
    assert client.get(f"/{lang}/partner-assistance/no-such-programme/{tail}").status_code == 404


def test_programme_without_pairs_renders(client):
    ProgrammeFactory(slug="empty", name_en="Empty")
    response, html = get_page(client, "/en/partner-assistance/empty/")
    assert response.context["counts"] == {"pairings": 0, "supporters": 0, "recipients": 0}
    assert "No pairs have been entered for this programme yet." in html
    assert client.get("/en/partner-assistance/empty/pairings.csv").content.decode("utf-8-sig").count("\n") == 1
    assert "0 pairs · 0 supporting regions · 0 supported regions" in get_page(client, "/en/partner-assistance/")[1]


@pytest.mark.parametrize("lang", LANGS)
def test_second_programme_has_its_own_page_table_and_downloads(client, second, lang):
    response, html = get_page(client, second.url_for(lang))
    assert response.context["programme"] == second
    assert response.context["counts"] == {"pairings": 3, "supporters": 3, "recipients": 3}
    table = html[html.index('<table id="pairing-table"') : html.index("</table>")]
    names = (
        ["Mianzhu", "Pengzhou", "Chongzhou", "Jiangsu"] if lang == "en" else ["绵竹市", "彭州市", "崇州市", "江苏省"]
    )
    for name in names:
        assert f">{name}</a>" in table
    assert "Xiaogan" not in table and "孝感市" not in table
    assert html[html.index("<svg") : html.index("</svg>")].count("<line ") == 3
    assert f"<h1>{SECOND_NAME[lang]}</h1>" in html
    assert f'href="/{lang}/partner-assistance/{SECOND_SLUG}/pairings.csv"' in html
    assert f'href="/{lang}/partner-assistance/{SECOND_SLUG}/pairings.json"' in html
    assert "Question 3" not in html and "第3问" not in html  # no source question
    assert "pairing-figures" in html and "<dd>3</dd>" in html
    assert "for the programme as a whole" not in html and "整个项目" not in html  # it has no totals

    download = client.get(f"/{lang}/partner-assistance/{SECOND_SLUG}/pairings.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(download, newline="")))[1:]
    assert [(row[0], row[4]) for row in rows] == [
        ("chongqing", "chongzhou"),
        ("jiangsu", "mianzhu"),
        ("fujian", "pengzhou"),
    ]
    data = client.get(f"/{lang}/partner-assistance/{SECOND_SLUG}/pairings.json").json()
    assert data["programme"]["slug"] == SECOND_SLUG and data["programme"]["announced"] == "2008-06-11"
    assert data["counts"] == {"pairings": 3, "supporters": 3, "recipients": 3} and len(data["pairings"]) == 3


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
    assert f'href="{PAGE.format(lang=lang)}"' in get_page(client, LIST.format(lang=lang))[1]


# Queries


# A page's own queries, plus what every page of the site costs (LAYOUT: the footer's list of pages);
# the downloads render no page.
LAYOUT = 1
QUERY_BUDGETS = [
    ("/{lang}/partner-assistance/", 1 + LAYOUT),
    ("/{lang}/partner-assistance/?order=supporter", 1 + LAYOUT),
    (PAGE, 2 + LAYOUT),
    (PAGE + "?order=supporter", 2 + LAYOUT),
    ("/{lang}/partner-assistance/regions/xiaogan/", 3 + LAYOUT),
    ("/{lang}/partner-assistance/regions/hubei/", 3 + LAYOUT),
    ("/{lang}/partner-assistance/regions/shanxi/", 3 + LAYOUT),
    ("/{lang}/partner-assistance/pairings.csv", 1),
    ("/{lang}/partner-assistance/pairings.json", 2),
    (PAGE + "pairings.csv", 2),
    (PAGE + "pairings.json", 2),
]


def query_counts(client, lang, *extra):
    """Queries per address (each within its budget); ``extra`` addresses are counted without a budget."""
    counts = {}
    for url, most in [*QUERY_BUDGETS, *((url, None) for url in extra)]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url.format(lang=lang)).status_code == 200, url
        counts[url] = len(queries)
        assert most is None or len(queries) <= most, (url, len(queries))
    return counts


@pytest.mark.parametrize("lang", LANGS)
def test_queries_stay_flat_as_pairings_grow(client, programme, question, lang):
    before = query_counts(client, lang, question.url_for(lang))
    grow(programme)
    assert Pairing.objects.count() == 121
    assert query_counts(client, lang, question.url_for(lang)) == before
    assert len(client.get(PAGE.format(lang=lang)).context["diagram"].links) == 121


@pytest.mark.parametrize("lang", LANGS)
def test_queries_are_the_same_with_one_and_with_five_programmes(client, programme, question, lang):
    one = query_counts(client, lang, question.url_for(lang))
    add_programmes(4)
    Programme.objects.exclude(slug=PROGRAMME_SLUG).update(source_question=question)
    assert Programme.objects.count() == 5
    response = client.get(LIST.format(lang=lang))
    assert len(response.context["programmes"]) == 5
    assert len(response.context["programmes"][0].counts) == 3
    assert len(client.get(f"/{lang}/partner-assistance/regions/xiaogan/").context["programmes"]) == 5
    assert len(client.get(f"/{lang}/partner-assistance/regions/hubei/").context["children_programmes"]) == 5
    assert len(client.get(f"/{lang}/partner-assistance/pairings.json").json()["programmes"]) == 5
    assert len(client.get(question.url_for(lang)).context["question"].programmes.all()) == 5
    assert query_counts(client, lang, question.url_for(lang)) == one
