"""A ticket's thread: one block per message or system line, oldest first.

Every text that came from a customer (or an AI answer about their request) is shown as plain
`rich.text.Text` after `sanitize`: markup is never parsed, escape sequences never reach the
terminal. The kind of each entry is a CSS class, so internal notes and the AI answer look
different in every theme, 16 colours included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from console.i18n import N_, LazyString, _
from console.text import sanitize

if TYPE_CHECKING:
    from datetime import datetime

    from console.tickets import ThreadEntry

KIND_CLASSES = {
    "customer": "-customer",
    "ai_assistant": "-ai",
    "agent": "-agent",
    "internal_note": "-note",
    "system": "-system",
}
KIND_LABELS: dict[str, LazyString] = {
    "customer": N_("customer"),
    "ai_assistant": N_("AI assistant"),
    "agent": N_("reply"),
    "internal_note": N_("internal note"),
}


def entry_header(entry: ThreadEntry, when: str) -> Text:
    """`author · kind · time`, the AI answer before escalation said so in words."""
    header = Text()
    if entry.kind == "ai_assistant":
        label = (
            _("AI assistant · answer before escalation")
            if entry.before_escalation
            else _("AI assistant")
        )
        header.append(label, style="bold")
    else:
        if entry.author:
            header.append(sanitize(entry.author), style="bold")
            header.append(" · ")
        label_text = KIND_LABELS.get(entry.kind)
        header.append(str(label_text) if label_text else entry.kind)
    header.append(f" · {when}")
    return header


class ThreadEntryView(Static):
    """One message (header and body) or one system line."""

    DEFAULT_CSS = """
    ThreadEntryView {
        width: 1fr;
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: thick $panel-lighten-2;
        &.-customer { border-left: thick $accent; }
        &.-agent { border-left: thick $primary; }
        &.-ai { border-left: thick $secondary; background: $boost; }
        &.-note { border-left: thick $warning; background: $warning-muted; }
        &.-system { border-left: none; color: $text-muted; text-style: italic; margin: 0; }
    }
    """

    def __init__(self, entry: ThreadEntry, when: str) -> None:
        self.entry = entry
        """The thread entry shown."""
        super().__init__(self.render_entry(entry, when), classes=KIND_CLASSES.get(entry.kind, ""))

    @staticmethod
    def render_entry(entry: ThreadEntry, when: str) -> Text:
        """The entry as plain text: a header line, then the body (system lines: one line)."""
        if entry.kind == "system":
            return Text(f"— {sanitize(entry.body)} ({when})")
        text = entry_header(entry, when)
        text.append("\n")
        text.append(sanitize(entry.body))
        return text


class ThreadView(VerticalScroll):
    """The whole thread, scrolled to its end when it changes."""

    HELP_NAME: ClassVar[LazyString] = N_("thread")
    """What the help screen calls this widget."""

    DEFAULT_CSS = """
    ThreadView {
        height: 1fr;
        padding: 0 1;
        &:focus { background-tint: $foreground 3%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = True
        self.entries: tuple[ThreadEntry, ...] = ()
        """What is shown now."""

    async def show(self, entries: Sequence[ThreadEntry], when: Callable[[datetime], str]) -> None:
        """Show `entries` (replacing what was there) and scroll to the newest."""
        self.entries = tuple(entries)
        await self.remove_children()
        await self.mount_all([ThreadEntryView(entry, when(entry.at)) for entry in entries])
        self.scroll_end(animate=False)
