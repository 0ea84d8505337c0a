"""Who a command acts for: --agent or GUICHET_AGENT, the secret from env, keyring or a prompt."""

from __future__ import annotations

import argparse
import io
import json
from typing import Any

import pytest

from console import cli
from console.commands.common import acting_agent
from console.credentials import remember
from console.errors import BadInput, Refused
from console.store import Store
from tests import signin_fixtures
from tests.factories import add_agent

memory_keyring = signin_fixtures.memory_keyring
no_keyring = signin_fixtures.no_keyring


def _args(agent: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(agent=agent, db=None)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_agent_flag_and_the_password_variable(store: Store, monkeypatch: Any) -> None:
    add_agent(store, "amelie", password="pw", role="lead")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    agent = acting_agent(_args("amelie"), store)
    assert (agent.handle, agent.role) == ("amelie", "lead")


def test_the_agent_variable(store: Store, monkeypatch: Any) -> None:
    add_agent(store, "amelie", password="pw")
    monkeypatch.setenv("GUICHET_AGENT", "amelie")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    assert acting_agent(_args(), store).handle == "amelie"


def test_no_agent_is_bad_input_saying_how(store: Store) -> None:
    with pytest.raises(BadInput, match="--agent HANDLE or set GUICHET_AGENT"):
        acting_agent(_args(), store)


def test_the_remembered_secret_is_used(store: Store, memory_keyring: Any) -> None:
    add_agent(store, "amelie", password="pw")
    remember("amelie", "pw")
    assert acting_agent(_args("amelie"), store).handle == "amelie"


def test_a_terminal_is_asked(store: Store, no_keyring: None, monkeypatch: Any) -> None:
    add_agent(store, "amelie", password="pw")
    monkeypatch.setattr("sys.stdin", _Terminal())
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "pw")
    assert acting_agent(_args("amelie"), store).handle == "amelie"
    assert asked == ["Password for amelie: "]


def test_without_any_secret_the_error_says_how_to_give_one(
    store: Store,
    no_keyring: None,
    monkeypatch: Any,
) -> None:
    add_agent(store, "amelie", password="pw")
    monkeypatch.setattr("sys.stdin", io.StringIO())
    with pytest.raises(BadInput, match="set GUICHET_PASSWORD"):
        acting_agent(_args("amelie"), store)


def test_a_wrong_password_is_refused(store: Store, monkeypatch: Any) -> None:
    add_agent(store, "amelie", password="pw")
    monkeypatch.setenv("GUICHET_PASSWORD", "nope")
    with pytest.raises(Refused, match="Wrong handle or password"):
        acting_agent(_args("amelie"), store)


def test_whoami_json(store: Store, store_url: str, monkeypatch: Any, capsys: Any) -> None:
    add_agent(store, "amelie", password="pw", name="Amélie Martin", role="trust_safety")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    assert cli.main(["whoami", "--db", store_url, "--agent", "amelie", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "handle": "amelie",
        "name": "Amélie Martin",
        "role": "trust_safety",
        "presence": "available",
    }


def test_presence_command_persists(
    store: Store, store_url: str, monkeypatch: Any, capsys: Any
) -> None:
    add_agent(store, "amelie", password="pw")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    assert cli.main(["presence", "away", "--db", store_url, "--agent", "amelie"]) == 0
    assert capsys.readouterr().out == "amelie is now away.\n"
    assert cli.main(["whoami", "--db", store_url, "--agent", "amelie", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["presence"] == "away"


def test_wrong_password_exits_1_with_one_sentence(
    store: Store, store_url: str, monkeypatch: Any, capsys: Any
) -> None:
    add_agent(store, "amelie", password="pw")
    monkeypatch.setenv("GUICHET_PASSWORD", "nope")
    assert cli.main(["whoami", "--db", store_url, "--agent", "amelie"]) == 1
    assert capsys.readouterr().err == "guichet: Wrong handle or password.\n"
