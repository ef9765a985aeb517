"""Several hosts, proven: two app hosts (gunicorn, started exactly as docs/operators.md's several-hosts recipe
says) on one real PostgreSQL and one real Redis serve what an editor saved on the next request, keep serving
with Redis stopped or with the other host killed, and keep nothing on their own disk.

The hosts are two gunicorn processes bound to two private loopback addresses (127.0.0.2 and 127.0.0.3, as a
host binds its private address behind the proxy), each with its own empty DJANGO_VAR_DIR and the recipe's
environment: the suite's PostgreSQL test database, a redis-server started here, the secret key from the
environment, HTTPS behind a proxy. Requests carry what the proxy (docs/nginx.conf.example) adds.

The edit and the unpublish go through the first host's admin over HTTP, as an editor's browser sends them
(tests/admin_over_http.py): the login form with password and the code of the editor's authenticator app, the
question's change form with a new title, then the "unpublish" action on the list; the second host must serve
each on its very next request.

Runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…) and redis-server is installed; CI sets
HUB_REQUIRE_SEVERAL_HOSTS=1 on its PostgreSQL run, so that a skip there is a failure.
"""

import http.client
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import global_settings, settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from reversion.models import Version

from knowledgehub.settings import cache_from_url
from qa.editorial.change_messages import readable
from qa.models import Question
from tests.admin_over_http import AdminBrowser, errors_in
from tests.factories import EDITOR_PASSWORD, EditorFactory, QuestionFactory, SeriesFactory
from tests.servers import RedisServer, free_port, wait_for_port
from tests.two_factor import authenticator_of, current_code

