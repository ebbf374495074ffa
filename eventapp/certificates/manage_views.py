"""The organisers' certificate pages: shape the template, issue, download all or by
organisation (one PDF or a zip of one PDF each)."""

from __future__ import annotations

import io
import zipfile

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from pypdf import PdfReader, PdfWriter
from slugify import slugify
from sqlalchemy import func, select

from eventapp.auth.rights import get_managed_event
from eventapp.certificates import services
from eventapp.certificates.blueprint import bp
from eventapp.certificates.forms import TemplateForm
from eventapp.certificates.models import Certificate, CertificateTemplate
from eventapp.certificates.views import certificates_pdf
from eventapp.core.db import transaction
from eventapp.core.forms import ConfirmForm, translation_data, translation_values
from eventapp.core.params import parse_id
from eventapp.core.spreadsheets import download
from eventapp.core.translation import other_language
from eventapp.directory.models import Organisation
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import Registration

TRANSLATED = ("heading", "body", "signatory_title")


def _form(template: CertificateTemplate) -> TemplateForm:
    if request.method == "POST":
        return TemplateForm()
    data = {name: getattr(template, name) for name in services.TEMPLATE_FIELDS}
    return TemplateForm(data={**data, **translation_data(template, TRANSLATED)})


def _by_organisation(event: Event) -> list[tuple[int, str, int]]:
    """(organisation id, name, certificates) of the organisations whose people got one."""
    stmt = (
        select(Organisation.id, Organisation.name, func.count(Certificate.id))
        .join(Registration, Registration.organisation_id == Organisation.id)
        .join(Certificate, Certificate.registration_id == Registration.id)
        .where(Certificate.event_id == event.id)
        .group_by(Organisation.id, Organisation.name)
        .order_by(Organisation.name)
    )
    return [tuple(row) for row in db.session.execute(stmt).all()]


@bp.route("/manage/events/<slug>/certificates", methods=["GET", "POST"])
@login_required
def manage_certificates(slug: str):
    """The template (POST saves it), how many may get one and have, the downloads."""
    event = get_managed_event(current_user, slug)
    template = services.template_of(event)
    form = _form(template)
    if form.validate_on_submit():
        with transaction():
            services.save_template(
                event,
                **{name: form[name].data or "" for name in TRANSLATED + ("signatory_name",)},
                per_session=bool(form.per_session.data),
                landscape=bool(form.landscape.data),
                show_logos=bool(form.show_logos.data),
                translations={
                    other_language(template.original_language): translation_values(form, TRANSLATED)
                },
            )
        flash(_("The certificate template is saved."), "success")
        return redirect(url_for("certificates.manage_certificates", slug=slug), code=303)
    eligible = db.session.execute(
        select(func.count()).select_from(services.eligible(event).subquery())
    ).scalar_one()
    issued = db.session.execute(
        select(func.count()).select_from(Certificate).where(Certificate.event_id == event.id)
    ).scalar_one()
    page = render_template(
        "certificates/manage.html",
        event=event,
        form=form,
        eligible=eligible,
        issued=issued,
        organisations=_by_organisation(event),
    )
    return page, 422 if request.method == "POST" else 200


@bp.post("/manage/events/<slug>/certificates/issue")
@login_required
def manage_issue(slug: str):
    """Issue a certificate to each checked-in participant who has none yet."""
    event = get_managed_event(current_user, slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with transaction():
        count = services.issue_certificates(event)
    flash(ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", count), "success")
    return redirect(url_for("certificates.manage_certificates", slug=slug), code=303)


def _selection(slug: str):
    event = get_managed_event(current_user, slug)
    organisation_id = None
    if "organisation" in request.args:
        organisation_id = parse_id(request.args.get("organisation"))
        if organisation_id is None:
            abort(404)
    return event, organisation_id, services.certificates_of(event, organisation_id)


def _name(event: Event, organisation_id: int | None, ext: str) -> str:
    suffix = f"-organisation-{organisation_id}" if organisation_id else ""
    return f"{event.slug}-certificates{suffix}.{ext}"


@bp.get("/manage/events/<slug>/certificates.pdf")
@login_required
def manage_certificates_pdf(slug: str):
    """Every certificate issued (or those of one organisation's people) in one PDF."""
    event, organisation_id, certificates = _selection(slug)
    pdf = certificates_pdf(event, services.template_of(event), certificates)
    return download(pdf, _name(event, organisation_id, "pdf"), "application/pdf")


@bp.get("/manage/events/<slug>/certificates.zip")
@login_required
def manage_certificates_zip(slug: str):
    """Every certificate issued (or one organisation's) as a zip of one PDF each."""
    event, organisation_id, certificates = _selection(slug)
    # One PDF of all, split page by page: each file then shares the fonts embedded once (a
    # PDF of its own per certificate costs three times as long, most of it embedding fonts).
    whole = PdfReader(
        io.BytesIO(certificates_pdf(event, services.template_of(event), certificates))
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate, page in zip(certificates, whole.pages, strict=False):
            one = PdfWriter()
            one.add_page(page)
            pdf = io.BytesIO()
            one.write(pdf)
            name = slugify(certificate.registration.name) or "participant"
            archive.writestr(f"{name}-{certificate.id}.pdf", pdf.getvalue())
    return download(buffer.getvalue(), _name(event, organisation_id, "zip"), "application/zip")
