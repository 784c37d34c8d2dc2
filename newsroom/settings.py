"""Newsroom settings, read from the environment (see .env.example).

Production differs from development only by environment variables; there is
no second settings module.
"""

import ipaddress
import re
from datetime import timedelta
from pathlib import Path

import environ
from django.conf import locale as django_locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from xstatic.pkg import jquery_ui

from articles.domain.languages import DEFAULT_LANGUAGE, EXTRA_LANG_INFO, SITE_LANGUAGES
from newsroom.accounts.client_ip import trusted_networks
from newsroom.csp import error_page_style_hashes
from newsroom.storages import media_origins, storages_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (written by `make run`) fills in what the real environment does
# not set; real environment variables always win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# No default in production: a guessable key would let anyone forge sessions.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-debug-only" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it in the environment (DEBUG is off); "
        "`make run` writes a local one into .env for development."
    )
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin hooks win.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Login throttling (see Auth below).
    "axes",
    # Login throttling per password, and the client's address (newsroom/accounts/).
    "newsroom.accounts",
    # The body's rich-text editor: its static files (set up in articles/admin/widgets.py).
    "django_prose_editor",
    "articles",
    # Site-wide operations: backups, catalogs, the first admin (newsroom/operations/).
    "newsroom.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response, the 404s and 400s of later middleware too, gets the CSP.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache and the session lookup; forms are checked only in its
    # process_view, after RequestBodyLimitMiddleware has accepted the body.
    "newsroom.middleware.RejectNulBytesMiddleware",
    # Before sessions, locale, CSRF and auth: a hit skips them all (articles/cache/middleware.py).
    "articles.cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin in the editor's language, not the browser's first or the URL's
    # (newsroom/accounts/admin_language.py); needs the user, so after authentication.
    "newsroom.accounts.middleware.AdminLanguageMiddleware",
    # After authentication: large bodies only from staff. Nothing before it reads
    # the body (CSRF reads the form only in process_view, after every __call__).
    "newsroom.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a login refused by axes into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    # The public pages (templates/jinja2/), on Jinja2: the same markup costs less
    # to render than on Django's engine. First, so their names resolve here.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.web.jinja2.environment",
            "context_processors": ["articles.web.context_processors.site"],
        },
    },
    # The admin and its extra pages.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # {{ csp_nonce }} for the rare script that must be inline.
                "django.template.context_processors.csp",
                "articles.web.context_processors.site",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite with concurrent writers (gunicorn workers, an import, the scheduler):
    # WAL lets readers go on while one process writes; IMMEDIATE takes the write
    # lock when a transaction begins, so a second writer waits for it (up to
    # `timeout` seconds) instead of failing at once with "database is locked"
    # when its read turns into a write. bench/load.py showed those errors without.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
# Connections: Django's built-in psycopg pool on PostgreSQL when DATABASE_POOL_MAX_SIZE
# is set (per worker process; a pool and persistent connections exclude each
# other), else one persistent connection per process, checked before reuse so a
# database that restarted is reconnected to instead of failing a request. Opening
# a connection per request was a third of an uncached page's time on SQLite.
# A `conn_max_age` in DATABASE_URL wins over both defaults.
if pool_size := env.int("DATABASE_POOL_MAX_SIZE", default=0):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE needs a PostgreSQL DATABASE_URL.")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": pool_size,
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# CACHE_URL (redis://… for several nodes) or, without it, a cache on local disk
# (diskcache: SQLite files under PAGE_CACHE_DIR) shared by every worker on this
# machine. Django's local-memory cache keeps 300 entries per worker and its
# FileBasedCache scans every file to cull; the page cache must hold every public
# page (14 languages × every article) once per machine, not once per worker, and
# culls a few rows at a time. See docs/decisions/default-page-cache.md.
if cache_url := env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache_url_config(cache_url)}
else:
    CACHES = {
        "default": {
            "BACKEND": "diskcache.DjangoCache",
            "LOCATION": str(env.path("PAGE_CACHE_DIR", default=BASE_DIR / "var" / "cache")),
            "OPTIONS": {
                # The budget on disk (the pages the OS keeps in memory are shared
                # by the workers); least recently stored entries go first.
                "size_limit": env.int("PAGE_CACHE_DISK_MB", default=512) * 1024 * 1024,
                # No memory map and a small page cache per shard: SQLite's own
                # copies would grow each worker by the pages it ever read, while
                # the operating system's file cache already holds them once for
                # every worker, and reads from it cost no more.
                "sqlite_mmap_size": 0,
                "sqlite_cache_size": 64,
            },
        }
    }
