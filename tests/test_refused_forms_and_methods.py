"""A form sent without this site's CSRF token, or a method a page does not take: the site's own page in the
reader's language, with its `lang`, never Django's English one (inline-styled, which the CSP blocks) nor an
empty 405."""

import pytest
from django.conf import settings
from django.test import Client

from tests.error_pages import site_page
from tests.factories import EDITOR_PASSWORD, EditorFactory, QuestionFactory

pytestmark = pytest.mark.django_db
NOT_SENT = {"en": "This form could not be sent", "zh-hans": "这份表单未能发送", "zh-hant": "這份表單未能發送"}
NOT_TAKEN = {
    "en": "This address does not take this kind of request",
    "zh-hans": "这个地址不接受这种请求",
    "zh-hant": "這個地址不接受這種請求",
}


@pytest.fixture
def question():
    return QuestionFactory(number=3)


@pytest.mark.parametrize("lang", list(NOT_SENT))
def test_a_form_sent_to_a_page_without_a_token_gets_the_sites_page_in_its_language(question, lang):
    response = Client(enforce_csrf_checks=True).post(question.url_for(lang), {"q": "masks"})
    assert site_page(response, 403, NOT_SENT[lang], lang)


@pytest.mark.parametrize("lang", list(NOT_SENT))
def test_the_admin_login_sent_without_its_cookie_gets_the_page_in_the_editors_language(lang):
    EditorFactory()
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.post("/admin/login/", {"username": "editor", "password": EDITOR_PASSWORD})
    assert site_page(response, 403, NOT_SENT[lang], lang)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("lang", list(NOT_TAKEN))
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_method_a_page_does_not_take_gets_a_405_page_in_its_language_with_allow(question, lang, method):
    for path in (question.url_for(lang), f"/{lang}/search/", f"/{lang}/qa/3/cite.ris"):
        response = getattr(Client(), method)(path)
        assert site_page(response, 405, NOT_TAKEN[lang], lang), path
        assert response["Allow"] == "GET, HEAD" and response["X-Frame-Options"] == "DENY"
        assert "default-src" in response["Content-Security-Policy"]
        assert Client().get(path).status_code == 200


def test_the_apis_405_keeps_its_json():
    response = Client().post("/api/search?q=masks&lang=zh-hans")
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
