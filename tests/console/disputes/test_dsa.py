"""The DSA export: statements validated field by field; an invalid one is named, not exported."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest

from console.disputes.actions import restrict
from console.disputes.dsa import BATCH_SIZE, export_statements, validate
from console.disputes.vocabulary import ENUMS_FILE, dsa_enums
from models import Restriction
from tests.console.disputes.test_restrictions import complete
from tests.console.disputes.world import NOW, World, add_case, lot_of


def test_the_enums_are_a_faithful_copy_of_the_spec() -> None:
    from pathlib import Path

    spec = Path(__file__).resolve().parents[3].parent / "shared/spec/dsa-transparency-enums.json"
    if not spec.exists():
        pytest.skip("the shared spec is not beside this checkout")
    assert json.loads(ENUMS_FILE.read_text()) == json.loads(spec.read_text())


def _exported(world: World, **changes: object) -> dict[str, Any]:
    restrict(world.store, world["tom"], complete(world, **changes), now=NOW)
    result = export_statements(world.store, world["tom"])
    assert not result.problems, result.problems
    (doc,) = result.statements
    return doc


def test_suspension_statement_field_by_field(world: World) -> None:
    enums = dsa_enums()
    doc = _exported(world)
    assert doc["decision_account"] == "DECISION_ACCOUNT_SUSPENDED"
    assert doc["end_date_account_restriction"] == (NOW + timedelta(days=30)).date().isoformat()
    assert doc["account_type"] == "ACCOUNT_TYPE_BUSINESS"
    assert doc["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert doc["incompatible_content_ground"].startswith("Terms 4.2")
    assert "illegal_content_legal_ground" not in doc
    assert doc["content_type"] == ["CONTENT_TYPE_PRODUCT"]
    assert doc["category"] in enums["STATEMENT_CATEGORIES"]
    assert set(doc["category_specification"]) <= set(enums["KEYWORDS"])
    assert set(doc["territorial_scope"]) <= set(enums["EUROPEAN_COUNTRY_CODES"])
    assert doc["source_type"] == "SOURCE_ARTICLE_16"
    assert doc["automated_detection"] == "No"
    assert doc["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert doc["application_date"] == NOW.date().isoformat()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["content_date"])
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,500}", doc["puid"])
    assert validate(doc) == []


def test_no_personal_data_and_a_stable_puid(world: World) -> None:
    doc = _exported(world)
    text = json.dumps(doc)
    for personal in ("hans_shop", "Hans Antik", "hans@example.org"):
        assert personal not in text
    assert not {"account_id", "username", "email", "user"} & set(doc)
    again = export_statements(world.store, world["tom"]).statements[0]
    assert again["puid"] == doc["puid"]


@pytest.mark.parametrize(
    ("measure", "field", "value"),
    [
        ("listing_removal", "decision_visibility", ["DECISION_VISIBILITY_CONTENT_REMOVED"]),
        ("payout_hold", "decision_monetary", "DECISION_MONETARY_SUSPENSION"),
        ("account_restriction", "decision_provision", "DECISION_PROVISION_PARTIAL_SUSPENSION"),
    ],
)
def test_each_measure_maps_to_its_decision_field(
    world: World, measure: str, field: str, value: object
) -> None:
    lot_id = lot_of(world.store, add_case(world)) if measure == "listing_removal" else None
    doc = _exported(world, measure=measure, lot_id=lot_id)
    assert doc[field] == value


def test_illegal_content_ground(world: World) -> None:
    doc = _exported(
        world,
        ground="illegal_content",
        legal_ground="EU Trade Mark Reg. art. 9",
        illegality_explanation="A counterfeit of a registered mark.",
    )
    assert doc["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert doc["illegal_content_explanation"] == "A counterfeit of a registered mark."
    assert "incompatible_content_ground" not in doc


VALID: dict[str, Any] = {
    "decision_account": "DECISION_ACCOUNT_SUSPENDED",
    "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
    "incompatible_content_ground": "Terms 4.2",
    "incompatible_content_explanation": "A copy sold as an original.",
    "content_type": ["CONTENT_TYPE_PRODUCT"],
    "category": "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    "content_date": "2026-10-01",
    "application_date": "2026-11-24",
    "decision_facts": "A copy was sold as an original.",
    "source_type": "SOURCE_VOLUNTARY",
    "automated_detection": "No",
    "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
    "puid": "gch-0123",
}

BROKEN: list[tuple[str, dict[str, Any]]] = [
    ("decision_visibility", {"decision_account": None}),
    ("decision_visibility", {"decision_visibility": ["DECISION_VISIBILITY_GONE"]}),
    ("decision_visibility_other", {"decision_visibility": ["DECISION_VISIBILITY_OTHER"]}),
    ("decision_monetary_other", {"decision_monetary": "DECISION_MONETARY_OTHER"}),
    ("decision_monetary_other", {"decision_monetary_other": "x"}),
    ("decision_account", {"decision_account": "DECISION_ACCOUNT_BANNED"}),
    ("account_type", {"account_type": "ACCOUNT_TYPE_PRO"}),
    ("decision_ground", {"decision_ground": None}),
    ("decision_ground_reference_url", {"decision_ground_reference_url": "not a url"}),
    ("incompatible_content_ground", {"incompatible_content_ground": None}),
    ("incompatible_content_explanation", {"incompatible_content_explanation": "x" * 2001}),
    ("illegal_content_legal_ground", {"illegal_content_legal_ground": "law"}),
    ("incompatible_content_illegal", {"incompatible_content_illegal": "Maybe"}),
    ("content_type", {"content_type": []}),
    ("content_type_other", {"content_type": ["CONTENT_TYPE_OTHER"]}),
    ("category", {"category": "STATEMENT_CATEGORY_COUNTERFEIT"}),
    ("category_specification", {"category_specification": ["KEYWORD_COUNTERFEIT"]}),
    ("territorial_scope", {"territorial_scope": ["US"]}),
    ("content_language", {"content_language": "fr"}),
    ("content_date", {"content_date": "1999-12-31"}),
    ("application_date", {"application_date": "2019-12-31"}),
    ("application_date", {"application_date": "24/11/2026"}),
    ("end_date_account_restriction", {"end_date_account_restriction": "2040-01-01"}),
    ("decision_facts", {"decision_facts": "x" * 5001}),
    ("decision_facts", {"decision_facts": "Seller hans@example.org sold a copy."}),
    ("source_type", {"source_type": "SOURCE_RUMOUR"}),
    ("source_identity", {"source_identity": "Brand owner"}),
    ("automated_detection", {"automated_detection": True}),
    ("automated_decision", {"automated_decision": "AUTOMATED_DECISION_SOMETIMES"}),
    ("puid", {"puid": "has spaces"}),
    ("puid", {"puid": "x" * 501}),
    ("content_id", {"content_id": {"EAN-13": "123"}}),
]


def test_the_valid_example_passes() -> None:
    assert validate(VALID) == []
    assert (
        validate(
            {
                **VALID,
                "content_language": "FR",
                "content_id": {"EAN-13": "4006381333931"},
                "territorial_scope": ["NL", "IS"],
                "end_date_account_restriction": None,
            }
        )
        == []
    )


@pytest.mark.parametrize(("field", "changes"), BROKEN, ids=[f for f, _ in BROKEN])
def test_each_rule_of_the_spec_is_checked(field: str, changes: dict[str, Any]) -> None:
    doc = {**VALID, **changes}
    doc = {key: value for key, value in doc.items() if value is not None}
    assert field in [name for name, _ in validate(doc)]


def test_an_invalid_statement_is_named_and_not_exported(world: World) -> None:
    restrict(world.store, world["tom"], complete(world), now=NOW)
    with world.store.write() as session:  # e.g. a row from before the category was checked
        session.add(
            Restriction(
                puid="gch-legacy",
                account_id=world.seller_id,
                measure="payout_hold",
                facts="Old case.",
                source="own_initiative",
                ground="terms",
                terms_clause="4.1",
                incompatibility_explanation="spam",
                category="COUNTERFEIT",
                requested_by_id=world["tom"].id,
                applied_at=NOW,
                created_at=NOW,
            )
        )
    result = export_statements(world.store, world["tom"])
    assert len(result.statements) == 1
    assert [(p.puid, p.field) for p in result.problems] == [("gch-legacy", "category")]
    assert "gch-legacy" not in json.dumps(result.statements)


def test_batches_hold_at_most_100(world: World) -> None:
    from console.disputes.dsa import Export

    export = Export(statements=[dict(VALID, puid=f"p{n}") for n in range(250)])
    sizes = [len(batch["statements"]) for batch in export.batches()]
    assert sizes == [BATCH_SIZE, BATCH_SIZE, 50]
