"""The policy checklist a reviewer works through, per kind of dispute (translatable)."""

from __future__ import annotations

from typing import Final

from console.i18n import N_, LazyString
from models.enums import DisputeKind

_COMMON: Final[tuple[LazyString, ...]] = (
    N_("Both parties have been heard (or their time to answer has run out)."),
    N_("The buyer reported the problem within the buyer-protection window."),
    N_("No card chargeback or payment-provider claim is open on the payment."),
)

CHECKLISTS: Final[dict[DisputeKind, tuple[LazyString, ...]]] = {
    DisputeKind.NOT_RECEIVED: (
        N_("Tracking shows no delivery, or delivery to a wrong address."),
        N_("At least 20 days have passed since shipping, or the carrier confirms a loss."),
        N_("The seller used the shipping method offered with the listing."),
    ),
    DisputeKind.NOT_AS_DESCRIBED: (
        N_("The listing snapshot and the buyer's photos were compared point by point."),
        N_("A significant difference, not a matter of taste, is shown."),
        N_("Trust & Safety was asked for advice when a counterfeit is suspected."),
    ),
    DisputeKind.DAMAGED: (
        N_("Photos of the item and the packaging were received."),
        N_("The packaging was adequate for the item (seller) or the carrier is at fault."),
        N_("A carrier claim is opened when the parcel was insured."),
    ),
    DisputeKind.WITHDRAWAL: (
        N_("The seller is a Pro (the legal right of withdrawal applies to Pro sellers only)."),
        N_("Withdrawal was declared within 14 days of delivery."),
        N_("The item was returned in the condition received (condition report)."),
    ),
    DisputeKind.REFUND_NOT_RECEIVED: (
        N_("The agreed refund is traced at the payment provider."),
        N_("The refunded amount does not exceed what was captured."),
    ),
}
"""What to check for each kind, after the common points."""


def checklist(kind: str) -> list[str]:
    """The checklist for a dispute kind, in the current language."""
    try:
        specific = CHECKLISTS[DisputeKind(kind)]
    except ValueError:
        specific = ()
    return [str(item) for item in (*_COMMON, *specific)]
