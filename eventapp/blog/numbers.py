"""Counts in words for the story, in the post's language: "two keynotes", "över 150 deltagare".

The story is written in the post's language whatever language the organiser's screen is in, so
these phrases are built from tables here rather than from the UI catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

WORDS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten", "eleven", "twelve"),
    "sv": ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio",
           "tio", "elva", "tolv"),
}  # fmt: skip
AND = {"en": "and", "sv": "och"}

# Session kinds that make a programme, in the order a story names them, with their nouns:
# (singular, plural, article for one). Swedish "en"/"ett" is the noun's gender.
SESSION_NOUNS: dict[str, dict[str, tuple[str, str, str]]] = {
    "en": {
        "keynote": ("keynote", "keynotes", "a"),
        "talk": ("presentation", "presentations", "a"),
        "short_presentation": ("short presentation", "short presentations", "a"),
        "panel": ("panel", "panels", "a"),
        "workshop": ("workshop", "workshops", "a"),
        "poster_session": ("poster session", "poster sessions", "a"),
        "exhibition": ("exhibition", "exhibitions", "an"),
        "inauguration": ("inauguration", "inaugurations", "an"),
        "ceremony": ("ceremony", "ceremonies", "a"),
    },
    "sv": {
        "keynote": ("keynote-föreläsning", "keynote-föreläsningar", "en"),
        "talk": ("presentation", "presentationer", "en"),
        "short_presentation": ("kort presentation", "korta presentationer", "en"),
        "panel": ("paneldiskussion", "paneldiskussioner", "en"),
        "workshop": ("workshop", "workshoppar", "en"),
        "poster_session": ("postersession", "postersessioner", "en"),
        "exhibition": ("utställning", "utställningar", "en"),
        "inauguration": ("invigning", "invigningar", "en"),
        "ceremony": ("ceremoni", "ceremonier", "en"),
    },
}
PEOPLE_NOUNS = {
    "en": {"participant": ("participant", "participants"),
           "organisation": ("organisation", "organisations")},
    "sv": {"participant": ("deltagare", "deltagare"),
           "organisation": ("organisation", "organisationer")},
}  # fmt: skip
# "over 150 participants from more than 60 organisations"
OVER = {"en": ("over", "more than"), "sv": ("över", "mer än")}
FROM = {"en": "from", "sv": "från"}


def lang_of(language: str) -> str:
    """The phrase tables' language for ``language`` (English unless Swedish)."""
    return "sv" if language == "sv" else "en"


def number_word(n: int, language: str) -> str:
    """ "two" / "två" for small numbers, digits from 13 on."""
    words = WORDS[lang_of(language)]
    return words[n] if 0 <= n < len(words) else str(n)


def rounding_step(n: int) -> int:
    """The granularity of a nice figure: 10s below 100, 50s below 1,000, 500s below 10,000…"""
    if n < 100:
        return 10
    step = 50
    while n >= step * 20:
        step *= 10
    return step


def nice_floor(n: int) -> tuple[int, bool]:
    """``(figure, exact)``: 153 → (150, False); 60 → (60, True); small numbers stay exact.

    Rounding is always down, so "over 150" is true whenever it is said.
    """
    if n < 20:
        return n, True
    figure = n - n % rounding_step(n)
    return figure, figure == n


def honest_count(n: int, noun: str, language: str, over_word: int = 0) -> str:
    """ "over 150 participants", "more than 60 organisations", "eight participants"."""
    lang = lang_of(language)
    singular, plural = PEOPLE_NOUNS[lang][noun]
    figure, exact = nice_floor(n)
    if exact:
        # Both nouns are common gender in Swedish: "en deltagare", never "ett".
        word = {"en": "one", "sv": "en"}[lang] if n == 1 else number_word(n, lang)
        return f"{word} {singular if n == 1 else plural}"
    return f"{OVER[lang][over_word]} {figure} {plural}"


def attendance_phrase(participants: int, organisations: int, language: str) -> str:
    """ "over 150 participants from more than 60 organisations" (organisations when known)."""
    lang = lang_of(language)
    text = honest_count(participants, "participant", lang, over_word=0)
    if organisations:
        text += f" {FROM[lang]} {honest_count(organisations, 'organisation', lang, over_word=1)}"
    return text


def join_words(items: Sequence[str], language: str) -> str:
    """ "a, b and c" / "a, b och c"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND[lang_of(language)]} {items[-1]}"


def count_noun(n: int, kind: str, language: str) -> str:
    """ "a panel", "two keynotes", "14 presentations", "ett"/"en" by gender in Swedish."""
    singular, plural, article = SESSION_NOUNS[lang_of(language)][kind]
    if n == 1:
        return f"{article} {singular}"
    return f"{number_word(n, language)} {plural}"


def sessions_phrase(counts: Mapping[str, int], language: str) -> str:
    """ "14 presentations, two keynotes and a panel": the most frequent kind first."""
    nouns = SESSION_NOUNS[lang_of(language)]
    kinds = sorted((kind for kind in nouns if counts.get(kind)), key=lambda k: -counts[k])
    parts = [count_noun(counts[kind], kind, language) for kind in kinds]
    return join_words(parts, language)


# Sectors (the directory's organisation kinds) as a story names them, plural.
SECTOR_NOUNS: dict[str, dict[str, str]] = {
    "en": {
        "university": "universities", "hospital": "hospitals", "region": "regions",
        "municipality": "municipalities", "research_centre": "research centres",
        "foundation": "foundations", "company": "companies", "network": "networks",
        "school": "schools",
    },
    "sv": {
        "university": "universitet och högskolor", "hospital": "sjukhus", "region": "regioner",
        "municipality": "kommuner", "research_centre": "forskningscentrum",
        "foundation": "stiftelser", "company": "företag", "network": "nätverk",
        "school": "skolor",
    },
}  # fmt: skip
ARTICLES = ("the ", "a ", "an ")


def sectors_phrase(sectors: Sequence[str], language: str) -> str:
    """ "universities, hospitals and companies" (the sectors a story can name, in order)."""
    nouns = SECTOR_NOUNS[lang_of(language)]
    return join_words([nouns[s] for s in sectors if s in nouns], language)


def with_article(title: str, language: str, markdown_title: str | None = None) -> str:
    """ "the ATMP mini-symposium": English names an event with "the" (unless its title has
    an article already); Swedish needs none. ``markdown_title`` is what is printed."""
    shown = title if markdown_title is None else markdown_title
    if lang_of(language) != "en" or title.casefold().startswith(ARTICLES):
        return shown
    return f"the {shown}"
