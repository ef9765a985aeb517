"""Work that depends only on content is done once per content change: a question's Markdown is rendered on
its first view and not again, on any page that shows it, until an editor changes it; a listing's question
likewise, until it, its series, author or topic changes, it is unpublished or its scheduled time passes;
a question page's article until anything it shows changes (its neighbours too); and what is kept is
bounded."""

import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone

from qa.content import fragments, rendering
from qa.content.memo import ContentMemo
from qa.models import Authorship, Question, ReviewLink
from qa.search import text as search_text
from qa.search.results import search
from qa.web.cache import retire_cached_pages
from tests.clock import clock_at
from tests.factories import AuthorFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders():
    """Markdown renderer calls, counted from an empty memo."""
    rendering.rendered.clear()
    with mock.patch.object(rendering, "to_html", wraps=rendering.to_html) as to_html:
        yield to_html
    rendering.rendered.clear()


def bodies_rendered(renders):
    return [call.args[0] for call in renders.call_args_list]


def test_a_body_is_rendered_once_across_page_views(client, hub, renders):
    question = hub["published"]
    first = client.get(question.url_for("en"))
    assert question.body_en in bodies_rendered(renders)
    count = renders.call_count
    again = client.get(question.url_for("en"))
    assert renders.call_count == count
    assert again.content == first.content
    assert "Second paragraph 1." in again.content.decode()


def test_an_edit_renders_the_new_text_once_for_the_index_and_every_view(client, hub, renders):
    question = hub["published"]
    client.get(question.url_for("en"))
    question.body_en = "An *edited* body."
    question.save()  # the search index renders it here, the page then reuses it
    page = client.get(question.url_for("en")).content.decode()
    assert "An <em>edited</em> body." in page
    assert bodies_rendered(renders).count("An *edited* body.") == 1
    client.get(question.url_for("en"))
    assert bodies_rendered(renders).count("An *edited* body.") == 1


def excerpt_of(question, query):
    return next(result.snippet for result in search(query, "en").results if result.question.pk == question.pk)


def test_an_excerpt_is_made_plain_text_once_across_new_queries_until_its_body_changes(hub):
    question = hub["published"]
    search_text.plain_texts.clear()
    with mock.patch.object(search_text, "_plain_text", wraps=search_text._plain_text) as strip:
        first = excerpt_of(question, "second paragraph")
        assert "<mark>Second</mark> <mark>paragraph</mark> 1" in first
        made_plain = strip.call_count
        assert mock.call(question.body_en) in strip.call_args_list
        again = excerpt_of(question, "paragraph")  # a query no one asked, the same windows
        assert "<mark>paragraph</mark> 1" in again
        assert strip.call_count == made_plain
        question.body_en = "A *revised* paragraph."
        question.save()
        assert "A revised <mark>paragraph</mark>." in excerpt_of(question, "paragraph")
        assert [call.args[0] for call in strip.call_args_list].count(question.body_en) == 1
    search_text.plain_texts.clear()


def test_the_memo_survives_the_page_cache_retiring(client, hub, renders):
    question = hub["published"]
    client.get(question.url_for("zh-hans"))
    count = renders.call_count
    retire_cached_pages()
    assert "正文1。" in client.get(question.url_for("zh-hans")).content.decode()
    assert renders.call_count == count


def test_the_memo_keeps_within_its_budget_least_recently_used_out():
    memo = ContentMemo(budget=40)
    compute = mock.Mock(side_effect=lambda text: text.upper())
    for text in ["a" * 10, "b" * 10, "c" * 10]:
        memo.get(compute, text)
    memo.get(compute, "a" * 10)  # used again: now the most recent
    memo.get(compute, "d" * 10)
    memo.get(compute, "e" * 10)  # over 40: b, the least recently used, goes
    assert memo.size <= 40
    compute.reset_mock()
    assert memo.get(compute, "a" * 10) == "A" * 10
    compute.assert_not_called()
    assert memo.get(compute, "b" * 10) == "B" * 10
    compute.assert_called_once()


def test_a_text_too_big_for_the_memo_is_rendered_and_not_kept():
    memo = ContentMemo(budget=40)
    assert memo.get(str.upper, "x" * 20) == "X" * 20
    assert memo.size == 0


@contextmanager
def counted_renders(name):
    """The calls of ``qa.content.fragments.<name>``, counted from an empty memo, which is emptied again after."""
    fragments.fragments.clear()
    with mock.patch.object(fragments, name, wraps=getattr(fragments, name)) as renders:
        yield renders
    fragments.fragments.clear()


@pytest.fixture
def item_renders():
    """Renders of a listing's question (qa.content.fragments), counted from an empty memo."""
    with counted_renders("render_item") as renders:
        yield renders


def listed(client, series, language="en"):
    return client.get(series.url_for(language)).content.decode()


def test_a_listed_question_is_rendered_once_per_content_and_language(client, hub, item_renders):
    first = listed(client, hub["series"])
    assert item_renders.call_count == 2  # the two published questions
    assert listed(client, hub["series"]) == first
    assert item_renders.call_count == 2
    listed(client, hub["series"], "zh-hans")
    assert item_renders.call_count == 4


def test_an_edit_changes_the_listed_question(client, hub, item_renders):
    question = hub["published"]
    assert question.title_en in listed(client, hub["series"])
    question.title_en = "An edited title"
    question.save()
    page = listed(client, hub["series"])
    assert "An edited title" in page


