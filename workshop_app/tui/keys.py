"""What the keys of a screen do, read from its bindings, for the help screen and the palette.

Both are generated from the same `Binding`s the footer shows, so they can never disagree,
and show the keys a user's keymap gave them (`App.set_keymap`), as the footer does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from textual.actions import parse
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget


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
    found: dict[tuple[int, str], KeyedAction] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.description and not binding.system:
            ours = binding.action in _declared_by_this_app(type(active.node))
            _add(found, active.node, binding, active.enabled, ours, active.tooltip)
    return list(found.values())


def _add(
    found: dict[tuple[int, str], KeyedAction],
    node: DOMNode,
    binding: Binding,
    enabled: bool,
    ours: bool,
    tooltip: str = "",
) -> None:
    """Add `binding` to what `found` holds, as a key more when its action is already in."""
    ident = (id(node), binding.action)
    key = node.app.get_key_display(binding)
    known = found.get(ident)
    if known is None:
        found[ident] = KeyedAction(
            node=node,
            action=binding.action,
            description=binding.description,
            tooltip=binding.tooltip or tooltip,
            keys=(key,),
            enabled=enabled,
            ours=ours,
        )
    elif key not in known.keys:
        found[ident] = replace(known, keys=(*known.keys, key))


def screen_commands(screen: Screen[object]) -> list[KeyedAction]:
    """This app's own actions on everything the screen shows: what the command palette offers.

    First the actions the footer shows (the focused widget, its containers, the screen and
    the app), then those of every other widget on show, such as the rest of the active
    tab, so an action is found by name wherever the focus is. Left out of the others:
    keys the footer never shows (moving inside a list) and Escape (leaving the widget
    that has the focus); both only mean something where the focus is.
    """
    found = {(id(a.node), a.action): a for a in keyed_actions(screen) if a.ours}
    for node in _shown_nodes(screen):
        for binding in with_keymap(node, _declared_bindings(type(node))):
            if not binding.show or binding.key == "escape" or binding.system:
                continue
            state = _action_state(node, binding.action)
            if state is not False:
                _add(found, node, binding, bool(state), ours=True)
    return list(found.values())


def with_keymap(node: DOMNode, bindings: Iterable[Binding]) -> list[Binding]:
    """`bindings` with the keys the app's keymap gives them.

    Textual applies the keymap only to the bindings of the focus chain (what the footer
    and `active_bindings` show); the palette and F1 also list the other widgets on show.
    """
    keymap = node.app._keymap  # Textual keeps it private; set by App.set_keymap
    bindings = list(bindings)
    if not keymap or not any(binding.id in keymap for binding in bindings):
        return bindings
    remapped = BindingsMap(bindings)
    remapped.apply_keymap(keymap)
    return [binding for _, binding in remapped]


def key_display(node: DOMNode, binding_id: str) -> str:
    """The key that runs `node`'s binding `binding_id`, as the footer shows it (a keymap
    may have moved it), for hints such as "press p"; the id itself when none has it."""
    for _, binding in node._bindings:
        if binding.id == binding_id:
            [moved, *_] = with_keymap(node, [binding])
            return node.app.get_key_display(moved)
    return binding_id


def _shown_nodes(screen: Screen[object]) -> Iterator[Widget]:
    """The widgets on show, in the order they are laid out; a hidden container (another
    tab's contents, say) hides all it holds."""
    stack = list(reversed(screen.children))
    while stack:
        widget = stack.pop()
        if not widget.display or widget.loading:
            continue
        yield widget
        stack.extend(reversed(widget.children))


def _action_state(node: DOMNode, action: str) -> bool | None:
    """What `check_action` says of `action` on `node` (or the app or screen it names)."""
    namespace, name, parameters = parse(action)
    target = {"app": node.app, "screen": node.screen}.get(namespace, node) if namespace else node
    return target.check_action(name, parameters)


@cache
def _declared_bindings(node_class: type[DOMNode]) -> tuple[Binding, ...]:
    """The described bindings in BINDINGS of `node_class` and its bases, one per key (the
    subclass's wins), leaving out Textual's classes."""
    by_key: dict[str, Binding] = {}
    for cls in node_class.__mro__:
        if cls.__module__.split(".")[0] == "textual" or "BINDINGS" not in vars(cls):
            continue
        for binding in Binding.make_bindings(vars(cls)["BINDINGS"]):
            if binding.description:
                by_key.setdefault(binding.key, binding)
    return tuple(by_key.values())


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
