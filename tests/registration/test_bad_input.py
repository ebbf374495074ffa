"""Bad input: a clear message or status, nothing stored, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventapp.extensions import db
from tests.builders import make_session
from tests.helpers.forms import form_values
from tests.registration.conftest import form_data, outbox, register, registrations


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"name": "   "}, "This field is required."),
        ({"email": "not-an-address"}, "Invalid email address."),
        ({"email": "carin@@example.org"}, "Invalid email address."),
        ({"email": "a" * 250 + "@example.org"}, "Field cannot be longer than 254 characters."),
        ({"affiliation": "y" * 201}, "Field cannot be longer than 200 characters."),
        ({"dietary_needs": "z" * 501}, "Field cannot be longer than 500 characters."),
        ({"category": "exhibitor"}, "Not a valid choice."),
        ({"consent": None}, "Registration needs your consent."),
        ({"website": "http://spam.example"}, "This form looks automated; nothing was stored."),
    ],
)
def test_bad_field_rerenders_the_form_with_the_message_and_stores_nothing(
    client, event, overrides, message
):
    response = register(client, event, **overrides)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert registrations() == 0 and outbox() == []


def test_a_nul_pasted_into_a_field_reshows_the_form_with_what_was_typed(client, event):
    """A NUL (pasted from a PDF) once answered a bare 400 page, and the form was lost."""
    response = register(client, event, name="Åke\x00 Öberg", affiliation="Umeå universitet")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert form_values(html, "name")["name"] == ["Åke Öberg"]
    assert form_values(html, "name")["affiliation"] == ["Umeå universitet"]
    assert 'id="name-error">Use no control characters in this field' in html
    assert registrations() == 0 and outbox() == []


def test_unknown_session_is_refused(client, event):
    make_session(event, "Workshop", selectable=True)
    other = make_session(event, "Not selectable")
    db.session.commit()
    response = register(client, event, sessions=[str(other.id)])
    assert response.status_code == 422
    assert "not a valid choice" in response.get_data(as_text=True)
    assert registrations() == 0


def test_missing_csrf_token_is_refused(client, event):
    response = client.post("/events/cis-2026/register", data=form_data())
    assert response.status_code == 400
    assert "The form expired" in response.get_data(as_text=True)
    assert registrations() == 0


def test_wrong_secret_is_404(client, event):
    for url in ["/r/nope/", "/r/" + "a" * 43 + "/", "/r/" + "b" * 300 + "/", "/r/x/cancel"]:
        assert client.get(url).status_code == 404


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "name": text,
            "email": st.one_of(text, st.emails()),
            "affiliation": text,
            "category": st.one_of(text, st.sampled_from(["participant", "speaker", "press"])),
            "sessions": st.lists(st.one_of(text, st.integers().map(str)), max_size=3),
            "dietary_needs": text,
            "accessibility_needs": text,
            "consent": st.sampled_from(["y", "", "no", "\x00"]),
            "website": text,
        },
    )
)
def test_no_form_input_yields_a_server_error(csrf_off, event, fields):
    client = csrf_off.test_client()
    response = client.post("/events/cis-2026/register", data=fields)
    assert response.status_code in {303, 200, 400, 409, 422}, response.status_code
