"""The page cache's tests run an app with the cache on (the rest of the suite turns it off so
that it measures rendering: query budgets, page contents after writes made behind its back)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    application = make_app(PAGE_CACHE_SECONDS=60)
    with application.app_context():
        yield application
