"""Fixtures of the back-office tests: two organisations with one organiser each."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from eventapp.auth.models import User
from eventapp.directory.models import Organisation
from tests.builders import make_organisation, make_user
from tests.conftest import login
from tests.helpers.forms import csrf_token, form_values, post_form  # noqa: F401 (the tests' own)


@dataclass
class Team:
    organisation: Organisation
    user: User


@pytest.fixture
def ki(db) -> Team:
    org = make_organisation("Karolinska Institutet", short_name="KI", slug="ki")
    user = make_user("ki@example.org", organisations=[org], password="correct horse battery")
    db.session.commit()
    return Team(org, user)


@pytest.fixture
def kth(db) -> Team:
    org = make_organisation("KTH Royal Institute of Technology", short_name="KTH", slug="kth")
    user = make_user("kth@example.org", organisations=[org], password="another long secret")
    db.session.commit()
    return Team(org, user)


@pytest.fixture
def ki_client(client, ki):
    login(client, ki.user)
    return client
