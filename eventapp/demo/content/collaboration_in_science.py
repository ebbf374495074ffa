"""Collaboration in Science (document 002): biennial since 2022, KI with the hospital."""

from __future__ import annotations

from datetime import date

from eventapp.core.types import OrganiserRole as R
from eventapp.core.types import SessionKind as K
from eventapp.core.types import SpeakerRole as S

from .specs import EventSpec, RegistrationSpec, SeriesSpec, SessionSpec

SERIES_SLUG = "collaboration-in-science"
HALL = "Neo – lecture hall"
FOYER = "Neo – foyer"
ORGANISERS = (
    ("karolinska-institutet", R.HOST),
    ("karolinska-universitetssjukhuset", R.CO_ORGANISER),
)
SUMMARY = (
    "A conference at Campus Flemingsberg for translational research collaborations between "
    "basic and clinical research at Karolinska Institutet and Karolinska University Hospital."
)
DESCRIPTION = (
    "Every second year Karolinska Institutet and Karolinska University Hospital invite their "
    "researchers to Campus Flemingsberg to meet across the line between basic and clinical "
    "research.\n\n"
    "Expect keynotes, many short presentations from ongoing projects, a poster session, an "
    "exhibition where the core facilities show what they offer, and plenty of time to mingle "
    "and find new collaborators."
)


#: The conference is held in English; its programme's titles exist in Swedish too.
SWEDISH_DAY_LABELS = {"": "", "day 1": "dag 1", "day 2": "dag 2"}


def _sv(title: str) -> tuple[tuple[str, str], ...]:
    return (("title", title),)


def _day(day: int, label: str) -> tuple[SessionSpec, ...]:
    """The shape every day of the conference shares; ``label`` tells the days apart."""
    sv = f" ({SWEDISH_DAY_LABELS[label]})" if label else ""
    label = f" ({label})" if label else ""
    return (
        SessionSpec(
            day,
            "09:30",
            "10:15",
            K.KEYNOTE,
            f"Keynote on translational research{label}",
            "A keynote on turning findings from the laboratory into clinical practice.",
            HALL,
            translated=_sv(f"Keynote om translationell forskning{sv}"),
        ),
        SessionSpec(
            day,
            "10:30",
            "12:00",
            K.SHORT_PRESENTATION,
            f"Short presentations{label}",
            "Research groups from KI and the hospital present ongoing projects in a few "
            "minutes each.",
            HALL,
            translated=_sv(f"Korta presentationer{sv}"),
        ),
        SessionSpec(
            day,
            "12:00",
            "13:00",
            K.BREAK,
            f"Lunch{label}",
            room=FOYER,
            translated=_sv(f"Lunch{sv}"),
        ),
        SessionSpec(
            day,
            "13:00",
            "14:30",
            K.POSTER_SESSION,
            f"Poster session{label}",
            "Posters from both basic and clinical research, with their authors.",
            FOYER,
            translated=_sv(f"Postersession{sv}"),
        ),
        SessionSpec(
            day,
            "13:00",
            "15:00",
            K.EXHIBITION,
            f"Core facilities exhibition{label}",
            "The campus core facilities show their services and equipment.",
            FOYER,
            translated=_sv(f"Utställning av core facilities{sv}"),
        ),
    )


OPENING = SessionSpec(
    0, "09:00", "09:30", K.TALK, "Welcome and opening", room=HALL, translated=_sv("Välkommen")
)
MINGLE = SessionSpec(0, "16:00", "18:00", K.MINGLE, "Mingle", room=FOYER, translated=_sv("Mingel"))
CLOSING = SessionSpec(
    1,
    "15:00",
    "15:30",
    K.TALK,
    "Closing of the conference",
    room=HALL,
    translated=_sv("Konferensen avslutas"),
)

EDITION_2022 = EventSpec(
    slug="collaboration-in-science-2022",
    title="Collaboration in Science 2022",
    series=SERIES_SLUG,
    venue="ki-campus-flemingsberg",
    first_day=date(2022, 10, 6),
    start="09:00",
    end=(1, "15:30"),
    summary=SUMMARY,
    description="The first edition of the conference. " + DESCRIPTION,
    organisers=ORGANISERS,
    sessions=(OPENING, *_day(0, "day 1"), MINGLE, *_day(1, "day 2"), CLOSING),
)

