"""What every test gets: fast password hashing, the default language, plain static files and an own, empty cache;
the small site (``hub``) and the ``editor`` that tests of several features share; and the fixtures the files of
one feature share (revisions, translation status, content bundles, citations, search), which a module may override.

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
from tests import reading_data
from tests.bundle_data import import_content, shipped, write
from tests.citation_data import CIKD_EN, CIKD_ZH, TITLE_EN, TITLE_ZH
from tests.factories import AuthorFactory, EditorFactory, QuestionFactory, SeriesFactory, make_question
from tests.pairing_data import make_hubei_pairing, make_question_3, make_second_programme
from tests.two_factor import verifying

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUES = ("locale/*/LC_MESSAGES/*.po", "knowledgehub/locale/*/LC_MESSAGES/*.po")


def stale_catalogues():
    """Each .po (django.po, djangojs.po; relative to the project) whose .mo is missing or older than it."""
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


# --- the revision tests: test_revisions_*.py, test_optimistic_locking.py, test_missing_translations.py -----------


@pytest.fixture
def revision_series(db):
    """The series of the revision tests' questions."""
    return SeriesFactory()


@pytest.fixture
def revision_question(revision_series):
    """The revision tests' question: number 1 of ``revision_series``, a draft in both languages with a byline of
    two."""
    return make_question(
        revision_series,
        1,
        title_en="How did China contain the outbreak?",
        title_zh="中国如何控制疫情？",
        body_en="First paragraph.\n\nSecond paragraph.",
        body_zh="第一段。\n\n第二段。",
        authors=[
            AuthorFactory(slug="li-wei", name_en="Li Wei", name_zh_hans="李伟"),
            AuthorFactory(slug="zhang-min", name_en="Zhang Min", name_zh_hans="张敏"),
        ],
    )


# --- the translation-status tests: test_translation_status_*.py ----------------------------------------------


@pytest.fixture
def logged_in(client, editor):
    """``client`` logged in as the ``editor``."""
    client.force_login(editor)
    return client


# --- the content-bundle tests: test_bundle_*.py (tests/bundle_data.py) -----------------------------------------


@pytest.fixture
def imported(tmp_path):
    """The shipped content bundle, imported."""
    import_content(write(tmp_path, shipped(), "shipped.json"))


# --- the citation tests: test_citation_*.py (tests/citation_data.py) -------------------------------------------


@pytest.fixture
def reading_content():
    """Question 3 with a byline of two and question 4 in English only (tests/reading_data.py)."""
    return reading_data.build()


@pytest.fixture
def question_3(db):
    """Question 3 of the review: Zhou Taidong's, written in English in March 2020, translated into Chinese."""
    series = SeriesFactory(publisher_en=CIKD_EN, publisher_zh_hans=CIKD_ZH)
    zhou = AuthorFactory(slug="zhou-taidong", name_en="Zhou Taidong", name_zh_hans="周太东")
    return QuestionFactory(
        series=series,
        number=3,
        authors=[zhou],
        title_en=TITLE_EN,
        title_zh_hans=TITLE_ZH,
        summary_en="Nineteen provinces each supported a city in Hubei.",
        summary_zh_hans="19个省份分别对口支援湖北的一个城市。",
    )


# --- the search tests: test_search_matching.py, _index.py, _queries.py, _pages.py (tests/searching.py) --------


@pytest.fixture(name="make_question")
def fixture_make_question(hub_series):
    """A question with only the given text (no default summary, body or byline), so each search sees just that.

    Named apart from tests.factories.make_question (the revision tests' draft, which ``revision_question`` uses).
    """

    def make(title_en="", title_zh="", body_en="", body_zh="", summary_en="", status=Question.PUBLISHED, **extra):
        return QuestionFactory(
            series=hub_series,
            title_en=title_en or None,
            title_zh_hans=title_zh or None,
            summary_en=summary_en or None,
            summary_zh_hans=None,
            body_en=body_en or None,
            body_zh_hans=body_zh or None,
            status=status,
            published=datetime.date(2020, 3, 1),
            original_language="zh-hans" if title_zh and not title_en else "en",
            authors=[],
            **extra,
        )

    return make
