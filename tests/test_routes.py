"""Every route of the application, whoever asks: the right answer, and nothing changed when the
answer is no.

``ROUTES`` names every endpoint with who may use it and the objects its URL is built from; a new
route fails ``test_every_route_is_listed`` until it is added here with its access rule. Then each
route is requested (every method it takes):

- by an anonymous visitor: public pages answer, back-office ones send to the login page (the
  scanner API answers 401), and no request changes a row in any table;
- by an organiser of another organisation: 403 on everything KI's (its event, series, post,
  collaboration, organisation) and on the site administrator's pages, no row changed;
- by KI's organiser: every page answers 200, so the refusals above are not 404s of a wrong URL;
- with ids past the id columns' range or unknown slugs and codes: 404, never a database error.

Form posts go without a CSRF token (``csrf_off``), so what refuses them is the right, not CSRF.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from eventapp.auth.session_services import active_sessions, start_session
from eventapp.badges.tokens import create_api_token
from eventapp.blog.models import BlogPhoto
from eventapp.certificates.models import Certificate
from eventapp.core.params import MAX_ID
from eventapp.core.types import PostStatus
from eventapp.extensions import db as _db
from eventapp.feedback.models import Audience, QuestionKind
from eventapp.feedback.services import add_question, save_survey
from eventapp.materials.models import Licence, Material, MaterialKind, MaterialLink, Visibility
from tests.blog.conftest import make_post
from tests.builders import (
    make_event,
    make_organisation,
    make_person,
    make_registration,
    make_series,
    make_session,
    make_user,
    make_venue,
)
from tests.conftest import login
from tests.contributions.conftest import assign, make_call, make_reviewer, make_submission
from tests.directory.conftest import make_collaboration
from tests.manage.conftest import csrf_token
from tests.regforms.conftest import make_group, make_question

PUBLIC = "public"  # anyone
LOGIN = "login"  # any organiser
OWNED = "owned"  # KI's organiser (and site administrators), not KTH's
ADMIN = "admin"  # site administrators only
API = "api"  # as OWNED, but an anonymous request is answered 401 (JSON), not sent to log in
REVIEWER = "reviewer"  # the reviewer of KI's event the submission is assigned to, nobody else


@dataclass(frozen=True)
class Route:
    access: str
    values: dict[str, str]  # URL variable -> an entry of ``world`` (or a literal after "=")
    ok: int = 200  # what the owner's GET answers
    unknown: int = 404  # what a value that names nothing gets


def R(access: str, ok: int = 200, unknown: int = 404, **values: str) -> Route:  # noqa: N802
    return Route(access, values, ok, unknown)


EVENT = {"slug": "event_slug"}
ROUTES: dict[str, Route] = {
    # Public pages and feeds
    "static": R(PUBLIC, filename="=css/manage.css"),
    "core.healthz": R(PUBLIC),
    "core.favicon": R(PUBLIC),
    "core.media": R(PUBLIC, 404, filename="=nothing/here.jpg"),
    "events.home": R(PUBLIC),
    "events.event_list": R(PUBLIC),
    "events.event": R(PUBLIC, **EVENT),
    "events.preview": R(OWNED, **EVENT),
    "events.series": R(PUBLIC, slug="series_slug"),
    "calendar.site_feed": R(PUBLIC),
    "calendar.event_feed": R(PUBLIC, **EVENT),
    "calendar.series_feed": R(PUBLIC, slug="series_slug"),
    "calendar.organisation_feed": R(PUBLIC, slug="org_slug"),
    "calendar.person_feed": R(PUBLIC, slug="person_slug"),
    "calendar.subscribe": R(PUBLIC),
    "directory.organisations": R(PUBLIC),
    "directory.organisation": R(PUBLIC, slug="org_slug"),
    "directory.person": R(PUBLIC, slug="person_slug"),
    "directory.collaborations": R(PUBLIC),
    "directory.collaboration": R(PUBLIC, slug="collaboration_slug"),
    "directory.collaborations_export": R(PUBLIC),
    "directory.collaborations_overview": R(PUBLIC),
    "blog.index": R(PUBLIC),
    "blog.post": R(PUBLIC, slug="post_slug"),
    "blog.feed": R(PUBLIC),
    "blog.feed_in_language": R(PUBLIC, lang="=sv"),
    "registration.register": R(PUBLIC, **EVENT),
    # The open data API and the programme for conference apps (public data only)
    "api.index": R(PUBLIC),
    "api.openapi": R(PUBLIC),
    "api.docs": R(PUBLIC),
    "api.series_list": R(PUBLIC),
    "api.one_series": R(PUBLIC, slug="series_slug"),
    "api.events": R(PUBLIC),
    "api.event": R(PUBLIC, **EVENT),
    "api.sessions": R(PUBLIC, **EVENT),
    "api.people": R(PUBLIC),
    "api.person": R(PUBLIC, slug="person_slug"),
    "api.organisations": R(PUBLIC),
    "api.organisation": R(PUBLIC, slug="org_slug"),
    "api.posts": R(PUBLIC),
    "api.post": R(PUBLIC, slug="post_slug"),
    "api.schedule_xml_export": R(PUBLIC, **EVENT),
    "api.schedule_json_export": R(PUBLIC, **EVENT),
    "api.embed_events": R(PUBLIC),
    "api.embed_series": R(PUBLIC, slug="series_slug"),
    "api.embed_organisation": R(PUBLIC, slug="org_slug"),
    "api.embed_event": R(PUBLIC, **EVENT),
    # A participant's own links (the secret is the key)
    "registration.participant_page": R(PUBLIC, secret="secret"),
    "registration.cancel": R(PUBLIC, secret="secret"),
    "registration.erase": R(PUBLIC, secret="secret"),
    "registration.change_sessions": R(PUBLIC, secret="secret"),
    "registration.change_details": R(PUBLIC, secret="secret"),
    "registration.confirm_address": R(PUBLIC, secret="secret"),
    # Off in the suite (TestConfig.ALTCHA): its own tests are tests/registration/test_proof.py
    "registration.proof_challenge": R(PUBLIC, ok=404),
    "calendar.registration_feed": R(PUBLIC, secret="secret"),
    "badges.participant_badge": R(PUBLIC, secret="secret"),
    "badges.participant_qr_png": R(PUBLIC, secret="secret"),
    "badges.participant_qr_svg": R(PUBLIC, secret="secret"),
    "badges.badge_code": R(PUBLIC, code="code"),  # the event's name only, unless one manages it
    # Accounts
    "auth.login": R(PUBLIC),
    "auth.request_reset": R(PUBLIC),
    # A link that no longer works: back to where a new one is asked for, with the reason
    "auth.reset_password": R(PUBLIC, 302, 302, token="=not-a-reset-token"),
    "auth.accept_invitation": R(PUBLIC, 302, 302, token="=not-an-invitation"),
    "auth.logout": R(LOGIN),
    "auth.account": R(LOGIN),
    "auth.end_session": R(OWNED, session_id="login_session_id"),
    "auth.end_other_sessions": R(LOGIN),
    "auth.users": R(ADMIN),
    "auth.edit_user": R(ADMIN, user_id="ki_user_id"),
    # The back office: shared directories and lists
    "manage.overview_page": R(LOGIN),
    "manage.events": R(LOGIN),
    "manage.new_event": R(LOGIN),
    "manage.series_list": R(LOGIN),
    "manage.edit_series": R(OWNED, ident="series_id"),
    "manage.organisations": R(LOGIN),
    "manage.edit_organisation": R(OWNED, ident="org_id"),
    "manage.people": R(LOGIN),
    "manage.edit_person": R(LOGIN, ident="person_id"),
    "manage.venues": R(LOGIN),
    "manage.edit_venue": R(LOGIN, ident="venue_id"),
    "manage.add_room": R(LOGIN, ident="venue_id"),
    "manage.edit_room": R(LOGIN, ident="room_id"),
    "directory.manage_collaborations": R(LOGIN),
    "directory.manage_collaboration_new": R(LOGIN),
    "directory.manage_collaboration_edit": R(OWNED, slug="collaboration_slug"),
    "directory.manage_collaboration_end": R(OWNED, slug="collaboration_slug"),
    "blog.manage_list": R(LOGIN),
    "blog.manage_new": R(LOGIN),
    "blog.manage_preview": R(LOGIN),
    "blog.manage_edit": R(OWNED, post_id="post_id"),
    "blog.manage_add_photo": R(OWNED, post_id="post_id"),
    "blog.manage_caption": R(OWNED, post_id="post_id", photo_id="photo_id"),
    "blog.manage_remove_photo": R(OWNED, post_id="post_id", photo_id="photo_id"),
    "blog.manage_refresh_facts": R(OWNED, post_id="post_id"),
    # One event's back office
    "manage.event": R(OWNED, **EVENT),
    "manage.edit_event": R(OWNED, **EVENT),
    "manage.publish": R(OWNED, **EVENT),
    "manage.unpublish": R(OWNED, **EVENT),
    "manage.archive": R(OWNED, **EVENT),
    "manage.cancel": R(OWNED, **EVENT),
    "manage.clone": R(OWNED, **EVENT),
    "manage.timetable_page": R(OWNED, **EVENT),
    "manage.new_session": R(OWNED, **EVENT),
    "manage.edit_session": R(OWNED, session_id="session_id", **EVENT),
    "manage.move_session": R(OWNED, session_id="session_id", **EVENT),
    "manage.cancel_session": R(OWNED, session_id="session_id", **EVENT),
    "manage.reinstate_session": R(OWNED, session_id="session_id", **EVENT),
    "manage.delete_session": R(OWNED, session_id="session_id", **EVENT),
    "grid.move": R(OWNED, **EVENT),
    "grid.place": R(OWNED, **EVENT),
    "grid.undo": R(OWNED, **EVENT),
    "grid.public": R(OWNED, **EVENT),
    "blog.write_story": R(OWNED, **EVENT),
    "registration.manage_list": R(OWNED, **EVENT),
    "registration.manage_csv": R(OWNED, **EVENT),
    "registration.manage_xlsx": R(OWNED, **EVENT),
    "registration.manage_add": R(OWNED, **EVENT),
    "messages.compose": R(OWNED, **EVENT),
    "messages.reminders": R(OWNED, **EVENT),
    "registration.manage_remove": R(OWNED, **EVENT),
    "registration.manage_action": R(
        OWNED, registration_id="registration_id", action="=cancel", **EVENT
    ),
    "regforms.manage_form": R(OWNED, **EVENT),
    "regforms.manage_new_question": R(OWNED, **EVENT),
    "regforms.manage_question": R(OWNED, question_id="question_id", **EVENT),
    "regforms.manage_delete_question": R(OWNED, question_id="question_id", **EVENT),
    "regforms.manage_move_question": R(OWNED, question_id="question_id", **EVENT),
    "regforms.manage_new_group": R(OWNED, **EVENT),
    "regforms.manage_group": R(OWNED, group_id="group_id", **EVENT),
    "regforms.manage_delete_group": R(OWNED, group_id="group_id", **EVENT),
    "badges.badges_page": R(OWNED, **EVENT),
    "badges.badges_pdf": R(OWNED, **EVENT),
    "badges.print_badges": R(OWNED, **EVENT),
    "badges.reissue_code": R(OWNED, **EVENT),
    "badges.badge_job": R(OWNED, 404, token="=AAAAAAAAAAAAAAAAAAAAAA", **EVENT),
    "badges.badge_job_status": R(OWNED, 404, token="=AAAAAAAAAAAAAAAAAAAAAA", **EVENT),
    "badges.badge_job_pdf": R(OWNED, 404, token="=AAAAAAAAAAAAAAAAAAAAAA", **EVENT),
    "badges.badge_code_checkin": R(OWNED, code="code"),
    "badges.checkin_screen": R(OWNED, **EVENT),
    "badges.checkin_scan": R(OWNED, **EVENT),
    "badges.checkin_person": R(OWNED, **EVENT),
    "badges.checkin_undo": R(OWNED, **EVENT),
    "badges.checkin_counts": R(API, **EVENT),
    "badges.checkin_search": R(API, **EVENT),
    "badges.create_token": R(OWNED, **EVENT),
    "badges.revoke_token": R(OWNED, token_id="token_id", **EVENT),
    # Calls for contributions: public pages, the submitter's private link, the organiser's
    # pages, and the reviewer's (who sees only what is assigned to them)
    "contributions.call_page": R(PUBLIC, **EVENT),
    "contributions.submit": R(PUBLIC, **EVENT),
    "contributions.accepted_page": R(PUBLIC, **EVENT),
    "contributions.abstracts_pdf": R(PUBLIC, **EVENT),
    "contributions.submission_page": R(PUBLIC, secret="submission_secret"),
    "contributions.edit_submission": R(PUBLIC, secret="submission_secret"),
    "contributions.withdraw": R(PUBLIC, secret="submission_secret"),
    "contributions.manage_call": R(OWNED, **EVENT),
    "contributions.manage_overview": R(OWNED, **EVENT),
    "contributions.manage_csv": R(OWNED, **EVENT),
    "contributions.manage_auto_assign": R(OWNED, **EVENT),
    "contributions.manage_remind": R(OWNED, **EVENT),
    "contributions.manage_release": R(OWNED, **EVENT),
    "contributions.manage_submission": R(OWNED, submission_id="submission_id", **EVENT),
    "contributions.manage_file": R(OWNED, 404, submission_id="submission_id", **EVENT),
    "contributions.manage_assign": R(OWNED, submission_id="submission_id", **EVENT),
    "contributions.manage_unassign": R(
        OWNED, submission_id="submission_id", review_id="review_id", **EVENT
    ),
    "contributions.manage_decide": R(OWNED, submission_id="submission_id", **EVENT),
    "contributions.manage_place": R(OWNED, submission_id="submission_id", **EVENT),
    "contributions.manage_reviewers": R(OWNED, **EVENT),
    "contributions.manage_remove_reviewer": R(OWNED, reviewer_id="reviewer_id", **EVENT),
    "contributions.reviewer_home": R(LOGIN),
    "contributions.reviewer_event": R(REVIEWER, **EVENT),
    "contributions.reviewer_csv": R(REVIEWER, **EVENT),
    "contributions.reviewer_submission": R(REVIEWER, submission_id="submission_id", **EVENT),
    "contributions.reviewer_file": R(REVIEWER, 404, submission_id="submission_id", **EVENT),
    "contributions.reviewer_message": R(REVIEWER, submission_id="submission_id", **EVENT),
    # After the event: feedback (the participant's survey page answers with why they may not)
    "feedback.participant_survey": R(PUBLIC, secret="secret"),
    "feedback.manage_survey": R(OWNED, **EVENT),
    "feedback.manage_add_question": R(OWNED, **EVENT),
    "feedback.manage_remove_question": R(OWNED, question_id="survey_question_id", **EVENT),
    "feedback.manage_results": R(OWNED, **EVENT),
    "feedback.manage_answers_csv": R(OWNED, **EVENT),
    "feedback.manage_send_followup": R(OWNED, **EVENT),
    # Certificates: the verification page is public; the world's registrant was not checked in
    "certificates.verify": R(PUBLIC, code="certificate_code"),
    "certificates.participant_certificate": R(PUBLIC, 404, secret="secret"),
    "certificates.manage_certificates": R(OWNED, **EVENT),
    "certificates.manage_issue": R(OWNED, **EVENT),
    "certificates.manage_certificates_pdf": R(OWNED, **EVENT),
    "certificates.manage_certificates_zip": R(OWNED, **EVENT),
    # The report to funders, per event and per series
    "reports.event_report_page": R(OWNED, **EVENT),
    "reports.event_report_csv": R(OWNED, **EVENT),
    "reports.event_report_pdf": R(OWNED, **EVENT),
    "reports.series_report_page": R(OWNED, series_id="series_id"),
    "reports.series_report_csv": R(OWNED, series_id="series_id"),
    "reports.series_report_pdf": R(OWNED, series_id="series_id"),
    # Materials (the world's is a link: its file routes answer 404), the speaker's private link
    "materials.public_file": R(PUBLIC, 404, material_id="material_id"),
    "materials.participant_file": R(PUBLIC, 404, secret="secret", material_id="material_id"),
    "materials.speaker_page": R(PUBLIC, secret="material_secret"),
    "materials.speaker_remove": R(PUBLIC, secret="material_secret", material_id="material_id"),
    "materials.manage_materials": R(OWNED, **EVENT),
    "materials.manage_remove": R(OWNED, material_id="material_id", **EVENT),
    "materials.manage_file": R(OWNED, 404, material_id="material_id", **EVENT),
    "materials.manage_speaker_link": R(OWNED, session_id="session_id", **EVENT),
}


@pytest.fixture
def world(db) -> dict[str, Any]:
    """KI's event with everything that hangs off it, KI's organiser and KTH's, by name."""
    ki_org = make_organisation("Karolinska Institutet", slug="ki")
    kth_org = make_organisation("KTH Royal Institute of Technology", slug="kth")
    ki = make_user("ki@example.org", organisations=[ki_org])
    kth = make_user("kth@example.org", organisations=[kth_org])
    series = make_series("NextGenNK seminars", organisations=[ki_org], slug="nextgennk")
    venue = make_venue("Biomedicum", rooms=("Aula", "Room 2"))
    person = make_person("Åsa Öberg", slug="asa-oberg")
    event = make_event("Cell therapy day", slug="cell-therapy", organisers=[ki_org], series=series)
    session = make_session(event, "Keynote", speakers=[person])
    registration = make_registration(event, "Jörg Müller", email="jorg@example.org")
    post = make_post("After the cell therapy day", event=event, status=PostStatus.PUBLISHED)
    photo = BlogPhoto(path="blog/none.jpg", caption="The room", position=0)
    post.photos.append(photo)
    collaboration = make_collaboration("KI–KTH agreement", responsible_unit_id=ki_org.id)
    db.session.flush()
    call = make_call(event)
    submission = make_submission(call, authors=[("Jörg Müller", "Uppsala")])
    reviewer = make_reviewer(event, "reviewer@example.org")
    other_reviewer = make_reviewer(event, "other-reviewer@example.org")
    review = assign(submission, reviewer)
    survey = save_survey(event, audience=Audience.CONFIRMED, closes_at=event.ends_at)
    survey_question = add_question(survey, kind=QuestionKind.RATING, text="How was it?")
    attendee = make_registration(event, "Åsa Öberg", checked_in_at=event.starts_at)
    _db.session.flush()
    certificate = Certificate(
        event_id=event.id, registration_id=attendee.id, code="C" * 22, minutes=60
    )
    _db.session.add(certificate)
    material = Material(
        session_id=session.id, kind=MaterialKind.SLIDES, title="Slides", licence=Licence.CC_BY,
        url="https://example.org/slides", visibility=Visibility.PUBLIC,
    )  # fmt: skip
    _db.session.add(material)
    material_link = MaterialLink(session_id=session.id, secret="M" * 43)
    _db.session.add(material_link)
    token, _plain = create_api_token(ki, "door", [event])
    question = make_question(event, "Lunch", "single_choice", options=["Fish", "Vegetarian"])
    workshops = [make_session(event, f"Workshop {n}", selectable=True) for n in (1, 2)]
    group = make_group(event, "Parallel workshops", workshops)
    db.session.commit()
    start_session(ki, "KI's other browser")
    login_session = active_sessions(ki)[0]
    ki.login_token = None
    return dict(
        ki=ki,
        kth=kth,
        ki_user_id=ki.id,
        event_slug=event.slug,
        series_slug=series.slug,
        series_id=series.id,
        org_slug=ki_org.slug,
        org_id=ki_org.id,
        person_slug=person.slug,
        person_id=person.id,
        venue_id=venue.id,
        room_id=venue.rooms[0].id,
        collaboration_slug=collaboration.slug,
        post_slug=post.slug,
        post_id=post.id,
        photo_id=photo.id,
        session_id=session.id,
        registration_id=registration.id,
        secret=registration.secret,
        code=registration.checkin_code,
        token_id=token.id,
        login_session_id=login_session.id,
        submission_secret=submission.secret,
        submission_id=submission.id,
        review_id=review.id,
        reviewer_id=reviewer.id,
        question_id=question.id,
        group_id=group.id,
        reviewer=reviewer.user,
        other_reviewer=other_reviewer.user,
        survey_question_id=survey_question.id,
        certificate_code=certificate.code,
        material_id=material.id,
        material_secret=material_link.secret,
    )


