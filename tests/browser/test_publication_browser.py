"""The growing publication in a real browser: series indexes and their filters on a phone, breadcrumbs,
related questions, regions found by the search, printing an index, and axe on every new page."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import axe_violations, device_page, open_context
from django.utils import translation

from qa.languages import language_tag
from qa.models import Question
from tests import pairing_data
from tests.factories import AuthorFactory, PageFactory, QuestionFactory, SeriesFactory, TopicFactory

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = pytest.mark.django_db(transaction=True)
LANGS = ["en", "zh-hans"]
PHONE = {"width": 390, "height": 844}
DEVICES = {"desktop": None, "phone": PHONE}

# number: (English title, Chinese title, topics, authors, published); question 3 is the Hubei pairing's.
HUB_QUESTIONS = {
    1: ("How did hospitals prepare for patients?", "医院如何准备收治病人？", "health community", "zhou", "02-01"),
    2: ("How were supplies of masks increased?", "口罩供应如何增加？", "health economy", "li", "02-10"),
    3: ("How were provinces paired with cities in Hubei?", "各省如何对口支援湖北各市？", "partner", "zhou doe",
        "02-15"),
    4: ("How was fever screening organised?", "发热筛查如何组织？", "health", "zhou", "03-20"),
    5: ("How were small businesses supported?", "如何支持小微企业？", "economy", "li", "03-01"),
    6: ("What did community workers do?", "社区工作者做了什么？", "community", "doe", "03-05"),
    7: ("How were neighbourhoods kept safe?", "如何保障社区安全？", "health community", "zhou", "02-20"),
    8: ("How did factories return to work?", "工厂如何复工复产？", "economy", "zhou", "04-01"),
    9: ("How were medical teams sent to Wuhan?", "医疗队如何派往武汉？", "health", "li", "04-10"),
    10: ("How did schools teach online?", "学校如何开展线上教学？", "community", "li", "01-15"),
}
BRIEF_QUESTIONS = {
    1: ("How can debt relief help?", "债务减免如何发挥作用？", "economy", "li", "04-20"),
    2: ("How can vaccines reach everyone?", "疫苗如何惠及所有人？", "health", "doe", "05-01"),
}
BODY_3 = {
    "en": "Nineteen provinces each supported a city in Hubei.\n\nHeilongjiang and Chongqing supported Xiaogan.",
    "zh-hans": "19个省份分别对口支援湖北的一个城市。\n\n黑龙江省和重庆市对口支援孝感市。",
}
TOPIC_COUNTS = {
    "en": {"Community": "4", "Economy": "3", "Partner assistance": "1", "Public health": "5"},
    "zh-hans": {"社区": "4", "经济": "3", "对口支援": "1", "公共卫生": "5"},
}
NAMES = {
    "health": ("Public health", "公共卫生"),
    "zhou": ("Zhou Taidong", "周太东"),
    "li": ("Li Wei", "李伟"),
    "doe": ("Jane Doe", "Jane Doe"),
    "hub": ("Fighting the COVID-19: 100 Q&As", "抗击新冠肺炎疫情：100问"),
    "briefs": ("Global Development Briefs", "全球发展简报"),
    "xiaogan": ("Xiaogan", "孝感市"),
    "heilongjiang": ("Heilongjiang", "黑龙江省"),
    "chongqing": ("Chongqing", "重庆市"),
}


def name(key, lang):
    return NAMES[key][LANGS.index(lang)]


def in_language(lang, address):
    with translation.override(lang):
        return address()


def hub_region(lang, code):
    return in_language(lang, pairing_data.region(code).get_absolute_url)


def make_questions(series, questions, topics, authors, fields=None):
    """The questions of ``series`` by number; ``fields`` maps a number to more factory arguments."""
    made = {}
    for number, (title_en, title_zh, topic_keys, author_keys, day) in questions.items():
        made[number] = QuestionFactory(
            series=series, number=number, title_en=title_en, title_zh_hans=title_zh,
            topics=[topics[key] for key in topic_keys.split()], authors=[authors[key] for key in author_keys.split()],
            published=datetime.date.fromisoformat(f"2020-{day}"), published_precision=Question.DAY,
            **(fields or {}).get(number, {}),
        )
    return made


@pytest.fixture
def publication(transactional_db):
    """Two series (the Hub's at /qa/, "Global Development Briefs" after it), four topics, three authors,
    a dozen questions, the Hubei and Wenchuan programmes and a page in the footer."""
    hub = SeriesFactory(publisher_en="CIKD", publisher_zh_hans="中国国际发展知识中心")
    briefs = SeriesFactory(
        slug="global-development-briefs", title_en=NAMES["briefs"][0], title_zh_hans=NAMES["briefs"][1], position=1
    )
    topics = {
        "health": TopicFactory(
            slug="public-health", name_en="Public health", name_zh_hans="公共卫生",
            description_en="Hospitals, screening and medical teams.", description_zh_hans="医院、筛查与医疗队。",
        ),
        "economy": TopicFactory(slug="economy", name_en="Economy", name_zh_hans="经济"),
        "community": TopicFactory(slug="community", name_en="Community", name_zh_hans="社区"),
        "partner": TopicFactory(slug="partner-assistance", name_en="Partner assistance", name_zh_hans="对口支援"),
    }
    authors = {
        "zhou": AuthorFactory(slug="zhou-taidong", name_en="Zhou Taidong", name_zh_hans="周太东"),
        "li": AuthorFactory(slug="li-wei", name_en="Li Wei", name_zh_hans="李伟"),
        "doe": AuthorFactory(slug="jane-doe", name_en="Jane Doe", untranslated=True),
    }
    questions = make_questions(
        hub, HUB_QUESTIONS, topics, authors, {3: {"body_en": BODY_3["en"], "body_zh_hans": BODY_3["zh-hans"]}}
    )
    programme = pairing_data.make_hubei_pairing(questions[3])
    pairing_data.make_second_programme()
    return {
        "hub": hub, "briefs": briefs, "topics": topics, "authors": authors, "questions": questions,
        "brief_questions": make_questions(briefs, BRIEF_QUESTIONS, topics, authors),
        "programme": programme,
        "page": PageFactory(slug="about", title_en="About the Hub", title_zh_hans="关于知识中心"),
    }


@pytest.fixture
def site(live_server, publication):
    """The live server's address, with this module's publication in place (instead of conftest's content)."""
    return live_server.url


@pytest.fixture
def phone(browser, request):
    """A page in a touch phone's browser, 390 px wide; parametrized indirectly with False, without JavaScript."""
    javascript = getattr(request, "param", True)
    context = open_context(browser, is_mobile=True, has_touch=True, java_script_enabled=javascript)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.set_default_timeout(15000)
    yield page
    context.close()


def numbers(page):
    """The numbers of the questions listed, in order."""
    return page.locator(".question-list > li").evaluate_all("items => items.map(item => item.value)")


def facet(page, index):
    """One facet of the series index's filters: 0 topics, 1 authors, 2 order."""
    return page.locator(".index-filters .facet").nth(index)


def current(page, index):
    """The one item marked current in a facet: its position and its text."""
    items = facet(page, index).locator("li")
    marked = [i for i, item in enumerate(items.all()) if item.locator("[aria-current=true]").count()]
    assert len(marked) == 1, marked
    return marked[0], items.nth(marked[0]).locator("[aria-current=true]").inner_text()


def counts(page, index):
    """Each filter of a facet with the count shown beside it."""
    return {
        item.locator("a, [aria-current]").first.inner_text(): item.locator(".count").inner_text()
        for item in facet(page, index).locator("li:has(.count)").all()
    }


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def query_of(page):
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


@pytest.mark.parametrize("phone", [True, False], indirect=True, ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("lang", LANGS)
def test_reader_filters_and_sorts_a_series_index_on_a_phone(phone, site, publication, shoot, lang):
    page = phone
    page.goto(f"{site}/{lang}/qa/")
    assert numbers(page) == list(range(1, 11))
    assert (current(page, 0)[0], current(page, 1)[0], current(page, 2)[0]) == (0, 0, 0)
    assert counts(page, 0) == TOPIC_COUNTS[lang]
    assert scroll_width(page) <= PHONE["width"]

    link = facet(page, 0).get_by_role("link", name=name("health", lang), exact=True)
    assert link.get_attribute("href") == f"/{lang}/qa/?topic=public-health"
    link.tap()
    page.wait_for_url(re.compile(r".*\?topic=public-health$"))
    assert numbers(page) == [1, 2, 4, 7, 9]
    assert current(page, 0)[1] == name("health", lang) and current(page, 1)[0] == 0
    assert counts(page, 1) == {name("zhou", lang): "3", name("li", lang): "2"}
    assert page.locator("#questions-title").inner_text().startswith("5")
    assert scroll_width(page) <= PHONE["width"]

    facet(page, 1).get_by_role("link", name=name("zhou", lang), exact=True).tap()
    page.wait_for_url(re.compile(r".*\?author=zhou-taidong&topic=public-health$"))
    assert numbers(page) == [1, 4, 7]
    assert (current(page, 0)[1], current(page, 1)[1]) == (name("health", lang), name("zhou", lang))
    assert counts(page, 0)[name("health", lang)] == "3"
    assert page.locator("#questions-title").inner_text().startswith("3")
    assert scroll_width(page) <= PHONE["width"]

    newest = facet(page, 2).locator("a")
    assert newest.get_attribute("href") == f"/{lang}/qa/?author=zhou-taidong&order=date&topic=public-health"
    newest.tap()
    page.wait_for_url(re.compile(r".*order=date.*"))
    assert query_of(page) == {"author": "zhou-taidong", "order": "date", "topic": "public-health"}
    assert numbers(page) == [4, 7, 1]
    assert current(page, 2)[0] == 1
    assert scroll_width(page) <= PHONE["width"]
    shoot(page, f"series-filtered-{lang}")

    facet(page, 0).locator("li").first.locator("a").tap()
    page.wait_for_url(re.compile(r".*\?author=zhou-taidong&order=date$"))
    assert numbers(page) == [8, 4, 7, 3, 1]
    assert current(page, 0)[0] == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_filtered_index_does_not_scroll_sideways_at_320_pixels(page, site, publication, lang):
    page.set_viewport_size({"width": 320, "height": 640})
    for address in ["qa/", "qa/?author=zhou-taidong&order=date&topic=public-health", "topics/", "partner-assistance/"]:
        page.goto(f"{site}/{lang}/{address}")
        assert scroll_width(page) <= 320, address


@pytest.mark.parametrize("lang", LANGS)
def test_a_listed_questions_topics_share_one_line(page, site, publication, lang):
    page.goto(f"{site}/{lang}/qa/")
    meta = page.locator(".question-list > li[value='7'] .meta")
    first, second = (link.bounding_box() for link in meta.locator("a").all())
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("series, number", [("hub", 7), ("briefs", 2)])
def test_breadcrumb_leads_back_to_the_series_and_the_home_page(page, site, publication, lang, series, number):
    question = publication["questions" if series == "hub" else "brief_questions"][number]
    page.goto(site + question.url_for(lang))
    crumbs = page.locator(".breadcrumb li")
    assert crumbs.count() == 3
    assert crumbs.nth(2).get_attribute("aria-current") == "page"
    assert str(number) in crumbs.nth(2).inner_text()
    assert crumbs.nth(1).inner_text() == name(series, lang)

    crumbs.nth(1).locator("a").click()
    page.wait_for_url(site + publication[series].url_for(lang))
    expect(page.locator("h1")).to_have_text(name(series, lang))
    assert page.locator(f".question-list a[href='{question.url_for(lang)}']").count() == 1
    page.go_back()
    page.locator(".breadcrumb a").first.click()
    page.wait_for_url(f"{site}/{lang}/")
    assert page.locator(f".series-list a[href='{publication[series].url_for(lang)}']").count() == 1


@pytest.mark.parametrize("lang", LANGS)
def test_related_questions_open_the_related_question(page, site, publication, shoot, lang):
    questions, briefs = publication["questions"], publication["brief_questions"]
    page.goto(site + questions[7].url_for(lang))
    related = page.locator(".related li a")
    expected = [questions[1], briefs[2], questions[9], questions[4], questions[6]]
    assert related.evaluate_all("links => links.map(link => link.getAttribute('href'))") == [
        question.url_for(lang) for question in expected
    ]
    assert related.nth(1).inner_text().startswith(name("briefs", lang))
    assert not related.first.inner_text().startswith(name("hub", lang))
    shoot(page, f"question-related-{lang}")
    title = HUB_QUESTIONS[1][LANGS.index(lang)]
    assert related.first.inner_text().endswith(title)
    related.first.click()
    page.wait_for_url(site + questions[1].url_for(lang))
    expect(page.locator("h1")).to_have_text(title)
    assert page.locator(f".related a[href='{questions[7].url_for(lang)}']").count() == 1
    page.locator(".related a", has_text=BRIEF_QUESTIONS[2][LANGS.index(lang)]).click()
    page.wait_for_url(site + briefs[2].url_for(lang))
    assert page.locator(".breadcrumb li").nth(1).inner_text() == name("briefs", lang)


@pytest.mark.parametrize(
    "query, region, partners",
    [("Xiaogan", "xiaogan", ["heilongjiang", "chongqing"]), ("孝感", "xiaogan", ["heilongjiang", "chongqing"]),
     ("Heilongjiang", "heilongjiang", ["xiaogan"]), ("黑龙江", "heilongjiang", ["xiaogan"])],
)
@pytest.mark.parametrize("lang", LANGS)
def test_region_search_shows_the_region_above_the_questions(page, site, publication, shoot, lang, query, region,
                                                             partners):
    page.goto(f"{site}/{lang}/qa/")
    box = page.locator(".site-header input[type=search]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=.*"))
    assert parse_qs(urlsplit(page.url).query)["q"] == [query]
    address = hub_region(lang, region)
    link = page.locator(f".search-places a[href='{address}']")
    expect(link).to_have_count(1)
    assert link.inner_text().startswith(name(region, lang))
    results = page.locator(".search-results a")
    assert results.evaluate_all("links => links.map(link => link.getAttribute('href'))") == [
        publication["questions"][3].url_for(lang)
    ]
    assert link.evaluate("(link, list) => !!(link.compareDocumentPosition(list) & 4)", results.first.element_handle())
    assert link.bounding_box()["y"] < results.first.bounding_box()["y"]
    shoot(page, f"search-region-{region}-{lang}")

    link.click()
    page.wait_for_url(site + address)
    expect(page.locator("h1")).to_have_text(name(region, lang))
    section = page.locator(".region-programme", has_text=pairing_data.HUBEI_NAME[lang])
    expect(section.locator("h2 a")).to_have_attribute("href", publication["programme"].url_for(lang))
    for partner in partners:
        partner_address = hub_region(lang, partner)
        expect(section.locator(f".partners a[href='{partner_address}']")).to_have_text(name(partner, lang))


def test_printing_a_series_index_leaves_out_the_filters_and_the_pager(page, site, publication):
    for number in range(11, 102):
        QuestionFactory(series=publication["hub"], number=number, authors=[])
    page.goto(f"{site}/en/qa/")
    for selector in [".index-filters", ".index-pager"]:
        assert page.locator(selector).is_visible(), selector
    page.emulate_media(media="print")
    for selector in [".index-filters", ".index-pager", ".breadcrumb", ".search-form", ".site-nav"]:
        assert not page.locator(selector).is_visible(), selector
    assert page.locator("h1").is_visible() and page.locator(".question-list").is_visible()
    assert len(numbers(page)) == 100


# Every page of the growing publication axe checks, in both languages, on a desktop and a phone, light and dark.
PAGES = {
    "home": lambda content, lang: f"/{lang}/",
    "series": lambda content, lang: f"/{lang}/qa/",
    "series-filtered": lambda content, lang: f"/{lang}/qa/?author=zhou-taidong&order=date&topic=public-health",
    "second-series": lambda content, lang: content["briefs"].url_for(lang),
    "question-with-related": lambda content, lang: content["questions"][7].url_for(lang),
    "question-of-two-authors": lambda content, lang: content["questions"][3].url_for(lang),
    "topics": lambda content, lang: f"/{lang}/topics/",
    "topic": lambda content, lang: content["topics"]["health"].url_for(lang),
    "programmes": lambda content, lang: f"/{lang}/partner-assistance/",
    "programme": lambda content, lang: content["programme"].url_for(lang),
    "region": lambda content, lang: hub_region(lang, "xiaogan"),
    "parent-region": lambda content, lang: hub_region(lang, "hubei"),
    "search-with-regions": lambda content, lang: f"/{lang}/search/?q=" + {"en": "Xiaogan", "zh-hans": "孝感"}[lang],
    "footer-page": lambda content, lang: content["page"].url_for(lang),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_name", PAGES)
def test_publication_pages_have_no_accessibility_violations(browser, site, publication, page_name, lang, device,
                                                            scheme):
    with device_page(browser, DEVICES[device], scheme) as page:
        response = page.goto(site + PAGES[page_name](publication, lang))
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language_tag(lang)
        assert axe_violations(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_footer_page_opens_from_the_footer(page, site, publication, lang):
    page.goto(f"{site}/{lang}/qa/")
    page.locator(".site-footer a", has_text={"en": "About the Hub", "zh-hans": "关于知识中心"}[lang]).click()
    page.wait_for_url(site + publication["page"].url_for(lang))
    expect(page.locator("h1")).to_have_text({"en": "About the Hub", "zh-hans": "关于知识中心"}[lang])
