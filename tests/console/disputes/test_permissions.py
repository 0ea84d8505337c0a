"""The permission matrix (role × action), through the services and through the CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from console import cli
from console.auth import SignedInAgent
from console.disputes.actions import cancel_order, refund, report_to_authorities, restrict
from console.disputes.approvals import approve, pending_approvals
from console.disputes.audit import audit_events
from console.disputes.case import add_note
from console.disputes.dsa import export_statements
from console.errors import GuichetError
from tests.console.disputes.test_restrictions import complete
from tests.console.disputes.world import NOW, PASSWORD, World, add_case

HANDLE_OF_ROLE = {"agent": "amelie", "lead": "lena", "trust_safety": "tom", "admin": "ada"}
ROLES = list(HANDLE_OF_ROLE)

# action: roles allowed (disputes.md: agents resolve and request refunds, leads approve,
# Trust & Safety restricts and reports, admins may do everything)
MATRIX: dict[str, set[str]] = {
    "refund": set(ROLES),
    "cancel-order": set(ROLES),
    "restrict": {"trust_safety", "admin"},
    "report": {"trust_safety", "admin"},
    "approve-refund": {"lead", "admin"},
    "approvals": {"lead", "trust_safety", "admin"},
    "audit": {"lead", "trust_safety", "admin"},
    "export-dsa": {"trust_safety", "admin"},
    "advice": {"trust_safety"},
}


def _pending_refund(world: World) -> int:
    dispute_id = add_case(world, captured=90000)
    result = refund(world.store, world["arthur"], dispute_id, amount="300.00", reason="r", now=NOW)
    assert result.approval_id is not None
    return result.approval_id


def _service(world: World, action: str) -> Callable[[SignedInAgent], object]:
    store = world.store
    if action == "refund":
        dispute_id = add_case(world)
        return lambda a: refund(store, a, dispute_id, amount="1.00", reason="r", now=NOW)
    if action == "cancel-order":
        dispute_id = add_case(world)
        return lambda a: cancel_order(store, a, dispute_id, reason="lost", now=NOW)
    if action == "restrict":
        return lambda a: restrict(store, a, complete(world, measure="payout_hold"), now=NOW)
    if action == "report":
        dispute_id = add_case(world)
        return lambda a: report_to_authorities(
            store, a, dispute_id, category="fraud", legal_basis="Penal code", now=NOW
        )
    if action == "approve-refund":
        approval_id = _pending_refund(world)
        return lambda a: approve(store, a, approval_id, now=NOW)
    if action == "approvals":
        return lambda a: pending_approvals(store, a)
    if action == "audit":
        return lambda a: audit_events(store, a)
    if action == "export-dsa":
        return lambda a: export_statements(store, a)
    dispute_id = add_case(world)
    return lambda a: add_note(store, a, dispute_id, "looks fake", kind="advice", now=NOW)


def _role_refused(call: Callable[[], object]) -> bool:
    try:
        call()
    except GuichetError as error:
        return "may not" in error.message or "Only Trust & Safety" in error.message
    return False


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_matrix_through_the_services(world: World, action: str, role: str) -> None:
    call = _service(world, action)
    agent = world[HANDLE_OF_ROLE[role]]
    assert _role_refused(lambda: call(agent)) == (role not in MATRIX[action])


def _argv(world: World, action: str) -> list[str]:
    if action == "refund":
        return ["refund", str(add_case(world)), "--amount", "1.00", "--reason", "r", "--json"]
    if action == "cancel-order":
        return ["cancel-order", str(add_case(world)), "--reason", "lost", "--json"]
    if action == "restrict":
        until = (NOW + timedelta(days=30)).date().isoformat()
        return [
            "restrict",
            str(world.seller_id),
            "--measure",
            "payout_hold",
            "--scope",
            "NL",
            "--until",
            until,
            "--facts",
            "Repeated fake listings.",
            "--source",
            "notice",
            "--automated-detection",
            "no",
            "--automated-decision",
            "not_automated",
            "--ground",
            "terms",
            "--clause",
            "Terms 4.2",
            "--breach",
            "Copies sold",
            "--redress",
            "internal_complaint",
            "--redress",
            "out_of_court",
            "--redress",
            "courts",
            "--category",
            "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
            "--json",
        ]
    if action == "report":
        return [
            "report",
            str(add_case(world)),
            "--category",
            "fraud",
            "--legal-basis",
            "Penal",
            "--json",
        ]
    if action == "approve-refund":
        return ["approve", str(_pending_refund(world)), "--json"]
    if action == "approvals":
        return ["approvals", "--json"]
    if action == "audit":
        return ["audit", "--json"]
    if action == "export-dsa":
        return ["export", "dsa"]
    return ["dispute-note", str(add_case(world)), "--text", "looks fake", "--advice", "--json"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_matrix_through_the_cli(
    world: World,
    action: str,
    role: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = _argv(world, action)
    monkeypatch.setenv("GUICHET_PASSWORD", PASSWORD)
    status = cli.main([*argv, "--db", world.store.url, "--agent", HANDLE_OF_ROLE[role]])
    _out, err = capsys.readouterr()
    if role in MATRIX[action]:
        assert status == 0, err
    else:
        assert status == 1
        assert "may not" in err or "Only Trust & Safety" in err, err
        assert err.count("\n") == 1