if CACHES["default"]["BACKEND"].startswith("django_redis."):
    # A Redis outage must not take the site down: cache reads miss and writes are
    # dropped (and logged), pages are rendered uncached. Short timeouts, so an
    # unreachable Redis costs a request milliseconds, not seconds.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
            "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.5),
        }
    )
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# --- Languages --------------------------------------------------------------

LANGUAGE_CODE = DEFAULT_LANGUAGE
LANGUAGES = [(code, endonym) for code, endonym in SITE_LANGUAGES]
# Django knows neither Sanskrit nor Latin; teach it before anything asks.
django_locale.LANG_INFO.update(EXTRA_LANG_INFO)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats for languages Django has none for (sa, la).
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")

MODELTRANSLATION_DEFAULT_LANGUAGE = DEFAULT_LANGUAGE
# No fallbacks: a language version either exists or is absent. Falling back
# would show another language's text under this language's URL.
MODELTRANSLATION_FALLBACK_LANGUAGES = ()
MODELTRANSLATION_ENABLE_FALLBACKS = False
# The tabbed admin needs jQuery UI; serve it from the pinned XStatic package,
# never from a CDN, so the tabs work offline and under a CSP.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Files ------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/jquery-ui", jquery_ui.BASE_DIR),
]
MEDIA_URL = "media/"
# Public media: renditions (served under /media/renditions/).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Photo originals, never served: deliberately outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
# MEDIA_STORAGE=filesystem (default) or s3; see newsroom/storages.py.
STORAGES = storages_from_environment(env, debug=DEBUG, private_root=PRIVATE_MEDIA_ROOT)

# --- Photos -----------------------------------------------------------------

# Checked before anything is decoded (articles/photos/upload.py).
PHOTO_MAX_UPLOAD_BYTES = env.int("PHOTO_MAX_UPLOAD_MB", default=20) * 1024 * 1024
# Width × height × frames; bounds the memory a decode may take.
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_MEGAPIXELS", default=50) * 1_000_000
# Whole request bodies above this are refused with 413 before they are read
# (newsroom/middleware.py): the largest photo plus room for the form around it.
REQUEST_MAX_BODY_BYTES = PHOTO_MAX_UPLOAD_BYTES + 5 * 1024 * 1024
# Form data (files excluded) above this is a 400. An article in 14 languages is
# well under 1 MB of text.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The admin's article form posts about 225 fields (14 languages × title, slug,
# summary, body, SEO fields, states, plus the inlines; tests/test_request_limits.py
# measures it); 1000 leaves room for more tags, authors and corrections.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# How far ahead `photo_rights` and the admin warn that a photo's rights run out.
PHOTO_RIGHTS_WARNING_DAYS = env.int("PHOTO_RIGHTS_WARNING_DAYS", default=14)

# --- Agency pictures (import_ninjs --fetch-media, articles/ninjs/media.py) --------

# Hosts pictures may be downloaded from: a name matches itself, ".example.com"
# also its subdomains. Empty: any host whose every address is public.
NINJS_MEDIA_HOSTS = env.list("NINJS_MEDIA_HOSTS", default=[])
# Private networks (CIDR) downloads may reach after all. Downloads never reach
# loopback, link-local (cloud metadata), private or reserved addresses unless
# listed here: empty in production; the tests list 127.0.0.1/32 for their server.
NINJS_MEDIA_PRIVATE_NETWORKS = env.list("NINJS_MEDIA_PRIVATE_NETWORKS", default=[])
# A mistyped network would otherwise surface only in the middle of an import.
for _network in NINJS_MEDIA_PRIVATE_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(f"NINJS_MEDIA_PRIVATE_NETWORKS: {error}") from None

# --- Agency copy (import_ninjs --strict, articles/ninjs/iptc_schema.py) -----------

# The folder holding the IPTC's ninjs schema files (ninjs-schema_1.6.json,
# _2.2.json, _3.1.json) that --strict checks each document against. The IPTC
# publishes them; the project does not ship them. Empty: --strict refuses to run.
NINJS_SCHEMA_DIR = env.str("NINJS_SCHEMA_DIR", default="")

