"""On PostgreSQL, concurrent refunds lock the payment row: never more than captured, never twice."""

from __future__ import annotations

import threading

import pytest

from console.disputes.actions import refund
from console.errors import Refused
from console.migrate import upgrade
from console.store import Store
from tests.console.disputes.world import NOW, add_case, build_world, payment_for

pytestmark = pytest.mark.pg


def test_concurrent_refunds_never_exceed_the_capture(pg_url: str) -> None:
    store = Store(pg_url)
    upgrade(store)
    world = build_world(store)
    dispute_id = add_case(world, captured=10000)
    errors: list[BaseException] = []

    def attempt(number: int) -> None:
        try:
            refund(
                store,
                world["amelie"],
                dispute_id,
                amount="30.00",
                reason="r",
                key=f"pg-{number % 4}",
                now=NOW,
            )
        except Refused:
            pass
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    # four keys of €30 on €100: three are paid once each, the fourth is refused
    assert payment_for(store, dispute_id).refunded_minor == 9000
    store.dispose()
