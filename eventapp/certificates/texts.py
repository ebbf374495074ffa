"""What each certificate says, in its participant's language, from the event's facts and its
organisers' template (the standard wording where they left a text empty)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from babel.numbers import format_decimal
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from eventapp.badges.pdf import event_dates
from eventapp.certificates.models import Certificate, CertificateTemplate
from eventapp.certificates.pdf import MOST_SESSIONS, CertificateText, verification_url
from eventapp.certificates.services import attended_sessions, programme
from eventapp.core.translation import LANGUAGES, translated
from eventapp.events.models import Event, Session


def hours_text(minutes: int, lang: str) -> str:
    """ "7.5 hours" ("7,5 timmar"), in the current locale."""
    hours = format_decimal(round(minutes / 60, 2), format="#,##0.##", locale=lang)
    return ngettext("%(hours)s hour", "%(hours)s hours", max(1, round(minutes / 60)), hours=hours)


def _logos(event: Event, upload_root: Path) -> list[str]:
    paths = []
    for role in event.organisers:
        path = role.organisation.logo_path
        if path and (upload_root / path).is_file():
            paths.append(str(upload_root / path))
    return paths


def _one(
    event: Event,
    template: CertificateTemplate,
    certificate: Certificate,
    sessions: list[Session],
    *,
    lang: str,
    base_url: str,
    logos: list[str],
) -> CertificateText:
    registration = certificate.registration
    listed = attended_sessions(registration, sessions) if template.per_session else []
    venue = translated(event.venue, "name", lang) if event.venue else ""
    dates = event_dates(event, lang)
    organisers = ", ".join(str(translated(r.organisation, "name", lang)) for r in event.organisers)
    hidden = len(listed) - MOST_SESSIONS
    return CertificateText(
        heading=template.text("heading", lang) or _("Certificate of attendance"),
        certifies=_("This certifies that"),
        name=registration.name,
        attended=_("attended"),
        event_title=str(translated(event, "title", lang)),
        when_where=f"{dates} · {venue}" if venue else dates,
        hours=_("Attendance: %(hours)s", hours=hours_text(certificate.minutes, lang)),
        sessions_heading=_("Sessions attended") if listed else "",
        sessions=[str(translated(s, "title", lang)) for s in listed[:MOST_SESSIONS]],
        more_sessions=ngettext("… and %(num)d more", "… and %(num)d more", hidden)
        if hidden > 0
        else "",
        body=template.text("body", lang),
        organisers=_("Organised by %(organisers)s", organisers=organisers) if organisers else "",
        signatory_name=template.signatory_name,
        signatory_title=template.text("signatory_title", lang),
        verify=_("Verify this certificate: %(url)s", url=verification_url(base_url, "")).rstrip(
            "/"
        ),
        code=certificate.code,
        qr_payload=verification_url(base_url, certificate.code),
        logos=logos if template.show_logos else [],
    )


def certificate_texts(
    event: Event,
    template: CertificateTemplate,
    certificates: Iterable[Certificate],
    *,
    base_url: str,
    upload_root: Path,
) -> Iterator[CertificateText]:
    """Each certificate's text, in its participant's language (a generator)."""
    sessions = programme(event)
    logos = _logos(event, upload_root)
    # What differs between two certificates is mostly the name and code: the rest (dates,
    # labels, hours, sessions, in one language) is worded once per combination and reused.
    worded: dict[tuple, CertificateText] = {}
    for certificate in certificates:
        registration = certificate.registration
        lang = registration.language if registration.language in LANGUAGES else LANGUAGES[0]
        listed = attended_sessions(registration, sessions) if template.per_session else []
        key = (lang, certificate.minutes, tuple(s.id for s in listed))
        if key not in worded:
            with force_locale(lang):  # left before yielding: the caller runs in its own locale
                worded[key] = _one(
                    event, template, certificate, sessions, lang=lang, base_url=base_url,
                    logos=logos,
                )  # fmt: skip
        yield replace(
            worded[key],
            name=registration.name,
            code=certificate.code,
            qr_payload=verification_url(base_url, certificate.code),
        )
