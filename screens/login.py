"""The login screen: handle, password, "remember me"; the first frame the console shows.

The store is opened in a thread worker once the form is on screen, so the form appears at once;
the keyring is asked there too when the last agent asked to be remembered, else only when
"remember me" is ticked. A store that is missing or not migrated is said here in one sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, Label, Static

from console.i18n import N_, _
from screens.background import background
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.auth import SignedInAgent
    from console.credentials import LastSignIn
    from console.store import Store


@dataclass(frozen=True)
class _Prepared:
    """What the worker found before the first sign-in: store, keyring, remembered handle."""

    store: Store | None
    problem: str | None
    keyring_asked: bool
    keyring_notice: str | None
    last_handle: str | None
    remembered_secret: str | None


class LoginScreen(Screen[None]):
    """Sign in with a handle and a password."""

    CSS_PATH = "login.tcss"
    AUTO_FOCUS = "#handle"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "sign_in", N_("Sign in"), id="login.sign-in"),
        Binding("ctrl+r", "toggle_remember", N_("Remember me"), id="login.remember"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `enter` | Sign in (from the handle field: go to the password). |
    | `ctrl+r` | Tick or untick "remember me". |
    """

    class SignedIn(Message):
        """The agent signed in; the console may show their home."""

        def __init__(self, agent: SignedInAgent, store: Store) -> None:
            super().__init__()
            self.agent = agent
            self.store = store

    error: reactive[str] = reactive("")
    """The last refusal (wrong handle or password, slow-down), shown under the form."""
    problem: reactive[str] = reactive("")
    """Why the store cannot be used (missing, not migrated), shown above the form."""
    busy: reactive[bool] = reactive(False)
    """True while a sign-in is being checked."""

    def __init__(self, store_url: str) -> None:
        super().__init__()
        self.store_url = store_url
        self._store: Store | None = None
        self._keyring_asked = False
        """True once the keyring said whether it can keep a secret (`_keyring_notice`)."""
        self._keyring_notice: str | None = None
        self._remembered: tuple[str, str] | None = None
        self._retry_at: datetime | None = None
        self._pending: tuple[str, str, bool] | None = None
        self._last_sign_in: LastSignIn | None = None
        """Who signed in last on this machine, as noted before this sign-in."""

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Static("Guichet", id="login-title")
            yield Static(_("Support console: sign in to start."), id="login-subtitle")
            yield Static("", id="store-problem")
            yield Label(_("Handle"), classes="field-label")
            yield Input(id="handle", placeholder=_("your handle, e.g. amelie"))
            yield Label(_("Password"), classes="field-label")
            yield Input(id="password", password=True)
            yield Checkbox(_("Remember me on this machine"), id="remember")
            yield Static("", id="keyring-notice")
            yield Static("", id="login-error")
            yield Button(_("Sign in"), id="sign-in", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self._prepare()

    @background(group="login-prepare", exclusive=True)
    def _prepare(self) -> None:
        from console.credentials import keyring_status, last_sign_in, recall
        from console.errors import GuichetError
        from console.startup import open_existing_store

        store: Store | None = None
        problem: str | None = None
        try:
            store = open_existing_store(self.store_url)
        except GuichetError as error:
            problem = error.message
        last = last_sign_in()
        if last is not None and last.remembered:
            status = keyring_status()
            secret = recall(last.handle)
            prepared = _Prepared(store, problem, True, status.notice, last.handle, secret)
        else:
            # Nothing to recall: the keyring (a costly backend detection) is asked only if
            # "remember me" gets ticked.
            handle = last.handle if last is not None else None
            prepared = _Prepared(store, problem, False, None, handle, None)
        self._last_sign_in = last
        self.app.call_from_thread(self._prepared, prepared)
        if store is not None:
            # While the agent types: the sign-in's own modules (the tables, Argon2), about
            # 0.1 s that would otherwise come after Enter.
            from console.auth import warm_up

            warm_up()

    def _prepared(self, prepared: _Prepared) -> None:
        self._store = prepared.store
        self._keyring_asked = self._keyring_asked or prepared.keyring_asked
        self._keyring_notice = self._keyring_notice or prepared.keyring_notice
        self.problem = prepared.problem or ""
        handle_input = self.query_one("#handle", Input)
        if prepared.last_handle and not handle_input.value:
            handle_input.value = prepared.last_handle
            if self.focused is handle_input:
                self.query_one("#password", Input).focus()
        if prepared.last_handle and prepared.remembered_secret:
            self._remembered = (prepared.last_handle, prepared.remembered_secret)
            self.query_one("#password", Input).placeholder = _(
                "remembered on this machine: press Enter"
            )
            self.query_one("#remember", Checkbox).value = True
        self._show_keyring_notice()
        if self._pending is not None and self._store is not None:
            handle, secret, remember = self._pending
            self._pending = None
            self._check(self._store, handle, secret, remember)

    def watch_error(self, error: str) -> None:
        self.query_one("#login-error", Static).update(error)

    def watch_problem(self, problem: str) -> None:
        widget = self.query_one("#store-problem", Static)
        widget.update(problem)
        widget.display = bool(problem)

    def watch_busy(self, busy: bool) -> None:
        self.query_one("#sign-in", Button).disabled = busy

    @on(Checkbox.Changed, "#remember")
    def _remember_changed(self, event: Checkbox.Changed) -> None:
        if event.value and not self._keyring_asked:
            self._ask_keyring()
        self._show_keyring_notice()

    @background(group="login-keyring", exclusive=True)
    def _ask_keyring(self) -> None:
        from console.credentials import keyring_status

        notice = keyring_status().notice
        self.app.call_from_thread(self._keyring_answered, notice)

    def _keyring_answered(self, notice: str | None) -> None:
        self._keyring_asked = True
        self._keyring_notice = notice
        self._show_keyring_notice()

    def _show_keyring_notice(self) -> None:
        ticked = self.query_one("#remember", Checkbox).value
        notice = self.query_one("#keyring-notice", Static)
        notice.update(self._keyring_notice or "")
        notice.display = bool(ticked and self._keyring_notice)

    def action_toggle_remember(self) -> None:
        """Tick or untick "remember me"."""
        self.query_one("#remember", Checkbox).toggle()

    @on(Input.Submitted, "#handle")
    def _handle_submitted(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#sign-in")
    def _submit(self) -> None:
        self.action_sign_in()

    def action_sign_in(self) -> None:
        """Check the handle and password in a worker; on success, post `SignedIn`."""
        if self.busy:
            return
        handle = self.query_one("#handle", Input).value.strip()
        secret = self.query_one("#password", Input).value
        if not handle:
            self.error = _("Type your handle first.")
            self.query_one("#handle", Input).focus()
            return
        if not secret and self._remembered and self._remembered[0] == handle:
            secret = self._remembered[1]
        if not secret:
            self.error = _("Type your password.")
            self.query_one("#password", Input).focus()
            return
        remember = self.query_one("#remember", Checkbox).value
        if self.problem:
            self.error = _("Signing in needs a store: see the message above.")
            return
        if self._store is None:
            self._pending = (handle, secret, remember)
            self.error = _("Opening the store…")
            return
        self._check(self._store, handle, secret, remember)

    def _check(self, store: Store, handle: str, secret: str, remember: bool) -> None:
        self.busy = True
        self.error = ""
        self._sign_in(store, handle, secret, remember)
        self._warm_up_next()

    @background(group="login-warm-up", exclusive=True)
    def _warm_up_next(self) -> None:
        warm_up = getattr(self.app, "warm_up_first_screen", None)
        if warm_up is not None:
            warm_up()

    @background(group="login", exclusive=True)
    def _sign_in(self, store: Store, handle: str, secret: str, remember: bool) -> None:
        from console.auth import SlowedDown, authenticate
        from console.credentials import note_sign_in
        from console.errors import GuichetError

        clock = getattr(self.app, "clock", None)
        now = clock() if clock is not None else _utcnow()
        try:
            agent = authenticate(store, handle, secret, now=now)
        except SlowedDown as error:
            self.app.call_from_thread(self._refused, error.message, error.retry_at)
            return
        except GuichetError as error:
            self.app.call_from_thread(self._refused, error.message, None)
            return
        self.app.call_from_thread(self._accepted, agent, store)
        # The agent's next screen first: what is noted here is for the next sign-in.
        note_sign_in(agent.handle, secret, remember_me=remember, before=self._last_sign_in)

    def _refused(self, message: str, retry_at: datetime | None) -> None:
        self.busy = False
        self.error = message
        self._retry_at = retry_at
        if retry_at is not None:
            self.set_interval(1.0, self._count_down, name="slow-down")
        password = self.query_one("#password", Input)
        password.value = ""
        password.focus()

    def _count_down(self) -> None:
        """Keep "try again in N seconds" true while the slow-down lasts."""
        from console.i18n import ngettext

        if self._retry_at is None:
            return
        clock = getattr(self.app, "clock", None)
        now = clock() if clock is not None else _utcnow()
        seconds = math.ceil((self._retry_at - now).total_seconds())
        if seconds <= 0:
            self._retry_at = None
            self.error = ""
            return
        self.error = ngettext(
            "Too many wrong passwords: try again in {n} second.",
            "Too many wrong passwords: try again in {n} seconds.",
            seconds,
        ).format(n=seconds)

    def _accepted(self, agent: SignedInAgent, store: Store) -> None:
        self.busy = False
        self.query_one("#password", Input).value = ""
        self.post_message(self.SignedIn(agent, store))


def _utcnow() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)
