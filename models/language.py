"""Language tags: BCP 47 well-formedness, normalisation, and what support serves in-house."""

from __future__ import annotations

import re
from typing import Final

EMAIL_LANGUAGES: Final = ("en", "es", "it", "fr", "nl", "de", "zh", "pt", "pl")
CHAT_LANGUAGES: Final = EMAIL_LANGUAGES
PHONE_LANGUAGES: Final = ("en", "es", "it", "fr", "nl", "de")
FALLBACK_LANGUAGE: Final = "en"

# RFC 5646 "langtag" (private-use and grandfathered tags are not languages we can route).
_ALPHANUM = "[a-z0-9]"
_LANGTAG = re.compile(
    r"^(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALPHANUM}{{5,8}}|[0-9]{_ALPHANUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wy-z](?:-{_ALPHANUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALPHANUM}{{1,8}})+)?$"  # private use
)


class LanguageTagError(ValueError):
    """A language tag that is not well-formed BCP 47."""

    def __init__(self, tag: str) -> None:
        super().__init__(
            f"{tag!r} is not a well-formed BCP 47 language tag; "
            "use a tag such as 'fr', 'pt-BR' or 'zh-Hans-CN'"
        )
        self.tag = tag


def normalise_language(tag: str) -> str:
    """Reduce a BCP 47 tag to its primary language subtag in lower case (`pt-BR` → `pt`)."""
    cleaned = tag.strip().replace("_", "-").lower()
    match = _LANGTAG.match(cleaned)
    if not match:
        raise LanguageTagError(tag)
    return match.group("language").split("-")[0]


def is_well_formed(tag: str) -> bool:
    """True when `tag` is well-formed BCP 47."""
    try:
        normalise_language(tag)
    except LanguageTagError:
        return False
    return True
