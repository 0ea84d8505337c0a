"""The team file: one test per validation error, all-or-nothing import, deactivation, round-trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from console.routing.team_file import TeamFileError, parse_team
from console.routing.team_store import export_team, import_team
from console.store import Store
from models import Absence, Agent, AuditEvent, Holiday, Setting, Shift

TEAM = """
[team]
timezone = "Europe/Amsterdam"

[[holidays]]
calendar = "nl"
dates = ["2026-12-25", "2026-12-26", "2027-01-01"]

[[holidays]]
calendar = "fr"
dates = ["2026-12-25", 2027-01-01]

[[agent]]
handle = "amelie"
name = "Amélie Dubois"
role = "agent"
timezone = "Europe/Paris"
holidays = "fr"
languages = ["fr", "en", "nl"]
phone_languages = ["fr"]
channels = ["email", "chat", "phone"]
capacity = { email = 10, chat = 3, phone = 1 }

  [[agent.shift]]
  rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
  start = "09:00"
  end = "17:30"
  valid_from = "2026-01-05"
  valid_until = "2026-12-31"

  [[agent.shift]]
  rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
  start = "22:00"
  end = "06:00"
  valid_from = 2026-01-10

  [[agent.absence]]
  start = "2026-12-21T00:00"
  end = "2027-01-04T00:00"

[[agent]]
handle = "lena"
name = "Lena"
role = "lead"
languages = ["nl-BE", "en", "de"]
channels = ["email", "chat"]
capacity = { chat = 2 }

  [[agent.shift]]
  rrule = "FREQ=DAILY"
  start = "08:00"
  end = "16:00"
  valid_from = "2026-01-01"
