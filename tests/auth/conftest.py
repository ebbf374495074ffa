"""An organiser with a password, for the login, account and session tests."""

from __future__ import annotations

import pytest

from tests.builders import make_organisation, make_user

PASSWORD = "correct horse battery"


@pytest.fixture
def organiser(db):
    user = make_user("Anna@Example.org", organisations=[make_organisation()], password=PASSWORD)
    db.session.commit()
    return user
