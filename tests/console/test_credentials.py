"""Remember me: the OS keyring when there is one, this process only when there is none."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from console import credentials
from console.credentials import (
    LastSignIn,
    forget,
    keyring_status,
    last_sign_in,
    note_last_handle,
    note_sign_in,
    recall,
    remember,
)
from tests import signin_fixtures

memory_keyring = signin_fixtures.memory_keyring
no_keyring = signin_fixtures.no_keyring
keyring_asks = signin_fixtures.keyring_asks


def test_a_remembered_secret_is_in_the_keyring(memory_keyring: Any) -> None:
    status = remember("amelie", "guichet-demo")
    assert status.available
    assert status.notice is None
    assert memory_keyring.secrets == {("guichet", "amelie"): "guichet-demo"}
    assert recall("amelie") == "guichet-demo"
    assert credentials._session_secrets == {}


def test_forget_removes_it(memory_keyring: Any) -> None:
    remember("amelie", "guichet-demo")
    forget("amelie")
    assert recall("amelie") is None
    assert memory_keyring.secrets == {}


def test_without_a_keyring_the_secret_lives_for_this_process_only(no_keyring: None) -> None:
    status = remember("amelie", "guichet-demo")
    assert not status.available
    assert (
        status.notice == "No keyring on this machine: your password is kept for this session only."
    )
    assert recall("amelie") == "guichet-demo"
    forget("amelie")
    assert recall("amelie") is None


def test_the_fail_backend_from_the_environment_is_detected() -> None:
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    code = "from console.credentials import keyring_status; print(keyring_status().available)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_chainer_with_nothing_to_chain_is_no_keyring(monkeypatch: Any) -> None:
    import keyring
    from keyring.backends import chainer

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(chainer.ChainerBackend())
    try:
        assert not keyring_status().available
    finally:
        keyring.set_keyring(before)


def test_the_last_handle_is_kept_but_never_a_secret(memory_keyring: Any, tmp_path: Any) -> None:
    assert last_sign_in() is None
    note_last_handle("amelie")
    remember("amelie", "guichet-demo")
    last = last_sign_in()
    assert last is not None
    assert last.handle == "amelie"
    written = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert b"guichet-demo" not in written


def test_the_last_sign_in_says_whether_to_ask_the_keyring(tmp_path: Any) -> None:
    assert last_sign_in() is None
    note_last_handle("amelie", remembered=True)
    assert last_sign_in() == LastSignIn("amelie", remembered=True)
    note_last_handle("lena")
    assert last_sign_in() == LastSignIn("lena", remembered=False)
    last = last_sign_in()
    assert last is not None
    assert last.handle == "lena"


def test_a_last_handle_noted_without_saying_may_be_remembered(tmp_path: Any) -> None:
    note_last_handle("amelie", remembered=False)
    state = credentials._state_file(credentials.LAST_HANDLE)
    assert state.read_text(encoding="utf-8") == "amelie\n"  # as every Guichet reads it
    state.write_text("lena\n", encoding="utf-8")  # by a Guichet that did not say
    assert last_sign_in() == LastSignIn("lena", remembered=True)


def test_a_sign_in_without_remember_me_forgets_a_secret_kept_before(
    memory_keyring: Any, tmp_path: Any
) -> None:
    remember("amelie", "guichet-demo")
    note_last_handle("lena", remembered=False)  # someone else signed in since
    before = last_sign_in()
    note_sign_in("amelie", "guichet-demo", remember_me=False, before=before)
    assert memory_keyring.secrets == {}
    assert last_sign_in() == LastSignIn("amelie", remembered=False)


def test_a_sign_in_with_remember_me_keeps_the_secret(memory_keyring: Any, tmp_path: Any) -> None:
    note_sign_in("amelie", "guichet-demo", remember_me=True, before=None)
    assert memory_keyring.secrets == {("guichet", "amelie"): "guichet-demo"}
    assert last_sign_in() == LastSignIn("amelie", remembered=True)


def test_the_keyring_is_not_asked_again_when_the_same_agent_was_not_remembered(
    memory_keyring: Any, tmp_path: Any, keyring_asks: list[str]
) -> None:
    asked = keyring_asks
    note_sign_in("amelie", "guichet-demo", remember_me=False, before=None)
    assert asked == ["keyring"]  # nobody noted before: whatever was kept is forgotten
    note_sign_in("amelie", "guichet-demo", remember_me=False, before=last_sign_in())
    assert asked == ["keyring"]  # forgotten at her last sign-in already
    note_sign_in("lena", "lena-secret", remember_me=False, before=last_sign_in())
    assert asked == ["keyring", "keyring"]  # amelie's note says nothing of lena's secret


def test_an_unremembered_sign_in_drops_a_secret_kept_for_this_process(
    no_keyring: None, tmp_path: Any
) -> None:
    remember("amelie", "guichet-demo")  # no keyring: kept for this process only
    note_last_handle("amelie", remembered=False)
    note_sign_in("amelie", "guichet-demo", remember_me=False, before=last_sign_in())
    assert recall("amelie") is None
