"""Configuration read from the environment (every variable is prefixed ``EVENTAPP_``)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_PATH = Path(os.environ.get("EVENTAPP_INSTANCE_PATH", PROJECT_ROOT / "instance"))


def env(name: str, default: str | None = None) -> str | None:
    """Return ``EVENTAPP_<name>`` from the environment, or ``default``."""
    value = os.environ.get(f"EVENTAPP_{name}")
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    """Return a boolean ``EVENTAPP_<name>`` (1/true/yes/on)."""
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return an integer ``EVENTAPP_<name>``."""
    value = env(name)
    return default if value is None else int(value)


def development_secret_key(instance_path: Path) -> str:
    """Generate a development key once and keep it in ``instance/`` (sessions survive restarts)."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def default_sender(base_url: str) -> str:
    """``eventapp <events@host>`` at the site's own host, when MAIL_FROM is not set."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"eventapp <events@{host}>"


class ConfigError(RuntimeError):
    """The configuration is not usable (e.g. production without a secret key)."""


class Config:
    """Settings for development and production, read at instantiation time."""

    TESTING = False

    def __init__(self) -> None:
        self.ENV_NAME = env("ENV", "development")
        self.INSTANCE_PATH = INSTANCE_PATH
        self.SQLALCHEMY_DATABASE_URI = env(
            "DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'eventapp.sqlite3'}"
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(self.SQLALCHEMY_DATABASE_URI)
        secret = env("SECRET_KEY")
        if secret is None:
            if self.ENV_NAME == "production":
                raise ConfigError(
                    "EVENTAPP_SECRET_KEY must be set in production (EVENTAPP_ENV=production)."
                )
            secret = development_secret_key(INSTANCE_PATH)
        self.SECRET_KEY = secret
        self.BASE_URL = (env("BASE_URL", "http://127.0.0.1:5000") or "").rstrip("/")
        self.DEFAULT_TIMEZONE = env("DEFAULT_TIMEZONE", "Europe/Stockholm")
        self.DEFAULT_LOCALE = env("DEFAULT_LOCALE", "en")
        self.LANGUAGES = ("en", "sv")
        self.BABEL_DEFAULT_LOCALE = self.DEFAULT_LOCALE
        self.BABEL_DEFAULT_TIMEZONE = self.DEFAULT_TIMEZONE
        self.BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).parent / "translations")
        self.REDIS_URL = env("REDIS_URL")
        self.UPLOAD_FOLDER = Path(env("UPLOAD_FOLDER", str(INSTANCE_PATH / "uploads")))
        self.JOB_FOLDER = env("JOB_FOLDER")  # background jobs' files; unset: the instance folder
        self.MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
        self.MAX_CONTENT_LENGTH = self.MAX_UPLOAD_BYTES + 1024 * 1024
        self.SMTP_HOST = env("SMTP_HOST")
        self.SMTP_PORT = env_int("SMTP_PORT", 25)
        self.SMTP_USER = env("SMTP_USER")
        self.SMTP_PASSWORD = env("SMTP_PASSWORD")
        self.SMTP_TLS = env("SMTP_TLS", "none")  # none | starttls | ssl
        # The site's own address at its own host: replies go to the event's contact (Reply-To),
        # and the name shown is the organiser's (mail/sender.py); set it to a real mailbox.
        self.MAIL_FROM = env("MAIL_FROM", "") or default_sender(self.BASE_URL)
        self.MAIL_FOLDER = INSTANCE_PATH / "mail"
        self.FEED_PAST_DAYS = env_int("FEED_PAST_DAYS", 365)
        # Sites that may frame the embeddable programme (/embed/…): "*" or origins, space apart.
        self.EMBED_ANCESTORS = env("EMBED_ANCESTORS", "*") or "*"
        self.PROXY_FIX = env_int("PROXY_FIX", 0)
        self.PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
        self.PAGE_CACHE_COUNTS_SECONDS = env_int("PAGE_CACHE_COUNTS_SECONDS", 5)
        # zstd, brotli or gzip when the client asks (eventapp/core/compression.py); off when a
        # proxy in front compresses already.
        self.COMPRESS = env_bool("COMPRESS", True)
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        # Production is HTTPS unless told otherwise: behind a TLS proxy the base URL may well
        # say http://, and cookies sent in clear there would be stolen on the first café wifi.
        self.PLAIN_HTTP = env_bool("PLAIN_HTTP")
        self.HTTPS = self.BASE_URL.startswith("https://") or (
            self.ENV_NAME == "production" and not self.PLAIN_HTTP
        )
        self.SESSION_COOKIE_SECURE = self.HTTPS
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.WTF_CSRF_TIME_LIMIT = None
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_HEADERS_ENABLED = True
        # Per event and address: see registration/views.py and docs/deploy.md.
        self.REGISTRATION_RATE_LIMIT = env(
            "REGISTRATION_RATE_LIMIT", "10 per 10 seconds;300 per hour"
        )
        # How long a place is held for an address not yet confirmed (registration/confirmation.py):
        # long enough for a greylisted mail to arrive, short enough that a flood lapses quickly.
        self.CONFIRM_HOLD_MINUTES = env_int("CONFIRM_HOLD_MINUTES", 30)
        # The registration form's proof of work (registration/proof.py): off only for load tests
        # and benchmarks of the bare form. Its cost is PBKDF2 iterations per try (256 tries on
        # average): about 0.2 s for a browser, as much CPU for a script, every registration.
        self.ALTCHA = env_bool("ALTCHA", True)
        self.ALTCHA_COST = env_int("ALTCHA_COST", 2000)
        self.ALTCHA_HMAC_KEY = env("ALTCHA_HMAC_KEY")  # unset: derived from the secret key
        # Redis unreachable: limits are counted in each process until it answers again (a login
        # still works, and is still limited), and a slow Redis costs a request 2 s at most.
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}


class TestConfig(Config):
    """Settings for the test suite: the database URL is given by the fixture."""

    TESTING = True

    def __init__(self, database_url: str, **overrides: object) -> None:
        super().__init__()
        self.SQLALCHEMY_DATABASE_URI = database_url
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(database_url)
        self.BASE_URL = "http://eventapp.test"
        self.MAIL_FROM = default_sender(self.BASE_URL)
        self.HTTPS = False
        self.SESSION_COOKIE_SECURE = False
        self.REMEMBER_COOKIE_SECURE = False
        self.SMTP_HOST = None
        self.RATELIMIT_STORAGE_URI = "memory://"
        # The suite registers hundreds of people from one test client; the limit has its own
        # tests (tests/registration/test_flood.py), which set the production value.
        self.REGISTRATION_RATE_LIMIT = "100000 per second"
        # Likewise the proof of work: its tests (tests/registration/test_proof.py) turn it on.
        self.ALTCHA = False
        self.ALTCHA_COST = 100
        # Off unless a test asks for it (tests/pagecache): the rest of the suite measures
        # rendering (query budgets) and writes rows behind the application's back.
        self.PAGE_CACHE_SECONDS = 0
        for key, value in overrides.items():
            setattr(self, key, value)


def engine_options(url: str) -> dict[str, object]:
    """Engine options per backend: SQLite waits for the write lock instead of failing at once."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30, "check_same_thread": False}}
    # PostgreSQL: pooled connections are checked without a round trip (core.db.configure_postgresql)
    return {"pool_pre_ping": False}
