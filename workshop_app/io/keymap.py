"""The user's keymap file: move a key that clashes with a facilitator's habits.

A TOML file with one table, `[keymap]`, mapping a binding's id (`workshop-app keys`
lists them) to the key or keys that should run it instead, comma-separated, as Textual's
`App.set_keymap` takes them:

    [keymap]
    desk.walk-in = "f4,ctrl+n"
    workshops.pin = "f5"

An id's dots make nested tables in TOML (`desk.walk-in` is `walk-in` in the table
`desk`), so nested tables are read back as dotted ids: `[keymap.desk]` with
`walk-in = "f4"` under it means the same.

A file that cannot be read never stops the app: the problem is reported, with its line
where TOML gives one, and the app keeps its own keys.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KEYMAP_FILE_NAME = "keymap.toml"


@dataclass(frozen=True)
class Keymap:
    """Binding id -> keys, and what was wrong with the file (empty when nothing)."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def default_keymap_path() -> Path:
    """`$XDG_CONFIG_HOME/workshop-app/keymap.toml`, or under `~/.config` without it."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "workshop-app" / KEYMAP_FILE_NAME


def read_keymap(path: Path) -> Keymap:
    """The keymap in `path`; an empty one when there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keymap()
    except (OSError, UnicodeDecodeError) as error:
        return Keymap(problems=(f"{path} could not be read ({error}); the usual keys apply.",))
    return parse_keymap(text, str(path))


def parse_keymap(text: str, where: str) -> Keymap:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Keymap(problems=(f"{where} is not valid TOML: {error}; the usual keys apply.",))
    table = document.get("keymap", {})
    if not isinstance(table, dict):
        return Keymap(problems=(f'{where}: [keymap] must be a table of id = "keys".',))
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _dotted(table):
        if not isinstance(value, str) or not _keys_of(value):
            problems.append(
                f'{where}: {binding_id} = {value!r} is not a key such as "f4" or "ctrl+n,f4".'
            )
            continue
        keys[binding_id] = ",".join(_keys_of(value))
    for other in document.keys() - {"keymap"}:
        problems.append(f"{where}: [{other}] is not known; only [keymap] is read.")
    return Keymap(keys, tuple(problems))


def unknown_ids(keymap: Keymap, known: set[str]) -> list[str]:
    """Ids in the file that no binding of the app has (most likely a typing mistake)."""
    return sorted(set(keymap.keys) - known)


def _dotted(table: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    """The table's values by dotted id: {"desk": {"walk-in": "f4"}} -> ("desk.walk-in", "f4")."""
    found: list[tuple[str, object]] = []
    for name, value in table.items():
        if isinstance(value, dict):
            found += _dotted(value, f"{prefix}{name}.")
        else:
            found.append((f"{prefix}{name}", value))
    return found


def _keys_of(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip() and " " not in key.strip()]
