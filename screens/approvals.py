"""The second pair of eyes: what waits for approval, approved or rejected (with a reason).

The rules (who may approve what, never one's own request) are the service's; this screen shows
its refusals as they come.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.i18n import N_, _
from console.text import sanitize
from screens.background import background
from screens.signed_in import SignedIn
from screens.ticket_dialogs import ConfirmScreen, PromptScreen
from screens.widgets.agent_header import AgentHeader
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.disputes.approvals import PendingApproval


class ApprovalsScreen(SignedIn, Screen[None]):
    """Pending approvals, oldest first."""

    CSS_PATH = "approvals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", N_("Approve"), id="approvals.approve"),
        Binding("x", "reject", N_("Reject"), id="approvals.reject"),
        Binding("o", "open_dispute", N_("Open dispute"), id="approvals.open-dispute"),
        Binding("r", "reload", N_("Read again"), id="approvals.reload"),
        Binding("escape", "back", N_("Back"), id="approvals.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `a` | Approve the highlighted request and carry it out. |
    | `x` | Reject it, with a reason for the person who asked. |
    | `o` | Open the dispute it is about. |
    | `r` | Read the queue again. |
    | `escape` | Back. |
    """

    class Loaded(Message):
        """The queue as the worker read it."""

        def __init__(self, pending: list[PendingApproval]) -> None:
            super().__init__()
            self.pending = pending

    class Answered(Message):
        """A service answered: `error` is its refusal, or None when it was carried out."""

        def __init__(self, notice: str, error: str | None) -> None:
            super().__init__()
            self.notice = notice
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[PendingApproval] = []
        """The requests listed, in order."""

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        yield Static("", id="approvals-status")
        yield DataTable(id="approvals-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="approvals-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(_("approvals"))
        table = self.query_one(DataTable)
        table.add_columns("#", _("What"), _("Asked by"), _("When"), _("Details"))
        table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        """Read the queue again."""
        self._load()

    @background(group="approvals-load", exclusive=True)
    def _load(self) -> None:
        from console.disputes.approvals import pending_approvals
        from console.errors import GuichetError

        try:
            self.post_message(self.Loaded(pending_approvals(self.store, self.agent)))
        except GuichetError as error:
            self.post_message(self.Answered("", error.message))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        from console.formatting import format_instant

        agent = self.agent
        self.pending = event.pending
        table = self.query_one(DataTable)
        table.clear()
        for item in event.pending:
            table.add_row(
                str(item.id),
                f"{item.subject_kind} {item.subject_id}",
                Text(sanitize(item.requested_by)),
                format_instant(item.requested_at, agent.timezone, agent.ui_language, style="short"),
                Text(sanitize(self._details(item))),
                key=str(item.id),
            )
        status = self.query_one("#approvals-status", Static)
        status.remove_class("-error")
        status.update(
            Text(
                _("{count} waiting for a second pair of eyes").format(count=len(event.pending))
                if event.pending
                else _("Nothing waits for approval.")
            )
        )
        self._show_detail()

    def _details(self, item: PendingApproval) -> str:
        from console.formatting import format_money
        from models.money import Money

        details = dict(item.details)
        amount = details.pop("amount", None)
        parts = []
        if isinstance(amount, dict):
            money = Money(int(amount["amount_minor"]), str(amount["currency"]))
            parts.append(format_money(money, self.agent.ui_language))
        parts += [f"{key}: {value}" for key, value in details.items()]
        return " · ".join(parts)

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        item = self.highlighted
        detail = self.query_one("#approvals-detail", Static)
        if item is None:
            detail.update("")
            return
        detail.update(Text(sanitize(json.dumps(item.details, ensure_ascii=False, indent=1))))

    @property
    def highlighted(self) -> PendingApproval | None:
        """The request under the cursor."""
        table = self.query_one(DataTable)
        if not self.pending or table.cursor_row < 0 or table.cursor_row >= len(self.pending):
            return None
        return self.pending[table.cursor_row]

    def _decide(self, call: Callable[[], Any], notice: str) -> None:
        self._run(call, notice)

    @background(group="approvals-decide")
    def _run(self, call: Callable[[], Any], notice: str) -> None:
        from console.errors import GuichetError

        try:
            call()
        except GuichetError as error:
            self.post_message(self.Answered(notice, error.message))
            return
        self.post_message(self.Answered(notice, None))

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        status = self.query_one("#approvals-status", Static)
        if event.error is not None:
            status.add_class("-error")
            status.update(Text(event.error))
            self.notify(event.error, severity="error", timeout=8)
            return
        self.notify(event.notice)
        self.action_reload()

    def action_approve(self) -> None:
        """Approve the highlighted request (asks first)."""
        from console.disputes.approvals import approve

        item = self.highlighted
        if item is None:
            return
        store, agent, now = self.store, self.agent, self.app.clock()  # type: ignore[attr-defined]

        def answered(yes: bool | None) -> None:
            if yes:
                self._decide(
                    lambda: approve(store, agent, item.id, now=now),
                    _("Approved and carried out: {kind} {id}.").format(
                        kind=item.subject_kind, id=item.subject_id
                    ),
                )

        question = _("Approve {kind} {id} and carry it out now?").format(
            kind=item.subject_kind, id=item.subject_id
        )
        self.app.push_screen(ConfirmScreen(question, Text(self._details(item))), answered)

    def action_reject(self) -> None:
        """Reject the highlighted request; the reason is required (the service says so)."""
        from console.disputes.approvals import reject

        item = self.highlighted
        if item is None:
            return
        store, agent, now = self.store, self.agent, self.app.clock()  # type: ignore[attr-defined]

        def typed(reason: str | None) -> None:
            if reason is None:  # escape: the lead changed their mind, nothing to say
                return
            self._decide(
                lambda: reject(store, agent, item.id, reason=reason, now=now),
                _("Rejected: {kind} {id}; nothing was carried out.").format(
                    kind=item.subject_kind, id=item.subject_id
                ),
            )

        def needs_words(reason: str) -> str | None:
            return (
                None if reason else _("A rejection needs a reason: the person who asked reads it.")
            )

        self.app.push_screen(
            PromptScreen(
                _("Why do you reject it? (the person who asked reads it)"), validate=needs_words
            ),
            typed,
        )

    def action_open_dispute(self) -> None:
        """Open the dispute the request is about, when it names one."""
        from screens.dispute import DisputeScreen

        item = self.highlighted
        dispute_id = item.details.get("dispute_id") if item else None
        if isinstance(dispute_id, int):
            self.app.push_screen(DisputeScreen(dispute_id))

    def action_back(self) -> None:
        """Back."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
