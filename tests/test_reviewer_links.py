"""Reviewer links: an editor makes one in the admin for a question and a language; anyone holding it reads the
question's current text, draft or not, without an account, on a page no search engine, cache or Referer
keeps; revoked, expired or altered, it says so in the reader's language."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qa.editorial.review_links import SALT
from qa.models import Question, ReviewLink
from qa.web.cache import content_generation
from tests.admin_forms import form_data, save_change_form
from tests.clock import clock_at
from tests.factories import EditorFactory, QuestionFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db):
    QuestionFactory(number=1)
    return QuestionFactory(number=3, draft=True, title_en="Secret draft", title_zh_hans="秘密草稿")


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(EditorFactory())
    return client


def create_link(client, question, language, expires=None):
    """Through the admin's add form, as an editor does (the form opened from the question's change form);
    returns the link and the address its page shows to send."""
    add = reverse("admin:qa_reviewlink_add") + f"?question={question.pk}"
    data = form_data(client.get(add))
    data["language"] = language
    if expires is not None:
        data["expires_0"], data["expires_1"] = expires.strftime("%Y-%m-%d"), expires.strftime("%H:%M:%S")
    response = client.post(add, data, follow=True)
    assert response.status_code == 200
    link = ReviewLink.objects.get()
    address = re.search(r'id="review-address"[^>]*value="([^"]+)"', response.content.decode()).group(1)
    return link, html.unescape(address)


@pytest.mark.parametrize(
    "language, title, banner, lang",
    [
        ("en", "Secret draft", "Preview for review", "en"),
        ("zh-hans", "秘密草稿", "审阅预览", "zh-Hans"),
        ("zh-hant", "秘密草稿", "審閱預覽", "zh-Hant"),
    ],
)
def test_an_editor_makes_a_link_and_anyone_reads_the_draft_with_it(editor_client, draft, language, title, banner, lang):
    link, address = create_link(editor_client, draft, language)
    assert link.created_by.username == "editor" and link.question == draft
    expected = timezone.now() + datetime.timedelta(days=7)
    assert abs((link.expires - expected).total_seconds()) < 120  # a week by default

    reader = Client()
    response = reader.get(address)
    page = response.content.decode()
    assert response.status_code == 200
    assert title in page and banner in page
    assert f'<html lang="{lang}">' in page
    assert "Draft: only staff" not in page  # the reviewer is not staff


def test_the_page_is_private_noindex_and_leaks_no_address(editor_client, draft):
    _link, address = create_link(editor_client, draft, "en")
    response = Client().get(address)
    page = response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in page
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
    assert response["Referrer-Policy"] == "no-referrer"
    assert 'rel="canonical"' not in page and "hreflang=" not in page.split("</head>")[0]
    assert 'property="og:url"' not in page
    path = address.removeprefix("http://testserver")
    assert page.count(path) == 0  # no link on the page repeats its own address
    assert path not in sitemap_text(Client())


def test_the_link_shows_the_current_text_and_the_public_page_stays_closed(editor_client, draft):
    _link, address = create_link(editor_client, draft, "en")
    reader = Client()
    assert "Secret draft" in reader.get(address).content.decode()
    save_change_form(editor_client, reverse("admin:qa_question_change", args=[draft.pk]), title_en="Revised draft")
    assert "Revised draft" in reader.get(address).content.decode()
    assert reader.get(draft.url_for("en")).status_code == 404
    assert "Revised draft" not in reader.get("/en/").content.decode()


def test_the_questions_change_form_lists_its_links(editor_client, draft):
    link, _address = create_link(editor_client, draft, "zh-hans")
    form = editor_client.get(reverse("admin:qa_question_change", args=[draft.pk])).content.decode()
    assert reverse("admin:qa_reviewlink_change", args=[link.pk]) in form
    assert reverse("admin:qa_reviewlink_add") + f"?question={draft.pk}" in form
    listing = editor_client.get(reverse("admin:qa_reviewlink_changelist")).content.decode()
    assert "editor" in listing and "Secret draft" in listing and "active" in listing


@pytest.mark.parametrize(
    "accept, message", [("en", "This reviewer link no longer works"), ("zh-hans", "此审阅链接已失效")]
)
def test_a_revoked_link_says_so_at_once_in_the_readers_language(editor_client, draft, accept, message):
    link, address = create_link(editor_client, draft, "en")
    response = editor_client.post(
        reverse("admin:qa_reviewlink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
        follow=True,
    )
    assert "1 reviewer link revoked." in response.content.decode()
    link.refresh_from_db()
    assert link.revoked and link.state == ReviewLink.REVOKED
    gone = Client().get(address, HTTP_ACCEPT_LANGUAGE=accept)
    assert gone.status_code == 410
    page = gone.content.decode()
    assert message in page and "Secret draft" not in page and "秘密草稿" not in page
    assert gone["X-Robots-Tag"].startswith("noindex") and "no-store" in gone["Cache-Control"]


def test_revoking_on_the_links_own_form_works_too(editor_client, draft):
    link, address = create_link(editor_client, draft, "en")
    response = save_change_form(editor_client, reverse("admin:qa_reviewlink_change", args=[link.pk]), revoked="on")
    assert response.status_code == 302
    assert Client().get(address).status_code == 410


def test_a_link_expires_after_a_week_by_default(editor_client, draft):
    link, address = create_link(editor_client, draft, "en")
    reader = Client()
    with clock_at(link.expires - datetime.timedelta(minutes=1)):
        assert reader.get(address).status_code == 200
    with clock_at(link.expires + datetime.timedelta(seconds=1)):
        response = reader.get(address)
        assert response.status_code == 410
        assert "It has expired." in response.content.decode()
        assert ReviewLink.objects.get().state == ReviewLink.EXPIRED


def test_the_editor_chooses_the_expiry(editor_client, draft):
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    link, address = create_link(editor_client, draft, "en", expires=tomorrow)
    assert abs((link.expires - tomorrow).total_seconds()) < 1
    with clock_at(tomorrow + datetime.timedelta(minutes=1)):
        assert Client().get(address).status_code == 410


@pytest.mark.parametrize(
    "language, refusal",
    [
        ("en", "This time has already passed, so the link could never be used: choose a later one."),
        ("zh-hans", "这个时间已经过去，链接将无法使用：请选择一个更晚的时间。"),
    ],
)
def test_a_new_link_cannot_expire_in_the_past(editor_client, draft, language, refusal):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    add = reverse("admin:qa_reviewlink_add") + f"?question={draft.pk}"
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    data = form_data(editor_client.get(add)) | {
        "language": "en", "expires_0": yesterday.strftime("%Y-%m-%d"), "expires_1": yesterday.strftime("%H:%M:%S"),
    }
    response = editor_client.post(add, data)
    assert response.status_code == 200 and refusal in response.content.decode()
    assert not ReviewLink.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "tampered",
        signing.dumps(1, salt="another-purpose"),
        signing.dumps("1", salt=SALT),
        signing.dumps(999, salt=SALT),
        "x" * 5000,
    ],
)
@pytest.mark.parametrize("accept, message", [("en", "This is not a reviewer link"), ("zh-hans", "这不是审阅链接")])
def test_a_made_up_or_altered_link_is_a_clear_404_never_a_500(draft, token, accept, message):
    response = Client().get(reverse("review", kwargs={"token": token}), HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 404
    assert message in response.content.decode()
    assert "Secret draft" not in response.content.decode()


def test_an_altered_signature_of_a_real_link_does_not_open_it(editor_client, draft):
    link, address = create_link(editor_client, draft, "en")
    token = link.token
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(reverse("review", kwargs={"token": altered})).status_code == 404


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_reviewers_page_queries_stay_flat(editor_client, draft):
    _link, address = create_link(editor_client, draft, "en")
    for number in range(10, 20):
        QuestionFactory(number=number)
    reader = Client()
    before = queries_of(reader, address)
    for number in range(20, 40):
        QuestionFactory(number=number)
    assert queries_of(reader, address) == before


def test_changing_the_secret_key_ends_every_link(editor_client, draft, settings):
    _link, address = create_link(editor_client, draft, "en")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-" + "x" * 20
    assert Client().get(address).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_making_or_revoking_a_link_keeps_the_cached_pages(editor_client, draft):
    """No reader's page shows a link, so no link retires the page cache (as a content write does)."""
    reader = Client()
    assert "public" in reader.get("/en/")["Cache-Control"]
    generation = content_generation()
    link, address = create_link(editor_client, draft, "en")
    save_change_form(editor_client, reverse("admin:qa_reviewlink_change", args=[link.pk]), revoked="on")
    assert content_generation() == generation
    assert Client().get(address).status_code == 410


@pytest.mark.django_db(transaction=True)
def test_with_the_page_cache_on_the_link_is_never_cached(editor_client, draft):
    """Served as on a site (no test transaction), where anonymous pages are cached: the reviewer's page is not."""
    _link, address = create_link(editor_client, draft, "en")
    reader = Client()
    first = reader.get(address)
    assert "public" in reader.get("/en/")["Cache-Control"]  # the cache is on for readers' pages
    assert "no-store" in first["Cache-Control"] and "ETag" not in first
    Question.objects.filter(pk=draft.pk).update(title_en="Edited without the admin")  # no signal: no new generation
    assert "Edited without the admin" in reader.get(address).content.decode()
