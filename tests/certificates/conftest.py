"""Certificate fixtures: the feedback tests' past symposium and its organiser."""

from __future__ import annotations

from tests.feedback.conftest import event, organisation, organiser, organiser_client  # noqa: F401
