"""Importing help-center escalations: JSON Lines, one ticket per line, all or nothing.

The format (also in `docs/import-format.md`): UTF-8, each non-blank line one JSON object.

Required fields:
- `external_id`: the help center's id, 1–64 characters; stored as `Ticket.external_ref`, and
  an id already in the store (or twice in the file) is an error;
- `source`: `order_help`, `object_question` or `general_question`;
- `channel`: `email`, `chat` or `phone` (chat and phone only in languages served on them);
- `language`: the customer's BCP 47 tag, e.g. `pt-BR` (kept as given, routed on `pt`; an
  e-mail in a language not served in-house waits in `email:en`);
- `subject` (1–300 characters), `message` (the customer's text, not empty), `ai_answer`
  (the AI assistant's answer that preceded the escalation; may be empty);
- `created_at`: ISO 8601 **with an offset**, e.g. `2026-11-24T09:30:00+01:00`;
- `customer`: `{"username", "display_name", "email", "country", "language", "kind"}`,
  matched by `username`; an unknown username creates the account and then needs
  `display_name`, `email` and `country` (ISO 3166 alpha-2); `language` defaults to the
  ticket's, `kind` (`private` or `pro`) to `private`.

Optional fields:
- `order_reference`: an order in the store (required for `order_help`);
- `lot_id`: a lot in the store, an integer (`object_question` needs it or an order);
- `priority`: `low`, `normal` (default), `high` or `urgent`;
- `amount`: `{"amount_minor": 1250, "currency": "EUR"}`, an integer in minor units (a float
  or a string is refused), in the order's currency when there is an order;
- `seller_contacted_buyer`: `true` or `false`, for a seller asking about a sale.

Any other field is an error.

Every line is checked before anything is written; then every ticket, its two messages (the
customer's, the assistant's) and any new account are written in one transaction with one
audit event (`tickets.imported`). The first problem stops the import with one sentence that
names the line, the field and how to fix it; nothing is written. Customer text is stored as
it came (screens make it safe to show) but a NUL character is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from console.errors import BadInput
from console.escalation import is_served, priority_rank, routing_queue_key
from console.i18n import _
from console.store import Store
from models.enums import AccountKind, Channel, MessageKind, Priority, TicketSource, TicketStatus
from models.language import LanguageTagError, normalise_language
from models.money import MINOR_DIGITS

REQUIRED_FIELDS: Final = (
    "external_id", "source", "channel", "language", "subject", "message", "ai_answer",
    "created_at", "customer",
)  # fmt: skip
OPTIONAL_FIELDS: Final = (
    "order_reference", "lot_id", "priority", "amount", "seller_contacted_buyer",
)  # fmt: skip
CUSTOMER_FIELDS: Final = ("username", "display_name", "email", "country", "language", "kind")
NEW_CUSTOMER_FIELDS: Final = ("display_name", "email", "country")
AMOUNT_FIELDS: Final = ("amount_minor", "currency")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class Customer:
    """The requester as the help center describes them."""

    username: str
    display_name: str | None
    email: str | None
    country: str | None
    language: str | None
    kind: str


@dataclass(frozen=True)
class Escalation:
    """One valid line of the file, ready to become a ticket."""

    line: int
    external_id: str
    source: str
    channel: str
    language: str
    requested_language: str
    subject: str
    message: str
    ai_answer: str
    created_at: datetime
    customer: Customer
    order_reference: str | None
    lot_id: int | None
    priority: str
    amount_minor: int | None
    amount_currency: str | None
    seller_contacted_buyer: bool | None


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    ticket_ids: list[int]
    new_accounts: int


class _LineError(Exception):
    """A problem in one field of one line (turned into BadInput with the file's name)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def _text(
    record: dict[str, Any],
    field: str,
    *,
    shown: str | None = None,
    maximum: int | None = None,
    allow_empty: bool = False,
) -> str:
    name = shown or field
    value = record[field]
    if not isinstance(value, str):
        raise _LineError(name, _("must be a string, not {value}").format(value=json.dumps(value)))
    if "\x00" in value:
        raise _LineError(name, _("contains a NUL character; remove it"))
    if not allow_empty and not value.strip():
        raise _LineError(name, _("is empty; give a value"))
    if maximum is not None and len(value) > maximum:
        raise _LineError(
            name,
            _("is {length} characters long; shorten it to {maximum}").format(
                length=len(value), maximum=maximum
            ),
        )
    return value


