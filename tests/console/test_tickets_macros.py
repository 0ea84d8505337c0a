"""Reply macros and the knowledge base: nine languages, placeholders, search with a fallback."""

from __future__ import annotations

import pytest

from console.errors import BadInput, NotFound
from console.knowledge import ARTICLES, find_article, search_articles
from console.macros import LANGUAGES, MACROS, PLACEHOLDERS, Macro, fill, find_macro, macros_for

VALUES: dict[str, str | None] = {
    "customer_name": "Camille", "agent_name": "Amélie", "ticket_id": "7",
    "order_reference": "ORD-7", "tracking_number": "6A123", "carrier": "Colissimo",
    "lot_title": "Vase",
}  # fmt: skip


def test_every_macro_and_article_exists_in_the_nine_languages() -> None:
    for texts in [*MACROS.values(), *ARTICLES.values()]:
        assert set(texts) == set(LANGUAGES)
        assert len({title for title, _body in texts.values()}) == len(LANGUAGES)  # translated
    assert len(ARTICLES) >= 12


def test_macros_use_only_known_placeholders() -> None:
    for name in MACROS:
        for language in LANGUAGES:
            filled = fill(find_macro(name, language), VALUES)
            assert "{" not in filled.text
            assert filled.missing == ()


def test_the_placeholders_are_filled() -> None:
    text = fill(find_macro("tracking", "de"), VALUES).text
    assert text.startswith("Hallo Camille,")
    assert "ORD-7" in text
    assert "6A123" in text
    assert text.endswith("Amélie")


def test_a_missing_value_is_left_and_reported() -> None:
    filled = fill(find_macro("tracking", "fr"), {**VALUES, "tracking_number": None})
    assert "{tracking_number}" in filled.text
    assert filled.missing == ("tracking_number",)


def test_an_unknown_placeholder_is_named() -> None:
    macro = Macro("custom", "en", "Custom", "Hello {customer_name}, your {voucher_code}.")
    with pytest.raises(BadInput, match=r"\{voucher_code\}"):
        fill(macro, VALUES)
    assert "voucher_code" not in PLACEHOLDERS


def test_macros_fall_back_to_english_and_unknown_names_are_not_found() -> None:
    assert {m.language for m in macros_for("sv")} == {"en"}
    assert {m.language for m in macros_for("pt-BR")} == {"pt"}
    with pytest.raises(NotFound, match="tracking"):
        find_macro("nope", "fr")


@pytest.mark.parametrize(
    ("query", "language", "slug"),
    [
        ("parcel tracking", "en", "tracking-your-parcel"),
        ("colis", "fr", "tracking-your-parcel"),
        ("Rückgabe", "de", "returns-and-withdrawal"),
        ("rueckgabe widerruf", "de", "returns-and-withdrawal"),
        ("退款", "zh", "refund-timing"),
        ("wypłaty", "pl", "how-payouts-work"),
        ("contacter acheteur", "fr", "contact-the-buyer-first"),
    ],
)
def test_search_finds_the_article(query: str, language: str, slug: str) -> None:
    hits = search_articles(query, language)
    assert hits
    assert hits[0].article.slug == slug


def test_search_falls_back_to_english() -> None:
    hits = search_articles("payout", "it")
    assert hits[0].article.slug == "how-payouts-work"
    assert hits[0].article.language == "en"


def test_an_empty_query_lists_every_article() -> None:
    assert len(search_articles("", "nl")) == len(ARTICLES)
    assert find_article("buyer-protection", "nl").title == "Kopersbescherming"
