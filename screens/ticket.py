"""One ticket: the thread, the customer and the order beside it, and every action on a key.

The screen asks `console.tickets` for everything, always in thread workers: it loads the
ticket, sends a heartbeat and reads who else has it open every `POLL_EVERY` seconds, and runs
each action as one service call (one transaction with its audit event). A reply that would
cross a message the agent has not seen comes back as `Conflict`; the screen asks, then sends
with `force=True`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from console.i18n import N_, _
from console.text import sanitize
from screens.background import background
from screens.commands import PaletteCommand
from screens.signed_in import SignedIn
from screens.ticket_dialogs import (
    ArticlePicker,
    ChoiceScreen,
    ConfirmScreen,
    MacroPicker,
    PromptScreen,
    whole_number,
)
from screens.widgets.agent_header import AgentHeader
from screens.widgets.composer import Composer
from screens.widgets.key_bar import KeyBar
from screens.widgets.thread_view import ThreadView
from screens.widgets.ticket_panels import CustomerPanel, OrderPanel, SellerPanel

if TYPE_CHECKING:
    from datetime import datetime

    from console.knowledge import Article
    from console.macros import Macro
    from console.tickets import Conflict, TicketView, Viewer

POLL_EVERY = 3.0
"""Seconds between two heartbeats (and looks at who else is here and at new messages)."""

Act = Callable[..., Any]


class TicketScreen(SignedIn, Screen[None]):
    """The ticket `ticket_id`, its thread and side panels."""

    CSS_PATH = "ticket.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reply", N_("Reply"), id="ticket.reply"),
        Binding("i", "note", N_("Note"), id="ticket.note"),
        Binding("s", "status", N_("Status"), id="ticket.status"),
        Binding("p", "priority", N_("Priority"), id="ticket.priority"),
        Binding("a", "assign", N_("Assign"), id="ticket.assign"),
        Binding("m", "merge", N_("Merge"), id="ticket.merge"),
        Binding("d", "dispute", N_("Dispute"), id="ticket.dispute"),
        Binding("k", "article", N_("Article"), id="ticket.article"),
        Binding("escape", "back", N_("Back"), id="ticket.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `r` | Reply to the customer (`ctrl+t` in the composer inserts a macro). |
    | `i` | Write an internal note. |
    | `s` | Set the status: open, pending customer, solved. |
    | `p` | Set the priority. |
    | `a` | Take, assign or reassign the ticket. |
    | `m` | Merge this ticket into another one. |
    | `d` | Link a dispute, or open one over the order. |
    | `k` | Insert a help-center article in the reply, to edit before sending. |
    | `escape` | Back. |
    """

    class Loaded(Message):
        """The ticket as the worker read it."""

        def __init__(self, view: TicketView) -> None:
            super().__init__()
            self.view = view

    class ViewersSeen(Message):
        """Who else has the ticket open."""

        def __init__(self, viewers: list[Viewer]) -> None:
            super().__init__()
            self.viewers = viewers

    class ActionDone(Message):
        """An action succeeded; `notice` says what happened."""

        def __init__(self, notice: str, sent: bool) -> None:
            super().__init__()
            self.notice = notice
            self.sent = sent

    class ActionFailed(Message):
        """A service refused an action or could not find something."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    class ReplyCrossed(Message):
        """New messages arrived since the agent opened the ticket: ask before sending."""

        def __init__(self, conflict: Conflict, resend: Act) -> None:
            super().__init__()
            self.conflict = conflict
            self.resend = resend

    class ChoicesReady(Message):
        """Options read from the store for a dialog (assignees, disputes)."""

        def __init__(self, what: str, options: list[tuple[str, Any]]) -> None:
            super().__init__()
            self.what = what
            self.options = options

    def __init__(self, ticket_id: int) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        """The ticket shown."""
        self.view: TicketView | None = None
        """The ticket as last read."""
        self.seen_last_message_id: int | None = None
        """The newest message when the agent opened the ticket (or sent, or confirmed)."""
        self._mark_seen = True

    # --- layout and loading ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        with Horizontal(id="ticket-body"):
            with Vertical(id="ticket-main"):
                yield Static("", id="ticket-subject")
                yield Static("", id="ticket-meta")
                yield Static("", id="ticket-viewers")
                yield ThreadView(id="thread")
                yield Composer(id="composer")
            with VerticalScroll(id="ticket-side"):
                yield CustomerPanel(id="customer-panel")
                yield OrderPanel(id="order-panel")
                yield SellerPanel(id="seller-panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(f"#{self.ticket_id}")
        self.query_one("#seller-panel").display = False
        self.query_one(ThreadView).focus()
        self._load()
        self._poll()
        self.set_interval(POLL_EVERY, self._poll, name="ticket-poll")

    def _now(self) -> datetime:
        now: datetime = self.app.clock()  # type: ignore[attr-defined]
        return now

    @background(group="ticket-load", exclusive=True)
    def _load(self) -> None:
        from textual.worker import get_current_worker

        from console.errors import GuichetError
        from console.tickets import load_ticket

        try:
            view = load_ticket(self.store, self.ticket_id)
        except GuichetError as error:
            self.post_message(self.ActionFailed(error.message))
            return
        # A newer read was asked for meanwhile (a reply sent): this one may predate it.
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(view))

    def _poll(self) -> None:
        composer = self.query_one(Composer)
        state = "replying" if composer.is_open and composer.mode == "reply" else "viewing"
        self._heartbeat(state, self._now())

    @background(group="ticket-poll", exclusive=True)
    def _heartbeat(self, state: str, now: datetime) -> None:
        from console.errors import GuichetError
        from console.tickets import heartbeat, load_ticket, viewers

        try:
            heartbeat(self.store, self.agent.id, self.ticket_id, state, now=now)
            self.post_message(
                self.ViewersSeen(
                    viewers(self.store, self.ticket_id, now=now, besides=self.agent.id)
                )
            )
            fresh = load_ticket(self.store, self.ticket_id)
        except GuichetError:
            return
        if fresh != self.view:
            self.post_message(self.Loaded(fresh))

    @on(Loaded)
    async def _show(self, event: Loaded) -> None:
        from console.formatting import format_instant

        view, agent = event.view, self.agent
        self.view = view
        if self._mark_seen:
            # 0, not None, for a thread with no message yet: None would check nothing.
            self.seen_last_message_id = view.last_message_id or 0
            self._mark_seen = False
        self.query_one("#ticket-subject", Static).update(
            Text(f"#{view.id} · {sanitize(view.subject)}", style="bold")
        )
        self.query_one("#ticket-meta", Static).update(self._meta(view))
        for panel in (CustomerPanel, OrderPanel, SellerPanel):
            self.query_one(panel).show(view, agent)

        def when(at: datetime) -> str:
            return str(format_instant(at, agent.timezone, agent.ui_language, style="short"))

        await self.query_one(ThreadView).show(view.thread, when)

    def _meta(self, view: TicketView) -> Text:
        from console.formatting import format_relative
        from console.routing.labels import channel_label
        from console.tickets import PRIORITY_LABELS, STATUS_LABELS, label

        parts = [
            channel_label(view.channel),
            view.language,
            label(STATUS_LABELS, view.status),
            _("priority {priority}").format(priority=label(PRIORITY_LABELS, view.priority)),
        ]
        if view.assignee_name:
            parts.append(_("assigned to {name}").format(name=sanitize(view.assignee_name)))
        else:
            parts.append(_("unassigned"))
        if view.merged_into_id is not None:
            parts.append(_("merged into #{id}").format(id=view.merged_into_id))
        elif view.sla_paused_at is not None:
            parts.append(_("SLA paused (waiting on the customer)"))
        elif view.first_replied_at is None and view.first_reply_due_at is not None:
            due = format_relative(view.first_reply_due_at - self._now(), self.agent.ui_language)
            parts.append(_("first reply due {when}").format(when=due))
        return Text(" · ".join(parts))

    @on(ViewersSeen)
    def _show_viewers(self, event: ViewersSeen) -> None:
        lines = [
            (
                _("{name} is replying") if viewer.state == "replying" else _("{name} is viewing")
            ).format(name=sanitize(viewer.name))
            for viewer in event.viewers
        ]
        shown = self.query_one("#ticket-viewers", Static)
        shown.update(Text(" · ".join(lines)))
        shown.display = bool(lines)
        shown.set_class(any(v.state == "replying" for v in event.viewers), "-replying")

    # --- running actions --------------------------------------------------------------------

    def _run(self, act: Act, notice: str, *, sent: bool = False) -> None:
        self._act(act, notice, sent)

    @background(group="ticket-action")
    def _act(self, act: Act, notice: str, sent: bool) -> None:
        from console.errors import GuichetError
        from console.tickets import Conflict

        try:
            act()
        except Conflict as conflict:
            self.post_message(self.ReplyCrossed(conflict, act))
            return
        except GuichetError as error:
            self.post_message(self.ActionFailed(error.message))
            return
        self.post_message(self.ActionDone(notice, sent))

    @on(ActionDone)
    def _done(self, event: ActionDone) -> None:
        self.notify(event.notice)
        if event.sent:
            self.query_one(Composer).close()
            self.query_one(ThreadView).focus()
            self._mark_seen = True
        self._load()

    @on(ActionFailed)
    def _failed(self, event: ActionFailed) -> None:
        self.notify(event.message, severity="error", timeout=8)
        if self.view is None:  # the ticket itself could not be opened
            self.action_back()

    @on(ReplyCrossed)
    def _ask_before_sending(self, event: ReplyCrossed) -> None:
        body = Text()
        for entry in event.conflict.newer:
            body.append(sanitize(entry.author or _("customer")), style="bold")
            body.append(": ")
            body.append(sanitize(entry.body[:300]))
            body.append("\n")
        body.rstrip()
        question = _("New messages arrived since you opened the ticket. Send anyway?")

        def answered(yes: bool | None) -> None:
            # Either way the agent has now seen them.
            self._mark_seen = True
            self._load()
            if yes:
                self._act(lambda: event.resend(force=True), _("Sent."), True)

        self.app.push_screen(ConfirmScreen(question, body), answered)

    # --- the keys ------------------------------------------------------------------------------

    def action_reply(self) -> None:
        """Open the composer for a reply."""
        self.query_one(Composer).open("reply")
        self._poll()

    def action_note(self) -> None:
        """Open the composer for an internal note."""
        self.query_one(Composer).open("note")

    @on(Composer.Submitted)
    def _submit(self, event: Composer.Submitted) -> None:
        from console import tickets

        store, agent, ticket_id, now = self.store, self.agent, self.ticket_id, self._now()
        if event.mode == "note":
            text = event.text
            self._run(
                lambda: tickets.add_note(store, agent, ticket_id, text, now=now),
                _("Note saved."),
                sent=True,
            )
            return
        seen, text, macros, articles = (
            self.seen_last_message_id, event.text, event.macros, event.articles
        )  # fmt: skip

        def send(force: bool = False) -> Any:
            return tickets.reply(
                store, agent, ticket_id, text, now=now, seen_last_message_id=seen, force=force,
                macros=macros, articles=articles,
            )  # fmt: skip

        self._run(send, _("Sent."), sent=True)

    @on(Composer.Cancelled)
    def _composer_closed(self) -> None:
        self.query_one(ThreadView).focus()
        self._poll()

    @on(Composer.MacroWanted)
    def _pick_macro(self) -> None:
        if self.view is None:
            return

        def chosen(macro: Macro | None) -> None:
            from console.errors import GuichetError
            from console.macros import fill

            if macro is None or self.view is None:
                return
            try:
                filled = fill(macro, self.view.placeholders(self.agent.name))
            except GuichetError as error:
                self.notify(error.message, severity="error")
                return
            self.query_one(Composer).insert(filled.text, macro=macro.name)
            if filled.missing:
                names = ", ".join("{" + name + "}" for name in filled.missing)
                self.notify(
                    _("This ticket has no value for {names}: fill it in before sending.").format(
                        names=names
                    ),
                    severity="warning",
                )

        placeholders = self.view.placeholders(self.agent.name)
        self.app.push_screen(MacroPicker(self.view.language, placeholders), chosen)

    def action_status(self) -> None:
        """Choose a status."""
        from console import tickets

        options = [
            (tickets.label(tickets.STATUS_LABELS, s), s.value) for s in tickets.SETTABLE_STATUSES
        ]
        self._choose(
            _("Status of ticket #{id}").format(id=self.ticket_id), options, self._set_status
        )

    def _set_status(self, status: str) -> None:
        from console import tickets

        store, agent, ticket_id, now = self.store, self.agent, self.ticket_id, self._now()
        self._run(
            lambda: tickets.set_status(store, agent, ticket_id, status, now=now),
            _("Status set."),
        )

    def action_priority(self) -> None:
        """Choose a priority."""
        from console import tickets

        options = [(str(text), value) for value, text in tickets.PRIORITY_LABELS.items()]
        self._choose(
            _("Priority of ticket #{id}").format(id=self.ticket_id), options, self._set_priority
        )

    def _set_priority(self, priority: str) -> None:
        from console import tickets

        store, agent, ticket_id, now = self.store, self.agent, self.ticket_id, self._now()
        self._run(
            lambda: tickets.set_priority(store, agent, ticket_id, priority, now=now),
            _("Priority set."),
        )

    def action_assign(self) -> None:
        """Take the ticket, or (leads) assign it to somebody."""
        self._read_choices("assign")

    def action_dispute(self) -> None:
        """Link a dispute over the order, or open one."""
        self._read_choices("dispute")

    @background(group="ticket-choices", exclusive=True)
    def _read_choices(self, what: str) -> None:
        from console import tickets
        from console.errors import GuichetError

        options: list[tuple[str, Any]] = []
        try:
            if what == "assign":
                for handle, name in tickets.assignable_agents(self.store, self.agent):
                    if handle == self.agent.handle:
                        options.insert(0, (_("Take it myself"), handle))
                    else:
                        options.append((f"{sanitize(name)} ({handle})", handle))
                options.append((_("Unassign"), ""))
            else:
                for linked in self.view.disputes if self.view else ():
                    options.append(
                        (_("Open dispute #{id}").format(id=linked.id), ("show", linked.id))
                    )
                for link in tickets.disputes_to_link(self.store, self.ticket_id):
                    options.append(
                        (_("Link dispute {dispute}").format(dispute=link.summary()),
                         ("link", link.id))
                    )  # fmt: skip
                options.append((_("Link a dispute by its number…"), ("ask", 0)))
                for kind, text in tickets.DISPUTE_KIND_LABELS.items():
                    options.append((_("Open a dispute: {kind}").format(kind=text), ("open", kind)))
        except GuichetError as error:
            self.post_message(self.ActionFailed(error.message))
            return
        self.post_message(self.ChoicesReady(what, options))

    @on(ChoicesReady)
    def _offer(self, event: ChoicesReady) -> None:
        if event.what == "assign":
            self._choose(
                _("Assign ticket #{id}").format(id=self.ticket_id), event.options, self._assign
            )
        else:
            self._choose(
                _("Dispute for ticket #{id}").format(id=self.ticket_id),
                event.options,
                self._dispute,
            )

    def _assign(self, handle: str) -> None:
        from console import tickets

        store, agent, ticket_id, now = self.store, self.agent, self.ticket_id, self._now()
        self._run(
            lambda: tickets.assign(store, agent, ticket_id, handle or None, now=now),
            _("Assignment changed."),
        )

    def _dispute(self, choice: tuple[str, Any]) -> None:
        from console import tickets

        store, agent, ticket_id, now = self.store, self.agent, self.ticket_id, self._now()
        what, value = choice
        if what == "show":
            from screens.dispute import DisputeScreen

            self.app.push_screen(DisputeScreen(int(value)))
        elif what == "link":
            self._run(
                lambda: tickets.link_dispute(store, agent, ticket_id, int(value), now=now),
                _("Dispute linked."),
            )
        elif what == "open":
            self._run(
                lambda: tickets.open_dispute(store, agent, ticket_id, str(value), now=now),
                _("Dispute opened."),
            )
        else:

            def typed(number: str | None) -> None:
                if number:
                    self._dispute(("link", int(number)))

            self.app.push_screen(
                PromptScreen(_("Link which dispute?"), placeholder="42", validate=whole_number),
                typed,
            )

    def action_merge(self) -> None:
        """Merge this ticket into another one (asks its number)."""
        from console import tickets

        def typed(number: str | None) -> None:
            if not number:
                return
            store, agent, source, now = self.store, self.agent, self.ticket_id, self._now()
            target = int(number)
            self._run(
                lambda: tickets.merge(store, agent, source, target, now=now),
                _("Merged into #{id}.").format(id=target),
            )

        self.app.push_screen(
            PromptScreen(
                _("Merge ticket #{id} into which ticket?").format(id=self.ticket_id),
                placeholder="42",
                validate=whole_number,
            ),
            typed,
        )

    def action_article(self) -> None:
        """Pick a help-center article and insert it in the reply, to edit before sending."""
        if self.view is None:
            return

        def chosen(article: Article | None) -> None:
            from console.knowledge import article_text

            if article is None:
                return
            composer = self.query_one(Composer)
            if not composer.is_open:
                self.action_reply()
            composer.insert(article_text(article), article=article.slug)

        self.app.push_screen(ArticlePicker(self.view.language), chosen)

    def action_back(self) -> None:
        """Back to where the ticket was opened from."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def _choose(
        self, title: str, options: list[tuple[str, Any]], then: Callable[[Any], None]
    ) -> None:
        def chosen(value: Any) -> None:
            if value is not None:
                then(value)

        self.app.push_screen(ChoiceScreen(title, options), chosen)

    def palette_commands(self) -> list[PaletteCommand]:
        """The ticket's actions for the command palette."""
        return [
            PaletteCommand(_("Reply"), _("Write to the customer"), self.action_reply),
            PaletteCommand(_("Internal note"), _("A note for the team"), self.action_note),
            PaletteCommand(
                _("Set status"), _("Open, pending customer, solved"), self.action_status
            ),
            PaletteCommand(_("Set priority"), _("Urgent, high, normal, low"), self.action_priority),
            PaletteCommand(_("Assign"), _("Take or assign the ticket"), self.action_assign),
            PaletteCommand(_("Merge"), _("Into another ticket"), self.action_merge),
            PaletteCommand(_("Dispute"), _("Link or open a dispute"), self.action_dispute),
            PaletteCommand(
                _("Insert an article"), _("From the help center, in the reply"), self.action_article
            ),
        ]

    def on_unmount(self) -> None:
        import contextlib
        import threading

        store, agent_id, ticket_id = getattr(self.app, "store", None), self.agent.id, self.ticket_id
        if store is None:
            return

        def goodbye() -> None:
            from console.tickets import leave

            # The console may be closing: the row expires without heartbeat anyway.
            with contextlib.suppress(Exception):
                leave(store, agent_id, ticket_id)

        threading.Thread(target=goodbye, name="ticket-leave", daemon=True).start()


def ask_and_open_ticket(app: App[Any]) -> None:
    """Ask for a ticket number, then open that ticket over the current screen."""

    def typed(number: str | None) -> None:
        if number:
            app.push_screen(TicketScreen(int(number)))

    app.push_screen(
        PromptScreen(_("Open which ticket?"), placeholder="42", validate=whole_number), typed
    )
