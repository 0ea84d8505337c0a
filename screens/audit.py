"""The audit trail, read-only: newest first, filtered by subject (`dispute 5`, `approval`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from console.i18n import N_, _
from console.text import sanitize
from screens.background import background
from screens.signed_in import SignedIn
from screens.widgets.agent_header import AgentHeader
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.disputes.audit import AuditEntry


def parse_subject(text: str) -> tuple[str | None, int | None] | None:
    """`dispute 5` → ("dispute", 5); `dispute` → ("dispute", None); "" → (None, None)."""
    words = text.split()
    if not words:
        return None, None
    if len(words) > 2 or (len(words) == 2 and not words[1].isdigit()):
        return None
    return words[0].lower(), int(words[1]) if len(words) == 2 else None


class AuditScreen(SignedIn, Screen[None]):
    """Every recorded event, newest first; nothing here changes anything."""

    CSS_PATH = "audit.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", N_("Filter by subject"), key_display="/", id="audit.filter"),
        Binding("r", "reload", N_("Read again"), id="audit.reload"),
        Binding("escape", "back", N_("Back"), id="audit.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `/` | Filter by subject: `dispute 5`, `account 2`, `approval`; empty for all. |
    | `r` | Read the trail again. |
    | `escape` | Back (or leave the filter). |
    """

    class Loaded(Message):
        """The events as the worker read them."""

        def __init__(self, entries: list[AuditEntry]) -> None:
            super().__init__()
            self.entries = entries

    class Failed(Message):
        """The service refused (e.g. the role may not read the trail)."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, subject: str = "") -> None:
        super().__init__()
        self.subject = subject
        """The subject filter as typed."""

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        yield Input(value=self.subject, placeholder=_("dispute 5"), id="audit-filter")
        yield Static("", id="audit-status")
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(_("audit trail"))
        table = self.query_one(DataTable)
        table.add_columns(_("When"), _("Who"), _("Action"), _("Subject"), _("Details"))
        self.query_one("#audit-filter").display = bool(self.subject)
        table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        """Read the trail with the current filter."""
        parsed = parse_subject(self.subject)
        if parsed is None:
            self.query_one("#audit-status", Static).update(
                Text(_("Filter with a subject and maybe its number, e.g. dispute 5."))
            )
            return
        self._load(*parsed)

    @background(group="audit-load", exclusive=True)
    def _load(self, kind: str | None, subject_id: int | None) -> None:
        from console.disputes.trail import recent_audit_events
        from console.errors import GuichetError

        try:
            entries = recent_audit_events(
                self.store, self.agent, subject_kind=kind, subject_id=subject_id
            )
        except GuichetError as error:
            self.post_message(self.Failed(error.message))
            return
        self.post_message(self.Loaded(entries))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        from console.formatting import format_instant

        agent = self.agent
        table = self.query_one(DataTable)
        table.clear()
        for entry in event.entries:
            details = json.dumps(entry.details, ensure_ascii=False, default=str)
            table.add_row(
                format_instant(entry.at, agent.timezone, agent.ui_language, style="short"),
                Text(sanitize(entry.actor or "system")),
                entry.action,
                f"{entry.subject_kind} {entry.subject_id if entry.subject_id is not None else ''}",
                Text(sanitize(details[:120])),
                key=str(entry.id),
            )
        shown = _("{count} events, newest first").format(count=len(event.entries))
        if self.subject:
            shown += " · " + _("subject: {subject}").format(subject=self.subject)
        self.query_one("#audit-status", Static).update(Text(shown))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.query_one("#audit-status", Static).update(Text(event.message))
        self.notify(event.message, severity="error")

    def action_filter(self) -> None:
        """Show the filter and type a subject."""
        field = self.query_one("#audit-filter", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#audit-filter")
    def _filtered(self, event: Input.Submitted) -> None:
        self.subject = event.value.strip()
        self.query_one(DataTable).focus()
        self.action_reload()

    def action_back(self) -> None:
        """Leave the filter, or go back."""
        if self.focused is self.query_one("#audit-filter"):
            self.query_one(DataTable).focus()
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
