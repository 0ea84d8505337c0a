"""The marketplace side of the demo: the team, accounts, lots, orders, payments, shipments.

`Market` holds what later stages need to know about earlier rows (arrays indexed by id), so
that tickets and disputes point at orders that exist and say things that are true of them.
Disputes are planned before payments are written, so that refunds and chargebacks agree with
each dispute's outcome and no refund ever exceeds what was captured.
"""

from __future__ import annotations

import json
import random
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Final

from console.demo import texts
from console.demo.plan import (
    ABSENCE_COLUMNS,
    ACCOUNT_COLUMNS,
    AGENT_COLUMNS,
    BATCH_ROWS,
    DAY,
    HOLIDAY_COLUMNS,
    HOUR,
    LOT_COLUMNS,
    ORDER_COLUMNS,
    PAYMENT_COLUMNS,
    SHIFT_COLUMNS,
    SHIPMENT_COLUMNS,
    Batch,
    Clock,
    DemoPlan,
    Row,
)
from console.demo.team import ABSENCES, AGENTS, holidays
from console.escalation import is_served
from models.enums import (
    AccountKind,
    DisputeKind,
    DisputeState,
    OrderStatus,
    ResolutionKind,
    Role,
)
from models.language import FALLBACK_LANGUAGE

PRO_SHOP_NAMES: Final[dict[str, str]] = {
    "en": "{last} Antiques", "fr": "Galerie {last}", "de": "Antiquariat {last}",
    "nl": "Antiek {last}", "it": "Galleria {last}", "es": "Galería {last}",
    "pt": "Antiguidades {last}", "pl": "Antykwariat {last}", "zh": "{last}氏古玩",
    "sv": "{last} Antik", "cs": "Starožitnosti {last}", "da": "{last} Antik",
}  # fmt: skip
COURIERS: Final = frozenset(
    {"DHL", "DPD", "GLS", "UPS", "FedEx", "DHL Express", "Hermes", "InPost", "BRT", "SEUR",
     "PPL", "Chronopost", "Mondial Relay"}
)  # fmt: skip
# Dispute states by how often they are met; the first disputes take each state once.
STATE_WEIGHTS: Final[dict[str, int]] = {
    DisputeState.OPEN: 20, DisputeState.ESCALATED: 10, DisputeState.UNDER_REVIEW: 20,
    DisputeState.AWAITING_INFO: 10, DisputeState.RESOLUTION_PROPOSED: 6,
    DisputeState.PENDING_APPROVAL: 6, DisputeState.RESOLVED: 12, DisputeState.CLOSED: 10,
    DisputeState.APPEALED: 3, DisputeState.ON_HOLD_CHARGEBACK: 3,
}  # fmt: skip
DECIDED_STATES: Final = frozenset(
    {DisputeState.RESOLVED, DisputeState.CLOSED, DisputeState.APPEALED}
)


class PlannedDispute:
    """A dispute decided before its order's payment is written."""

    __slots__ = ("kind", "outcome", "percent", "state")

    def __init__(self, kind: str, state: str, outcome: str | None, percent: int) -> None:
        self.kind = kind
        self.state = state
        self.outcome = outcome  # a ResolutionKind, or None while undecided
        self.percent = percent  # of the total, for a partial refund


class Market:
    """The state shared by the stages of one build (lists indexed by id; index 0 unused)."""

    def __init__(self, plan: DemoPlan, suffix: str) -> None:
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.now = int(plan.anchor.timestamp())
        self.ts = Clock(self.now, suffix)
        self.account_language: list[str] = [""]
        self.account_country: list[str] = [""]
        self.account_greeting: list[str] = [""]
        self.account_name: list[str] = [""]
        self.sellers: list[int] = []
        self.buyers: list[int] = []
        self.lot_title: list[str] = [""]
        self.lot_seller: list[int] = [0]
        self.lot_price: list[int] = [0]
        self.lot_currency: list[str] = [""]
        self.unsold_listed: list[int] = []  # listing instants of the unsold lots, ascending
        self.order_placed: list[int] = []  # placing instants, ascending (index = id - 1)
        self.order_buyer: list[int] = [0]
        self.order_reference: list[str] = [""]
        self.order_carrier: list[str] = [""]
        self.order_delivered = bytearray(1)
        self.order_shipped = bytearray(1)  # 1: a shipment exists (not cancelled before it)
        self.disputed: dict[int, PlannedDispute] = {}
        self.ticket_of_order: dict[int, int] = {}  # a disputed order → its first ticket
        self.ticket_created: dict[int, int] = {}
        self.agent_ids = {agent.handle: index for index, agent in enumerate(AGENTS, start=1)}
        self.agent_handle = ["", *(agent.handle for agent in AGENTS)]
        # Who may be assigned a ticket of each queue (`email:sv` is handled in English).
        self.capable: dict[str, list[int]] = {}
        for channel in ("email", "chat", "phone"):
            for language in texts.LANGUAGE_TAGS:
                handled = language if is_served(channel, language) else FALLBACK_LANGUAGE
                self.capable[f"{channel}:{language}"] = [
                    self.agent_ids[agent.handle]
                    for agent in AGENTS
                    if agent.handles(channel, handled)
                ]
        self.reviewers = [self.agent_ids[a.handle] for a in AGENTS if a.role in _REVIEWERS]
        self.trust_safety = [
            self.agent_ids[a.handle] for a in AGENTS if a.role == Role.TRUST_SAFETY
        ]