FUTURE_OF_FLEMINGSBERG = SessionSpec(
    0,
    "15:15",
    "16:00",
    K.TALK,
    "The future of Flemingsberg",
    "How the city of Flemingsberg and its campus grow together, from the Flemingsberg "
    "Science Foundation's point of view.",
    HALL,
    (("johnny-hogberg", S.SPEAKER),),
    translated=_sv("Flemingsbergs framtid"),
)

EDITION_2024 = EventSpec(
    slug="collaboration-in-science-2024",
    title="Collaboration in Science 2024",
    series=SERIES_SLUG,
    venue="ki-campus-flemingsberg",
    first_day=date(2024, 11, 14),
    start="09:00",
    end=(1, "15:30"),
    summary=SUMMARY,
    description="The second edition of the conference. " + DESCRIPTION,
    organisers=ORGANISERS,
    sessions=(
        OPENING,
        *_day(0, "day 1"),
        FUTURE_OF_FLEMINGSBERG,
        MINGLE,
        *_day(1, "day 2"),
        CLOSING,
    ),
)

WORKSHOP = "Parallel workshops (choose one when you register)"
NEXT_EDITION = EventSpec(
    slug="collaboration-in-science-{year}",
    title="Collaboration in Science {year}",
    series=SERIES_SLUG,
    venue="ki-campus-flemingsberg",
    first_day=None,
    weeks_ahead=6,
    public_grid=True,
    start="09:00",
    end=(0, "18:00"),
    summary=SUMMARY,
    description="The next edition of the conference. " + DESCRIPTION,
    organisers=ORGANISERS,
    sessions=(
        OPENING,
        *_day(0, ""),
        SessionSpec(
            0,
            "15:00",
            "16:00",
            K.WORKSHOP,
            "Workshop: planning a project with a core facility",
            "From the first question to the right method: how to involve a core facility early.",
            "Seminar room 1",
            translated=_sv("Workshop: att planera ett projekt med en core facility"),
            track=WORKSHOP,
            selectable=True,
            capacity=20,
        ),
        SessionSpec(
            0,
            "15:00",
            "16:00",
            K.WORKSHOP,
            "Workshop: from the bench to the clinic",
            "Finding the clinical partner for a basic-research question, and the other way round.",
            "Seminar room 2",
            translated=_sv("Workshop: från labbet till kliniken"),
            track=WORKSHOP,
            selectable=True,
            capacity=20,
        ),
        SessionSpec(
            0,
            "15:00",
            "16:00",
            K.WORKSHOP,
            "Workshop: writing a joint grant application",
            "Practical steps for a first joint application between KI and the hospital.",
            "Seminar room 3",
            translated=_sv("Workshop: att skriva en gemensam ansökan"),
            track=WORKSHOP,
            selectable=True,
            capacity=25,
        ),
        MINGLE,
    ),
    registration=RegistrationSpec(
        capacity=150,
        opens_days_before_now=14,  # the dashboard draws two weeks of registrations
        categories=("participant", "speaker", "exhibitor"),
        privacy_text=(
            "Karolinska Institutet uses your name, e-mail address and affiliation to run the "
            "conference: to confirm your place, print your badge and send practical "
            "information. Dietary and accessibility needs are shared only with the caterer and "
            "the venue. The data is deleted 180 days after the conference."
        ),
    ),
)

SERIES = SeriesSpec(
    slug=SERIES_SLUG,
    name="Collaboration in Science",
    description=(
        "A biennial conference, held since 2022 by Karolinska Institutet and Karolinska "
        "University Hospital at Campus Flemingsberg, to strengthen translational research "
        "collaborations and show what the core facilities offer."
    ),
    organisations=("karolinska-institutet", "karolinska-universitetssjukhuset"),
    cadence_rrule="FREQ=YEARLY;INTERVAL=2",
    cadence_text="Every two years since 2022",
    events=(EDITION_2022, EDITION_2024, NEXT_EDITION),
)
