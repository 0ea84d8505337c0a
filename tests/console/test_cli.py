"""The `guichet` command's conventions: exit statuses, one sentence on stderr, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from console import cli
from console.store import Store


def test_db_upgrade_then_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "new.db")
    assert cli.main(["db", "upgrade", "--db", db]) == 0
    assert "upgraded from nothing" in capsys.readouterr().out
    assert cli.main(["--db", db, "db", "current", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["is_current"] is True
    assert document["current"] == document["head"]


def test_db_flag_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GUICHET_DB", str(tmp_path / "env.db"))
    assert cli.main(["db", "upgrade"]) == 0
    assert str(tmp_path / "env.db") in capsys.readouterr().out


def test_usage_error_is_one_line_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["no-such-command"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("guichet:")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unreachable_store_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1"
    assert cli.main(["db", "upgrade", "--db", url]) == 3
    err = capsys.readouterr().err
    assert err.startswith("guichet: cannot reach the store (connection failed")
    assert "Traceback" not in err


def test_unexpected_error_is_logged_not_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    def broken(_store: Store) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("console.commands.db.schema_status", broken)
    assert cli.main(["db", "current", "--db", store.url]) == 1
    err = capsys.readouterr().err
    assert "unexpected error (ZeroDivisionError)" in err
    assert "Traceback" not in err
    log_file = Path(err.split("written to ")[1].split(".log")[0] + ".log")
    assert "ZeroDivisionError" in log_file.read_text()


def test_view_opens_the_console_on_that_queue_view(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import screens.app

    opened: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(
        screens.app, "run_console", lambda db, view=None: opened.append((db, view)) or 0
    )
    monkeypatch.delitem(sys.modules, "console.commands", raising=False)
    assert cli.main(["--db", "team.db", "--view", "saved:my chats"]) == 0
    assert cli.main(["--view=all"]) == 0
    assert cli.main([]) == 0
    assert opened == [("team.db", "saved:my chats"), (None, "all"), (None, None)]
    # The console's own options are read without the commands' modules.
    assert "console.commands" not in sys.modules


def test_view_before_a_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--view", "all", "tickets", "--json"])
    assert stopped.value.code == 2
    assert "--view" in capsys.readouterr().err
