"""A title in letters three rows high, for a projector, when it fits; bold text otherwise.

The letters come from pyfiglet's "future" font, drawn with the same heavy box lines as
Textual's bold Digits, so a rank and its theme's name read as one line of large type.
The title fits itself to its width: words go onto a second large line if need be, and
a name too long for two large lines, or with letters the font lacks (Ó, ł), is shown
in bold, never cut or with letters silently dropped.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pyfiglet
from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

FONT = "future"
MAX_LARGE_LINES = 2


@cache
def _figlet() -> pyfiglet.Figlet:
    return pyfiglet.Figlet(font=FONT, width=10_000)  # we wrap by words ourselves


def _large(words: str) -> list[str]:
    rows = _figlet().renderText(words).rstrip("\n").split("\n")
    return [row.rstrip() for row in rows]


# Each title is laid out and drawn several times a frame, and the plenary redraws every
# two seconds: the figlet text is worked out once per (title, width).
@lru_cache(maxsize=256)
def large_lines(text: str, width: int) -> tuple[str, ...] | None:
    """The rows of `text` in large letters within `width` cells, or None if it cannot be."""
    font = _figlet().Font.chars
    if not text.strip() or any(ord(c) not in font for c in text):
        return None
    rows: list[str] = []
    line: list[str] = []
    lines = 0
    for word in text.split():
        if line and _width(_large(" ".join([*line, word]))) > width:
            rows += _large(" ".join(line))
            lines, line = lines + 1, []
        line.append(word)
    rows += _large(" ".join(line))
    if lines + 1 > MAX_LARGE_LINES or _width(rows) > width:
        return None
    return tuple(rows)


def _width(rows: list[str]) -> int:
    return max((cell_len(row) for row in rows), default=0)


class BigTitle(Widget):
    """User text (never markup) in large letters when `large` and it fits, else bold."""

    DEFAULT_CSS = """
    BigTitle {
        height: auto;
        text-style: bold;
    }
    """

    def __init__(self, text: str, *, large: bool, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.text = text
        self.large = large

    @property
    def is_large(self) -> bool:
        """Whether it is drawn in large letters at its present width."""
        return self._rows(self.content_region.width) is not None

    def _rows(self, width: int) -> tuple[str, ...] | None:
        return large_lines(self.text, width) if self.large and width > 0 else None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows = self._rows(width)
        if rows is not None:
            return len(rows)
        return len(Text(self.text).wrap(self.app.console, max(width, 1)))

    def render(self) -> RenderableType:
        rows = self._rows(self.content_region.width)
        return Text("\n".join(rows) if rows is not None else self.text)
