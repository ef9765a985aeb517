"""Pages editors write (About, Contact, Licence, Privacy): reading them, the footer, the admin, the bundle, seeding."""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.shortcuts import render
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from qa.languages import CJK, language_tag
from qa.models import Page, Question, Series, Topic
from qa.web.views.service import server_error
from tests.admin_forms import form_data
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db
BUNDLE = Path(settings.BASE_DIR) / "content" / "knowledgehub.json"
WORKING_PAPER = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"
TITLES = {
    "en": {"about": "About", "contact": "Contact", "licence": "Licence", "privacy": "Privacy"},
    "zh-hans": {"about": "关于本站", "contact": "联系我们", "licence": "版权", "privacy": "隐私"},
}


def shipped():
    return json.loads(BUNDLE.read_text(encoding="utf-8"))


def run(*args):
    output = io.StringIO()
    call_command(*[str(arg) for arg in args], stdout=output)
    return output.getvalue()


def import_bundle(tmp_path, content, name="bundle.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), "utf-8")
    return run("import_content", path)


def bundle(**records):
    return {"format": "knowledgehub-bundle", "version": 1, **records}


def main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def footer_links(html):
    footer = html.split('<footer class="site-footer">', 1)[1]
    return re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', footer)


@pytest.fixture
def bundled():
    run("import_content", BUNDLE)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# Reading ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_four_bundled_pages_in_both_languages(client, bundled, language):
    for slug, title in TITLES[language].items():
        response = client.get(f"/{language}/pages/{slug}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{language_tag(language)}">' in html
        assert f"<h1>{title}</h1>" in html and f"<title>{title} · " in html
        assert "notice fallback" not in html and 'class="body">' in html
        assert main(html).count("<p>") >= 3


def test_the_chinese_pages_are_set_in_chinese_typography():
    for page in shipped()["pages"]:
        text = page["title"]["zh-hans"] + "\n" + page["body"]["zh-hans"]
        assert not re.search(rf"[{CJK}][,.;:!?()]|[,;:!?(][{CJK}]", text), page["slug"]
        assert not re.search(r"[，。：；（）“”、！？] ", text), page["slug"]
        assert not re.search(r"[0-9] [个支名对]", text), page["slug"]


def test_contact_gives_only_the_addresses_cikd_prints_on_its_working_papers(bundled):
    source = WORKING_PAPER.read_text(encoding="utf-8")
    page = Page.objects.get(slug="contact")
    for body in (page.body_en, page.body_zh_hans):
        found = re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://[^\s<>)]+", body)
        assert sorted(found) == ["http://www.cikd.org", "info@cikd.org"]
        assert all(address in source for address in found)
        assert not re.search(r"\+?[0-9][0-9 ()-]{6,}[0-9]", body)  # no telephone number
    assert "中国国际发展知识中心" in page.body_en and "中国国际发展知识中心" in page.body_zh_hans


def test_what_privacy_says_holds_no_cookie_and_nothing_from_another_host_for_readers(client, bundled):
    question = Question.objects.get()
    addresses = [
        "/", "/en/", "/zh-hans/", question.url_for("en"), question.url_for("zh-hans"), "/en/search/?q=Hubei",
        "/zh-hans/search/?q=孝感", "/zh-hans/pages/privacy/", "/en/partner-assistance/", "/en/no-such-page/",
    ]
    for address in addresses:
        response = client.get(address)
        assert not response.cookies, address
        loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//([^/"]+)',
                            response.content.decode())
        assert set(loaded) <= {"testserver"}, address
    assert "csrftoken" in client.get("/admin/login/").cookies  # the one the page says the sign-in page sets


# Fallback and Markdown -------------------------------------------------------------


def test_a_page_missing_chinese_is_shown_in_english_with_a_note_and_its_lang(client):
    PageFactory(slug="about", untranslated=True, title_en="About", body_en="English only.")
    html = client.get("/zh-hans/pages/about/").content.decode()
    assert '<h1 lang="en">About</h1>' in html
    assert '<p class="notice fallback" role="note">' in html
    assert '<div class="body" lang="en">' in html and "<p>English only.</p>" in html
    english = client.get("/en/pages/about/").content.decode()
    assert "<h1>About</h1>" in english and "notice fallback" not in english


def test_a_page_only_in_chinese_on_the_english_site(client):
    PageFactory(slug="notice", title_en="", body_en="", title_zh_hans="通知", body_zh_hans="仅有中文。")
    html = client.get("/en/pages/notice/").content.decode()
    assert '<h1 lang="zh-Hans">通知</h1>' in html
    assert "This page has not been translated into this language yet. It is shown in Simplified Chinese." in html
    assert ("/en/pages/notice/", '<span lang="zh-Hans" class="untranslated">通知</span>') in footer_links(html)


def test_the_body_is_markdown_and_raw_html_is_shown_as_text(client):
    PageFactory(slug="about", body_en=(
        "Some **bold** text and [a link](https://example.org/).\n\n"
        "<script>alert('x')</script>\n\n<b onclick=\"steal()\">b</b> [bad](javascript:steal())"
    ))
    body = main(client.get("/en/pages/about/").content.decode())
    assert "<strong>bold</strong>" in body and '<a href="https://example.org/">a link</a>' in body
    assert "<script" not in body and "&lt;script&gt;alert(" in body
    assert "<b onclick" not in body and "&lt;b onclick" in body
    assert 'href="javascript:' not in body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_unknown_page_is_a_404(client, language):
    PageFactory(slug="about")
    response = client.get(f"/{language}/pages/no-such-page/")
    assert response.status_code == 404
    assert footer_links(response.content.decode())[0][0] == f"/{language}/pages/about/"


# The footer ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_links_the_pages_in_position_order_then_the_feeds(client, hub, language):
    PageFactory(slug="privacy", title_en="Privacy", title_zh_hans="隐私", position=40)
    PageFactory(slug="about", title_en="About", title_zh_hans="关于本站", position=10)
    PageFactory(slug="contact", title_en="Contact", title_zh_hans="联系我们", position=20)
    with translation.override(language):
        feeds = [reverse("qa:feed-atom"), reverse("qa:feed-rss")]
    addresses = [
        f"/{language}/", hub["published"].url_for(language), hub["series"].url_for(language),
        f"/{language}/authors/", f"/{language}/search/?q=x", f"/{language}/pages/contact/",
        f"/{language}/partner-assistance/", f"/{language}/no-such-page/",
    ]
    for address in addresses:
        links = footer_links(client.get(address).content.decode())
        assert [href for href, _text in links] == [
            f"/{language}/pages/about/", f"/{language}/pages/contact/", f"/{language}/pages/privacy/", *feeds
        ], address
        assert [text for _href, text in links][:3] == [
            TITLES[language][slug] for slug in ("about", "contact", "privacy")
        ]


def test_the_footer_reads_every_page_in_one_query(client, hub):
    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(hub["published"].url_for("en")).status_code == 200
        return len(queries), [query for query in queries if '"qa_page"' in query["sql"]]

    PageFactory()
    total_with_one, [query] = page_queries()
    assert "body" not in query["sql"].split("FROM")[0]
    PageFactory.create_batch(9)
    total_with_ten, queries = page_queries()
    assert len(queries) == 1 and total_with_ten == total_with_one


def test_the_admin_and_the_500_and_503_pages_read_no_page(rf, editor_client, django_assert_num_queries):
    PageFactory()
    with django_assert_num_queries(0):
        assert b"site-footer" not in server_error(rf.get("/en/")).content
        assert b"site-footer" not in render(rf.get("/en/"), "503.html", {"reason": "Busy."}, status=503).content
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(reverse("admin:index")).status_code == 200
    assert not [query for query in queries if '"qa_page"' in query["sql"]]


# The admin ------------------------------------------------------------------------------


def test_an_editor_edits_a_page_in_its_language_tabs_as_a_revision(client, editor_client):
    page = PageFactory(slug="about", title_en="About", body_en="Old text.")
    path = reverse("admin:qa_page_change", args=[page.pk])
    response = editor_client.get(path)
    html = response.content.decode()
    assert 'name="title_zh_hans"' in html and 'name="body_zh_hans"' in html
    view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink"', html).group(1)
    assert editor_client.get(view_on_site, follow=True).redirect_chain[-1][0].endswith("/pages/about/")

    data = form_data(response)
    data.update(body_zh_hans="新的中文正文。\r\n\r\n第二段。", position="5")
    assert editor_client.post(path, data).status_code == 302

    page.refresh_from_db()
    assert (page.body_zh_hans, page.position) == ("新的中文正文。\n\n第二段。", 5)
    [version] = Version.objects.get_for_object(page)
    assert version.revision.user.username == "editor"
    assert version.field_dict["body_zh_hans"] == "新的中文正文。\n\n第二段。"
    assert "Chinese body" in editor_client.get(reverse("admin:qa_page_history", args=[page.pk])).content.decode()
    client.logout()
    assert "<p>新的中文正文。</p>" in client.get("/zh-hans/pages/about/").content.decode()


def test_a_page_saved_meanwhile_is_not_overwritten(editor_client):
    page = PageFactory(slug="about", title_en="About")
    path = reverse("admin:qa_page_change", args=[page.pk])
    data = form_data(editor_client.get(path))
    page.title_en = "Saved by someone else"
    page.save()
    data["title_en"] = "Mine"
    response = editor_client.post(path, data)
    assert response.status_code == 200
    assert "Someone else saved this page after you opened it" in response.content.decode()
    page.refresh_from_db()
    assert page.title_en == "Saved by someone else"


def test_the_add_form_fills_the_slug_from_the_english_title(editor_client):
    html = editor_client.get(reverse("admin:qa_page_add")).content.decode()
    assert "&quot;id&quot;: &quot;#id_slug&quot;" in html and "#id_title_en" in html


# The bundle -------------------------------------------------------------------------------


def new_fields_bundle():
    return bundle(
        series=[{"slug": "briefs", "title": {"en": "Briefs"}, "path": "briefs-2021", "position": 2}],
        topics=[{"slug": "aid", "name": {"en": "Aid"}, "description": {"en": "About aid.", "zh-hans": "关于援助。"}}],
        pages=[
            {"slug": "privacy", "title": {"en": "Privacy"}, "body": {"en": "No cookies."}},
            {"slug": "about", "title": {"en": "About", "zh-hans": "关于"}, "body": {"en": "Text.", "zh-hans": "正文。"},
             "position": 10},
        ],
    )


def test_round_trip_with_pages_and_the_new_fields_is_identical(tmp_path):
    assert "pages: 2 created" in import_bundle(tmp_path, new_fields_bundle())
    first = run("export_content")
    for model in (Page, Topic, Series):
        model.objects.all().delete()

    import_bundle(tmp_path, first, "export.json")

    assert run("export_content") == first
    exported = json.loads(first)
    assert exported["pages"] == [
        {"slug": "about", "title": {"en": "About", "zh-hans": "关于"}, "body": {"en": "Text.", "zh-hans": "正文。"},
         "position": 10},
        {"slug": "privacy", "title": {"en": "Privacy"}, "body": {"en": "No cookies."}, "position": 0},
    ]
    assert exported["series"][0] | {"title": None} == {"slug": "briefs", "title": None, "path": "briefs-2021",
                                                      "position": 2}
    assert exported["topics"][0]["description"] == {"en": "About aid.", "zh-hans": "关于援助。"}
    assert import_bundle(tmp_path, first, "export.json").strip().endswith("Nothing changed.")


def test_a_bundle_without_the_new_fields_still_imports(tmp_path, client):
    old = shipped()
    del old["pages"], old["series"][0]["path"], old["series"][0]["position"], old["topics"][0]["description"]

    output = import_bundle(tmp_path, old)

    series = Series.objects.get()
    assert (series.path, series.position) == ("fighting-covid-19-100-qas", 0)  # without a path: its slug
    assert not Page.objects.exists() and "pages" not in output
    assert client.get(Question.objects.get().url_for("en")).status_code == 200


def test_the_bundled_series_is_at_qa_and_the_topic_described_in_both_languages(client, bundled):
    assert client.get("/en/qa/3/why-is-partner-assistance-adopted-in-chinas-covid-19-battle/").status_code == 200
    assert client.get("/zh-hans/qa/3/").status_code == 200
    topic = Topic.objects.get(slug="partner-assistance")
    assert topic.description_en.startswith("Partner assistance pairs local governments")
    assert topic.description_zh_hans.startswith("对口支援是指")


def test_a_working_paper_import_gives_cikds_new_series_the_bundled_address(client):
    run("import_qa", WORKING_PAPER, "--publish")
    assert Series.objects.get(slug="fighting-covid-19-100-qas").path == "qa"
    assert client.get("/zh-hans/qa/3/").status_code == 200


def test_a_bundle_cannot_move_a_stored_series_to_another_address(tmp_path, bundled):
    content = shipped()
    content["series"][0].update(path="covid-qa", title={"en": "Changed"})
    with pytest.raises(CommandError) as error:
        import_bundle(tmp_path, content)
    assert (
        "series[0].path: series 'fighting-covid-19-100-qas' is at the address 'qa' for good, since links and "
        "citations are made of it; the bundle gives 'covid-qa'. Leave 'path' out or give 'qa'"
    ) in str(error.value)
    assert Series.objects.get().path == "qa" and Series.objects.get().title_en != "Changed"

    del content["series"][0]["path"]
    assert "series: 0 created, 1 updated" in import_bundle(tmp_path, content)
    assert Series.objects.get().path == "qa"


def new_series(**fields):
    return {"title": {"en": "Another series"}, **fields}


@pytest.mark.parametrize(
    "series, expected",
    [
        ([new_series(slug="other", path="search")],
         "series[0].path: “search” is already one of the site’s own addresses; choose another."),
        ([new_series(slug="topics")],
         "series[0].slug: without a 'path', a series takes its slug as its address: “topics” is already one"),
        ([new_series(slug="other", path="qa")],
         "series[0].path: the address 'qa' is taken by series 'fighting-covid-19-100-qas'"),
        ([new_series(slug="one", path="briefs"), new_series(slug="two", path="briefs")],
         "series[1].path: two series at the address 'briefs' (also at series[0].path)"),
        ([new_series(slug="other", path="Q A")], "series[0].path: Enter a valid “slug”"),
        ([new_series(slug="other", position=-1)], "series[0].position: must be at least 0"),
        ([new_series(slug="other", position=40000)], "series[0].position: must be at most 32767"),
    ],
)
def test_a_bad_series_address_or_position_is_refused_with_its_path(tmp_path, bundled, series, expected):
    with pytest.raises(CommandError, match=re.escape(expected)):
        import_bundle(tmp_path, bundle(series=series))
    assert Series.objects.count() == 1


@pytest.mark.parametrize(
    "page, expected",
    [
        ({"slug": "about", "title": {"en": "About"}}, "pages[0].body: required field is missing"),
        ({"slug": "about", "title": {"en": ""}, "body": {"en": "x"}}, "pages[0].title: needs text in at least one"),
        ({"slug": "a b", "title": {"en": "A"}, "body": {"en": "x"}}, "pages[0].slug: Enter a valid “slug”"),
        ({"slug": "about", "title": {"en": "A"}, "body": {"en": "x"}, "position": "1"},
         "pages[0].position: expected an integer"),
        ({"slug": "about", "title": {"en": "A"}, "body": {"en": "x\x0b"}},
         "pages[0].body.en: contains the invisible character U+000B"),
    ],
)
def test_a_bad_page_is_refused_with_its_path(tmp_path, page, expected):
    with pytest.raises(CommandError, match=re.escape(expected)):
        import_bundle(tmp_path, bundle(pages=[page]))
    assert not Page.objects.exists()

