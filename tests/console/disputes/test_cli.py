"""The dispute commands of cli.md: JSON shapes, exit statuses, nothing written on refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from console import cli
from models import AuditEvent, Resolution, Restriction
from tests.console.disputes.world import NOW, PASSWORD, World, add_case, payment_for


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUICHET_PASSWORD", PASSWORD)
    monkeypatch.setenv("GUICHET_DB", world.store.url)

    def _run(*argv: str, agent: str = "amelie") -> tuple[int, str, str]:
        status = cli.main([*argv, "--agent", agent])
        out, err = capsys.readouterr()
        return status, out, err

    return _run


def _resolutions(world: World) -> int:
    with world.store.read() as session:
        return len(session.exec(select(Resolution)).all())


def test_dispute_json(world: World, run) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world, captured=12000)
    status, out, err = run("dispute", str(dispute_id), "--json")
    assert status == 0, err
    document = json.loads(out)
    assert document["id"] == dispute_id
    assert document["payment"]["captured"] == {"amount_minor": 12000, "currency": "EUR"}
    assert document["buyer"]["role"] == "buyer"
    assert document["seller"]["kind"] == "pro"


def test_refund_json_and_retry_with_the_key(world: World, run) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world)
    argv = (
        "refund",
        str(dispute_id),
        "--amount",
        "12.50",
        "--reason",
        "scratch",
        "--key",
        "k9",
        "--agreed",
        "--json",
    )
    status, out, err = run(*argv)
    assert status == 0, err
    document = json.loads(out)
    assert document["amount"] == {"amount_minor": 1250, "currency": "EUR"}
    assert document["state"] == "executed"
    status, out, _err = run(*argv)
    assert status == 0
    assert json.loads(out)["replayed"] is True
    assert payment_for(world.store, dispute_id).refunded_minor == 1250


def test_too_many_decimals_exits_2_and_writes_nothing(world: World, run) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world)
    with world.store.read() as session:
        before = len(session.exec(select(AuditEvent)).all())
    status, out, err = run("refund", str(dispute_id), "--amount", "12.505", "--reason", "r")
    assert status == 2
    assert out == ""
    assert "'12.505' has more decimals than EUR allows (2)" in err
    assert err.count("\n") == 1
    assert _resolutions(world) == 0
    with world.store.read() as session:  # only the sign-in was recorded
        actions = [e.action for e in session.exec(select(AuditEvent))][before:]
    assert actions == ["agent.signed_in"]


def test_over_the_remaining_amount_exits_1_with_the_sentence(world: World, run) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world, captured=5000)
    status, _out, err = run("refund", str(dispute_id), "--amount", "50.01", "--reason", "r")
    assert status == 1
    assert err.startswith("guichet: refused: only €50.00 remain refundable on order ORD-")
    assert _resolutions(world) == 0


def test_full_and_amount_together_is_a_usage_error(world: World, run) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world)
    with pytest.raises(SystemExit) as stopped:
        run("refund", str(dispute_id), "--full", "--amount", "1", "--reason", "r")
    assert stopped.value.code == 2


def test_four_eyes_through_the_cli(world: World, run) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world, captured=90000)
    status, out, _ = run("refund", str(dispute_id), "--full", "--reason", "fake", "--json")
    approval_id = json.loads(out)["approval_id"]
    assert status == 0
    assert run("approve", str(approval_id), agent="amelie")[0] == 1
    assert run("reject", str(approval_id), "--reason", " ", agent="lena")[0] == 2
    status, out, _ = run("approvals", "--json", agent="lena")
    assert [a["id"] for a in json.loads(out)["approvals"]] == [approval_id]
    assert run("approve", str(approval_id), agent="lena")[0] == 0
    assert payment_for(world.store, dispute_id).refunded_minor == 90000


def test_restrict_missing_a_part_exits_1_naming_it(world: World, run) -> None:  # type: ignore[no-untyped-def]
    status, _out, err = run(
        "restrict",
        str(world.seller_id),
        "--measure",
        "payout_hold",
        "--scope",
        "NL",
        "--indefinite",
        "--facts",
        "Fake listings.",
        "--source",
        "notice",
        "--automated-detection",
        "no",
        "--automated-decision",
        "not_automated",
        "--ground",
        "terms",
        "--clause",
        "4.2",
        "--breach",
        "copies",
        "--category",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        agent="tom",
    )
    assert status == 1
    assert "part 6" in err
    with world.store.read() as session:
        assert not session.exec(select(Restriction)).all()


def test_cancel_order_report_and_evidence(world: World, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dispute_id = add_case(world)
    file = tmp_path / "tracking.txt"
    file.write_text("delivered to the neighbour")
    status, out, err = run(
        "dispute-evidence", str(dispute_id), "--file", str(file), "--kind", "tracking", "--json"
    )
    assert status == 0, err
    evidence_id = json.loads(out)["evidence_id"]
    status, _out, err = run(
        "dispute-evidence", str(dispute_id), "--file", str(tmp_path / "x"), "--kind", "tracking"
    )
    assert status == 2
    assert "No file at" in err
    status, out, err = run(
        "report",
        str(dispute_id),
        "--category",
        "counterfeit",
        "--legal-basis",
        "Penal code 337",
        "--evidence",
        str(evidence_id),
        "--json",
        agent="tom",
    )
    assert status == 0, err
    assert json.loads(out)["state"] == "pending_approval"
    status, out, err = run(
        "cancel-order", str(dispute_id), "--reason", "lost", "--cost-borne-by", "platform", "--json"
    )
    assert status == 0, err
    status, _out, err = run("cancel-order", str(dispute_id), "--reason", "again")
    assert status == 1


def test_export_dsa_and_audit(world: World, run) -> None:  # type: ignore[no-untyped-def]
    from console.disputes.actions import restrict
    from tests.console.disputes.test_restrictions import complete

    restrict(world.store, world["tom"], complete(world), now=NOW)
    status, out, err = run("export", "dsa", "--format", "batch", agent="tom")
    assert status == 0, err
    (line,) = out.splitlines()
    assert len(json.loads(line)["statements"]) == 1
    status, out, err = run("audit", "--since", "2026-11-01", "--json", agent="lena")
    assert status == 0, err
    assert "restriction.applied" in [e["action"] for e in json.loads(out)["events"]]
    status, _out, err = run("audit", "--since", "2026-11-01T09:00", agent="lena")
    assert status == 2
    assert "has no UTC offset" in err
