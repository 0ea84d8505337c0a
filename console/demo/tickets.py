"""The demo's tickets and their threads: the hot loop of a build (a million rows in seconds).

Each ticket is an escalation from the help center: the customer's message and the AI
assistant's answer in the customer's language (both also in the thread, a minute or so before
the ticket was opened), an order or a lot when the source is about one, a channel the language
is served on, its queue key, priority, status by age, an assignee who speaks the language and
works the channel, the agent's first reply for those that have one, and provisional SLA due
times (some already past, so the queue shows tickets at risk and breached).

Creation instants cover the last 60 days, 15 % in the last day, and ids follow them. The loop
uses `random()` arithmetic rather than `randrange`/`choice` (several times faster) and formats
instants inline; both are still a pure function of the seed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import accumulate
from typing import Final

from console.demo import texts
from console.demo.market import Market
from console.demo.plan import (
    BATCH_ROWS,
    DAY,
    HOUR,
    MESSAGE_COLUMNS,
    TEAM_TIMEZONE,
    TICKET_COLUMNS,
    Batch,
    Row,
)
from console.escalation import is_served, routing_queue_key
from console.routing.sla import BusinessCalendar, BusinessTimeline, sla_targets
from models.enums import PRIORITY_RANK, MessageKind, Priority, TicketSource, TicketStatus

# Plain `str` values, not enum members: the database drivers bind exact types fastest.
PRIORITIES: Final = tuple(
    p.value for p in (Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW)
)
PRIORITY_WEIGHTS: Final = (3, 12, 70, 15)
CHANNELS: Final = ("email", "chat", "phone")
WINDOW_DAYS: Final = 60
WEEK: Final = 7 * DAY


def ticket_instants(market: Market) -> list[int]:
    """Creation instants (epoch seconds), oldest first: 15 % in the last day, 25 % in the
    week before, the rest over the 60 days."""
    random_, now = market.rng.random, market.now
    offsets = []
    for _ in range(market.plan.tickets):
        roll = random_()
        if roll < 0.15:
            offsets.append(60 + int(random_() * (DAY - 60)))
        elif roll < 0.40:
            offsets.append(DAY + int(random_() * 6 * DAY))
        else:
            offsets.append(7 * DAY + int(random_() * (WINDOW_DAYS - 7) * DAY))
    offsets.sort(reverse=True)
    return [now - offset for offset in offsets]


# Young tickets are mostly new or open, old ones mostly solved or closed: for each age
# (under a day, under a week, older), the cumulative odds of new, open, pending and solved;
# the rest are closed.
_STATUS_ODDS: Final = (
    (0.55, 0.85, 0.95, 1.0),
    (0.12, 0.45, 0.65, 0.93),
    (0.01, 0.05, 0.09, 0.35),
)


def ticket_rows(market: Market) -> Iterator[Batch]:
    """Tickets and their messages, in batches (a ticket batch before its messages)."""
    rng, now, plan = market.rng, market.now, market.plan
    random_ = rng.random
    days, seconds = market.ts.days, market.ts.seconds
    order_placed = market.order_placed
    unsold_listed = market.unsold_listed
    order_window = max(20, plan.orders // 12)
    lot_window = max(20, len(unsold_listed) // 12)
    account_language = market.account_language
    account_greeting = market.account_greeting
    account_name, agent_handle = market.account_name, market.agent_handle
    sellers = market.sellers
    lot_title, lot_seller = market.lot_title, market.lot_seller
    order_reference, order_carrier = market.order_reference, market.order_carrier
    order_buyer, delivered = market.order_buyer, market.order_delivered
    shipped = market.order_shipped
    disputed, ticket_of_order = market.disputed, market.ticket_of_order
    capable = market.capable
    priorities = rng.choices(
        PRIORITIES, cum_weights=list(accumulate(PRIORITY_WEIGHTS)), k=plan.tickets
    )
    ranks = {priority: PRIORITY_RANK[priority] for priority in PRIORITIES}
    # Due times are the team's business-hours SLA clocks, as for any ticket; one timeline over
    # the demo's window spares an expansion of the support hours per ticket.
    targets = {
        key: (int(target.first_reply.total_seconds()), int(target.resolution.total_seconds()))
        for key, target in sla_targets().items()
    }
    timeline = BusinessTimeline(
        BusinessCalendar(zone=TEAM_TIMEZONE),
        datetime.fromtimestamp(now - (WINDOW_DAYS + 1) * DAY, UTC),
        datetime.fromtimestamp(now + 120 * DAY, UTC),
    )
    business_due = timeline.due
    languages = list(texts.LANGUAGE_TAGS)
    queue_keys = {(c, lang): routing_queue_key(c, lang) for c in CHANNELS for lang in languages}
    # A customer is offered chat or phone only in a language served there.
    channel_for = {
        (wanted, lang): wanted
        if is_served(wanted, lang)
        else "chat"
        if is_served("chat", lang)
        else "email"
        for wanted in CHANNELS
        for lang in languages
    }
    topics: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
    for language, language_topics in texts.TEXTS.items():
        for topic, (subject, message, answer) in language_topics.items():
            source, category = texts.TOPICS[topic]
            topics.setdefault((language, str(source)), []).append(
                (subject, message, answer, category)
            )
    replies = {
        lang: texts.AGENT_REPLIES[lang if is_served("email", lang) else "en"] for lang in languages
    }
    tags = texts.LANGUAGE_TAGS
    NEW, OPEN = TicketStatus.NEW.value, TicketStatus.OPEN.value
    PENDING = TicketStatus.PENDING_CUSTOMER.value
    SOLVED, CLOSED = TicketStatus.SOLVED.value, TicketStatus.CLOSED.value
    CUSTOMER, AI = MessageKind.CUSTOMER.value, MessageKind.AI_ASSISTANT.value
    AGENT = MessageKind.AGENT.value
    ORDER_HELP = TicketSource.ORDER_HELP.value
    OBJECT_QUESTION = TicketSource.OBJECT_QUESTION.value
    GENERAL_QUESTION = TicketSource.GENERAL_QUESTION.value

    tickets: list[Row] = []
    messages: list[Row] = []
    message_id = 0
    for ticket_id, created in enumerate(ticket_instants(market), start=1):
        order_id: int | None = None
        lot_id: int | None = None
        seller_contacted: int | None = None
        title = reference = carrier = ""
        source = GENERAL_QUESTION
        requester = 0
        roll = random_()
        if roll < 0.45:
            newest = bisect_right(order_placed, created - HOUR)
            low = max(0, newest - order_window)
            picked = low + int(random_() * (newest - low)) + 1 if newest else 0
            # Order help is about a parcel: where it is, or how it arrived. An order not
            # shipped (not yet, or cancelled first) gives no such question.
            if picked and shipped[picked]:
                order_id = lot_id = picked
                source = ORDER_HELP
                if random_() < 0.85 or not delivered[order_id]:
                    requester = order_buyer[order_id]
                else:  # a seller asking about a sale says whether they talked to the buyer
                    requester = lot_seller[order_id]
                    seller_contacted = 1 if random_() < 0.7 else 0
                title = lot_title[order_id]
                reference = order_reference[order_id]
                carrier = order_carrier[order_id]
                if order_id in disputed and order_id not in ticket_of_order:
                    ticket_of_order[order_id] = ticket_id
                    market.ticket_created[ticket_id] = created
        elif roll < 0.70:
            newest = bisect_right(unsold_listed, created)
            if newest:
                low = max(0, newest - lot_window)
                lot_id = low + int(random_() * (newest - low)) + 1 + plan.orders
                source = OBJECT_QUESTION
                requester = 1 + int(random_() * plan.accounts)
                title = lot_title[lot_id]
        if source == GENERAL_QUESTION:
            requester = sellers[int(random_() * len(sellers))]
        language = account_language[requester]
        bank = topics[(language, source)]
        if seller_contacted is not None:
            # The seller of a delivered order asks about the sale: the payout question.
            subject, message, answer = texts.TEXTS[language]["payout"]
            category = texts.TOPICS["payout"][1]
        elif len(bank) == 1:
            subject, message, answer, category = bank[0]
        elif source == ORDER_HELP:
            subject, message, answer, category = bank[1 if delivered[order_id or 0] else 0]
        else:
            subject, message, answer, category = bank[0 if random_() < 0.6 else 1]
        subject = subject.format(title=title, ref=reference)
        message = message.format(title=title, ref=reference, carrier=carrier)
        answer = answer.format(title=title, ref=reference, carrier=carrier)
        roll = random_()
        channel = channel_for[
            ("email" if roll < 0.6 else "chat" if roll < 0.9 else "phone", language)
        ]
        key = queue_keys[(channel, language)]
        priority = priorities[ticket_id - 1]
        age = now - created
        new_, open_, pending_, solved_ = _STATUS_ODDS[0 if age < DAY else 1 if age < WEEK else 2]
        roll = random_()
        status = (
            NEW if roll < new_ else OPEN if roll < open_ else PENDING if roll < pending_
            else SOLVED if roll < solved_ else CLOSED
        )  # fmt: skip
        reply_target, resolve_target = targets[(channel, priority)]
        assignee: int | None = None
        replied: int | None = None
        if status != NEW and (status != OPEN or random_() < 0.9):
            agents = capable[key]
            assignee = agents[int(random_() * len(agents))]
            if status != OPEN or random_() < 0.6:
                replied = min(created + 60 + int(random_() * reply_target * 1.4), now - 30)
        updated = created if replied is None else replied
        if status in (SOLVED, CLOSED):
            updated = min(updated + HOUR + int(random_() * 3 * DAY), now - 10)
        variants = tags[language]
        created_text = days[created // DAY] + seconds[created % DAY]
        due = int(business_due(created, reply_target) or created + reply_target)
        resolve = int(business_due(created, resolve_target) or created + resolve_target)
        replied_text = None if replied is None else days[replied // DAY] + seconds[replied % DAY]
        tickets.append(
            (ticket_id, source, channel, language, variants[int(random_() * len(variants))],
             key, subject, answer, order_id, lot_id, requester, seller_contacted, status,
             priority, ranks[priority], category, assignee,
             days[due // DAY] + seconds[due % DAY], days[resolve // DAY] + seconds[resolve % DAY],
             replied_text, created_text, days[updated // DAY] + seconds[updated % DAY], None,
             account_name[requester], reference or title, agent_handle[assignee or 0])
        )  # fmt: skip
        # The customer wrote to the assistant a few minutes before asking for a person.
        asked, answered = created - 240, created - 200
        messages.append(
            (message_id + 1, ticket_id, CUSTOMER, None, message,
             days[asked // DAY] + seconds[asked % DAY])
        )  # fmt: skip
        messages.append(
            (message_id + 2, ticket_id, AI, None, answer,
             days[answered // DAY] + seconds[answered % DAY])
        )  # fmt: skip
        message_id += 2
        if replied_text is not None:
            message_id += 1
            body = replies[language].format(name=account_greeting[requester])
            messages.append((message_id, ticket_id, AGENT, assignee, body, replied_text))
        if len(tickets) >= BATCH_ROWS:
            yield "ticket", TICKET_COLUMNS, tickets
            yield "message", MESSAGE_COLUMNS, messages
            tickets, messages = [], []
    yield "ticket", TICKET_COLUMNS, tickets
    yield "message", MESSAGE_COLUMNS, messages
