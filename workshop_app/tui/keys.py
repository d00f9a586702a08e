"""What the keys of a screen do, read from its bindings, for the help screen and the palette.

Both are generated from the same `Binding`s the footer shows, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class KeyedAction:
    """One action and every key bound to it on one node (the app, a screen or a widget)."""

    node: DOMNode
    action: str
    description: str
    tooltip: str
    keys: tuple[str, ...]  # as the footer shows them: "esc", "q", "^p"
    enabled: bool
    ours: bool  # declared by this app, not inherited from Textual (focus next, copy, ...)


def keyed_actions(screen: Screen[object]) -> list[KeyedAction]:
    """The described actions active on `screen`, in binding order (focused widget first).

    Bindings without a description, and Textual's system bindings, are left out.
    """
    app = screen.app
    found: dict[tuple[int, str], KeyedAction] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        ident = (id(active.node), binding.action)
        key = app.get_key_display(binding)
        known = found.get(ident)
        if known is None:
            found[ident] = KeyedAction(
                node=active.node,
                action=binding.action,
                description=binding.description,
                tooltip=binding.tooltip or active.tooltip,
                keys=(key,),
                enabled=active.enabled,
                ours=binding.action in _declared_by_this_app(type(active.node)),
            )
        elif key not in known.keys:
            found[ident] = replace(known, keys=(*known.keys, key))
    return list(found.values())


def screen_commands(screen: Screen[object]) -> list[KeyedAction]:
    """This app's own actions active on the screen (focused widget, its containers, the
    screen and the app): what the command palette offers, as the footer shows them."""
    return [action for action in keyed_actions(screen) if action.ours]


@cache
def _declared_by_this_app(node_class: type[DOMNode]) -> frozenset[str]:
    """Actions bound in BINDINGS of `node_class` and its bases, leaving out Textual's classes."""
    actions: set[str] = set()
    for cls in node_class.__mro__:
        if cls.__module__.split(".")[0] == "textual" or "BINDINGS" not in vars(cls):
            continue
        for binding in vars(cls)["BINDINGS"]:
            actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return frozenset(actions)
