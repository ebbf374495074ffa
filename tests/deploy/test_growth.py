"""Cost grows with what a page shows, never with what is stored: the SQL statements of the
event page, the feeds and the registrations CSV are the same on a campus ten times as large
(and the big event's CSV lists ten times as many people with the same statements).

Timing is in ``python -m bench.growth``; this pins the deterministic part.
"""

from __future__ import annotations

import pytest

from bench.growth import PAGES, Scale, load, wipe
from tests.conftest import login


def _counts(app, client, count_queries, scale: Scale) -> dict[str, tuple[int, int]]:
    """(statements, bytes) of every growth page on a fresh campus at ``scale``."""
    from eventapp.auth.models import User
    from eventapp.calendar.http import etags
    from eventapp.extensions import db

    wipe()
    admin_id = load(scale)
    login(client, db.session.get(User, admin_id))
    db.session.remove()
    counts = {}
    for name, path in PAGES:
        etags.clear()
        with count_queries() as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = (queries.count, len(response.get_data()))
    return counts


@pytest.mark.deploy
def test_query_counts_are_the_same_on_a_campus_ten_times_larger(app, client, count_queries):
    small = _counts(app, client, count_queries, Scale.of(1, base_events=3, big_extra=20))
    large = _counts(app, client, count_queries, Scale.of(10, base_events=3, big_extra=20))
    assert {name: q for name, (q, _) in large.items()} == {
        name: q for name, (q, _) in small.items()
    }
    # what is shown: the site feed lists 10x the events, the big CSV 10x the people
    assert large["site feed, every event"][1] > 5 * small["site feed, every event"][1]
    assert large["CSV, big event"][1] > 5 * small["CSV, big event"][1]
    # what is only stored: the 200-session page stays within a few bytes (ids, counts)
    big_small, big_large = (
        small["event page, 200 sessions"][1],
        large["event page, 200 sessions"][1],
    )
    assert abs(big_large - big_small) < 0.02 * big_small
