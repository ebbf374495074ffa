"""Session groups: "choose one of these three parallel workshops" holds at registration and on
every later change, with a clear message in the participant's language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.regforms import group_services, services
from eventapp.registration import services as registration
from eventapp.registration.errors import InvalidChoice
from eventapp.registration.models import Registration, RegistrationChoice
from tests.builders import make_event, make_session
from tests.helpers.forms import submit
from tests.registration.conftest import register


def _data(session_ids, email="ada@example.org"):
    return registration.RegistrationData(name="Ada", email=email, session_ids=session_ids)


def test_three_parallel_workshops_ticked_are_refused_and_nothing_is_booked(event, workshops):
    with pytest.raises(InvalidChoice, match="Choose at most 1 session of “Afternoon workshops”"):
        registration.register_participant(event, _data([s.id for s in workshops]))
    assert db.session.scalars(select(RegistrationChoice)).all() == []
    assert db.session.scalars(select(Registration)).all() == []


def test_one_workshop_of_the_group_is_booked(event, workshops):
    outcome = registration.register_participant(event, _data([workshops[1].id]))
    assert [c.session_id for c in outcome.registration.choices] == [workshops[1].id]


def test_a_group_of_two_of_three_takes_two(event, workshops):
    group = group_services.event_groups(event.id)[0]
    data = group_services.GroupData("Afternoon workshops", 2, [s.id for s in workshops])
    group_services.save_group(event, data, group)
    db.session.commit()
    outcome = registration.register_participant(event, _data([s.id for s in workshops[:2]]))
    assert len(outcome.registration.choices) == 2
    with pytest.raises(InvalidChoice, match="Choose at most 2 sessions"):
        registration.register_participant(event, _data([s.id for s in workshops], "b@example.org"))


def test_a_session_outside_the_group_goes_with_one_of_it(event, workshops):
    keynote_day = make_session(event, "Poster walk", selectable=True)
    db.session.commit()
    outcome = registration.register_participant(event, _data([keynote_day.id, workshops[0].id]))
    assert len(outcome.registration.choices) == 2


def test_changing_sessions_later_keeps_the_groups_maximum(event, workshops):
    outcome = registration.register_participant(event, _data([workshops[0].id]))
    with pytest.raises(InvalidChoice, match="Choose at most 1"):
        registration.change_sessions(outcome.registration, [workshops[0].id, workshops[2].id])
    db.session.expire_all()
    chosen = db.session.scalars(select(RegistrationChoice.session_id)).all()
    assert chosen == [workshops[0].id]
    registration.change_sessions(outcome.registration, [workshops[2].id])
    assert db.session.scalars(select(RegistrationChoice.session_id)).all() == [workshops[2].id]


def test_the_form_says_so_in_swedish_and_keeps_what_was_typed(client, event, workshops):
    client.get("/?lang=sv")
    response = register(client, event, name="Åke Öberg", sessions=[str(s.id) for s in workshops])
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Välj högst 1 programpunkt i ”Eftermiddagens workshoppar”." in page
    assert 'value="Åke Öberg"' in page
    assert db.session.scalars(select(Registration)).all() == []


def test_the_participant_page_refuses_a_second_workshop_with_the_message(client, event, workshops):
    outcome = registration.register_participant(event, _data([workshops[0].id]))
    url = f"/r/{outcome.secret}/"
    response = submit(client, url, sessions=[str(workshops[0].id), str(workshops[1].id)])
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Choose at most 1 session of “Afternoon workshops”." in page


def test_a_group_takes_only_the_events_own_sessions(event, workshops):
    other = make_event("Another event")
    foreign = make_session(other, "Not ours", selectable=True)
    data = group_services.GroupData("Mixed", 1, [workshops[0].id, foreign.id])
    with pytest.raises(services.InvalidFormRule):
        group_services.save_group(event, data)


def test_a_session_moved_to_a_new_group_leaves_its_old_one(event, workshops):
    extra = make_session(event, "Ethics lab", selectable=True)
    group_services.save_group(
        event, group_services.GroupData("Late", 1, [workshops[2].id, extra.id])
    )
    db.session.commit()
    groups = {
        g.name: {m.session_id for m in g.members} for g in group_services.event_groups(event.id)
    }
    assert groups == {
        "Afternoon workshops": {workshops[0].id, workshops[1].id},
        "Late": {workshops[2].id, extra.id},
    }


def test_the_group_check_costs_nothing_when_no_session_is_chosen(event, workshops, count_queries):
    event_id = event.id
    with count_queries() as queries:
        assert group_services.group_limit_exceeded(event_id, []) is None
    assert queries.count == 0


def test_the_form_and_the_participant_page_state_the_groups_maximum(client, event, workshops):
    rule = "“Afternoon workshops”: choose at most 1 session."
    assert rule in client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    outcome = registration.register_participant(event, _data([workshops[0].id]))
    assert rule in client.get(f"/r/{outcome.secret}/").get_data(as_text=True)