"""


def _with(agent_extra: str = "", shift_extra: str = "", top: str = "") -> str:
    """A one-agent file with extra lines in the agent, its shift, or at the top."""
    return f"""
{top}
[[agent]]
handle = "amelie"
name = "Amélie"
languages = ["fr", "en"]
channels = ["email", "chat", "phone"]
{agent_extra}
  [[agent.shift]]
  rrule = "FREQ=WEEKLY;BYDAY=MO"
  start = "09:00"
  end = "17:00"
  valid_from = "2026-01-05"
{shift_extra}
"""


def test_the_example_file_is_valid() -> None:
    team = parse_team(TEAM)
    assert [a.handle for a in team.agents] == ["amelie", "lena"]
    assert team.agents[1].timezone == "Europe/Amsterdam"
    assert team.agents[1].languages == ("nl", "en", "de")
    assert team.agents[1].capacity == {"email": 10, "chat": 2}
    assert team.shift_count == 3


BAD_FILES = {
    "unknown zone": (
        _with('timezone = "Europe/Atlantis"'),
        'agent "amelie", field "timezone": unknown time zone',
    ),
    "unknown team zone": (
        _with(top='[team]\ntimezone = "Mars/Olympus"'),
        'team, field "timezone": unknown time zone',
    ),
    "bad rrule": (
        _with(shift_extra='  rrule = "FREQ=SOMETIMES"').replace(
            '  rrule = "FREQ=WEEKLY;BYDAY=MO"\n', ""
        ),
        'agent "amelie", shift 1, field "rrule": FREQ must be one of',
    ),
    "rrule with COUNT": (
        _with().replace("BYDAY=MO", "BYDAY=MO;COUNT=4"),
        'agent "amelie", shift 1, field "rrule": COUNT is not allowed',
    ),
    "rrule with UNTIL": (
        _with().replace("BYDAY=MO", "BYDAY=MO;UNTIL=20261231"),
        'agent "amelie", shift 1, field "rrule": UNTIL is not allowed',
    ),
    "rrule with DTSTART": (
        _with().replace('"FREQ=WEEKLY;BYDAY=MO"', '"DTSTART=20260105T090000;FREQ=WEEKLY"'),
        'agent "amelie", shift 1, field "rrule": DTSTART is not allowed',
    ),
    "phone language not served on phone": (
        _with('phone_languages = ["zh"]').replace('["fr", "en"]', '["fr", "en", "zh"]'),
        'agent "amelie", field "phone_languages": language \'zh\' is not served in-house on',
    ),
    "phone language not spoken": (
        _with('phone_languages = ["de"]'),
        'agent "amelie", field "phone_languages": \'de\' is not in the agent\'s languages',
    ),
    "language not served in-house": (
        _with().replace('["fr", "en"]', '["fr", "sv"]'),
        'agent "amelie", field "languages": language \'sv\' is not served in-house',
    ),
    "malformed language tag": (
        _with().replace('["fr", "en"]', '["fr", "en_GB_!!"]'),
        'agent "amelie", field "languages": \'en_GB_!!\' is not a well-formed BCP 47',
    ),
    "end equals start on a daily rule": (
        _with().replace('"FREQ=WEEKLY;BYDAY=MO"', '"FREQ=DAILY"').replace('"17:00"', '"09:00"'),
        'agent "amelie", shift 1, field "end": end equals start on a daily rule',
    ),
    "bad handle": (
        _with().replace('"amelie"', '"Amélie!"'),
        "field \"handle\": 'Amélie!' is not a handle",
    ),
    "duplicate handle": (
        _with() + _with().replace("[team]", ""),
        'agent "amelie", field "handle": this handle is used twice',
    ),
    "unknown role": (
        _with('role = "boss"'),
        'agent "amelie", field "role": \'boss\' is not a known role',
    ),
    "unknown channel": (
        _with().replace('["email", "chat", "phone"]', '["email", "fax"]'),
        'agent "amelie", field "channels": \'fax\' is not a known channel',
    ),
    "capacity zero": (
        _with("capacity = { chat = 0 }"),
        'agent "amelie", field "capacity": capacity for chat must be a whole number from 1',
    ),
    "capacity not an integer": (
        _with('capacity = { chat = "3" }'),
        'agent "amelie", field "capacity": capacity for chat must be a whole number',
    ),
    "capacity of an unknown channel": (
        _with("capacity = { fax = 1 }"),
        'agent "amelie", field "capacity": \'fax\' is not a known channel',
    ),
    "absence end before start": (
        _with()
        + '\n  [[agent.absence]]\n  start = "2026-12-21T00:00"\n  end = "2026-12-20T00:00"\n',
        'agent "amelie", absence 1, field "end": ',
    ),
    "absence with an offset": (
        _with()
        + '\n  [[agent.absence]]\n  start = "2026-12-21T00:00+01:00"\n  end = "2026-12-22T00:00"\n',
        'agent "amelie", absence 1, field "start": write a local wall-clock time',
    ),
    "unknown holiday calendar": (
        _with('holidays = "be"'),
        'agent "amelie", field "holidays": \'be\' is not a holiday calendar of this file',
    ),
    "valid_until before valid_from": (
        _with(shift_extra='  valid_until = "2026-01-01"'),
        'agent "amelie", shift 1, field "valid_until": 2026-01-01 is before valid_from 2026-01-05',
    ),
    "bad wall time": (
        _with().replace('"17:00"', '"25:00"'),
        'agent "amelie", shift 1, field "end": \'25:00\' is not a time of day',
    ),
    "bad date": (
        _with().replace('"2026-01-05"', '"2026-02-30"'),
        'agent "amelie", shift 1, field "valid_from": \'2026-02-30\' is not a valid date',
    ),
    "missing name": (
        _with().replace('name = "Amélie"\n', ""),
        'agent "amelie", field "name": is required',
    ),
    "unknown field": (_with("colour = 'blue'"), 'agent "amelie", field "colour": unknown field'),
    "holiday calendar twice": (
        _with(
            top='[[holidays]]\ncalendar = "nl"\ndates = []\n'
            '[[holidays]]\ncalendar = "nl"\ndates = []'
        ),
        "holidays 2, field \"calendar\": calendar 'nl' is listed twice",
    ),
    "not TOML": ("[[agent]\nhandle =", "not valid TOML"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_each_validation_error_names_the_agent_and_field(case: str) -> None:
    text, expected = BAD_FILES[case]
    with pytest.raises(TeamFileError) as raised:
        parse_team(text, "team.toml")
    assert any(expected in error for error in raised.value.errors), raised.value.errors
    assert raised.value.message.startswith("team.toml: ")


def test_every_error_is_reported_at_once() -> None:
    text = _with('role = "boss"\ntimezone = "Nowhere/Else"').replace('"17:00"', '"7pm"')
    with pytest.raises(TeamFileError) as raised:
        parse_team(text)
    assert len(raised.value.errors) == 3


def _rows(store: Store) -> tuple[int, int, int, int, int]:
    with store.read() as session:
        return (
            len(session.exec(select(Agent)).all()),
            len(session.exec(select(Shift)).all()),
            len(session.exec(select(Absence)).all()),
            len(session.exec(select(Holiday)).all()),
            len(session.exec(select(AuditEvent)).all()),
        )


def test_import_writes_everything_with_its_audit_event(store: Store) -> None:
    summary = import_team(store, parse_team(TEAM), actor_id=None, source="team.toml")
    assert summary.added == ("amelie", "lena")
    assert _rows(store) == (2, 3, 1, 5, 1)
    with store.read() as session:
        event = session.exec(select(AuditEvent)).one()
        assert event.action == "team.imported"
        assert session.get(Setting, "team.timezone").value == "Europe/Amsterdam"  # type: ignore[union-attr]
        lena = session.exec(select(Agent).where(Agent.handle == "lena")).one()
        assert lena.role == "lead"
        assert lena.capacity == {"email": 10, "chat": 2}


def test_a_failing_import_writes_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    team = parse_team(TEAM)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("console.routing.team_store._put_setting", broken)
    with pytest.raises(RuntimeError):
        import_team(store, team, actor_id=None, source="team.toml")
    assert _rows(store) == (0, 0, 0, 0, 0)


def test_reimport_deactivates_missing_agents_and_keeps_their_secrets(store: Store) -> None:
    import_team(store, parse_team(TEAM), actor_id=None, source="team.toml")
    with store.write() as session:
        amelie = session.exec(select(Agent).where(Agent.handle == "amelie")).one()
        amelie.password_hash = "kept"
        amelie.presence = "away"
        amelie.failed_logins = 2
        amelie.last_assigned_at = datetime(2026, 11, 1, tzinfo=UTC)
        session.add(amelie)
    only_amelie = TEAM[: TEAM.index('[[agent]]\nhandle = "lena"')]
    summary = import_team(store, parse_team(only_amelie), actor_id=None, source="team.toml")
    assert summary.deactivated == ("lena",)
    assert summary.updated == ("amelie",)
    with store.read() as session:
        agents = {a.handle: a for a in session.exec(select(Agent))}
        assert agents["lena"].active is False
        assert agents["amelie"].active is True
        assert agents["amelie"].password_hash == "kept"
        assert agents["amelie"].presence == "away"
        assert agents["amelie"].failed_logins == 2
        assert agents["amelie"].last_assigned_at is not None
    # Shifts of amelie were replaced, not duplicated.
    assert _rows(store)[1] == 3


def test_export_import_export_is_identical(store: Store, tmp_path: object) -> None:
    import_team(store, parse_team(TEAM), actor_id=None, source="team.toml")
    first = export_team(store)
    import_team(store, parse_team(first), actor_id=None, source="export")
    assert export_team(store) == first
    assert 'rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"' in first
