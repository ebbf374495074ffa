"""Innovation and Collaboration Days (document 000/001): the autumn 2023 edition."""

from __future__ import annotations

from datetime import date

from eventapp.core.types import OrganiserRole as R
from eventapp.core.types import SessionKind as K
from eventapp.core.types import SpeakerRole as S

from .specs import EventSpec, SeriesSpec, SessionSpec

HALL = "Meeting place"

EDITION_2023 = EventSpec(
    slug="innovation-and-collaboration-days-2023",
    title="Innovation and Collaboration Days {year}",
    series="innovation-and-collaboration-days",
    venue="innovation-station-flemingsberg",
    first_day=date(2023, 11, 8),
    start="09:30",
    end=(1, "17:00"),
    summary=(
        "Two days in Flemingsberg on social innovation, research and education working "
        "together for a sustainable society, and on room for culture in a growing district."
    ),
    description=(
        "How can innovation and collaboration between research and education help build a "
        "sustainable society, and what does a fast-growing district need from the cultural "
        "and creative industries?\n\n"
        "The first day opens with a keynote by Prof. Malin Lindberg of Luleå University of "
        "Technology on what the humanities and social sciences bring to social innovation, "
        "followed by a panel with Södertörn University, Botkyrka kommun, LTU and Samverket.\n\n"
        "The second day turns to Flemingsberg itself: a life-science campus whose new city "
        "centre is being built and whose population is planned to grow from 15,000 to 50,000. "
        "The days end with the inauguration of Innovation Station, the new meeting place, "
        "innovation hub and coworking space."
    ),
    translated=(
        ("title", "Innovations- och samverkansdagarna {year}"),
        (
            "summary",
            "Två dagar i Flemingsberg om social innovation, om forskning och utbildning i "
            "samverkan för ett hållbart samhälle, och om plats för kulturen i en växande stadsdel.",
        ),
        (
            "description",
            "Hur kan innovation och samverkan mellan forskning och utbildning bidra till ett "
            "hållbart samhälle, och vad behöver en snabbt växande stadsdel av de kulturella och "
            "kreativa näringarna?\n\n"
            "Dagarna inleds med Prof. Malin Lindberg från Luleå tekniska universitet, som talar "
            "om vilka roller humaniora och samhällsvetenskap kan spela inom social innovation. "
            "Därefter följer ett panelsamtal med Södertörns högskola, Botkyrka kommun, LTU och "
            "Samverket.\n\n"
            "Den andra dagen handlar om Flemingsberg självt: ett life science-campus där en ny "
            "stadskärna byggs och där invånarantalet ska öka från 15 000 till 50 000. Dagarna "
            "avslutas med invigningen av Innovation Station, den nya mötesplatsen, "
            "innovationshubben och coworkingmiljön.",
        ),
    ),
    organisers=(
        ("sodertorns-hogskola", R.HOST),
        ("innovation-station-flemingsberg", R.CO_ORGANISER),
        ("flemingsberg-science", R.PARTNER),
    ),
    sessions=(
        SessionSpec(
            0,
            "09:30",
            "10:30",
            K.KEYNOTE,
            "Keynote: the humanities and social sciences in social innovation",
            "Which roles can the humanities and the social sciences play when new solutions "
            "to social challenges are developed?",
            HALL,
            (("malin-lindberg", S.SPEAKER),),
            translated=(
                ("title", "Keynote: humaniora och samhällsvetenskap i social innovation"),
                (
                    "abstract",
                    "Vilka roller kan humaniora och samhällsvetenskap spela när nya lösningar på "
                    "samhällsutmaningar tas fram?",
                ),
            ),
        ),
        SessionSpec(
            0,
            "10:45",
            "12:00",
            K.PANEL,
            "Panel: learning from each other in social innovation",
            "Participants from Södertörn University, Botkyrka kommun, LTU and Samverket "
            "discuss how researchers and students can be encouraged to take up social "
            "innovation and entrepreneurship.",
            HALL,
            translated=(
                ("title", "Panelsamtal: att lära av varandra inom social innovation"),
                (
                    "abstract",
                    "Deltagare från Södertörns högskola, Botkyrka kommun, LTU och Samverket "
                    "samtalar om hur forskare och studenter kan uppmuntras att engagera sig i "
                    "social innovation och entreprenörskap.",
                ),
            ),
        ),
        SessionSpec(
            0, "12:00", "13:00", K.BREAK, "Lunch", room=HALL, translated=(("title", "Lunch"),)
        ),
        SessionSpec(
            0,
            "13:00",
            "14:30",
            K.PANEL,
            "Conversation: working in culture today",
            "People working in the cultural sector share what their working life looks like.",
            HALL,
            translated=(
                ("title", "Samtal: att vara kulturarbetare i dag"),
                (
                    "abstract",
                    "Personer som arbetar inom kultursektorn berättar hur deras arbetsliv ser ut.",
                ),
            ),
        ),
        SessionSpec(
            1,
            "09:30",
            "10:30",
            K.TALK,
            "A growing Flemingsberg and its need for culture",
            "With a new city centre under construction and a goal of 50,000 inhabitants, the "
            "district needs a stronger cultural life, more restaurants and creative businesses.",
            HALL,
            translated=(
                ("title", "Ett växande Flemingsberg och dess behov av kultur"),
                (
                    "abstract",
                    "Med en ny stadskärna under uppbyggnad och målet 50 000 invånare behöver "
                    "stadsdelen ett starkare kulturliv, fler restauranger och fler kreativa "
                    "företag.",
                ),
            ),
        ),
        SessionSpec(
            1,
            "10:45",
            "11:30",
            K.TALK,
            "Flemingsberg as a place for creative start-ups",
            "The opportunities the district offers to new companies in the cultural and "
            "creative industries.",
            HALL,
            (("johnny-hogberg", S.SPEAKER),),
            translated=(
                ("title", "Flemingsberg som plats för kreativa startups"),
                (
                    "abstract",
                    "Möjligheterna som stadsdelen erbjuder nya företag inom de kulturella och "
                    "kreativa näringarna.",
                ),
            ),
        ),
        SessionSpec(
            1,
            "15:00",
            "17:00",
            K.INAUGURATION,
            "Inauguration of Innovation Station",
            "Opening of the new meeting place, innovation hub and coworking space, where the "
            "conversations of the two days can go on.",
            HALL,
            translated=(
                ("title", "Invigning av Innovation Station"),
                (
                    "abstract",
                    "Invigning av den nya mötesplatsen, innovationshubben och coworkingmiljön, där "
                    "samtalen från de två dagarna kan fortsätta.",
                ),
            ),
        ),
    ),
)

SERIES = SeriesSpec(
    slug="innovation-and-collaboration-days",
    name="Innovation and Collaboration Days",
    description=(
        "Days in Flemingsberg on innovation, research and education working together, with "
        "Södertörn University's work on social innovation and entrepreneurship at the centre."
    ),
    organisations=("sodertorns-hogskola", "innovation-station-flemingsberg"),
    cadence_text="Recurring in Flemingsberg",
    translated=(
        ("name", "Innovations- och samverkansdagarna"),
        (
            "description",
            "Dagar i Flemingsberg om innovation och om forskning och utbildning i samverkan, med "
            "Södertörns högskolas arbete med social innovation och entreprenörskap i centrum.",
        ),
    ),
    events=(EDITION_2023,),
)
