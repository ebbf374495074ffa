"""The API's objects as typed pydantic models: the responses are built from them, and their JSON
schemas (2020-12, which OpenAPI 3.1 uses as is) are the ``components`` of ``openapi.json``.

Every model forbids fields it does not name, so a field the API returns and the description
leaves out fails validation (schemathesis checks every answer against the description).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from eventapp.core.types import (
    EventStatus,
    OrganisationKind,
    OrganiserRole,
    SessionKind,
    SessionStatus,
    SpeakerRole,
)

Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]
Slug = Annotated[str, Field(min_length=1, max_length=160)]
Zoned = Annotated[datetime, Field(description="ISO 8601 with the offset of the event's zone")]


class Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(Schema):
    """What an object written in one language and perhaps translated says of its texts."""

    language: str = Field(description="the language its texts were written in (their original)")
    translations: dict[str, dict[str, str]] = Field(
        description="without ?lang: the texts that exist in the other language, by language "
        "and field (the fields themselves hold the originals)"
    )
    fallbacks: list[str] = Field(
        description="with ?lang: the fields given in the original language, because the "
        "language asked has no version of them"
    )


class OrganisationRef(Schema):
    """An organisation named from another object."""

    slug: Slug
    name: str
    short_name: str
    url: Url = Field(description="this organisation in the API")


class PersonRef(Schema):
    """A person named from another object: public name and affiliation only."""

    slug: Slug
    name: str
    title: str
    affiliation: str
    url: Url = Field(description="this person in the API")


class SeriesRef(Schema):
    slug: Slug
    name: str
    url: Url


class EventRef(Schema):
    slug: Slug
    title: str
    url: Url


class Feeds(Schema):
    """A calendar feed in its two forms (calendar apps subscribe to ``webcal``)."""

    https: Url
    webcal: str


class Series(Texts):
    """A recurring event; its editions are events (``events`` lists them)."""

    slug: Slug
    name: str
    description: str
    cadence: str = Field(description="how often it recurs, in words")
    cadence_rrule: str | None = Field(description="RFC 5545 RRULE, when it recurs regularly")
    organisations: list[OrganisationRef]
    url: Url
    page_url: Url
    calendar: Feeds
    events: Url = Field(description="its public editions in the API")


class Venue(Schema):
    name: str
    address: str
    campus: str
    city: str
    latitude: float | None
    longitude: float | None
    website: str


class Organiser(Schema):
    organisation: OrganisationRef
    role: OrganiserRole


class Registration(Schema):
    """Whether and until when one can register, and how many places are left."""

    enabled: bool
    opens_at: Zoned | None
    closes_at: Zoned | None
    capacity: int | None = Field(description="null: no limit")
    places_left: int | None = Field(description="null: no limit; may lag a few seconds")
    waitlist: bool
    form_url: Url


class Event(Texts):
    """One edition: what, when (in its own zone), where, who organises, registration."""

    slug: Slug
    title: str
    summary: str
    description: str = Field(description="Markdown")
    status: Literal[EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.ARCHIVED]
    timezone: str = Field(description="IANA zone of the event")
    starts_at: Zoned
    ends_at: Zoned
    venue: Venue | None
    series: SeriesRef | None
    organisers: list[Organiser]
    contact: PersonRef | None
    website: str
    registration: Registration
    cancellation_note: str
    url: Url
    page_url: Url
    calendar: Feeds
    sessions: Url = Field(description="its timetable in the API")
    schedule_xml: Url = Field(description="frab / Pentabarf schedule.xml for conference apps")
    schedule_json: Url = Field(description="c3voc schedule.json for conference apps")


class Room(Schema):
    name: str
    capacity: int | None


class Speaker(Schema):
    person: PersonRef
    role: SpeakerRole
    position: int = Field(description="order on the session, from 0")


class Session(Texts):
    """A timetable entry of an event."""

    id: int = Field(ge=1)
    event: EventRef
    kind: SessionKind
    title: str
    abstract: str
    starts_at: Zoned
    ends_at: Zoned
    timezone: str
    room: Room | None
    track: str
    status: SessionStatus
    capacity: int | None
    speakers: list[Speaker]
    page_url: Url
    calendar: Url = Field(description="this session alone, as an .ics file")


class Person(Texts):
    """A speaker, moderator, panellist, author or contact person: public fields only."""

    slug: Slug
    name: str
    title: str
    affiliation: str
    organisation: OrganisationRef | None
    role_text: str
    bio: str
    url: Url
    page_url: Url
    calendar: Feeds = Field(description="the sessions they speak in")


class Organisation(Texts):
    slug: Slug
    name: str
    short_name: str
    kind: OrganisationKind
    website: str
    description: str
    parent: OrganisationRef | None
    url: Url
    page_url: Url
    calendar: Feeds
    events: Url = Field(description="the public events it organises, in the API")


class BlogPost(Schema):
    slug: Slug
    title: str
    lead: str
    body: str = Field(description="Markdown")
    language: str
    author: PersonRef | None
    author_line: str
    event: EventRef | None
    published_at: datetime
    translation: Url | None = Field(description="the same story in the other language")
    url: Url
    page_url: Url


class Links(Schema):
    """Where the list goes on: absent when there is nowhere to go."""

    self: Url
    first: Url
    last: Url
    next: Url | None
    prev: Url | None


T = TypeVar("T")


class Page(Schema, Generic[T]):
    """One page of a list."""

    items: list[T]
    page: int = Field(ge=1)
    per_page: int = Field(ge=1)
    total: int = Field(ge=0)
    pages: int = Field(ge=1)
    links: Links


class SeriesPage(Page[Series]):
    """A page of series."""


class EventPage(Page[Event]):
    """A page of events."""


class SessionPage(Page[Session]):
    """A page of an event's sessions."""


class PersonPage(Page[Person]):
    """A page of people."""


class OrganisationPage(Page[Organisation]):
    """A page of organisations."""


class BlogPostPage(Page[BlogPost]):
    """A page of blog posts."""


class Index(Schema):
    """Where everything is."""

    openapi: Url
    docs: Url
    series: Url
    events: Url
    people: Url
    organisations: Url
    posts: Url


class Error(Schema):
    error: str
    status: int
