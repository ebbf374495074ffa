"""A series' cadence in words: an iCalendar RRULE read aloud in the reader's language."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, get_day_names, get_month_names
from babel.lists import format_list
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from eventapp.events.models import EventSeries

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class CadenceError(ValueError):
    """The RRULE is not one we can read."""


def _locale() -> str:
    locale = get_locale()
    return str(locale) if locale is not None else "en"


def parse_rrule(rule: str) -> dict[str, str]:
    """``"FREQ=YEARLY;INTERVAL=2"`` → ``{"FREQ": "YEARLY", "INTERVAL": "2"}``."""
    parts: dict[str, str] = {}
    for chunk in rule.strip().removeprefix("RRULE:").split(";"):
        if not chunk:
            continue
        key, sep, value = chunk.partition("=")
        if not sep or not value:
            raise CadenceError(rule)
        parts[key.strip().upper()] = value.strip().upper()
    return parts


def _frequency(freq: str, interval: int) -> str:
    if freq == "DAILY":
        return ngettext("every day", "every %(num)s days", interval)
    if freq == "WEEKLY":
        return ngettext("every week", "every %(num)s weeks", interval)
    if freq == "MONTHLY":
        return ngettext("every month", "every %(num)s months", interval)
    if freq == "YEARLY":
        return ngettext("every year", "every %(num)s years", interval)
    raise CadenceError(freq)


def _ordinal_day(nth: int, day: str) -> str:
    if nth == 1:
        return _("the first %(day)s", day=day)
    if nth == 2:
        return _("the second %(day)s", day=day)
    if nth == 3:
        return _("the third %(day)s", day=day)
    if nth == 4:
        return _("the fourth %(day)s", day=day)
    if nth == -1:
        return _("the last %(day)s", day=day)
    raise CadenceError(str(nth))


def _days(value: str, locale: str) -> str:
    names = get_day_names("wide", locale=locale)
    words = []
    for item in value.split(","):
        code, prefix = item[-2:], item[:-2]
        if code not in WEEKDAYS:
            raise CadenceError(item)
        name = names[WEEKDAYS.index(code)]
        words.append(_ordinal_day(int(prefix), name) if prefix.lstrip("+-").isdigit() else name)
    return _("on %(days)s", days=format_list(words, locale=locale))


def _months(value: str, locale: str) -> str:
    names = get_month_names("wide", locale=locale)
    months = [int(m) for m in value.split(",")]
    if any(m not in names for m in months):
        raise CadenceError(value)
    return _("in %(months)s", months=format_list([names[m] for m in months], locale=locale))


def _until(value: str, locale: str) -> str:
    day = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    return _("until %(date)s", date=format_date(day, "long", locale=locale))


def rrule_in_words(rule: str) -> str:
    """ "Every 2 years" / "Every week on Tuesday, until 9 December 2025"; raises CadenceError."""
    try:
        parts = parse_rrule(rule)
        interval = int(parts.get("INTERVAL", "1"))
        if interval < 1:
            raise CadenceError(rule)
        locale = _locale()
        words = [_frequency(parts.get("FREQ", ""), interval)]
        if "BYMONTH" in parts:
            words.append(_months(parts["BYMONTH"], locale))
        if "BYDAY" in parts:
            words.append(_days(parts["BYDAY"], locale))
        if "BYMONTHDAY" in parts:
            days = [str(int(d)) for d in parts["BYMONTHDAY"].split(",")]
            words.append(_("on day %(days)s", days=format_list(days, locale=locale)))
        extras = []
        if "COUNT" in parts:
            count = int(parts["COUNT"])
            extras.append(ngettext("%(num)s time in all", "%(num)s times in all", count))
        if "UNTIL" in parts:
            extras.append(_until(parts["UNTIL"], locale))
    except (ValueError, KeyError, IndexError) as exc:
        raise CadenceError(rule) from exc
    text = " ".join(words)
    if extras:
        text = f"{text}, {', '.join(extras)}"
    return text[:1].upper() + text[1:]


def cadence_in_words(series: EventSeries) -> str:
    """The RRULE in the reader's language when it can be read, else the free text; "" if none."""
    if series.cadence_rrule:
        try:
            return rrule_in_words(series.cadence_rrule)
        except CadenceError:
            pass
    return (series.cadence_text or "").strip()
