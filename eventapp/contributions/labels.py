"""Translated names of the contributions' enum values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventapp.contributions.models import (
    ContributionKind,
    Decision,
    Recommendation,
    SubmissionStatus,
)

KIND_LABELS = {
    ContributionKind.TALK: _l("Talk"),
    ContributionKind.SHORT_PRESENTATION: _l("Short presentation"),
    ContributionKind.POSTER: _l("Poster"),
    ContributionKind.EXHIBITION: _l("Exhibition stand"),
    ContributionKind.WORKSHOP: _l("Workshop"),
}
KIND_PLURALS = {
    ContributionKind.TALK: _l("Talks"),
    ContributionKind.SHORT_PRESENTATION: _l("Short presentations"),
    ContributionKind.POSTER: _l("Posters"),
    ContributionKind.EXHIBITION: _l("Exhibition"),
    ContributionKind.WORKSHOP: _l("Workshops"),
}
STATUS_LABELS = {
    SubmissionStatus.SUBMITTED: _l("Submitted"),
    SubmissionStatus.REVISION: _l("Revision requested"),
    SubmissionStatus.ACCEPTED: _l("Accepted"),
    SubmissionStatus.REJECTED: _l("Not accepted"),
    SubmissionStatus.WITHDRAWN: _l("Withdrawn"),
}
RECOMMENDATION_LABELS = {
    Recommendation.ACCEPT: _l("Accept as the kind wished"),
    Recommendation.ACCEPT_AS: _l("Accept as another kind"),
    Recommendation.REVISION: _l("Ask for a revision"),
    Recommendation.REJECT: _l("Reject"),
}
DECISION_LABELS = {
    Decision.ACCEPT: _l("Accept"),
    Decision.REVISION: _l("Ask for a revision"),
    Decision.REJECT: _l("Reject"),
}


def kind_label(kind: object) -> str:
    return str(KIND_LABELS.get(kind, kind or ""))  # type: ignore[call-overload]