def _enum(record: dict[str, Any], field: str, allowed: Iterable[str]) -> str:
    values = [str(value) for value in allowed]
    value = _text(record, field)
    if value not in values:
        raise _LineError(
            field,
            _("{value} is not one of {choices}").format(
                value=json.dumps(value), choices=_choices(values)
            ),
        )
    return value


def _language(value: str, field: str) -> str:
    try:
        return normalise_language(value)
    except LanguageTagError:
        raise _LineError(
            field,
            _("{value} is not a well-formed BCP 47 language tag; use a tag such as fr, pt-BR or "
              "zh-Hans-CN").format(value=json.dumps(value)),
        ) from None  # fmt: skip


def _instant(value: str, field: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _LineError(
            field,
            _("{value} is not an ISO 8601 time; write it like 2026-11-24T09:30:00+01:00").format(
                value=json.dumps(value)
            ),
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _LineError(
            field,
            _("{value} has no offset; add one, like 2026-11-24T09:30:00+01:00").format(
                value=json.dumps(value)
            ),
        )
    return parsed.astimezone(UTC)


def _unknown_fields(record: dict[str, Any], allowed: Iterable[str], prefix: str = "") -> None:
    known = list(allowed)
    for field in record:
        if field not in known:
            raise _LineError(
                prefix + field,
                _("is not a field of the format; remove it (fields: {fields})").format(
                    fields=_choices(known)
                ),
            )


def _customer(value: Any, ticket_language: str) -> Customer:
    if not isinstance(value, dict):
        raise _LineError(
            "customer",
            _("must be an object with username, display_name, email, country, language, kind"),
        )
    _unknown_fields(value, CUSTOMER_FIELDS, "customer.")
    if "username" not in value:
        raise _LineError("customer.username", _("is missing; every customer needs a username"))
    username = _text(value, "username", shown="customer.username", maximum=64)
    if not _USERNAME.match(username):
        raise _LineError(
            "customer.username",
            _("{value} may hold only letters, digits, dots, dashes and underscores").format(
                value=json.dumps(username)
            ),
        )
    fields: dict[str, str | None] = {}
    for field, maximum in (("display_name", 128), ("email", 254), ("country", 2)):
        fields[field] = (
            _text(value, field, shown=f"customer.{field}", maximum=maximum)
            if field in value
            else None
        )
    email = fields["email"]
    if email is not None and "@" not in email:
        raise _LineError(
            "customer.email",
            _("{value} is not an e-mail address").format(value=json.dumps(email)),
        )
    country = fields["country"]
    if country is not None and not _COUNTRY.match(country):
        raise _LineError(
            "customer.country",
            _("{value} is not an ISO 3166 country code; use two capital letters such as NL").format(
                value=json.dumps(country)
            ),
        )
    language = ticket_language
    if "language" in value:
        language = _language(
            _text(value, "language", shown="customer.language"), "customer.language"
        )
    kind = str(AccountKind.PRIVATE)
    if "kind" in value:
        kind_value = _text(value, "kind", shown="customer.kind")
        if kind_value not in list(AccountKind):
            raise _LineError(
                "customer.kind",
                _("{value} is not one of {choices}").format(
                    value=json.dumps(kind_value), choices=_choices(AccountKind)
                ),
            )
        kind = kind_value
    return Customer(username, fields["display_name"], email, country, language, kind)


def _amount(value: Any) -> tuple[int, str]:
    if not isinstance(value, dict):
        raise _LineError(
            "amount",
            _('must be an object like {{"amount_minor": 1250, "currency": "EUR"}}, not {value}')
            .format(value=json.dumps(value)),
        )  # fmt: skip
    _unknown_fields(value, AMOUNT_FIELDS, "amount.")
    for field in AMOUNT_FIELDS:
        if field not in value:
            raise _LineError(f"amount.{field}", _("is missing"))
    minor = value["amount_minor"]
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise _LineError(
            "amount.amount_minor",
            _("must be a whole number of minor units (1250 for 12.50 EUR), not {value}").format(
                value=json.dumps(minor)
            ),
        )
    if minor < 0:
        raise _LineError("amount.amount_minor", _("must not be negative"))
    currency = _text(value, "currency", shown="amount.currency")
    if currency not in MINOR_DIGITS:
        raise _LineError(
            "amount.currency",
            _("{value} is not a currency Guichet knows; use one of {choices}").format(
                value=json.dumps(currency), choices=_choices(sorted(MINOR_DIGITS))
            ),
        )
    return minor, currency


def parse_line(line_number: int, text: str) -> Escalation:
    """One line of the file as an escalation; raises `_LineError` naming the field."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise _LineError(
            "-",
            _("is not valid JSON ({error} at column {column}); write one JSON object per line")
            .format(error=error.msg, column=error.colno),
        ) from None  # fmt: skip
    if not isinstance(record, dict):
        raise _LineError("-", _("is not a JSON object; write one object per line"))
    _unknown_fields(record, REQUIRED_FIELDS + OPTIONAL_FIELDS)
    for field in REQUIRED_FIELDS:
        if field not in record:
            raise _LineError(field, _("is missing; every line needs it"))
    external_id = _text(record, "external_id", maximum=64)
    source = _enum(record, "source", TicketSource)
    channel = _enum(record, "channel", Channel)
    requested = _text(record, "language", maximum=35).strip()
    language = _language(requested, "language")
    if channel != Channel.EMAIL and not is_served(channel, language):
        raise _LineError(
            "channel",
            _("{channel} is not offered in {language}; such a request comes by email").format(
                channel=channel, language=language
            ),
        )
    subject = _text(record, "subject", maximum=300)
    message = _text(record, "message")
    ai_answer = _text(record, "ai_answer", allow_empty=True)
    created_at = _instant(_text(record, "created_at"), "created_at")
    customer = _customer(record["customer"], language)
    order_reference = None
    if record.get("order_reference") is not None:
        order_reference = _text(record, "order_reference", maximum=32)
    lot_id = record.get("lot_id")
    if lot_id is not None and (isinstance(lot_id, bool) or not isinstance(lot_id, int)):
        raise _LineError(
            "lot_id", _("must be an integer, not {value}").format(value=json.dumps(lot_id))
        )
    if source == TicketSource.ORDER_HELP and order_reference is None:
        raise _LineError("order_reference", _("is missing; an order_help request names the order"))
    if source == TicketSource.OBJECT_QUESTION and order_reference is None and lot_id is None:
        raise _LineError("lot_id", _("is missing; an object_question names the lot (or the order)"))
    priority = str(Priority.NORMAL)
    if "priority" in record:
        priority = _enum(record, "priority", Priority)
    amount_minor: int | None = None
    amount_currency: str | None = None
    if record.get("amount") is not None:
        amount_minor, amount_currency = _amount(record["amount"])
    contacted = record.get("seller_contacted_buyer")
    if contacted is not None and not isinstance(contacted, bool):
        raise _LineError(
            "seller_contacted_buyer",
            _("must be true or false, not {value}").format(value=json.dumps(contacted)),
        )
    return Escalation(
        line=line_number,
        external_id=external_id,
        source=source,
        channel=channel,
        language=language,
        requested_language=requested,
        subject=subject,
        message=message,
        ai_answer=ai_answer,
        created_at=created_at,
        customer=customer,
        order_reference=order_reference,
        lot_id=lot_id,
        priority=priority,
        amount_minor=amount_minor,
        amount_currency=amount_currency,
        seller_contacted_buyer=contacted,
    )


def _bad(name: str, line: int, field: str, problem: str) -> BadInput:
    if field == "-":
        return BadInput(
            _("{file}, line {line}: the line {problem}").format(
                file=name, line=line, problem=problem
            )
        )
    return BadInput(
        _("{file}, line {line}, field {field}: {problem}").format(
            file=name, line=line, field=field, problem=problem
        )
    )


def parse_escalations(data: bytes, name: str) -> list[Escalation]:
    """Every line of the file, checked on its own (the store is checked later)."""
    escalations: list[Escalation] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _bad(
                name, number, "-",
                _("is not UTF-8 (byte {position}); save the file as UTF-8").format(
                    position=error.start + 1
                ),
            ) from None  # fmt: skip
        if not text.strip():
            continue
        try:
            escalation = parse_line(number, text)
        except _LineError as error:
            raise _bad(name, number, error.field, error.problem) from None
        first = seen.setdefault(escalation.external_id, number)
        if first != number:
            raise _bad(
                name, number, "external_id",
                _("{value} was already used on line {first}; each escalation is imported once")
                .format(value=json.dumps(escalation.external_id), first=first),
            )  # fmt: skip
        escalations.append(escalation)
    if not escalations:
        raise BadInput(_("{file} holds no escalations; write one JSON object per line").format(
            file=name
        ))  # fmt: skip
    return escalations


def import_escalations(
    store: Store, data: bytes, name: str, *, actor_id: int | None = None
) -> ImportResult:
    """Check every line, then write every ticket in one transaction; nothing on any error."""
    from sqlmodel import col, select

    from console.routing.sla import bulk_due_times, load_business_calendar, load_sla_targets
    from models import Account, AuditEvent, Lot, Message, Order, Ticket

    escalations = parse_escalations(data, name)
    due_times = bulk_due_times(
        [(e.channel, e.priority, e.created_at) for e in escalations],
        load_business_calendar(store),
        load_sla_targets(store),
    )
    with store.write() as session:
        ids = [escalation.external_id for escalation in escalations]
        existing = set(
            session.exec(select(Ticket.external_ref).where(col(Ticket.external_ref).in_(ids))).all()
        )
        references = {e.order_reference for e in escalations if e.order_reference}
        orders = {
            order.reference: order
            for order in session.exec(
                select(Order).where(col(Order.reference).in_(references))
            ).all()
        }
        lot_ids = {e.lot_id for e in escalations if e.lot_id is not None}
        lots = set(session.exec(select(Lot.id).where(col(Lot.id).in_(lot_ids))).all())
        usernames = {e.customer.username for e in escalations}
        accounts = {
            account.username: account
            for account in session.exec(
                select(Account).where(col(Account.username).in_(usernames))
            ).all()
        }
        # Second pass: what only the store can tell. Still nothing written.
        for escalation in escalations:
            _check_against_store(name, escalation, existing, orders, lots, accounts)
        new_accounts = 0
        for escalation in escalations:
            customer = escalation.customer
            if customer.username not in accounts:
                account = Account(
                    username=customer.username,
                    display_name=customer.display_name or customer.username,
                    email=customer.email or "",
                    kind=customer.kind,
                    country=customer.country or "",
                    language=customer.language or escalation.language,
                    created_at=escalation.created_at,
                )
                session.add(account)
                accounts[customer.username] = account
                new_accounts += 1
        session.flush()  # the new accounts get their ids
        tickets: list[Ticket] = []
        for escalation, (first_due, resolve_due) in zip(escalations, due_times, strict=True):
            order = orders.get(escalation.order_reference or "")
            requester_id = accounts[escalation.customer.username].id
            assert requester_id is not None
            ticket = Ticket(
                source=escalation.source,
                channel=escalation.channel,
                language=escalation.language,
                requested_language=escalation.requested_language,
                queue_key=routing_queue_key(escalation.channel, escalation.language),
                subject=escalation.subject,
                ai_answer=escalation.ai_answer,
                order_id=order.id if order else None,
                lot_id=order.lot_id if order else escalation.lot_id,
                requester_id=requester_id,
                seller_contacted_buyer=escalation.seller_contacted_buyer,
                status=TicketStatus.NEW,
                priority=escalation.priority,
                priority_rank=priority_rank(escalation.priority),
                first_reply_due_at=first_due,
                resolution_due_at=resolve_due,
                created_at=escalation.created_at,
                updated_at=escalation.created_at,
                external_ref=escalation.external_id,
                amount_minor=escalation.amount_minor,
                amount_currency=escalation.amount_currency,
            )
            session.add(ticket)
            tickets.append(ticket)
        session.flush()  # the tickets get their ids
        for ticket, escalation in zip(tickets, escalations, strict=True):
            assert ticket.id is not None
            session.add(
                Message(
                    ticket_id=ticket.id,
                    kind=MessageKind.CUSTOMER,
                    body=escalation.message,
                    created_at=escalation.created_at,
                )
            )
            if escalation.ai_answer:
                session.add(
                    Message(
                        ticket_id=ticket.id,
                        kind=MessageKind.AI_ASSISTANT,
                        body=escalation.ai_answer,
                        created_at=escalation.created_at,
                    )
                )
        ticket_ids = [ticket.id for ticket in tickets if ticket.id is not None]
        session.add(
            AuditEvent(
                actor_id=actor_id,
                action="tickets.imported",
                subject_kind="ticket",
                subject_id=None,
                details={
                    "count": len(ticket_ids),
                    "file": name,
                    "first_id": min(ticket_ids),
                    "last_id": max(ticket_ids),
                    "new_accounts": new_accounts,
                },
            )
        )
    return ImportResult(ticket_ids=ticket_ids, new_accounts=new_accounts)


def _check_against_store(
    name: str,
    escalation: Escalation,
    existing: set[str | None],
    orders: dict[str, Any],
    lots: set[int | None],
    accounts: dict[str, Any],
) -> None:
    line = escalation.line
    if escalation.external_id in existing:
        raise _bad(
            name, line, "external_id",
            _("{value} is already in the store (imported before); remove the line").format(
                value=json.dumps(escalation.external_id)
            ),
        )  # fmt: skip
    order = None
    if escalation.order_reference is not None:
        order = orders.get(escalation.order_reference)
        if order is None:
            raise _bad(
                name, line, "order_reference",
                _("no order {value} in the store; check the reference").format(
                    value=json.dumps(escalation.order_reference)
                ),
            )  # fmt: skip
        if escalation.lot_id is not None and escalation.lot_id != order.lot_id:
            raise _bad(
                name, line, "lot_id",
                _("order {reference} is for lot {expected}, not {value}; give one or the other")
                .format(reference=escalation.order_reference, expected=order.lot_id,
                        value=escalation.lot_id),
            )  # fmt: skip
        if escalation.amount_currency and escalation.amount_currency != order.currency:
            raise _bad(
                name, line, "amount.currency",
                _("{value} differs from the order's currency {expected}").format(
                    value=escalation.amount_currency, expected=order.currency
                ),
            )  # fmt: skip
    elif escalation.lot_id is not None and escalation.lot_id not in lots:
        raise _bad(
            name, line, "lot_id",
            _("no lot {value} in the store; check the id").format(value=escalation.lot_id),
        )  # fmt: skip
    if escalation.customer.username not in accounts:
        for field in NEW_CUSTOMER_FIELDS:
            if getattr(escalation.customer, field) is None:
                raise _bad(
                    name, line, f"customer.{field}",
                    _("is missing; {username} is a new customer, who needs display_name, email "
                      "and country").format(username=escalation.customer.username),
                )  # fmt: skip
