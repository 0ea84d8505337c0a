"""Routing words for people, in the current language: channels, verdict reasons, why off."""

from __future__ import annotations

from console.i18n import _


def channel_label(channel: str) -> str:
    """A channel's name for people."""
    labels = {"email": _("e-mail"), "chat": _("chat"), "phone": _("phone")}
    return labels.get(channel, channel)


def reason_label(reason: str) -> str:
    """An offer verdict's reason for people."""
    labels = {
        "always": _("always offered"),
        "ok": _("agents available"),
        "unsupported_language": _("language not served on this channel"),
        "no_agent_on_shift": _("nobody on shift"),
        "all_agents_away": _("everyone on shift is away"),
        "all_at_capacity": _("everyone on shift is busy"),
    }
    return labels.get(reason, reason)


def off_reason_label(reason: str) -> str:
    """Why an agent is off at a time, for people."""
    labels = {
        "absence": _("absence"),
        "holiday": _("holiday"),
        "not_scheduled": _("not scheduled"),
    }
    return labels.get(reason, reason)
