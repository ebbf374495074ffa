"""The organiser's forms: the call, reviewers, assignment, decisions, placing in the timetable."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from eventapp.contributions.labels import DECISION_LABELS, KIND_LABELS
from eventapp.contributions.models import ContributionKind
from eventapp.core.forms import (
    AppForm,
    IdSelectField,
    local_datetime_field,
    options,
    translation_field,
    valid_email,
)

LIMIT_SUFFIX = "_words"


class CallForm(AppForm):
    """An event's call for contributions."""

    opens_at = local_datetime_field(_l("Opens"), required=True)
    closes_at = local_datetime_field(
        _l("Closes (the deadline)"), required=True, description=_l("In the event's time zone.")
    )
    introduction = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=10_000)])
    introduction_translation = translation_field(
        introduction, _l("Introduction in the other language"), 10_000
    )
    talk_words = IntegerField(
        _l("Talk: word limit"),
        validators=[Optional(), NumberRange(min=1, max=5000)],
        description=_l("Empty: the call does not take this kind."),
    )
    short_presentation_words = IntegerField(
        _l("Short presentation: word limit"), validators=[Optional(), NumberRange(min=1, max=5000)]
    )
    poster_words = IntegerField(
        _l("Poster: word limit"), validators=[Optional(), NumberRange(min=1, max=5000)]
    )
    exhibition_words = IntegerField(
        _l("Exhibition stand: word limit"), validators=[Optional(), NumberRange(min=1, max=5000)]
    )
    workshop_words = IntegerField(
        _l("Workshop: word limit"), validators=[Optional(), NumberRange(min=1, max=5000)]
    )
    tracks = TextAreaField(
        _l("Tracks or topics"),
        validators=[Optional(), Length(max=5000)],
        description=_l("One a line; none: the call has no tracks."),
    )
    tracks_translation = TextAreaField(
        _l("Tracks in the other language"),
        validators=[Optional(), Length(max=5000)],
        description=_l("The same lines, in the same order."),
    )
    criteria = TextAreaField(
        _l("Review criteria"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l(
            "One a line, each scored 1–5 (for example relevance, originality, clarity)."
        ),
    )
    criteria_translation = translation_field(criteria, _l("Criteria in the other language"), 5000)
    blind_review = BooleanField(_l("Blind review: reviewers see no author and no organisation"))
    reviews_per_submission = IntegerField(
        _l("Reviewers per submission"),
        validators=[DataRequired(), NumberRange(min=1, max=10)],
        default=2,
    )

    def word_limits(self) -> dict[ContributionKind, int]:
        return {
            kind: self[kind.value + LIMIT_SUFFIX].data
            for kind in ContributionKind
            if self[kind.value + LIMIT_SUFFIX].data
        }

    def track_lines(self) -> list[tuple[str, str]]:
        names = [n.strip()[:200] for n in (self.tracks.data or "").splitlines() if n.strip()]
        other = [
            n.strip()[:200] for n in (self.tracks_translation.data or "").splitlines() if n.strip()
        ]
        other = other if len(other) == len(names) else [""] * len(names)
        return list(dict(zip(names, other, strict=True)).items())


class ReviewerForm(AppForm):
    """Invite a reviewer to the event, into a track's pool."""

    email = StringField(
        _l("E-mail"),
        validators=[
            DataRequired(),
            Length(max=254),
            valid_email(),
        ],
        render_kw={"type": "email"},
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    organisation_id = IdSelectField(
        _l("Their organisation"),
        description=_l("They are never given a submission with an author of it."),
    )
    track_id = IdSelectField(_l("Pool"))
    chair = BooleanField(_l("Track chair: sees, exports and writes to all of the track"))


class AssignForm(AppForm):
    reviewer_id = IdSelectField(_l("Reviewer"))


class DecisionForm(AppForm):
    decision = SelectField(
        _l("Decision"),
        choices=options((d.value, label) for d, label in DECISION_LABELS.items()),
        validators=[DataRequired()],
    )
    kind = SelectField(_l("Accept as"), validators=[Optional()])
    note = TextAreaField(_l("Note for the committee"), validators=[Optional(), Length(max=5000)])

    def __init__(self, *args: Any, call: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.kind.choices = options(
            [("", _l("The kind wished"))]
            + [(k.kind.value, KIND_LABELS[k.kind]) for k in call.kinds]
        )


class PlaceForm(AppForm):
    """Give an accepted talk its time and room in the timetable."""

    starts_at = local_datetime_field(_l("Starts"), required=True)
    minutes = IntegerField(
        _l("Minutes"), validators=[DataRequired(), NumberRange(min=5, max=600)], default=20
    )
    room_id = IdSelectField(_l("Room"))
