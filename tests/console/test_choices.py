"""Values people type for a choice (a status, a priority, a presence) are read one way."""

from __future__ import annotations

import pytest

from console.errors import BadInput, parse_choice
from models.enums import TicketStatus

UNKNOWN = "Unknown status {value!r}: choose one of {choices}."


@pytest.mark.parametrize("typed", ["pending_customer", " Pending customer", "PENDING-CUSTOMER"])
def test_any_casing_or_spelling_of_a_choice_is_read(typed: str) -> None:
    assert parse_choice(TicketStatus, typed, UNKNOWN) is TicketStatus.PENDING_CUSTOMER


def test_an_unknown_value_is_named_with_the_choices() -> None:
    with pytest.raises(BadInput) as refused:
        parse_choice(
            TicketStatus, "closed", UNKNOWN, among=[TicketStatus.OPEN, TicketStatus.SOLVED]
        )
    assert refused.value.message == "Unknown status 'closed': choose one of open, solved."
    assert refused.value.exit_status == 2
