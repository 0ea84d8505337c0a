"""The disputes' configuration: windows, the four-eyes threshold, evidence size, redress bodies.

Each group is one `Setting` whose JSON value is merged over the defaults below (the spec's
figures), so a team changes one number without restating the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final

from sqlmodel import Session

from models.team import Setting

WINDOWS_SETTING: Final = "disputes.windows"
FOUR_EYES_SETTING: Final = "disputes.four_eyes_threshold"
EVIDENCE_SETTING: Final = "disputes.evidence_max_bytes"
REDRESS_SETTING: Final = "disputes.redress"

DEFAULT_WINDOWS: Final[dict[str, Any]] = {
    "report_days_after_delivery": 3,
    "non_delivery_days_after_shipping": 20,
    "seller_response_business_days": 3,
    "escalate_hours_after_contact": 48,
    "awaiting_info_days": 3,
    "appeal_days": 30,
    "cancel_days_after_completion": 14,
    "complaint_months": 6,
    "on_expiry": {"open": "escalate", "awaiting_info": "decide_on_file", "resolved": "close"},
}
"""Buyer-protection windows (disputes.md) and what each waiting state does when time runs out."""

DEFAULT_FOUR_EYES: Final[dict[str, int]] = {"EUR": 25000}
"""Refunds above these amounts (minor units, per currency) wait for a second person.

A currency not listed always needs the second person: an unknown threshold is no threshold."""

DEFAULT_EVIDENCE_MAX_BYTES: Final = 20 * 1024 * 1024

DEFAULT_REDRESS: Final[dict[str, Any]] = {
    "adr_body": "De Geschillencommissie",
    "adr_url": "https://www.degeschillencommissie.nl",
    "adr_directory": "ACM ConsuWijzer (https://www.consuwijzer.nl)",
    "seller_takes_part": False,
    "complaint_url": "",
}
"""The consumer ADR body the ACM/ConsuWijzer lists, and whether the seller takes part in it."""


@dataclass(frozen=True)
class DisputeWindows:
    """The clocks' lengths and what happens when they run out."""

    report_after_delivery: timedelta
    non_delivery_after_shipping: timedelta
    seller_response_business_days: int
    escalate_after_contact: timedelta
    awaiting_info: timedelta
    appeal: timedelta
    cancel_after_completion: timedelta
    complaint_months: int
    on_expiry: dict[str, str]


def read_setting(session: Session, key: str, default: Any = None) -> Any:
    """The JSON value of a `Setting`, or `default`."""
    found = session.get(Setting, key)
    return default if found is None else found.value


def _merged(value: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    if isinstance(value, dict):
        merged.update(value)
    return merged


def windows(session: Session) -> DisputeWindows:
    """The configured windows (`disputes.windows` over the spec's defaults)."""
    raw = _merged(read_setting(session, WINDOWS_SETTING), DEFAULT_WINDOWS)
    on_expiry = dict(DEFAULT_WINDOWS["on_expiry"])
    on_expiry.update(raw.get("on_expiry") or {})
    return DisputeWindows(
        report_after_delivery=timedelta(days=int(raw["report_days_after_delivery"])),
        non_delivery_after_shipping=timedelta(days=int(raw["non_delivery_days_after_shipping"])),
        seller_response_business_days=int(raw["seller_response_business_days"]),
        escalate_after_contact=timedelta(hours=int(raw["escalate_hours_after_contact"])),
        awaiting_info=timedelta(days=int(raw["awaiting_info_days"])),
        appeal=timedelta(days=int(raw["appeal_days"])),
        cancel_after_completion=timedelta(days=int(raw["cancel_days_after_completion"])),
        complaint_months=int(raw["complaint_months"]),
        on_expiry=on_expiry,
    )


def four_eyes_threshold(session: Session, currency: str) -> int | None:
    """The refund amount above which a second person approves; None: always."""
    raw = read_setting(session, FOUR_EYES_SETTING)
    table = dict(DEFAULT_FOUR_EYES)
    if isinstance(raw, dict):
        table.update({str(k).upper(): int(v) for k, v in raw.items()})
    return table.get(currency.upper())


def evidence_max_bytes(session: Session) -> int:
    """The largest evidence file accepted."""
    return int(read_setting(session, EVIDENCE_SETTING, DEFAULT_EVIDENCE_MAX_BYTES))


def redress(session: Session) -> dict[str, Any]:
    """The redress bodies named in decision messages."""
    return _merged(read_setting(session, REDRESS_SETTING), DEFAULT_REDRESS)
