import pytest
from django.utils import translation


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
