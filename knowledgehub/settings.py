"""Settings for the COVID-19 Knowledge Hub, driven by environment variables.

Every default is safe for one machine: SQLite under ``var/``, DEBUG off, the
secret key read from DJANGO_SECRET_KEY or ``var/secret_key``.

Importing this module never writes anything: ``make setup`` creates ``var/``
(the SQLite database and the file cache live there) and the key file.
"""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from knowledgehub.static_headers import keep_hashed_files_a_year

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def read_secret_key():
    """DJANGO_SECRET_KEY, else the file `make setup` writes; None when there is neither."""
    key = os.environ.get("DJANGO_SECRET_KEY", "").strip()
    if key:
        return key
    try:
        return (VAR_DIR / "secret_key").read_text().strip() or None
    except FileNotFoundError:
        return None


def missing_secret_key():
    raise ImproperlyConfigured(
        f"No secret key: set DJANGO_SECRET_KEY, or run `make setup`, which writes one to {VAR_DIR / 'secret_key'}."
    )


# Without a key, ImproperlyConfigured is raised where the key is first used
# (sessions, CSRF, signing; the deploy check reports security.W009), not on
# import: commands that sign nothing (makemessages, import_content) still run.
SECRET_KEY = read_secret_key() or lazy(missing_secret_key, str)()
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "modeltranslation",
    "qa.staff.apps.HubAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "knowledgehub.admin_strings.HubAxesConfig",
    "qa",
]

MIDDLEWARE = [
    "qa.web.addresses.ForwardedProtoMiddleware",
    "qa.web.cache.PageCacheHitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "qa.web.security.ContentSecurityPolicyMiddleware",
    # Outside CommonMiddleware, so the 400 page for a Host not in ALLOWED_HOSTS (raised there) is framed by none.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "qa.web.compression.CompressionMiddleware",
    "qa.web.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "qa.staff.sessions.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    "qa.editorial.write_failures.WriteFailureMiddleware",
    # Innermost, so every middleware above (X-Frame-Options, CSP, compression) sees the page it makes.
    "qa.web.methods.MethodNotAllowedMiddleware",
]

ROOT_URLCONF = "knowledgehub.urls"
WSGI_APPLICATION = "knowledgehub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qa.web.context_processors.site",
                "qa.web.context_processors.footer_pages",
            ],
        },
    },
]

# Timeouts on PostgreSQL (docs/operators.md "Timeouts"): a database that does not answer costs a
# request seconds, never the worker. Seconds; options given in DATABASE_URL's query string win.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "2"))  # libpq's least is 2
DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "10"))


def database_from_url(url):
    """DATABASES["default"] from DATABASE_URL (or the SQLite file under DJANGO_VAR_DIR), with its timeouts."""
    database = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Readers never wait for a writer (WAL); writers take the lock when their
        # transaction starts and wait up to 20 s for it, instead of failing with
        # "database is locked" half-way through.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    elif database["ENGINE"] == "django.db.backends.postgresql":
        statement_ms = DATABASE_STATEMENT_TIMEOUT * 1000
        database["OPTIONS"] = {
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            # Server side: no statement (or lock wait) runs longer, no transaction idles with its locks.
            "options": f"-c statement_timeout={statement_ms} -c idle_in_transaction_session_timeout={statement_ms * 6}",
            # Client side: a peer that vanishes (host down, cable cut) is noticed in seconds, not hours.
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 2,
            "tcp_user_timeout": (DATABASE_CONNECT_TIMEOUT + DATABASE_STATEMENT_TIMEOUT) * 1000,
            **database.get("OPTIONS", {}),
        }
    return database


DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'knowledgehub.sqlite3'}")
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "qa.staff.throttling.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "knowledgehub" / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# The languages editors write; Traditional Chinese pages are converted from the Simplified text
# (qa.languages), so no field or column holds them.
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
# The language series, topics, authors, regions and programmes are written in and translated
# from (a question has its own original language); qa.editorial.staleness tracks the translations.
HUB_TRANSLATION_SOURCE_LANGUAGE = "en"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed (never-changing) static files are kept one year rather than whitenoise's ten.
WHITENOISE_ADD_HEADERS_FUNCTION = keep_hashed_files_a_year
# modeltranslation's tabbed admin would load jQuery UI from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "qa.web.log_format.OneLineFormatter", "format": "%(levelname)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_one_line": {"class": "logging.StreamHandler", "formatter": "one_line"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()},
    # A request with a Host not in ALLOWED_HOSTS: one line (the 400 itself is not logged again).
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console_one_line"], "propagate": False},
    },
}

