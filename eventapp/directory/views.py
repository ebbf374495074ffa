"""Public directory pages: organisations, people, forums and agreements, and their exports."""

from __future__ import annotations

from datetime import date

from flask import Response, current_app, render_template, request

from eventapp.directory import queries
from eventapp.directory.blueprint import bp
from eventapp.directory.export import collaborations_csv, group_overview
from eventapp.directory.forms import CollaborationFilterForm
from eventapp.directory.periods import is_expiring, validity_text

bp.add_app_template_global(validity_text, "validity_text")


@bp.app_template_global()
def collaboration_is_expiring(collaboration) -> bool:
    """True when an active collaboration ends within six months (for a badge)."""
    return is_expiring(collaboration, date.today())


@bp.get("/organisations/")
def organisations():
    """Every organisation, grouped by kind, with units nested under their parent."""
    return render_template("directory/organisations.html", groups=queries.organisation_tree())


@bp.get("/organisations/<slug>/")
def organisation(slug: str):
    """Who an organisation is, its units, forums and agreements, events and people."""
    page = queries.organisation_page(slug)
    return render_template("directory/organisation.html", page=page, organisation=page.organisation)


@bp.get("/people/<slug>/")
def person(slug: str):
    """Who a person is, the sessions they speak at and the agreements they are contact for."""
    return render_template("directory/person.html", page=queries.person_page(slug))


def _filtered() -> tuple[CollaborationFilterForm, list]:
    """The filter form read from the query string and the collaborations it selects."""
    parties, units = queries.filter_organisations()
    form = CollaborationFilterForm(request.args, parties=parties, units=units)
    return form, queries.list_collaborations(form.to_filter())


@bp.get("/collaborations/")
def collaborations():
    """Forums and agreements, filtered by party, kind, responsible unit and status."""
    form, items = _filtered()
    return render_template("directory/collaborations.html", form=form, collaborations=items)


@bp.get("/collaborations/export.csv")
def collaborations_export():
    """The (filtered) list as a CSV file for Excel and LibreOffice."""
    _form, items = _filtered()
    body = collaborations_csv(items, current_app.config["BASE_URL"])
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="collaborations.csv"',
        },
    )


@bp.get("/collaborations/overview")
def collaborations_overview():
    """A printable overview grouped like the memo: forums, per university, placements, ended."""
    overview = group_overview(queries.list_collaborations())
    return render_template("directory/overview.html", overview=overview, today=date.today())


@bp.get("/collaborations/<slug>/")
def collaboration(slug: str):
    """All the facts of one forum or agreement, and the events held under it."""
    return render_template("directory/collaboration.html", page=queries.collaboration_page(slug))
