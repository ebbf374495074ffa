"""The back office's front page: the user's current events at a glance."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from eventapp.manage.blueprint import bp
from eventapp.manage.labels import audit_action_label
from eventapp.manage.queries import confirmed_counts, my_events

bp.add_app_template_filter(audit_action_label)


@bp.get("/manage/")
@login_required
def overview_page():
    """The user's current events at a glance."""
    events = my_events(current_user, include_archived=False)
    return render_template("manage/overview.html", events=events, counts=confirmed_counts(events))
