"""The ATMP mini-symposium (document 003) and the Nya röster workshop series (document 004).

The documents name no speakers here, so every slot is described by what it is and who it
comes from (academia, hospitals, industry), never by an invented name.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from eventapp.core.types import OrganiserRole as R
from eventapp.core.types import SessionKind as K

from .specs import EventSpec, SeriesSpec, SessionSpec

ATMP_ROOM = "Neo – lecture hall"
ATMP_BLOCKS = (
    ("Academic research", 5, "A researcher's view of current academic work on ATMP."),
    (
        "Hospitals and the clinic",
        4,
        "Experience from hospitals bringing advanced therapies to patients.",
    ),
    ("Industry and production", 5, "How companies develop and manufacture advanced therapies."),
)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _atmp_sessions() -> tuple[SessionSpec, ...]:
    """Fourteen 12-minute presentations in three blocks, a coffee break and networking."""
    sessions: list[SessionSpec] = []
    minute = 13 * 60
    number = 0
    for index, (block, count, abstract) in enumerate(ATMP_BLOCKS):
        if index == 2:
            sessions.append(
                SessionSpec(
                    0, _clock(minute), _clock(minute + 30), K.BREAK, "Coffee break", room=ATMP_ROOM
                )
            )
            minute += 30
        for _ in range(count):
            number += 1
            sessions.append(
                SessionSpec(
                    0,
                    _clock(minute),
                    _clock(minute + 12),
                    K.SHORT_PRESENTATION,
                    f"{block}: presentation {number} of 14",
                    abstract,
                    ATMP_ROOM,
                    track=block,
                )
            )
            minute += 15
    sessions.append(
        SessionSpec(
            0,
            _clock(minute),
            "17:30",
            K.MINGLE,
            "Networking",
            "Time for researchers, clinicians and industry partners to meet.",
            ATMP_ROOM,
        )
    )
    return tuple(sessions)


ATMP_2025 = EventSpec(
    slug="atmp-mini-symposium-2025",
    title="ATMP mini-symposium",
    series="atmp-mini-symposium",
    venue="ki-campus-flemingsberg",
    first_day=date(2025, 1, 22),
    start="13:00",
    end=(0, "17:30"),
    summary=(
        "Half a day on Advanced Therapy Medicinal Products: fourteen short presentations from "
        "academia, hospitals and industry, and time to network."
    ),
    description=(
        "NextGenNK and CCRM Nordic bring together researchers, clinicians and companies "
        "working with advanced therapies such as cell and gene therapies.\n\n"
        "The afternoon gives an overview of academic and commercial progress in Stockholm and "
        "across Sweden, and room to build the contacts that new projects start from."
    ),
    organisers=(("nextgennk", R.HOST), ("ccrm-nordic", R.CO_ORGANISER)),
    sessions=_atmp_sessions(),
    contact="carin-dahlberg",
)

ATMP_SERIES = SeriesSpec(
    slug="atmp-mini-symposium",
    name="ATMP mini-symposium",
    description=(
        "Meetings on Advanced Therapy Medicinal Products at Campus Flemingsberg, organised by "
        "NextGenNK and CCRM Nordic to connect academic research with industrial know-how."
    ),
    organisations=("nextgennk", "ccrm-nordic"),
    events=(ATMP_2025,),
)


def _workshops() -> tuple[SessionSpec, ...]:
    """Ten weekly evening workshops from the first Tuesday of September 2025."""
    first = datetime(2025, 9, 9)
    sessions = []
    for part in range(10):
        day = (first + timedelta(weeks=part)).date()
        theme = "kortfilmsproduktion" if part < 6 else "kulturentreprenörskap"
        sessions.append(
            SessionSpec(
                (day - first.date()).days,
                "17:30",
                "20:00",
                K.WORKSHOP,
                f"Workshop {part + 1} av 10: {theme}",
                "En del i pilotens workshopserie om att göra kortfilm och om att driva "
                "kulturell verksamhet.",
                "Workshop room",
            )
        )
    return tuple(sessions)


NYA_ROSTER_2025 = EventSpec(
    slug="nya-roster-flemingsberg-hosten-2025",
    title="Nya röster: Flemingsberg – hösten 2025",
    series="nya-roster-flemingsberg",
    venue="sodertorns-hogskola",
    first_day=date(2025, 9, 9),
    start="17:30",
    end=(63, "20:00"),
    language="sv",
    summary=(
        "En pilot i tio workshoppar under hösten 2025 om kortfilm och kulturentreprenörskap, "
        "för att lyfta nya röster inom film i Flemingsberg."
    ),
    description=(
        "Södertörns högskola, Huddinge kommun genom kultur- och fritidsförvaltningen och Film "
        "Stockholm AB prövar tillsammans hur en kulturinkubator i Flemingsberg skulle kunna se "
        "ut – med filmskapandet som verktyg.\n\n"
        "Under höstterminen möts deltagarna tio gånger för att arbeta med kortfilmsproduktion "
        "och med hur man bygger en verksamhet inom kultur."
    ),
    organisers=(
        ("sodertorns-hogskola", R.HOST),
        ("kuf", R.CO_ORGANISER),
        ("film-stockholm", R.PARTNER),
    ),
    sessions=_workshops(),
    collaboration="nya-roster-flemingsberg",
    contact="tove-sandahl-fransson",
)

NYA_ROSTER_SERIES = SeriesSpec(
    slug="nya-roster-flemingsberg",
    name="Nya röster: Flemingsberg",
    description=(
        "Ett pilotprojekt där filmskapande används för att undersöka en kulturinkubator i "
        "Flemingsberg och synliggöra nya röster inom film."
    ),
    organisations=("sodertorns-hogskola", "kuf", "film-stockholm"),
    cadence_text="Tio workshoppar under höstterminen 2025",
    collaboration="nya-roster-flemingsberg",
    events=(NYA_ROSTER_2025,),
)
