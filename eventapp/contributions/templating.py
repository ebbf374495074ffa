"""Template globals of the contributions: the kinds' and statuses' names, words counted."""

from __future__ import annotations

from markupsafe import Markup

from eventapp.contributions.blueprint import bp
from eventapp.contributions.labels import (
    DECISION_LABELS,
    KIND_LABELS,
    KIND_PLURALS,
    RECOMMENDATION_LABELS,
    STATUS_LABELS,
)
from eventapp.contributions.models import ContributionKind, Submission, SubmissionStatus
from eventapp.contributions.services import count_words
from eventapp.events.markup import description_html


def abstract_html(submission: Submission, below: int = 2) -> Markup:
    """An abstract as HTML: the blog's safe Markdown when its author chose it, else its
    paragraphs as text."""
    if submission.markdown:
        return description_html(submission.abstract, below)
    blocks = [b.strip() for b in (submission.abstract or "").split("\n\n") if b.strip()]
    return Markup("").join(Markup("<p>%s</p>") % block for block in blocks)


bp.add_app_template_global(KIND_LABELS, "CONTRIBUTION_KINDS")
bp.add_app_template_global(KIND_PLURALS, "CONTRIBUTION_KIND_PLURALS")
bp.add_app_template_global(STATUS_LABELS, "SUBMISSION_STATUSES")
bp.add_app_template_global(RECOMMENDATION_LABELS, "RECOMMENDATIONS")
bp.add_app_template_global(DECISION_LABELS, "DECISIONS")
bp.add_app_template_global(count_words, "count_words")
bp.add_app_template_global(SubmissionStatus, "SubmissionStatus")
bp.add_app_template_global(ContributionKind, "ContributionKind")
bp.add_app_template_filter(abstract_html, "abstract_html")
