"""Deep Bench settings: every value comes from the environment (see .env.example).

Laptop defaults need no server: SQLite under var/, an embedded filesystem broker for
Celery, and emails written as files under var/mail/. A malformed value stops start-up
with a message that names the variable.
"""

import base64
import binascii
import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def _setting(name, cast, default):
    """Read one variable; a value that does not parse names the variable and stops start-up."""
    try:
        return cast(name, default=default)
    except (ValueError, TypeError, ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"Setting {name} has a malformed value: {exc}") from exc


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _strict_bool(name, default):
    raw = env.str(name, default=str(default)).strip().lower()
    if raw not in _TRUE | _FALSE:
        raise ValueError(f"expected true or false, got {raw!r}")
    return raw in _TRUE


def _db_url(name, default):
    config = env.db_url(name, default=default)
    if not config.get("ENGINE"):
        raise ValueError("expected a database URL such as postgres://user@host:5432/name")
    return config


def _networks(name, default):
    """Comma-separated IP addresses or CIDR ranges, e.g. "127.0.0.1,10.0.0.0/8"."""
    return tuple(
        ipaddress.ip_network(item, strict=False) for item in env.list(name, default=default)
    )


def _url_setting(name, default, schemes):
    value = _setting(name, env.str, default)
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in schemes:
        raise ImproperlyConfigured(
            f"Setting {name} must be a URL starting with one of: "
            + ", ".join(f"{s}://" for s in schemes)
            + f" (got {value!r})."
        )
    return value


DEBUG = _setting("DEBUG", _strict_bool, False)

# Unset on a laptop or in tests; `check --deploy` flags the fallback's "django-insecure" prefix.
SECRET_KEY = _setting("SECRET_KEY", env.str, "") or "django-insecure-laptop-only-deep-bench"

