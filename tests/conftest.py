"""What every test gets: fast password hashing, the default language, plain static files and an own, empty cache;
and the small site (``hub``) and the ``editor`` that tests of several features share.

Before anything runs, the session checks that the message catalogues are
compiled: without them every Chinese page would silently show English.
"""

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.test.client import ClientMixin
from django.utils import translation

from qa.models import Question
from tests.factories import EditorFactory, QuestionFactory, SeriesFactory
from tests.pairing_data import make_hubei_pairing, make_question_3, make_second_programme
from tests.two_factor import verifying

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUES = ("locale/*/LC_MESSAGES/django.po", "knowledgehub/locale/*/LC_MESSAGES/django.po")


def stale_catalogues():
    """Each django.po (relative to the project) whose django.mo is missing or older than it."""
    stale = []
    for pattern in CATALOGUES:
        for po in sorted(BASE_DIR.glob(pattern)):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(str(po.relative_to(BASE_DIR)))
    return stale


def pytest_sessionstart(session):
    stale = stale_catalogues()
    if stale:
        pytest.exit(
            "The compiled message catalogues are missing or older than their .po files "
            f"({', '.join(stale)}): run `make messages`, then the tests again.",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """MD5 instead of PBKDF2: logging in and making users take microseconds, not a third of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def staff_pass_the_second_factor(monkeypatch):
    """``client.force_login(staff)`` and ``client.login(...)`` give a session verified by the user's app
    (tests/two_factor.py): the admin demands the second factor, tests of its pages need not type codes."""
    monkeypatch.setattr(Client, "force_login", verifying(ClientMixin.force_login))
    monkeypatch.setattr(Client, "login", verifying(ClientMixin.login))


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests render pages without needing collectstatic's manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language, whatever an earlier request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def cache_directory(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def own_page_cache(settings, cache_directory):
    """The suite's own file cache: never a running site's under var/, nor another test run's."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(cache_directory),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }


@pytest.fixture(autouse=True)
def empty_cache(own_page_cache):
    """No page, lock or generation cached by one test is seen by the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hub_series(db):
    """The series of ``hub``: a test module that asserts the series' titles overrides this fixture with its own."""
    return SeriesFactory()


@pytest.fixture
def hub(hub_series):
    """A small site: question 1 in both languages, 2 in English only, 3 a draft, published on 1, 2 and 3 March 2020."""

    def question(number, **fields):
        published = datetime.date(2020, 3, number)
        return QuestionFactory(
            series=hub_series, number=number, published=published, published_precision=Question.DAY, **fields
        )

    return {
        "series": hub_series,
        "published": question(1),
        "untranslated": question(2, untranslated=True),
        "draft": question(3, draft=True, title_en="Secret draft", title_zh_hans="秘密草稿"),
    }


@pytest.fixture
def editor(db):
    """Staff in the Editors group, username "editor", logging in with tests.factories.EDITOR_PASSWORD."""
    return EditorFactory()


@pytest.fixture
def programme(db):
    """The 2020 Hubei programme (tests/pairing_data.py) with its source, Question 3 (``programme.source_question``)."""
    return make_hubei_pairing(make_question_3())


@pytest.fixture
def second(programme):
    """A second programme, of 2008, beside ``programme``."""
    return make_second_programme()