def test_an_edit_of_an_author_changes_every_listing_that_names_them(client, hub, item_renders):
    author = AuthorFactory(name_en="First Name")
    Authorship.objects.create(question=hub["published"], author=author, order=1)
    assert "First Name" in listed(client, hub["series"])
    author.name_en = "Corrected Name"
    author.save()
    page = listed(client, hub["series"])
    assert "Corrected Name" in page and "First Name" not in page


def test_an_unpublished_question_leaves_the_listing_and_staff_see_it_as_a_draft(client, hub, item_renders):
    question = hub["published"]
    client.force_login(StaffFactory(superuser=True))
    assert 'class="badge"' not in listed(client, hub["series"]).split(question.title_en)[0].rsplit("<li", 1)[-1]
    question.status = Question.DRAFT
    question.save()
    page = listed(client, hub["series"])
    item = page.split(question.title_en)[0].rsplit("<li", 1)[-1]
    assert "Draft" in item
    client.logout()
    assert question.title_en not in listed(client, hub["series"])


def test_a_scheduled_time_passing_changes_the_listed_question(client, hub, item_renders):
    question = hub["published"]
    question.publish_at = timezone.now() + datetime.timedelta(minutes=10)
    question.save()
    client.force_login(StaffFactory(superuser=True))
    assert "Scheduled" in listed(client, hub["series"])
    with clock_at(question.publish_at + datetime.timedelta(seconds=1)):
        page = listed(client, hub["series"])
    assert "Scheduled" not in page and question.title_en in page


@pytest.fixture
def article_renders():
    """Renders of a question page's article (qa.content.fragments.question_article), counted from an empty memo."""
    with counted_renders("render_article") as renders:
        yield renders


def article(client, question, language="en"):
    page = client.get(question.url_for(language)).content.decode()
    return page[page.index("<article") : page.index("</article>")]


def test_the_article_is_rendered_once_per_content_and_language_and_survives_retirement(
    client, hub, article_renders
):
    question = hub["published"]
    first = article(client, question)
    retire_cached_pages()
    assert article(client, question) == first
    assert article_renders.call_count == 1
    article(client, question, "zh-hans")
    assert article_renders.call_count == 2


def test_the_article_changes_with_the_question_and_its_neighbours(client, hub, article_renders):
    question, following = hub["published"], hub["untranslated"]
    assert following.title_en in article(client, question)
    following.title_en = "A retitled next question"
    following.save()
    assert "A retitled next question" in article(client, question)
    question.body_en = "A *corrected* answer."
    question.save()
    assert "A <em>corrected</em> answer." in article(client, question)
    following.status = Question.DRAFT
    following.save()
    assert "A retitled next question" not in article(client, question)


def test_an_author_renamed_or_a_topic_added_changes_the_article(client, hub, article_renders):
    question = hub["published"]
    author = AuthorFactory(name_en="First Name")
    Authorship.objects.create(question=question, author=author, order=1)
    assert "First Name" in article(client, question)
    author.name_en = "Corrected Name"
    author.save()
    page = article(client, question)
    assert "Corrected Name" in page and "First Name" not in page
    question.topics.add(TopicFactory(name_en="Masks"))
    assert "Masks" in article(client, question)


def test_a_scheduled_time_passing_changes_the_article(client, hub, article_renders):
    question = hub["published"]
    question.publish_at = timezone.now() + datetime.timedelta(minutes=10)
    question.save()
    client.force_login(StaffFactory(superuser=True))
    assert "only staff can see this page until then" in article(client, question)
    with clock_at(question.publish_at + datetime.timedelta(seconds=1)):
        assert "only staff can see this page" not in article(client, question)


def test_another_host_gets_its_own_citation_addresses(client, hub, article_renders, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    question = hub["published"]
    assert "http://testserver/" in article(client, question)
    page = client.get(question.url_for("en"), HTTP_HOST="mirror.example.org").content.decode()
    assert "http://mirror.example.org/" in page and "http://testserver/" not in page


def test_a_reviewer_preview_is_rendered_each_time_and_never_kept(client, hub, article_renders):
    question = hub["draft"]
    link = ReviewLink.objects.create(question=question, language="en", created_by=StaffFactory(superuser=True))
    for _ in range(2):
        assert "Preview for review" in client.get(link.get_absolute_url()).content.decode()
    assert article_renders.call_count == 2
    assert fragments.fragments.size == 0


@pytest.fixture
def pairing_renders():
    """Renders of a pairing page's figures and table (qa.content.fragments.programme_pairings), from an empty memo."""
    with counted_renders("render_programme") as renders:
        yield renders


def pairing_page(client, programme, language="en", order=""):
    return client.get(programme.url_for(language) + (f"?order={order}" if order else "")).content.decode()


def test_a_pairing_table_is_rendered_once_per_content_order_and_language(client, programme, pairing_renders):
    first = pairing_page(client, programme)
    retire_cached_pages()
    assert pairing_page(client, programme) == first
    assert pairing_renders.call_count == 1
    pairing_page(client, programme, order="supporter")
    pairing_page(client, programme, "zh-hans")
    assert pairing_renders.call_count == 3


def test_a_renamed_region_or_a_changed_pair_changes_the_table(client, programme, pairing_renders):
    pair = programme.pairings.select_related("supported").first()
    assert pair.supported.name_en in pairing_page(client, programme)
    pair.supported.name_en = "A renamed region"
    pair.supported.save()
    assert "A renamed region" in pairing_page(client, programme)
    pair.delete()
    assert "A renamed region" not in pairing_page(client, programme)