ALLOWED_HOSTS = _setting("ALLOWED_HOSTS", env.list, ["127.0.0.1", "localhost", "testserver"])
SITE_URL = _url_setting("SITE_URL", "http://127.0.0.1:8000", ("http", "https")).rstrip("/")
CSRF_TRUSTED_ORIGINS = _setting("CSRF_TRUSTED_ORIGINS", env.list, [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "axes",
    "csp",
    "leadership",
    "notices",
    "portrait",
    "programs",
    "opportunities",
    "pipeline",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    # X-Forwarded-Proto is believed only from TRUSTED_PROXIES (leadership/client_ip.py).
    "leadership.client_ip.TrustedProxyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A view that cannot reach the database answers 503 with Retry-After (not a bare 500).
    "leadership.middleware.DatabaseDownMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads the body: an unreadable upload goes back with a message.
    "leadership.middleware.UnreadableRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the outcome of authentication (django-axes' requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "leadership.urls"
WSGI_APPLICATION = "leadership.wsgi.application"

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
                "leadership.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": _setting("DATABASE_URL", _db_url, f"sqlite:///{VAR_DIR / 'deepbench.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = _setting("CONN_MAX_AGE", env.int, 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Email goes out once on SQLite too (README, "Email goes out once"). Every transaction
    # takes the write lock as it begins (IMMEDIATE), waiting up to 20 seconds for another
    # writer such as a roster import, so it never fails half-way for a lock; WAL lets
    # readers and the writer's commit go on side by side.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
    # The reflections' covering index (INCLUDE self_rating) speeds PostgreSQL up; SQLite
    # builds it as a plain index, which is all a laptop needs. Said once here, not on
    # every command.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "leadership.User"
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling: the sixth failure in a row locks that account out from that client's
# address only (leadership/client_ip.py), so a stranger's guesses never lock out its owner.
AXES_FAILURE_LIMIT = 6
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The sign-in form posts the email address as "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a TLS proxy every request comes from the proxy's address: list the proxies (IPs or
# CIDR ranges) whose X-Forwarded-For is believed. Empty: the header is ignored everywhere.
TRUSTED_PROXIES = _setting("TRUSTED_PROXIES", _networks, [])
AXES_CLIENT_IP_CALLABLE = "leadership.client_ip.client_ip"

LANGUAGE_CODE = "en-us"
TIME_ZONE = _setting("TIME_ZONE", env.str, "America/Chicago")
USE_I18N = True
# Dates as "3 Dec 2026" and "3 Dec 2026, 14:05" everywhere: leadership/formats/en/formats.py.
FORMAT_MODULE_PATH = "leadership.formats"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Third-party assets come from npm (package-lock.json), never from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Files served at the site's root by WhiteNoise, such as /favicon.ico that browsers ask for.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_ROOT = _setting("MEDIA_ROOT", env.str, str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: SMTP when EMAIL_HOST is set, otherwise one file per message under var/mail/.
EMAIL_HOST = _setting("EMAIL_HOST", env.str, "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = _setting("EMAIL_PORT", env.int, 587)
    EMAIL_HOST_USER = _setting("EMAIL_HOST_USER", env.str, "")
    EMAIL_HOST_PASSWORD = _setting("EMAIL_HOST_PASSWORD", env.str, "")
    EMAIL_USE_TLS = _setting("EMAIL_USE_TLS", _strict_bool, True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = _setting("EMAIL_FILE_PATH", env.str, str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = _setting("DEFAULT_FROM_EMAIL", env.str, "Deep Bench <deepbench@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: the pipeline's counted figures (pipeline/figures.py). It must be shared
# by every web process and the Celery worker: Redis in production (CACHE_URL=redis://...),
# files under var/cache/ on a laptop.
CACHES = {"default": _setting("CACHE_URL", env.cache_url, f"filecache://{VAR_DIR / 'cache'}")}

# The API at /api/v1/ (api/): tokens only, JSON only, one error shape, cursor pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.auth.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Deep Bench API",
    "DESCRIPTION": (
        "The leadership pipeline of one district, for its other systems. Send a token made "
        "by a district administrator (Pipeline → API tokens) as `Authorization: Bearer "
        "dbk_…`. Lists are cursor-paged (`next`), take `page_size` (at most 500) and "
        "`updated_since`. Errors have one shape, `error` with `status`, `code`, `message` "
        "and `fields`; 401 no working token, 403 a token without the scope, 404 nothing with "
        "that id in the token's district, 429 too many requests (see Retry-After)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep-link anchors inside Swagger UI's operation buttons (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "persistAuthorization": False},
    "ENUM_NAME_OVERRIDES": {
        "LevelEnum": "leadership.models.Level",
        "ReadinessEnum": "pipeline.models.Readiness",
        "SlateReadinessEnum": "pipeline.succession.models.SlateReadiness",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_errors_and_security",
    ],
}
# Requests one API token may make per minute, counted in the shared cache.
API_RATE_PER_MINUTE = _setting("API_RATE_PER_MINUTE", env.int, 600)

# Seconds after a change before the worker recounts the admins' pipeline figures; 0: never.
FIGURES_RECOUNT_SECONDS = _setting("FIGURES_RECOUNT_SECONDS", env.int, 10)

# Celery. Redis in production; on a laptop an embedded filesystem broker under var/.
CELERY_BROKER_URL = _url_setting(
    "CELERY_BROKER_URL",
    _setting("REDIS_URL", env.str, "filesystem://"),
    ("redis", "rediss", "filesystem", "memory"),
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    # The filesystem transport needs its folder to exist before a worker or producer starts.
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        # Broadcast control messages (ping, shutdown) also live under var/, not the cwd.
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
else:
    # Retries and ETAs stay well under this; see README.md, "Email goes out once".
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_BACKEND = _setting("CELERY_RESULT_BACKEND", env.str, "") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = _setting("CELERY_TASK_ALWAYS_EAGER", _strict_bool, False)
# One entry per periodic task; run exactly one beat process.
CELERY_BEAT_SCHEDULE = {
    # Claims outbox rows that are due and sends them (safety net for missed enqueues).
    "send-due-outbox": {
        "task": "notices.tasks.send_due_outbox",
        "schedule": timedelta(minutes=1),
    },
    # Fair reach kept per school: counted again for a new school year on its first day
    # (opportunities/kept_reach.py); any other day it finds nothing to do.
    "keep-reach-for-the-school-year": {
        "task": "opportunities.tasks.keep_reach_for_the_school_year",
        "schedule": crontab(hour=0, minute=5),
    },
    # Daily reminders: assignments due soon or overdue, sessions tomorrow, windows closing.
    "daily-reminders": {
        "task": "programs.tasks.queue_daily_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    # Weekly digest for district administrators, Monday morning.
    "weekly-digest": {
        "task": "programs.tasks.queue_weekly_digest",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    # Opportunities closing soon: remind people whose application is started but not sent.
    "opportunity-draft-reminders": {
        "task": "opportunities.tasks.remind_unsent_applications",
        "schedule": crontab(hour=6, minute=45),
    },
    # Succession: positions with a known opening within six months and nobody ready now
    # (each opening is told once, whatever the number of runs).
    "succession-alerts": {
        "task": "pipeline.succession.tasks.alert_uncovered_openings",
        "schedule": crontab(hour=6, minute=50),
    },
    # Succession digest for district administrators, on the first of the month.
    "succession-digest": {
        "task": "pipeline.succession.tasks.send_succession_digest",
        "schedule": crontab(hour=7, minute=15, day_of_month=1),
    },
}

# Content-Security-Policy: our own static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Production hardening follows the public address: an https SITE_URL turns it all on.
SECURE_HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
# Read only from a proxy in TRUSTED_PROXIES: TrustedProxyHeadersMiddleware drops it otherwise.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _setting("LOG_LEVEL", env.str, "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Sign-in with the district's account (issue 16): django-allauth + leadership/sso/ ---------
# Each district sets its own providers, domains, passwords and session length in the app
# (/sign-in/settings/); nothing here names a district. README.md, "Sign-in with the
# district's account", says how a district registers Deep Bench with its provider.
INSTALLED_APPS += [
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.clever",
    "allauth.socialaccount.providers.openid_connect",
    "leadership.sso",
]
# allauth keeps the request in its context through this; axes stays last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"),
    "allauth.account.middleware.AccountMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "leadership.sso.middleware.end_refused_sessions",
)
# Passwords and the session's person both go through the district's rules
# (leadership/sso/backends.py) instead of Django's plain ModelBackend.
AUTHENTICATION_BACKENDS = [
    backend
    for backend in AUTHENTICATION_BACKENDS
    if backend != "django.contrib.auth.backends.ModelBackend"
] + ["leadership.sso.backends.PersonBackend"]
ACCOUNT_ADAPTER = "leadership.sso.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "leadership.sso.adapter.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
# Never create an account, never match on email the library's way (ours: leadership/sso/
# policy.py), never keep the provider's tokens, never start a sign-in on a GET.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10


def _fernet_keys(name, default):
    keys = [key.strip() for key in env.str(name, default=default).split(",") if key.strip()]
    for key in keys:
        try:
            raw = base64.urlsafe_b64decode(key.encode())
        except (binascii.Error, ValueError) as exc:
            raise ValueError("expected Fernet keys (url-safe base64), comma separated") from exc
        if len(raw) != 32:
            raise ValueError("each key must be 32 bytes in url-safe base64 (Fernet.generate_key())")
    return keys


# Encrypts the districts' client secrets; several keys, comma separated, to rotate (the
# first encrypts). Unset: a laptop (DEBUG) derives one from SECRET_KEY, production stores none.
SSO_ENCRYPTION_KEYS = _setting("SSO_ENCRYPTION_KEY", _fernet_keys, "")
# `make run SSO=local` sets this to the local OpenID Provider's address (bin/run-dev); the
# demo seed then lets Lakeview sign in through it. Never set in production.
SSO_LOCAL_PROVIDER = _setting("SSO_LOCAL_PROVIDER", env.str, "")
