"""Customer text is inert on the ticket screen: no markup, no links, no escape sequences.

Hostile subjects, names, requests and AI answers are shown as the literal characters that
survive `sanitize`; no segment on the terminal carries a link or a click action, and no escape
or control character reaches it. Hypothesis tries arbitrary text.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult

from console.store import Store
from console.text import sanitize
from console.tickets import ThreadEntry
from screens.widgets.thread_view import ThreadEntryView, ThreadView
from screens.widgets.ticket_panels import CustomerPanel
from tests.screens.ticket_harness import console, open_ticket, screen_segments, screen_text
from tests.ticket_fixtures import fill_marketplace

HOSTILE = [
    "[bold]x[/]",
    "[@click=app.quit]q[/]",
    "[link=http://x]y[/link]",
    "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",
    "before\x1b[2Jafter",
    "ding\x07dong",
    "nul\x00byte",
    "[red on white]alarm[/red on white] :smile: \\[escaped]",
]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _assert_inert(segments: list[Any], text: str) -> None:
    for segment in segments:
        style = segment.style
        if style is None:
            continue
        assert not style.link, f"a link reached the terminal: {segment!r}"
        assert "@click" not in (style.meta or {}), f"a click action: {segment!r}"
    assert not _CONTROL.search(text), "a control character reached the terminal"


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_hostile_text_is_shown_literally(store: Store, hostile: str) -> None:
    marked = f"«{hostile}»"
    market = fill_marketplace(
        store, subject=marked, customer_name=marked, request=marked, ai_answer=marked
    )
    app = console(store)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        text = screen_text(app)
        literal = f"«{sanitize(hostile)}»"
        # The subject line, the request's author and body, the AI answer.
        assert text.count(literal) >= 4, text
        panel = screen.query_one(CustomerPanel).content
        assert isinstance(panel, Text)
        assert literal in panel.plain
        _assert_inert(screen_segments(app), text)
        assert app.is_running
        assert app.screen is screen
        views = list(screen.query(ThreadEntryView))
        assert views[0].entry.body == marked  # stored as written, cleaned only when shown


async def test_the_markup_characters_survive_exactly(store: Store) -> None:
    market = fill_marketplace(store, request="[bold]x[/] [@click=app.quit]q[/]")
    app = console(store)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_ticket(pilot, store, market.amelie, market.ticket)
        assert "[bold]x[/] [@click=app.quit]q[/]" in screen_text(app)
        bold_x = [s for s in screen_segments(app) if s.text == "x" and s.style and s.style.bold]
        assert bold_x == []


_ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(body=_ANY_TEXT, author=_ANY_TEXT)
def test_any_text_renders_as_its_sanitized_characters(body: str, author: str) -> None:
    entry = ThreadEntry(kind="customer", at=datetime(2026, 11, 24, tzinfo=UTC), body=body,
                        author=author)  # fmt: skip
    rendered = ThreadEntryView.render_entry(entry, "09:30")
    assert rendered.plain.endswith("\n" + sanitize(body))
    assert sanitize(author) in rendered.plain
    for span in rendered.spans:
        style = span.style
        assert isinstance(style, str)
        assert style in ("bold", "")


class _Thread(App[None]):
    def __init__(self, entries: list[ThreadEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        yield ThreadView()

    async def on_mount(self) -> None:
        await self.query_one(ThreadView).show(self.entries, lambda _at: "09:30")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies=st.lists(_ANY_TEXT, min_size=1, max_size=3))
def test_any_text_on_the_terminal_is_inert(bodies: list[str]) -> None:
    at = datetime(2026, 11, 24, tzinfo=UTC)
    entries = [ThreadEntry(kind="customer", at=at, body=body, author=body) for body in bodies]

    async def run() -> None:
        app = _Thread(entries)
        async with app.run_test(size=(100, 60)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            _assert_inert(screen_segments(app), text)
            for body in bodies:
                visible = "".join(sanitize(body).split())
                if visible and len(visible) < 40 and visible.isascii() and visible.isprintable():
                    assert visible in "".join(text.split())

    asyncio.run(run())
