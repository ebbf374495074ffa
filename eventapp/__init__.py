"""eventapp: recurring events and symposia, from the first programme draft to the blog post."""

from __future__ import annotations

from typing import Any

from flask import Flask

from eventapp import pagecache
from eventapp.config import PROJECT_ROOT, Config
from eventapp.core.params import CONVERTERS

BLUEPRINTS = (
    "eventapp.core",
    "eventapp.events",
    "eventapp.directory",
    "eventapp.registration",
    "eventapp.calendar",
    "eventapp.badges",
    "eventapp.blog",
    "eventapp.auth",
    "eventapp.manage",
    "eventapp.mail",
    "eventapp.demo",
    "eventapp.pagecache",
)


def create_app(config: Any = None) -> Flask:
    """Build the application from ``config`` (default: ``Config()`` read from the environment)."""
    config = config if config is not None else Config()
    app = Flask(
        __name__,
        instance_path=str(config.INSTANCE_PATH),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(config)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.url_map.converters.update(CONVERTERS)  # before any route: see eventapp.core.params
    register_extensions(app)
    register_blueprints(app)
    pagecache.init_app(app)
    trust_proxies(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-* only from as many proxies as configured (``EVENTAPP_PROXY_FIX``)."""
    hops = int(app.config.get("PROXY_FIX", 0))
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    """Bind the extensions to ``app`` and configure the database engine."""
    from eventapp import models  # noqa: F401  (every mapper known before first use)
    from eventapp.core.db import configure_postgresql, configure_sqlite
    from eventapp.core.i18n import select_locale, select_timezone
    from eventapp.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    login_manager.init_app(app)
    limiter.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
        elif db.engine.dialect.name == "postgresql":
            configure_postgresql(db.engine)


def register_blueprints(app: Flask) -> None:
    """Register one blueprint per capability."""
    from importlib import import_module

    for name in BLUEPRINTS:
        app.register_blueprint(import_module(name).bp)
