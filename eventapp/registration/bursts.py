"""Bursts of registrations: many made within a minute are what a script leaves, not people.

A person takes a minute or more to fill in the form; even a lecture hall told "register now"
spreads over minutes. Ten or more in one minute for one event are marked on the organiser's
page, where they can be removed in one action (``services.remove_registrations``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from eventapp.registration.models import Registration

BURST_WINDOW = timedelta(minutes=1)
BURST_SIZE = 10


def burst_ids(registrations: Iterable[Registration]) -> set[int]:
    """Ids of the registrations made in a burst: ``BURST_SIZE`` or more within
    ``BURST_WINDOW`` of each other."""
    rows = sorted(registrations, key=lambda r: (r.created_at, r.id))
    marked: set[int] = set()
    start = 0
    for end, row in enumerate(rows):
        while row.created_at - rows[start].created_at > BURST_WINDOW:
            start += 1
        if end - start + 1 >= BURST_SIZE:
            marked.update(r.id for r in rows[start : end + 1])
    return marked
