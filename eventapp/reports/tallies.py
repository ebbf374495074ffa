"""Counting a registration into its event's erased tallies, just before it is erased."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.extensions import db
from eventapp.registration.models import Registration
from eventapp.reports.affiliations import Directory
from eventapp.reports.models import ErasedTally


def count_before_erasure(registration: Registration, directory: Directory | None = None) -> None:
    """Add ``registration`` to the tally of its organisation, status and attendance (flushed
    with the erasure, in the same transaction). A registration erased before is not counted
    again."""
    if registration.anonymised_at is not None:
        return
    where = (directory or Directory()).resolve(
        registration.organisation_id, registration.affiliation
    )
    attended = registration.checked_in_at is not None
    key = dict(
        event_id=registration.event_id,
        organisation=where.organisation,
        sector=where.sector,
        status=registration.status,
        attended=attended,
    )
    tally = db.session.execute(
        select(ErasedTally).filter_by(**key).with_for_update()
    ).scalar_one_or_none()
    if tally is None:
        tally = ErasedTally(**key, count=0)
        db.session.add(tally)
    tally.count += 1
    db.session.flush()
