"""Builders for the blog's tests: posts, and a past symposium with its programme and people."""

from __future__ import annotations

import itertools
from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from PIL import Image

from eventapp.blog.models import BlogPost
from eventapp.core.db import utcnow
from eventapp.core.types import OrganiserRole, PostStatus, SessionKind
from eventapp.events.models import EventOrganiser
from tests.builders import (
    _save,
    make_event,
    make_organisation,
    make_person,
    make_session,
    make_user,
    make_venue,
    stockholm,
)

_n = itertools.count(1)


def make_post(
    title: str | None = None,
    *,
    status: PostStatus = PostStatus.PUBLISHED,
    publish_at: Any = "past",
    language: str = "en",
    **kw: Any,
) -> BlogPost:
    """A post; by default published an hour ago."""
    n = next(_n)
    if publish_at == "past":
        publish_at = utcnow() - timedelta(hours=1, minutes=n)
    kw.setdefault("slug", f"post-{n}")
    return _save(
        BlogPost(
            title=title or f"Post {n}", status=status, publish_at=publish_at,
            language=language, **kw,
        )
    )  # fmt: skip


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    """A real, small image file."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(buffer, format=fmt)
    return buffer.getvalue()


def make_symposium(language: str = "en", **kw: Any):
    """The ATMP mini-symposium of 22 January 2025: hosts, sessions, speakers; no registrations."""
    nextgen = make_organisation("NextGenNK", short_name="NextGenNK")
    ccrm = make_organisation("CCRM Nordic")
    ki = make_organisation("Karolinska Institutet", short_name="KI")
    venue = make_venue("Karolinska Institutet", campus="Campus Flemingsberg")
    event = make_event(
        "ATMP mini-symposium",
        starts_at=stockholm(2025, 1, 22, 13, 0),
        ends_at=stockholm(2025, 1, 22, 17, 30),
        organisers=[nextgen, ccrm],
        venue=venue,
        language=language,
        **kw,
    )
    event.organisers.append(EventOrganiser(organisation=ki, role=OrganiserRole.PARTNER, position=2))
    speakers = [make_person(f"Speaker {i}", affiliation=ki) for i in range(14)]
    for i, speaker in enumerate(speakers):
        make_session(event, f"Talk {i}", kind=SessionKind.TALK, speakers=[speaker])
    carin = make_person("Carin Dahlberg", affiliation_text="NextGenNK")
    make_session(event, "Opening keynote", kind=SessionKind.KEYNOTE, speakers=[carin])
    make_session(event, "Closing keynote", kind=SessionKind.KEYNOTE)
    make_session(event, "Industry panel", kind=SessionKind.PANEL)
    make_session(event, "Coffee", kind=SessionKind.BREAK)
    return event, nextgen


@pytest.fixture
def organiser(db):
    """An organiser of NextGenNK, and the past symposium their organisation hosted."""
    event, nextgen = make_symposium()
    user = make_user(organisations=[nextgen])
    db.session.commit()
    return user, event


def forget_request_state() -> None:
    """The test's app context (and its ``g``) outlives requests: forget what the previous
    request cached there (Flask-Login's user, Flask-Babel's locale)."""
    from flask import g

    g.pop("_login_user", None)
    g.pop("_flask_babel", None)


def switch_user(client, user) -> None:
    """Log another user in on ``client``."""
    from tests.conftest import login

    login(client, user)
    forget_request_state()
