"""Static files are served by WhiteNoise's middleware: hashed, compressed and cacheable for a year."""

from django.core.management import call_command
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware


def test_static_files_are_hashed_compressed_and_kept_a_year(tmp_path, db):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STORAGES={"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}},
    ):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["vendor"])
        hashed = next(path.name for path in (tmp_path / "css").glob("site.*.css"))
        assert (tmp_path / "css" / f"{hashed}.br").exists()
        assert (tmp_path / "css" / f"{hashed}.gz").exists()
        middleware = WhiteNoiseMiddleware(lambda request: None)
        request = RequestFactory().get(f"/static/css/{hashed}", HTTP_ACCEPT_ENCODING="gzip, br")
        response = middleware(request)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "br"
        assert response["Cache-Control"] == "max-age=31536000, public, immutable"
        response.close()
