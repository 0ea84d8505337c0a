"""Remember me: the agent's secret in the OS keyring, the one module that touches `keyring`.

On a machine without a usable keyring (a server, a container: the fail or null backend, or a
chainer with nothing to chain) the secret is kept in this process only, and `keyring_status`
says so. A secret is never written to a file or a log; `keyrings.alt` (plaintext files) is
deliberately not a dependency. `keyring` is imported on first use: its backend detection costs
about 0.15 s, which the first frame of the console must not pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.i18n import _

SERVICE = "guichet"
"""The keyring service name under which secrets are kept, one entry per handle."""

_session_secrets: dict[str, str] = {}


@dataclass(frozen=True)
class KeyringStatus:
    """Whether secrets outlive the process, and what to tell the agent when they do not."""

    available: bool
    backend: str
    notice: str | None


def _keyring() -> Any:
    import keyring

    return keyring


def _usable(backend: Any) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_usable(inner) for inner in backend.backends)
    return True


def keyring_status() -> KeyringStatus:
    """Whether the OS keyring can keep a secret on this machine."""
    backend = _keyring().get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if _usable(backend):
        return KeyringStatus(available=True, backend=name, notice=None)
    return KeyringStatus(
        available=False,
        backend=name,
        notice=_("No keyring on this machine: your password is kept for this session only."),
    )


def remember(handle: str, secret: str) -> KeyringStatus:
    """Keep `secret` for `handle`: in the keyring when there is one, else for this process."""
    from keyring.errors import KeyringError

    status = keyring_status()
    if status.available:
        try:
            _keyring().set_password(SERVICE, handle, secret)
            _session_secrets.pop(handle, None)
            return status
        except KeyringError:
            status = KeyringStatus(
                available=False,
                backend=status.backend,
                notice=_(
                    "The keyring refused to keep your password: it is kept for this session only."
                ),
            )
    _session_secrets[handle] = secret
    return status


def recall(handle: str) -> str | None:
    """The secret remembered for `handle`, or None."""
    from keyring.errors import KeyringError

    if handle in _session_secrets:
        return _session_secrets[handle]
    if not keyring_status().available:
        return None
    try:
        secret: str | None = _keyring().get_password(SERVICE, handle)
    except KeyringError:
        return None
    return secret


def forget(handle: str) -> None:
    """Forget any secret remembered for `handle` (keyring and this process)."""
    from keyring.errors import KeyringError, PasswordDeleteError

    _session_secrets.pop(handle, None)
    if not keyring_status().available:
        return
    try:
        if _keyring().get_password(SERVICE, handle) is not None:
            _keyring().delete_password(SERVICE, handle)
    except (PasswordDeleteError, KeyringError):
        pass


def _state_file(name: str) -> Path:
    from platformdirs import user_state_path

    return user_state_path(SERVICE, appauthor=False) / name


def _read_lines(name: str) -> list[str]:
    try:
        return [line.strip() for line in _state_file(name).read_text(encoding="utf-8").splitlines()]
    except OSError:
        return []


def _write_lines(name: str, *lines: str) -> None:
    path = _state_file(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError:
        pass  # a note to help the next sign-in: failing to write it is not worth an error


LAST_HANDLE = "last-handle"
"""The state file naming the handle last signed in (one line, as every Guichet writes it)."""
REMEMBER_ME = "remember-me"
"""The state file saying whether that handle ticked "remember me": its handle, then yes or no.
A file of its own, so that a Guichet that does not know it reads `last-handle` as before."""


@dataclass(frozen=True)
class LastSignIn:
    """Who signed in last on this machine, and whether they asked to be remembered."""

    handle: str
    remembered: bool
    """"Remember me" was ticked, so the keyring may hold their secret (also True when that was
    not noted, as by a Guichet that did not note it)."""


def last_sign_in() -> LastSignIn | None:
    """The last sign-in on this machine (no secret), to fill the login form.

    The keyring is worth asking only when `remembered`: its backend detection costs more than
    the rest of the form's preparation.
    """
    lines = _read_lines(LAST_HANDLE)
    handle = lines[0] if lines else ""
    if not handle:
        return None
    said = _read_lines(REMEMBER_ME)
    not_remembered = said[:2] == [handle, "no"]
    return LastSignIn(handle, remembered=not not_remembered)


def note_last_handle(handle: str, *, remembered: bool = False) -> None:
    """Note who signed in last and whether they ticked "remember me"."""
    _write_lines(LAST_HANDLE, handle)
    _write_lines(REMEMBER_ME, handle, "yes" if remembered else "no")


def note_sign_in(handle: str, secret: str, *, remember_me: bool, before: LastSignIn | None) -> None:
    """After a sign-in: note who signed in, and keep or forget their secret as they asked.

    `before` is the last sign-in as it was noted before this one. Unticked "remember me" forgets
    any secret kept for `handle`, except that the keyring (whose backend detection costs about
    0.15 s, taken from the first screen after sign-in) is not asked again when this handle's own
    last sign-in here was not remembered: its secret was forgotten then.
    """
    note_last_handle(handle, remembered=remember_me)
    if remember_me:
        remember(handle, secret)
    elif before is not None and before.handle == handle and not before.remembered:
        _session_secrets.pop(handle, None)
    else:
        forget(handle)