# modeltranslation: a missing translation falls back to the other language;
# templates mark such text with its own ``lang`` (see qa.templatetags.hub).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}


FORMAT_MODULE_PATH = ["knowledgehub.formats"]
# Where `manage.py backup` and `restore` find pg_dump and pg_restore; empty: on PATH, then Debian's directories.
POSTGRESQL_BIN_DIR = os.environ.get("DJANGO_PG_BIN_DIR", "")
# Security. DJANGO_SECURE_HTTPS=1 when the site is served over HTTPS behind a
# proxy that sets X-Forwarded-Proto.
SECURE_HTTPS = env_bool("DJANGO_SECURE_HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
if SECURE_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# /healthz answers load balancers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Sent on every response by qa.web.security.ContentSecurityPolicyMiddleware.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


# Seconds a Redis connect or command may take (docs/operators.md "Timeouts").
CACHE_TIMEOUT = float(os.environ.get("DJANGO_CACHE_TIMEOUT", "0.2"))


def cache_from_url(url):
    """CACHES["default"] from CACHE_URL: redis://, rediss://, locmem://, file:///path or dummy://."""
    scheme = url.split("://", 1)[0]
    if scheme in {"redis", "rediss", "unix"}:
        # A cache that is down (refused), hung (accepts, never answers) or slow costs a page at most
        # CACHE_TIMEOUT once: the page is then served without it (qa.web.cache).
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url[len("file://") :],
            # Django's default of 300 would cull pages (a third at a time) on a site of 100 questions.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    raise ValueError(f"CACHE_URL: unsupported scheme '{scheme}'")


# Without a URL the cache lives in files under DJANGO_VAR_DIR, shared by all
# gunicorn workers of the host, so an editor's save clears every worker's copy.
CACHES = {
    "default": cache_from_url(
        os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or f"file://{VAR_DIR / 'cache'}"
    )
}
# Public pages are kept this long at most; any content save clears them sooner.
PAGE_CACHE_SECONDS = 60 * 60
# A shared cache in front of the Hub (nginx proxy_cache, a CDN) may serve a public page this long before
# asking again (Cache-Control: s-maxage): how late an unpublish can reach readers through it.
SHARED_CACHE_SECONDS = int(os.environ.get("DJANGO_SHARED_CACHE_SECONDS") or 60)


# Staff accounts (issue 16): login throttling (qa/staff/throttling.py), the
# addresses behind a proxy (qa/web/addresses.py).
def trusted_proxies(name, default):
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name, default)]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


# X-Forwarded-For and X-Forwarded-Proto are read only from these addresses or networks (comma-separated).
HUB_TRUSTED_PROXIES = trusted_proxies("DJANGO_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
HUB_LOGIN_PAIR_LIMIT = 5
HUB_LOGIN_ADDRESS_LIMIT = 20
HUB_LOGIN_FIRST_WAIT = datetime.timedelta(minutes=1)
HUB_LOGIN_LONGEST_WAIT = datetime.timedelta(hours=1)
HUB_LOGIN_ALARM_FAILURES = 50
HUB_LOGIN_ALARM_WINDOW = datetime.timedelta(minutes=15)
AXES_HANDLER = "qa.staff.throttling.LoginThrottlingHandler"
# How long failures are remembered after the last one (the handler decides the waits).
AXES_COOLOFF_TIME = datetime.timedelta(hours=24)
# A success forgets the failures of that username from that address only.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# axes would lock at its own fixed count; the handler locks instead.
AXES_LOCK_OUT_AT_FAILURE = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "qa.staff.throttling.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "qa.web.addresses.client_address"
# The admin is the only login.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# The second factor (qa/staff/two_factor.py): the name authenticator apps show.
OTP_TOTP_ISSUER = "COVID-19 Knowledge Hub"
# Staff sessions (qa/staff/sessions.py): 12 hours at most, 30 minutes idle.
HUB_SESSION_LONGEST = datetime.timedelta(hours=12)
HUB_SESSION_IDLE = datetime.timedelta(minutes=30)
SESSION_COOKIE_AGE = int(HUB_SESSION_LONGEST.total_seconds())
# Password reset mail: SMTP when DJANGO_EMAIL_HOST is set, else printed on the console.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_TLS", default=True)
EMAIL_TIMEOUT = 10
HUB_PASSWORD_RESETS_PER_HOUR = 5
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_EMAIL_FROM", "webmaster@localhost")
