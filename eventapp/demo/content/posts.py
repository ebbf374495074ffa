"""Blog posts and news written from the facts of documents 000–003 (never their sentences)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class PostSpec:
    slug: str
    title: str
    lead: str
    body_md: str
    language: str
    publish_at: datetime
    event: str | None = None
    author: str | None = None
    author_line: str = ""
    translation_of: str | None = None


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


ICD_EN = PostSpec(
    slug="innovation-collaboration-and-culture-meet-in-flemingsberg",
    title="Innovation, collaboration and culture meet in Flemingsberg",
    lead=(
        "Social innovation, a growing city district's need for culture, and a new coworking "
        "space: a look back at this year's Innovation and Collaboration Days."
    ),
    body_md="""\
This year's **Innovation and Collaboration Days** asked how innovation and collaboration in
research and education can help build a sustainable society — and what a fast-growing district
needs from the cultural and creative industries.

## Social innovation

Prof. Malin Lindberg of Luleå University of Technology opened the days with a keynote on what
the humanities and the social sciences can contribute to social innovation. A panel followed,
with participants from Södertörn University, Botkyrka kommun, LTU and Samverket. Networks like
this one are at the heart of Södertörn University's work to get researchers and students
involved in social innovation and entrepreneurship.

> Sharing methods and results is how we learn from each other and get more collaboration and
> innovation going — the point made by Johan Bornebusch, Director of Innovation Station
> Flemingsberg.

## Room for culture

Flemingsberg already has a working life-science ecosystem. But a new city centre is being
built and the population is meant to grow from 15,000 to 50,000, so cultural life, restaurants
and creative businesses have to grow too. Cultural workers described their situation today,
and Johnny Högberg, CEO of the Flemingsberg Science Foundation, pointed to the room Flemingsberg
offers for new creative start-ups.

## A new place to meet

The days ended with the inauguration of **Innovation Station** — a meeting place, innovation
hub and coworking space where the conversations can carry on. Looking for a creative place to
work? Drop by Innovation Station Flemingsberg.
""",
    language="en",
    publish_at=_at(2023, 11, 10, 9, 0),
    event="innovation-and-collaboration-days-2023",
)

ICD_SV = PostSpec(
    slug="innovation-samverkan-och-kultur-mots-i-flemingsberg",
    title="Innovation, samverkan och kultur möts i Flemingsberg",
    lead=(
        "Social innovation, en växande stadsdels behov av kultur och en ny coworking-miljö: "
        "en återblick på årets Innovations- och samverkansdagar."
    ),
    body_md="""\
Årets **Innovations- och samverkansdagar** handlade om hur innovation och samverkan kring
forskning och utbildning kan bidra till ett hållbart samhälle – och om vad en snabbt växande
stadsdel behöver av de kulturella och kreativa näringarna.

## Social innovation

Prof. Malin Lindberg från Luleå tekniska universitet inledde med en föreläsning om vad
humaniora och samhällsvetenskap kan tillföra social innovation. Därefter följde ett panelsamtal
med deltagare från Södertörns högskola, Botkyrka kommun, LTU och Samverket. Nätverket är en
central del i Södertörns högskolas arbete med att få forskare och studenter att engagera sig i
social innovation och entreprenörskap.

> Genom att dela metoder och resultat lär vi av varandra och får i gång mer samverkan och
> innovation – så sammanfattade Johan Bornebusch, föreståndare för Innovation Station
> Flemingsberg.

## Plats för kultur

Flemingsberg har redan ett fungerande ekosystem inom life science. Men när en ny stadskärna
byggs och invånarna ska bli 50 000 i stället för 15 000 behöver också kulturlivet,
restaurangerna och de kreativa företagen växa. Kulturarbetare berättade om sin vardag, och
Johnny Högberg, vd för stiftelsen Flemingsberg Science, lyfte de möjligheter Flemingsberg ger
nya kreativa startups.

## En ny mötesplats

Dagarna avslutades med invigningen av **Innovation Station** – mötesplats, innovationshubb och
coworking, där samtalen kan fortsätta. Söker du en kreativ arbetsplats? Titta in på Innovation
Station Flemingsberg.
""",
    language="sv",
    publish_at=_at(2023, 11, 10, 9, 0),
    event="innovation-and-collaboration-days-2023",
    translation_of=ICD_EN.slug,
)

CIS = PostSpec(
    slug="collaboration-in-science-builds-bridges-and-looks-ahead",
    title="Collaboration in Science builds bridges — and looks at Flemingsberg's future",
    lead=(
        "The second edition of the biennial conference of Karolinska Institutet and Karolinska "
        "University Hospital brought basic and clinical research together again."
    ),
    body_md="""\
Every second year since 2022, Karolinska Institutet and Karolinska University Hospital have
held **Collaboration in Science** at Campus Flemingsberg. The conference exists to start and
deepen translational collaborations between basic and clinical research, to let colleagues see
what others are working on, and to show what the core facilities can do.

The programme mixed keynotes, many short presentations across a wide range of subjects, posters
and core-facility exhibitions with time to mingle and talk.

