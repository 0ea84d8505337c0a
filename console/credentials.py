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


def _last_handle_file() -> Path:
    from platformdirs import user_state_path

    return user_state_path(SERVICE, appauthor=False) / "last-handle"


def last_handle() -> str | None:
    """The handle last signed in on this machine (not a secret), to fill the login form."""
    try:
        text = _last_handle_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def note_last_handle(handle: str) -> None:
    """Remember which handle signed in last; failures to write are not worth an error."""
    path = _last_handle_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(handle + "\n", encoding="utf-8")
    except OSError:
        pass
