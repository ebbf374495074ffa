"""Template globals of the certificates: a registration's certificate, if it has one."""

from __future__ import annotations

from eventapp.certificates.blueprint import bp
from eventapp.certificates.models import Certificate
from eventapp.certificates.services import certificate_of, is_eligible
from eventapp.registration.models import Registration


def certificate_for(registration: Registration) -> Certificate | None:
    """The certificate a participant may download now (None: none, or no longer theirs)."""
    return certificate_of(registration) if is_eligible(registration) else None


bp.add_app_template_global(certificate_for, "certificate_for")
