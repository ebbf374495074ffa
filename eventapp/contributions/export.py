"""Submissions with their reviews as CSV, for the organiser and for a reviewer (who, when the
review is blind, gets no author, organisation or e-mail address in any column)."""

from __future__ import annotations

import csv
from io import StringIO

from eventapp.contributions.models import Call, Review, Submission
from eventapp.contributions.queries import OverviewRow
from eventapp.core.spreadsheets import formula_safe


def _scores(review: Review, criteria: list[str]) -> list[str]:
    return [str((review.scores or {}).get(str(i), "")) for i in range(len(criteria))]


def organiser_csv(call: Call, rows: list[OverviewRow]) -> str:
    """One line per review of the current round (a submission without reviews: one line)."""
    criteria = call.criteria_list()
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "id",
            "title",
            "kind",
            "track",
            "status",
            "authors",
            "organisations",
            "email",
            "mean",
            "spread",
            "reviewer",
            *criteria,
            "recommendation",
            "comment to the committee",
            "comment to the authors",
        ]  # fmt: skip
    )
    for row in rows:
        s = row.submission
        base = [
            s.id, s.title, s.kind.value, s.track.name if s.track else "", s.status.value,
            "; ".join(a.name for a in s.authors), "; ".join(a.affiliation for a in s.authors),
            s.email, row.mean, row.spread,
        ]  # fmt: skip
        for review in row.reviews or [None]:
            if review is None:
                writer.writerow([formula_safe(v) for v in base])
                continue
            writer.writerow(
                [formula_safe(v) for v in base]
                + [formula_safe(review.reviewer.user.email), *_scores(review, criteria)]
                + [
                    formula_safe(review.recommendation.value if review.recommendation else ""),
                    formula_safe(review.comment_committee),
                    formula_safe(review.comment_authors),
                ]  # fmt: skip
            )
    return out.getvalue()


def reviewer_csv(call: Call, rows: list[tuple[Submission, Review | None]]) -> str:
    """A reviewer's submissions with their own reviews; authors only when the review is open."""
    criteria = call.criteria_list()
    blind = call.blind_review
    out = StringIO()
    writer = csv.writer(out)
    head = ["id", "title", "kind", "track", "keywords", "abstract"]
    if not blind:
        head += ["authors", "organisations"]
    writer.writerow(head + [*criteria, "recommendation", "comment to the committee",
                            "comment to the authors"])  # fmt: skip
    for submission, review in rows:
        line = [
            submission.id, submission.title, submission.kind.value,
            submission.track.name if submission.track else "", submission.keywords,
            submission.abstract,
        ]  # fmt: skip
        if not blind:
            line += [
                "; ".join(a.name for a in submission.authors),
                "; ".join(a.affiliation for a in submission.authors),
            ]
        if review is not None:
            line += _scores(review, criteria) + [
                review.recommendation.value if review.recommendation else "",
                review.comment_committee,
                review.comment_authors,
            ]
        writer.writerow([formula_safe(v) for v in line])
    return out.getvalue()
