"""Redis unreachable (configured, but down or unplugged): the site keeps answering. Pages are
rendered instead of served from the cache, a write whose cache update fails still stands, and
logins are still limited, counted in each process until Redis answers again."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bench.common import free_port
from eventapp.extensions import db
from eventapp.registration.models import Registration
from tests.builders import make_event, make_organisation, make_user

PASSWORD = "correct horse battery"


def test_with_redis_unreachable_pages_writes_and_login_limits_still_work(make_app, caplog):
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    app = make_app(
        PAGE_CACHE_SECONDS=60, REDIS_URL=dead, RATELIMIT_STORAGE_URI=dead, WTF_CSRF_ENABLED=False
    )
    with app.app_context(), caplog.at_level(logging.WARNING):
        organisation = make_organisation("Karolinska Institutet")
        make_user("anna@example.org", organisations=[organisation], password=PASSWORD)
        make_user("bo@example.org", organisations=[organisation], password=PASSWORD)
        make_event("Open day", slug="open-day", organisers=[organisation], capacity=10)
        db.session.commit()  # the cache's generation cannot be raised: logged, the rows stand
        assert "page cache generation not raised" in caplog.text
        client = app.test_client()
        for path in ("/", "/events/", "/events/open-day/", "/calendar.ics"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.headers.get("X-Page-Cache") != "hit", path
        registered = client.post(
            "/events/open-day/register",
            data={
                "name": "Åsa Öberg",
                "email": "asa@example.org",
                "category": "participant",
                "consent": "y",
            },
        )
        assert registered.status_code == 303
        assert db.session.scalars(select(Registration.name)).all() == ["Åsa Öberg"]
        wrong = {"email": "anna@example.org", "password": "not the password"}
        answers = [client.post("/manage/login", data=wrong).status_code for _ in range(6)]
        assert answers == [200] * 5 + [429]  # the sixth failure is refused, as with Redis
        right = {"email": "bo@example.org", "password": PASSWORD}
        assert client.post("/manage/login", data=right).status_code == 302  # another account
