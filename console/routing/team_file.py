"""The team file (routing as code): parse and validate the TOML, import it, export it back.

Validation is all-or-nothing and collects every error before reporting, each one naming where
it is, e.g. `agent "amelie", shift 2, field "rrule": COUNT is not allowed; ...`. Import writes
everything in one transaction with its `team.imported` audit event: agents are upserted by
handle (their shifts and absences replaced; password, presence, failed logins, lock and last
assignment never touched), agents missing from the file are deactivated (never deleted),
holiday calendars and the team settings are replaced. Export writes the same format back;
export → import → export gives the same text.

Choices where routing.md is silent:
- Every language an agent speaks must be served in-house (the e-mail/chat list); phone
  languages must be served on the phone and spoken by the agent.
- `end == start` is refused on a daily rule with INTERVAL=1 (the occurrences would join into
  one endless shift); on other rules it is a 24-hour shift.
- `[team]` may also name the team's holiday calendar (`holidays`) and its support hours
  (`[[team.support_hours]]`, shaped like a shift) for SLA clocks; absent means the defaults.
- `ui_language` is optional; when absent a new agent gets English and an existing agent keeps
  theirs. Export writes it, so the exported file is a fixed point.
- Export writes only active agents.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from console.errors import BadInput
from console.i18n import UI_LANGUAGES, _
from console.routing.offer import DEFAULT_CAPACITY
from console.routing.schedule import RuleError, ShiftRule, parse_rule, parse_wall_time
from console.routing.snapshot import (
    DEFAULT_TEAM_ZONE,
)
from models.enums import Channel, Role
from models.language import EMAIL_LANGUAGES, PHONE_LANGUAGES, LanguageTagError, normalise_language

if TYPE_CHECKING:
    pass

HANDLE = re.compile(r"^[a-z0-9_-]{2,32}$")
CALENDAR = re.compile(r"^[a-z0-9_-]{1,32}$")
MAX_NAME = 128
MAX_RULE = 200
MAX_CAPACITY = 1000
TOP_KEYS = ("team", "holidays", "agent")
TEAM_KEYS = ("timezone", "holidays", "support_hours")
HOLIDAY_KEYS = ("calendar", "dates")
AGENT_KEYS = (
    "handle",
    "name",
    "role",
    "timezone",
    "ui_language",
    "holidays",
    "languages",
    "phone_languages",
    "channels",
    "capacity",
    "shift",
    "absence",
)
SHIFT_KEYS = ("rrule", "start", "end", "valid_from", "valid_until")
ABSENCE_KEYS = ("start", "end")
CHANNEL_NAMES = tuple(str(channel) for channel in Channel)
ROLE_NAMES = tuple(str(role) for role in Role)

T = TypeVar("T")


@dataclass(frozen=True)
class AgentSpec:
    """One `[[agent]]` of the team file, checked and with its defaults applied."""

    handle: str
    name: str
    role: str
    timezone: str
    ui_language: str | None
    holidays: str | None
    languages: tuple[str, ...]
    phone_languages: tuple[str, ...] | None
    channels: tuple[str, ...]
    capacity: Mapping[str, int]
    shifts: tuple[ShiftRule, ...] = ()
    absences: tuple[tuple[datetime, datetime], ...] = ()


@dataclass(frozen=True)
class TeamSpec:
    """A whole team file, checked."""

    timezone: str
    holidays: str | None
    support_hours: tuple[ShiftRule, ...] | None
    calendars: Mapping[str, tuple[date, ...]]
    agents: tuple[AgentSpec, ...]

    @property
    def shift_count(self) -> int:
        """How many shift rules the file holds."""
        return sum(len(agent.shifts) for agent in self.agents)


class TeamFileError(BadInput):
    """A team file with errors; `errors` lists every one of them."""

    def __init__(self, source: str, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        heading = _("{source}: {count} error(s), nothing was written:").format(
            source=source, count=len(self.errors)
        )
        super().__init__("\n".join([heading, *(f"  {error}" for error in self.errors)]))


@dataclass
class _Problems:
    """Collects errors, each with where it is and which field."""

    found: list[str] = field(default_factory=list)

    def add(self, where: str, name: str | None, message: str) -> None:
        place = where if name is None else f'{where}, field "{name}"'
        self.found.append(f"{place}: {message}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_keys(
    problems: _Problems, where: str, table: Mapping[str, Any], allowed: Sequence[str]
) -> None:
    for key in table:
        if key not in allowed:
            problems.add(
                where,
                key,
                _("unknown field (expected one of: {names})").format(names=", ".join(allowed)),
            )


def _zone(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(_("must be an IANA time zone name such as Europe/Paris"))
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            _("unknown time zone {zone!r}; use an IANA name such as Europe/Paris").format(
                zone=value
            )
        ) from None
    return value


def _date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(_("{value!r} is not a valid date written YYYY-MM-DD").format(value=value))


def _local_datetime(value: object) -> datetime:
    parsed: datetime | None = None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        raise ValueError(
            _("{value!r} is not a local date and time written like 2026-12-21T09:00").format(
                value=value
            )
        )
    if parsed.tzinfo is not None:
        raise ValueError(_("write a local wall-clock time without an offset (in the agent's zone)"))
    return parsed


def _wall_time(value: object) -> time:
    if not isinstance(value, str):
        raise ValueError(_('must be a time of day written HH:MM, e.g. "09:00"'))
    try:
        return parse_wall_time(value)
    except ValueError:
        raise ValueError(
            _("{value!r} is not a time of day written HH:MM (00:00 to 23:59)").format(value=value)
        ) from None


def _get(
    problems: _Problems,
    where: str,
    table: Mapping[str, Any],
    name: str,
    convert: Callable[[Any], T],
    *,
    required: bool = False,
) -> T | None:
    """`table[name]` converted, or None (recording the error) when missing or wrong."""
    if name not in table:
        if required:
            problems.add(where, name, _("is required"))
        return None
    try:
        return convert(table[name])
    except ValueError as error:
        problems.add(where, name, str(error))
        return None


def _string_list(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(_("must be a list of strings"))
    return list(value)


def _languages(value: object, served: Sequence[str], where_served: str) -> tuple[str, ...]:
    result: list[str] = []
    for tag in _string_list(value):
        try:
            language = normalise_language(tag)
        except LanguageTagError:
            raise ValueError(
                _("{tag!r} is not a well-formed BCP 47 language tag (e.g. fr, pt-BR)").format(
                    tag=tag
                )
            ) from None
        if language not in served:
            raise ValueError(
                _("language {lang!r} is not served in-house {where} (served: {served})").format(
                    lang=language, where=where_served, served=", ".join(served)
                )
            )
        if language not in result:
            result.append(language)
    return tuple(result)


def _parse_shift(problems: _Problems, where: str, table: object) -> ShiftRule | None:
    if not isinstance(table, dict):
        problems.add(where, None, _("must be a table with rrule, start, end and valid_from"))
        return None
    before = len(problems.found)
    _check_keys(problems, where, table, SHIFT_KEYS)
    rule = _get(problems, where, table, "rrule", _rule_text, required=True)
    start = _get(problems, where, table, "start", _wall_time, required=True)
    end = _get(problems, where, table, "end", _wall_time, required=True)
    valid_from = _get(problems, where, table, "valid_from", _date, required=True)
    valid_until = _get(problems, where, table, "valid_until", _date)
    if valid_from and valid_until and valid_until < valid_from:
        problems.add(
            where,
            "valid_until",
            _("{until} is before valid_from {start}").format(until=valid_until, start=valid_from),
        )
    if rule and start is not None and start == end:
        parsed = parse_rule(rule)
        if parsed.frequency == "DAILY" and parsed.interval == 1:
            problems.add(
                where,
                "end",
                _("end equals start on a daily rule: the shifts would join into one endless shift"),
            )
    if len(problems.found) > before or not (rule and start is not None and end and valid_from):
        return None
    return ShiftRule(rule, start, end, valid_from, valid_until)


def _rule_text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(_('must be an RRULE string such as "FREQ=WEEKLY;BYDAY=MO,TU"'))
    if len(value) > MAX_RULE:
        raise ValueError(_("is longer than {n} characters").format(n=MAX_RULE))
    try:
        parse_rule(value)
    except RuleError as error:
        raise ValueError(str(error)) from None
    return value


def _parse_absence(
    problems: _Problems, where: str, table: object
) -> tuple[datetime, datetime] | None:
    if not isinstance(table, dict):
        problems.add(where, None, _("must be a table with start and end"))
        return None
    _check_keys(problems, where, table, ABSENCE_KEYS)
    start = _get(problems, where, table, "start", _local_datetime, required=True)
    end = _get(problems, where, table, "end", _local_datetime, required=True)
    if start is None or end is None:
        return None
    if end <= start:
        problems.add(
            where, "end", _("{end} is not after start {start}").format(end=end, start=start)
        )
        return None
    return start, end


def _name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("must be a non-empty string"))
    if len(value) > MAX_NAME:
        raise ValueError(_("is longer than {n} characters").format(n=MAX_NAME))
    if any(unicodedata.category(character).startswith("C") for character in value):
        raise ValueError(_("contains control characters"))
    return value


def _one_of(choices: Sequence[str], what: str) -> Callable[[object], str]:
    def convert(value: object) -> str:
        if value not in choices:
            raise ValueError(
                _("{value!r} is not a known {what} (one of: {choices})").format(
                    value=value, what=what, choices=", ".join(choices)
                )
            )
        return str(value)

    return convert


def _channels(value: object) -> tuple[str, ...]:
    result: list[str] = []
    for channel in _string_list(value):
        _one_of(CHANNEL_NAMES, _("channel"))(channel)
        if channel not in result:
            result.append(channel)
    return tuple(result)


def _capacity(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ValueError(_("must be a table such as {{ email = 10, chat = 3, phone = 1 }}"))
    result: dict[str, int] = {}
    for channel, amount in value.items():
        _one_of(CHANNEL_NAMES, _("channel"))(channel)
        if not _is_int(amount) or not 1 <= amount <= MAX_CAPACITY:
            raise ValueError(
                _(
                    "capacity for {channel} must be a whole number from 1 to {most}, not {value!r}"
                ).format(channel=channel, most=MAX_CAPACITY, value=amount)
            )
        result[channel] = amount
    return result


def _handle(value: object) -> str:
    if not isinstance(value, str) or not HANDLE.match(value):
        raise ValueError(
            _("{value!r} is not a handle: 2 to 32 of a-z, 0-9, _ and -").format(value=value)
        )
    return value


def _tables(problems: _Problems, where: str, value: object) -> list[Any]:
    if not isinstance(value, list):
        problems.add(where, None, _("must be an array of tables ([[...]])"))
        return []
    return value


def _parse_agent(
    problems: _Problems, position: int, table: object, team_zone: str, calendars: Mapping[str, Any]
) -> AgentSpec | None:
    if not isinstance(table, dict):
        problems.add(f"agent {position}", None, _("must be a table"))
        return None
    raw_handle = table.get("handle")
    where = (
        f'agent "{raw_handle}"'
        if isinstance(raw_handle, str) and raw_handle
        else f"agent {position}"
    )
    before = len(problems.found)
    _check_keys(problems, where, table, AGENT_KEYS)
    handle = _get(problems, where, table, "handle", _handle, required=True)
    name = _get(problems, where, table, "name", _name, required=True)
    role = _get(problems, where, table, "role", _one_of(ROLE_NAMES, _("role"))) or str(Role.AGENT)
    zone = _get(problems, where, table, "timezone", _zone) or team_zone
    ui_language = _get(problems, where, table, "ui_language", _one_of(UI_LANGUAGES, _("language")))
    holidays = _get(problems, where, table, "holidays", _calendar_ref(calendars))
    languages = _get(
        problems,
        where,
        table,
        "languages",
        lambda v: _languages(v, EMAIL_LANGUAGES, _("on e-mail and chat")),
        required=True,
    )
    phone_languages = _get(
        problems,
        where,
        table,
        "phone_languages",
        lambda v: _languages(v, PHONE_LANGUAGES, _("on the phone")),
    )
    channels = _get(problems, where, table, "channels", _channels, required=True)
    capacity = _get(problems, where, table, "capacity", _capacity) or {}
    if languages is not None and not languages and channels:
        problems.add(where, "languages", _("an agent who works a channel must speak a language"))
    if phone_languages and languages is not None:
        for language in phone_languages:
            if language not in languages:
                problems.add(
                    where,
                    "phone_languages",
                    _("{lang!r} is not in the agent's languages").format(lang=language),
                )
    if channels is not None:
        for channel in capacity:
            if channel not in channels:
                problems.add(
                    where,
                    "capacity",
                    _("capacity for {channel}, a channel the agent does not work").format(
                        channel=channel
                    ),
                )
    shifts = [
        _parse_shift(problems, f"{where}, shift {n}", shift)
        for n, shift in enumerate(_tables(problems, f"{where}, shift", table.get("shift", [])), 1)
    ]
    absences = [
        _parse_absence(problems, f"{where}, absence {n}", absence)
        for n, absence in enumerate(
            _tables(problems, f"{where}, absence", table.get("absence", [])), 1
        )
    ]
    if len(problems.found) > before:
        return None
    assert handle
    assert name
    assert languages is not None
    assert channels is not None
    return AgentSpec(
        handle=handle,
        name=name,
        role=role,
        timezone=zone,
        ui_language=ui_language,
        holidays=holidays,
        languages=languages,
        phone_languages=phone_languages,
        channels=channels,
        capacity={
            channel: capacity.get(channel, DEFAULT_CAPACITY[channel]) for channel in channels
        },
        shifts=tuple(shift for shift in shifts if shift is not None),
        absences=tuple(absence for absence in absences if absence is not None),
    )


def _calendar_ref(calendars: Mapping[str, Any]) -> Callable[[object], str]:
    def convert(value: object) -> str:
        if not isinstance(value, str) or value not in calendars:
            known = ", ".join(sorted(calendars)) or _("none")
            raise ValueError(
                _("{value!r} is not a holiday calendar of this file (known: {known})").format(
                    value=value, known=known
                )
            )
        return value

    return convert


def _parse_calendars(problems: _Problems, value: object) -> dict[str, tuple[date, ...]]:
    calendars: dict[str, tuple[date, ...]] = {}
    for n, table in enumerate(_tables(problems, "holidays", value), 1):
        where = f"holidays {n}"
        if not isinstance(table, dict):
            problems.add(where, None, _("must be a table with calendar and dates"))
            continue
        _check_keys(problems, where, table, HOLIDAY_KEYS)
        name = _get(problems, where, table, "calendar", _calendar_name, required=True)
        days = _get(problems, where, table, "dates", _date_list, required=True)
        if name is None or days is None:
            continue
        if name in calendars:
            problems.add(
                where, "calendar", _("calendar {name!r} is listed twice").format(name=name)
            )
            continue
        calendars[name] = days
    return calendars


def _calendar_name(value: object) -> str:
    if not isinstance(value, str) or not CALENDAR.match(value):
        raise ValueError(
            _("{value!r} is not a calendar name: 1 to 32 of a-z, 0-9, _ and -").format(value=value)
        )
    return value


def _date_list(value: object) -> tuple[date, ...]:
    if not isinstance(value, list):
        raise ValueError(_("must be a list of dates written YYYY-MM-DD"))
    return tuple(sorted({_date(item) for item in value}))


def parse_team(text: str, source: str = "team file") -> TeamSpec:
    """Parse and check a team file; `TeamFileError` lists every problem found."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TeamFileError(source, [_("not valid TOML ({error})").format(error=error)]) from None
    problems = _Problems()
    _check_keys(problems, "the file", document, TOP_KEYS)
    team = document.get("team", {})
    if not isinstance(team, dict):
        problems.add("team", None, _("must be a table"))
        team = {}
    _check_keys(problems, "team", team, TEAM_KEYS)
    team_zone = _get(problems, "team", team, "timezone", _zone) or DEFAULT_TEAM_ZONE
    calendars = _parse_calendars(problems, document.get("holidays", []))
    team_holidays = _get(problems, "team", team, "holidays", _calendar_ref(calendars))
    support_hours: tuple[ShiftRule, ...] | None = None
    if "support_hours" in team:
        parsed_hours = [
            _parse_shift(problems, f"team, support_hours {n}", rule)
            for n, rule in enumerate(
                _tables(problems, "team, support_hours", team["support_hours"]), 1
            )
        ]
        support_hours = tuple(rule for rule in parsed_hours if rule is not None)
    agents: list[AgentSpec] = []
    seen: set[object] = set()
    for position, table in enumerate(_tables(problems, "agent", document.get("agent", [])), 1):
        raw_handle = table.get("handle") if isinstance(table, dict) else None
        if isinstance(raw_handle, str) and raw_handle in seen:
            problems.add(f'agent "{raw_handle}"', "handle", _("this handle is used twice"))
            continue
        seen.add(raw_handle)
        agent = _parse_agent(problems, position, table, team_zone, calendars)
        if agent is not None:
            agents.append(agent)
    if problems.found:
        raise TeamFileError(source, problems.found)
    return TeamSpec(
        timezone=team_zone,
        holidays=team_holidays,
        support_hours=support_hours,
        calendars=calendars,
        agents=tuple(agents),
    )
