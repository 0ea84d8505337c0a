"""Money is parsed exactly and never leaves integer minor units."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.money import Money, MoneyError, parse_amount


def test_parses_euros_to_cents() -> None:
    assert parse_amount("12.50", "EUR") == Money(1250, "EUR")


def test_whole_amount_and_lower_case_currency() -> None:
    assert parse_amount(" 7 ", "eur") == Money(700, "EUR")


@pytest.mark.parametrize("text", ["12.505", "0.001", "1e-3"])
def test_too_many_decimals_is_refused(text: str) -> None:
    with pytest.raises(MoneyError, match="more decimals"):
        parse_amount(text, "EUR")


@pytest.mark.parametrize("text", ["", "abc", "NaN", "Infinity", "12,50"])
def test_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(MoneyError, match="not an amount"):
        parse_amount(text, "EUR")


def test_unknown_currency_names_the_known_ones() -> None:
    with pytest.raises(MoneyError, match="unknown currency 'XXX'.*EUR"):
        parse_amount("1", "XXX")


def test_float_minor_units_are_refused() -> None:
    with pytest.raises(MoneyError):
        Money(12.5, "EUR")  # type: ignore[arg-type]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_round_trip_through_text(minor: int) -> None:
    money = Money(minor, "EUR")
    assert parse_amount(str(money.as_decimal()), "EUR") == money
    assert money.as_decimal() == Decimal(minor) / 100
