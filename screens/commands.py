"""The command palette's Guichet commands: the app's and the current screen's.

A screen offers commands by defining `palette_commands()`, returning `PaletteCommand`s built
from its own state; the provider adds the app's (help, presence, home, quit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from console.i18n import _


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the command palette."""

    label: str
    help: str
    run: Callable[[], Any]


def app_commands(app: Any) -> list[PaletteCommand]:
    """The commands every screen offers once an agent is signed in (and quit, always)."""
    commands = [
        PaletteCommand(_("Help: every key"), _("List the keys of this screen"), app.action_help),
    ]
    if getattr(app, "agent", None) is not None:
        from console.auth import PRESENCE_LABELS

        for presence, label in PRESENCE_LABELS.items():
            commands.append(
                PaletteCommand(
                    _("Presence: {presence}").format(presence=label),
                    _("Tell the team you are {presence}").format(presence=label),
                    partial(app.set_presence, presence.value),
                )
            )
        commands.append(
            PaletteCommand(_("Go home"), _("Your counts for the day"), app.action_go_home)
        )
        commands.append(
            PaletteCommand(
                _("Open a ticket by number"), _("Type its number (ctrl+g)"), app.action_open_ticket
            )
        )
        commands += [
            PaletteCommand(
                _("Open a dispute by number"),
                _("Type its number (ctrl+d)"),
                app.action_open_dispute,
            ),
            PaletteCommand(
                _("Approvals"), _("What waits for a second pair of eyes (f9)"),
                app.action_open_approvals,
            ),
            PaletteCommand(_("Audit trail"), _("Newest first (f10)"), app.action_open_audit),
        ]  # fmt: skip
    commands.append(PaletteCommand(_("Quit"), _("Leave Guichet"), app.action_quit))
    return commands


class GuichetCommands(Provider):
    """Commands of the current screen and of the app."""

    def _commands(self) -> Iterable[PaletteCommand]:
        screen_commands = getattr(self.screen, "palette_commands", None)
        if callable(screen_commands):
            yield from screen_commands()
        yield from app_commands(self.app)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.label, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.label)
            if score > 0:
                yield Hit(score, matcher.highlight(command.label), command.run, help=command.help)