# --- Background tasks ---------------------------------------------------------

# Django's built-in Tasks. "immediate" (default) runs a task at once in the
# process that enqueues it, so a newcomer and the tests need no worker;
# "database" stores tasks for `manage.py db_worker` (django-tasks-db) to run.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be 'immediate' or 'database', not {TASKS_BACKEND!r}."
    )

# --- Machine translation ------------------------------------------------------

# Machine drafts in the translate view and `manage.py machine_translate`
# (articles/machine_translation/). "none" (default) offers none; "libretranslate"
# or "deepl" with MT_URL (the engine's base address) and MT_API_KEY.
MT_ENGINE = env.str("MT_ENGINE", default="none")
MT_URL = env.str("MT_URL", default="")
MT_API_KEY = env.str("MT_API_KEY", default="")
# A translator waits at the form while the engine works: give up after this.
MT_TIMEOUT = env.float("MT_TIMEOUT", default=20.0)

# --- Publishing ---------------------------------------------------------------

# The organisation named as publisher in feeds, news sitemaps, JSON-LD and
# OpenGraph tags.
NEWSROOM_PUBLISHER_NAME = env.str("NEWSROOM_PUBLISHER_NAME", default="Newsroom")
# Scheme and host for absolute URLs (canonical, hreflang, feeds, sitemaps,
# previews), e.g. https://news.example.org. Empty: taken from each request,
# which is right unless a proxy rewrites the host; code without a request
# (commands) needs it set.
NEWSROOM_BASE_URL = env.str("NEWSROOM_BASE_URL", default="").rstrip("/")
if NEWSROOM_BASE_URL and not NEWSROOM_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"NEWSROOM_BASE_URL must start with https:// or http://, not {NEWSROOM_BASE_URL!r}."
    )

# --- Page cache and CDN (articles/cache/middleware.py, invalidation.py, purge.py) ---

# Anonymous readers' public pages are kept in CACHES["default"] and invalidated
# exactly through a log in the database. PAGE_CACHE=false serves every page
# uncached (the uncached benchmark); ETags, 304s and CDN headers stay.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Longest a page stays in the cache (it is dropped sooner when something it shows changes).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# With a shared cache (Redis), each process also keeps the pages it served last,
# up to this many MB, so a hot story costs no round trip (articles/cache/local.py).
PAGE_CACHE_LOCAL_MB = env.float("PAGE_CACHE_LOCAL_MB", default=16)
# How often each process reads the invalidation log: the bound on staleness
# across processes and nodes (the promise is 1 s), and the only query a hit may cost.
PAGE_CACHE_CHECK_SECONDS = 0.5
# Optional: an endpoint that gets the changed public URLs (a JSON list, POSTed
# after each change commits), e.g. a small adapter to your CDN's purge API.
CDN_PURGE_URL = env.str("CDN_PURGE_URL", default="")
CDN_PURGE_TIMEOUT = env.float("CDN_PURGE_TIMEOUT", default=2.0)
# Cache-Control of public pages. Browsers revalidate every time (max-age=0) and
# get a 304 when nothing changed. Without a purge hook nobody tells a CDN that a
# page changed, so it may keep a page one second (s-maxage=1, no stale serving):
# readers then see a change within about a second, as the origin promises, and
# a story read thousands of times a minute still reaches the origin about once
# a second per edge. With CDN_PURGE_URL the pages the hook names may be kept
# longer (CDN_PURGED_S_MAXAGE) and served stale while the CDN revalidates;
# pages it cannot name (archives by date, page 2…, search) keep the short lifetime.
CDN_MAX_AGE = env.int("CDN_MAX_AGE", default=0)
CDN_S_MAXAGE = env.int("CDN_S_MAXAGE", default=1)
CDN_PURGED_S_MAXAGE = env.int("CDN_PURGED_S_MAXAGE", default=300)
CDN_STALE_WHILE_REVALIDATE = env.int("CDN_STALE_WHILE_REVALIDATE", default=60)

