"""Two app servers (gunicorn, 2 workers each) on one PostgreSQL and one Redis agree: the login
rate limit, a registration capacity and a feed's ETag hold across both, and a background badge
batch started on one is followed and downloaded on the other (``EVENTAPP_JOB_FOLDER``).

Needs PostgreSQL and Redis: runs when ``EVENTAPP_TEST_DATABASE_URL`` is set (CI's second run);
alone: ``EVENTAPP_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres
.venv/bin/pytest tests/deploy -m deploy``.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import create_engine, text

from bench.common import (
    create_database,
    drop_database,
    flask_db_upgrade,
    free_port,
    start_gunicorn,
    stop,
)
from tests.conftest import PG_BASE_URL

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not PG_BASE_URL,
        reason="needs PostgreSQL and Redis: set EVENTAPP_TEST_DATABASE_URL (CI's second run)",
    ),
]

REDIS_URL = "redis://127.0.0.1:6379/14"  # this test's own Redis database, flushed before and after
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CAPACITY = 10
PEOPLE = 24
BADGES = 201  # more than BADGES_SYNC_LIMIT (200): made in the background
PASSWORD = "right horse 42"


@dataclass
class Stack:
    url: str
    ports: tuple[int, int]
    env: dict[str, str]


def _flush_redis() -> None:
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    server.close()


def _seed(url: str, instance: Path) -> None:
    """An organiser account, a capped event, and a few events for the site feed."""
    from eventapp import create_app
    from eventapp.config import TestConfig
    from eventapp.extensions import db
    from tests.builders import (
        make_event,
        make_organisation,
        make_registration,
        make_session,
        make_user,
    )

    app = create_app(TestConfig(url, INSTANCE_PATH=instance))
    with app.app_context():
        organisation = make_organisation("Karolinska Institutet")
        make_user("door@example.org", organisations=[organisation], password=PASSWORD)
        make_user("printer@example.org", organisations=[organisation], password=PASSWORD)
        make_event("Capped symposium", slug="capped", capacity=CAPACITY, waitlist_enabled=True)
        badged = make_event("Big badge day", slug="badged", organisers=[organisation])
        for n in range(BADGES):
            make_registration(badged, f"Person {n:03d}", email=f"badge{n}@example.org")
        for n in range(3):
            event = make_event(f"Seminar {n}", organisers=[organisation])
            make_session(event, f"Talk {n}")
        db.session.commit()
        db.engine.dispose()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A fresh database migrated with ``flask db upgrade``, then two gunicorn servers, each with
    its own instance folder (nothing shared but PostgreSQL, Redis and the secret key)."""
    url = create_database(PG_BASE_URL, prefix="eventapp_deploy")
    servers = []
    try:
        base = tmp_path_factory.mktemp("deploy")
        env = {
            "EVENTAPP_DATABASE_URL": url,
            "EVENTAPP_REDIS_URL": REDIS_URL,
            "EVENTAPP_SECRET_KEY": secrets.token_urlsafe(32),
            "EVENTAPP_REGISTRATION_RATE_LIMIT": "100000 per second",  # clients share 127.0.0.1
            "EVENTAPP_ALTCHA": "0",  # scripted clients: the proof of work has its own tests
            "EVENTAPP_BASE_URL": "http://127.0.0.1",
            "EVENTAPP_INSTANCE_PATH": str(base / "migrate"),
            "EVENTAPP_JOB_FOLDER": str(base / "shared-jobs"),
            "EVENTAPP_PAGE_CACHE_COUNTS_SECONDS": "0",  # places shown follow at once
        }
        flask_db_upgrade(env)
        _seed(url, base / "seed")
        _flush_redis()
        ports = (free_port(), free_port())
        for n, port in enumerate(ports):
            own = {**env, "EVENTAPP_INSTANCE_PATH": str(base / f"server{n}")}
            servers.append(start_gunicorn("wsgi:app", port, own, 2, 2, "/healthz"))
        yield Stack(url, ports, env)
    finally:
        for server in servers:
            stop(server)
        drop_database(url)
        _flush_redis()


def _get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def _form(port: int, path: str) -> tuple[str, str]:
    """(session cookie, CSRF token) of a form page."""
    response = _get(port, path)
    cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
    return cookie, TOKEN.search(response.body.decode()).group(1)


def _post(port: int, path: str, cookie: str, fields: dict) -> int:
    return _post_response(port, path, cookie, fields).status


def _post_response(port: int, path: str, cookie: str, fields: dict) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    conn.request("POST", path, body=urlencode(fields), headers=headers)
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def _attempts_until_limited(ports: list[int], email: str) -> int:
    """Failed logins, taking the ports in turn, until one answers 429; how many were made."""
    cookie, token = _form(ports[0], "/manage/login")
    for attempt in range(1, 31):
        port = ports[attempt % len(ports)]
        fields = {"csrf_token": token, "email": email, "password": "wrong password"}
        status = _post(port, "/manage/login", cookie, fields)
        if status == 429:
            return attempt
        assert status == 200, status
    return 0


def test_the_login_limit_counts_attempts_on_both_servers_together(stack: Stack):
    one = _attempts_until_limited([stack.ports[0]], "alone@example.org")
    both = _attempts_until_limited(list(stack.ports), "door@example.org")
    assert one == 6  # five failures allowed per account, the sixth is refused
    assert both == one


