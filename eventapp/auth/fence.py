"""The back office's organiser pages are for accounts acting for an organisation: a reviewer
(an account with a reviewer role and no organisation) sees its account and its review pages,
nothing else. Event pages already refuse it (``get_managed_event``); this closes the shared
lists and directories (events, people, venues, blog…), which any login could read before."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_login import current_user

from eventapp.auth.blueprint import bp
from eventapp.auth.rights import organisation_ids

#: Endpoint prefixes of the organisers' pages (door check-in refuses on its own, per event).
ORGANISER_PAGES = (
    "manage.",
    "directory.manage_",
    "blog.manage_",
    "blog.write_story",
    "registration.manage_",
)


@bp.before_app_request
def keep_reviewers_to_their_pages():
    """An account acting for no organisation gets 403 on organiser pages (its overview sends
    it to its review pages); site administrators and organisers pass without a query more
    than the site administrator flag."""
    endpoint = request.endpoint or ""
    if not endpoint.startswith(ORGANISER_PAGES) or not current_user.is_authenticated:
        return None
    if current_user.is_site_admin or organisation_ids(current_user):
        return None
    if endpoint == "manage.overview_page":
        return redirect(url_for("contributions.reviewer_home"))
    abort(403)
