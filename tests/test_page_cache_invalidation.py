"""The page cache can never bring back a page an editor changed, unpublished or deleted.

These tests run against the default file cache and a real ``redis-server`` (started here on loopback;
CI sets HUB_REQUIRE_REDIS=1 so that a missing server fails).
"""

import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from qa.models import Question
from qa.web import cache as page_cache
from qa.web.cache import GENERATION_KEY
from tests.factories import EditorFactory, QuestionFactory
from tests.pairing_data import make_hubei_pairing
from tests.servers import RedisServer

JUNK_REQUESTS = 2000


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


@pytest.fixture(params=["file", "redis"])
def shared_cache(request, tmp_path):
    """CACHES for one backend, and a function that counts the entries it holds."""
    if request.param == "file":
        location = tmp_path / "cache"
        config = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(location),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }

        def entries():
            return len(list(location.glob("*.djcache")))
    else:
        url = request.getfixturevalue("redis_url")
        config = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}

        def entries():
            import redis

            return redis.Redis.from_url(url).dbsize()

    with override_settings(CACHES={"default": config}):
        cache.clear()
        yield {"config": config, "entries": entries}
        cache.clear()


def restart(shared_cache):
    """What a new process sees: a fresh handle on the same shared cache."""
    return override_settings(CACHES={"default": dict(shared_cache["config"])})


@pytest.fixture
def question(transactional_db):
    return QuestionFactory(number=3)


def read(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_unpublished_stays_unpublished_whatever_the_cache_forgets(client, shared_cache, question):
    url = question.url_for("en")
    assert read(client, url)[0] == 200
    assert read(client, url)[0] == 200  # now served from the cache

    question.status = Question.DRAFT
    question.save()
    assert read(client, url)[0] == 404

    cache.delete(GENERATION_KEY)  # as culling or an eviction policy would
    assert read(client, url)[0] == 404
    for number in range(JUNK_REQUESTS):
        assert client.get(f"{url}?junk={number}").status_code == 404
    with restart(shared_cache):
        assert read(client, url)[0] == 404
        cache.clear()
        assert read(client, url)[0] == 404


def test_an_edit_is_seen_at_once_and_for_good(client, shared_cache, question):
    url = question.url_for("en")
    assert "Question title 3" in read(client, url)[1]
    question.title_en = "A corrected title"
    question.save()
    assert "A corrected title" in read(client, url)[1]

    later = time.time() + 3600 + 301  # past every timeout the old scheme had
    with mock.patch("time.time", return_value=later), restart(shared_cache):
        body = read(client, url)[1]
    assert "A corrected title" in body and "Question title 3" not in body


def test_a_deleted_question_stays_gone(client, shared_cache, question):
    url = question.url_for("zh-hans")
    assert read(client, url)[0] == 200
    question.delete()
    cache.delete(GENERATION_KEY)
    with restart(shared_cache):
        assert read(client, url)[0] == 404


def test_query_strings_the_page_does_not_use_make_no_entries(client, shared_cache, question):
    url = question.url_for("en")
    page = client.get(url).content
    before = shared_cache["entries"]()
    for number in range(JUNK_REQUESTS):
        response = client.get(f"{url}?junk={number}&utm_source=x{number}")
        assert response.content == page
    assert shared_cache["entries"]() == before


def test_a_query_parameter_the_page_uses_is_kept_and_cached_apart(client, shared_cache, transactional_db):
    programme = make_hubei_pairing()
    address = programme.url_for("en")
    by_recipient = client.get(f"{address}?order=recipient").content.decode()
    by_supporter = client.get(f"{address}?order=supporter&junk=1").content.decode()
    assert by_recipient != by_supporter
    assert f'href="{programme.url_for("zh-hans")}?order=supporter"' in by_supporter
    assert "junk" not in by_supporter


def test_a_rolled_back_write_retires_nothing_and_a_commit_once(client, shared_cache, question):
    url = question.url_for("en")
    client.get(url)
    generation = cache.get(GENERATION_KEY)
    with transaction.atomic():
        question.title_en = "Never committed"
        question.save()
        assert cache.get(GENERATION_KEY) == generation, "retired before the write committed"
        transaction.set_rollback(True)
    assert cache.get(GENERATION_KEY) == generation
    with mock.patch.object(page_cache, "new_generation", wraps=page_cache.new_generation) as fresh:
        with transaction.atomic():
            for number in range(5):
                question.title_en = f"Edit {number}"
                question.save()
        assert fresh.call_count == 1
    assert "Edit 4" in read(client, url)[1]


def test_an_editors_group_change_leaves_the_pages_cached(client, shared_cache, question):
    editor = EditorFactory()
    client.get(question.url_for("en"))
    generation = cache.get(GENERATION_KEY)
    editor.groups.clear()
    assert cache.get(GENERATION_KEY) == generation


def test_an_unpublish_in_the_admin_reaches_every_anonymous_reader_at_once(shared_cache, question):
    reader, editor = Client(), Client()
    url = question.url_for("zh-hans")
    assert reader.get(url).status_code == 200
    editor.force_login(EditorFactory())
    response = editor.post(
        reverse("admin:qa_question_changelist"),
        {"action": "unpublish", "_selected_action": [question.pk]},
    )
    assert response.status_code == 302
    assert reader.get(url).status_code == 404
    cache.delete(GENERATION_KEY)
    with restart(shared_cache):
        assert Client().get(url).status_code == 404