def test_a_capacity_holds_when_registrations_arrive_on_both_servers_at_once(stack: Stack):
    forms = [_form(stack.ports[n % 2], "/events/capped/register") for n in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    statuses: list[int] = []

    def register(n: int) -> None:
        cookie, token = forms[n]
        fields = {
            "csrf_token": token,
            "name": f"Person {n}",
            "email": f"person{n}@example.org",
            "category": "participant",
            "consent": "y",
        }
        barrier.wait()
        statuses.append(_post(stack.ports[n % 2], "/events/capped/register", cookie, fields))

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == [303] * PEOPLE
    engine = create_engine(stack.url)
    with engine.connect() as conn:
        counts = dict(
            conn.execute(
                text(
                    "SELECT r.status, count(*) FROM registrations r JOIN events e "
                    "ON e.id = r.event_id WHERE e.slug = 'capped' GROUP BY r.status"
                )
            ).all()
        )
    engine.dispose()
    assert counts == {"confirmed": CAPACITY, "waitlisted": PEOPLE - CAPACITY}


def test_both_servers_give_the_same_feed_etag_and_honour_each_others(stack: Stack):
    first, second = (_get(port, "/calendar.ics") for port in stack.ports)
    assert first.status == second.status == 200
    assert first.getheader("ETag") and first.getheader("ETag") == second.getheader("ETag")
    assert first.body == second.body and first.body.count(b"BEGIN:VEVENT") >= 4
    for port, other in ((stack.ports[1], first), (stack.ports[0], second)):
        again = _get(port, "/calendar.ics", {"If-None-Match": other.getheader("ETag")})
        assert again.status == 304
        assert again.getheader("ETag") == other.getheader("ETag")


def test_a_page_stored_by_one_server_is_served_by_the_other_until_either_changes_it(
    stack: Stack,
):
    first, second = stack.ports
    path = "/events/capped/"
    stored = _get(first, path)
    served = _get(second, path)
    assert stored.status == served.status == 200
    assert served.getheader("X-Page-Cache") == "hit" and served.body == stored.body
    cookie, token = _form(second, "/events/capped/register")
    fields = {
        "csrf_token": token,
        "name": "Late Comer",
        "email": "late.comer@example.org",
        "category": "participant",
        "consent": "y",
    }
    assert _post(second, "/events/capped/register", cookie, fields) == 303
    assert _get(first, path).getheader("X-Page-Cache") == "miss"


def _start_badge_batch(port: int) -> tuple[str, str]:
    """Log in as the printer on ``port`` and ask for every badge of the big event: (session
    cookie, the batch's progress path)."""
    cookie, token = _form(port, "/manage/login")
    fields = {"csrf_token": token, "email": "printer@example.org", "password": PASSWORD}
    login = _post_response(port, "/manage/login", cookie, fields)
    assert login.status == 302
    # The session cookie (a login also sets the known-device cookie of the login limits).
    cookies = [c.split(";", 1)[0] for c in login.msg.get_all("Set-Cookie")]
    cookie = next(c for c in cookies if c.startswith("session="))
    page = _get(port, "/manage/events/badged/badges", {"Cookie": cookie})
    fields = {
        "csrf_token": TOKEN.search(page.body.decode()).group(1),
        "layout": "a6x4",
        "sort": "last_name",
    }
    started = _post_response(port, "/manage/events/badged/badges.pdf", cookie, fields)
    assert started.status == 303
    job = urlsplit(started.getheader("Location")).path
    assert "/badges/jobs/" in job
    return cookie, job


def _assert_batch_delivered(port: int, cookie: str, job: str) -> None:
    """The batch finishes (polled on ``port``) and its PDF downloads there."""
    deadline = time.monotonic() + 120
    status = json.loads(_get(port, job + ".json", {"Cookie": cookie}).body)
    while status["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        status = json.loads(_get(port, job + ".json", {"Cookie": cookie}).body)
    assert status["status"] == "done" and status["done"] == BADGES
    pdf = _get(port, urlsplit(status["download_url"]).path, {"Cookie": cookie})
    assert pdf.status == 200 and pdf.getheader("Content-Type") == "application/pdf"
    assert pdf.body.startswith(b"%PDF")


def test_a_badge_batch_started_on_one_server_is_followed_and_downloaded_on_the_other(
    stack: Stack,
):
    first, second = stack.ports
    cookie, job = _start_badge_batch(first)
    _assert_batch_delivered(second, cookie, job)


def test_a_badge_batch_is_finished_when_the_worker_that_started_it_is_replaced(
    stack: Stack, tmp_path: Path
):
    """gunicorn replaces a worker after ``--max-requests`` (and on every restart): here each
    worker answers one request, so the one that starts the batch exits right after answering.
    Its exit waits for the batch; the next worker serves the finished PDF."""
    port = free_port()
    env = {**stack.env, "EVENTAPP_INSTANCE_PATH": str(tmp_path)}
    server = start_gunicorn(
        "wsgi:app", port, env, 1, 1, "/healthz", options=("--max-requests", "1")
    )
    try:
        cookie, job = _start_badge_batch(port)
        _assert_batch_delivered(port, cookie, job)
    finally:
        stop(server)