_REVIEWERS: Final = (Role.AGENT, Role.LEAD)


def team_rows(market: Market, password_hash: str) -> Iterator[Batch]:
    """Agents (all with the one demo password hash), shifts, absences, holidays."""
    created = market.ts(market.now - 400 * DAY)
    agents: list[Row] = []
    for index, agent in enumerate(AGENTS, start=1):
        phone = json.dumps(list(agent.phone_languages)) if agent.phone_languages else None
        agents.append(
            (index, agent.handle, agent.name, str(agent.role), agent.timezone, agent.ui_language,
             json.dumps(list(agent.languages)), phone, json.dumps(list(agent.channels)),
             json.dumps(agent.capacity), agent.holiday_calendar, str(agent.presence), 1,
             password_hash, 0, None, None, created)
        )  # fmt: skip
    yield "agent", AGENT_COLUMNS, agents
    anchor_day = market.plan.anchor.date()
    valid_from = (anchor_day - timedelta(days=180)).isoformat()
    shifts: list[Row] = []
    for index, agent in enumerate(AGENTS, start=1):
        for rule, start, end in agent.shifts:
            shifts.append((len(shifts) + 1, index, rule, start, end, valid_from, None))
    yield "shift", SHIFT_COLUMNS, shifts
    absences: list[Row] = []
    for handle, first_day, days in ABSENCES:
        away = datetime.combine(anchor_day + timedelta(days=first_day), datetime.min.time())
        back = away + timedelta(days=days)
        absences.append(
            (len(absences) + 1, market.agent_ids[handle],
             away.strftime("%Y-%m-%d %H:%M:%S.000000"), back.strftime("%Y-%m-%d %H:%M:%S.000000"))
        )  # fmt: skip
    yield "absence", ABSENCE_COLUMNS, absences
    years = (anchor_day.year, anchor_day.year + 1)
    yield (
        "holiday",
        HOLIDAY_COLUMNS,
        [(number, name, day.isoformat()) for number, (name, day) in enumerate(holidays(years), 1)],
    )


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def account_rows(market: Market) -> Iterator[Batch]:
    """Buyers and sellers, private and Pro, each with a country and a preferred language."""
    rng, ts, now = market.rng, market.ts, market.now
    languages = list(texts.LANGUAGE_WEIGHTS)
    cumulative = list(accumulate(texts.LANGUAGE_WEIGHTS.values()))
    chosen = rng.choices(languages, cum_weights=cumulative, k=market.plan.accounts)
    romanised: dict[str, str] = {}
    rows: list[Row] = []
    for account_id, language in enumerate(chosen, start=1):
        firsts, lasts = texts.NAMES[language]
        first, last = rng.choice(firsts), rng.choice(lasts)
        if language == "zh":
            first_shown, first_latin = first.split("|")
            last_shown, last_latin = last.split("|")
            display = greeting = last_shown + first_shown
            handle = f"{last_latin}.{first_latin}".lower()
            last = last_shown
        else:
            display, greeting = f"{first} {last}", first
            key = f"{first}|{last}"
            handle = romanised.get(key) or romanised.setdefault(
                key, f"{_ascii(first)}.{_ascii(last)}"
            )
        roll = rng.random()
        is_seller = roll < 0.35
        is_pro = roll < 0.09
        if is_pro:
            display = PRO_SHOP_NAMES[language].format(last=last)
        country = rng.choice(texts.COUNTRIES[language])
        username = f"{handle}{account_id}"
        email = f"{username}@example.{('com', 'net', 'org')[account_id % 3]}"
        kind = (AccountKind.PRO if is_pro else AccountKind.PRIVATE).value
        created = ts(now - rng.randrange(30 * DAY, 1500 * DAY))
        rows.append(
            (account_id, username, display, email, kind, 0 if is_pro else 1,
             1 if is_seller else 0, country, language, "active", created)
        )  # fmt: skip
        market.account_language.append(language)
        market.account_country.append(country)
        market.account_greeting.append(greeting)
        market.account_name.append(display)
        if is_seller:
            market.sellers.append(account_id)
        if not is_pro:
            market.buyers.append(account_id)
        if len(rows) >= BATCH_ROWS:
            yield "account", ACCOUNT_COLUMNS, rows
            rows = []
    yield "account", ACCOUNT_COLUMNS, rows


