"""Translations: gettext catalogs in `locales/`, a lazy `_` for strings defined at import time.

The language is a process-wide choice of the signed-in agent (one agent per process), set with
`set_language`; strings made with `lazy_gettext` are translated each time they are shown, so a
language switch reaches binding descriptions too. Babel formatters take the locale explicitly.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "guichet"
UI_LANGUAGES = ("en", "es", "it", "fr", "nl", "de", "zh", "pt", "pl")

_current = "en"


@cache
def _translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALES_DIR, languages=[language], fallback=True)


def set_language(language: str) -> None:
    """Show every later string in `language` (falls back to English where untranslated)."""
    global _current
    _current = language if language in UI_LANGUAGES else "en"


def current_language() -> str:
    """The language strings are shown in now."""
    return _current


def gettext_(message: str) -> str:
    """Translate `message` into the current language."""
    return _translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return _translations(_current).ngettext(singular, plural, n)


class LazyString(str):
    """A string translated when it is shown, for messages defined at import time."""

    __slots__ = ("_message",)

    _message: str

    def __new__(cls, message: str) -> LazyString:
        instance = super().__new__(cls, message)
        instance._message = message
        return instance

    def __str__(self) -> str:
        return gettext_(self._message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __add__(self, other: Any) -> str:
        return str(self) + str(other)

    def __radd__(self, other: Any) -> str:
        return str(other) + str(self)


def lazy_gettext(message: str) -> LazyString:
    """A message translated when shown (binding descriptions, class-level labels)."""
    return LazyString(message)


_ = gettext_
N_ = lazy_gettext
