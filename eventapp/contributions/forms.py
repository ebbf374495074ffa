"""The public forms (a submission with its authors) and the reviewer's (a review, a message)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from eventapp.contributions.labels import KIND_LABELS, RECOMMENDATION_LABELS
from eventapp.contributions.models import Call, ContributionKind, Recommendation
from eventapp.core.forms import (
    AppForm,
    IdSelectField,
    PlainForm,
    id_choices,
    options,
    valid_email,
)

MAX_AUTHORS = 8


class AuthorForm(PlainForm):
    """One author row: empty rows are left out; the order is the position typed."""

    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    email = StringField(
        _l("E-mail"),
        validators=[Optional(), Length(max=254), valid_email()],
        render_kw={"type": "email"},
    )
    affiliation = StringField(
        _l("Affiliation"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "known-organisations", "autocomplete": "organization"},
    )
    presenting = BooleanField(_l("Presents"))
    position = IntegerField(
        _l("Order"), validators=[Optional(), NumberRange(min=0, max=99)], default=0
    )


class SubmissionForm(AppForm):
    """A submission: what the call asks, with the authors in order."""

    email = StringField(
        _l("Your e-mail address"),
        validators=[
            DataRequired(),
            Length(max=254),
            valid_email(),
        ],
        description=_l("Your private link to the submission is sent here."),
        render_kw={"type": "email", "autocomplete": "email"},
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind of contribution"), validators=[DataRequired()])
    track_id = IdSelectField(_l("Track"))
    abstract = TextAreaField(
        _l("Abstract"), validators=[DataRequired(), Length(max=20_000)], render_kw={"rows": 12}
    )
    markdown = BooleanField(
        _l("The abstract is written in Markdown"),
        description=_l("Emphasis, lists and links; anything else is shown as text."),
    )
    keywords = StringField(
        _l("Keywords"),
        validators=[Optional(), Length(max=300)],
        description=_l("Separated by commas."),
    )
    authors = FieldList(FormField(AuthorForm), min_entries=MAX_AUTHORS, max_entries=MAX_AUTHORS)
    file = FileField(
        _l("PDF (optional)"),
        description=_l(
            "A PDF only. It is passed on as you upload it: its properties (author, title) are "
            "yours to clear if the review is blind."
        ),
    )
    consent_publish = BooleanField(
        _l(
            "If accepted, the abstract may be published on the event's pages and in the book of abstracts"  # noqa: E501
        )
    )

    def __init__(self, *args: Any, call: Call, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.kind.choices = options((k.kind.value, KIND_LABELS[k.kind]) for k in call.kinds)
        self.track_id.choices = id_choices(
            call.tracks, lambda t: t.text("name"), _l("Choose…") if call.tracks else _l("No track")
        )


class EditSubmissionForm(SubmissionForm):
    """The same, through the private link (the address is the link's)."""

    email = None  # type: ignore[assignment]


class ReviewForm(AppForm):
    """A review: a score per criterion, a recommendation, comments."""

    scores = FieldList(
        SelectField(
            coerce=int,
            choices=options((i, str(i)) for i in range(1, 6)),
            validators=[DataRequired()],
            render_kw={"required": False},
        ),
    )
    recommendation = SelectField(
        _l("Recommendation"),
        choices=options((r.value, label) for r, label in RECOMMENDATION_LABELS.items()),
        validators=[DataRequired()],
    )
    recommended_kind = SelectField(_l("Accept as"), validators=[Optional()])
    comment_committee = TextAreaField(
        _l("Comment to the committee"), validators=[Optional(), Length(max=10_000)]
    )
    comment_authors = TextAreaField(
        _l("Comment to the authors (optional)"),
        validators=[Optional(), Length(max=10_000)],
        description=_l("Sent with the decision."),
    )

    def __init__(self, *args: Any, call: Call, **kw: Any) -> None:
        kw.setdefault("scores", [None] * len(call.criteria_list()))
        super().__init__(*args, **kw)
        while len(self.scores) < len(call.criteria_list()):
            self.scores.append_entry()
        self.recommended_kind.choices = options(
            [("", "—")] + [(k.kind.value, KIND_LABELS[k.kind]) for k in call.kinds]
        )

    def recommendation_value(self) -> Recommendation:
        return Recommendation(self.recommendation.data)

    def kind_value(self) -> ContributionKind | None:
        value = self.recommended_kind.data
        return ContributionKind(value) if value in {k.value for k in ContributionKind} else None


class MessageForm(AppForm):
    """A reviewer's message to a submitter (the reply goes to the event's contact)."""

    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=10_000)])
