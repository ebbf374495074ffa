"""Large badge PDFs made in the background, with progress any worker process can read.

A job is two files in ``<JOB_FOLDER or instance>/badges/``: ``<token>.json`` (status and
progress, replaced atomically) and, when done, ``<token>.pdf``. Every gunicorn worker on the host
sees the same files, and with ``EVENTAPP_JOB_FOLDER`` on shared storage every app server does, so
the progress page may poll any of them. The thread is not a daemon: a worker that gunicorn
replaces (``--max-requests``, a restart) finishes its batches before it exits, within the
``--timeout`` (recycling) or ``--graceful-timeout`` (restart) it is given. A job whose progress
has not moved for ``STALE_AFTER`` (its worker was killed) is reported as failed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from eventapp.badges.layouts import get_layout
from eventapp.badges.pdf import render_badges
from eventapp.badges.services import mark_printed
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration

log = logging.getLogger(__name__)
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")
STALE_AFTER = 300.0  # seconds without progress
KEEP_FOR = 24 * 3600.0  # finished jobs and their PDFs are removed after a day


@dataclass
class BadgeJob:
    """A background badge PDF: who asked, for which event, and how far it got."""

    token: str
    event_id: int
    user_id: int
    total: int
    layout: str
    done: int = 0
    status: str = "queued"  # queued | running | done | failed
    error: str = ""
    created: float = 0.0
    updated: float = 0.0

    @property
    def percent(self) -> int:
        return 100 if self.status == "done" else int(100 * self.done / max(self.total, 1))

    @property
    def finished(self) -> bool:
        return self.status in {"done", "failed"}


def job_dir() -> Path:
    """Where job files live: ``JOB_FOLDER`` (a folder every app server shares) when configured,
    else the instance folder (shared by the workers of one server)."""
    path = Path(current_app.config.get("JOB_FOLDER") or current_app.instance_path) / "badges"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(folder: Path, job: BadgeJob) -> None:
    job.updated = time.time()
    temporary = folder / f"{job.token}.json.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(json.dumps(asdict(job)))
    os.replace(temporary, folder / f"{job.token}.json")


def read_job(token: str) -> BadgeJob | None:
    """The job called ``token`` (stale running jobs read as failed), or None."""
    if not TOKEN_PATTERN.match(token or ""):
        return None
    path = job_dir() / f"{token}.json"
    try:
        job = BadgeJob(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    if not job.finished and time.time() - job.updated > STALE_AFTER:
        job.status, job.error = "failed", "interrupted"
    return job


def job_pdf(job: BadgeJob) -> Path:
    """The finished PDF of ``job``."""
    return job_dir() / f"{job.token}.pdf"


def remove_old_jobs() -> None:
    """Delete job files older than ``KEEP_FOR``."""
    cutoff = time.time() - KEEP_FOR
    for path in job_dir().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


def start_badge_job(
    event: Event,
    user_id: int,
    registration_ids: list[int],
    layout_key: str,
    *,
    mark: bool,
    labels: Mapping[str, str],
    locale: str,
) -> BadgeJob:
    """Write the job file and start producing the PDF in a background thread."""
    remove_old_jobs()
    job = BadgeJob(
        token=secrets.token_urlsafe(16),
        event_id=event.id,
        user_id=user_id,
        total=len(registration_ids),
        layout=layout_key,
        created=time.time(),
    )
    folder = job_dir()
    _write(folder, job)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    options = {"mark": mark, "labels": dict(labels), "locale": locale}
    thread = threading.Thread(
        target=_run_job,
        args=(app, folder, job, list(registration_ids), options),
        name=f"badges-{job.token[:6]}",
        daemon=False,  # the process's exit waits for the batch (see the module's docstring)
    )
    thread.start()
    return job


def _load_registrations(ids: list[int]) -> list[Registration]:
    by_id: dict[int, Registration] = {}
    for start in range(0, len(ids), 500):
        stmt = select(Registration).where(Registration.id.in_(ids[start : start + 500]))
        by_id.update((r.id, r) for r in db.session.execute(stmt).scalars())
    return [by_id[i] for i in ids if i in by_id]


def _run_job(
    app: Flask, folder: Path, job: BadgeJob, ids: list[int], options: dict[str, Any]
) -> None:
    """The thread: render, store the PDF, mark the badges printed, report progress."""
    with app.app_context():
        try:
            event = db.session.get(Event, job.event_id)
            if event is None:
                raise LookupError("event removed")
            registrations = _load_registrations(ids)
            job.status = "running"
            _write(folder, job)

            def progress(done: int, total: int) -> None:
                job.done, job.total = done, total
                _write(folder, job)

            pdf = render_badges(
                event,
                registrations,
                get_layout(job.layout),
                base_url=app.config["BASE_URL"],
                labels=options["labels"],
                locale=options["locale"],
                progress=progress,
            )
            partial = folder / f"{job.token}.pdf.part"
            partial.write_bytes(pdf)
            os.replace(partial, folder / f"{job.token}.pdf")
            if options["mark"]:
                mark_printed(event.id, [r.id for r in registrations])
            job.status, job.done = "done", len(registrations)
            _write(folder, job)
        except Exception as exc:  # noqa: BLE001 - the organiser must see a failure, not a hang
            log.exception("badge job %s failed", job.token)
            db.session.rollback()
            job.status, job.error = "failed", type(exc).__name__
            _write(folder, job)
        finally:
            db.session.remove()
