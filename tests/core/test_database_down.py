"""While the database is down, people get a 503 "try again in a minute" page in their language
(with Retry-After), not a bare 500; /healthz says what is down."""

from __future__ import annotations

import pytest

from bench.common import free_port
from eventapp import config as app_config
from eventapp import create_app
from eventapp.extensions import db


@pytest.fixture
def dead_database_app(tmp_path):
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/eventapp?connect_timeout=2"
    app = create_app(
        app_config.TestConfig(url, INSTANCE_PATH=tmp_path, UPLOAD_FOLDER=tmp_path / "uploads")
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/", "/events/", "/events/some-event/", "/blog/"])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(dead_database_app, path):
    response = dead_database_app.test_client().get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "Please try again in a minute." in response.get_data(as_text=True)


def test_the_503_page_is_in_the_readers_language(dead_database_app):
    response = dead_database_app.test_client().get("/events/?lang=sv")
    assert response.status_code == 503
    assert "Försök igen om en minut." in response.get_data(as_text=True)


def test_api_clients_get_the_503_as_json(dead_database_app):
    response = dead_database_app.test_client().get("/", headers={"Accept": "application/json"})
    assert response.status_code == 503 and response.get_json()["status"] == 503


def test_healthz_names_what_is_down(make_app, dead_database_app):
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    dead_database_app.config["REDIS_URL"] = dead_redis
    answer = dead_database_app.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.get_json()["database"] == "down" and answer.get_json()["redis"] == "down"
    healthy = make_app(REDIS_URL="redis://127.0.0.1:6379/0").test_client().get("/healthz")
    assert healthy.status_code == 200
    assert healthy.get_json() == {"status": "ok", "database": "ok", "redis": "ok"}
    only_redis = make_app(REDIS_URL=dead_redis).test_client().get("/healthz")
    assert only_redis.status_code == 200  # the site works without Redis, more slowly
    assert only_redis.get_json() == {"status": "degraded", "database": "ok", "redis": "down"}
