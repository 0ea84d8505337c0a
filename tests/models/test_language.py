"""BCP 47 tags are checked and reduced to their primary language subtag."""

from __future__ import annotations

import pytest

from models.language import LanguageTagError, normalise_language


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("pt-BR", "pt"), ("zh-Hans-CN", "zh"), ("NL-be", "nl"), ("fr", "fr"), ("sv", "sv"),
     ("de-CH-1901", "de"), ("es-419", "es"), ("en_GB", "en")],
)  # fmt: skip
def test_normalises_to_primary_subtag(tag: str, expected: str) -> None:
    assert normalise_language(tag) == expected


@pytest.mark.parametrize("tag", ["", "f", "french!", "fr--BE", "12", "x-private", "fr-"])
def test_malformed_tags_are_refused_with_an_example(tag: str) -> None:
    with pytest.raises(LanguageTagError, match="well-formed BCP 47.*'pt-BR'"):
        normalise_language(tag)
