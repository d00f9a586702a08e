"""F1: what the keys of the screen behind do, generated from its bindings."""

from __future__ import annotations

import re
from inspect import cleandoc
from itertools import groupby

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from workshop_app.tui.formatting import plain
from workshop_app.tui.keys import KeyedAction, keyed_actions, screen_commands
from workshop_app.tui.widgets.app_footer import AppFooter


class HelpScreen(ModalScreen[None]):
    """The keys of one screen: the screen's own, the focused widget's, and the app's.

    Args:
        help_for: the screen whose keys to explain (read when the help opens).
    """

    BINDINGS = [Binding("escape,f1,q", "close", "Close", tooltip="Close the help", id="help.close")]

    def __init__(self, help_for: Screen[object]) -> None:
        super().__init__()
        self._about = _paragraphs(help_for.HELP or "")
        self._screen_name = help_for.title or _readable_name(type(help_for).__name__)
        self._sections = _sections(keyed_actions(help_for), screen_commands(help_for))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help") as dialog:
            dialog.border_title = plain(f"Help: {self._screen_name}")
            with VerticalScroll(id="help-body"):
                if self._about:
                    yield Static(self._about, id="about", markup=False)
                # The keys' column is as wide as the widest key of every section, so
                # the columns line up all the way down and no key runs into its name.
                widest = max((len(_keys(a)) for _, acts in self._sections for a in acts), default=1)
                for title, actions in self._sections:
                    yield Label(title, classes="section-title")
                    with Grid(classes="keys") as grid:
                        grid.styles.grid_columns = f"{widest} 18 1fr"
                        for action in actions:
                            yield Static(_keys(action), classes="key", markup=False)
                            yield Static(action.description, classes="does", markup=False)
                            yield Static(action.tooltip, classes="details", markup=False)
        yield AppFooter()

    def action_close(self) -> None:
        self.dismiss(None)


def _sections(
    actions: list[KeyedAction], on_show: list[KeyedAction]
) -> list[tuple[str, list[KeyedAction]]]:
    """The screen's own keys, then the focused widget's, then those of the other widgets
    on show (`on_show`, as the palette offers them: the rest of the tab), then the keys
    that work everywhere."""
    screen_keys = [a for a in actions if isinstance(a.node, Screen) and a.ours]
    general_keys = [
        a for a in actions if isinstance(a.node, App) or (isinstance(a.node, Screen) and not a.ours)
    ]
    widget_keys = [a for a in actions if not isinstance(a.node, (Screen, App))]
    sections = [("On this screen", screen_keys)]
    for node, keys in groupby(widget_keys, key=lambda a: a.node):
        focused = "focused " if isinstance(node, Widget) and node.has_focus else ""
        sections.append((f"In the {focused}{_words(type(node).__name__)}", list(keys)))
    listed = {(id(a.node), a.action) for a in actions}
    elsewhere = [a for a in on_show if (id(a.node), a.action) not in listed]
    for node, keys in groupby(elsewhere, key=lambda a: a.node):
        sections.append((f"In the {_words(type(node).__name__)}", list(keys)))
    sections.append(("Everywhere", sorted(general_keys, key=lambda a: not a.ours)))
    return [(title, keys) for title, keys in sections if keys]


def _keys(action: KeyedAction) -> str:
    return " / ".join(action.keys)


def _paragraphs(text: str) -> str:
    """A docstring-style text with its lines joined back into paragraphs."""
    return "\n\n".join(" ".join(p.split()) for p in cleandoc(text).split("\n\n") if p.strip())


def _words(class_name: str) -> str:
    """A class name as words: AttendeeTable -> attendee table."""
    return " ".join(re.findall(r"[A-Z][a-z0-9]*", class_name)).lower() or class_name


def _readable_name(class_name: str) -> str:
    """ "ThemeGridScreen" -> "Theme grid": a screen without a title is named by its class."""
    words = re.findall(r"[A-Z][a-z0-9]*", class_name.removesuffix("Screen")) or [class_name]
    return " ".join([words[0], *(word.lower() for word in words[1:])])
