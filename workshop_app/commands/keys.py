"""`workshop-app keys`: every key of the app by its id, and what is wrong with the keymap.

The ids are what a keymap file names (see README, "Moving keys"), so this list is also
their documentation. It reads the keymap the app would read (`--keymap FILE`, else
`~/.config/workshop-app/keymap.toml`) and shows the keys it moves; it exits with 1
when the file has a problem: bad TOML or values, an id no key has, or a key taken
from another action of the same screen.
"""

from __future__ import annotations

import argparse
from typing import Any

from workshop_app.commands.output import say
from workshop_app.store.catalog import EventCatalog


def add_commands(commands: Any) -> None:
    """Add `keys` to the sub-parsers of `workshop-app`."""
    keys = commands.add_parser(
        "keys",
        help="list every key by its id (for a keymap file) and check the keymap",
        description="List every key of the app by the id a keymap file moves it with, "
        "and check the keymap file.",
    )
    keys.set_defaults(handler=list_keys)


def list_keys(args: argparse.Namespace, catalog: EventCatalog) -> int:
    from workshop_app.io.keymap import default_keymap_path, read_keymap, unknown_ids
    from workshop_app.tui.keys import declared_keys, keymap_clashes

    path = args.keymap or default_keymap_path()
    keymap = read_keymap(path)
    declared, without_id = declared_keys()
    id_width = max(len(key.binding_id) for key in declared)
    key_width = max(len(", ".join(key.keys)) for key in declared)
    say(f"{'ID':<{id_width}}  {'KEYS':<{key_width}}  WHAT IT DOES (WHERE)")
    for key in declared:
        keys = ", ".join(key.keys)
        moved = keymap.keys.get(key.binding_id)
        if moved is not None:
            keys = moved.replace(",", ", ")
        where = ", ".join(key.where)
        does = key.description or "(not in the footer)"
        line = f"{key.binding_id:<{id_width}}  {keys:<{key_width}}  {does} ({where})"
        say(f"{line}   <- keymap, usually {', '.join(key.keys)}" if moved is not None else line)
    for binding in without_id:  # a key no keymap can move: a binding still to be given an id
        say(f"{'(no id)':<{id_width}}  {binding}")

    problems = list(keymap.problems)
    problems += [
        f"{path}: no key has the id {unknown!r}"
        for unknown in unknown_ids(keymap, {key.binding_id for key in declared})
    ]
    problems += [f"{path}: {clash}" for clash in keymap_clashes(keymap.keys)]
    say()
    if not path.exists():
        say(f"No keymap file at {path}: every key is as listed.")
    elif not problems:
        moved = len(keymap.keys)
        say(f"Keymap {path}: {moved} key{'' if moved == 1 else 's'} moved, no problems.")
    for problem in problems:
        say(f"! {problem}")
    return 1 if problems else 0
