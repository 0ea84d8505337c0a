"""The disputes awaiting the signed-in reviewer, soonest clock first: pick one, open it or its
ticket.

The list is `console.disputes.awaiting.disputes_awaiting`'s, the same rule as the home tile that
opens it. A reviewer holds tens of disputes, so a `DataTable` holds them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.i18n import N_, _, ngettext
from console.text import sanitize
from screens.background import background
from screens.signed_in import SignedIn
from screens.widgets.agent_header import AgentHeader
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.auth import SignedInAgent
    from console.disputes.awaiting import AwaitingDispute
    from console.store import Store


class DisputesScreen(SignedIn, Screen[None]):
    """Open disputes the agent reviews, soonest clock first."""

    CSS_PATH = "disputes_list.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Before the table's own `enter` (select the row), so the key bar shows what it does.
        Binding("enter", "open_dispute", N_("Open dispute"), priority=True, id="disputes.open"),
        Binding("t", "open_ticket", N_("Open ticket"), id="disputes.open-ticket"),
        Binding("j", "cursor_down", N_("Next"), show=False, id="disputes.down"),
        Binding("k", "cursor_up", N_("Previous"), show=False, id="disputes.up"),
        Binding("r", "reload", N_("Read again"), id="disputes.reload"),
        Binding("escape", "back", N_("Back"), id="disputes.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `enter` | Open the highlighted dispute. |
    | `t` | Open the ticket it is linked to, when it has one. |
    | `j`, `down` / `k`, `up` | Next / previous dispute. |
    | `r` | Read the list again. |
    | `escape` | Back. |
    """

    class Loaded(Message):
        """The disputes as the worker read them."""

        def __init__(self, disputes: list[AwaitingDispute]) -> None:
            super().__init__()
            self.disputes = disputes

    def __init__(self) -> None:
        super().__init__()
        self.disputes: list[AwaitingDispute] = []
        """The disputes listed, in order."""

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        yield Static("", id="disputes-status")
        yield DataTable(id="disputes-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(_("disputes awaiting me"))
        table = self.query_one(DataTable)
        table.add_columns(
            "#",
            _("Kind"),
            _("State"),
            _("Order"),
            _("Buyer"),
            _("Seller"),
            _("At stake"),
            _("Clock runs out"),
            _("Ticket"),
        )
        table.focus()
        # The first read comes with the screen's first resume (`on_screen_resume`).

    def action_reload(self) -> None:
        """Read the list again."""
        self._load(self.store, self.agent)

    @background(group="disputes-load", exclusive=True)
    def _load(self, store: Store, agent: SignedInAgent) -> None:
        from console.disputes.awaiting import disputes_awaiting

        self.post_message(self.Loaded(disputes_awaiting(store, agent)))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        from console.formatting import format_instant, format_money

        agent = self.agent
        self.disputes = event.disputes
        table = self.query_one(DataTable)
        table.clear()
        for item in event.disputes:
            table.add_row(
                str(item.id),
                item.kind_label,
                item.state_label,
                Text(sanitize(item.order_reference)),
                Text(sanitize(item.buyer)),
                Text(sanitize(item.seller)),
                format_money(item.amount, agent.ui_language) if item.amount is not None else "—",
                (
                    format_instant(item.due_at, agent.timezone, agent.ui_language, style="short")
                    if item.due_at is not None
                    else "—"
                ),
                f"#{item.ticket_id}" if item.ticket_id is not None else "—",
                key=str(item.id),
            )
        count = len(event.disputes)
        self.query_one("#disputes-status", Static).update(
            Text(
                ngettext(
                    "{count} dispute awaits you, soonest clock first.",
                    "{count} disputes await you, soonest clock first.",
                    count,
                ).format(count=count)
                if count
                else _("Nothing awaits you: no open dispute has you as its reviewer.")
            )
        )

    @property
    def highlighted(self) -> AwaitingDispute | None:
        """The dispute under the cursor."""
        table = self.query_one(DataTable)
        if not self.disputes or not 0 <= table.cursor_row < len(self.disputes):
            return None
        return self.disputes[table.cursor_row]

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        # A click on the highlighted row.
        event.stop()
        self.action_open_dispute()

    def action_open_dispute(self) -> None:
        """Open the highlighted dispute."""
        from screens.dispute import DisputeScreen

        item = self.highlighted
        if item is not None:
            self.app.push_screen(DisputeScreen(item.id))

    def action_open_ticket(self) -> None:
        """Open the ticket the highlighted dispute is linked to (or say it has none)."""
        from screens.ticket import TicketScreen

        item = self.highlighted
        if item is None:
            return
        if item.ticket_id is None:
            self.notify(_("Dispute {id} has no ticket.").format(id=item.id))
            return
        self.app.push_screen(TicketScreen(item.ticket_id))

    def action_cursor_down(self) -> None:
        """Next dispute."""
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Previous dispute."""
        self.query_one(DataTable).action_cursor_up()

    def on_screen_resume(self) -> None:
        # Shown, or shown again after a dispute or a ticket where one may have been settled.
        self.action_reload()

    def action_back(self) -> None:
        """Back."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
