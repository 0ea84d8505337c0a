"""The demo support team: agents across Europe (and one each in Shanghai and São Paulo), their
shifts, holidays and absences.

The team does not depend on the seed: the demo logins stay the same for every demo store.
Chat and phone open and close by language over the day: Chinese is covered from Shanghai in
the European night and from Amsterdam in the afternoon, Portuguese from Lisbon and then São
Paulo, Polish from Warsaw until 22:00, and a small weekend and night crew keeps English,
Dutch, German, Spanish, Italian and French going.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from dateutil.easter import easter

from models.enums import Presence, Role

WEEKDAYS: Final = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
WEEKEND: Final = "FREQ=WEEKLY;BYDAY=SA,SU"
DEFAULT_CAPACITY: Final[dict[str, int]] = {"email": 10, "chat": 3, "phone": 1}
ALL_CHANNELS: Final = ("email", "chat", "phone")
WRITTEN: Final = ("email", "chat")


@dataclass(frozen=True)
class DemoAgent:
    """One agent of the demo team with the rules of their shifts (rrule, start, end)."""

    handle: str
    name: str
    role: str
    timezone: str
    languages: tuple[str, ...]
    channels: tuple[str, ...]
    shifts: tuple[tuple[str, str, str], ...]
    phone_languages: tuple[str, ...] | None = None
    holiday_calendar: str | None = None
    presence: str = Presence.AVAILABLE
    capacity: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CAPACITY))

    @property
    def ui_language(self) -> str:
        """The agent's interface language: their first language."""
        return self.languages[0]

    def handles(self, channel: str, language: str) -> bool:
        """True when the agent works `channel` in `language`."""
        if channel not in self.channels:
            return False
        spoken = self.phone_languages if channel == "phone" and self.phone_languages else None
        return language in (spoken or self.languages)


def _agent(
    handle: str,
    name: str,
    timezone: str,
    languages: tuple[str, ...],
    shifts: tuple[tuple[str, str, str], ...],
    *,
    role: str = Role.AGENT,
    channels: tuple[str, ...] = ALL_CHANNELS,
    phone: tuple[str, ...] | None = None,
    holidays: str | None = None,
    presence: str = Presence.AVAILABLE,
    chat_capacity: int = 3,
) -> DemoAgent:
    return DemoAgent(
        handle=handle,
        name=name,
        role=role,
        timezone=timezone,
        languages=languages,
        channels=channels,
        shifts=shifts,
        phone_languages=phone,
        holiday_calendar=holidays,
        presence=presence,
        capacity={**DEFAULT_CAPACITY, "chat": chat_capacity},
    )


