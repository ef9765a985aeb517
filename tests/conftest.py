import pytest


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests render pages without needing collectstatic's manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
