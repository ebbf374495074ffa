"""Every test under tests/browser carries the ``browser`` marker (``scripts/test -m browser``).

The fixtures (``live_server``, ``browser``, ``page``, ``phone``) live in tests/browser_support.py
and are shared by the whole suite through tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, LiveServer  # noqa: F401 (re-exported)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
