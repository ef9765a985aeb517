"""Traditional Chinese pages at /zh-hant/, converted from the Simplified text when they are shown, and the
zh_Hant catalogues converted from zh_Hans when the site is built (issue 14, point 1)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from qa import languages
from qa.catalogues import convert_catalogue, corrections, simplified_catalogues, to_traditional
from qa.languages import field_in, in_script, to_simplified, value_in
from tests import pairing_data, reading_data
from tests.factories import AuthorFactory, PageFactory, QuestionFactory, TopicFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


class ReadableText(HTMLParser):
    """The text of a page a reader sees, without scripts and styles."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.stack.append(tag in ("script", "style") or (self.stack[-1] if self.stack else False))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.parts.append(data.strip())


def readable(html):
    parser = ReadableText()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def site(db):
    content = reading_data.build()
    pairing_data.make_hubei_pairing(content["paired"])
    topic = TopicFactory(slug="partner-assistance", name_en="Partner assistance", name_zh_hans="对口支援")
    content["paired"].topics.set([topic])
    content["topic"] = topic
    content["page"] = PageFactory(
        slug="about", title_en="About", title_zh_hans="关于本站", body_zh_hans="本站发布问答。"
    )
    return content


def public_pages(site):
    with translation.override("zh-hant"):
        return {
            "home": reverse("qa:home"),
            "series index": site["series"].url_for("zh-hant"),
            "question": site["paired"].url_for("zh-hant"),
            "side by side": site["paired"].side_by_side_url_for("zh-hant"),
            "topics": reverse("qa:topics"),
            "topic": site["topic"].url_for("zh-hant"),
            "authors": reverse("qa:authors"),
            "author": site["zhou"].url_for("zh-hant"),
            "partner assistance": reverse("qa:partner-assistance"),
            "programme": reverse("qa:programme", kwargs={"slug": pairing_data.PROGRAMME_SLUG}),
            "region": reverse("qa:region", kwargs={"code": "xiaogan"}),
            "search": reverse("qa:search") + "?q=對口支援",
            "page": site["page"].url_for("zh-hant"),
        }


def simplified_address(url):
    """The Simplified page of a Traditional address (its search query in Simplified too)."""
    return url.replace("/zh-hant/", "/zh-hans/", 1).replace("對口支援", "对口支援")


def body_text(client, url):
    html = client.get(url).content.decode()
    body = re.sub(r'<p class="notice converted".*?</p>', "", html.split("<body", 1)[1], flags=re.S)
    # The language switch names each language in its own script (简体中文 on every page).
    return readable(re.sub(r'<nav class="language-switch".*?</nav>', "", body, flags=re.S))


def test_every_public_page_is_its_simplified_page_converted(client, site):
    """Every word a Traditional page shows is the Simplified page's, converted (the interface with the
    catalogue's hand corrections), and nothing else: no Simplified text is left, none is converted twice."""
    fixes = corrections()
    for name, url in public_pages(site).items():
        assert url.startswith("/zh-hant/"), (name, url)
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert '<html lang="zh-Hant">' in response.content.decode(), name
        simplified_url = simplified_address(url)
        simplified = body_text(client, simplified_url).replace("/zh-hans/", "/zh-hant/")
        assert body_text(client, url) == to_traditional(simplified, fixes), name


def head_text(client, url):
    html = client.get(url).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1]
    return [re.search(r"<title>(.*?)</title>", html, re.S)[1], description]


def test_every_pages_title_and_description_are_its_simplified_ones_converted(client, site):
    """The head too: a description stored in Simplified Chinese only is converted, never left to English."""
    for thing in (site["series"], site["topic"]):
        thing.description_en = "Partner assistance pairs provinces."
        thing.description_zh_hans = "对口支援把省份结成对子。"
        thing.save()
    fixes = corrections()
    for name, url in public_pages(site).items():
        simplified_url = simplified_address(url)
        simplified = [to_traditional(text, fixes) for text in head_text(client, simplified_url)]
        assert head_text(client, url) == simplified, name
    assert "對口支援把省份結成對子。" in head_text(client, public_pages(site)["topic"])


