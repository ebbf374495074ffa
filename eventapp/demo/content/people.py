"""The people the source documents name, and the venues of the demo events.

A venue carries a street address only where it is certain, otherwise its campus and city.
"""

from __future__ import annotations

# (name, title, affiliation slug, role text) — every one named in the source documents.
PEOPLE: list[tuple[str, str, str, str]] = [
    ("Malin Lindberg", "Prof.", "ltu", "Professor, Luleå University of Technology"),
    (
        "Johan Bornebusch",
        "",
        "innovation-station-flemingsberg",
        "Director of Innovation Station Flemingsberg",
    ),
    ("Johnny Högberg", "", "flemingsberg-science", "CEO of the Flemingsberg Science Foundation"),
    (
        "Maria Eriksdotter",
        "Prof.",
        "karolinska-institutet",
        "Professor and senior consultant in geriatrics, Karolinska Institutet and Karolinska "
        "Huddinge; former Dean of KI South",
    ),
    ("Carin Dahlberg", "", "nextgennk", "Scientific coordinator, NextGenNK"),
    ("Pia Hasselrot", "", "gaf", "Development lead (utvecklingsledare), GAF"),
    ("Patrick Vestberg", "", "gaf", "Head of operations (verksamhetschef), GAF"),
    ("Christina Dolke Andersson", "", "buf", "Head of department (avdelningschef), BUF"),
    ("Olga Edmark", "", "sof", "Development lead (utvecklingsledare), social services"),
    ("Nilla Mälardahl", "", "buf", "Coordinator of teacher-training placements (VFU), BUF"),
    ("Shrikant Ward", "", "ksf", "Analyst (utredare), KSF"),
    (
        "Andrej Kravljaca",
        "",
        "digitaliseringsavdelningen",
        "Unit manager (enhetschef), digitalisation unit",
    ),
    ("Tove Sandahl Fransson", "", "kuf", "Head of culture (verksamhetschef kultur), KUF"),
    ("Maria Fransson", "", "kuf", "Culture strategist (kulturstrateg), KUF"),
    ("Elisa Reinikainen", "", "sof", "Section manager for elderly care, SOF"),
    (
        "Malin Svahn Schenström",
        "",
        "sof",
        "Head of disability support services (verksamhetsområdeschef funktionsstöd), SOF",
    ),
]

# (slug, name, address, campus, city, website, rooms as (name, capacity))
VENUES: list[tuple[str, str, str, str, str, str, list[tuple[str, int | None]]]] = [
    (
        "ki-campus-flemingsberg",
        "Karolinska Institutet, Campus Flemingsberg",
        "",
        "Campus Flemingsberg",
        "Huddinge",
        "https://ki.se",
        [
            ("Neo – lecture hall", 450),
            ("Neo – foyer", None),
            ("Seminar room 1", 20),
            ("Seminar room 2", 20),
            ("Seminar room 3", 25),
        ],
    ),
    (
        "sodertorns-hogskola",
        "Södertörn University",
        "Alfred Nobels allé 7, 141 89 Huddinge",
        "Campus Flemingsberg",
        "Huddinge",
        "https://www.sh.se",
        [("Lecture hall", None), ("Workshop room", 30)],
    ),
    (
        "innovation-station-flemingsberg",
        "Innovation Station Flemingsberg",
        "",
        "Campus Flemingsberg",
        "Huddinge",
        "",
        [("Meeting place", None), ("Meeting room", 12)],
    ),
    ("scenhuset", "Scenhuset", "", "Flemingsberg", "Huddinge", "", [("Foyer", None)]),
]

#: The venues' and rooms' names in Swedish (a proper name is the same in both languages).
VENUE_NAMES_SV = {
    "ki-campus-flemingsberg": "Karolinska Institutet, Campus Flemingsberg",
    "sodertorns-hogskola": "Södertörns högskola",
    "innovation-station-flemingsberg": "Innovation Station Flemingsberg",
    "scenhuset": "Scenhuset",
}
ROOM_NAMES_SV = {
    "Neo – lecture hall": "Neo – föreläsningssal",
    "Neo – foyer": "Neo – foajén",
    "Seminar room 1": "Seminarierum 1",
    "Seminar room 2": "Seminarierum 2",
    "Seminar room 3": "Seminarierum 3",
    "Lecture hall": "Föreläsningssal",
    "Workshop room": "Workshoprum",
    "Meeting place": "Mötesplatsen",
    "Meeting room": "Mötesrum",
    "Foyer": "Foajén",
}