BASE_DIR = Path(settings.BASE_DIR)
PUBLIC_NAME = "hub.example.org"
ADDRESSES = ("127.0.0.2", "127.0.0.3")
# The proxy's address: requests to the hosts leave from it, and the hosts trust it (DJANGO_TRUSTED_PROXIES).
PROXY_ADDRESS = "127.0.0.1"
# What the proxy sends on: the public name, the scheme it terminated and the client's address.
PROXY_HEADERS = {"Host": PUBLIC_NAME, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
# Variables of the test run that must not reach the hosts: they get only the recipe's.
OWN_VARIABLES = ("DATABASE_URL", "CACHE_URL", "REDIS_URL", "WEB_CONCURRENCY", "PORT")
BOOT_SECONDS = 90
REQUEST_SECONDS = 15


@pytest.fixture
def postgresql_database(transactional_db):
    """The suite's PostgreSQL test database as a DATABASE_URL; content written here is committed at once."""
    if connection.vendor != "postgresql":
        if os.environ.get("HUB_REQUIRE_SEVERAL_HOSTS"):
            pytest.fail("HUB_REQUIRE_SEVERAL_HOSTS is set, but the suite does not run on PostgreSQL")
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://…")
    database = connection.settings_dict
    user = quote(database["USER"] or "", safe="")
    password = quote(database["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def static_files():
    """The recipe's step 3 (collectstatic), done once in a checkout that has not run `make setup`."""
    if not (BASE_DIR / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=BASE_DIR,
            check=True,
            timeout=300,
        )


class Host:
    """One app host: `gunicorn knowledgehub.wsgi --config gunicorn.conf.py --bind <private address>:<port>`."""

    def __init__(self, address, environment, directory):
        self.address = address
        self.port = free_port(address)
        self.var_dir = directory / "var"
        self.var_dir.mkdir(parents=True)
        self.environment = {**environment, "DJANGO_VAR_DIR": str(self.var_dir)}
        self.log = directory / "gunicorn.log"
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        bind = f"{address}:{self.port}"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [gunicorn, "knowledgehub.wsgi", "--config", "gunicorn.conf.py", "--bind", bind],
                cwd=BASE_DIR,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers in its own process group, to kill the host as a whole
            )

    def wait_until_serving(self):
        wait_for_port(self.address, self.port, self.process, BOOT_SECONDS, f"gunicorn on {self.address}")
        assert self.get("/healthz") == (200, '{"status": "ok", "database": "ok"}'), self.tail()

    def get(self, path):
        """The status and text of a GET through the proxy's headers, on a new connection."""
        proxy = http.client.HTTPConnection(
            self.address, self.port, timeout=REQUEST_SECONDS, source_address=(PROXY_ADDRESS, 0)
        )
        try:
            proxy.request("GET", path, headers=PROXY_HEADERS)
            response = proxy.getresponse()
            return response.status, response.read().decode()
        finally:
            proxy.close()

    def kill(self):
        """As a host that loses power: the master and its workers, at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self):
        return self.log.read_text(errors="replace")[-3000:]

    def kept_on_disk(self):
        return sorted(str(path.relative_to(self.var_dir)) for path in self.var_dir.rglob("*"))


def recipe_environment(database_url, cache_url):
    """docs/operators.md, step 2, for hub.example.org: the same on every host (DJANGO_VAR_DIR is each host's own)."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "HUB_")) and name not in OWN_VARIABLES
    }
    return {
        **inherited,
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": PUBLIC_NAME,
        "DJANGO_SECURE_HTTPS": "1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{PUBLIC_NAME}",
        "DJANGO_TRUSTED_PROXIES": PROXY_ADDRESS,
        "WEB_CONCURRENCY": "2",
    }


@pytest.fixture
def hosts(postgresql_database, redis_server, static_files, tmp_path):
    """Two hosts serving, and the editor's side (this process) on the same database and the same Redis."""
    environment = recipe_environment(postgresql_database, redis_server.url)
    started = [Host(address, environment, tmp_path / f"host-{number}") for number, address in enumerate(ADDRESSES)]
    with override_settings(CACHES={"default": cache_from_url(redis_server.url)}):
        try:
            for host in started:
                host.wait_until_serving()
            yield started
        finally:
            for host in started:
                host.stop()
        cache.close()


@pytest.fixture
def editor_on_the_hosts(postgresql_database):
    """An editor made as `create_editor` makes one, with an authenticator app, in the database the hosts use; the
    password hashed as the hosts hash it (the suite's fast MD5 is not among their PASSWORD_HASHERS)."""
    editor = EditorFactory()
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        editor.set_password(EDITOR_PASSWORD)
        editor.save(update_fields=["password"])
    return editor, authenticator_of(editor)


@pytest.fixture
def question(postgresql_database):
    series = SeriesFactory()
    return QuestionFactory(series=series, number=1, title_en="As first published")


def page_keys(redis_server):
    return redis.Redis.from_url(redis_server.url).keys("*hub:page:*")


def assert_nothing_kept_on_disk(hosts):
    for host in hosts:
        assert host.kept_on_disk() == [], f"{host.address} kept {host.kept_on_disk()} in its DJANGO_VAR_DIR"


def test_an_edit_and_an_unpublish_through_one_hosts_admin_are_what_the_other_serves(
    hosts, question, editor_on_the_hosts, redis_server
):
    first, second = hosts
    url = question.url_for("en")
    status, page = first.get(url)
    assert status == 200, first.tail()
    assert "As first published" in page
    cached = page_keys(redis_server)
    assert cached, "the first host kept the page in Redis"
    assert second.get(url) == (200, page)
    assert page_keys(redis_server) == cached, "the second host served the first one's cached page"

    editor, device = editor_on_the_hosts
    browser = AdminBrowser(first.address, first.port, PROXY_ADDRESS, PROXY_HEADERS, REQUEST_SECONDS)
    browser.log_in(editor.username, EDITOR_PASSWORD, current_code(device))
    change_form = f"/admin/qa/question/{question.pk}/change/"
    status, location, answer = browser.submit(change_form, "question_form", title_en="As the editor corrected it")
    assert (status, location) == (302, "/admin/qa/question/"), f"the edit answered {status}: {errors_in(answer)}"
    for host in (second, first):
        status, page = host.get(url)
        assert status == 200
        assert "As the editor corrected it" in page
        assert "As first published" not in page
        assert "As the editor corrected it" in host.get(question.series.url_for("en"))[1]

    changelist = "/admin/qa/question/"
    status, location, answer = browser.submit(
        changelist, "changelist-form", action="unpublish", _selected_action=str(question.pk)
    )
    assert (status, location) == (302, changelist), f"the unpublish answered {status}: {errors_in(answer)}"
    assert Question.objects.get(pk=question.pk).status == Question.DRAFT
    for host in (second, first):
        assert host.get(url)[0] == 404
        assert "As the editor corrected it" not in host.get(question.series.url_for("en"))[1]

    history = [version.revision for version in Version.objects.get_for_object(question).order_by("pk")]
    assert [revision.user for revision in history] == [editor, editor], "history records both, by the editor"
    assert readable(history[-1].comment) == "Status set to “draft”."
    assert_nothing_kept_on_disk(hosts)


def test_both_hosts_keep_serving_with_redis_stopped(hosts, question, redis_server):
    url = question.url_for("en")
    for host in hosts:
        assert host.get(url)[0] == 200
    redis_server.stop()

    question.title_en = "Saved while Redis was down"
    question.save()
    for host in hosts:
        assert host.get("/healthz")[0] == 200
        status, page = host.get(url)
        assert status == 200, host.tail()
        assert "Saved while Redis was down" in page
        assert host.get("/en/")[0] == 200

    # Back, empty (no persistence, as docs/operators.md asks): both cache again, and never the older page.
    redis_server.start()
    for host in hosts:
        status, page = host.get(url)
        assert status == 200
        assert "Saved while Redis was down" in page
    assert page_keys(redis_server), "the hosts cache pages again"
    assert_nothing_kept_on_disk(hosts)


def test_with_one_host_killed_the_other_serves(hosts, question):
    first, second = hosts
    url = question.url_for("en")
    assert first.get(url)[0] == 200
    first.kill()
    with pytest.raises(OSError):
        first.get("/healthz")

    question.title_en = "Saved after the first host died"
    question.save()
    assert second.get("/healthz")[0] == 200
    status, page = second.get(url)
    assert status == 200
    assert "Saved after the first host died" in page
    assert_nothing_kept_on_disk(hosts)
