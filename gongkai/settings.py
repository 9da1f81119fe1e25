"""Settings for gongkai.

One module; every difference between deployments is an environment variable with a safe
default. Nothing secret lives in the repository: SECRET_KEY is read from the environment or
generated once into ``var/secret_key``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_seconds(name: str, default: str) -> float | None:
    value = os.environ.get(name, default).strip().lower()
    return None if value in {"", "off", "none"} else float(value)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "gongkai.core.error_pages.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "captcha",
    "gongkai.core",
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.accounts",
    "gongkai.workdays",
    "gongkai.screening",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.notifications",
    "gongkai.interaction",
    "gongkai.search",
    "gongkai.reports",
    "gongkai.solicitation",
    "gongkai.guides",
    "gongkai.proposals",
    "gongkai.selfcheck",
    "gongkai.backups",
    "gongkai.api",
    "gongkai.workbench",
    "gongkai.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the query or form: a NUL would reach PostgreSQL and end in a 500.
    "gongkai.core.middleware.RejectNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Unknown /api/ paths and wrong methods answer in the API's error format.
    "gongkai.api.middleware.ApiErrorFormatMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed the second factor (django-otp)?
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after GONGKAI_SESSION_IDLE_MINUTES without a request.
    "gongkai.accounts.middleware.IdleTimeoutMiddleware",
    # Workbench and admin pages only after every sign-in step (second factor, forced password change).
    "gongkai.accounts.middleware.SignInStepsMiddleware",
    # A domain error a page view lets escape: 404/403 pages, or its own status with its message.
    "gongkai.core.middleware.DomainErrorPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must be last: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context_processors.site",
                "gongkai.workbench.context_processors.workbench",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE_PATH = VAR_DIR / "gongkai.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so concurrent writers queue (up to `timeout`) instead of failing mid-transaction.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai"}}

# --- Auth and security ----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# GB/T 22239-2019 8.1.4.1: passwords of at least 12 characters from at least three classes
# (upper case, lower case, digits, other characters).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "gongkai.accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workbench:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lockout after repeated failures (django-axes): 5 failures per username+IP, 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "workbench/locked_out.html"
# Reverse proxies in front (each appends to X-Forwarded-For): gongkai.core.network.client_address.
GONGKAI_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "gongkai.core.network.client_address"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp TOTP + one-time recovery codes): always required of superusers,
# agency admins and the disclosure office; GONGKAI_TWO_FACTOR_FOR_ALL_STAFF=1 requires it of every
# staff member (others may still enrol themselves).
GONGKAI_TWO_FACTOR_FOR_ALL_STAFF = env_bool("GONGKAI_TWO_FACTOR_FOR_ALL_STAFF")
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")
# A staff session ends after this many minutes without a request (GB/T 22239 8.1.4.1 d).
GONGKAI_SESSION_IDLE_MINUTES = int(os.environ.get("GONGKAI_SESSION_IDLE_MINUTES", "30"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
# Cookies travel over https only, except when asked otherwise: `make run` serves plain http on
# localhost with DEBUG off and sets SECURE_COOKIES=0 so that logging in works there.
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# TLS is normally terminated by the reverse proxy, which also redirects http to https; these
# are set in production through the environment (docs/deploy.md).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp 4): no inline script anywhere; styles from our own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Our wording of Django's stock form messages comes first (gongkai/locale, issue 11 item 12).
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("GONGKAI_PLAIN_STATIC")
            else "gongkai.core.storage.StaticStorage"
        )
    },
}
# Before `collectstatic` has run (a fresh checkout started with DEBUG off), serve from the apps.
WHITENOISE_USE_FINDERS = DEBUG or not (STATIC_ROOT / "staticfiles.json").exists()
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# The import's confirmation posts six fields per row and takes up to 500 rows
# (catalog.import_forms.MAX_ROWS): Django's default of 1,000 fields stopped it at ~165 rows.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000

# --- Search time limits (gongkai.search.limits) ---------------------------------------------
# A public search is stopped after this many seconds (an error asks for a narrower query), and an
# exact count asked for with exact=true after its own limit (the estimate is shown instead).
# "off": no limit (benchmarks measuring the exact path).
GONGKAI_SEARCH_SECONDS = env_seconds("GONGKAI_SEARCH_SECONDS", "15")
GONGKAI_SEARCH_EXACT_SECONDS = env_seconds("GONGKAI_SEARCH_EXACT_SECONDS", "5")

# --- Background work ------------------------------------------------------------------------
# Immediate in development and tests; production sets TASKS_BACKEND=database and runs the
# django-tasks-db worker (docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("TASKS_BACKEND") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- E-mail ---------------------------------------------------------------------------------
# Printed to the console unless a deployment configures SMTP (docs/deploy.md); sending is a
# background task (gongkai.notifications), never part of a legal act.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

# --- Captcha (gongkai.core.captcha; django-simple-captcha draws it locally) ----------------------
CAPTCHA_TIMEOUT = 20  # minutes to answer
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (120, 50)
CAPTCHA_LETTER_ROTATION = (-20, 20)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- gongkai --------------------------------------------------------------------------------
# The portal's name when no government agency has been set up yet.
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")
# Public submissions (applications, messages) per client address per hour.
GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = int(os.environ.get("GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR", "60"))
# Largest attachment of a catalogue item, in bytes (the reverse proxy's body limit must allow it).
GONGKAI_ATTACHMENT_MAX_BYTES = int(os.environ.get("GONGKAI_ATTACHMENT_MAX_BYTES", str(50 * 1024 * 1024)))
# The portal's absolute address (e-mails link to the tracking page with it; relative without it).
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "")
# Suggestions and proposals (domain/services.md §4), local practice: after a 不满意 rating the second
# answer is due this many months later; an answer is published within this many working days.
GONGKAI_PROPOSAL_SECOND_ANSWER_MONTHS = int(os.environ.get("GONGKAI_PROPOSAL_SECOND_ANSWER_MONTHS", "1"))
GONGKAI_PROPOSAL_PUBLICATION_WORKDAYS = int(os.environ.get("GONGKAI_PROPOSAL_PUBLICATION_WORKDAYS", "20"))
# The frame every government website carries (政府网站发展指引, 国办发〔2017〕47号), shown in the
# footer when set: 网站标识码, ICP备案号 (linked to the MIIT register), 公安机关备案号 (linked to its
# record, by default the national register's page of its number), the 党政机关网站 mark (the link
# of the agency's CONAC registration), and 主办/承办单位 (主办 defaults to the root government).
GONGKAI_SITE_ID_CODE = os.environ.get("GONGKAI_SITE_ID_CODE", "")
GONGKAI_ICP_RECORD = os.environ.get("GONGKAI_ICP_RECORD", "")
GONGKAI_PSB_RECORD = os.environ.get("GONGKAI_PSB_RECORD", "")
GONGKAI_PSB_RECORD_URL = os.environ.get("GONGKAI_PSB_RECORD_URL", "")
GONGKAI_CONAC_URL = os.environ.get("GONGKAI_CONAC_URL", "")
GONGKAI_SPONSOR = os.environ.get("GONGKAI_SPONSOR", "")
GONGKAI_ORGANIZER = os.environ.get("GONGKAI_ORGANIZER", "")
