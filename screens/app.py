"""The console: `GuichetApp` opens on the login screen, then the agent's home.

Start-up is part of the product: this module and the login screen import Textual and the light
parts of `console` only. The store (SQLModel, SQLAlchemy, Alembic), the keyring and Babel are
imported by the thread workers and screens that need them, after the first frame.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from console.i18n import N_, _, set_language
from screens.background import WorkFailed, background
from screens.commands import GuichetCommands
from screens.heap import QUIET_S, QuietCollections, settle_heap
from screens.login import LoginScreen

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from console.auth import SignedInAgent
    from console.store import Store

Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


SCREEN_STYLES = (
    "login.tcss", "home.tcss", "queue.tcss", "ticket.tcss", "dispute.tcss", "help.tcss",
    "approvals.tcss", "audit.tcss", "coverage.tcss", "whos_on.tcss", "disputes_list.tcss",
)  # fmt: skip
"""Every screen's CSS file, read with the console's own at start. The first time a screen whose
file is not read yet is shown, Textual parses all the console's CSS again and restyles every
widget (30 to 60 ms on the first queue, the first ticket)."""


class GuichetApp(App[int]):
    """The support team's console."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", *SCREEN_STYLES]
    TITLE = "Guichet"
    COMMANDS = App.COMMANDS | {GuichetCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", N_("Help"), key_display="?", id="app.help"),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Commands"),
            show=False,  # the footer shows the palette key on its right already
            priority=True,
            id="app.command-palette",
        ),
        Binding("ctrl+o", "cycle_presence", N_("Presence"), id="app.cycle-presence"),
        Binding("ctrl+g", "open_ticket", N_("Open ticket #"), show=False, id="app.open-ticket"),
        Binding("f6", "open_queue", N_("Queue"), show=False, id="app.queue"),
        Binding("f7", "open_coverage", N_("Coverage"), show=False, id="app.coverage"),
        Binding("f8", "open_whos_on", N_("Who is on"), show=False, id="app.whos-on"),
        Binding("ctrl+d", "open_dispute", N_("Open dispute #"), show=False, id="app.open-dispute"),
        Binding("f9", "open_approvals", N_("Approvals"), show=False, id="app.approvals"),
        Binding("f10", "open_audit", N_("Audit trail"), show=False, id="app.audit"),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, id="app.quit"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `?` | Show every key of the screen and the app. |
    | `ctrl+p` | Open the command palette. |
    | `ctrl+o` | Switch presence: available, away, offline. |
    | `ctrl+g` | Open a ticket by its number. |
    | `f6` | The ticket queue. |
    | `f7` | Coverage: agents on shift per channel, language and hour. |
    | `f8` | Who is on now, and which live channels are open. |
    | `ctrl+d` | Open a dispute by its number. |
    | `f9` | What waits for a second pair of eyes (leads, Trust & Safety). |
    | `f10` | The audit trail. |
    | `ctrl+q` | Quit. |
    """

    agent: reactive[SignedInAgent | None] = reactive(None)
    """The signed-in agent, None on the login screen."""

    def __init__(
        self, store_url: str, *, clock: Clock = utc_clock, first_view: str | None = None
    ) -> None:
        super().__init__()
        self.store_url = store_url
        """The SQLAlchemy URL of the store to open."""
        self.first_view = first_view
        """The queue view to open once signed in (`guichet --view`) instead of home."""
        self.clock = clock
        """Where the console reads the time (tests pin it)."""
        self.store: Store | None = None
        """The open store, once the login screen has opened it."""
        self.quiet_collections = QuietCollections()
        """Full garbage collections at quiet moments, once signed in (`screens.heap`)."""

    def on_mount(self) -> None:
        self.push_screen(LoginScreen(self.store_url))
        if os.environ.get("TEXTUAL_COLOR_SYSTEM") in ("standard", "windows") or (
            self.console.color_system in ("standard", "windows")
        ):
            # The terminal's own 16 colours, instead of RGB approximated to them.
            self.theme = "ansi-dark"

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.quiet_collections.note_input()
        await super().on_event(event)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notify as Textual does, but always as plain text (`Widget.notify` asks for markup by
        default): messages quote what people typed, a filter's words, a handle, a subject."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (
            "cycle_presence",
            "open_coverage",
            "open_whos_on",
            "open_queue",
            "open_dispute",
            "open_approvals",
            "open_audit",
        ):
            return self.agent is not None
        return True

    def warm_up_first_screen(self) -> None:
        """Import what the first screen loads when shown. The login screen has a worker call
        this while Argon2 checks the password, which leaves the other core free."""
        if self.first_view is not None:
            from screens.queue import warm_up
        else:
            from screens.home import warm_up
        warm_up()

    @on(LoginScreen.SignedIn)
    def _signed_in(self, event: LoginScreen.SignedIn) -> None:
        from screens.home import HomeScreen

        self.store = event.store
        set_language(event.agent.ui_language)
        self.agent = event.agent
        if self.first_view is not None:
            from screens.queue import QueueScreen

            # Home is made when the queue closes (`action_go_home`), not beneath it at once.
            self.switch_screen(QueueScreen(self.first_view))
        else:
            self.switch_screen(HomeScreen())
        self.refresh_bindings()
        self.call_after_refresh(settle_heap, "signed-in")
        if not self.quiet_collections.running:
            self.quiet_collections.start()
            self.set_interval(QUIET_S / 2, self.quiet_collections.tick, name="quiet collections")

    def action_help(self) -> None:
        """Show the help screen for the screen underneath."""
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_go_home(self) -> None:
        """Back to the home screen, closing whatever is above it."""
        from screens.home import HomeScreen

        # The bottom of the stack is Textual's own blank screen; the agent's first is above it.
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if self.agent is not None and not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())  # opened on the queue (`guichet --view`)

    def action_open_queue(self, view_name: str = "mine") -> None:
        """The ticket queue, on `view_name`."""
        from screens.queue import QueueScreen

        if self.agent is not None and not isinstance(self.screen, QueueScreen):
            self.push_screen(QueueScreen(view_name))

    def on_home_screen_count_opened(self, event: Any) -> None:
        """A home tile asked for the list behind its count: its screen, or the queue on its
        view."""
        if event.screen == "approvals":
            self.action_open_approvals()
        elif event.screen == "disputes":
            from screens.disputes_list import DisputesScreen

            if self.agent is not None and not isinstance(self.screen, DisputesScreen):
                self.push_screen(DisputesScreen())
        elif event.view_name:
            self.action_open_queue(event.view_name)

    def action_open_coverage(self) -> None:
        """The week's coverage heatmap."""
        from screens.coverage import CoverageScreen

        if self.agent is not None and not isinstance(self.screen, CoverageScreen):
            self.push_screen(CoverageScreen())

    def action_open_whos_on(self) -> None:
        """Who is on shift now."""
        from screens.whos_on import WhosOnScreen

        if self.agent is not None and not isinstance(self.screen, WhosOnScreen):
            self.push_screen(WhosOnScreen())

    def action_open_ticket(self) -> None:
        """Ask for a ticket number and open that ticket."""
        from screens.ticket import ask_and_open_ticket

        ask_and_open_ticket(self)

    def action_open_dispute(self) -> None:
        """Ask for a dispute number and open that dispute."""
        from screens.dispute import ask_and_open_dispute

        if self.agent is not None:
            ask_and_open_dispute(self)

    def action_open_approvals(self) -> None:
        """What waits for a second pair of eyes."""
        from screens.approvals import ApprovalsScreen

        if self.agent is not None and not isinstance(self.screen, ApprovalsScreen):
            self.push_screen(ApprovalsScreen())

    def action_open_audit(self) -> None:
        """The audit trail, newest first."""
        from screens.audit import AuditScreen

        if self.agent is not None and not isinstance(self.screen, AuditScreen):
            self.push_screen(AuditScreen())

    def action_cycle_presence(self) -> None:
        """available → away → offline → available."""
        if self.agent is None:
            return
        from console.auth import next_presence

        self.set_presence(next_presence(self.agent.presence).value)

    def set_presence(self, presence: str) -> None:
        """Persist `presence` for the signed-in agent (in a worker), then show it."""
        if self.agent is not None and self.store is not None:
            self._save_presence(self.store, self.agent.id, presence)

    @background(group="presence", exclusive=True)
    def _save_presence(self, store: Store, agent_id: int, presence: str) -> None:
        from console.auth import set_presence
        from console.errors import GuichetError

        try:
            agent = set_presence(store, agent_id, presence, now=self.clock())
        except GuichetError as error:
            self.call_from_thread(self.notify, error.message, severity="error")
            return
        self.call_from_thread(setattr, self, "agent", agent)

    @on(WorkFailed)
    def _work_failed(self, event: WorkFailed) -> None:
        self.notify(event.sentence, title=_("Something went wrong"), severity="error", timeout=15)

    def _handle_exception(self, error: Exception) -> None:
        # Textual prints a traceback when it closes after an unhandled error: the crash log gets
        # it (with the locals it shows, customer text among them), the terminal one sentence.
        from rich.text import Text

        from console.crashes import explain_failure

        failure = explain_failure(error)
        super()._handle_exception(error)
        self._exit_renderables[:] = [Text(f"guichet: {failure.sentence}")]

    def on_unmount(self) -> None:
        self.quiet_collections.stop()
        if self.store is not None:
            self.store.dispose()


def run_console(db: str | None, view: str | None = None) -> int:
    """Open the console on the store named by `db` (or `GUICHET_DB`, or the default file);
    once signed in, on the queue's `view` if one is named."""
    from console.settings import resolve_store_url

    app = GuichetApp(resolve_store_url(db), first_view=view)
    app.run()
    return app.return_code or 0


__all__ = ["GuichetApp", "run_console"]
