"""Dates, times, durations and money for people: Babel, in the agent's locale and zone.

Every formatter takes the locale explicitly (never `locale.setlocale`, which is process-wide)
and instants are converted to the agent's zone only here, at the edge.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
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
    return _duration_words(_quarter_minutes(delta), language, "short", True)


def format_age(age: timedelta, language: str) -> str:
    """How old something is, as short as the locale writes it: "3d", "5h"."""
    return _duration_words(_quarter_minutes(age), language, "narrow", False)


def _quarter_minutes(delta: timedelta) -> int:
    """`delta` as a key that stands for every duration Babel words alike.

    With minute granularity Babel's words change only at multiples of 30 seconds (it rounds
    to the nearest unit, every unit a whole number of minutes, and a tie at exactly x.5 may go
    either way): an exact multiple of 30 s is its own key (even), and everything strictly
    between two of them shares the key of the middle (odd), in units of 15 s.
    """
    seconds = delta.days * 86400 + delta.seconds  # whole seconds, as Babel counts them
    halves = seconds // 30
    return 2 * halves if seconds == halves * 30 else 2 * halves + 1


@lru_cache(maxsize=8192)
def _duration_words(quarters: int, language: str, form: WordForm, direction: bool) -> str:
    """Babel's words for a duration (cached: a list repaints dozens at a time)."""
    return duration_words(timedelta(seconds=quarters * 15), language, form, direction)


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
