""""View on site" opens exactly the question it stands beside, whatever its series; a draft says it is one."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import EditorFactory, QuestionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def change_form(client, question, language="en"):
    client.force_login(EditorFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("admin:qa_question_change", args=[question.pk])).content.decode()


def view_on_site_link(html):
    """The address the change form's "View on site" button opens, or None without one."""
    match = re.search(r'<a href="([^"]+)" class="viewsitelink"', html)
    return match and match.group(1)


def test_view_on_site_opens_that_question(client):
    hub_question = QuestionFactory(number=3)
    html = change_form(client, hub_question)
    page = client.get(view_on_site_link(html), follow=True)
    assert page.status_code == 200 and "Question title 3" in page.content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_question_of_another_series_opens_itself_not_the_hubs_number_3(client, language):
    QuestionFactory(number=3, title_en="The Hub's question 3", title_zh_hans="知识库第3问")
    other = SeriesFactory(
        slug="global-development-briefs", title_en="Global Development Briefs", title_zh_hans="全球发展简报"
    )
    briefs_3 = QuestionFactory(
        series=other, number=3, title_en="A different article", title_zh_hans="另一篇文章", draft=True
    )
    html = change_form(client, briefs_3, language)
    link = view_on_site_link(html)
    page = client.get(link, follow=True).content.decode()
    assert "/global-development-briefs/3/" in page and ("A different article" in page or "另一篇文章" in page)
    assert "The Hub's question 3" not in page and "知识库第3问" not in page


def test_a_draft_links_to_its_preview_and_says_it_is_a_draft(client):
    draft = QuestionFactory(number=5, draft=True)
    html = change_form(client, draft)
    assert view_on_site_link(html) is not None
    assert "This question is a draft" in html


def test_a_published_question_carries_no_notice(client):
    html = change_form(client, QuestionFactory(number=3))
    assert "site-notice" not in html
