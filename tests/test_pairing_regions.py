"""Region pages: a region's pairs in every programme, grouped by programme; a parent whose regions were paired
(Hubei); a region with nothing; the name in the other language; the way back to the list."""

import pytest

from tests.factories import PairingFactory, ProgrammeFactory, RegionFactory
from tests.pairing_data import (
    HUBEI_NAME,
    LANGS,
    PAGE,
    PROGRAMME_SLUG,
    SECOND_NAME,
    SECOND_SLUG,
    get_page,
    region,
)

pytestmark = pytest.mark.django_db


def page(client, lang, **params):
    return get_page(client, PAGE.format(lang=lang), **params)


def region_page(client, lang, code):
    return get_page(client, f"/{lang}/partner-assistance/regions/{code}/")


@pytest.mark.parametrize("lang", LANGS)
def test_region_view_lists_support_given(client, programme, lang):
    html = region_page(client, lang, "shanxi")[1]
    names = ["Xiantao", "Tianmen", "Qianjiang"] if lang == "en" else ["仙桃市", "天门市", "潜江市"]
    for name in names:
        assert f">{name}</a>" in html
    assert f'href="/{lang}/partner-assistance/regions/tianmen/"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_region_view_lists_support_received_and_parent(client, programme, lang):
    html = region_page(client, lang, "xiaogan")[1]
    names = ["Chongqing", "Heilongjiang", "Hubei"] if lang == "en" else ["重庆市", "黑龙江省", "湖北省"]
    for name in names:
        assert f">{name}</a>" in html
    assert "Jiangsu" not in html and "江苏省" not in html  # the superseded 7 February list


@pytest.mark.parametrize(
    "lang, other",
    [
        ("en", '<p class="lead other-name" lang="zh-Hans">孝感市</p>'),
        ("zh-hans", '<p class="lead other-name" lang="en">Xiaogan</p>'),
    ],
)
def test_region_view_shows_the_name_in_the_other_language(client, programme, lang, other):
    html = region_page(client, lang, "xiaogan")[1]
    assert other in html


def test_a_region_named_in_one_language_only_is_not_named_twice(client, programme):
    RegionFactory(code="nameless", name_en="Nameless", name_zh_hans="")
    response, html = region_page(client, "zh-hans", "nameless")
    assert response.context["other_names"] == [] and "other-name" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_region_view_groups_its_pairs_by_programme(client, second, lang):
    response, html = region_page(client, lang, "jiangsu")
    assert [item.programme.slug for item in response.context["programmes"]] == [PROGRAMME_SLUG, SECOND_SLUG]
    hubei = html.index(f'<a href="/{lang}/partner-assistance/{PROGRAMME_SLUG}/">{HUBEI_NAME[lang]}</a>')
    wenchuan = html.index(f'<a href="/{lang}/partner-assistance/{SECOND_SLUG}/">{SECOND_NAME[lang]}</a>')
    huangshi, mianzhu = ("Huangshi", "Mianzhu") if lang == "en" else ("黄石市", "绵竹市")
    assert hubei < html.index(f">{huangshi}</a>") < wenchuan < html.index(f">{mianzhu}</a>")
    assert ("于2008年6月11日公布。" if lang == "zh-hans" else "Announced on 11 June 2008.") in html


@pytest.mark.parametrize(
    "lang, says",
    [
        ("en", "Hubei has no pairs of its own in any programme, but regions in it were paired:"),
        ("zh-hans", "湖北省本身在各项目中均无结对，但其下辖地区有结对："),
    ],
)
def test_hubei_says_its_cities_were_paired_and_lists_them_with_partners(client, programme, lang, says):
    response, html = region_page(client, lang, "hubei")
    assert says in html
    assert "no pairs in this programme" not in html and "该地区在本项目中没有配对" not in html
    assert response.context["programmes"] == []
    [item] = response.context["children_programmes"]
    assert item.programme == programme and item.supporters == []
    groups = {group.region.code: [r.code for r in group.partners] for group in item.recipients}
    assert len(groups) == 16 and groups["xiaogan"] == ["chongqing", "heilongjiang"]
    row = html.split(f'href="/{lang}/partner-assistance/regions/xiaogan/"')[1].split("</tr>")[0]
    for name in ["Chongqing", "Heilongjiang"] if lang == "en" else ["重庆市", "黑龙江省"]:
        assert f">{name}</a>" in row
    assert f'<a href="/{lang}/partner-assistance/{PROGRAMME_SLUG}/">{HUBEI_NAME[lang]}</a>' in html


def test_a_parent_lists_its_regions_pairs_in_every_programme(client, second):
    response, html = region_page(client, "en", "sichuan")
    [item] = response.context["children_programmes"]
    assert item.programme.slug == SECOND_SLUG
    assert [group.region.code for group in item.recipients] == ["chongzhou", "mianzhu", "pengzhou"]
    assert "Sichuan has no pairs of its own in any programme, but regions in it were paired:" in html


def test_a_region_that_supported_from_a_parent_is_shown_under_the_parent(client, programme):
    guangdong = region("guangdong")
    shenzhen = RegionFactory(
        code="shenzhen", name_en="Shenzhen", name_zh_hans="深圳市", kind="prefecture-level-city", parent=guangdong
    )
    other = ProgrammeFactory(slug="shenzhen-2021", name_en="Shenzhen programme")
    PairingFactory(programme=other, supporter=shenzhen, supported=region("enshi"))
    response, html = region_page(client, "en", "guangdong")
    assert [item.programme.slug for item in response.context["programmes"]] == [PROGRAMME_SLUG]
    assert response.context["children_programmes"] == []  # it has pairs of its own
    assert ">Shenzhen</a>" in html  # as one of the regions in it
    response = region_page(client, "en", "shenzhen")[0]
    assert [item.supports[0].code for item in response.context["programmes"]] == ["enshi"]


@pytest.mark.parametrize(
    "lang, says", [("en", "Wuhan has no pairs in any programme."), ("zh-hans", "武汉市在所有项目中均无结对。")]
)
def test_a_region_with_nothing_says_so_plainly(client, programme, lang, says):
    RegionFactory(
        code="wuhan", name_en="Wuhan", name_zh_hans="武汉市", kind="prefecture-level-city", parent=region("hubei")
    )
    response, html = region_page(client, lang, "wuhan")
    assert says in html
    assert response.context["programmes"] == [] and response.context["children_programmes"] == []
    assert f'href="/{lang}/partner-assistance/regions/hubei/"' in html  # its parent


@pytest.mark.parametrize("lang", LANGS)
def test_region_page_has_a_breadcrumb_and_a_separate_link_back(client, programme, lang):
    html = region_page(client, lang, "xiaogan")[1]
    crumbs = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert f'href="/{lang}/partner-assistance/"' in crumbs
    assert f'<p class="back"><a href="/{lang}/partner-assistance/">' in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ["atlantis", "UPPER", "xiao-gan"])
def test_unknown_region_is_404(client, programme, lang, code):
    assert client.get(f"/{lang}/partner-assistance/regions/{code}/").status_code == 404


def test_region_names_on_the_page_link_to_region_views(client, programme):
    html = page(client, "en")[1]
    for code in ["hebei", "shennongjia", "inner-mongolia", "enshi"]:
        assert f'href="/en/partner-assistance/regions/{code}/"' in html
