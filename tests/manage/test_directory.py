"""Organisations, people (checked photo uploads), venues and rooms, series with cadence."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from eventapp.directory.models import Organisation, Person
from eventapp.events.models import EventSeries, Room
from tests.builders import make_organisation, make_person, make_user, make_venue
from tests.conftest import login
from tests.manage.conftest import post_form


def _png(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _people(db) -> int:
    return db.session.execute(select(func.count()).select_from(Person)).scalar_one()


def test_person_with_photo_is_saved_and_the_photo_stored_in_the_upload_folder(ki_client, db, app):
    response = post_form(
        ki_client,
        "/manage/people/new",
        {"name": "Lena Holm", "title": "Prof.", "photo": (io.BytesIO(_png()), "me.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    person = db.session.execute(select(Person)).scalar_one()
    assert person.slug == "lena-holm" and person.photo_path.startswith("people/")
    assert "me.png" not in person.photo_path
    stored = app.config["UPLOAD_FOLDER"] / person.photo_path
    with Image.open(stored) as image:
        assert image.size == (40, 30)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"%PDF-1.4 not an image", "The file is not an image we can read."),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "The file is not an image we can read."),
    ],
)
def test_photo_that_is_not_an_image_is_refused_on_the_field(ki_client, db, payload, message):
    response = post_form(
        ki_client,
        "/manage/people/new",
        {"name": "Lena Holm", "photo": (io.BytesIO(payload), "me.png")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<p class="error" id="photo-error">{message}</p>' in page
    assert _people(db) == 0


def test_photo_over_the_size_limit_is_refused_on_the_field(make_app, db, ki):
    app = make_app(MAX_UPLOAD_BYTES=2000)
    client = app.test_client()
    with app.app_context():
        login(client, ki.user)
        big = _png((400, 400)) + b"\0" * 3000
        response = post_form(
            client,
            "/manage/people/new",
            {"name": "Big Photo", "photo": (io.BytesIO(big), "big.png")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 200
        assert "The file is larger than" in response.get_data(as_text=True)
        assert _people(db) == 0


def test_duplicate_person_slug_is_refused_on_the_field(ki_client, db):
    make_person("Someone", slug="lena-holm")
    db.session.commit()
    page = post_form(ki_client, "/manage/people/new", {"name": "Lena", "slug": "lena-holm"})
    assert "This address is already used." in page.get_data(as_text=True)
    assert _people(db) == 1


def test_site_admin_creates_an_organisation_with_parent_and_logo(client, db):
    admin = make_user("root@example.org", site_admin=True)
    huddinge = make_organisation("Huddinge kommun", kind="municipality")
    db.session.commit()
    login(client, admin)
    response = post_form(
        client,
        "/manage/organisations/new",
        {
            "name": "Huddinge Näringslivsavdelning",
            "short_name": "HNA",
            "kind": "department",
            "parent_id": str(huddinge.id),
            "website": "https://www.huddinge.se",
            "logo": (io.BytesIO(_png()), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    unit = db.session.execute(
        select(Organisation).where(Organisation.short_name == "HNA")
    ).scalar_one()
    assert unit.parent_id == huddinge.id and unit.kind.value == "department"
    assert unit.slug == "huddinge-naringslivsavdelning" and unit.logo_path.startswith("logos/")
    # A cycle (the municipality under its own department) is refused on the field.
    page = post_form(
        client,
        f"/manage/organisations/{huddinge.id}",
        {"name": "Huddinge kommun", "kind": "municipality", "parent_id": str(unit.id)},
    ).get_data(as_text=True)
    assert "An organisation cannot be under itself." in page
    db.session.expire_all()
    assert huddinge.parent_id is None


def test_organiser_edits_their_own_organisation(ki_client, db, ki):
    response = post_form(
        ki_client,
        f"/manage/organisations/{ki.organisation.id}",
        {"name": "Karolinska Institutet", "short_name": "KI", "kind": "university",
         "description": "A medical university."},
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True).split('class="error"')[1:]
    db.session.refresh(ki.organisation)
    assert ki.organisation.description == "A medical university."


def test_venue_and_its_rooms(ki_client, db):
    response = post_form(
        ki_client, "/manage/venues/new", {"name": "Alfred Nobels Allé 8", "city": "Huddinge"}
    )
    assert response.status_code == 302
    venue_url = response.headers["Location"]
    token_page = ki_client.get(venue_url).get_data(as_text=True)
    from tests.manage.conftest import csrf_token

    rooms_url = venue_url + "/rooms"
    data = {"csrf_token": csrf_token(token_page), "room-name": "Aula", "room-capacity": "300"}
    assert ki_client.post(rooms_url, data=data).status_code == 302
    again = ki_client.post(rooms_url, data=data)
    assert "This venue already has a room with that name." in again.get_data(as_text=True)
    rooms = db.session.execute(select(Room)).scalars().all()
    assert [(r.name, r.capacity) for r in rooms] == [("Aula", 300)]


@pytest.mark.parametrize(
    ("rule", "ok"),
    [
        ("FREQ=YEARLY;INTERVAL=2", True),
        ("RRULE:FREQ=MONTHLY;BYDAY=2TU", True),
        ("", True),
        ("every other year", False),
        ("FREQ=SOMETIMES", False),
        ("FREQ=WEEKLY;BYDAY=XX", False),
    ],
)
def test_series_cadence_rule_is_validated(ki_client, db, ki, rule, ok):
    response = post_form(
        ki_client,
        "/manage/series/new",
        {"name": "Workshop series", "cadence_rrule": rule, "cadence_text": "monthly",
         "organisations": [str(ki.organisation.id)]},
    )  # fmt: skip
    series = db.session.execute(select(EventSeries)).scalar_one_or_none()
    if ok:
        assert response.status_code == 302 and series is not None
        assert series.cadence_rrule == (rule.removeprefix("RRULE:") or None)
        assert series.organisations == [ki.organisation]
    else:
        assert "Not a valid RRULE" in response.get_data(as_text=True)
        assert series is None


def test_series_must_be_run_by_one_of_the_users_organisations(ki_client, db, kth):
    page = post_form(
        ki_client,
        "/manage/series/new",
        {"name": "Not ours", "organisations": [str(kth.organisation.id)]},
    ).get_data(as_text=True)
    assert "One of your organisations must run the series." in page
    assert db.session.execute(select(EventSeries)).first() is None


def test_directory_lists_render(ki_client, db):
    make_venue("Somewhere")
    make_person("Someone")
    db.session.commit()
    for url in ("/manage/people/", "/manage/venues/", "/manage/organisations/", "/manage/series/"):
        assert ki_client.get(url).status_code == 200
