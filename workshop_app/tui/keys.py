"""What the keys of a screen do, read from its bindings, for the help screen and the palette.

Both are generated from the same `Binding`s the footer shows, so they can never disagree,
and show the keys a user's keymap gave them (`App.set_keymap`), as the footer does.
"""

from __future__ import annotations

import re
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


def key_display(node: DOMNode, binding_id: str, *inside: type[DOMNode]) -> str:
    """The key of the binding `binding_id`, as the footer shows it (a keymap may have
    moved it), for hints such as "press p": looked for on `node` and its containers,
    then on the classes `inside` (lists `node` holds, say); the id when none has it."""
    for cls in [*(type(n) for n in node.ancestors_with_self), *inside]:
        for binding in _app_bindings(cls):
            if binding.id == binding_id:
                [moved, *_] = with_keymap(node, [binding])
                return node.app.get_key_display(moved)
    return binding_id


def with_keys(node: DOMNode, text: str, *inside: type[DOMNode]) -> str:
    """`text` with each `{binding-id}` in it replaced by that binding's key (key_display)."""
    return re.sub(
        r"\{([a-z0-9.-]+)\}", lambda match: key_display(node, match.group(1), *inside), text
    )


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


def _declared_bindings(node_class: type[DOMNode]) -> tuple[Binding, ...]:
    """The described bindings in BINDINGS of `node_class` and its bases, one per key (the
    subclass's wins), leaving out Textual's classes."""
    return tuple(binding for binding in _app_bindings(node_class) if binding.description)


@cache
def _app_bindings(node_class: type[DOMNode]) -> tuple[Binding, ...]:
    """Every binding in BINDINGS of `node_class` and its bases, one per key (the
    subclass's wins), leaving out Textual's classes."""
    by_key: dict[str, Binding] = {}
    for cls in node_class.__mro__:
        if cls.__module__.split(".")[0] == "textual" or "BINDINGS" not in vars(cls):
            continue
        for binding in Binding.make_bindings(vars(cls)["BINDINGS"]):
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


# -- every key of the app, for `workshop-app keys` and the keymap check -----------------------


@dataclass(frozen=True)
class DeclaredKey:
    """One binding id of the app: the keys it has by default and where it works."""

    binding_id: str
    keys: tuple[str, ...]  # Textual's key names, as a keymap file writes them: "ctrl+w", "slash"
    description: str
    where: tuple[str, ...]  # the classes that declare it: "WorkshopsPane", "FormDialog"


def declared_keys() -> tuple[list[DeclaredKey], list[str]]:
    """Every binding declared by the app's screens and widgets, by id, and where a
    described binding has no id (so no keymap can move it).

    Imports every module of the TUI: for the command line, never at start-up.
    """
    by_id: dict[str, DeclaredKey] = {}
    without_id: list[str] = []
    for cls in _app_node_classes():
        for binding in Binding.make_bindings(vars(cls)["BINDINGS"]):
            if binding.id is None:
                if binding.description:
                    without_id.append(f"{cls.__name__}: {binding.key} ({binding.description})")
                continue
            known = by_id.get(binding.id)
            if known is None:
                known = DeclaredKey(binding.id, (), binding.description, ())
            by_id[binding.id] = replace(
                known,
                keys=known.keys if binding.key in known.keys else (*known.keys, binding.key),
                description=known.description or binding.description,
                where=known.where if cls.__name__ in known.where else (*known.where, cls.__name__),
            )
    return sorted(by_id.values(), key=lambda k: k.binding_id), without_id


def keymap_clashes(keymap: dict[str, str]) -> list[str]:
    """Where the keymap gives a binding a key that another binding of the same screen or
    widget keeps: Textual then drops the other one without a word (its own clash check
    passes over bindings that have an id), so that action would lose its key."""
    from textual.keys import _normalize_key_list  # how Textual reads a keymap's keys

    moved = {bid: _normalize_key_list(keys).split(",") for bid, keys in keymap.items()}
    found: list[str] = []
    for cls in _app_node_classes():
        bindings = _app_bindings(cls)
        for binding_id, new_keys in moved.items():
            if not any(b.id == binding_id for b in bindings):
                continue
            for other in bindings:
                if other.key in new_keys and other.id != binding_id and other.id not in moved:
                    what = other.id or other.description or other.action
                    found.append(
                        f"{binding_id} = {keymap[binding_id]!r} takes {other.key!r} from "
                        f"{what} ({cls.__name__}), which then has no key"
                    )
    for binding_id, new_keys in moved.items():
        for key, does in _taken_everywhere().items():
            if key in new_keys:
                found.append(f"{binding_id} = {keymap[binding_id]!r}: {key} {does} first")
    return sorted(set(found))


def _taken_everywhere() -> dict[str, str]:
    """Keys the app acts on before any screen sees them (Textual's priority keys)."""
    from workshop_app.tui.app import WorkshopApp

    taken = {
        key: f"runs {binding.description or binding.action} on every screen"
        for key, binding in WorkshopApp._merged_bindings or ()
        if binding.priority
    }
    taken[WorkshopApp.COMMAND_PALETTE_BINDING] = "opens the command palette on every screen"
    return taken


def _app_node_classes() -> list[type[DOMNode]]:
    """The app's screens, widgets and apps that declare BINDINGS of their own."""
    import importlib
    import pkgutil

    import workshop_app.tui

    for module in pkgutil.walk_packages(workshop_app.tui.__path__, "workshop_app.tui."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    stack: list[type[DOMNode]] = [DOMNode]
    seen: set[type[DOMNode]] = set()
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
                if sub.__module__.startswith("workshop_app.") and "BINDINGS" in vars(sub):
                    found.append(sub)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))