def test_each_page_says_it_is_converted_and_links_to_the_simplified_original(client, site):
    for name, url in public_pages(site).items():
        html = client.get(url).content.decode()
        notice = re.search(r'<p class="notice converted" role="note">(.*?)</p>', html, re.S)
        assert notice, f"{name} has no note that it is converted"
        simplified = url.replace("/zh-hant/", "/zh-hans/", 1).split("?")[0]
        link = re.search(r'<a href="([^"]+)" hreflang="zh-Hans" lang="zh-Hans">', notice[1])
        assert link and link[1].split("?")[0] == simplified, (name, notice[1])
        assert "自動" in notice[1], notice[1]


def test_simplified_and_english_pages_carry_no_conversion_note(client, site):
    for lang in ("en", "zh-hans"):
        html = client.get(site["paired"].url_for(lang)).content.decode()
        assert 'class="notice converted"' not in html


def test_the_question_is_converted_phrase_by_phrase(client):
    question = QuestionFactory(
        number=8,
        title_zh_hans="头发与发展",
        summary_zh_hans="“对口支援”的后来发展",
        body_zh_hans="各省**支援**湖北。\n\n面条和一只猫里面。",
    )
    html = client.get(question.url_for("zh-hant")).content.decode()
    assert "頭髮與發展" in html  # 发 is 髮 in 头发 and 發 in 发展
    assert "「對口支援」的後來發展" in html  # corner quotes, and 后 as 後
    assert "各省<strong>支援</strong>湖北。" in html and "麵條和一隻貓裡面。" in html
    assert question.title_zh_hans == "头发与发展", "nothing converted is stored"


def test_each_text_is_converted_once_and_what_is_kept_stays_within_its_budget(monkeypatch):
    """A Traditional reader of many long papers must not grow a worker without bound."""
    monkeypatch.setattr(languages.converted, "budget", 40_000)
    languages.converted.clear()
    calls = []
    convert = languages._convert_to_traditional
    monkeypatch.setattr(languages, "_convert_to_traditional", lambda text: calls.append(text) or convert(text))
    paper = "各省支援湖北。" * 1_000
    assert in_script(paper, "zh-hant") == in_script(paper, "zh-hant") == "各省支援湖北。" * 1_000
    assert len(calls) == 1
    for number in range(50):
        in_script(f"第{number}篇：" + "医院清点床位。" * 200, "zh-hant")
    assert 0 < languages.converted.size <= 40_000
    languages.converted.clear()


def test_the_language_layer_reads_traditional_from_the_simplified_field():
    author = AuthorFactory.build(name_en="Zhou Taidong", name_zh_hans="周太东")
    assert field_in(author, "name", "zh-hant") == "周太東"
    assert value_in(author, "name", "zh-hant") == ("周太東", "zh-hant")
    untranslated = AuthorFactory.build(name_en="Jane Doe", name_zh_hans="")
    assert value_in(untranslated, "name", "zh-hant") == ("Jane Doe", "en")
    assert to_simplified("健康碼 對口支援 衞生 爲何") == "健康码 对口支援 卫生 为何"


def test_a_question_without_simplified_text_falls_back_to_english_as_on_simplified_pages(client, site):
    untranslated = site["untranslated"]
    html = client.get(untranslated.url_for("zh-hant")).content.decode()
    simplified = client.get(untranslated.url_for("zh-hans")).content.decode()
    assert 'class="notice fallback"' in html and 'class="notice fallback"' in simplified
    assert re.search(r'<h1[^>]*lang="en"[^>]*>What did community workers do\?</h1>', html)
    listing = client.get(site["series"].url_for("zh-hant")).content.decode()
    assert "（尚未翻譯）" in listing or "(尚未翻譯)" in listing


@pytest.mark.parametrize("lang", ["en", "zh-hans", "zh-hant"])
def test_every_page_offers_traditional_chinese_in_hreflang_and_the_language_switch(client, site, lang):
    question = site["paired"]
    html = client.get(question.url_for(lang)).content.decode()
    host = "http://testserver"
    assert f'<link rel="alternate" hreflang="zh-Hant" href="{host}{question.url_for("zh-hant")}">' in html
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{host}{question.url_for("zh-hans")}">' in html
    switch = html.split('class="language-switch"')[1].split("</nav>")[0]
    assert "繁體中文" in switch and "简体中文" in switch and "English" in switch
    if lang != "zh-hant":
        assert f'<a href="{question.url_for("zh-hant")}" hreflang="zh-Hant" lang="zh-Hant">繁體中文</a>' in switch


