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