Maria Eriksdotter — professor and senior consultant in geriatrics at Karolinska Institutet and
Karolinska Huddinge, and former Dean of KI South — found that this edition repeated the success
of the first and went beyond what the organisers had hoped, and that it did what it set out to
do: spark new research collaborations. She is already looking forward to the next one.

## Campus and city growing together

Johnny Högberg, CEO of the Flemingsberg Science Foundation, spoke about the future of
Flemingsberg. The foundation's contribution this time was about the city itself: how urban
development and a growing campus support each other, and how research, the local community and
business together make an innovation ecosystem that can compete.
""",
    language="en",
    publish_at=_at(2024, 12, 16, 9, 0),
    event="collaboration-in-science-2024",
)

ATMP = PostSpec(
    slug="atmp-mini-symposium-knowledge-exchange-and-future-collaborations",
    title="ATMP mini-symposium: sharing knowledge and planning new collaborations",
    lead=(
        "Fourteen presentations in one afternoon and over 150 participants from more than 60 "
        "universities and companies."
    ),
    body_md="""\
On 22 January 2025, NextGenNK and CCRM Nordic held a mini-symposium on **Advanced Therapy
Medicinal Products (ATMP)** at Karolinska Institutet, Campus Flemingsberg.

We organised it together to bring academic research and industrial experience closer, so that
advanced therapies can be developed, produced and taken up faster. In half a day, fourteen
speakers from academia, hospitals and industry gave an overview of progress in Stockholm and
across Sweden.

Our aim was a meeting where researchers, clinicians and companies could network, support the
projects already under way, start new ones and make the ATMP field more visible in Sweden.

More than 150 people from over 60 universities and companies came. Many told us how much they
valued the chance to meet and catch up on the latest work, which shows a clear appetite for
continuing to work together.

ATMP — cell and gene therapies among them — is one of the fastest-growing areas of medicine,
with treatments for diseases that could not be treated before and a move towards more
personalised care.
""",
    language="en",
    publish_at=_at(2025, 2, 5, 9, 0),
    event="atmp-mini-symposium-2025",
    author="carin-dahlberg",
    author_line="Blog post by Carin Dahlberg, scientific coordinator, NextGenNK",
)

AWARD = PostSpec(
    slug="limitless-potential-wins-flemingsberg-science-award-2025",
    title="Limitless Potential wins the Flemingsberg Science Award 2025",
    lead="The IDEA award goes to a meeting place where young people create and start things.",
    body_md="""\
**Limitless Potential** has won the Flemingsberg Science Award IDEA 2025.

Young people in disadvantaged areas often struggle with their mental health and lack support,
which can leave them isolated and lead to harmful choices. Limitless Potential answers with a
safe space where creativity and social entrepreneurship help young people move forward.
""",
    language="en",
    publish_at=_at(2025, 6, 2, 9, 0),
)

STEM_CELLS = PostSpec(
    slug="fifty-years-of-stem-cell-transplantation-in-flemingsberg",
    title="50 years since Sweden's first allogeneic stem-cell transplantation",
    lead="On 12 November 1975 it happened at Huddinge Hospital, here in Flemingsberg.",
    body_md="""\
Fifty years ago, on **12 November 1975**, Sweden's first allogeneic stem-cell transplantation
was carried out at Huddinge Hospital in Flemingsberg.

Bone-marrow transplantation grew out of research that followed nuclear disaster, and with it
came modern stem-cell therapy. Its principles still carry today's cell and gene therapies and
CAR-T treatments.
""",
    language="en",
    publish_at=_at(2025, 11, 12, 9, 0),
)

OPERA = PostSpec(
    slug="royal-opera-and-idun-loven-art-school-paint-a-backdrop",
    title="The Royal Opera and Idun Lovén Art School paint together in Flemingsberg",
    lead="Students and professional scenic painters make a backdrop for the opera's foyer.",
    body_md="""\
Education, art and culture meet in Flemingsberg: the **Royal Swedish Opera** and **Idun Lovén
Art School** are starting a joint project. Students will paint side by side with the opera's
professional scenic painters, and their backdrop will hang in the opera's foyer in Scenhuset
in Flemingsberg.
""",
    language="en",
    publish_at=_at(2025, 10, 1, 9, 0),
)

INFRASTRUCTURE = PostSpec(
    slug="forskningsinfrastruktur-och-sma-foretag-i-flemingsberg",
    title="Forskningsinfrastrukturer och små företag ska hitta varandra",
    lead="Ett utvecklingsprogram med CIMED och Karolinska Institutet, i gång sedan våren 2023.",
    body_md="""\
Stiftelsen Flemingsberg Science startade våren 2023 ett utvecklingsprogram som ska göra det
lättare för campusets forskningsinfrastrukturer och små och medelstora företag (SME) att
samarbeta. Programmet drivs tillsammans med **CIMED**, Centrum för innovativ medicin, och
**Karolinska Institutet**.
""",
    language="sv",
    publish_at=_at(2023, 6, 1, 9, 0),
)

POSTS: tuple[PostSpec, ...] = (ICD_EN, ICD_SV, CIS, ATMP, AWARD, STEM_CELLS, OPERA, INFRASTRUCTURE)