# The first four are the documented demo logins (see console.demo); every agent shares the
# demo password.
AGENTS: Final[tuple[DemoAgent, ...]] = (
    _agent("amelie", "Amélie Dubois", "Europe/Paris", ("fr", "en", "nl"),
           ((WEEKDAYS, "09:00", "17:30"),), phone=("fr",), holidays="fr"),
    _agent("lena", "Lena van den Berg", "Europe/Amsterdam", ("nl", "en", "de"),
           ((WEEKDAYS, "08:30", "17:00"),), role=Role.LEAD, holidays="nl"),
    _agent("tomas", "Tomas Brandt", "Europe/Berlin", ("de", "en", "pl"),
           ((WEEKDAYS, "09:00", "17:30"),), role=Role.TRUST_SAFETY, channels=("email",),
           holidays="de"),
    _agent("admin", "Ada Verhoeven", "Europe/Amsterdam", ("en",),
           ((WEEKDAYS, "09:00", "17:30"),), role=Role.ADMIN, channels=("email",), holidays="nl"),
    _agent("marco", "Marco Bianchi", "Europe/Rome", ("it", "en", "es"),
           ((WEEKDAYS, "10:00", "18:30"),), role=Role.LEAD),
    _agent("ines", "Inès Lambert", "Europe/Brussels", ("fr", "nl", "en"),
           ((WEEKDAYS, "09:00", "17:00"),), role=Role.TRUST_SAFETY, channels=("email",)),
    _agent("bruno", "Bruno Carvalho", "America/Sao_Paulo", ("pt", "es", "en"),
           ((WEEKDAYS, "09:00", "18:00"),), phone=("es", "en"), chat_capacity=4),
    _agent("wei", "Zhang Wei", "Asia/Shanghai", ("zh", "en"),
           ((WEEKDAYS, "09:00", "18:00"),), channels=WRITTEN, chat_capacity=4),
    _agent("mei", "Chen Mei", "Europe/Amsterdam", ("zh", "nl", "en"),
           (("FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA", "12:00", "20:30"),), phone=("nl", "en"),
           holidays="nl"),
    _agent("sanne", "Sanne de Jong", "Europe/Amsterdam", ("nl", "en"),
           ((WEEKDAYS, "08:00", "16:30"),), holidays="nl"),
    _agent("pieter", "Pieter Bakker", "Europe/Amsterdam", ("nl", "de", "en"),
           ((WEEKDAYS, "13:00", "21:30"),), holidays="nl"),
    _agent("jan", "Jan Peeters", "Europe/Brussels", ("nl", "fr"),
           (("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "07:30", "16:00"),)),
    _agent("lukas", "Lukas Schneider", "Europe/Berlin", ("de", "en"),
           ((WEEKDAYS, "08:00", "16:30"),), holidays="de"),
    _agent("anna", "Anna Keller", "Europe/Vienna", ("de", "it"),
           ((WEEKDAYS, "12:00", "20:30"),), holidays="de"),
    _agent("kasia", "Katarzyna Nowak", "Europe/Warsaw", ("pl", "en"),
           ((WEEKDAYS, "08:00", "16:00"),), phone=("en",)),
    _agent("piotr", "Piotr Zieliński", "Europe/Warsaw", ("pl", "de"),
           ((WEEKDAYS, "14:00", "22:00"),), channels=WRITTEN),
    _agent("giulia", "Giulia Russo", "Europe/Rome", ("it", "en"),
           ((WEEKDAYS, "08:00", "16:30"),)),
    _agent("luca", "Luca Romano", "Europe/Rome", ("it", "fr"),
           ((WEEKDAYS, "13:30", "22:00"),), presence=Presence.AWAY),
    _agent("lucia", "Lucía Martín", "Europe/Madrid", ("es", "en"),
           ((WEEKDAYS, "09:00", "17:30"),)),
    _agent("pablo", "Pablo Ruiz", "Europe/Madrid", ("es", "pt", "en"),
           ((WEEKDAYS, "14:00", "22:30"),), phone=("es", "en")),
    _agent("joao", "João Ferreira", "Europe/Lisbon", ("pt", "es"),
           ((WEEKDAYS, "09:00", "17:00"),), phone=("es",)),
    _agent("emma", "Emma O'Brien", "Europe/Dublin", ("en",),
           ((WEEKDAYS, "08:00", "16:30"),)),
    _agent("oliver", "Oliver Hughes", "Europe/London", ("en", "de"),
           ((WEEKDAYS, "14:00", "22:30"),)),
    _agent("claire", "Claire Moreau", "Europe/Paris", ("fr",),
           ((WEEKDAYS, "12:00", "20:30"),), holidays="fr"),
    _agent("sophie", "Sophie Meier", "Europe/Zurich", ("de", "fr", "it"),
           ((WEEKDAYS, "07:00", "15:30"),)),
    _agent("hugo", "Hugo Lefèvre", "Europe/Paris", ("fr", "es"),
           ((WEEKEND, "09:00", "17:00"),), channels=WRITTEN, holidays="fr"),
    _agent("noah", "Noah Visser", "Europe/Amsterdam", ("nl", "en", "de"),
           ((WEEKEND, "08:00", "20:00"),), holidays="nl"),
    _agent("carmen", "Carmen Navarro", "Europe/Madrid", ("es", "it", "en"),
           (("FREQ=WEEKLY;BYDAY=FR,SA,SU", "10:00", "18:00"),)),
    _agent("eva", "Eva Jansen", "Europe/Amsterdam", ("en", "nl"),
           (("FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH", "22:00", "06:00"),), channels=WRITTEN,
           holidays="nl"),
    _agent("kai", "Kai Hoffmann", "Europe/Berlin", ("de", "en", "pl"),
           (("FREQ=WEEKLY;BYDAY=FR,SA", "16:00", "00:00"),), channels=WRITTEN, holidays="de"),
    _agent("ana", "Ana Sousa", "Europe/Lisbon", ("pt", "en"),
           ((WEEKEND, "10:00", "18:00"),), channels=WRITTEN),
    _agent("lin", "Lin Yang", "Europe/Paris", ("zh", "fr"),
           ((WEEKEND, "10:00", "16:00"),), channels=WRITTEN, presence=Presence.OFFLINE),
)  # fmt: skip


def holidays(years: tuple[int, ...]) -> list[tuple[str, date]]:
    """The public holidays of the `nl`, `fr` and `de` calendars in `years`."""
    days: list[tuple[str, date]] = []
    for year in years:
        easter_sunday = easter(year)
        moving = {
            "good_friday": easter_sunday - timedelta(days=2),
            "easter_monday": easter_sunday + timedelta(days=1),
            "ascension": easter_sunday + timedelta(days=39),
            "whit_monday": easter_sunday + timedelta(days=50),
        }
        kings_day = date(year, 4, 27)
        if kings_day.weekday() == 6:  # King's Day moves to the Saturday when it is a Sunday
            kings_day = date(year, 4, 26)
        calendars = {
            "nl": [date(year, 1, 1), moving["easter_monday"], kings_day, moving["ascension"],
                   moving["whit_monday"], date(year, 12, 25), date(year, 12, 26)],
            "fr": [date(year, 1, 1), moving["easter_monday"], date(year, 5, 1), date(year, 5, 8),
                   moving["ascension"], moving["whit_monday"], date(year, 7, 14),
                   date(year, 8, 15), date(year, 11, 1), date(year, 11, 11), date(year, 12, 25)],
            "de": [date(year, 1, 1), moving["good_friday"], moving["easter_monday"],
                   date(year, 5, 1), moving["ascension"], moving["whit_monday"],
                   date(year, 10, 3), date(year, 12, 25), date(year, 12, 26)],
        }  # fmt: skip
        for calendar, dates in calendars.items():
            days.extend((calendar, day) for day in sorted(set(dates)))
    return days


# (handle, first day off relative to the anchor day, number of days): a holiday that began
# two days ago and one next week, so the coverage screen shows both.
ABSENCES: Final[tuple[tuple[str, int, int], ...]] = (
    ("giulia", -2, 7),
    ("pieter", 7, 7),
)
