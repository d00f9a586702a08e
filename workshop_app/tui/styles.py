"""Styles that travel with the widget that needs them.

A tab's styles are read when its pane is first mounted, after the event screen's
first frame, instead of being parsed at start-up with the app's. They stay in .tcss
files all the same.
"""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).parent


def read_styles(name: str) -> str:
    """The text of one of the app's .tcss files, for a widget's DEFAULT_CSS."""
    return (_FOLDER / name).read_text(encoding="utf-8")
