"""Dates, times, durations and money for people: Babel, in the agent's locale and zone.

Every formatter takes the locale explicitly (never `locale.setlocale`, which is process-wide)
and instants are converted to the agent's zone only here, at the edge.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from models.money import Money

# Babel's locale identifiers for the UI languages, with a region so formats look native.
_BABEL_LOCALES = {
    "en": "en_GB", "es": "es_ES", "it": "it_IT", "fr": "fr_FR", "nl": "nl_NL",
    "de": "de_DE", "zh": "zh_Hans_CN", "pt": "pt_PT", "pl": "pl_PL",
}  # fmt: skip


def babel_locale(language: str) -> str:
    """The Babel locale used for an agent's UI language (English for anything else)."""
    return _BABEL_LOCALES.get(language, "en_GB")


def format_money(money: Money, language: str) -> str:
    """`€12.50` / `12,50 €` as the agent's locale writes it, exactly (no float)."""
    from babel.numbers import format_currency

    text: str = format_currency(money.as_decimal(), money.currency, locale=babel_locale(language))
    return text


def format_instant(at: datetime, zone: str, language: str, *, style: str = "medium") -> str:
    """An aware instant in the agent's zone and locale."""
    from babel.dates import format_datetime

    text: str = format_datetime(
        at.astimezone(ZoneInfo(zone)), format=style, locale=babel_locale(language)
    )
    return text


def format_date(at: datetime, zone: str, language: str, *, style: str = "full") -> str:
    """The agent's local date of an instant, e.g. "Tuesday 24 November 2026"."""
    from babel.dates import format_date as babel_format_date

    text: str = babel_format_date(
        at.astimezone(ZoneInfo(zone)).date(), format=style, locale=babel_locale(language)
    )
    return text


WordForm = Literal["narrow", "short", "long"]


def format_relative(delta: timedelta, language: str) -> str:
    """A signed duration as words: "in 2 hours", "3 days ago"."""
    return _cached_words(delta, language, "short", True)


def format_age(age: timedelta, language: str) -> str:
    """How old something is, as short as the locale writes it: "3d", "5h"."""
    return _cached_words(age, language, "narrow", False)


# Babel's units (`babel.dates.TIMEDELTA_UNITS`) down to the minute, the granularity used here.
_UNIT_SECONDS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60)

_words: dict[tuple[bool, int, int, str, WordForm, bool], str] = {}
"""Words already written, by what they depend on (a list repaints dozens at a time)."""


def _words_key(delta: timedelta) -> tuple[bool, int, int]:
    """What Babel's words for `delta` depend on, at minute granularity and threshold 1: the
    sign, the unit it picks (the largest with at least one) and that unit's rounded count.
    Every duration with the same key is written alike, so a list of a million ages and due
    times asks Babel a few hundred times at most."""
    seconds = delta.days * 86400 + delta.seconds  # whole seconds, as Babel counts them
    magnitude = abs(seconds)
    for unit, per_unit in enumerate(_UNIT_SECONDS):
        value = magnitude / per_unit
        if value >= 1 or per_unit == 60:
            if per_unit == 60 and value > 0:
                value = max(1, value)
            return seconds >= 0, unit, round(value)
    raise AssertionError("the minute always matches")  # pragma: no cover


def _cached_words(delta: timedelta, language: str, form: WordForm, direction: bool) -> str:
    key = (*_words_key(delta), language, form, direction)
    words = _words.get(key)
    if words is None:
        words = _words[key] = duration_words(delta, language, form, direction)
    return words


def load_words(language: str) -> None:
    """Have Babel read `language`'s data now: its first use costs 20 to 30 ms, which a worker
    thread can pay instead of the first paint of a list."""
    format_relative(timedelta(0), language)
    format_age(timedelta(0), language)


def warm_up() -> None:
    """Have Babel read what every language shares, by reading English's words: the first
    language read costs 10 to 15 ms, each later one 3 to 4 ms. For a worker while the sign-in
    is checked, before the agent's language is known."""
    load_words("en")


def duration_words(delta: timedelta, language: str, form: WordForm, direction: bool) -> str:
    """Babel's words for `delta` in `form` ("short", "narrow"), uncached.

    Some locales lack a form for some units (German has no short "in … months"): the long
    form is used for those rather than failing.
    """
    from babel.dates import format_timedelta

    locale = babel_locale(language)
    try:
        text: str = format_timedelta(
            delta, granularity="minute", threshold=1.0, add_direction=direction,
            format=form, locale=locale,
        )  # fmt: skip
    except KeyError:
        text = format_timedelta(
            delta, granularity="minute", threshold=1.0, add_direction=direction,
            format="long", locale=locale,
        )  # fmt: skip
    return text


def format_count(count: int, language: str) -> str:
    """A whole number with the locale's grouping ("10,000" / "10.000")."""
    from babel.numbers import format_decimal

    text: str = format_decimal(count, locale=babel_locale(language))
    return text
