"""A focusable tile with one live count and what it counts."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class CountTile(Widget, can_focus=True):
    """One count of the home screen; the screen decides what Enter opens."""

    DEFAULT_CSS = """
    CountTile {
        width: 1fr;
        height: 5;
        padding: 0 1;
        border: round $border-blurred;
        background: $surface;
        content-align: center middle;
        text-align: center;
        &:focus { border: round $primary; background: $boost; }
        &.-alert { color: $text-error; }
    }
    """

    count: reactive[str] = reactive("", layout=False)
    """The count, already formatted in the agent's locale ("" until first counted)."""

    def __init__(self, label: str, view_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        """What is counted, for people."""
        self.view_name = view_name
        """The name of the queue view that lists what is counted."""

    def render(self) -> Text:
        text = Text(justify="center")
        text.append(self.count or "·", style="bold")
        text.append("\n")
        text.append(self.label)
        return text
