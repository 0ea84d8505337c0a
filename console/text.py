"""Untrusted text made safe to show: terminal escape sequences and control characters removed.

Customer text (subjects, bodies, names, AI transcripts, anything imported) may carry ANSI
sequences that would move the cursor, retitle the window or hide text, and Unicode direction
controls that make text read otherwise than it is stored (an order reference or an amount shown
backwards). `sanitize` keeps printable characters, newlines and tabs; screens then show the
result as plain `rich.text.Text`.
"""

from __future__ import annotations

import re

# ESC-introduced sequences (7-bit) and their 8-bit C1 equivalents:
# CSI  ESC [ ... final byte   /  0x9B ... final byte
# OSC, DCS, SOS, PM, APC  ESC ] P X ^ _ ... terminated by BEL or ST (ESC \ or 0x9C), or unterminated
# two-character escapes  ESC <any>
_SEQUENCES = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?           # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$) # OSC, DCS, SOS, PM, APC
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                      # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls; a lone carriage return becomes nothing.
# Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters) go too.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Unicode's line and paragraph separators are line ends: one row of a list stays one row.
_LINE_SEPARATORS = re.compile(r"[\u2028\u2029]")


def sanitize(text: str) -> str:
    """`text` without terminal escape sequences or control characters (newline and tab kept).

    Carriage returns are dropped (a `\\r\\n` line end becomes `\\n`), so a line cannot be
    overwritten by what follows it.
    """
    without_sequences = _SEQUENCES.sub("", text)
    return _LINE_SEPARATORS.sub("\n", _CONTROLS.sub("", without_sequences))
