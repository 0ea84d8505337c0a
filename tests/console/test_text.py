"""Untrusted text loses its escape sequences and control characters, keeps its words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.text import sanitize

DIRECTION_CONTROLS = {chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mrouge\x1b[0m", "rouge"),
        ("a\x1b]0;new title\x07b", "ab"),
        ("\x1b]8;;https://evil.example\x1b\\lien\x1b]8;;\x1b\\", "lien"),
        ("\x1b[2J\x1b[Hclear", "clear"),
        ("\x9b31mC1 CSI", "C1 CSI"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("line\r\nnext\tcol", "line\nnext\tcol"),
        ("overwrite\rme", "overwriteme"),
        ("Où est mon colis ? 包裹 🙂", "Où est mon colis ? 包裹 🙂"),
        ("unterminated \x1b]0;title", "unterminated "),
        ("ORD-\u202e7102\u202c", "ORD-7102"),
        ("\u2067isolated\u2069 text", "isolated text"),
        ("one\u2028two\u2029three", "one\ntwo\nthree"),
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),
    ],
)
def test_sanitize(raw: str, shown: str) -> None:
    assert sanitize(raw) == shown


@given(st.text())
def test_nothing_left_can_drive_the_terminal(raw: str) -> None:
    clean = sanitize(raw)
    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in clean)
    assert not set(clean) & DIRECTION_CONTROLS
    assert sanitize(clean) == clean


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Zl", "Zp"),
            blacklist_characters="".join(DIRECTION_CONTROLS),
        )
    )
)
def test_printable_text_is_untouched(raw: str) -> None:
    assert sanitize(raw) == raw
