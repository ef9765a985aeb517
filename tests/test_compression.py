"""Compressed responses: public pages go out gzipped to clients that accept it, from the page cache too
(compressed once, when kept), with ``Vary: Accept-Encoding``; pages that may hold a CSRF token or a
session's data (the admin, the login form) never are (BREACH)."""

import gzip
from unittest import mock

import pytest

from qa.web import cache as page_cache

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.fixture
def served_hub(transactional_db, hub):
    """The shared small site, committed, as on a served site, where pages are cached."""
    return hub


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_are_gzipped_for_clients_that_accept_it(client, hub, language):
    url = hub["published"].url_for(language)
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert "accept-encoding" in vary(plain) and "accept-encoding" in vary(compressed)


@pytest.mark.parametrize("path", ["/en/feeds/questions.atom", "/sitemap.xml", "/en/search/?q=question"])
def test_feeds_sitemap_and_search_are_gzipped(client, hub, path):
    response = client.get(path, **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content)


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize("extension", ["ris", "bib", "json"])
def test_citation_downloads_are_gzipped(client, hub, language, extension):
    question = hub["published"]
    url = f"/{language}/{question.series.path}/{question.number}/cite.{extension}"
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "accept-encoding" in vary(plain)


def test_cached_pages_are_served_gzipped_and_compressed_once(client, served_hub, django_assert_num_queries):
    url = served_hub["published"].url_for("en")
    with mock.patch.object(page_cache, "gzipped", wraps=page_cache.gzipped) as compress:
        first = client.get(url, **GZIP)
        with django_assert_num_queries(0):
            hits = [client.get(url, **GZIP) for _ in range(3)]
            plain = client.get(url)
    assert compress.call_count == 1
    assert all(hit["Content-Encoding"] == "gzip" and hit.content == first.content for hit in hits)
    assert gzip.decompress(first.content) == plain.content
    assert "Content-Encoding" not in plain
    assert {"accept-encoding", "cookie"} <= vary(plain) and {"accept-encoding", "cookie"} <= vary(hits[0])


def test_the_compressed_form_has_its_own_weak_etag_and_answers_304(client, served_hub):
    url = served_hub["published"].url_for("en")
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert compressed["ETag"] == f"W/{plain['ETag']}"
    again = client.get(url, HTTP_IF_NONE_MATCH=compressed["ETag"], **GZIP)
    assert again.status_code == 304


def test_admin_pages_and_the_login_form_are_never_compressed(client, hub, editor):
    login = client.get("/admin/login/", **GZIP)
    assert login.status_code == 200
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login
    client.force_login(editor)
    for path in ["/admin/", "/en/", hub["published"].url_for("en")]:
        response = client.get(path, **GZIP)
        assert response.status_code == 200
        assert "Content-Encoding" not in response, path


def test_small_responses_are_left_alone(client, hub):
    health = client.get("/healthz", **GZIP)
    assert len(health.content) < 200
    assert "Content-Encoding" not in health
