"""Decision messages for the users concerned, in their own language, queued in the outbox.

Each message carries the decision, its reasons and the redress open to the user: the internal
complaint with the date its window closes (6 months by default), a certified out-of-court
body, the courts; for a consumer dispute (private buyer, Pro seller) also the competent ADR body
the ACM/ConsuWijzer lists and whether the seller takes part. Never the closed EU ODR platform.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlmodel import Session

from console.disputes.common import outbox
from console.disputes.config import redress, windows
from console.disputes.notice_texts import NOTICE_TEXTS
from console.formatting import babel_locale, format_money
from models.audit import Outbox
from models.enums import AccountKind
from models.marketplace import Account
from models.money import Money

NOTICE_KIND = "notify.user"


def notice_language(account: Account) -> str:
    """The language we write to the user in (English when we have no texts for theirs)."""
    primary = account.language.split("-")[0].lower()
    return primary if primary in NOTICE_TEXTS else "en"


def _date(at: datetime, language: str) -> str:
    from babel.dates import format_date

    text: str = format_date(at.date(), format="long", locale=babel_locale(language))
    return text


def redress_lines(
    session: Session, texts: dict[str, str], language: str, *, now: datetime, consumer: bool
) -> list[str]:
    """The redress paragraph: complaint (with its last day), out-of-court body, courts, ADR."""
    months = windows(session).complaint_months
    lines = [
        texts["redress_complaint"].format(date=_date(now + relativedelta(months=months), language)),
        texts["redress_ood"],
        texts["redress_courts"],
    ]
    if consumer:
        bodies = redress(session)
        lines.append(
            texts["redress_adr"].format(
                body=bodies["adr_body"],
                url=bodies["adr_url"],
                directory=bodies["adr_directory"],
                takes_part=texts["takes_part" if bodies["seller_takes_part"] else "not_takes_part"],
            )
        )
    return lines


def is_consumer_dispute(buyer: Account, seller: Account) -> bool:
    """A private buyer against a Pro seller: consumer law and consumer ADR apply."""
    return buyer.kind == AccountKind.PRIVATE and seller.kind == AccountKind.PRO


def queue_notice(
    session: Session,
    account: Account,
    template: str,
    *,
    now: datetime,
    ref: str,
    reasons: str = "",
    facts: str = "",
    consumer: bool = False,
    values: dict[str, Any] | None = None,
    cause: dict[str, Any] | None = None,
) -> Outbox:
    """Write the message for `account` to the outbox (in the caller's transaction)."""
    language = notice_language(account)
    texts = NOTICE_TEXTS[language]
    filled = {"ref": ref, **(values or {})}
    for key in ("measure", "cost"):
        if key in filled:
            filled[key] = texts.get(str(filled[key]), str(filled[key]))
    if "duration" in filled:
        ends = filled["duration"]
        filled["duration"] = (
            texts["indefinite"]
            if ends is None
            else texts["until"].format(date=_date(ends, language))
        )
    for key, value in list(filled.items()):
        if isinstance(value, Money):
            filled[key] = format_money(value, language)
        elif isinstance(value, datetime):
            filled[key] = _date(value, language)
    paragraphs = [texts[template].format(**filled)]
    if facts:
        paragraphs.append(texts["facts"].format(facts=facts))
    if reasons:
        paragraphs.append(texts["reasons"].format(reasons=reasons))
    paragraphs += redress_lines(session, texts, language, now=now, consumer=consumer)
    return outbox(
        session,
        at=now,
        kind=NOTICE_KIND,
        payload={
            "account_id": account.id,
            "language": language,
            "template": template,
            "subject": texts["subject"].format(ref=ref),
            "body": "\n\n".join(paragraphs),
            "cause": cause or {},
        },
    )


def word(language: str, key: str) -> str:
    """A single word of the texts (a measure, who bears a cost) in `language`."""
    return NOTICE_TEXTS.get(language, NOTICE_TEXTS["en"])[key]