# --- Auth -------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Bodies above this need a logged-in staff user (newsroom/middleware.py): the
# login form is well under 1 KB and the public site takes no uploads, so no
# anonymous request can make the server parse an upload-sized body.
REQUEST_ANONYMOUS_MAX_BODY_BYTES = 64 * 1024
# Axes first: it refuses a locked-out login before any password is checked.
# It needs the request, so code that authenticates must pass it
# (`authenticate(request, ...)`); the admin and `client.force_login` do.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out
# for the cool-off time; other editors, and the same editor elsewhere, can
# still log in, so guessing cannot lock the whole newsroom out. The failure
# count resets on a successful login.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The admin-styled page that names the limit and the cool-off (429).
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.lockout.lockout_response"
# The attempt log keeps no passwords; it keeps usernames, addresses and user agents.
AXES_SENSITIVE_PARAMETERS = ["password"]
# Axes' database handler plus a limit per password (newsroom/accounts/throttle.py):
# one password that fails for this many different usernames within the window
# is refused for the cool-off time, whatever the username and address.
AXES_HANDLER = "newsroom.accounts.axes_handler.NewsroomAxesHandler"
LOGIN_PASSWORD_USERNAME_LIMIT = env.int("LOGIN_PASSWORD_USERNAME_LIMIT", default=10)
LOGIN_PASSWORD_WINDOW = timedelta(minutes=env.int("LOGIN_PASSWORD_WINDOW_MINUTES", default=15))
# The client's address that logins are throttled by (newsroom/accounts/client_ip.py).
# Default: REMOTE_ADDR. Behind reverse proxies, name the header they append the
# client's address to, as Django names it (HTTP_X_FORWARDED_FOR), and the proxies'
# addresses or ranges: the header is read from the right only through those, so a
# client cannot choose its address by sending the header itself.
AXES_CLIENT_IP_CALLABLE = "newsroom.accounts.client_ip.client_ip"
LOGIN_CLIENT_IP_HEADER = env.str("LOGIN_CLIENT_IP_HEADER", default="")
LOGIN_TRUSTED_PROXIES = env.list("LOGIN_TRUSTED_PROXIES", default=[])
if LOGIN_CLIENT_IP_HEADER:
    if not re.fullmatch(r"HTTP_[A-Z0-9_]+", LOGIN_CLIENT_IP_HEADER):
        raise ImproperlyConfigured(
            "LOGIN_CLIENT_IP_HEADER must name a request header as Django does, "
            f"e.g. HTTP_X_FORWARDED_FOR, not {LOGIN_CLIENT_IP_HEADER!r}."
        )
    if not LOGIN_TRUSTED_PROXIES:
        raise ImproperlyConfigured(
            "LOGIN_CLIENT_IP_HEADER needs LOGIN_TRUSTED_PROXIES (the proxies' addresses "
            "or ranges): without them any client could choose its address."
        )
    try:
        trusted_networks(tuple(LOGIN_TRUSTED_PROXIES))
    except ValueError as error:
        raise ImproperlyConfigured(f"LOGIN_TRUSTED_PROXIES: {error}") from None

# --- Security -------------------------------------------------------------------

# DJANGO_HTTPS=true in production: redirect to HTTPS, HSTS, cookies only over HTTPS.
# Off by default so that `make run` and the tests work on plain http://127.0.0.1.
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
# A year, with subdomains and preload (what hstspreload.org asks). Lower
# DJANGO_HSTS_SECONDS (e.g. 300) for a first deployment: browsers remember it.
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# Behind a proxy that terminates TLS, Django sees http:// and would redirect
# forever. Name the header the proxy sets (and strips from clients), e.g.
# DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO; never set it otherwise,
# or any client could claim to be on HTTPS.
if proxy_header := env.str("DJANGO_SECURE_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (proxy_header, "https")

# Sessions live in the database: a cache flush must not log everyone out, and a
# cache-only session could be evicted mid-edit.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites learn that a reader came from us, never from which page.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django.middleware.csp). No inline script or style
# anywhere: scripts need the request's nonce ({{ csp_nonce }}), styles come from
# files. The 500 and 503 pages, rendered without a request, may carry their <style>.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [
        CSP.SELF,
        *error_page_style_hashes(
            *(BASE_DIR / "templates" / "jinja2" / f"{code}.html" for code in (500, 503))
        ),
    ],
    "img-src": [CSP.SELF, *media_origins(env)],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
    # Django logs every task's start and end at INFO (twice with DEBUG on, through
    # its own console handler and ours); a task's failure is still a WARNING or worse.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}
