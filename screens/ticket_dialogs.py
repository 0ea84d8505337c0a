"""The small dialogs of the ticket screen: choose one, type a number, confirm, pick an article
or a macro. Each is a modal screen that dismisses with the answer (None when cancelled).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from console.i18n import N_, _
from console.text import sanitize

if TYPE_CHECKING:
    from console.knowledge import Article
    from console.macros import Macro

T = TypeVar("T")

DIALOG_CSS = """
    align: center middle;
    & > Vertical {
        width: 80%;
        max-width: 100;
        height: auto;
        max-height: 80%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    & .dialog-title { text-style: bold; padding: 0 0 1 0; }
    & .dialog-hint { color: $text-muted; }
    & OptionList { height: auto; max-height: 20; }
    & #preview { height: auto; max-height: 12; color: $text-muted; padding: 1 0 0 0; }
"""


class ChoiceScreen(ModalScreen[T | None], Generic[T]):
    """Choose one of a few options with the arrows and Enter."""

    DEFAULT_CSS = "ChoiceScreen {" + DIALOG_CSS + "}"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", N_("Cancel"), id="dialog.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `enter` | Choose the highlighted option. |
    | `escape` | Cancel. |
    """

    def __init__(self, title: str, options: Sequence[tuple[str, T]], *, hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.options = list(options)
        """(label, value) of each option, in order."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(Text(label), id=str(i)) for i, (label, _v) in enumerate(self.options)],
                id="choices",
            )
            if self.hint:
                yield Static(Text(self.hint), classes="dialog-hint")

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index][1])

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """Type one value (a ticket or dispute number) and press Enter."""

    DEFAULT_CSS = "PromptScreen {" + DIALOG_CSS + "}"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", N_("Cancel"), id="dialog.cancel"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `enter` | Accept the value. |
    | `escape` | Cancel. |
    """

    def __init__(
        self,
        title: str,
        *,
        placeholder: str = "",
        validate: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder
        self.validate = validate
        """Returns an error sentence for a wrong value, None for a good one."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="prompt-value")
            yield Static("", id="prompt-error", classes="dialog-hint")

    @on(Input.Submitted, "#prompt-value")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        error = self.validate(value) if self.validate else None
        if error:
            self.query_one("#prompt-error", Static).update(Text(error))
            return
        self.dismiss(value or None)

    def action_dismiss_none(self) -> None:
        """Close without a value."""
        self.dismiss(None)


LARGEST_NUMBER = 2**63 - 1
"""The largest id a store holds (SQLite and PostgreSQL `bigint`): a longer number is a typo."""


def whole_number(value: str) -> str | None:
    """An error sentence unless `value` is a positive whole number written with 0-9."""
    # str.isdigit() also accepts "²" and other digits that int() refuses.
    if value.isascii() and value.isdigit() and 0 < int(value) <= LARGEST_NUMBER:
        return None
    return _("Type a number, such as 42.")


class ConfirmScreen(ModalScreen[bool]):
    """A question with Yes and No; `y`/`n` answer too."""

    DEFAULT_CSS = (
        "ConfirmScreen {"
        + DIALOG_CSS
        + """
        & #confirm-body { height: auto; max-height: 16; padding: 0 0 1 0; }
        & Horizontal { height: auto; align: right middle; }
        & Button { margin: 0 0 0 2; }
    }"""
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `y` | Yes. |
    | `n`, `escape` | No. |
    """

    def __init__(self, question: str, body: Text | None = None) -> None:
        super().__init__()
        self.question = question
        self.body = body or Text()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), classes="dialog-title")
            yield Static(self.body, id="confirm-body")
            with Horizontal():
                yield Button(_("No"), id="no")
                yield Button(_("Yes, send"), id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)


class _SearchPicker(ModalScreen[T | None], Generic[T]):
    """An input that filters a list; Enter picks the highlighted entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", N_("Cancel"), id="dialog.cancel"),
        Binding("down", "move(1)", N_("Next"), show=False, id="dialog.down"),
        Binding("up", "move(-1)", N_("Previous"), show=False, id="dialog.up"),
    ]

    title_text = ""
    placeholder = ""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[T] = []
        """The entries listed now, in order."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="picker-query")
            yield OptionList(id="picker-list")
            yield Static("", id="preview")

    def on_mount(self) -> None:
        self._refill("")

    def search(self, query: str) -> list[T]:
        """The entries matching `query`."""
        raise NotImplementedError

    def label(self, entry: T) -> Text:
        """How an entry is listed."""
        raise NotImplementedError

    def preview(self, entry: T) -> Text:
        """What is shown under the list for the highlighted entry."""
        raise NotImplementedError

    def _refill(self, query: str) -> None:
        self.found = self.search(query)
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        options.add_options([Option(self.label(entry)) for entry in self.found])
        if self.found:
            options.highlighted = 0
        self._show_preview()

    def _show_preview(self) -> None:
        index = self.query_one("#picker-list", OptionList).highlighted
        preview = self.query_one("#preview", Static)
        if index is None or index >= len(self.found):
            preview.update(Text(_("Nothing matches.")))
        else:
            preview.update(self.preview(self.found[index]))

    @on(Input.Changed, "#picker-query")
    def _changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(OptionList.OptionHighlighted, "#picker-list")
    def _highlighted(self) -> None:
        self._show_preview()

    @on(Input.Submitted, "#picker-query")
    def _submitted(self) -> None:
        self._pick(self.query_one("#picker-list", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is not None and index < len(self.found):
            self.dismiss(self.found[index])

    def action_move(self, step: int) -> None:
        """Move the highlight while typing."""
        options = self.query_one("#picker-list", OptionList)
        if not self.found:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.found) - 1, current + step))

    def action_dismiss_none(self) -> None:
        """Close without picking."""
        self.dismiss(None)


class ArticlePicker(_SearchPicker["Article"]):
    """Search the help center's articles in the ticket's language."""

    DEFAULT_CSS = "ArticlePicker {" + DIALOG_CSS + "}"

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.title_text = _("Insert a help-center article in the reply ({language})").format(
            language=language
        )
        self.placeholder = _("Search the articles")

    def search(self, query: str) -> list[Article]:
        from console.knowledge import search_articles

        return [hit.article for hit in search_articles(query, self.language)]

    def label(self, entry: Article) -> Text:
        return Text(f"{entry.title}  [{entry.language}]")

    def preview(self, entry: Article) -> Text:
        return Text(entry.body)


class MacroPicker(_SearchPicker["Macro"]):
    """The macros in the ticket's language, filtered by what is typed."""

    DEFAULT_CSS = "MacroPicker {" + DIALOG_CSS + "}"

    def __init__(self, language: str, values: dict[str, str | None]) -> None:
        super().__init__()
        self.language = language
        self.values = values
        self.title_text = _("Insert a macro ({language})").format(language=language)
        self.placeholder = _("Filter the macros")

    def search(self, query: str) -> list[Macro]:
        from console.macros import macros_for

        wanted = query.casefold().strip()
        return [
            macro
            for macro in macros_for(self.language)
            if not wanted or wanted in macro.title.casefold() or wanted in macro.name
        ]

    def label(self, entry: Macro) -> Text:
        return Text(entry.title)

    def preview(self, entry: Macro) -> Text:
        from console.errors import GuichetError
        from console.macros import fill

        try:
            return Text(sanitize(fill(entry, self.values).text))
        except GuichetError as error:
            return Text(error.message)


def plain(value: Any) -> Text:
    """Untrusted text as inert plain `Text`."""
    return Text(sanitize(str(value)))
