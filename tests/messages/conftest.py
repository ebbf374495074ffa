"""The messages tests use the reminders' event and the mail tests' SMTP server."""

from __future__ import annotations

from tests.mail.conftest import smtp_server  # noqa: F401 (fixture)
from tests.reminders.conftest import event  # noqa: F401 (fixture)
