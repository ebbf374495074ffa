"""Template globals of the contributions: the kinds' and statuses' names, words counted."""

from __future__ import annotations

from eventapp.contributions.blueprint import bp
from eventapp.contributions.labels import (
    DECISION_LABELS,
    KIND_LABELS,
    KIND_PLURALS,
    RECOMMENDATION_LABELS,
    STATUS_LABELS,
)
from eventapp.contributions.models import SubmissionStatus
from eventapp.contributions.services import count_words

bp.add_app_template_global(KIND_LABELS, "CONTRIBUTION_KINDS")
bp.add_app_template_global(KIND_PLURALS, "CONTRIBUTION_KIND_PLURALS")
bp.add_app_template_global(STATUS_LABELS, "SUBMISSION_STATUSES")
bp.add_app_template_global(RECOMMENDATION_LABELS, "RECOMMENDATIONS")
bp.add_app_template_global(DECISION_LABELS, "DECISIONS")
bp.add_app_template_global(count_words, "count_words")
bp.add_app_template_global(SubmissionStatus, "SubmissionStatus")
