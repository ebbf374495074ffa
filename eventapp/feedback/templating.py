"""Template globals of the feedback: the kinds' names, the survey of an event, who may answer."""

from __future__ import annotations

from eventapp.feedback.blueprint import bp
from eventapp.feedback.forms import KIND_LABELS
from eventapp.feedback.models import QuestionKind
from eventapp.feedback.services import answer_refusal, get_survey

bp.add_app_template_global(KIND_LABELS, "FEEDBACK_KINDS")
bp.add_app_template_global(get_survey, "survey_for")
bp.add_app_template_global(answer_refusal, "survey_refusal")
bp.add_app_template_global(QuestionKind, "QuestionKind")
