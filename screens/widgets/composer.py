"""The composer under the thread: a reply to the customer or an internal note.

It only edits text: the screen sends it (`Composer.Submitted`), offers macros
(`Composer.MacroWanted`) and closes it (`Composer.Cancelled`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from console.i18n import N_, LazyString, _

Mode = Literal["reply", "note"]


class Composer(Vertical):
    """A text area with its title; `mode` says whether it writes a reply or a note."""

    HELP_NAME: ClassVar[LazyString] = N_("composer")
    """What the help screen calls this widget."""

    DEFAULT_CSS = """
    Composer {
        height: auto;
        max-height: 50%;
        border: round $primary;
        border-title-color: $primary;
        padding: 0 1;
        display: none;
        &.-open { display: block; }
        &.-note { border: round $warning; border-title-color: $warning; }
        & #composer-help { color: $text-muted; height: 1; }
        /* The scrollbar's column is always kept: text that fills the area would otherwise
           wrap one way with the scrollbar and the other way without it. */
        & TextArea { height: 8; border: none; padding: 0; scrollbar-gutter: stable; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", N_("Send"), id="composer.send"),
        Binding("ctrl+t", "macro", N_("Insert macro"), id="composer.macro"),
        Binding("escape", "cancel", N_("Close composer"), id="composer.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `ctrl+s` | Send the reply, or save the note. |
    | `ctrl+t` | Insert a macro in the ticket's language, placeholders filled. |
    | `escape` | Close the composer (the draft is dropped). |
    """

    mode: reactive[Mode] = reactive("reply")
    """What the text becomes: a reply to the customer or an internal note."""

    class Submitted(Message):
        """The agent asked to send the text."""

        def __init__(
            self, mode: Mode, text: str, macros: tuple[str, ...], articles: tuple[str, ...]
        ) -> None:
            super().__init__()
            self.mode = mode
            self.text = text
            self.macros = macros
            """The macros inserted, by name, in the order they were."""
            self.articles = articles
            """The help-center articles inserted, by slug."""

    class Cancelled(Message):
        """The agent closed the composer."""

    class MacroWanted(Message):
        """The agent asked for the macro picker."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._macros: list[str] = []
        self._articles: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextArea(id="composer-text", soft_wrap=True, show_line_numbers=False)
        yield Static("", id="composer-help")

    def open(self, mode: Mode) -> None:
        """Show the composer in `mode` and focus its text."""
        self.mode = mode
        self.add_class("-open")
        self.query_one(TextArea).focus()

    def close(self) -> None:
        """Hide the composer and drop its text."""
        self.remove_class("-open")
        self.query_one(TextArea).text = ""
        self._macros.clear()
        self._articles.clear()

    @property
    def is_open(self) -> bool:
        """True while the composer is shown."""
        return self.has_class("-open")

    @property
    def text(self) -> str:
        """The text written so far."""
        return self.query_one(TextArea).text

    def insert(self, text: str, *, macro: str | None = None, article: str | None = None) -> None:
        """Insert `text` at the cursor; `macro` or `article` names where it came from."""
        area = self.query_one(TextArea)
        area.insert(text)
        area.focus()
        if macro is not None:
            self._macros.append(macro)
        if article is not None:
            self._articles.append(article)

    def watch_mode(self, mode: Mode) -> None:
        self.set_class(mode == "note", "-note")
        if mode == "note":
            self.border_title = _("Internal note (the customer never sees it)")
            help_text = _("ctrl+s save · escape close")
        else:
            self.border_title = _("Reply to the customer")
            help_text = _("ctrl+s send · ctrl+t macro · escape close")
        self.query_one("#composer-help", Static).update(help_text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "macro":
            return self.mode == "reply"
        return True

    def action_submit(self) -> None:
        """Ask the screen to send the text."""
        self.post_message(
            self.Submitted(self.mode, self.text, tuple(self._macros), tuple(self._articles))
        )

    def action_macro(self) -> None:
        """Ask the screen for the macro picker."""
        self.post_message(self.MacroWanted())

    def action_cancel(self) -> None:
        """Close without sending."""
        self.close()
        self.post_message(self.Cancelled())