def plan_disputes(market: Market) -> None:
    """Choose the disputed orders (placed 8+ days ago) with their kind, state and outcome."""
    rng, plan = market.rng, market.plan
    old_enough = bisect_right(market.order_placed, market.now - 8 * DAY)
    chosen = sorted(rng.sample(range(1, old_enough + 1), min(plan.disputes, old_enough)))
    kinds = [kind.value for kind in DisputeKind]
    states = [str(state) for state in STATE_WEIGHTS]
    weights = list(STATE_WEIGHTS.values())
    for position, order_id in enumerate(chosen):
        # The first ones take every kind and every state in turn; the rest follow weights.
        kind = kinds[position % len(kinds)] if position < len(states) else rng.choice(kinds)
        state = states[position] if position < len(states) else rng.choices(states, weights)[0]
        outcome: str | None = None
        if state in DECIDED_STATES:
            if kind == DisputeKind.NOT_RECEIVED:
                outcome = rng.choice((ResolutionKind.CANCELLATION, ResolutionKind.FULL_REFUND))
            else:
                outcome = rng.choice(
                    (
                        ResolutionKind.FULL_REFUND,
                        ResolutionKind.PARTIAL_REFUND,
                        ResolutionKind.CLAIM_REJECTED,
                    )
                )
            outcome = str(outcome)
        elif state == DisputeState.PENDING_APPROVAL:
            outcome = ResolutionKind.FULL_REFUND.value  # waiting for a lead's approval
        percent = rng.choice((20, 25, 30, 40, 50))
        market.disputed[order_id] = PlannedDispute(kind, state, outcome, percent)


def _tracking_number(rng: random.Random, carrier: str, country: str) -> str:
    # Postal operators use the UPU S10 shape (two letters, nine digits, country); couriers
    # use long digit strings.
    if carrier in COURIERS:
        return f"{rng.randrange(10**13, 10**14)}"
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return f"{rng.choice('CELRV')}{rng.choice(letters)}{rng.randrange(10**8, 10**9)}{country}"


def lot_rows(market: Market) -> Iterator[Batch]:
    """Lots; the first `plan.orders` are sold (lot n is bought by order n)."""
    rng, ts, now, plan = market.rng, market.ts, market.now, market.plan
    categories = list(texts.LOTS)
    # Orders are numbered in the order they were placed, over the last 90 days.
    market.order_placed = sorted(now - rng.randrange(30 * 60, 90 * DAY) for _ in range(plan.orders))
    plan_disputes(market)
    unsold = plan.lots - plan.orders
    market.unsold_listed = sorted(now - rng.randrange(10 * 60, 60 * DAY) for _ in range(unsold))
    rows: list[Row] = []
    for lot_id in range(1, plan.lots + 1):
        seller = rng.choice(market.sellers)
        category = rng.choice(categories)
        titles, (low, high) = texts.LOTS[category]
        title = rng.choice(titles)
        cents = int(low * (high / low) ** rng.random()) // 100 * 100
        currency, rate = texts.CURRENCIES.get(market.account_country[seller], ("EUR", 100))
        price = cents if rate == 100 else cents * rate // 10_000 * 100
        if lot_id <= plan.orders:
            listed = market.order_placed[lot_id - 1] - rng.randrange(DAY, 14 * DAY)
        else:
            listed = market.unsold_listed[lot_id - plan.orders - 1]
        description = f"Condition: {rng.choice(texts.CONDITIONS)}."
        rows.append((lot_id, seller, title, category, description, price, currency, ts(listed), 0))
        market.lot_title.append(title)
        market.lot_seller.append(seller)
        market.lot_price.append(price)
        market.lot_currency.append(currency)
        if len(rows) >= BATCH_ROWS:
            yield "lot", LOT_COLUMNS, rows
            rows = []
    yield "lot", LOT_COLUMNS, rows


