"""The app-wide rules are tried on other capabilities' pages: their fixtures, shared here."""

from tests.manage.conftest import ki, ki_client  # noqa: F401 (fixtures)
from tests.registration.conftest import event, organisation  # noqa: F401 (fixtures)
