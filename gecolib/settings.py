"""Settings of the GECO Lib' portal.

Every value comes from the environment through the small typed helpers below,
with safe defaults for a laptop (SQLite, eager tasks, console e-mail). A bad
value fails loudly at start-up rather than being silently ignored.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from gecolib.psc.conf import ENDPOINT_NAMES as PSC_ENDPOINT_NAMES
from gecolib.psc.conf import endpoints as psc_endpoints
from gecolib.psc.conf import form_action_origins as psc_form_action_origins

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str = "") -> str:
    """A string from the environment; `NAME_FILE` (a secret file) wins if set."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# The development key is public (it is in this file): it is only accepted for
# DEBUG=true and for the test run (pytest sets PYTEST_VERSION before Django
# reads these settings). Anything else must set SECRET_KEY, or the portal
# refuses to start, rather than sign sessions and e-mail links with a key
# anyone can read.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"
# Management commands that only read the code and write migration or message
# files never sign anything: they run without a key, so that
# `manage.py makemigrations --check` works on a fresh clone. Read from the
# command line, not from the environment, so no variable can widen it.
CODE_ONLY_COMMANDS = {"makemigrations", "showmigrations", "makemessages", "compilemessages"}
CODE_ONLY_COMMAND = (
    len(sys.argv) > 1
    and Path(sys.argv[0]).name == "manage.py"
    and sys.argv[1] in CODE_ONLY_COMMANDS
)
SECRET_KEY = envstr("SECRET_KEY")
if not (DEBUG or os.environ.get("PYTEST_VERSION") or CODE_ONLY_COMMAND) and SECRET_KEY in {
    "",
    DEVELOPMENT_SECRET_KEY,
}:
    raise ImproperlyConfigured(
        "SECRET_KEY manquante : définissez la variable d'environnement SECRET_KEY (ou "
        "SECRET_KEY_FILE) avec au moins 50 caractères aléatoires, ou DEBUG=true pour le "
        "développement. / SECRET_KEY is not set: set the SECRET_KEY (or SECRET_KEY_FILE) "
        "environment variable to 50+ random characters, or DEBUG=true for development."
    )
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "gecolib",
    "gecolib.psc",
    "structures",
    "facilitations",
    "protocols.coordination",
    "protocols.cooperation",
    "protocols.rcp",
    "assessments",
    "guide",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gecolib.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gecolib.middleware.PrivateCacheMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gecolib.middleware.AccessGateMiddleware",
    "gecolib.middleware.RefuseNulBytesMiddleware",
]

