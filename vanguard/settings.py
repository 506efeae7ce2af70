"""Settings for every deploy: each deploy-time value comes from the environment.

Without DATABASE_URL the embedded SQLite database under var/ is used, and Celery runs its
tasks eagerly in-process, so `make demo` needs nothing but Python.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("VANGUARD_DATA_DIR", BASE_DIR.parent / "var"))
# The embedded database and uploads live here; a fresh clone does not have the folder yet.
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("VANGUARD_DEBUG")
# The development key is refused by `vanguard check --deploy`; production sets its own.
SECRET_KEY = os.environ.get("VANGUARD_SECRET_KEY", "django-insecure-vanguard-development-only")
# Encrypts ID numbers at rest; falls back to SECRET_KEY so that the demo runs with no setup.
FIELD_ENCRYPTION_KEY = os.environ.get("VANGUARD_FIELD_KEY", SECRET_KEY)
ALLOWED_HOSTS = env_list("VANGUARD_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("VANGUARD_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "treebeard",
    "rules",
    "axes",
    "csp",
    "vanguard.core",
    "vanguard.access",
    "vanguard.people",
    "vanguard.campaigns",
    "vanguard.meetings",
    "vanguard.study",
    "vanguard.opinions",
    "vanguard.talks",
    "vanguard.analyses",
    "vanguard.evaluations",
    "vanguard.rectification",
    "vanguard.assessments",
    "vanguard.reports",
    "vanguard.oversight",
    "vanguard.surveys",
    "vanguard.publicity",
    "vanguard.handling",
    "vanguard.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vanguard.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "vanguard.access.middleware.PasswordChangeRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vanguard.urls"
WSGI_APPLICATION = "vanguard.wsgi.application"

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
                "vanguard.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'vanguard.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts, passwords, sessions -----------------------------------------------------------
AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "vanguard.access.backends.LoginNameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "vanguard.access.passwords.CharacterClassValidator"},
]
# Django's defaults, then the hasher of one-time initial passwords (random, changed at first
# login): accounts an import creates get it, and the default re-hashes them when next checked.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "vanguard.access.passwords.InitialPasswordHasher",
]
LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "access:login"
# Idle sessions end after 30 minutes: the expiry moves forward on every request.
SESSION_COOKIE_AGE = int(os.environ.get("VANGUARD_SESSION_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("VANGUARD_PASSWORD_MAX_AGE_DAYS", 90))

# django-axes: every setting explicit, as an assessor reads them.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours: 30 minutes
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "vanguard.access.backends.account_login_name"
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
AXES_VERBOSE = False
# Behind reverse proxies (nginx …) the client's address is read from X-Forwarded-For, as
# many entries from the right as there are trusted proxies; lockouts, rate limits and the
# audit log all use the same reading (vanguard.access.ratelimit.client_address).
PROXY_COUNT = int(os.environ.get("VANGUARD_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "vanguard.access.ratelimit.client_address"
# Login attempts per address in 10 minutes, whatever the accounts (counted in the cache).
LOGIN_RATE_LIMIT = int(os.environ.get("VANGUARD_LOGIN_RATE_LIMIT", 30))
# Anonymous opinions: receipt codes are stored only as a slow hash (PBKDF2 rounds); lookups
# of a receipt per address per 10 minutes; opinions through one school's public form per
# 10 minutes (a flood guard that needs no address).
RECEIPT_HASH_ITERATIONS = int(os.environ.get("VANGUARD_RECEIPT_HASH_ITERATIONS", 300_000))
RECEIPT_LOOKUP_LIMIT = int(os.environ.get("VANGUARD_RECEIPT_LOOKUP_LIMIT", 10))
OPINION_FORM_LIMIT = int(os.environ.get("VANGUARD_OPINION_FORM_LIMIT", 300))
# Audit entries are kept at least this long (等保 2.0: no less than 180 days).
AUDIT_RETENTION_DAYS = int(os.environ.get("VANGUARD_AUDIT_RETENTION_DAYS", 365))

# --- transport security (on behind TLS; `vanguard check --deploy` checks these) -------------
SECURE = env_flag("VANGUARD_SECURE")
SECURE_SSL_REDIRECT = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- files --------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
UPLOAD_MAX_BYTES = int(os.environ.get("VANGUARD_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# Evidence of a rectification item (a scan, a photo, a document): at most this many bytes.
RECTIFICATION_EVIDENCE_MAX_BYTES = int(os.environ.get("VANGUARD_RECTIFICATION_EVIDENCE_MAX_BYTES",
                                                      10 * 1024 * 1024))

# --- cache and background work -----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = not (os.environ.get("CELERY_BROKER_URL") or REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # The calendar moves phases forward; a gate still decides whether a phase may close.
    "advance-phases": {"task": "vanguard.campaigns.tasks.advance_phases", "schedule": 15 * 60},
    "purge-audit": {"task": "vanguard.access.tasks.purge_audit", "schedule": 24 * 3600},
    # People who fall behind hear of it once a morning, not in a flood.
    "send-reminders": {"task": "vanguard.campaigns.tasks.send_reminders",
                       "schedule": crontab(hour=8, minute=0)},
    # Open rectification items due within a week or overdue, during the phase and the
    # consolidation period after it: one message a person a morning.
    "send-rectification-reminders": {
        "task": "vanguard.rectification.tasks.send_rectification_reminders",
        "schedule": crontab(hour=8, minute=10)},
    # Supervision groups past their last day are recalled; the roles they gave are taken back.
    "end-supervision-periods": {"task": "vanguard.oversight.tasks.end_supervision_periods",
                                "schedule": crontab(hour=0, minute=30)},
    # One digest a person a day of every notification not yet sent (after the reminders).
    "send-digests": {"task": "vanguard.campaigns.tasks.send_digests",
                     "schedule": crontab(hour=8, minute=30)},
}

EMAIL_BACKEND = os.environ.get(
    "VANGUARD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("VANGUARD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("VANGUARD_EMAIL_PORT", 25))
DEFAULT_FROM_EMAIL = os.environ.get("VANGUARD_EMAIL_FROM", "vanguard@localhost")
# Where a digest's links point (absolute URLs in mail), e.g. https://vanguard.example.edu.cn
VANGUARD_SITE_URL = os.environ.get("VANGUARD_SITE_URL", "")
# How the daily digest goes out besides the in-app list: dotted paths of Channel classes
# (vanguard/campaigns/channels.py; an SMS or WeChat gateway is one more class).
VANGUARD_NOTIFICATION_CHANNELS = env_list("VANGUARD_NOTIFICATION_CHANNELS",
                                          "vanguard.campaigns.channels.EmailChannel")

# The school calendar: a meeting warns when it falls in teaching hours on a term weekday and
# at least this share of those asked to come are teachers (a school may set its own hours).
VANGUARD_TEACHING_HOURS = tuple(os.environ.get("VANGUARD_TEACHING_HOURS",
                                               "08:00-17:00").split("-"))
VANGUARD_TEACHING_WARNING_SHARE = float(os.environ.get("VANGUARD_TEACHING_WARNING_SHARE", "0.3"))
# Requests for calendar feeds per client address in 10 minutes (HTTP 429 beyond).
VANGUARD_CALENDAR_FEED_LIMIT = int(os.environ.get("VANGUARD_CALENDAR_FEED_LIMIT", 120))

# Preparation survey, public link: answers per client address (a keyed hash, kept in the cache
# only) and per survey, in 10 minutes.
SURVEY_PUBLIC_ADDRESS_LIMIT = int(os.environ.get("VANGUARD_SURVEY_PUBLIC_ADDRESS_LIMIT", 30))
SURVEY_PUBLIC_FORM_LIMIT = int(os.environ.get("VANGUARD_SURVEY_PUBLIC_FORM_LIMIT", 600))

# The red flags of the supervision view (docs/supervision.md): a school is flagged below these.
VANGUARD_FLAG_BEHIND_SHARE = os.environ.get("VANGUARD_FLAG_BEHIND_SHARE", "0.8")
VANGUARD_FLAG_ATTENDANCE_SHARE = os.environ.get("VANGUARD_FLAG_ATTENDANCE_SHARE", "0.9")
VANGUARD_FLAG_ANALYSIS_SHORT_SHARE = os.environ.get("VANGUARD_FLAG_ANALYSIS_SHORT_SHARE", "0.5")
VANGUARD_FLAG_ANALYSIS_RETURNS = int(os.environ.get("VANGUARD_FLAG_ANALYSIS_RETURNS", 3))
VANGUARD_FLAG_SATISFACTION_SHARE = os.environ.get("VANGUARD_FLAG_SATISFACTION_SHARE", "0.6")

# A photo of a practice activity (JPEG or PNG by its bytes): at most this many bytes.
PUBLICITY_PHOTO_MAX_BYTES = int(os.environ.get("VANGUARD_PUBLICITY_PHOTO_MAX_BYTES",
                                               5 * 1024 * 1024))
# Who may frame the embeddable public campaign page (CSP frame-ancestors sources): the campus
# sites' origins, space-separated; "*" lets any site embed it (it holds only published news).
PUBLICITY_EMBED_FRAME_ANCESTORS = os.environ.get("VANGUARD_PUBLICITY_FRAME_ANCESTORS",
                                                 "*").split()

# The anonymous opinion paths (public form, receipt lookup, a user's own form) are logged
# without client address or user agent: the filter sits on the loggers that carry the request
# (so every handler down the line gets the stripped record) and on the handlers themselves.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "anonymous_paths": {"()": "vanguard.opinions.logging.DropClientOnAnonymousPaths"},
        "require_debug_true": {"()": "django.utils.log.RequireDebugTrue"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter",
                          "format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["anonymous_paths"]},
        # Django's own two handlers of the "django" logger, as its defaults, plus the filter.
        "django.console": {"level": "INFO", "class": "logging.StreamHandler",
                           "filters": ["require_debug_true", "anonymous_paths"]},
        "mail_admins": {"level": "ERROR", "class": "django.utils.log.AdminEmailHandler",
                        "filters": ["require_debug_false", "anonymous_paths"]},
        "django.server": {"level": "INFO", "class": "logging.StreamHandler",
                          "formatter": "django.server", "filters": ["anonymous_paths"]},
    },
    "loggers": {
        "django": {"handlers": ["django.console", "mail_admins"], "level": "INFO"},
        "django.request": {"filters": ["anonymous_paths"]},
        "django.security.csrf": {"filters": ["anonymous_paths"]},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False,
                          "filters": ["anonymous_paths"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("VANGUARD_LOG_LEVEL", "WARNING")},
}
