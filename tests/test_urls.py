"""Absolute links name their endpoint and land on the configured host, in a request or not."""

from __future__ import annotations

from flask import url_for

from eventapp.core.urls import external_url


def test_external_url_outside_a_request_matches_the_page_link(make_app):
    app = make_app(BASE_URL="https://events.example.org/campus")
    with app.app_context():  # the mail worker and the CLI have no request
        outside = external_url("registration.participant_page", secret="abc")
    with app.test_request_context("/", base_url="https://events.example.org/campus"):
        inside = url_for("registration.participant_page", secret="abc", _external=True)
    assert outside == inside == "https://events.example.org/campus/r/abc/"


def test_external_url_follows_a_changed_base_url(make_app):
    app = make_app(BASE_URL="http://127.0.0.1:5601")
    with app.app_context():
        assert external_url("events.event", slug="x") == "http://127.0.0.1:5601/events/x/"
        app.config["BASE_URL"] = "https://events.example.org"
        assert external_url("events.event", slug="x") == "https://events.example.org/events/x/"


def test_slugs_of_titles_with_markup_or_entities_read_like_the_title():
    from eventapp.core.slugs import slug_from

    assert slug_from("<i>Öppet</i> hus &amp; mingel") == "oppet-hus-mingel"
    assert slug_from("1 < 2 > 0") == "1-2-0"
