"""Markdown preview in the admin: the body fields' Preview renders on the server exactly as readers' pages do."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from qa.content.rendering import render_markdown
from qa.text import BODY_MAX_BYTES
from tests.factories import AuthorFactory, EditorFactory, PageFactory, QuestionFactory, StaffFactory

pytestmark = pytest.mark.django_db

# What editors write: headings, emphasis, lists, a quote, code, a link, an autolink, a table-less
# paragraph with raw HTML that must be shown as text, and an entity.
MARKDOWN = """## How were the teams paired?

Each *province* supported **one city** of Hubei:

1. Guangdong → Jingzhou
2. Jiangsu → Huangshi

> Pairing assistance was first used after the 2008 earthquake.

Run `pairings.csv`, or read [the table](https://www.cikd.org/pairings) at <https://www.cikd.org/>.

<script>alert("x")</script> <b>bold?</b> &amp; 5 < 6
"""

QUESTION_PREVIEW = reverse("admin:qa_question_markdown_preview")
PAGE_PREVIEW = reverse("admin:qa_page_markdown_preview")


def preview(client, text, url=QUESTION_PREVIEW):
    return client.post(url, {"text": text})


def public_body(client, url):
    """The rendered Markdown of a public page: the inside of its ``<div class="body">``."""
    html = client.get(url).content.decode()
    match = re.search(r'<div class="body"[^>]*>\s*(.*?)\s*</div>\s*<footer', html, re.S) or re.search(
        r'<div class="body"[^>]*>\s*(.*?)\s*</div>\s*</article>', html, re.S
    )
    assert match, html
    return match.group(1)


@pytest.fixture
def editing(client, editor):
    client.force_login(editor)
    return client


def test_the_preview_of_a_question_body_is_its_public_page(editing):
    question = QuestionFactory(number=3, body_en=MARKDOWN, body_zh_hans="## 怎样结对？\n\n各省*对口*支援湖北一市。")
    for language, text in [("en", question.body_en), ("zh-hans", question.body_zh_hans)]:
        response = preview(editing, text)
        assert response.status_code == 200
        html = response.json()["html"]
        assert html.strip() == public_body(Client(), question.url_for(language))
        assert html == render_markdown(text)
    html = preview(editing, MARKDOWN).json()["html"]
    assert "<h2>How were the teams paired?</h2>" in html and "<ol>" in html and "<blockquote>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html  # raw HTML is text, as on the public page


def test_the_preview_of_a_page_body_is_its_public_page(editing):
    page = PageFactory(body_en=MARKDOWN)
    html = preview(editing, MARKDOWN, PAGE_PREVIEW).json()["html"]
    assert html.strip() == public_body(Client(), page.url_for("en"))


def test_a_browsers_line_endings_preview_as_the_stored_text(editing):
    assert preview(editing, "One.\r\n\r\nTwo.").json()["html"] == "<p>One.</p>\n<p>Two.</p>\n"
    assert preview(editing, "").json()["html"] == ""


def test_the_body_fields_carry_the_preview_and_plain_text_fields_do_not(editing):
    question = QuestionFactory(number=3)
    html = editing.get(reverse("admin:qa_question_change", args=[question.pk])).content.decode()
    for field, lang in [("body_en", "en"), ("body_zh_hans", "zh-Hans")]:
        textarea = re.search(rf'<textarea name="{field}"[^>]*>', html).group()
        assert f'data-markdown-preview="{QUESTION_PREVIEW}"' in textarea and f'data-preview-lang="{lang}"' in textarea
        assert 'data-preview-button="Preview"' in textarea
    assert "data-markdown-preview" not in re.search(r'<textarea name="summary_en"[^>]*>', html).group()
    assert '<script src="/static/admin-hub/markdown-preview.js">' in html
    assert 'href="/static/admin-hub/markdown-preview.css"' in html
    page = PageFactory()
    page_html = editing.get(reverse("admin:qa_page_change", args=[page.pk])).content.decode()
    assert f'data-markdown-preview="{PAGE_PREVIEW}"' in page_html
    author = AuthorFactory()  # an author's biography is shown as plain text: no preview would be true to it
    assert (
        "data-markdown-preview" not in editing.get(reverse("admin:qa_author_change", args=[author.pk])).content.decode()
    )


def test_the_translators_form_previews_its_body_too(editing):
    question = QuestionFactory(number=3)
    html = editing.get(reverse("admin:qa_question_translate", args=[question.pk, "zh-hans"])).content.decode()
    textarea = re.search(r'<textarea name="body_zh_hans"[^>]*>', html).group()
    assert "data-markdown-preview" in textarea


def test_the_preview_words_are_in_the_editors_language(editing):
    question = QuestionFactory(number=3)
    editing.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = editing.get(reverse("admin:qa_question_change", args=[question.pk])).content.decode()
    textarea = re.search(r'<textarea name="body_en"[^>]*>', html).group()
    assert 'data-preview-button="预览"' in textarea and 'data-preview-failed="无法生成预览' in textarea


@pytest.mark.parametrize(
    "language, expected",
    [("en", "Cannot preview: this text is too long: keep it under 200 KB"), ("zh-hans", "无法预览：此文本过长")],
)
def test_a_text_over_the_body_limit_is_refused_with_a_message(editing, language, expected):
    editing.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = preview(editing, "a" * (BODY_MAX_BYTES + 1))
    assert response.status_code == 400
    assert response.json()["error"].startswith(expected)
    assert "html" not in response.json()


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Cannot preview: this text contains the invisible character U+00{code} (at character 5); remove it"),
        ("zh-hans", "无法预览：此文本含有不可见字符U+00{code}（第5个字符）"),
    ],
)
@pytest.mark.parametrize("character", ["\x0b", "\x00"])
def test_a_text_that_could_not_be_stored_is_refused_with_one_message(editing, language, expected, character):
    """A NUL too: it got this message and Django's own, joined ("…as plain text Null characters are not allowed..")."""
    editing.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = preview(editing, f"Text{character}with a control character")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(expected.format(code=f"{ord(character):02X}"))
    assert "Null" not in error and "空字符串" not in error and ".." not in error and "。。" not in error


def test_the_preview_is_for_staff_who_may_edit_the_model(client):
    assert preview(client, "*x*").status_code == 302  # anonymous: to the login page
    client.force_login(StaffFactory())
    assert preview(client, "*x*").status_code == 403  # staff without rights on questions
    viewer = StaffFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_question"))
    client.force_login(viewer)
    assert preview(client, "*x*").status_code == 403
    client.force_login(EditorFactory())
    assert preview(client, "*x*").status_code == 200


def test_the_preview_takes_only_a_post_with_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(QUESTION_PREVIEW).status_code == 405
    assert preview(client, "*x*").status_code == 403
    client.get(reverse("admin:qa_question_add"))  # the change form sets the CSRF cookie the script sends back
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(QUESTION_PREVIEW, {"text": "*x*"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.json() == {"html": "<p><em>x</em></p>\n"}
