"""`guichet offer --lang L [--at T] [--json]`: the contact methods a customer may be offered.

A read-only question of the help center: it needs the store, not an agent's identity. The JSON
is the contract of routing.md; without `--json` the same answer is printed for a person.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from console.commands.common import add_command, print_json, store_from
from console.errors import BadInput
from console.i18n import _
from console.instants import EXAMPLE, parse_instant

if TYPE_CHECKING:
    from console.routing.offer import Offer
    from console.store import Store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `offer`."""
    parser = add_command(
        commands,
        "offer",
        _("which contact methods (email, chat, phone) a customer may be offered now or at --at"),
        _offer,
    )
    parser.add_argument(
        "--lang", required=True, metavar="TAG", help=_("the customer's BCP 47 language tag")
    )
    parser.add_argument(
        "--at",
        metavar="TIME",
        help=_("the instant, ISO 8601 with an offset (default: now), e.g. {example}").format(
            example=EXAMPLE
        ),
    )


def parse_language(tag: str) -> str:
    """A BCP 47 tag reduced to its primary language; `BadInput` when it is malformed."""
    from models.language import LanguageTagError, normalise_language

    try:
        return normalise_language(tag)
    except LanguageTagError:
        raise BadInput(
            _(
                "--lang {tag!r} is not a well-formed BCP 47 language tag; "
                "write one like fr, pt-BR or zh-Hans-CN"
            ).format(tag=tag)
        ) from None


def use_language_of_named_agent(args: argparse.Namespace, store: Store) -> None:
    """Print in the language of the agent named by `--agent`/`GUICHET_AGENT`, if any.

    `offer` and `coverage` need no identity; the handle only chooses the language of the text.
    """
    import os

    from sqlmodel import select

    from console.i18n import set_language
    from console.settings import AGENT_ENV
    from models import Agent

    handle = getattr(args, "agent", None) or os.environ.get(AGENT_ENV)
    if not handle:
        return
    with store.read() as session:
        agent = session.exec(select(Agent).where(Agent.handle == handle)).first()
    if agent is not None:
        set_language(agent.ui_language)


def _offer(args: argparse.Namespace) -> int:
    lang = parse_language(args.lang)
    at = parse_instant(args.at, "--at") if args.at else datetime.now(UTC).replace(microsecond=0)
    from console.routing.offer import offer_channels, offer_document
    from console.routing.snapshot import load_snapshot

    store = store_from(args)
    offer = offer_channels(lang, at, load_snapshot(store, at))
    if args.json:
        print_json(offer_document(offer))
    else:
        use_language_of_named_agent(args, store)
        print(_describe(offer))
    return 0


def _describe(offer: Offer) -> str:
    from console.routing.labels import channel_label, reason_label
    from console.routing.offer import utc_iso

    lines = [_("Contact methods for {lang} at {at}:").format(lang=offer.lang, at=utc_iso(offer.at))]
    for channel, verdict in offer.channels.items():
        state = _("offered") if verdict.offered else _("not offered")
        line = f"  {channel_label(channel):<8} {state:<12} {reason_label(verdict.reason)}"
        if verdict.handled_in and verdict.handled_in != offer.lang:
            line += " " + _("(handled in {lang})").format(lang=verdict.handled_in)
        if verdict.agents:
            line += " — " + ", ".join(verdict.agents)
        if verdict.next_open_at:
            line += " — " + _("opens {at}").format(at=utc_iso(verdict.next_open_at))
        lines.append(line)
    return "\n".join(lines)
