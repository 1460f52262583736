"""Settings for the Victim Voice Forum service, read from the environment.

Every variable is listed in .env.example. DEBUG=1 (what `make run` sets) gives safe
local defaults; without it, the required variables must be set or the service refuses
to start with a message naming the one that is missing.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)


def _dev_default(value):
    """A default used only with DEBUG on; in production the variable is required."""
    return value if DEBUG else None


SECRET_KEY = envstr("SECRET_KEY", _dev_default("dev-only-insecure-key-never-use-in-production"))
# Old keys, while rotating: links signed with them keep working until they expire.
SECRET_KEY_FALLBACKS = envlist("SECRET_KEY_FALLBACKS", "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", _dev_default("localhost,127.0.0.1"))
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Keys for the encrypted fields (PNC disclosures): comma-separated Fernet keys, the
# newest first. Older keys still decrypt, so a key can be rotated without downtime.
FIELD_ENCRYPTION_KEYS = envlist(
    "FIELD_ENCRYPTION_KEYS", _dev_default("ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE=")
)

SESSION_ENGINE = "vvf.sessions"  # Django's database backend, with plainer SQL
# Applicants' answers wait in their session: kept for 2 hours after the last answer.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 2 * 60 * 60)

INSTALLED_APPS = [
    "vvf.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    "vvf",
    "audit",
    "accounts",
    "programme",
    "forums",
    "applications",
    "vetting",
    "feedback",
    "opportunities",
    "languages",
    # Last: it reaches into the apps above and registers applications' admin again.
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: staff may preview a draft translation.
    "languages.middleware.LanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vvf.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vvf.urls"
WSGI_APPLICATION = "vvf.wsgi.application"

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
                "vvf.context_processors.language",
            ],
        },
    },
]

# Widgets render from the project's templates too (templates/govuk/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# Public forms declare their layout with django-crispy-forms, drawn by the service's
# GOV.UK pack (vvf/crispy_govuk, templates/govuk/; docs/decisions/0016).
CRISPY_TEMPLATE_PACK = "govuk"
CRISPY_ALLOWED_TEMPLATE_PACKS = ["govuk"]

# The default is a SQLite file so that `make run` needs no database server.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", _dev_default(f"sqlite:///{VAR_DIR / 'db.sqlite3'}")),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One report per forum and month (the all-forums one included) is a constraint
    # PostgreSQL keeps; SQLite cannot, and the code that writes reports keeps it anyway.
    SILENCED_SYSTEM_CHECKS = ["models.W047"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Staff sign in with a password and a code from an authenticator app (TOTP), enrolled at
# the first sign-in; backup codes for when the phone is lost. No SMS.
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "accounts-home"
LOGOUT_REDIRECT_URL = "two_factor:login"
TWO_FACTOR_LOGIN_TIMEOUT = 300
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
OTP_TOTP_ISSUER = "Victim Voice Forums"
# Nobody, superusers included, reads a colleague's authenticator key or backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A signed-in session ends after 30 minutes without activity, and 8 hours after sign-in.
STAFF_IDLE_TIMEOUT = timedelta(minutes=30)
STAFF_SESSION_LIFETIME = timedelta(hours=8)

# Brute force: 5 failed sign-ins for one account from one client within 15 minutes lock
# that pair out for 15 minutes, right password or not. Never permanent, never by
# address alone (a shared office address would lock everyone out).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "accounts.axes.username"
AXES_CLIENT_IP_CALLABLE = "vvf.abuse.client_ip"
# The sign-in form's fields are prefixed by its step: mask them in what axes stores.
AXES_PASSWORD_FORM_FIELD = "auth-password"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "auth-username", "auth-password"]
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-guardian: no anonymous user row; object permissions are for signed-in staff.
ANONYMOUS_USER_NAME = None

# The public pages and the application speak British English, Easy Read and the
# translations below, the language named in the URL (/easy-read/apply/, /pl/apply/;
# English has no prefix). A translation is a draft, seen only by staff, until staff record
# a professional translator's check (languages.services; decision 22). The catalogues are
# in locale/ (`make messages` writes them, `make` compiles them).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", "English"),
    ("easy-read", "Easy Read"),
    ("pl", "Polski"),
    ("ar", "العربية"),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The one date and time style in English and Easy Read, and the one way a date is typed:
# vvf/formats/en_GB (and easy_Read). Polish and Arabic pages use Django's own formats.
FORMAT_MODULE_PATH = ["vvf.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Django's own two, each shortening a long file name (keeping its extension) first.
FILE_UPLOAD_HANDLERS = [
    "vvf.uploads.MemoryFileUploadHandler",
    "vvf.uploads.TemporaryFileUploadHandler",
]
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development whitenoise serves straight from the source folders, no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Email. The VVF inbox receives staff notices; nothing special-category goes in a subject.
# Local development prints emails whole, signed links and all (vvf/email.py).
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "vvf.email.ConsoleBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Victim Voice Forums <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the service, for links in emails.
SITE_URL = envstr("SITE_URL", _dev_default("http://127.0.0.1:8000"))
VVF_INBOX = envstr("VVF_INBOX", "victimvoice@mopac.london.gov.uk")

# Celery. Production uses Redis. Without a broker URL in local development, Celery uses
# kombu's file-system transport under var/, so `make run` needs no Redis: a worker with
# an embedded beat runs beside the web server and does the same work.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", _dev_default("filesystem://localhost/"))
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery-queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
else:
    # A message not acknowledged within this time is delivered again: no task may be
    # queued with an ETA or countdown longer than this (daily sweeps instead).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Workers log through LOGGING below (its formatter keeps personal data out).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# The cache holds rate-limit counters: Redis whenever there is one, so that every web
# worker shares them; in local development, memory.
REDIS_URL = envstr(
    "REDIS_URL", CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else "none"
)
if REDIS_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "vvf",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# What public pages draw the same for everyone until the next release (the start page's
# text, the header and footer, the timeout warning's dialog, the empty fields of the
# application's pages: docs/decisions/0014), kept in each process's memory. Nothing
# personal goes in it.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}

# (requests, seconds) per client address.
# Retention: how long each kind of record is kept, every period in this one table
# (DOMAIN.md's retention table, decision 11), each from the environment. The policy's
# least (RETENTION_POLICY, the information sheet's promise and docs/security.md's six years
# for the audit trail) is refused at start, and the sweep checks again before it deletes.
# Shorter is always within the policy for saved forms and links, so they have no least.
# The reasons the sweep gives and the pages' and emails' wording ("6 months", "30 days")
# are built from this table (vvf/templatetags/retention.py).
RETENTION_POLICY = {"UNSUCCESSFUL_MONTHS": 6, "MEMBER_MONTHS": 6, "AUDIT_MONTHS": 72}


def _policy_months(variable, key):
    return envint(variable, RETENTION_POLICY[key], least=RETENTION_POLICY[key])


RETENTION = {
    # an unsuccessful application, withdrawn or ended, after its outcome
    "UNSUCCESSFUL_MONTHS": _policy_months("RETENTION_UNSUCCESSFUL_MONTHS", "UNSUCCESSFUL_MONTHS"),
    # a member's personal data, after their tenure ends (leaving early ends it)
    "MEMBER_MONTHS": _policy_months("RETENTION_MEMBER_MONTHS", "MEMBER_MONTHS"),
    # each audit entry (72: six years; the reason is in docs/security.md)
    "AUDIT_MONTHS": _policy_months("AUDIT_RETENTION_MONTHS", "AUDIT_MONTHS"),
    # an application saved to finish later, and the link to it
    "DRAFT_DAYS": envint("DRAFT_MAX_AGE_DAYS", 30, least=1),
    # a member's sign-in link
    "MEMBER_LINK_HOURS": envint("MEMBER_LINK_MAX_AGE_HOURS", 24, least=1),
    # an applicant's link to their application's status
    "STATUS_LINK_DAYS": envint("STATUS_LINK_MAX_AGE_DAYS", 180, least=1),
}
RETENTION_BATCH_SIZE = envint("RETENTION_BATCH_SIZE", 5000)
# Who was erased on request (internal ids and dates only), outside the database, so that
# `manage.py after_restore` erases them again after a backup is restored (privacy/ledger.py).
# Required in production: a default on a server's own disk could be lost with it, and
# several web servers must share one ledger.
ERASURE_LEDGER_PATH = envstr(
    "ERASURE_LEDGER_PATH", _dev_default(str(VAR_DIR / "erasure-ledger.txt"))
)

RATE_LIMITS = {
    "apply-submit": (10, 3600),
    "apply-save": (10, 3600),
    "question": (5, 3600),
    "member-sign-in": (10, 3600),
}
# How many proxies in front of the service append to X-Forwarded-For (0: trust none).
# Behind the TLS proxy, at least that one; otherwise every client would share the
# proxy's address, and its rate limits.
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)

# Security. Production sits behind a proxy that terminates TLS and sets
# X-Forwarded-Proto; set BEHIND_TLS_PROXY=1 there.
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# __Host- cookies are sent only over HTTPS, to this host, for every path: no subdomain
# can set or read them. (Browsers refuse them over plain HTTP, hence not with DEBUG.)
SESSION_COOKIE_NAME = "__Host-session" if SESSION_COOKIE_SECURE else "session"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

DEFAULT_EXCEPTION_REPORTER_FILTER = "vvf.reporting.NoPersonalDataFilter"
DEFAULT_EXCEPTION_REPORTER = "vvf.reporting.NoPersonalDataReporter"
# Messages live in the session (a __Host- cookie), not in a readable cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "vvf.reporting.NoPersonalDataFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs each failure with the client's details: the audit trail has them.
        "axes": {"level": "WARNING"},
        # Celery gives its task loggers a handler of its own unless they have one: ours.
        "celery.task": {"handlers": ["console"], "propagate": False},
    },
}
