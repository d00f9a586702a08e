"""Text typed or imported by people, made safe to show on a terminal.

Names, notes and imported cells are shown as plain text, never as markup (the screens
and the CLI do that with rich.text.Text / markup=False). What this module adds is
that a control character in such text cannot act on the terminal: an escape (\\x1b)
cannot move the cursor or change colours, a carriage return cannot overwrite the start
of the line, and a right-to-left override (U+202E) cannot reverse what follows it.
Each is replaced by a visible stand-in, so the facilitator sees that the text holds
something odd, and nothing is silently dropped.

Pure: no Textual, no Rich.
"""

from __future__ import annotations

import re

# C0 controls and DEL are shown as their "control picture" (U+2400 + code): ␀ ␛ ␍ ␡.
_CONTROL_PICTURE_BASE = 0x2400
_DEL_PICTURE = "\u2421"
# Anything else that would act instead of being shown: C1 controls (0x9b is an 8-bit
# CSI), the bidirectional embeddings, overrides and isolates, and the line and
# paragraph separators. The left-to-right and right-to-left *marks* (U+200E, U+200F,
# U+061C) are kept: names in Arabic or Hebrew use them and they reverse nothing.
_REPLACEMENT = "\ufffd"
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(_CONTROL_PICTURE_BASE + code)
    if code == 0x7F:
        return _DEL_PICTURE
    return _REPLACEMENT


def printable(text: str) -> str:
    """One line of user text with every control character made visible and harmless.

    "Team\\x1b[2J" -> "Team␛[2J", "a\\rb" -> "a␍b", "\\u202eevil" -> "�evil"; a tab is a space.
    """
    return _UNSAFE.sub(_stand_in, text)


def printable_lines(text: str) -> str:
    """Like `printable`, but line breaks (\\n, and \\r\\n as one) stay line breaks: for notes."""
    return "\n".join(printable(line) for line in text.replace("\r\n", "\n").split("\n"))


def is_harmless(text: str) -> bool:
    """True when `text` holds nothing that would act on a terminal (line breaks aside)."""
    return _UNSAFE.search(text.replace("\n", "")) is None