def _rules(app) -> dict[str, Any]:
    return {rule.endpoint: rule for rule in app.url_map.iter_rules()}


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def _path(app, endpoint: str, world: dict[str, Any], **replace: Any) -> str:
    """The URL of ``endpoint`` built from ``world`` (``replace`` overrides some variables)."""
    rule = _rules(app)[endpoint]
    values = {}
    for name, source in ROUTES[endpoint].values.items():
        values[name] = source[1:] if source.startswith("=") else world[source]
    values.update(replace)
    assert set(values) == set(rule.arguments), (endpoint, values, rule.arguments)
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **values)


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (to show that a refused request changed nothing)."""
    _db.session.rollback()
    rows = {}
    for table in _db.metadata.sorted_tables:
        result = _db.session.execute(select(table).order_by(*table.primary_key.columns))
        rows[table.name] = [tuple(row) for row in result]
    _db.session.rollback()
    return rows


# What a form post carries: enough for most forms to pass validation if nothing else stopped them.
FIELDS = {
    "title": "Hijacked",
    "name": "Hijacked",
    "email": "intruder@example.org",
    "confirm": "y",
    "consent": "y",
    "category": "participant",
    "starts_on": "2030-01-01",
    "code": "whatever",
    "registration_id": "1",
    "q": "Jörg",
}


def _request(client, method: str, path: str, data: dict | None = None):
    """GET, or POST ``data`` (``FIELDS`` unless given); the response is read and closed (files
    are sent as streams)."""
    response = client.get(path) if method == "GET" else client.post(path, data=data or FIELDS)
    response.get_data()
    response.close()
    return response


def test_every_route_is_listed(app):
    assert sorted(set(_rules(app)) - set(ROUTES)) == [], "add the new routes to ROUTES"
    assert sorted(set(ROUTES) - set(_rules(app))) == [], "remove routes that are gone"


def test_anonymous_visitors_see_public_pages_and_are_sent_to_log_in_for_the_rest(
    app, client, world, csrf_off
):
    before = _snapshot()
    for endpoint, route in ROUTES.items():
        path = _path(app, endpoint, world)
        for method in _methods(_rules(app)[endpoint]):
            if route.access == PUBLIC and method == "POST":
                continue  # a registration, a participant's cancellation: their own tests
            response = _request(client, method, path)
            where = (endpoint, method, response.status_code)
            if route.access == PUBLIC:
                assert response.status_code == route.ok, where
            elif route.access == API and method == "GET":
                assert response.status_code == 401 and response.is_json, where
            else:
                assert response.status_code == 302, where
                assert "/manage/login" in response.headers["Location"], where
    assert _snapshot() == before


@pytest.mark.parametrize("access", [OWNED, API, ADMIN, REVIEWER])
def test_organisers_of_another_organisation_are_refused_and_change_nothing(
    app, client, world, csrf_off, access
):
    login(client, world["kth"])
    before = _snapshot()
    checked = 0
    for endpoint, route in ROUTES.items():
        if route.access != access:
            continue
        path = _path(app, endpoint, world)
        for method in _methods(_rules(app)[endpoint]):
            response = _request(client, method, path)
            assert response.status_code == 403, (endpoint, method, response.status_code)
            checked += 1
    assert checked >= {OWNED: 50, API: 2, ADMIN: 4, REVIEWER: 5}[access]
    assert _snapshot() == before


def test_every_page_answers_its_owner(app, client, world):
    login(client, world["ki"])
    for endpoint, route in ROUTES.items():
        if "GET" not in _rules(app)[endpoint].methods or route.access not in (LOGIN, OWNED, API):
            continue
        response = _request(client, "GET", _path(app, endpoint, world))
        assert response.status_code == route.ok, (endpoint, response.status_code)


def test_the_reviewer_reaches_the_review_pages_of_what_is_assigned_to_them(app, client, world):
    login(client, world["reviewer"])
    for endpoint, route in ROUTES.items():
        if route.access == REVIEWER and "GET" in _rules(app)[endpoint].methods:
            response = _request(client, "GET", _path(app, endpoint, world))
            assert response.status_code == route.ok, (endpoint, response.status_code)


#: Pages any login reaches: its own account, and the list of what it reviews.
ACCOUNT_PAGES = ("auth.", "contributions.reviewer_home")


def test_a_reviewer_sees_nothing_else_of_the_back_office_and_changes_nothing(
    app, client, world, csrf_off
):
    """A reviewer acts for no organisation: every organiser and administrator page is 403
    (its overview sends it to its reviews), and another reviewer of the same event is refused
    the submission assigned to the first (404, as if it did not exist)."""
    login(client, world["reviewer"])
    before = _snapshot()
    for endpoint, route in ROUTES.items():
        if route.access not in (LOGIN, OWNED, API, ADMIN) or endpoint.startswith(ACCOUNT_PAGES):
            continue
        for method in _methods(_rules(app)[endpoint]):
            response = _request(client, method, _path(app, endpoint, world))
            if endpoint == "manage.overview_page":
                assert response.headers["Location"].endswith("/manage/reviews/"), endpoint
            else:
                assert response.status_code in (401, 403), (endpoint, method, response.status_code)
    assert _snapshot() == before
    login(client, world["other_reviewer"])
    before = _snapshot()
    for endpoint, route in ROUTES.items():
        if route.access == REVIEWER and "submission_id" in route.values:
            for method in _methods(_rules(app)[endpoint]):
                response = _request(client, method, _path(app, endpoint, world))
                assert response.status_code == 404, (endpoint, method, response.status_code)
    assert _snapshot() == before


def test_the_site_administrator_reaches_the_administrators_pages(app, client, world):
    login(client, make_user("admin@example.org", site_admin=True))
    _db.session.commit()
    for endpoint, route in ROUTES.items():
        if route.access == ADMIN:
            assert _request(client, "GET", _path(app, endpoint, world)).status_code == 200


OUT_OF_RANGE = ["0", str(MAX_ID + 1), "1" + "0" * 30]
UNKNOWN_TEXT = ["no-such-thing", "x" * 300, "Åsa Öberg", "..%2F..%2Fetc", "%00"]
MARKERS = {"int": "987654321", "text": "zz-marker-zz"}


def _junk_paths(app, endpoint: str, world: dict[str, Any]) -> list[tuple[str, str]]:
    """(variable, URL) with each variable of ``endpoint``'s URL in turn replaced by an id the
    columns cannot hold (an ``<int:…>``) or by text that names nothing."""
    rule = _rules(app)[endpoint]
    paths = []
    for name in sorted(rule.arguments):
        numeric = isinstance(rule._converters[name], IntegerConverter)
        marker = MARKERS["int" if numeric else "text"]
        path = _path(app, endpoint, world, **{name: marker})
        assert path.count(marker) == 1, (endpoint, path)
        for value in OUT_OF_RANGE if numeric else UNKNOWN_TEXT:
            paths.append((name, path.replace(marker, value)))
    return paths


def test_unknown_and_out_of_range_values_are_404_never_an_error(app, client, world, csrf_off):
    """As a site administrator (so no right answers first), with every method: 404 for all."""
    login(client, make_user("admin@example.org", site_admin=True))
    _db.session.commit()
    before = _snapshot()
    for endpoint, rule in _rules(app).items():
        for name, path in _junk_paths(app, endpoint, world):
            for method in _methods(rule):
                response = _request(client, method, path)
                expected = {ROUTES[endpoint].unknown, 404}  # 404: a "/" matches no route
                assert response.status_code in expected, (endpoint, name, path[:80], method,
                                                     response.status_code)  # fmt: skip
    assert _snapshot() == before


# Every query-string argument a view or filter form reads, and values no filter expects.
ARGUMENTS = (
    "q", "page", "status", "category", "registration", "lang", "language", "series", "event",
    "organisation", "party", "unit", "kind", "session", "download", "next", "layout", "sort",
    "only_unprinted", "mark_printed",
)  # fmt: skip
ODD_VALUES = ["²", "٣", "%00", "-1", "1e9", str(10**30), "x" * 5000, "%C3%28", "' OR 1=1 --"]


@pytest.mark.parametrize("who", ["anonymous", "administrator"])
def test_odd_query_strings_are_ignored_or_refused_never_an_error(app, client, world, who):
    """Each page with every argument set to digits that ``int()`` refuses, a NUL byte
    (PostgreSQL refuses it in text), numbers past any column, invalid UTF-8, 5,000 characters:
    answered (a page, a redirect, 400 or 404), never a 500; nothing changes."""
    if who == "administrator":
        login(client, make_user("admin@example.org", site_admin=True))
        _db.session.commit()
    before = _snapshot()
    for endpoint, rule in _rules(app).items():
        if "GET" not in rule.methods or endpoint in ("static", "core.media", "auth.logout"):
            continue
        path = _path(app, endpoint, world)
        for value in ODD_VALUES:
            response = _request(
                client, "GET", path + "?" + "&".join(f"{a}={value}" for a in ARGUMENTS)
            )
            assert response.status_code < 500, (endpoint, value[:20], response.status_code)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["anonymous", "administrator"])
def test_a_nul_in_any_form_field_or_json_is_refused_and_changes_nothing(
    app, client, world, csrf_off, who
):
    """PostgreSQL cannot store a NUL in text: every POST carrying one in a JSON string or the
    query string is answered 400 before any view reads it; one in a form field is taken out
    and every form refuses to validate (a registration, a login, an event form, a button)."""
    if who == "administrator":
        login(client, make_user("admin@example.org", site_admin=True))
        _db.session.commit()
    before = _snapshot()
    fields = {**FIELDS, "name": "Jörg\x00Müller"}
    for endpoint, rule in _rules(app).items():
        if "POST" not in rule.methods:
            continue
        path = _path(app, endpoint, world)
        if endpoint != "auth.logout":  # reads no field: it would log out (and change the rows)
            response = client.post(path, data=fields)
            assert response.status_code < 500, (endpoint, response.status_code)
            assert "forbidden character" not in response.get_data(as_text=True), endpoint
        for response in (
            client.post(path, json={"code": world["code"], "notes": ["\x00"]}),
            client.post(path + "?q=%00", data={}),
        ):
            assert response.status_code == 400, (endpoint, response.status_code)
            assert "forbidden character" in response.get_data(as_text=True), endpoint
    assert _snapshot() == before


def _form_field_names() -> list[str]:
    """The name of every field of every form in the application (and of its first subform)."""
    from flask_wtf import FlaskForm
    from wtforms.fields.core import UnboundField

    names: set[str] = set()
    forms = list(FlaskForm.__subclasses__())
    while forms:
        form = forms.pop()
        forms.extend(form.__subclasses__())
        for name, value in vars(form).items():
            if isinstance(value, UnboundField):
                names.add(name)
                for sub in ("0-organisation", "0-role", "0-person", "0-session"):
                    names.add(f"{name}-{sub}")
    return sorted(names)


JUNK_FORMS = [
    {},
    {"*": "x" * 20_000},
    {"*": "²"},
    {"*": "-1"},
    {"*": str(10**30)},
    {"*": ["1", "2", "abc"]},
    {"*": "9999-12-31T23:59"},
    {"*": "<script>alert(1)</script>"},
]


def test_no_form_post_to_any_route_is_a_server_error(app, client, world):
    """Every POST route, as a site administrator (no right stops it first), with a valid CSRF
    token and every field name of every form at once set to junk: answered (a page with
    errors, a redirect, 4xx), never a 500."""
    login(client, make_user("admin@example.org", site_admin=True))
    _db.session.commit()
    token = csrf_token(client.get("/manage/account").get_data(as_text=True))
    names = _form_field_names()
    assert len(names) > 60
    for junk in JUNK_FORMS:
        data = {name: junk["*"] for name in names} if junk else {}
        data["csrf_token"] = token
        for endpoint, rule in _rules(app).items():
            if "POST" not in rule.methods or endpoint == "auth.logout":
                continue
            response = _request(client, "POST", _path(app, endpoint, world), data)
            assert response.status_code < 500, (endpoint, str(junk)[:30], response.status_code)
    _db.session.rollback()
