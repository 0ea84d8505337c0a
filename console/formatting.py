"""Dates, times, durations and money for people: Babel, in the agent's locale and zone.

Every formatter takes the locale explicitly (never `locale.setlocale`, which is process-wide)
and instants are converted to the agent's zone only here, at the edge.
"""

from __future__ import annotations

from datetime import datetime, timedelta
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


def format_relative(delta: timedelta, language: str) -> str:
    """A signed duration as words: "in 2 hours", "3 days ago"."""
    from babel.dates import format_timedelta

    text: str = format_timedelta(
        delta, granularity="minute", threshold=1.0, add_direction=True,
        format="short", locale=babel_locale(language),
    )  # fmt: skip
    return text


def format_count(count: int, language: str) -> str:
    """A whole number with the locale's grouping ("10,000" / "10.000")."""
    from babel.numbers import format_decimal

    text: str = format_decimal(count, locale=babel_locale(language))
    return text
