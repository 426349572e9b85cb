"""Settings for the directory, read from the environment.

Every value has a default that works on a laptop: with nothing set, the site runs
on a SQLite file next to manage.py, in debug mode. Production sets DEBUG=0,
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL) and CACHE_URL (Redis).
Malformed values fail loudly here, at start-up, not on the first request.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; absent on most machines


def strict_bool(name: str, default: bool) -> bool:
    """Like env.bool, but a word that is not clearly yes or no stops start-up.

    django-environ reads any unknown word ("maybe", "ture") as False, which would
    silently flip a production switch.
    """
    raw = env.str(name, default="").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


DEBUG = strict_bool("DEBUG", default=True)
_DEV_SECRET = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = env.str("SITE_NAME", default="Læringsmiljøer.dk")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Without SITE_URL, links in e-mails sent from a request use the address it came to.
SITE_URL_IS_SET = bool(env.str("SITE_URL", default=""))

INSTALLED_APPS = [
    "network.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "leaflet",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "network.apps.NetworkConfig",
    "maps",
    "directory",
    "network.newsletter.apps.NewsletterConfig",
    "network.events",
    "network.knowledge",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and API JSON gzipped (WhiteNoise serves static files precompressed, before this).
    # BREACH: Django's GZipMiddleware pads each response with random bytes ("Heal the
    # Breach"), and the only secret our pages echo, the CSRF token, is masked afresh per
    # response; the session cookie is never in a body. So pages with forms may be compressed.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network.context_processors.site",
            ],
        },
    },
]

# SQLite next to manage.py unless DATABASE_URL says otherwise (postgres://…).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a command writes; a busy timeout avoids "database is locked".
    # mmap: every new connection (one per request) reads the indexes from the shared OS page
    # cache instead of copying them into a cold 2 MB private cache; temp B-trees (GROUP BY) in memory.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            # Take the write lock at BEGIN: a transaction that read first and then tried to write
            # failed at once with "database is locked" (the busy timeout cannot help it).
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456; "
                "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;"
            ),
        }
    )
# Connections are reused by default: a new PostgreSQL connection per request costs more than
# most searches. Persistent connections (one per gunicorn worker, checked before reuse) suit
# sync workers; DATABASE_POOL=1 (or JSON options for psycopg_pool, e.g. {"max_size": 8})
# uses psycopg 3's pool instead, for threaded workers. CONN_MAX_AGE=0 closes after each request.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", strict_bool("CONN_HEALTH_CHECKS", default=True))
_pool = env.str("DATABASE_POOL", default="").strip()
if _pool and _pool.lower() not in {"0", "false", "no", "off"}:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL needs a PostgreSQL DATABASE_URL.")
    pool_options = True if _pool.lower() in {"1", "true", "yes", "on"} else env.json("DATABASE_POOL")
    if not isinstance(pool_options, bool | dict):
        raise ImproperlyConfigured("DATABASE_POOL must be 1 or a JSON object of psycopg_pool options.")
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = pool_options
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django must not
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(url: str) -> dict:
    """The cache CACHE_URL names. Redis speeds the site up and shares the API throttle between
    workers, but the site must not depend on it: when it is down or hangs (half a second), a
    read misses, a write is dropped and logged (django_redis), and pages come from the database."""
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] == "django_redis.cache.RedisCache":
        options = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
        config["OPTIONS"] = {**options, **config.get("OPTIONS", {})}
    return config


# Without CACHE_URL each worker process has its own memory cache (and so its own API throttle).
CACHES = {"default": cache_settings(env.str("CACHE_URL", default="locmemcache://directory"))}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "members:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
# A lockout is for one e-mail from one client together: by address alone, everyone behind the
# proxy (or one school's NAT) was locked out at once; by e-mail alone, anyone could lock out a
# colleague. Attempts during a lockout, a correct password included, neither count nor extend it.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client address (network/limits.py): REMOTE_ADDR, or with this many trusted proxies in
# front, the address the outermost of them put in X-Forwarded-For. 0 when nothing proxies.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "network.limits.client_ip"
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=3)  # per hour
PASSWORD_RESET_PER_IP = env.int("PASSWORD_RESET_PER_IP", default=10)  # per hour
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "network/locked.html"  # a Danish page (status 429) instead of plain text

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@laeringsmiljoer.dk")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = strict_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Background work (e-mail, digests, imports) runs as tasks on one queue, never in a request.
# TASKS_BACKEND: "database" (default: rows in the app's own database, run by
# `manage.py db_worker`; no extra server), "rq" (Redis through RQ, for production scale;
# `manage.py rqworker default`), "immediate" (runs at enqueue; tests and one-off scripts).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env.str("TASKS_BACKEND", default="database")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={_task_backend!r}; use one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend], "QUEUES": ["default", "mail"]}}
if _task_backend == "rq":
    INSTALLED_APPS.append("django_rq")  # its worker command and admin queue view, only where RQ is used
RQ_QUEUES = {
    name: {"URL": env.str("RQ_URL", default="redis://127.0.0.1:6379/2"), "DEFAULT_TIMEOUT": 600}
    for name in ("default", "mail")
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Uploads to the importer (directory/imports/safety.py): checked while a file streams in,
# before anything large is built in memory; an XLSX's unpacked XML is capped too (zip bombs).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=60)
IMPORT_MAX_CELL_CHARS = env.int("IMPORT_MAX_CELL_CHARS", default=10_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=60 * 1024 * 1024)
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=500_000)

# Production hardening: on whenever DEBUG is off, so `check --deploy` is clean.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = strict_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Geocoding: see maps/geocoding. "gazetteer" works offline; "nominatim" or a dotted
# geopy class path with GEOCODER_OPTIONS (JSON) switch provider without code changes.
GEOCODER = env.str("GEOCODER", default="gazetteer")
GEOCODER_OPTIONS = env.json("GEOCODER_OPTIONS", default={})
GEOCODER_FALLBACK = strict_bool("GEOCODER_FALLBACK", default=True)
# An online geocoder's answer is awaited this long (seconds; GEOCODER_OPTIONS' "timeout" wins);
# after a timeout or error it is left alone for the cooldown and the gazetteer answers at once.
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=2.0)
GEOCODER_COOLDOWN_SECONDS = env.float("GEOCODER_COOLDOWN_SECONDS", default=60.0)
GEOCODE_CACHE_DAYS = env.int("GEOCODE_CACHE_DAYS", default=365)

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (56.0, 10.5),
    "DEFAULT_ZOOM": 7,
    "MIN_ZOOM": 6,
    "MAX_ZOOM": 18,
    "TILES": [
        (
            "OpenStreetMap",
            env.str("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            {
                "attribution": env.str("MAP_TILES_ATTRIBUTION", default="&copy; OpenStreetMap-bidragydere"),
                "maxZoom": 19,
            },
        )
    ],
    "RESET_VIEW": False,
}

# Moderation: offers of network members publish directly unless this is off.
NETWORK_MEMBERS_PUBLISH_DIRECTLY = strict_bool("NETWORK_MEMBERS_PUBLISH_DIRECTLY", default=True)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_RATE", default="600/minute")},
    # orjson encodes (directory/api/renderers.py); the browsable API for people.
    "DEFAULT_RENDERER_CLASSES": [
        "directory.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Læringsmiljøer API",
    "DESCRIPTION": "Public API of the national directory of external learning environments in Denmark.",
    "VERSION": "1.1.0",  # directory.api.parameters.API_CHANGES (tests/directory/test_api_parameters.py)
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed sidecar package: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
