"""Every model of the domain, imported in one place so the mapper and Alembic see them all."""

from __future__ import annotations

from eventapp.auth.models import (
    ApiToken,
    LoginSession,
    User,
    user_organisations,
)
from eventapp.blog.models import BlogPhoto, BlogPost
from eventapp.calendar.models import FeedChange
from eventapp.certificates.models import Certificate, CertificateTemplate
from eventapp.contributions.models import (
    Author,
    Call,
    CallKind,
    Review,
    Reviewer,
    Submission,
    Track,
)
from eventapp.directory.models import Collaboration, Organisation, Person, collaboration_parties
from eventapp.events.models import (
    Event,
    EventOrganiser,
    EventSeries,
    Room,
    Session,
    SessionSpeaker,
    Venue,
    series_organisations,
)
from eventapp.feedback.models import Response, Survey, SurveyAnswer, SurveyQuestion
from eventapp.mail.models import OutboxMessage
from eventapp.manage.models import AuditLogEntry
from eventapp.materials.models import Material, MaterialLink
from eventapp.messages.models import OrganiserMessage
from eventapp.regforms.models import (
    Answer,
    Question,
    QuestionOption,
    SessionGroup,
    SessionGroupMember,
)
from eventapp.registration.models import Registration, RegistrationChoice
from eventapp.reminders.models import ReminderDelivery
from eventapp.reports.models import ErasedTally

__all__ = [
    "Answer",
    "ApiToken",
    "AuditLogEntry",
    "Author",
    "BlogPhoto",
    "BlogPost",
    "Call",
    "CallKind",
    "Certificate",
    "CertificateTemplate",
    "Collaboration",
    "ErasedTally",
    "Event",
    "EventOrganiser",
    "EventSeries",
    "FeedChange",
    "LoginSession",
    "Material",
    "MaterialLink",
    "Organisation",
    "OrganiserMessage",
    "OutboxMessage",
    "Person",
    "Question",
    "QuestionOption",
    "Registration",
    "RegistrationChoice",
    "ReminderDelivery",
    "Response",
    "Review",
    "Reviewer",
    "Room",
    "Session",
    "SessionGroup",
    "SessionGroupMember",
    "SessionSpeaker",
    "Submission",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "Track",
    "User",
    "Venue",
    "collaboration_parties",
    "series_organisations",
    "user_organisations",
]
