"""eventapp: recurring events and symposia, from the first programme draft to the blog post."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Any = None) -> Flask:
    """Build the application from ``config`` (default: ``Config()`` read from the environment).

    The assembly lives in ``eventapp.app`` and is imported here, not at the top: Python runs this
    file before every ``eventapp.*`` import, and a model or service import must not load every
    view, extension and middleware of the app."""
    from eventapp.app import build_app

    return build_app(config)
