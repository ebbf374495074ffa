"""The application assembled: configuration, extensions, each capability's blueprint, page cache."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from eventapp import models  # noqa: F401  (every mapper known before first use)
from eventapp.config import PROJECT_ROOT, Config
from eventapp.core import compression
from eventapp.core.db import configure_postgresql, configure_sqlite
from eventapp.core.i18n import install_template_gettext, select_locale, select_timezone
from eventapp.core.jinja import Environment
from eventapp.core.params import CONVERTERS
from eventapp.extensions import babel, csrf, db, limiter, login_manager, migrate
from eventapp.pagecache.cache import init_app as init_page_cache

#: Each capability's blueprint and the modules that attach routes, hooks, template globals and
#: commands to it. Importing a capability's models or services loads none of these: only
#: ``create_app`` does, so a model import stays light and no import cycle runs through a view.
BLUEPRINTS: dict[str, tuple[str, ...]] = {
    "core": ("error_pages", "i18n", "params", "security", "templating", "views"),
    "events": ("templating", "views", "manage_views"),
    "directory": ("templating", "views", "manage_views"),
    "registration": ("templating", "views", "manage_views", "cli"),
    "regforms": ("manage_views",),
    "calendar": ("templating", "views"),
    "badges": ("templating", "views", "manage_views", "checkin_views"),
    "blog": ("templating", "views", "manage_views"),
    "contributions": ("templating", "views", "manage_views", "review_views"),
    "messages": ("manage_views",),
    "grid": ("templating", "manage_views"),
    "dashboard": ("templating",),
    "feedback": ("templating", "views", "manage_views"),
    "certificates": ("templating", "views", "manage_views"),
    "reports": ("templating", "manage_views"),
    "materials": ("templating", "views", "manage_views"),
    "api": ("templating", "views", "schedule_views", "embed_views"),
    "auth": ("loader", "fence", "manage_views", "cli"),
    "manage": ("views",),
    "mail": ("cli",),
    "demo": ("cli",),
    "pagecache": ("cache",),
}


def build_app(config: Any = None) -> Flask:
    """Build the application from ``config`` (default: ``Config()`` read from the environment)."""
    config = config if config is not None else Config()
    app = Flask(
        __name__,
        instance_path=str(config.INSTANCE_PATH),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(config)
    app.jinja_environment = Environment  # cheaper compiled templates: see eventapp.core.jinja
    app.jinja_env.add_extension("jinja2.ext.do")
    app.url_map.converters.update(CONVERTERS)  # before any route: see eventapp.core.params
    register_extensions(app)
    register_blueprints(app)
    init_page_cache(app)
    trust_proxies(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-* only from as many proxies as configured (``EVENTAPP_PROXY_FIX``)."""
    hops = int(app.config.get("PROXY_FIX", 0))
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    """Bind the extensions to ``app`` and configure the database engine."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    install_template_gettext(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    compression.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
        elif db.engine.dialect.name == "postgresql":
            configure_postgresql(db.engine)


def register_blueprints(app: Flask) -> None:
    """Load each capability's routes, hooks and commands, then register its blueprint."""
    for package, modules in BLUEPRINTS.items():
        for module in modules:
            import_module(f"eventapp.{package}.{module}")
        app.register_blueprint(import_module(f"eventapp.{package}.blueprint").bp)
