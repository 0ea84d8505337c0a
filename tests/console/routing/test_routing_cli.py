"""`guichet offer`, `guichet coverage` and `guichet team`: contracts, bad input, permissions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from console import cli
from console.passwords import hash_password
from console.routing.team_file import parse_team
from console.routing.team_store import import_team
from console.store import Store
from models import Agent
from tests.console.routing.test_team_file import TEAM


@pytest.fixture
def team_store(store: Store) -> Store:
    """The example team, with lena (lead) and amelie (agent) able to sign in."""
    import_team(store, parse_team(TEAM), actor_id=None, source="test")
    with store.write() as session:
        for agent in session.exec(select(Agent)):
            agent.password_hash = hash_password("secret-pass")
            session.add(agent)
    return store


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_offer_json_matches_the_contract(
    team_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        capsys, "offer", "--lang", "fr-FR", "--at", "2026-11-24T09:30:00+01:00",
        "--json", "--db", team_store.url,
    )  # fmt: skip
    assert status == 0, err
    document = json.loads(out)
    assert document == {
        "lang": "fr",
        "at": "2026-11-24T08:30:00+00:00",
        "channels": {
            "email": {
                "offered": True,
                "reason": "always",
                "handled_in": "fr",
                "agents": ["amelie"],
                "next_open_at": None,
            },
            "chat": {"offered": True, "reason": "ok", "agents": ["amelie"], "next_open_at": None},
            "phone": {"offered": True, "reason": "ok", "agents": ["amelie"], "next_open_at": None},
        },
    }
    assert list(document["channels"]["email"]) == [
        "offered", "reason", "handled_in", "agents", "next_open_at",
    ]  # fmt: skip


def test_offer_closed_channel_says_when_it_opens(
    team_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        capsys, "offer", "--lang", "fr", "--at", "2026-11-24T20:00:00Z", "--json",
        "--db", team_store.url,
    )  # fmt: skip
    assert status == 0
    phone = json.loads(out)["channels"]["phone"]
    assert phone == {
        "offered": False,
        "reason": "no_agent_on_shift",
        "agents": [],
        "next_open_at": "2026-11-25T08:00:00+00:00",
    }


def test_offer_unknown_language_is_emailed_in_english(
    team_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        capsys, "offer", "--lang", "sv", "--at", "2026-11-24T09:30:00+01:00", "--json",
        "--db", team_store.url,
    )  # fmt: skip
    assert status == 0
    channels = json.loads(out)["channels"]
    assert channels["email"]["handled_in"] == "en"
    assert channels["chat"]["reason"] == channels["phone"]["reason"] == "unsupported_language"


def test_offer_for_people(team_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys, "offer", "--lang", "fr", "--at", "2026-11-24T09:30:00+01:00", "--db", team_store.url
    )
    assert status == 0
    assert "chat" in out
    assert "amelie" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["offer", "--lang", "fr", "--at", "2026-11-24T09:30:00"],
            "has no UTC offset; write it like 2026-11-24T09:30:00+01:00",
        ),
        (["offer", "--lang", "fr", "--at", "tomorrow"], "is not an ISO 8601 time"),
        (["offer", "--lang", "fr_FR!", "--json"], "is not a well-formed BCP 47 language tag"),
        (["offer", "--lang", "", "--json"], "is not a well-formed BCP 47 language tag"),
        (["coverage", "--days", "0"], "--days '0' is not a whole number from 1 to 31"),
        (["coverage", "--days", "seven"], "--days 'seven' is not a whole number"),
        (["coverage", "--days", "99"], "is not a whole number from 1 to 31"),
        (["coverage", "--from", "23/11/2026"], "--from '23/11/2026' is not a date"),
        (["coverage", "--zone", "Mars/Olympus"], "is not an IANA time zone"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_sentence(
    store: Store, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    status, out, err = _run(capsys, *args, "--db", store.url)
    assert status == 2
    assert out == ""
    assert needle in err
    assert err.startswith("guichet: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_offer_without_lang_is_a_usage_error(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["offer", "--db", store.url])
    assert stopped.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_coverage_json(team_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(
        capsys, "coverage", "--from", "2026-11-23", "--days", "7", "--json", "--db", team_store.url
    )
    assert status == 0, err
    document = json.loads(out)
    assert document["from"] == "2026-11-22T23:00:00+00:00"
    assert len(document["hours"]) == 7 * 24
    rows = {(row["channel"], row["language"]): row for row in document["rows"]}
    assert len(rows) == 9 + 9 + 6
    # Monday 23 November, 09:00 Paris = 08:00 UTC: amelie (fr) on chat.
    assert rows[("chat", "fr")]["agents_on_shift"][9] == 1
    assert rows[("chat", "fr")]["agents_on_shift"][3] == 0
    # lena works every day 08:00-16:00 Amsterdam in nl, en, de; nobody takes phone in nl.
    assert rows[("chat", "nl")]["agents_on_shift"][8] == 1  # lena from 07:00 UTC
    assert rows[("chat", "nl")]["agents_on_shift"][9] == 2  # and amelie from 08:00 UTC
    assert rows[("phone", "nl")]["holes"] == 7 * 24


def test_coverage_for_people(team_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "coverage", "--from", "2026-11-23", "--db", team_store.url)
    assert status == 0
    assert "uncovered" in out


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_team_validate_needs_no_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "team", "validate", _write(tmp_path, TEAM), "--json")
    assert status == 0
    assert json.loads(out)["agents"] == 2


def test_team_validate_reports_errors_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = TEAM.replace('"Europe/Paris"', '"Europe/Atlantis"').replace('"17:30"', '"5pm"')
    status, _, err = _run(capsys, "team", "validate", _write(tmp_path, bad))
    assert status == 2
    assert "2 error(s), nothing was written" in err
    assert 'agent "amelie", field "timezone"' in err
    assert 'agent "amelie", shift 1, field "end"' in err
    assert "Traceback" not in err


def test_team_bootstrap_import_needs_only_the_store(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "team", "import", _write(tmp_path, TEAM), "--db", store.url)
    assert status == 0, err
    with store.read() as session:
        assert len(session.exec(select(Agent)).all()) == 2


def test_team_import_into_a_staffed_store_needs_a_lead(
    team_store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _write(tmp_path, TEAM)
    status, _, err = _run(capsys, "team", "import", path, "--db", team_store.url)
    assert status == 2
    assert "--agent" in err
    monkeypatch.setenv("GUICHET_PASSWORD", "secret-pass")
    status, _, err = _run(
        capsys, "team", "import", path, "--db", team_store.url, "--agent", "amelie"
    )
    assert status == 1
    assert "may not import the team file" in err
    status, out, err = _run(
        capsys, "team", "import", path, "--db", team_store.url, "--agent", "lena", "--json"
    )
    assert status == 0, err
    assert json.loads(out)["updated"] == ["amelie", "lena"]


def test_team_import_with_errors_writes_nothing(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = TEAM.replace('role = "lead"', 'role = "boss"')
    status, _, err = _run(capsys, "team", "import", _write(tmp_path, bad), "--db", store.url)
    assert status == 2
    assert 'agent "lena", field "role"' in err
    with store.read() as session:
        assert session.exec(select(Agent)).all() == []


def test_team_export_round_trips(
    team_store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GUICHET_PASSWORD", "secret-pass")
    common = ["--db", team_store.url, "--agent", "lena"]
    status, first, err = _run(capsys, "team", "export", *common)
    assert status == 0, err
    assert _run(capsys, "team", "import", _write(tmp_path, first), *common)[0] == 0
    exported = tmp_path / "again.toml"
    assert _run(capsys, "team", "export", "-o", str(exported), *common)[0] == 0
    assert exported.read_text(encoding="utf-8") == first