def order_rows(market: Market) -> Iterator[Batch]:
    """Orders with their payment and, once shipped, their shipment."""
    rng, ts, now, plan = market.rng, market.ts, market.now, market.plan
    orders: list[Row] = []
    payments: list[Row] = []
    shipments: list[Row] = []
    buyers = market.buyers
    delivered_flags = bytearray(plan.orders + 1)
    shipped_flags = bytearray(plan.orders + 1)
    for order_id in range(1, plan.orders + 1):
        placed = market.order_placed[order_id - 1]
        seller = market.lot_seller[order_id]
        buyer = rng.choice(buyers)
        if buyer == seller:
            buyer = buyers[(buyers.index(buyer) + 1) % len(buyers)]
        total = market.lot_price[order_id]
        currency = market.lot_currency[order_id]
        reference = f"GV-{order_id:07d}"
        country = market.account_country[seller]
        carrier = rng.choice(texts.CARRIERS.get(country, texts.DEFAULT_CARRIERS))
        status: str = OrderStatus.PAID.value
        cancelled_at: str | None = None
        refunded = chargeback = 0
        shipped: int | None = None
        delivered: int | None = None
        if now - placed > 2 * DAY:
            shipped = placed + rng.randrange(6 * HOUR, 2 * DAY)
            status = OrderStatus.SHIPPED.value
            transit = rng.randrange(DAY, 7 * DAY)
            if shipped + transit < now and rng.random() < 0.95:
                delivered = shipped + transit
                status = OrderStatus.DELIVERED.value
                if now - delivered > 21 * DAY:
                    status = OrderStatus.COMPLETED.value
        roll = rng.random()
        dispute = market.disputed.get(order_id)
        if dispute is not None:
            if dispute.kind == DisputeKind.NOT_RECEIVED:
                delivered, status = None, OrderStatus.SHIPPED.value
            elif delivered is None and shipped is not None:
                delivered, status = min(shipped + 2 * DAY, now - DAY), OrderStatus.DELIVERED.value
            if dispute.outcome in (ResolutionKind.FULL_REFUND, ResolutionKind.CANCELLATION):
                if dispute.state != DisputeState.PENDING_APPROVAL:
                    refunded = total
            elif dispute.outcome == ResolutionKind.PARTIAL_REFUND:
                refunded = total * dispute.percent // 100
            if dispute.kind == DisputeKind.REFUND_NOT_RECEIVED:
                refunded = total  # paid out by the platform; the buyer says it never arrived
            if dispute.outcome == ResolutionKind.CANCELLATION:
                status = OrderStatus.CANCELLED.value
                cancelled_at = ts(now - rng.randrange(HOUR, 3 * DAY))
            if dispute.state == DisputeState.ON_HOLD_CHARGEBACK:
                chargeback = 1
        elif roll < 0.02 and now - placed > DAY:
            status = OrderStatus.CANCELLED.value
            cancelled_at = ts(placed + rng.randrange(HOUR, DAY))
            refunded = total
            shipped = delivered = None
        elif roll < 0.05 and delivered is not None:
            refunded = total * rng.choice((10, 15, 20, 30, 50)) // 100
        elif roll < 0.06 and delivered is not None:
            refunded = total
        elif roll < 0.065:
            chargeback = 1
        orders.append(
            (order_id, reference, order_id, buyer, seller, total, currency, status, ts(placed),
             cancelled_at)
        )  # fmt: skip
        payments.append(
            (order_id, order_id, total, refunded, currency, f"psp_{rng.getrandbits(64):016x}",
             chargeback, ts(placed + 30))
        )  # fmt: skip
        if shipped is not None:
            shipped_flags[order_id] = 1
            shipments.append(
                (len(shipments) + 1, order_id, carrier, _tracking_number(rng, carrier, country),
                 ts(shipped), ts(delivered) if delivered is not None else None)
            )  # fmt: skip
        market.order_buyer.append(buyer)
        market.order_reference.append(reference)
        market.order_carrier.append(carrier)
        if delivered is not None:
            delivered_flags[order_id] = 1
        if len(orders) >= BATCH_ROWS:
            yield "orders", ORDER_COLUMNS, orders
            yield "payment", PAYMENT_COLUMNS, payments
            orders, payments = [], []
    yield "orders", ORDER_COLUMNS, orders
    yield "payment", PAYMENT_COLUMNS, payments
    market.order_delivered = delivered_flags
    market.order_shipped = shipped_flags
    for start in range(0, len(shipments), BATCH_ROWS):
        yield "shipment", SHIPMENT_COLUMNS, shipments[start : start + BATCH_ROWS]
