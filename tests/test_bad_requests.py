"""Addresses no page can answer: a 400 page in the reader's language, never a 500 nor Django's English one;
under /api/ every refusal (a bad address, one that names nothing, a method it does not take) is JSON."""

import pytest
from django.conf import settings
from django.test import Client

from tests.error_pages import site_page
from tests.factories import EditorFactory, QuestionFactory

pytestmark = pytest.mark.django_db
HEADINGS = {"en": "This address could not be understood", "zh-hans": "无法识别这个地址", "zh-hant": "無法識別這個地址"}


def refused_in(response, lang):
    return site_page(response, 400, HEADINGS[lang], lang)


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_a_forged_host_gets_the_page_in_the_addresses_language(lang):
    response = Client(HTTP_HOST="evil.example", raise_request_exception=False).get(f"/{lang}/qa/")
    assert refused_in(response, lang)


def test_a_forged_host_under_the_api_gets_json_in_the_language_asked_for():
    client = Client(HTTP_HOST="evil.example", raise_request_exception=False)
    response = client.get("/api/search/", {"q": "masks", "lang": "zh-hans"})
    assert response.status_code == 400 and response.json() == {"error": "无法识别这个地址。"}


def test_more_query_fields_than_django_reads_get_json_under_the_api_and_the_page_elsewhere():
    fields = "&".join(["a"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    client = Client(raise_request_exception=False)
    response = client.get(f"/api/search?q=masks&lang=zh-hans&{fields}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400 and response.json() == {"error": "无法识别这个地址。"}
    assert refused_in(client.get(f"/zh-hant/search/?q=masks&{fields}"), "zh-hant")


UNREADABLE = {"en": "What was sent could not be read", "zh-hans": "无法读取发送的内容", "zh-hant": "無法讀取發送的內容"}


@pytest.mark.parametrize("lang", list(UNREADABLE))
@pytest.mark.parametrize("body, content_type", [
    ("username=editor&password=" + "x" * 2000, "application/x-www-form-urlencoded"),
    ("username=editor", "multipart/form-data"),
    ("username=editor", "multipart/form-data; boundary="),
])
def test_a_form_whose_body_cannot_be_read_says_so_in_the_readers_language(settings, lang, body, content_type):
    """Too large (over DATA_UPLOAD_MAX_MEMORY_SIZE) or malformed: not the page about a bad address."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    EditorFactory()
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.post("/admin/login/", body, content_type=content_type)
    assert site_page(response, 400, UNREADABLE[lang], lang)
    assert HEADINGS[lang] not in response.content.decode()
    assert "_auth_user_id" not in client.session


NOTHING_HERE = {
    "en": "There is nothing at this address.",
    "zh-hans": "这个地址没有任何内容。",
    "zh-hant": "這個地址沒有任何內容。",
}
GET_ONLY = {
    "en": "This address answers only GET and HEAD requests.",
    "zh-hans": "这个地址只接受 GET 和 HEAD 请求。",
    "zh-hant": "這個地址只接受 GET 和 HEAD 請求。",
}


@pytest.mark.parametrize("lang", list(HEADINGS))
@pytest.mark.parametrize("path", ["/api/search/", "/api/nope", "/api/search/more", "/api/index"])
def test_an_api_address_that_names_nothing_is_a_json_404_in_the_language_asked_for(client, lang, path):
    for response in (client.get(path, {"lang": lang}), client.get(path, HTTP_ACCEPT_LANGUAGE=lang)):
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert response.json() == {"error": NOTHING_HERE[lang]} and response["Content-Language"] == lang


@pytest.mark.parametrize("path", ["/api/", "/api"])
def test_the_apis_own_address_lists_its_addresses_in_json_not_a_redirect_to_a_page(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and response.json() == {"search": "http://testserver/api/search"}
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_the_apis_content_language_is_the_language_of_its_answer(client, lang):
    """The lang asked for, which the answer follows, not the Accept-Language one."""
    other = "en" if lang != "en" else "zh-hans"
    answer = client.get("/api/search", {"q": "masks", "lang": lang}, HTTP_ACCEPT_LANGUAGE=other)
    refusal = client.post("/api/search?q=masks", {"lang": lang}, HTTP_ACCEPT_LANGUAGE=other)
    assert answer.status_code == 200 and answer["Content-Language"] == lang
    assert refusal.status_code == 405 and refusal["Content-Language"] == other
    assert client.delete(f"/api/search?lang={lang}", HTTP_ACCEPT_LANGUAGE=other)["Content-Language"] == lang


@pytest.mark.parametrize("lang", list(HEADINGS))
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_the_api_refuses_any_method_but_get_and_head_with_a_json_405(lang, method):
    """Without a CSRF token too: a POST got Django's HTML CSRF page before the view could refuse it."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=lang)
    response = getattr(client, method)("/api/search?q=masks")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response["Content-Type"] == "application/json" and response.json() == {"error": GET_ONLY[lang]}
    assert client.get("/api/search?q=masks").status_code == 200
    assert client.head("/api/search?q=masks").status_code == 200


@pytest.fixture
def editor_client(client):
    QuestionFactory(number=3)
    client.force_login(EditorFactory())
    return client


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("query", [
    {"status__exact": "\x00"}, {"series__id__exact": "1\x00"}, {"q": "masks\x00"}, {"o": "\x0b"}, {"\x00": "1"},
])
def test_an_admin_address_holding_a_character_the_hub_never_stores_is_refused(editor_client, lang, query):
    """On PostgreSQL the change list sent the NUL to the database: a 500."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    assert refused_in(editor_client.get("/admin/qa/question/", query), lang)
    assert editor_client.get("/admin/qa/question/", {"status__exact": "draft"}).status_code == 200
