"""What users are told: their language, the reasons, the redress; never the closed ODR platform."""

from __future__ import annotations

import pytest
from sqlmodel import select

from console.disputes.actions import cancel_order, refund, reject_claim, restrict
from console.disputes.notice_texts import NOTICE_TEXTS
from console.store import Store
from models import Account, Outbox, Setting
from tests.console.disputes.test_restrictions import complete
from tests.console.disputes.world import NOW, World, add_case

LANGUAGES = ("en", "fr", "de", "nl", "es", "it", "pt", "pl", "zh")
ODR = ("ec.europa.eu/consumers/odr", "odr", "online dispute resolution", "règlement en ligne")


def _notices(store: Store) -> list[dict[str, str]]:
    with store.read() as session:
        return [
            row.payload for row in session.exec(select(Outbox).where(Outbox.kind == "notify.user"))
        ]


def test_every_language_has_every_text() -> None:
    assert set(NOTICE_TEXTS) == set(LANGUAGES)
    for language in LANGUAGES:
        assert set(NOTICE_TEXTS[language]) == set(NOTICE_TEXTS["en"]), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_buyer_is_told_in_their_language_with_redress(world: World, language: str) -> None:
    store = world.store
    with store.write() as session:
        buyer_account = session.get(Account, world.buyer_id)
        assert buyer_account is not None
        buyer_account.language = language
    refund(world.store, world["amelie"], add_case(world), amount="12.50", reason="scratch", now=NOW)
    buyer = next(n for n in _notices(store) if n["template"] == "refund_buyer")
    texts = NOTICE_TEXTS[language]
    assert buyer["language"] == language
    assert "scratch" in buyer["body"]
    assert texts["redress_ood"] in buyer["body"]
    assert texts["redress_courts"] in buyer["body"]
    assert "12" in buyer["body"]  # the amount, in the locale's format
    assert "2027" in buyer["body"]  # the complaint window: six months from the decision
    assert "De Geschillencommissie" in buyer["body"]  # consumer dispute: the ADR body


def test_complaint_window_is_stated_as_a_date(world: World) -> None:
    refund(world.store, world["amelie"], add_case(world), amount="1.00", reason="r", now=NOW)
    seller = next(n for n in _notices(world.store) if n["template"] == "refund_seller")
    assert "24. Mai 2027" in seller["body"]
    assert "Geschillencommissie" not in seller["body"]  # ADR is the consumer's


def test_whether_the_seller_takes_part_is_a_setting(world: World) -> None:
    with world.store.write() as session:
        session.add(Setting(key="disputes.redress", value={"seller_takes_part": True}))
    reject_claim(world.store, world["amelie"], add_case(world), reason="as described", now=NOW)
    buyer = next(n for n in _notices(world.store) if n["template"] == "rejected_buyer")
    assert "y participe" in buyer["body"]
    assert "ConsuWijzer" in buyer["body"]


def test_no_message_mentions_the_closed_odr_platform(world: World) -> None:
    refund(world.store, world["amelie"], add_case(world), amount="1.00", reason="r", now=NOW)
    cancel_order(world.store, world["amelie"], add_case(world), reason="lost", now=NOW)
    reject_claim(world.store, world["amelie"], add_case(world), reason="fine", now=NOW)
    restrict(world.store, world["tom"], complete(world), now=NOW)
    notices = _notices(world.store)
    assert len(notices) >= 7
    for text in [n["body"].lower() for n in notices] + [
        value.lower() for texts in NOTICE_TEXTS.values() for value in texts.values()
    ]:
        for word in ODR:
            assert word not in text.replace("geschillencommissie", "")


def test_restriction_notice_carries_the_statement(world: World) -> None:
    restrict(world.store, world["tom"], complete(world, ends_at=None, indefinite=True), now=NOW)
    (notice,) = _notices(world.store)
    assert "auf unbestimmte Zeit" in notice["body"]
    assert "Terms 4.2" in notice["body"]
    assert "An expert found" in notice["body"]
