"""Forums and agreements from Huddinge's memo of 11 September 2025 (document 004).

Periods given as years run from 1 January of the first to 31 December of the last; "until
further notice" leaves ``valid_until`` empty. Contact roles are the memo's, in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventapp.core.types import CollaborationKind as K
from eventapp.core.types import CollaborationStatus as S

ACADEMIES = (
    "sodertorns-hogskola",
    "karolinska-institutet",
    "kth",
    "roda-korsets-hogskola",
    "smi",
)


@dataclass(frozen=True)
class CollaborationSpec:
    slug: str
    name: str
    kind: K
    purpose: str
    parties: tuple[str, ...]
    unit: str | None
    contact: str | None = None
    contact_role: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    status: S = S.ACTIVE
    end_note: str = ""
    website: str = ""


COLLABORATIONS: tuple[CollaborationSpec, ...] = (
    CollaborationSpec(
        "hogskoleradet",
        "Högskolerådet",
        K.COUNCIL,
        "Huddinge's university council, set up under the municipal executive board in autumn "
        "2016. It takes no decisions: elected members and officials of the municipality meet "
        "the five academies on campus and the student union to discuss principles of working "
        "together on service development, staff supply, being an attractive employer, and "
        "jobs and growth.",
        ("huddinge-kommun", *ACADEMIES),
        "gaf",
        "pia-hasselrot",
        "Development lead",
        date(2016, 9, 1),
    ),
    CollaborationSpec(
        "gymnasieradet",
        "Gymnasierådet",
        K.COUNCIL,
        "Set up in 2018 so that more young people go on to university: principals or "
        "representatives of all municipal upper-secondary schools with university-preparatory "
        "programmes meet representatives of the academies in Flemingsberg.",
        ("huddinge-kommun", *ACADEMIES),
        "gaf",
        "patrick-vestberg",
        "Head of operations",
        date(2018, 1, 1),
    ),
    CollaborationSpec(
        "stiftelsen-flemingsberg-science",
        "Stiftelsen Flemingsberg Science",
        K.FOUNDATION,
        "Founded in 2011 to bring academia, business and society in Flemingsberg closer. It "
        "looks for collaborations that create value where the three meet and works to make "
        "Flemingsberg one of Sweden's leading centres for education, research and creativity. "
        "Huddinge's municipal director and the chair of the executive board sit on its board.",
        (
            "region-stockholm",
            "huddinge-kommun",
            "botkyrka-kommun",
            "karolinska-institutet",
            "kth",
            "sodertorns-hogskola",
            "roda-korsets-hogskola",
        ),
        "ksf",
        valid_from=date(2011, 1, 1),
        website="https://flemingsbergscience.se",
    ),
    CollaborationSpec(
        "ulf-sodertorns-hogskola",
        "ULF agreement with Södertörn University",
        K.AGREEMENT,
        "Part of the national ULF assignment (education, learning and research) to develop "
        "and test lasting ways for schools and academia to work together on research, "
        "teaching and teacher education, based on the national agreement between SUHF and "
        "IFOUS.",
        ("huddinge-kommun", "sodertorns-hogskola"),
        "gaf",
        "pia-hasselrot",
        "Development lead",
        date(2025, 1, 1),
        date(2027, 12, 31),
    ),
    CollaborationSpec(
        "ulf-stockholms-konstnarliga-hogskola",
        "ULF agreement with Stockholms konstnärliga högskola",
        K.AGREEMENT,
        "A ULF agreement on research-based school development together with the university "
        "of the arts; Huddinge has a seat on the steering group of the capital-region node.",
        ("huddinge-kommun", "skh"),
        "buf",
        "christina-dolke-andersson",
        "Head of department",
        date(2025, 1, 1),
        date(2026, 12, 31),
    ),
    CollaborationSpec(
        "ulf-konstfack",
        "ULF agreement with Konstfack",
        K.AGREEMENT,
        "A ULF agreement with Konstfack on developing schools and teacher education together "
        "through research.",
        ("huddinge-kommun", "konstfack"),
        "buf",
        "christina-dolke-andersson",
        "Head of department",
        date(2025, 1, 1),
        date(2026, 12, 31),
    ),
    CollaborationSpec(
        "huddingetrainee-socionom",
        "Huddingetrainee: socionom",
        K.PROGRAMME,
        "A staff-supply programme started in 2009 that gives social work students a structured "
        "introduction to the profession and helps recruit social workers; run together with "
        "Nacka and Tyresö since 2014, with placements and other questions worked out with the "
        "universities that train social workers.",
        (
            "huddinge-kommun",
            "nacka-kommun",
            "tyreso-kommun",
            "sodertorns-hogskola",
            "marie-cederschiolds-hogskola",
            "stockholms-universitet",
            "orebro-universitet",
        ),
        "sof",
        "olga-edmark",
        "Development lead",
        date(2009, 1, 1),
    ),
    CollaborationSpec(
        "centrum-for-professionsutveckling",
        "Centre for professional development in preschool and school (CPU)",
        K.AGREEMENT,
        "A centre meant to give teacher education a clear focus on professional development, "
        "high-quality school placements (VFU), and closer work on school development and "
        "research.",
        ("huddinge-kommun",),
        "buf",
        "nilla-malardahl",
        "VFU coordinator",
        date(2023, 1, 1),
    ),
    CollaborationSpec(
        "examensarbeten",
        "Degree projects (examensarbeten)",
        K.PLACEMENT,
        "Students write their degree projects on questions from the municipality's work.",
        ("huddinge-kommun",),
        "ksf",
        "shrikant-ward",
        "Analyst",
    ),
    CollaborationSpec(
        "strategiskt-partnerskap-sodertorns-hogskola",
        "Strategic partnership with Södertörn University",
        K.PARTNERSHIP,
        "A partnership for sustainable development of society in its social, ecological, "
        "economic and cultural sense.",
        ("huddinge-kommun", "sodertorns-hogskola"),
        "gaf",
        "pia-hasselrot",
        "Development lead",
        date(2021, 1, 1),
    ),
    CollaborationSpec(
        "innovation-station",
        "Innovation Station agreement",
        K.AGREEMENT,
        "Agreed in June 2024: Framtidsverkstan, the municipality's innovation centre, becomes a "
        "partner of Innovation Station. The municipality can draw on a bank of university "
        "resources for help with specific challenges, cases or ideas, and can use the premises "
        "as a landing place for staff and for meetings and workshops.",
        ("huddinge-kommun", "sodertorns-hogskola", "innovation-station-flemingsberg"),
        "digitaliseringsavdelningen",
        "andrej-kravljaca",
        "Unit manager",
        date(2025, 1, 1),
        date(2027, 12, 31),
    ),
    CollaborationSpec(
        "nya-roster-flemingsberg",
        "Nya röster: Flemingsberg",
        K.AGREEMENT,
        "Through film-making, the parties explore whether and how a cultural incubator could "
        "work in Flemingsberg, and help new voices in film be seen. A pilot over the autumn "
        "term of 2025: a ten-part workshop series on short-film production and cultural "
        "entrepreneurship.",
        ("sodertorns-hogskola", "huddinge-kommun", "film-stockholm"),
        "kuf",
        "tove-sandahl-fransson",
        "Head of culture",
        date(2025, 1, 1),
        date(2025, 12, 31),
    ),
    CollaborationSpec(
        "kreativeu",
        "KreativEU – Knowledge & Creativity European University",
        K.NETWORK,
        "A European university alliance aiming at a competitive and attractive European "
        "education and research system across cultures, borders and disciplines; Södertörn "
        "University leads the work in Sweden.",
        ("kreativeu", "sodertorns-hogskola", "huddinge-kommun"),
        "ksf",
        "maria-fransson",
        "Culture strategist, KUF",
        website="https://kreativeu.org/",
    ),
    CollaborationSpec(
        "samverkan-karolinska-institutet",
        "Agreement with Karolinska Institutet",
        K.AGREEMENT,
        "Grounded in the goals of good and equal health: working together on education, "
        "research, and on development of society, innovation and putting knowledge to use.",
        ("huddinge-kommun", "karolinska-institutet"),
        "sof",
        "elisa-reinikainen",
        "Section manager, elderly care",
        date(2022, 1, 1),
    ),
    CollaborationSpec(
        "malmo-universitet-fys",
        "Malmö universitet – research school for professionals (FYS)",
        K.AGREEMENT,
        "One member of staff from disability support studies at half time in Malmö "
        "universitet's research school for people working in social services, aiming at a "
        "licentiate degree within four years.",
        ("huddinge-kommun", "malmo-universitet"),
        "sof",
        "malin-svahn-schenstrom",
        "Head of disability support services",
        date(2018, 1, 1),
        date(2026, 12, 31),
    ),
    CollaborationSpec(
        "goteborgs-universitet-uttc",
        "Göteborgs universitet – Urban Twin Transition Center (UTTC)",
        K.PARTNERSHIP,
        "A Vinnova-funded centre helping municipalities use digitalisation and AI for the "
        "climate transition (twin transition), by finding and validating technical solutions "
        "and what it takes to scale them nationally.",
        ("huddinge-kommun", "goteborgs-universitet"),
        "digitaliseringsavdelningen",
        "andrej-kravljaca",
        "Unit manager",
        date(2024, 4, 1),
    ),
    CollaborationSpec(
        "scenkonstresidens",
        "Scenkonstresidens – performing-arts residency",
        K.AGREEMENT,
        "A joint residency that let artistic exploration meet the university's research and "
        "teaching, and let more people in Huddinge take part in artistic work.",
        ("huddinge-kommun", "sodertorns-hogskola"),
        "kuf",
        valid_from=date(2021, 1, 1),
        valid_until=date(2024, 12, 31),
        status=S.ENDED,
        end_note=(
            "Terminated ahead of 2025. Talks about new ways of working together on culture "
            "led to a pilot with Film Stockholm AB (Nya röster: Flemingsberg)."
        ),
    ),
    CollaborationSpec(
        "campusgruppen",
        "Campusgruppen",
        K.NETWORK,
        "Started by the academies in Flemingsberg and chaired by Södertörn University, with "
        "the municipality, Flemingsberg Science, KI and the student union: it pointed out "
        "shared problems and opportunities and held a vision of the campus as one attractive "
        "whole.",
        (
            "sodertorns-hogskola",
            "huddinge-kommun",
            "flemingsberg-science",
            "karolinska-institutet",
        ),
        "naringslivsenheten",
        status=S.ENDED,
        end_note="Listed among ended collaborations in the memo; no end date is given.",
    ),
)
