"""The core site: pages in both languages, addresses, drafts, fallbacks, editors."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from qa.languages import language_tag
from qa.models import Question
from tests.error_pages import site_page
from tests.factories import AuthorFactory, QuestionFactory, SeriesFactory, StaffFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db
LANGS = ["en", "zh-hans"]


@pytest.fixture
def series():
    return SeriesFactory()


def make_question(series, number, *, zh=True, authors=(), **fields):
    """A question with the titles and paragraphs the assertions below quote, no summary and ``authors`` as byline."""
    texts = {
        "title_en": f"English title {number}",
        "body_en": f"First paragraph {number}.\n\nSecond paragraph {number}.",
    }
    if zh:
        texts.update(title_zh_hans=f"中文标题{number}", body_zh_hans=f"第一段{number}。\n\n第二段{number}。")
    return QuestionFactory(
        series=series, number=number, untranslated=not zh, summary_en="", summary_zh_hans="", authors=list(authors),
        **{**texts, **fields},
    )


@pytest.fixture
def author():
    return AuthorFactory(
        slug="zhou-taidong", name_en="Zhou Taidong", name_zh_hans="周太东", position_en="Division Chief, CIKD"
    )


@pytest.fixture
def corpus(series, author):
    return {
        "translated": make_question(series, 3, authors=[author]),
        "untranslated": make_question(series, 4, zh=False, authors=[author]),
        "draft": make_question(series, 5, draft=True, title_en="Secret draft", authors=[author]),
    }


def test_root_redirects_by_accept_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").url == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr").url == "/en/"
    assert client.get("/").url == "/en/"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders_with_lang_canonical_and_alternates(client, corpus, author, lang):
    question = corpus["translated"]
    for url in [f"/{lang}/", question.url_for(lang), f"/{lang}/authors/", f"/{lang}/authors/{author.slug}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language_tag(lang)}">' in html
        assert f'<link rel="canonical" href="http://testserver{url}">' in html
        for code in LANGS + ["x-default"]:
            assert f'hreflang="{language_tag(code)}"' in html


def test_home_lists_questions_in_the_readers_language(client, corpus):
    html = client.get("/zh-hans/").content.decode()
    assert "中文标题3" in html
    assert '<a href="/zh-hans/qa/4/" lang="en">English title 4</a>' in html
    assert "尚未翻译" in html
    assert "第3问" in html


def test_language_switch_stays_on_the_same_question(client, corpus):
    question = corpus["translated"]
    html = client.get(question.url_for("en")).content.decode()
    assert f'<a href="{question.url_for("zh-hans")}" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in html
    assert question.url_for("zh-hans").startswith("/zh-hans/qa/3/")


def test_question_slugs_are_per_language(corpus):
    question = corpus["translated"]
    assert question.url_for("en") == "/en/qa/3/english-title-3/"
    assert question.url_for("zh-hans") == "/zh-hans/qa/3/"


@pytest.mark.parametrize("path", ["/en/qa/3/", "/en/qa/3/wrong-slug/", "/en/qa/3/中文标题3/"])
def test_wrong_missing_or_other_language_slug_redirects(client, corpus, path):
    response = client.get(path)
    assert response.status_code == 301
    assert response.url == "/en/qa/3/english-title-3/"


def test_question_page_content(client, corpus, author):
    question = corpus["translated"]
    html = client.get(question.url_for("en")).content.decode()
    assert "Question 3" in html
    assert "<h1>English title 3</h1>" in html
    assert f'href="/en/authors/{author.slug}/" rel="author">Zhou Taidong</a>' in html
    assert "March 2020" in html
    assert "<p>First paragraph 3.</p>" in html and "<p>Second paragraph 3.</p>" in html
    assert "Division Chief, CIKD" in html
    assert 'rel="next" href="/en/qa/4/english-title-4/"' in html
    zh = client.get(question.url_for("zh-hans")).content.decode()
    assert "2020年3月" in zh
    assert "译自英文原文" in zh
    assert "<h1>中文标题3</h1>" in zh


def test_untranslated_question_falls_back_with_note_and_lang(client, corpus):
    question = corpus["untranslated"]
    response = client.get(question.url_for("zh-hans"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "本问尚未译成中文" in html
    assert '<h1 lang="en">English title 4</h1>' in html
    assert '<div class="body" lang="en">' in html


def test_author_position_falls_back_with_lang(client, corpus, author):
    html = client.get(f"/zh-hans/authors/{author.slug}/").content.decode()
    assert "<h1>周太东</h1>" in html
    assert '<span lang="en" class="untranslated">Division Chief, CIKD</span>' in html


def test_markdown_body_shows_raw_html_as_text(client, series):
    question = make_question(series, 7, body_en='<script>alert("x")</script>\n\n**bold**', zh=False)
    html = client.get(question.url_for("en")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>bold</strong>" in html


def test_drafts_are_invisible_to_the_public(client, corpus, author):
    draft = corpus["draft"]
    assert client.get(draft.url_for("en")).status_code == 404
    assert client.get("/en/qa/5/").status_code == 404
    for url in ["/en/", f"/en/authors/{author.slug}/", "/sitemap.xml", corpus["untranslated"].url_for("en")]:
        assert "Secret draft" not in client.get(url).content.decode()
        assert "/qa/5/" not in client.get(url).content.decode()


def test_staff_can_preview_drafts(client, corpus):
    client.force_login(StaffFactory())
    html = client.get(corpus["draft"].url_for("en")).content.decode()
    assert "Secret draft" in html
    assert "only staff can see this page" in html


def test_author_without_published_questions_is_404(client, series):
    AuthorFactory(slug="nobody", name_en="Nobody", untranslated=True)
    assert client.get("/en/authors/nobody/").status_code == 404


@pytest.mark.parametrize("lang,text", [("en", "Page not found"), ("zh-hans", "页面未找到")])
def test_404_page_in_the_readers_language(client, lang, text):
    response = client.get(f"/{lang}/qa/999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html and f'<html lang="{language_tag(lang)}">' in html


def test_500_page_in_the_readers_language(monkeypatch, corpus):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("qa.web.views.reading.Series.objects.on_front_page", broken)
    client = Client(raise_request_exception=False)
    assert site_page(client.get("/zh-hans/"), 500, "服务器出现错误", "zh-hans")


def test_chinese_pages_have_no_untranslated_interface_strings(client, corpus, author):
    for url in ["/zh-hans/", corpus["translated"].url_for("zh-hans"), "/zh-hans/authors/"]:
        html = client.get(url).content.decode()
        for english in ["Skip to content", "Search the Q&As", "Questions", "Authors", "Question 3", "Main"]:
            assert f">{english}<" not in html and f'"{english}"' not in html, (url, english)


def test_message_catalogue_is_complete():
    po = Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_sitemap_lists_public_pages_in_both_languages(client, corpus):
    xml = sitemap_text(client)
    for url in [corpus["translated"].url_for("en"), corpus["translated"].url_for("zh-hans"), "/en/", "/zh-hans/"]:
        assert f"http://testserver{url}" in xml
    assert 'hreflang="zh-Hans"' in xml and 'hreflang="x-default"' in xml
    assert "qa/5/" not in xml


def test_robots_txt_points_to_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_editors_group_can_edit_content_but_not_users():
    group = Group.objects.get(name="Editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_question", "change_question", "change_author", "add_pairing"} <= codenames
    assert not any(name.endswith(("_user", "_group", "_permission")) for name in codenames)


def test_create_editor_command(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "a-long-editor-password-2020")
    call_command("create_editor", "li.hua", email="li@example.org")
    user = User.objects.get(username="li.hua")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editors").exists()
    assert user.check_password("a-long-editor-password-2020")


def test_editor_admin_question_list_search_and_publish(client, corpus, editor):
    client.force_login(editor)
    response = client.get("/admin/qa/question/", {"q": "中文标题3"})
    assert response.status_code == 200
    assert "English title 3" in response.content.decode()
    response = client.get("/admin/qa/question/", {"q": "5"})
    assert "Secret draft" in response.content.decode()
    draft = corpus["draft"]
    response = client.post(
        "/admin/qa/question/", {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.is_published
    assert client.get(f"/admin/qa/question/{draft.pk}/change/").status_code == 200


@pytest.fixture
def many(series):
    authors = [AuthorFactory(slug=f"a{i}", name_en=f"Author {i}", name_zh_hans=f"作者{i}") for i in range(20)]
    for number in range(1, 101):
        make_question(series, number, authors=[authors[number % 20], authors[(number + 1) % 20]])
    return authors


@pytest.mark.parametrize("lang", LANGS)
def test_page_queries_stay_flat_with_100_questions_and_20_authors(client, many, django_assert_max_num_queries, lang):
    question = Question.objects.get(number=50)
    for url in [f"/{lang}/", question.url_for(lang), f"/{lang}/authors/", f"/{lang}/authors/a3/"]:
        # The question page: question, byline (2), programmes, topics, previous, next, related (up to 4), footer pages.
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_nothing_is_loaded_from_another_host(client, corpus, author):
    """Public pages and the admin's translation tabs load scripts and styles from this site only."""
    admin_user = StaffFactory(superuser=True)
    urls = ["/en/", corpus["translated"].url_for("zh-hans"), f"/en/authors/{author.slug}/"]
    admin_urls = [f"/admin/qa/question/{corpus['translated'].pk}/change/", f"/admin/qa/author/{author.pk}/change/"]
    for url in urls + admin_urls:
        if url in admin_urls:
            client.force_login(admin_user)
        html = client.get(url).content.decode()
        assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html or url in urls
        loaded = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        assert loaded and not [src for src in loaded if re.match(r"(https?:)?//", src) and "testserver" not in src], url


def test_language_switch_keeps_the_query_string(client, corpus):
    html = client.get("/en/search/", {"q": "湖北 province"}).content.decode()
    assert 'href="/zh-hans/search/?q=%E6%B9%96%E5%8C%97+province" hreflang="zh-Hans"' in html


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("path, query", [("search/", "?q=province"), ("qa/", "?order=date"), ("qa/", "?page=1")])
def test_hreflang_links_name_the_canonical_pages_while_the_switch_keeps_the_query(client, corpus, lang, path, query):
    html = client.get(f"/{lang}/{path}{query}").content.decode()
    head = html.split("</head>")[0]
    assert f'<link rel="canonical" href="http://testserver/{lang}/{path}">' in head
    for code, _name in settings.LANGUAGES:
        tag = language_tag(code)
        assert f'<link rel="alternate" hreflang="{tag}" href="http://testserver/{code}/{path}">' in head
        if code != lang:
            assert f'<a href="/{code}/{path}{query}" hreflang="{tag}" lang="{tag}">' in html
    assert "?" not in "".join(re.findall(r'<link rel="(?:alternate" hreflang|canonical)[^>]+>', head))
