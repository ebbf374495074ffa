"""Forums and agreements from Huddinge's memo of 11 September 2025 (document 004).

The memo is Swedish, so every entry's texts are Swedish originals, close to the memo's own
words; the forums that people from abroad ask about most (the councils, the foundation, the
agreements with Karolinska Institutet and Innovation Station, the European alliance) also
carry an English version, the rest are read in Swedish by everyone, marked as such. Periods
given as years run from 1 January of the first to 31 December of the last; "until further
notice" leaves ``valid_until`` empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    #: The English version of the texts that have one (name, purpose, contact_role, end_note).
    english: dict[str, str] = field(default_factory=dict)


COLLABORATIONS: tuple[CollaborationSpec, ...] = (
    CollaborationSpec(
        "hogskoleradet",
        "Högskolerådet",
        K.COUNCIL,
        "Huddinge kommuns högskoleråd inrättades under kommunstyrelsen hösten 2016 och har "
        "inga beslutande funktioner. Här möter kommunens förtroendevalda och tjänstepersoner "
        "de fem akademierna på campus och studentkåren för att diskutera principiella "
        "samverkansfrågor: verksamhetsutveckling, personalförsörjning, attraktiv arbetsgivare "
        "samt sysselsättning och tillväxt.",
        ("huddinge-kommun", *ACADEMIES),
        "gaf",
        "pia-hasselrot",
        "utvecklingsledare",
        date(2016, 9, 1),
        english={
            "purpose": "Huddinge's university council, set up under the municipal executive "
            "board in autumn 2016. It takes no decisions: elected members and officials of the "
            "municipality meet the five academies on campus and the student union to discuss "
            "principles of working together on service development, staff supply, being an "
            "attractive employer, and jobs and growth.",
            "contact_role": "Development lead",
        },
    ),
    CollaborationSpec(
        "gymnasieradet",
        "Gymnasierådet",
        K.COUNCIL,
        "Inrättades 2018 för att fler unga ska börja läsa på akademisk nivå. Rektorer eller "
        "representanter för kommunens alla gymnasieskolor med högskoleförberedande program "
        "möter representanter för akademierna i Flemingsberg.",
        ("huddinge-kommun", *ACADEMIES),
        "gaf",
        "patrick-vestberg",
        "verksamhetschef",
        date(2018, 1, 1),
        english={
            "purpose": "Set up in 2018 so that more young people go on to university: "
            "principals or representatives of all municipal upper-secondary schools with "
            "university-preparatory programmes meet representatives of the academies in "
            "Flemingsberg.",
            "contact_role": "Head of operations",
        },
    ),
    CollaborationSpec(
        "stiftelsen-flemingsberg-science",
        "Stiftelsen Flemingsberg Science",
        K.FOUNDATION,
        "Bildades 2011 för att främja samarbetet mellan akademi, näringsliv och samhälle i "
        "Flemingsberg. Stiftelsen söker värdeskapande samverkan där de tre möts och arbetar "
        "för att Flemingsberg ska bli ett av Sveriges mest betydelsefulla centrum för "
        "utbildning, forskning och kreativitet. Kommundirektören och kommunstyrelsens "
        "ordförande sitter i styrelsen.",
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
        english={
            "name": "Flemingsberg Science Foundation",
            "purpose": "Founded in 2011 to bring academia, business and society in "
            "Flemingsberg closer. It looks for collaborations that create value where the "
            "three meet and works to make Flemingsberg one of Sweden's leading centres for "
            "education, research and creativity. Huddinge's municipal director and the chair "
            "of the executive board sit on its board.",
        },
    ),
    CollaborationSpec(
        "ulf-sodertorns-hogskola",
        "ULF-avtal med Södertörns högskola",
        K.AGREEMENT,
        "En del av det nationella regeringsuppdraget ULF (utbildning, lärande, forskning): att "
        "utveckla, pröva och etablera hållbara former för samverkan mellan akademi och skola "
        "kring forskning, skolverksamhet och lärarutbildning, utifrån det nationella avtalet "
        "mellan SUHF och IFOUS.",
        ("huddinge-kommun", "sodertorns-hogskola"),
        "gaf",
        "pia-hasselrot",
        "utvecklingsledare",
        date(2025, 1, 1),
        date(2027, 12, 31),
    ),
    CollaborationSpec(
        "ulf-stockholms-konstnarliga-hogskola",
        "ULF-avtal med Stockholms konstnärliga högskola",
        K.AGREEMENT,
        "Ett ULF-avtal om forskningsbaserad skolutveckling tillsammans med Stockholms "
        "konstnärliga högskola. Huddinge har en plats i Huvudstadsnodens styrgrupp.",
        ("huddinge-kommun", "skh"),
        "buf",
        "christina-dolke-andersson",
        "avdelningschef",
        date(2025, 1, 1),
        date(2026, 12, 31),
    ),
    CollaborationSpec(
        "ulf-konstfack",
        "ULF-avtal med Konstfack",
        K.AGREEMENT,
        "Ett ULF-avtal med Konstfack om att tillsammans utveckla skolan och lärarutbildningen "
        "på vetenskaplig grund.",
        ("huddinge-kommun", "konstfack"),
        "buf",
        "christina-dolke-andersson",
        "avdelningschef",
        date(2025, 1, 1),
        date(2026, 12, 31),
    ),
    CollaborationSpec(
        "huddingetrainee-socionom",
        "Huddingetrainee: socionom",
        K.PROGRAMME,
        "En strategi för personalförsörjning som startade 2009: socionomstudenter får en "
        "genomtänkt och strukturerad yrkesintroduktion, och socialtjänsten lättare att "
        "rekrytera. Sedan 2014 tillsammans med Nacka och Tyresö; verksamhetsförlagd "
        "utbildning och andra frågor om socionomutbildningen sköts med lärosätena som utbildar "
        "socionomer.",
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
        "utvecklingsledare",
        date(2009, 1, 1),
    ),
    CollaborationSpec(
        "centrum-for-professionsutveckling",
        "Centrum för professionsutveckling i förskolan och skolan (CPU)",
        K.AGREEMENT,
        "Ett centrum som ska ge lärarutbildningen ett tydligt fokus på professionsutveckling "
        "och hög kvalitet i den verksamhetsförlagda utbildningen (VFU), och stärka samarbetet "
        "kring skolutveckling och forskning.",
        ("huddinge-kommun",),
        "buf",
        "nilla-malardahl",
        "VFU-samordnare",
        date(2023, 1, 1),
    ),
    CollaborationSpec(
        "examensarbeten",
        "Examensarbeten",
        K.PLACEMENT,
        "Studenter skriver sina examensarbeten om frågor från kommunens verksamhet.",
        ("huddinge-kommun",),
        "ksf",
        "shrikant-ward",
        "utredare",
        english={
            "name": "Degree projects",
            "purpose": "Students write their degree projects on questions from the "
            "municipality's work.",
            "contact_role": "Analyst",
        },
    ),
    CollaborationSpec(
        "strategiskt-partnerskap-sodertorns-hogskola",
        "Strategiskt partnerskap med Södertörns högskola",
        K.PARTNERSHIP,
        "Ett partnerskap som ska stärka arbetet för en hållbar samhällsutveckling: socialt, "
        "ekologiskt, ekonomiskt och kulturellt.",
        ("huddinge-kommun", "sodertorns-hogskola"),
        "gaf",
        "pia-hasselrot",
        "utvecklingsledare",
        date(2021, 1, 1),
        english={
            "name": "Strategic partnership with Södertörn University",
            "purpose": "A partnership for sustainable development of society in its social, "
            "ecological, economic and cultural sense.",
            "contact_role": "Development lead",
        },
    ),
    CollaborationSpec(
        "innovation-station",
        "Avtal om Innovation Station",
        K.AGREEMENT,
        "Avtalet från juni 2024 gör Framtidsverkstan, kommunens innovationscentrum, till "
        "partner i Innovation Station. Kommunen får tillgång till en resursbank där högskolan "
        "hjälper till att innovera kring särskilda utmaningar, case eller idéer, och till "
        "lokaler: en landningsplats för kommunens medarbetare och rum för möten och workshoppar.",
        ("huddinge-kommun", "sodertorns-hogskola", "innovation-station-flemingsberg"),
        "digitaliseringsavdelningen",
        "andrej-kravljaca",
        "enhetschef",
        date(2025, 1, 1),
        date(2027, 12, 31),
        english={
            "name": "Innovation Station agreement",
            "purpose": "Agreed in June 2024: Framtidsverkstan, the municipality's innovation "
            "centre, becomes a partner of Innovation Station. The municipality can draw on a "
            "bank of university resources for help with specific challenges, cases or ideas, "
            "and can use the premises as a landing place for staff and for meetings and "
            "workshops.",
            "contact_role": "Unit manager",
        },
    ),
    CollaborationSpec(
        "nya-roster-flemingsberg",
        "Nya röster: Flemingsberg",
        K.AGREEMENT,
        "Genom filmskapande undersöker parterna om och hur en kulturinkubator kan fungera i "
        "Flemingsberg, och bidrar till att nya röster inom film syns. Ett pilotprojekt under "
        "höstterminen 2025: en workshopserie i tio delar om kortfilmsproduktion och "
        "kulturentreprenörskap.",
        ("sodertorns-hogskola", "huddinge-kommun", "film-stockholm"),
        "kuf",
        "tove-sandahl-fransson",
        "verksamhetschef kultur",
        date(2025, 1, 1),
        date(2025, 12, 31),
    ),
    CollaborationSpec(
        "kreativeu",
        "KreativEU – Knowledge & Creativity European University",
        K.NETWORK,
        "En europeisk universitetsallians med lärosäten från elva länder och Turkiet, som vill "
        "skapa ett konkurrenskraftigt och attraktivt europeiskt system för utbildning och "
        "forskning över kulturer, gränser och ämnen. I Sverige leds arbetet av Södertörns "
        "högskola.",
        ("kreativeu", "sodertorns-hogskola", "huddinge-kommun"),
        "ksf",
        "maria-fransson",
        "kulturstrateg, KUF",
        website="https://kreativeu.org/",
        english={
            "purpose": "A European university alliance aiming at a competitive and attractive "
            "European education and research system across cultures, borders and disciplines; "
            "Södertörn University leads the work in Sweden.",
            "contact_role": "Culture strategist, KUF",
        },
    ),
    CollaborationSpec(
        "samverkan-karolinska-institutet",
        "Samverkansavtal med Karolinska Institutet",
        K.AGREEMENT,
        "Grundat i målen om god och jämlik hälsa: samverkan inom utbildning, forskning, "
        "samhällsutveckling, innovation och nyttiggörande.",
        ("huddinge-kommun", "karolinska-institutet"),
        "sof",
        "elisa-reinikainen",
        "sektionschef äldreomsorg",
        date(2022, 1, 1),
        english={
            "name": "Agreement with Karolinska Institutet",
            "purpose": "Grounded in the goals of good and equal health: working together on "
            "education, research, and on development of society, innovation and putting "
            "knowledge to use.",
            "contact_role": "Section manager, elderly care",
        },
    ),
    CollaborationSpec(
        "malmo-universitet-fys",
        "Malmö universitet – Forskarskolan för yrkesverksamma (FYS)",
        K.AGREEMENT,
        "En medarbetare inom funktionsstöd studerar på halvtid i Malmö universitets "
        "forskarskola för yrkesverksamma inom socialtjänsten, mot en licentiatexamen inom fyra "
        "år.",
        ("huddinge-kommun", "malmo-universitet"),
        "sof",
        "malin-svahn-schenstrom",
        "verksamhetsområdeschef funktionsstöd",
        date(2018, 1, 1),
        date(2026, 12, 31),
    ),
    CollaborationSpec(
        "goteborgs-universitet-uttc",
        "Göteborgs universitet – Urban Twin Transition Center (UTTC)",
        K.PARTNERSHIP,
        "Ett Vinnovafinansierat initiativ som stärker kommunernas förmåga att använda "
        "digitalisering och AI för klimatomställningen (twin transition): tekniska lösningar "
        "och förutsättningarna för dem identifieras och valideras så att de kan skalas upp "
        "nationellt. Partnerskapsavtal sedan april 2024.",
        ("huddinge-kommun", "goteborgs-universitet"),
        "digitaliseringsavdelningen",
        "andrej-kravljaca",
        "enhetschef",
        date(2024, 4, 1),
        english={
            "name": "University of Gothenburg – Urban Twin Transition Center (UTTC)",
            "purpose": "A Vinnova-funded centre helping municipalities use digitalisation and "
            "AI for the climate transition (twin transition), by finding and validating "
            "technical solutions and what it takes to scale them nationally.",
            "contact_role": "Unit manager",
        },
    ),
    CollaborationSpec(
        "scenkonstresidens",
        "Scenkonstresidens",
        K.AGREEMENT,
        "Ett gemensamt residens där konstens utforskande arbetssätt mötte högskolans forskning "
        "och utbildning, och där fler Huddingebor kunde bidra till och ta del av konstnärlig "
        "verksamhet.",
        ("huddinge-kommun", "sodertorns-hogskola"),
        "kuf",
        valid_from=date(2021, 1, 1),
        valid_until=date(2024, 12, 31),
        status=S.ENDED,
        end_note=(
            "Avtalet sades upp inför 2025. Samtalen om nya former för kultursamverkan ledde "
            "till ett pilotprojekt med Film Stockholm AB (Nya röster: Flemingsberg)."
        ),
    ),
    CollaborationSpec(
        "campusgruppen",
        "Campusgruppen",
        K.NETWORK,
        "Startades av akademierna i Flemingsberg med Södertörns högskola som ordförande, och "
        "med kommunen, Flemingsberg Science, KI och studentkåren: gruppen lyfte gemensamma "
        "problem och möjligheter och hade en vision om campus som en attraktiv helhet.",
        (
            "sodertorns-hogskola",
            "huddinge-kommun",
            "flemingsberg-science",
            "karolinska-institutet",
        ),
        "naringslivsenheten",
        status=S.ENDED,
        end_note="Finns bland de avslutade samarbetena i promemorian, utan slutdatum.",
    ),
)
