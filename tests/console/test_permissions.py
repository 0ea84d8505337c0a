"""The role table: who may approve, restrict, import the team; checked by `require`."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.errors import Refused
from console.permissions import PERMISSIONS, Action, allowed, require
from models.enums import Role

ROLES = st.sampled_from([*(role.value for role in Role), "", "root", "Lead"])
ACTIONS = st.sampled_from([*(action.value for action in Action), "refund.steal"])


@dataclass(frozen=True)
class _Someone:
    role: str


@given(role=ROLES)
def test_nobody_but_leads_trust_safety_and_admins_decides_approvals(role: str) -> None:
    if allowed(role, Action.APPROVAL_DECIDE) or allowed(role, Action.REFUND_APPROVE):
        assert role in {"lead", "trust_safety", "admin"}


@given(action=ACTIONS)
def test_an_agent_never_restricts_reports_or_manages(action: str) -> None:
    if allowed("agent", action):
        assert action not in {
            "account.restrict",
            "authority.report",
            "agent.manage",
            "approval.decide",
        }


@given(role=ROLES, action=ACTIONS)
def test_require_refuses_exactly_what_allowed_denies(role: str, action: str) -> None:
    if allowed(role, action):
        require(_Someone(role), action)
    else:
        with pytest.raises(Refused):
            require(_Someone(role), action)


@given(role=ROLES, action=ACTIONS)
def test_unknown_roles_and_actions_may_do_nothing(role: str, action: str) -> None:
    if role not in {r.value for r in Role} or action not in {a.value for a in Action}:
        assert not allowed(role, action)


def test_every_role_may_work_tickets_and_only_admins_manage_agents() -> None:
    assert all(Action.TICKET_WORK in actions for actions in PERMISSIONS.values())
    assert [role for role, actions in PERMISSIONS.items() if Action.AGENT_MANAGE in actions] == [
        Role.ADMIN
    ]


def test_a_refusal_says_who_may_not_do_what() -> None:
    with pytest.raises(Refused, match=r"Your role \(agent\) may not restrict accounts"):
        require(_Someone("agent"), Action.ACCOUNT_RESTRICT)
