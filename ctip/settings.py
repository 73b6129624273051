"""Settings, read from the environment. Production-safe by default.

Every variable is listed in docs/settings.md (a test keeps the two in step).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    """A string from NAME, or from the file named by NAME_FILE (for secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("CTIP_VAR_DIR", PROJECT_DIR / "var"))


def _secret_key() -> str:
    key = env_str("CTIP_SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("CTIP_DEBUG", False)
ALLOWED_HOSTS = env_list("CTIP_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CTIP_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",  # before admin: translated fields of program content (docs/programs.md)
    # The admin site finds its modules when the URLs load (ctip/urls.py), not when a command
    # starts: a `ctip` command does not import every admin.py (issue 18).
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ctip.web",
    "ctip.accounts",
    "ctip.programs",
    "ctip.countries",
    "ctip.organisations",
    "ctip.events",
    "ctip.people",
    "ctip.surveys",
    "ctip.results",
    "ctip.reports",
    "ctip.demo",
    "ctip.registration",
    "ctip.partnerships",
    "ctip.imports",
    "ctip.security",
    "ctip.backups",
    "ctip.linkage",
    "ctip.frameworks",
    "ctip.grants",
    "ctip.cohorts",
    "ctip.elearning",
    "ctip.cases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ctip.web.languages.StaffLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ctip.security.text.CleanInputMiddleware",
    "ctip.security.middleware.DiskFullMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "ctip.web.middleware.ContentSecurityPolicyMiddleware",
    "ctip.security.middleware.SessionTimeoutMiddleware",
    "ctip.security.middleware.SecondFactorMiddleware",
]

ROOT_URLCONF = "ctip.urls"
WSGI_APPLICATION = "ctip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ctip.web.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_SQLITE_PATH = VAR_DIR / "ctip.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; IMMEDIATE avoids
    # "database is locked" upgrades inside transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Victim case data lives in a database of its own (docs/cases.md): by default a SQLite file
# beside the main one (var/ctip-cases.sqlite3), also when the main database is PostgreSQL.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _main = Path(DATABASES["default"]["NAME"])
    DEFAULT_CASES_SQLITE_PATH = _main.with_name(f"{_main.stem}-cases{_main.suffix or '.sqlite3'}")
else:
    DEFAULT_CASES_SQLITE_PATH = VAR_DIR / "ctip-cases.sqlite3"
CASES_DATABASE_URL = env_str("CASES_DATABASE_URL", f"sqlite:///{DEFAULT_CASES_SQLITE_PATH}")
DATABASES["cases"] = dj_database_url.parse(CASES_DATABASE_URL, conn_max_age=60)
if DATABASES["cases"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["cases"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["cases"]["CONN_MAX_AGE"] = 0
DATABASE_ROUTERS = ["ctip.cases.router.CasesRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first (ctip/accounts/hashers.py); the rest verify hashes written before it.
PASSWORD_HASHERS = [
    "ctip.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttle (ctip/security/throttle.py): refused for CTIP_LOGIN_LOCK_SECONDS after this
# many failures for one username from one address, or from one address for any usernames.
AUTHENTICATION_BACKENDS = ["ctip.security.backends.ThrottledModelBackend"]
CTIP_LOGIN_FAILURES_PER_ACCOUNT = env_int("CTIP_LOGIN_FAILURES_PER_ACCOUNT", 5)
CTIP_LOGIN_FAILURES_PER_ADDRESS = env_int("CTIP_LOGIN_FAILURES_PER_ADDRESS", 30)
CTIP_LOGIN_LOCK_SECONDS = env_int("CTIP_LOGIN_LOCK_SECONDS", 15 * 60)
CTIP_BEHIND_PROXY = env_bool("CTIP_BEHIND_PROXY", False)

# Second factor (ctip/security/mfa.py): administrators (and staff, who reach the admin site)
# always need a TOTP code after their password; CTIP_MFA_ROLES may add other roles.
CTIP_MFA_ROLES = sorted({"administrator", *env_list("CTIP_MFA_ROLES", "administrator")})
if set(CTIP_MFA_ROLES) - {"administrator", "mel-officer", "country-officer", "viewer"}:
    raise ImproperlyConfigured(
        "CTIP_MFA_ROLES lists roles among administrator, mel-officer, country-officer, viewer"
    )
OTP_TOTP_ISSUER = "CTIP MERL"
# The admin site lists devices (and can delete them) but never shows a secret or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# django-otp's own per-device throttle (1 s, 2 s, 4 s ... after each wrong code) stays on,
# in addition to ours (the login throttle's limits, counted separately for codes).
OTP_TOTP_THROTTLE_FACTOR = 1

# Audit of reads (ctip/security/reads.py) and retention (`ctip people retention`): 0 = off.
CTIP_RETENTION_YEARS = env_int("CTIP_RETENTION_YEARS", 0)
CTIP_READ_AUDIT_DAYS = env_int("CTIP_READ_AUDIT_DAYS", 0)
# Encrypted backups (`ctip backup --encrypt`): the passphrase, or a file holding it.
CTIP_BACKUP_KEY = env_str("CTIP_BACKUP_KEY")

# Case data (docs/cases.md): the keys that encrypt identifying fields (Fernet, newest first)
# and the separate key of the search hashes; from the environment, or from owner-only files
# in var/ that `ctip init` creates. Break-glass access lasts CTIP_CASES_BREAK_GLASS_HOURS.
CTIP_CASES_KEY = os.environ.get("CTIP_CASES_KEY", "")
CTIP_CASES_KEY_FILE = Path(os.environ.get("CTIP_CASES_KEY_FILE") or VAR_DIR / "cases.key")
CTIP_CASES_HASH_KEY = os.environ.get("CTIP_CASES_HASH_KEY", "")
CTIP_CASES_HASH_KEY_FILE = Path(
    os.environ.get("CTIP_CASES_HASH_KEY_FILE") or VAR_DIR / "cases-hash.key"
)
CTIP_CASES_BREAK_GLASS_HOURS = env_int("CTIP_CASES_BREAK_GLASS_HOURS", 4)
CTIP_CASES_RETENTION_YEARS = env_int("CTIP_CASES_RETENTION_YEARS", 0)
# Countries whose law lets a victim who refused (or was not asked) be counted anonymously.
CTIP_CASES_COUNT_WITHOUT_CONSENT = env_list("CTIP_CASES_COUNT_WITHOUT_CONSENT", "")

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("th", _("Thai")),
    ("lo", _("Lao")),
    ("km", _("Khmer")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
    ("fil", _("Filipino")),
    ("my", _("Burmese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("CTIP_TIME_ZONE", "Asia/Bangkok")
USE_I18N = True
USE_TZ = True
# One date style on every page, per language: English as "29 Nov 2026" (ctip/formats/en).
FORMAT_MODULE_PATH = ["ctip.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Security: safe defaults; the HTTPS-only ones switch on with CTIP_HTTPS.
HTTPS = env_bool("CTIP_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("CTIP_SESSION_SECONDS", 8 * 3600)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "ctip.registration.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CTIP_SESSION_IDLE_SECONDS = env_int("CTIP_SESSION_IDLE_SECONDS", 30 * 60)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HSTS preload binds the whole domain and its subdomains for months: the operator's decision.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if HTTPS:
    # __Host- cookies are only sent over HTTPS, to this host, for every path.
    SESSION_COOKIE_NAME = "__Host-ctip_session"
    CSRF_COOKIE_NAME = "__Host-ctip_csrf"

# Audit: contact details are masked in the audit trail; names stay (reviewers need them).
AUDITLOG_INCLUDE_ALL_MODELS = False

# Logs carry no personal data: no request bodies, and Django's request logger
# (which prints URLs with query strings on errors) goes through a scrubber.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "ctip.web.logging.ScrubPersonalData"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub"]},
    },
    # The console handler scrubs each record in place, so handlers added after it (pytest's
    # caplog, an error tracker) get clean records; django.request (URLs, tracebacks) is also
    # scrubbed at its source, before the handlers Django puts on the "django" logger.
    "loggers": {
        "django.request": {"filters": ["scrub"]},
        "django.security.csrf": {"filters": ["scrub"]},  # 403 lines name the path too
        "ctip.security": {"filters": ["scrub"], "level": "INFO"},  # logins, lockouts
    },
    "root": {"handlers": ["console"], "level": env_str("CTIP_LOG_LEVEL", "WARNING")},
}

CTIP_PROGRAM_CODE = env_str("CTIP_PROGRAM_CODE", "")

# Outgoing mail (invitations, password reset, e-mail confirmation, notices of account changes:
# ctip/accounts/mail.py). CTIP_EMAIL_BACKEND=console prints mail instead (`make demo`).
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}
CTIP_EMAIL_BACKEND = env_str("CTIP_EMAIL_BACKEND", "smtp")
if CTIP_EMAIL_BACKEND not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"CTIP_EMAIL_BACKEND must be smtp or console, not {CTIP_EMAIL_BACKEND!r}"
    )
EMAIL_BACKEND = _EMAIL_BACKENDS[CTIP_EMAIL_BACKEND]
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CTIP MERL <ctip-merl@localhost>")
# Links in mail start with this (https://merl.example.org); empty: the address the request
# came to (web pages) or http://127.0.0.1:8000 (the command line).
CTIP_BASE_URL = env_str("CTIP_BASE_URL", "").rstrip("/")
# How long links in mail stay valid: invitations, password reset, e-mail confirmation.
CTIP_INVITATION_DAYS = env_int("CTIP_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = env_int("CTIP_PASSWORD_RESET_SECONDS", 3600)
CTIP_EMAIL_CHANGE_SECONDS = env_int("CTIP_EMAIL_CHANGE_SECONDS", 24 * 3600)
# Web uploads (ctip/imports/views.py): a sheet of more rows is refused as soon as its row
# CTIP_IMPORT_MAX_ROWS + 1 is read (`ctip import` on the server has no row limit); a previewed
# file not confirmed within CTIP_PENDING_UPLOAD_HOURS is deleted.
CTIP_IMPORT_MAX_ROWS = env_int("CTIP_IMPORT_MAX_ROWS", 100_000)
# SQLite's page cache during an import, in MB (a connection's own is 2 MB): a long import
# inserts at a few hundred places of the people and attendance indexes at once.
CTIP_IMPORT_PAGE_CACHE_MB = env_int("CTIP_IMPORT_PAGE_CACHE_MB", 64)
CTIP_PENDING_UPLOAD_HOURS = env_int("CTIP_PENDING_UPLOAD_HOURS", 24)
# Staff pages' report results are shared for this many seconds (a report may show the data of
# that long ago; ctip/reports/freshness.py); 0: every page view computes its reports.
CTIP_REPORT_FRESH_SECONDS = env_int("CTIP_REPORT_FRESH_SECONDS", 10)
CTIP_CHROMIUM = env_str("CTIP_CHROMIUM", "/usr/bin/chromium")
# A server worker (`ctip serve`) starts its PDF browser when it starts and keeps it (an idle
# Chromium per worker, ~0.1-0.2 GB), so no user's PDF waits for the browser to start.
CTIP_PDF_WARM = env_bool("CTIP_PDF_WARM", True)
# New PDFs a user may have made per minute (cached ones are free; ctip/reports/pdf_cache.py).
CTIP_PDF_RENDERS_PER_MINUTE = env_int("CTIP_PDF_RENDERS_PER_MINUTE", 6)
# IATI export (`ctip export iati`, docs/iati.md): the reporting organisation. The default
# identifier is a PLACEHOLDER (XM-DAC-00000 is no registered organisation): set yours.
CTIP_IATI_ORG_REF = env_str("CTIP_IATI_ORG_REF", "XM-DAC-00000-CTIP")
CTIP_IATI_ORG_NAME = env_str("CTIP_IATI_ORG_NAME", "CTIP MERL demo reporting organisation")
CTIP_IATI_ORG_TYPE = env_str("CTIP_IATI_ORG_TYPE", "70")
CTIP_IATI_FUNDER_REF = env_str("CTIP_IATI_FUNDER_REF", "")
CTIP_IATI_FUNDER_NAME = env_str("CTIP_IATI_FUNDER_NAME", "")
