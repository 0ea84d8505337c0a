"""The help screen: every key of the screen underneath and of the app, read from the bindings.

Nothing here is written by hand: adding a binding with a description adds its line.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from console.i18n import N_, _
from screens.widgets.key_bar import KeyBar

TEXTUAL_WIDGET_NAMES = {"TextArea": N_("text"), "Input": N_("field"), "OptionList": N_("list")}
"""What the help calls Textual's own widgets when they have the focus."""


def widget_name(node: DOMNode) -> str:
    """The focused widget as the help names it: its `HELP_NAME`, else a plain word."""
    named = getattr(node, "HELP_NAME", None) or TEXTUAL_WIDGET_NAMES.get(type(node).__name__)
    return str(named) if named is not None else type(node).__name__


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(where, key, what) for every described binding active on `screen`, app-wide last."""
    app = screen.app
    keys_of: dict[tuple[int, str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        if binding.system or not str(binding.description):
            continue
        node: DOMNode = active.node
        if node is app:
            order, where = 2, _("everywhere")
        elif node is screen:
            order, where = 0, _("this screen")
        else:
            order, where = 1, _("the focused {widget}").format(widget=widget_name(node))
        keys = keys_of.setdefault((order, where, str(binding.description)), [])
        key = app.get_key_display(binding)
        if key not in keys:
            keys.append(key)
    ordered = sorted(keys_of.items(), key=lambda item: item[0][0])
    return [(where, ", ".join(keys), what) for (_order, where, what), keys in ordered]


class HelpScreen(ModalScreen[None]):
    """Every key of the screen underneath, grouped by where it works."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", N_("Close"), key_display="esc", id="help.close"
        ),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `escape`, `q`, `?` | Close the help. |
    """

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.rows = binding_rows(underneath)
        """(where, key, what) of every key of the screen underneath."""

    def compose(self) -> ComposeResult:
        table = Table(expand=True, box=None, show_edge=False, pad_edge=False)
        table.add_column(_("Key"), no_wrap=True, style="bold")
        table.add_column(_("What it does"), ratio=1)
        table.add_column(_("Where"), no_wrap=True, style="dim")
        for where, key, what in self.rows:
            table.add_row(Text(key), Text(what), Text(where))
        with Vertical(id="help-box"):
            yield Static(_("Keys"), id="help-title")
            with VerticalScroll():
                yield Static(table, id="help-table")
        yield KeyBar()
