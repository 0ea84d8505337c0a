"""Statements of reasons for the EU DSA Transparency Database (DSA Art. 24(5)).

Each applied restriction becomes one statement in the database's API format, without personal
data: the `puid` is the restriction's own stable random id, never an account id or name. Every
statement is validated field by field against the spec's rules and enums (`dsa_enums.json`, a
copy of the spec's list); one that would not pass is never exported, and the export names the
restriction and the field. Output: JSON Lines, or batches of at most 100 (`{"statements": []}`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from sqlmodel import col, select

from console.auth import SignedInAgent
from console.disputes.vocabulary import allowed
from console.permissions import Action, require
from console.store import Store
from models.disputes import Restriction
from models.enums import AccountKind, ActionState, RestrictionMeasure
from models.marketplace import Account, Lot

BATCH_SIZE: Final = 100
PUID = re.compile(r"[A-Za-z0-9_-]{1,500}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"\+?\d[\d .-]{7,}\d")
DECISION_FIELDS: Final = (
    "decision_visibility", "decision_monetary", "decision_provision", "decision_account",
)  # fmt: skip
SOURCE_TYPES: Final[dict[str, str]] = {
    "notice": "SOURCE_ARTICLE_16",
    "trusted_flagger": "SOURCE_TRUSTED_FLAGGER",
    "other_notification": "SOURCE_TYPE_OTHER_NOTIFICATION",
    "own_initiative": "SOURCE_VOLUNTARY",
}
AUTOMATED: Final[dict[str, str]] = {
    "fully": "AUTOMATED_DECISION_FULLY",
    "partially": "AUTOMATED_DECISION_PARTIALLY",
    "not_automated": "AUTOMATED_DECISION_NOT_AUTOMATED",
}
GROUNDS: Final[dict[str, str]] = {
    "illegal_content": "DECISION_GROUND_ILLEGAL_CONTENT",
    "terms": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
}


@dataclass(frozen=True)
class Problem:
    """Why one restriction's statement cannot be exported."""

    restriction_id: int
    puid: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"restriction {self.restriction_id} ({self.puid}): {self.field}: {self.message}"


