"""Fixtures of the dashboard tests: KI's organiser (tests/manage/conftest.py)."""

from tests.manage.conftest import ki, ki_client  # noqa: F401 (the tests' own)
