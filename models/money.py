"""Money: integer minor units with an ISO 4217 currency, parsed exactly from text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

# ISO 4217 minor-unit exponents of the currencies a European marketplace settles in.
MINOR_DIGITS: Final[dict[str, int]] = {
    "EUR": 2, "GBP": 2, "CHF": 2, "PLN": 2, "SEK": 2, "DKK": 2, "NOK": 2, "CZK": 2,
    "HUF": 2, "RON": 2, "BGN": 2, "ISK": 0, "USD": 2, "CNY": 2, "JPY": 0,
}  # fmt: skip


class MoneyError(ValueError):
    """An amount or currency that cannot be represented exactly."""


def minor_digits(currency: str) -> int:
    """How many decimals the currency's minor unit has."""
    try:
        return MINOR_DIGITS[currency.upper()]
    except KeyError:
        known = ", ".join(sorted(MINOR_DIGITS))
        raise MoneyError(f"unknown currency {currency!r}; use one of {known}") from None


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in the currency's minor unit (cents for EUR)."""

    amount_minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount_minor, bool) or not isinstance(self.amount_minor, int):
            raise MoneyError(f"amount_minor must be an integer, not {self.amount_minor!r}")
        minor_digits(self.currency)

    def as_decimal(self) -> Decimal:
        """The amount in major units, exactly."""
        return Decimal(self.amount_minor).scaleb(-minor_digits(self.currency))

    def to_json(self) -> dict[str, int | str]:
        """The JSON shape of the CLI: `{"amount_minor": 1250, "currency": "EUR"}`."""
        return {"amount_minor": self.amount_minor, "currency": self.currency}


def parse_amount(text: str, currency: str) -> Money:
    """Parse `12.50` in `currency` exactly; too many decimals or a non-number is an error."""
    digits = minor_digits(currency)
    cleaned = text.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError(f"{text!r} is not an amount; write it like 12.50") from None
    if not value.is_finite():
        raise MoneyError(f"{text!r} is not an amount; write it like 12.50")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > digits:
        raise MoneyError(
            f"{text!r} has more decimals than {currency.upper()} allows ({digits}); "
            f"round it to {digits} decimal{'s' if digits != 1 else ''}"
        )
    return Money(int(value.scaleb(digits)), currency.upper())