@dataclass
class Export:
    """The statements that pass, and the problems of those that do not."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def batches(self) -> Iterator[dict[str, list[dict[str, Any]]]]:
        """The statements in batches of at most 100, as the batch endpoint takes them."""
        for start in range(0, len(self.statements), BATCH_SIZE):
            yield {"statements": self.statements[start : start + BATCH_SIZE]}


def _day(at: datetime | None) -> str | None:
    return None if at is None else at.date().isoformat()


def statement(restriction: Restriction, account: Account, lot: Lot | None) -> dict[str, Any]:
    """The restriction's statement of reasons in the database's format (not yet validated)."""
    doc: dict[str, Any] = {}
    end = _day(restriction.ends_at)
    measure = restriction.measure
    if measure == RestrictionMeasure.LISTING_REMOVAL:
        doc["decision_visibility"] = ["DECISION_VISIBILITY_CONTENT_REMOVED"]
        doc["end_date_visibility_restriction"] = end
    elif measure == RestrictionMeasure.ACCOUNT_RESTRICTION:
        doc["decision_provision"] = "DECISION_PROVISION_PARTIAL_SUSPENSION"
        doc["end_date_service_restriction"] = end
    elif measure == RestrictionMeasure.ACCOUNT_SUSPENSION:
        doc["decision_account"] = "DECISION_ACCOUNT_SUSPENDED"
        doc["end_date_account_restriction"] = end
    elif measure == RestrictionMeasure.ACCOUNT_TERMINATION:
        doc["decision_account"] = "DECISION_ACCOUNT_TERMINATED"
    elif measure == RestrictionMeasure.PAYOUT_HOLD:
        doc["decision_monetary"] = "DECISION_MONETARY_SUSPENSION"
        doc["end_date_monetary_restriction"] = end
    doc["account_type"] = (
        "ACCOUNT_TYPE_BUSINESS" if account.kind == AccountKind.PRO else "ACCOUNT_TYPE_PRIVATE"
    )
    doc["decision_ground"] = GROUNDS.get(restriction.ground, restriction.ground)
    if restriction.ground_reference_url:
        doc["decision_ground_reference_url"] = restriction.ground_reference_url
    if restriction.ground == "illegal_content":
        doc["illegal_content_legal_ground"] = restriction.legal_ground
        doc["illegal_content_explanation"] = restriction.illegality_explanation
    elif restriction.ground == "terms":
        doc["incompatible_content_ground"] = restriction.terms_clause
        doc["incompatible_content_explanation"] = restriction.incompatibility_explanation
    doc["content_type"] = ["CONTENT_TYPE_PRODUCT"]
    doc["category"] = restriction.category
    if restriction.keywords:
        doc["category_specification"] = list(restriction.keywords)
    if restriction.territorial_scope:
        doc["territorial_scope"] = list(restriction.territorial_scope)
    published = lot.listed_at if lot is not None else account.created_at
    doc["content_date"] = _day(published)
    doc["application_date"] = _day(restriction.applied_at)
    doc["decision_facts"] = restriction.facts
    doc["source_type"] = SOURCE_TYPES.get(restriction.source, restriction.source)
    doc["automated_detection"] = "Yes" if restriction.automated_detection else "No"
    doc["automated_decision"] = AUTOMATED.get(
        restriction.automated_decision, restriction.automated_decision
    )
    doc["puid"] = restriction.puid
    return {key: value for key, value in doc.items() if value is not None or key.startswith("end_")}


def _date_in(value: Any, low: date, high: date) -> bool:
    if not isinstance(value, str):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return low <= day <= high and len(value) == 10


def validate(doc: dict[str, Any], personal: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every (field, problem) of one statement against the spec's rules; empty: it passes.

    `personal` lists strings that identify the user (username, name, e-mail): free-text fields
    must not contain them, nor any e-mail address or phone number.
    """
    problems: list[tuple[str, str]] = []

    def enum(name: str, list_name: str, *, required: bool = False) -> None:
        if name not in doc:
            if required:
                problems.append((name, "required"))
            return
        if doc[name] not in allowed(list_name):
            problems.append((name, f"{doc[name]!r} is not one of {list_name}"))

    def enum_array(name: str, list_name: str, *, required: bool = False) -> None:
        if name not in doc:
            if required:
                problems.append((name, "required"))
            return
        value = doc[name]
        if not isinstance(value, list) or not value:
            problems.append((name, "must be a non-empty array"))
            return
        for item in value:
            if item not in allowed(list_name):
                problems.append((name, f"{item!r} is not one of {list_name}"))

    def text(name: str, limit: int, *, required: bool = False) -> None:
        if name not in doc:
            if required:
                problems.append((name, "required"))
            return
        value = doc[name]
        if not isinstance(value, str) or not value.strip():
            problems.append((name, "must be a non-empty string"))
        elif len(value) > limit:
            problems.append((name, f"longer than {limit} characters"))

    def iff(name: str, condition: bool, limit: int) -> None:
        if condition:
            text(name, limit, required=True)
        elif name in doc:
            problems.append((name, "must be absent here"))

    if not any(doc.get(name) for name in DECISION_FIELDS):
        problems.append(("decision_visibility", "one of the four decision_* fields is required"))
    enum_array("decision_visibility", "DECISION_VISIBILITIES")
    visibility = doc.get("decision_visibility") or []
    iff("decision_visibility_other", "DECISION_VISIBILITY_OTHER" in visibility, 500)
    enum("decision_monetary", "DECISION_MONETARIES")
    iff("decision_monetary_other", doc.get("decision_monetary") == "DECISION_MONETARY_OTHER", 500)
    enum("decision_provision", "DECISION_PROVISIONS")
    enum("decision_account", "DECISION_ACCOUNTS")
    enum("account_type", "ACCOUNT_TYPES")
    enum("decision_ground", "DECISION_GROUNDS", required=True)
    if "decision_ground_reference_url" in doc:
        url = doc["decision_ground_reference_url"]
        if not (isinstance(url, str) and re.match(r"https?://\S+$", url) and len(url) <= 500):
            problems.append(("decision_ground_reference_url", "must be a URL of ≤ 500 characters"))
    illegal = doc.get("decision_ground") == "DECISION_GROUND_ILLEGAL_CONTENT"
    incompatible = doc.get("decision_ground") == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    iff("illegal_content_legal_ground", illegal, 500)
    iff("illegal_content_explanation", illegal, 2000)
    iff("incompatible_content_ground", incompatible, 500)
    iff("incompatible_content_explanation", incompatible, 2000)
    if "incompatible_content_illegal" in doc:
        if not incompatible:
            problems.append(("incompatible_content_illegal", "only with the incompatible ground"))
        elif doc["incompatible_content_illegal"] not in ("Yes", "No"):
            problems.append(("incompatible_content_illegal", "must be Yes or No"))
    enum_array("content_type", "CONTENT_TYPES", required=True)
    iff("content_type_other", "CONTENT_TYPE_OTHER" in (doc.get("content_type") or []), 500)
    enum("category", "STATEMENT_CATEGORIES", required=True)
    enum_array("category_addition", "STATEMENT_CATEGORIES")
    enum_array("category_specification", "KEYWORDS")
    text("category_specification_other", 500)
    enum_array("territorial_scope", "EUROPEAN_COUNTRY_CODES")
    enum("content_language", "CONTENT_LANGUAGES")
    if not _date_in(doc.get("content_date"), date(2000, 1, 1), date(2038, 1, 1)):
        problems.append(("content_date", "required, YYYY-MM-DD between 2000-01-01 and 2038-01-01"))
    if not _date_in(doc.get("application_date"), date(2020, 1, 1), date(2038, 1, 1)):
        problems.append(
            ("application_date", "required, YYYY-MM-DD between 2020-01-01 and 2038-01-01")
        )
    for name in (
        "end_date_account_restriction", "end_date_monetary_restriction",
        "end_date_service_restriction", "end_date_visibility_restriction",
    ):  # fmt: skip
        if doc.get(name) is not None and not _date_in(doc[name], date.min, date(2038, 1, 1)):
            problems.append((name, "must be YYYY-MM-DD not after 2038-01-01, or null"))
    text("decision_facts", 5000, required=True)
    enum("source_type", "SOURCE_TYPES", required=True)
    if "source_identity" in doc:
        if doc.get("source_type") == "SOURCE_VOLUNTARY":
            problems.append(("source_identity", "must be absent when the source is own initiative"))
        else:
            text("source_identity", 500)
    if doc.get("automated_detection") not in ("Yes", "No"):
        problems.append(("automated_detection", "required, Yes or No"))
    enum("automated_decision", "AUTOMATED_DECISIONS", required=True)
    puid = doc.get("puid")
    if not isinstance(puid, str) or not PUID.fullmatch(puid):
        problems.append(("puid", "required, [A-Za-z0-9_-]{1,500}"))
    if "content_id" in doc:
        ean = doc["content_id"].get("EAN-13") if isinstance(doc["content_id"], dict) else None
        if not (isinstance(ean, str) and re.fullmatch(r"\d{13}", ean)):
            problems.append(("content_id", 'must be {"EAN-13": "13 digits"}'))
    for name in (
        "decision_facts", "illegal_content_explanation", "incompatible_content_explanation",
        "illegal_content_legal_ground", "incompatible_content_ground", "source_identity",
    ):  # fmt: skip
        value = doc.get(name)
        if not isinstance(value, str):
            continue
        lowered = value.lower()
        if (
            EMAIL.search(value)
            or PHONE.search(value)
            or any(p and p.lower() in lowered for p in personal)
        ):
            problems.append((name, "contains personal data (a name, e-mail or phone number)"))
    return problems


def export_statements(store: Store, actor: SignedInAgent, since: datetime | None = None) -> Export:
    """Every applied restriction (since `since`) as a validated statement, oldest first."""
    require(actor, Action.DSA_EXPORT)
    query = (
        select(Restriction, Account, Lot)
        .join(Account, col(Account.id) == col(Restriction.account_id))
        .outerjoin(Lot, col(Lot.id) == col(Restriction.lot_id))
        .where(col(Restriction.applied_at).is_not(None))
        .where(col(Restriction.state) != ActionState.PENDING_APPROVAL)
        .order_by(col(Restriction.applied_at), col(Restriction.id))
    )
    if since is not None:
        query = query.where(col(Restriction.applied_at) >= since)
    result = Export()
    with store.read() as session:
        rows = session.exec(query).all()
    for restriction, account, lot in rows:
        doc = statement(restriction, account, lot)
        personal = (account.username, account.display_name, account.email)
        problems = validate(doc, personal)
        if problems:
            result.problems += [
                Problem(restriction.id or 0, restriction.puid, name, message)
                for name, message in problems
            ]
        else:
            result.statements.append(doc)
    return result