ROOT_URLCONF = "gecolib.urls"
WSGI_APPLICATION = "gecolib.wsgi.application"

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
                "gecolib.context_processors.portal",
            ],
        },
    },
    {
        # Plain-text e-mails (gecolib.notifications): no HTML escaping, so that
        # « ESP d'Arradon » is not written « ESP d&#x27;Arradon ».
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "NAME": "text",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg) when DATABASE_URL is set.
DATABASE_URL = envstr("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis switches the cache and the Celery broker; without it tasks run eagerly.
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Falls back to a per-process memory cache while Redis is down, so
            # that signing in still works (see gecolib/cache.py for why).
            "BACKEND": "gecolib.cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gecolib",
            # Short time-outs: an unreachable Redis must not hold a request.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database, never in Redis: an outage signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a task while Redis is down gives up within about a
# second (closed port: at once; unreachable host: two 0.5 s connection tries);
# the notification stays stored and the sweep sends it (gecolib/notifications.py).
# The beat schedule is in gecolib/celery.py.
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 0.5
CELERY_REDIS_SOCKET_TIMEOUT = 2

AUTH_USER_MODEL = "gecolib.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail is the login, verified before first sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address (by POST, from the e-mail's link, in the browser that
# signed up) signs the person in; the adapter then leads to the profile.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GECO Lib'] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Fair login limits (ASVS 2.2, gecolib/account_adapter.py): failed logins are
# counted per client address *and* account ("login_failed", keyed on both, so
# a stranger's wrong passwords do not lock the owner out elsewhere), per
# address over all accounts (credential stuffing), and per account over all
# addresses ("login_failed_account", higher: once reached, the owner is sent
# one password-reset e-mail). A refusal answers 429 and says when to retry.
ACCOUNT_ADAPTER = "gecolib.account_adapter.PortalAccountAdapter"
# The publisher and host named on the mentions légales page (gecolib/legal_notice.html).
GECOLIB_LEGAL = {
    "publisher": envstr(
        "GECOLIB_PUBLISHER",
        "GECO Lib' – Groupes d'Exercice COordonné libéraux, association loi 1901",
    ),
    "publisher_address": envstr("GECOLIB_PUBLISHER_ADDRESS", ""),
    "publication_director": envstr("GECOLIB_PUBLICATION_DIRECTOR", ""),
    "host": envstr("GECOLIB_HOST", ""),
    "host_address": envstr("GECOLIB_HOST_ADDRESS", ""),
}
# Messages of the contact page per client address (allauth's rate syntax).
GECOLIB_CONTACT_RATE_LIMIT = envstr("GECOLIB_CONTACT_RATE_LIMIT", "5/1h/ip,20/1d/ip")
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "30/10m/ip,5/5m/key",
    "login_failed_account": "20/1h/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# The client address is read from X-Forwarded-For, counting this many trusted
# proxies from the right (0: REMOTE_ADDR, the default without a proxy).
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "GECO Lib'"
# Staff and facilitators must activate TOTP before reaching their pages.
GECOLIB_REQUIRE_MFA = envbool("GECOLIB_REQUIRE_MFA", True)

# Pro Santé Connect (gecolib/psc, docs/exploitation.md): offered beside e-mail
# and password only when PSC_CLIENT_ID and PSC_CLIENT_SECRET (or _FILE) are set.
# Endpoints per environment, each overridable (PSC_ISSUER, PSC_AUTHORIZATION_URL…).
PSC_ENVIRONMENT = envstr("PSC_ENVIRONMENT", "sandbox")
PSC_CLIENT_ID = envstr("PSC_CLIENT_ID")
PSC_CLIENT_SECRET = envstr("PSC_CLIENT_SECRET")
try:
    PSC_ENDPOINTS = psc_endpoints(
        PSC_ENVIRONMENT, {name: envstr(f"PSC_{name}") for name in PSC_ENDPOINT_NAMES}
    )
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
PSC_ACR_VALUES = envstr("PSC_ACR_VALUES", "eidas1")
# A PSC session satisfies the second factor from this `acr` up (eidas1 < eidas2 < eidas3).
PSC_MIN_ACR = envstr("PSC_MIN_ACR", "eidas1")
SOCIALACCOUNT_ADAPTER = "gecolib.psc.adapter.PortalSocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "gecolib.psc.forms.PSCSignupForm"}
# The address given on the PSC sign-up form is confirmed by e-mail, as any other.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = envint("PSC_TIMEOUT", 5)
# The domain part of calendar UIDs (RFC 5545 wants them globally unique).
GECOLIB_CALENDAR_DOMAIN = envstr("GECOLIB_CALENDAR_DOMAIN", "portail.gecolib.fr")

# Django's widget templates, a few of them written faster (gecolib/form_renderer.py).
FORM_RENDERER = "gecolib.form_renderer.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = envstr("EMAIL_HOST")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "GECO Lib' <noreply@gecolib.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
# Rendered PDFs, keyed by their content (gecolib/pdf.py); outside MEDIA_ROOT so
# that no media URL ever reaches them. Shared by the web workers and Celery.
# Background exports (gecolib/background_exports.py), kept a day, served by a view.
GECOLIB_EXPORTS_DIR = Path(envstr("GECOLIB_EXPORTS_DIR", str(BASE_DIR / "var" / "exports")))
GECOLIB_PDF_CACHE_DIR = Path(envstr("GECOLIB_PDF_CACHE_DIR", str(BASE_DIR / "var" / "pdf-cache")))

# Security: strict by default outside DEBUG.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", SITE_URL.startswith("https"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_HTTPS_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): only the portal's own files run or style
# a page — no inline script, style attribute or <style> block (htmx's indicator
# styles are off, see base.html), no CDN. `data:` images are Bootstrap's icons
# in its CSS and the TOTP QR code. Browsers report violations to `csp_report`.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "report-uri": reverse_lazy("csp_report"),
    }
}
if PSC_CLIENT_ID:
    # Browsers check `form-action` on a form's redirects too: the PSC button
    # and the sign-out button lead to PSC's hosts.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += psc_form_action_origins(PSC_ENDPOINTS)
SESSION_COOKIE_HTTPONLY = True
# HSTS preloading commits gecolib.fr and all its subdomains to HTTPS in every
# browser, for months: the domain's owner decides it on hstspreload.org and
# then sets SECURE_HSTS_PRELOAD=true; `check --deploy` need not insist.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

ACCOUNT_FORMS = {
    "signup": "gecolib.account_forms.PortalSignupForm",
    "login": "gecolib.account_forms.PortalLoginForm",
}
