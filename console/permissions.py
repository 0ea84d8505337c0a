"""Who may do what: one table of roles × actions, checked by every service (screen or CLI).

Roles (see the disputes spec): agents work tickets, resolve ordinary disputes and request
refunds; leads approve and manage the team file; Trust & Safety restricts accounts and reports
to authorities; admins manage agents. Admins may do everything, still under the four-eyes rule
that an approver is never the requester (checked by the approval service itself).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from console.errors import Refused
from console.i18n import N_, LazyString, _
from models.enums import Role


class Action(StrEnum):
    """Everything a service may refuse on the ground of a role."""

    TICKET_WORK = "ticket.work"
    TICKET_ASSIGN = "ticket.assign"
    DISPUTE_RESOLVE = "dispute.resolve"
    REFUND_REQUEST = "refund.request"
    REFUND_APPROVE = "refund.approve"
    ORDER_CANCEL = "order.cancel"
    ACCOUNT_RESTRICT = "account.restrict"
    AUTHORITY_REPORT = "authority.report"
    APPROVAL_DECIDE = "approval.decide"
    TEAM_IMPORT = "team.import"
    TEAM_EXPORT = "team.export"
    COVERAGE_VIEW = "coverage.view"
    AGENT_MANAGE = "agent.manage"
    AUDIT_READ = "audit.read"
    DSA_EXPORT = "dsa.export"


ACTION_LABELS: dict[Action, LazyString] = {
    Action.TICKET_WORK: N_("work on tickets"),
    Action.TICKET_ASSIGN: N_("assign tickets to others"),
    Action.DISPUTE_RESOLVE: N_("resolve disputes"),
    Action.REFUND_REQUEST: N_("request refunds"),
    Action.REFUND_APPROVE: N_("approve refunds"),
    Action.ORDER_CANCEL: N_("cancel orders"),
    Action.ACCOUNT_RESTRICT: N_("restrict accounts"),
    Action.AUTHORITY_REPORT: N_("report to the authorities"),
    Action.APPROVAL_DECIDE: N_("approve or reject what needs a second pair of eyes"),
    Action.TEAM_IMPORT: N_("import the team file"),
    Action.TEAM_EXPORT: N_("export the team file"),
    Action.COVERAGE_VIEW: N_("see the team's coverage"),
    Action.AGENT_MANAGE: N_("manage agents"),
    Action.AUDIT_READ: N_("read the audit trail"),
    Action.DSA_EXPORT: N_("export statements of reasons"),
}

ROLE_LABELS: dict[Role, LazyString] = {
    Role.AGENT: N_("agent"),
    Role.LEAD: N_("team lead"),
    Role.TRUST_SAFETY: N_("Trust & Safety"),
    Role.ADMIN: N_("admin"),
}

_AGENT = frozenset(
    {
        Action.TICKET_WORK,
        Action.DISPUTE_RESOLVE,
        Action.REFUND_REQUEST,
        Action.ORDER_CANCEL,
        Action.COVERAGE_VIEW,
    }
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.AGENT: _AGENT,
    Role.LEAD: _AGENT
    | {
        Action.TICKET_ASSIGN,
        Action.REFUND_APPROVE,
        Action.APPROVAL_DECIDE,
        Action.TEAM_IMPORT,
        Action.TEAM_EXPORT,
        Action.AUDIT_READ,
    },
    Role.TRUST_SAFETY: _AGENT
    | {
        Action.ACCOUNT_RESTRICT,
        Action.AUTHORITY_REPORT,
        Action.APPROVAL_DECIDE,
        Action.AUDIT_READ,
        Action.DSA_EXPORT,
    },
    Role.ADMIN: frozenset(Action),
}
"""The whole policy: a role may do exactly the actions listed for it."""


class HasRole(Protocol):
    """Anything with a role: an `Agent` row or a `SignedInAgent`."""

    @property
    def role(self) -> str: ...


def allowed(role: str, action: Action | str) -> bool:
    """True when `role` may do `action`; an unknown role or action may do nothing."""
    try:
        return Action(action) in PERMISSIONS.get(Role(role), frozenset())
    except ValueError:
        return False


def require(agent: HasRole, action: Action | str) -> None:
    """Raise `Refused` unless `agent`'s role may do `action`."""
    if allowed(agent.role, action):
        return
    try:
        what = str(ACTION_LABELS[Action(action)])
    except ValueError:
        what = str(action)
    try:
        role = str(ROLE_LABELS[Role(agent.role)])
    except ValueError:
        role = agent.role
    raise Refused(
        _("Your role ({role}) may not {what}: ask a team lead or an admin.").format(
            role=role, what=what
        )
    )


def role_label(role: str) -> str:
    """The role's name for people, in the current language."""
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return role