def test_the_sitemap_and_feeds_have_traditional_pages(client, site):
    sitemap = sitemap_text(client)
    assert f"<loc>http://testserver{site['paired'].url_for('zh-hant')}</loc>" in sitemap
    assert 'hreflang="zh-Hant"' in sitemap and 'hreflang="zh-hant"' not in sitemap
    with translation.override("zh-hant"):
        atom = client.get(reverse("qa:feed-atom")).content.decode()
    assert 'xml:lang="zh-Hant"' in atom
    assert "各省如何對口支援湖北各市？" in atom and "对口" not in atom


@pytest.mark.parametrize(
    "accept, expected", [("zh-TW,zh;q=0.9", "/zh-hant/"), ("zh-HK", "/zh-hant/"), ("zh-CN", "/zh-hans/")]
)
def test_a_reader_whose_browser_asks_for_traditional_chinese_gets_it(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == expected


def test_a_traditional_404_stays_in_traditional_chinese(client):
    response = client.get("/zh-hant/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-Hant">' in html
    with translation.override("zh-hant"):
        assert gettext("COVID-19 Knowledge Hub") in html


def test_editors_never_write_traditional_text(admin_client):
    html = admin_client.get(reverse("admin:qa_question_add")).content.decode()
    assert "title_zh_hans" in html and "zh_hant" not in html


def test_a_traditional_page_costs_the_queries_of_its_simplified_one(client, site):
    counts = {}
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        for lang in ("zh-hans", "zh-hant"):
            client.get(site["paired"].url_for(lang))
            with CaptureQueriesContext(connection) as captured:
                assert client.get(site["paired"].url_for(lang)).status_code == 200
            counts[lang] = len(captured)
    assert counts["zh-hant"] == counts["zh-hans"]


# The catalogues.


def test_the_interface_is_in_traditional_chinese_from_the_converted_catalogue():
    for msgid in ("COVID-19 Knowledge Hub", "Search", "Authors", "Partner assistance"):
        with translation.override("zh-hans"):
            simplified = gettext(msgid)
        with translation.override("zh-hant"):
            traditional = gettext(msgid)
        assert simplified != msgid, f"{msgid!r} has no Simplified translation"
        assert traditional == to_traditional(simplified, corrections()), msgid


def test_converting_a_catalogue_changes_translations_only():
    source = (
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        '#: templates/x.html:1\nmsgid "Development"\nmsgstr "发展"\n\n'
        'msgctxt "发"\nmsgid "Hair"\nmsgstr ""\n"头发"\n"后来"\n\n'
        'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "新建并发布"\n'
    )
    converted = convert_catalogue(source, [("併發布", "並發布")])
    assert '"Language: zh_Hant\\n"' in converted
    assert 'msgstr "發展"' in converted and '"頭髮"\n"後來"' in converted
    assert 'msgctxt "发"' in converted, "msgids and contexts are keys: never converted"
    assert 'msgstr[0] "新建並發布"' in converted
    assert converted.startswith("# Generated from zh_Hans")


def test_each_hand_correction_is_applied_in_the_built_catalogues():
    fixes = corrections()
    assert fixes, "locale/zh_Hant-corrections.txt lists the hand corrections"
    for source, target in simplified_catalogues():
        assert target.exists(), f"{target} is missing: run `make messages`"
        built = target.read_text(encoding="utf-8")
        assert built == convert_catalogue(source.read_text(encoding="utf-8"), fixes), (
            f"{target} is older than {source}: run `make messages`"
        )
        for wrong, _right in fixes:
            assert wrong not in built.split("\n", 1)[1]


def test_the_traditional_language_is_shown_but_never_stored():
    codes = [code for code, _name in settings.LANGUAGES]
    assert "zh-hant" in codes and "zh-hant" not in settings.MODELTRANSLATION_LANGUAGES
