"""Settings for production: the deploy check, and the cache backend chosen from the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def deploy_check(tmp_path, **extra):
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses.
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "hub.example.org",
        "DJANGO_VAR_DIR": str(tmp_path),
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_deploy_check_is_clean_behind_https(tmp_path):
    result = deploy_check(tmp_path, DJANGO_SECURE_HTTPS="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_complains_without_https(tmp_path):
    result = deploy_check(tmp_path, DJANGO_SECURE_HTTPS="0")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://cache.internal:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("rediss://user:secret@cache.internal:6380/0", "django.core.cache.backends.redis.RedisCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("file:///srv/hub/cache", "django.core.cache.backends.filebased.FileBasedCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_backend_comes_from_the_environment(url, backend):
    from knowledgehub.settings import cache_from_url

    config = cache_from_url(url)
    assert config["BACKEND"] == backend
    if "redis" in backend:
        assert config["LOCATION"] == url
    if "file" in backend:
        assert config["LOCATION"] == "/srv/hub/cache"


def test_unknown_cache_url_is_refused():
    from knowledgehub.settings import cache_from_url

    with pytest.raises(ValueError, match="memcached"):
        cache_from_url("memcached://cache.internal:11211")
