"""The key bar at the foot of every screen: the keys that work here, on one line.

It shows what Textual's `Footer` shows (the active bindings with `show=True`, the command
palette's key on the right, disabled keys dimmed, a click presses the key) but as one widget
drawing one line. `Footer` recomposes a widget per key on every focus change, which costs more
than a hundred milliseconds on a busy screen; this bar compares what it would show and repaints
only when that changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

SEPARATOR = "▏"


@dataclass(frozen=True)
class KeyEntry:
    """One key as the bar shows it."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """One line of keys for the active screen and focused widget."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--palette",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--palette { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: tuple[KeyEntry, ...] = ()
        """The keys shown, left to right (the palette's key excluded)."""
        self.palette: KeyEntry | None = None
        """The command palette's key, shown on the right."""
        self._spans: list[tuple[int, int, KeyEntry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        entries, palette = self._read(screen)
        if (entries, palette) != (self.entries, self.palette):
            self.entries, self.palette = entries, palette
            self.refresh()

    def _read(self, screen: Screen[object]) -> tuple[tuple[KeyEntry, ...], KeyEntry | None]:
        app = self.app
        active = screen.active_bindings
        shown: dict[str, KeyEntry] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in shown:
                display = app.get_key_display(binding)
                shown[binding.action] = KeyEntry(binding.key, display, binding.description,
                                                 enabled)  # fmt: skip
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            shown.pop(binding.action, None)
            palette = KeyEntry(binding.key, app.get_key_display(binding), binding.description,
                               enabled)  # fmt: skip
        return tuple(shown.values()), palette

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0 or width <= 0:
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-bar--key", partial=True)
        text_style = base + self.get_component_rich_style("key-bar--description", partial=True)
        dim = Style(dim=True)
        right: list[Segment] = []
        if self.palette is not None:
            edge = base + self.get_component_rich_style("key-bar--palette", partial=True)
            right = [
                Segment(SEPARATOR, edge),
                Segment(f"{self.palette.display} ", key_style),
                Segment(f"{self.palette.description} ", text_style),
            ]
        room = width - sum(segment.cell_length for segment in right)
        segments: list[Segment] = []
        spans: list[tuple[int, int, KeyEntry]] = []
        x = 0
        for entry in self.entries:
            extra = dim if not entry.enabled else Style()
            parts = [
                Segment(f" {entry.display} ", key_style + extra),
                Segment(f"{entry.description} ", text_style + extra),
            ]
            size = sum(segment.cell_length for segment in parts)
            if x + size > room:
                break
            segments += parts
            spans.append((x, x + size, entry))
            x += size
        segments.append(Segment(" " * max(0, room - x), base))
        if self.palette is not None and room >= 0:
            spans.append((room, width, self.palette))
        self._spans = spans
        line = Strip(segments + right).crop(0, width)
        return line.extend_cell_length(width, base)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return

    def text(self) -> str:
        """What the bar shows, as plain text (for tests and screen readers)."""
        parts = [f"{entry.display} {entry.description}" for entry in self.entries]
        if self.palette is not None:
            parts.append(f"{self.palette.display} {self.palette.description}")
        return "  ".join(parts)
