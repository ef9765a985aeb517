"""Search finds the regions and partner-assistance programmes a query names, on the page and in the API."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qa.models import Region
from qa.search.places import chinese_forms, english_forms, find_places
from qa.search.query import parse_query
from tests.factories import PairingFactory, ProgrammeFactory, QuestionFactory, RegionFactory
from tests.pairing_data import PROGRAMME_SLUG, SECOND_SLUG, make_hubei_pairing, make_second_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing(hub_series):
    programme = make_hubei_pairing()
    make_second_programme()
    RegionFactory(code="xian", name_en="Xi'an", name_zh_hans="西安市", kind="prefecture-level-city")
    return programme


def region_codes(query):
    return [region.code for region in find_places(parse_query(query)).regions]


def programme_slugs(query):
    return [programme.slug for programme in find_places(parse_query(query)).programmes]


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200
    return json.loads(response.content)


# --- Matching ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query, codes",
    [
        ("Xiaogan", ["xiaogan"]),
        ("xiaogan", ["xiaogan"]),
        ("XIAOGAN", ["xiaogan"]),
        ("ｘｉａｏｇａｎ", ["xiaogan"]),
        ("孝感", ["xiaogan"]),
        ("孝感市", ["xiaogan"]),
        ("Heilongjiang", ["heilongjiang"]),
        ("黑龙江", ["heilongjiang"]),
        ("黑龙江省", ["heilongjiang"]),
        ("Xiaogan partner assistance", ["xiaogan"]),
        ("孝感对口支援", ["xiaogan"]),
        ("黑龙江省支援孝感市", ["heilongjiang", "xiaogan"]),  # in the order the query names them
        ("Xiaogan Heilongjiang", ["xiaogan", "heilongjiang"]),
        ("Guangxi", ["guangxi"]),
        ("广西", ["guangxi"]),
        ("广西壮族自治区", ["guangxi"]),
        ("inner mongolia", ["inner-mongolia"]),
        ("内蒙古", ["inner-mongolia"]),
        ("enshi", ["enshi"]),
        ("恩施州", ["enshi"]),
        ("Shennongjia", ["shennongjia"]),
        ("神农架", ["shennongjia"]),
        ("xi'an", ["xian"]),
        ("Xian", ["xian"]),
        ('"Xiaogan"', ["xiaogan"]),
    ],
)
def test_a_region_is_found_by_its_name_in_either_language(pairing, query, codes):
    assert region_codes(query) == codes


@pytest.mark.parametrize(
    "query",
    [
        "x", "a", "i", "an", "xiao", "gan", "xiaoganx", "heilong", "孝", "感", "黑", "龙江", "省", "市", "自治区",
        "region", "autonomous", "city", "inner", "mongolia", "zhuang", "壮族", "AND", "*", "😷", "xiao gan",
    ],
)
def test_no_silly_matches(pairing, query):
    assert region_codes(query) == []


def test_forms_of_names():
    assert english_forms("Enshi Tujia and Miao Autonomous Prefecture") == {
        ("enshi", "tujia", "and", "miao", "autonomous", "prefecture"),
        ("enshi",),
    }
    assert chinese_forms("恩施土家族苗族自治州") == {"恩施土家族苗族自治州", "恩施土家族苗族", "恩施"}
    assert chinese_forms("黔东南苗族侗族自治州") >= {"黔东南"}
    assert chinese_forms("内蒙古自治区") == {"内蒙古自治区", "内蒙古"}  # never cut to one character
    assert chinese_forms("西藏自治区") == {"西藏自治区", "西藏"}


def test_a_region_name_finds_the_programmes_that_pair_it(pairing):
    assert programme_slugs("Xiaogan") == [PROGRAMME_SLUG]
    assert programme_slugs("孝感") == [PROGRAMME_SLUG]
    # Chongqing supported Xiaogan in 2020 and Chongzhou in 2008.
    assert sorted(programme_slugs("重庆")) == sorted([PROGRAMME_SLUG, SECOND_SLUG])
    assert programme_slugs("Chongzhou") == [SECOND_SLUG]


def test_a_province_finds_the_programmes_pairing_the_regions_within_it(pairing):
    relief = PairingFactory(
        programme=ProgrammeFactory(name_en="Flood relief, 1998", name_zh_hans="1998年抗洪救灾"),
        supported=Region.objects.get(code="xianning"),
    ).programme

    assert programme_slugs("Sichuan") == [SECOND_SLUG]  # Mianzhu, Pengzhou and Chongzhou are in Sichuan
    assert programme_slugs("四川省") == [SECOND_SLUG]
    assert programme_slugs("湖北") == [PROGRAMME_SLUG, relief.slug]  # 21 pairs in Hubei, then one


def test_a_programme_is_found_by_every_significant_word_of_its_name(pairing):
    assert programme_slugs("Wenchuan earthquake") == [SECOND_SLUG]
    assert programme_slugs("the reconstruction of Wenchuan") == [SECOND_SLUG]  # stop words dropped
    assert programme_slugs("汶川地震") == [SECOND_SLUG]
    assert sorted(programme_slugs("partner assistance")) == sorted([PROGRAMME_SLUG, SECOND_SLUG])
    assert programme_slugs("partner assistance vaccines") == []
    assert programme_slugs("the") == []
    assert programme_slugs("援") == []


def test_programmes_pairing_the_regions_come_before_those_only_named(pairing):
    # The 2008 programme is named "partner assistance" too, but not "Xiaogan", and pairs no region of the query.
    assert programme_slugs("Xiaogan partner assistance") == [PROGRAMME_SLUG]
    assert programme_slugs("Chongqing Xiaogan") == [PROGRAMME_SLUG, SECOND_SLUG]  # two pairs, then one


def test_at_most_ten_regions_and_five_programmes(hub_series):
    regions = [
        RegionFactory(code=f"xiaogan-{n}", name_en="Xiaogan", name_zh_hans="孝感市", kind="prefecture-level-city")
        for n in range(12)
    ]
    for n in range(7):
        PairingFactory(programme=ProgrammeFactory(), supporter=RegionFactory(), supported=regions[n])

    places = find_places(parse_query("Xiaogan"))

    assert len(places.regions) == 10
    assert len(places.programmes) == 5


def test_query_count_is_the_same_for_few_or_many_regions(client, hub_series):
    def count(query):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/search/", {"q": query}).status_code == 200
        return len(queries)

    xiaogan = RegionFactory(code="xiaogan", name_en="Xiaogan", name_zh_hans="孝感市", kind="prefecture-level-city")
    PairingFactory(supported=xiaogan)
    few = count("Xiaogan 孝感")
    Region.objects.bulk_create(
        RegionFactory.build(code=f"place-{n}", name_en=f"Place {n}", name_zh_hans=f"地方{n}") for n in range(400)
    )
    for _ in range(5):
        PairingFactory(supported=xiaogan)

    assert count("Xiaogan 孝感") == few
    assert count("place 1") == few


# --- The search page ---------------------------------------------------------


def test_the_page_shows_regions_and_programmes_above_the_questions(client, pairing):
    question = QuestionFactory(title_en="Help for Xiaogan", title_zh_hans="支援孝感")
    xiaogan = Region.objects.get(code="xiaogan")

    english = client.get("/en/search/", {"q": "Xiaogan"}).content.decode()
    link = '<a href="/en/partner-assistance/regions/xiaogan/">Xiaogan (<span lang="zh-Hans">孝感市</span>)</a>'
    assert link in english
    assert "prefecture-level city in Hubei" in english
    assert f'<a href="/en/partner-assistance/{PROGRAMME_SLUG}/">Partner assistance to Hubei, 2020' in english
    assert f"Announced on {pairing.announced_display}." in english
    assert english.index(xiaogan.get_absolute_url()) < english.index(question.url_for("en"))
    assert "1 question matches “Xiaogan”." in english

    chinese = client.get("/zh-hans/search/", {"q": "孝感"}).content.decode()
    link = '<a href="/zh-hans/partner-assistance/regions/xiaogan/">孝感市（<span lang="en">Xiaogan</span>）</a>'
    assert link in chinese
    assert "地级市" in chinese and "湖北省" in chinese
    assert f'<a href="/zh-hans/partner-assistance/{PROGRAMME_SLUG}/">2020年对口支援湖北' in chinese
    assert chinese.index("/zh-hans/partner-assistance/regions/xiaogan/") < chinese.index(question.url_for("zh-hans"))


def test_places_without_questions_are_not_called_nothing(client, pairing):
    english = client.get("/en/search/", {"q": "Heilongjiang"}).content.decode()
    assert "/en/partner-assistance/regions/heilongjiang/" in english
    assert "No published questions match “Heilongjiang”: only the regions and programmes above." in english

    chinese = client.get("/zh-hans/search/", {"q": "黑龙江省"}).content.decode()
    assert "/zh-hans/partner-assistance/regions/heilongjiang/" in chinese
    assert "没有已发布的问答与“黑龙江省”匹配。" not in chinese

    nothing = client.get("/en/search/", {"q": "ventilators"}).content.decode()
    assert "No published questions match “ventilators”." in nothing
    assert "regions-title" not in nothing


def test_places_are_on_the_first_page_only(client, pairing):
    for n in range(12):
        QuestionFactory(title_en=f"Xiaogan {n}")

    assert "/en/partner-assistance/regions/xiaogan/" in client.get("/en/search/", {"q": "xiaogan"}).content.decode()
    second = client.get("/en/search/", {"q": "xiaogan", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second
    assert "/en/partner-assistance/regions/xiaogan/" not in second


# --- The API -----------------------------------------------------------------


def test_api_lists_regions_and_programmes(client, pairing):
    english = api(client, q="Xiaogan")
    assert english["count"] == 0 and english["results"] == []
    assert english["regions"] == [
        {
            "code": "xiaogan",
            "kind": "prefecture-level-city",
            "name": "Xiaogan",
            "language": "en",
            "url": "http://testserver/en/partner-assistance/regions/xiaogan/",
        }
    ]
    assert english["programmes"] == [
        {
            "slug": PROGRAMME_SLUG,
            "name": "Partner assistance to Hubei, 2020",
            "language": "en",
            "url": f"http://testserver/en/partner-assistance/{PROGRAMME_SLUG}/",
        }
    ]

    chinese = api(client, q="孝感对口支援", lang="zh-hans")
    assert chinese["regions"][0]["name"] == "孝感市"
    assert chinese["regions"][0]["url"] == "http://testserver/zh-hans/partner-assistance/regions/xiaogan/"
    assert chinese["programmes"][0]["name"] == "2020年对口支援湖北"
    assert chinese["programmes"][0]["url"] == f"http://testserver/zh-hans/partner-assistance/{PROGRAMME_SLUG}/"


def test_api_names_fall_back_to_the_other_language(client, hub_series):
    RegionFactory(code="tianmen", name_en="Tianmen", name_zh_hans="", kind="county-level-city")

    [region] = api(client, q="tianmen", lang="zh-hans")["regions"]

    assert region["name"] == "Tianmen" and region["language"] == "en"
