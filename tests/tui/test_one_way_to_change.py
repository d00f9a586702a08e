"""The TUI changes the event one way: through `EventSession` (tui/event_session.py).

A screen or widget that imported the store, or called a store's save/delete itself, would
bring back what issue 12 removed: its own read-only rule, its own error messages, saves
on the UI thread and changes that are not one atomic save. This reads the source, so a
new tab is held to it the day it is written.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import workshop_app.tui

TUI = Path(workshop_app.tui.__file__).parent
VIEWS = sorted([*TUI.glob("screens/*.py"), *TUI.glob("widgets/*.py")])

# Modules about the sessions folder, not an open event: the launcher lists, creates and
# deletes events (store.catalog), the header peeks at an event's name before it opens.
ALLOWED_STORE_MODULES = {
    "workshop_app.store.catalog",
    "workshop_app.store.peek",
}
# The event screen opens the store and hands the session to its tabs; the launcher and
# its new-event form work on the sessions folder, whose errors are the store's.
OPENS_THE_EVENT = {"screens/event.py"}
ON_THE_SESSIONS_FOLDER = {"screens/launcher.py", "screens/event_form.py"}
WRITES = {"save", "save_many", "delete", "apply", "put_documents"}


def _store_imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "workshop_app.store"
        ):
            found.append(node.module or "")
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("workshop_app.store")]
    return found


def _store_writes(tree: ast.AST) -> list[str]:
    """Calls such as `self.store.save(...)` or `self._store.delete(...)`."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
        ):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if "store" in name.lower():
                found.append(f"line {node.lineno}: {ast.unparse(node.func)}(...)")
    return found


def test_the_views_are_found() -> None:
    """Guards the guard: no files would make the checks below pass vacuously."""
    names = {path.name for path in VIEWS}
    assert {"attendees_pane.py", "tables_pane.py", "workshops_pane.py", "voting.py"} <= names


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_view_imports_the_store_or_calls_it(path: Path) -> None:
    relative = f"{path.parent.name}/{path.name}"
    tree = ast.parse(path.read_text(encoding="utf-8"))

    if relative not in OPENS_THE_EVENT:
        allowed = ALLOWED_STORE_MODULES | (
            {"workshop_app.store.errors"} if relative in ON_THE_SESSIONS_FOLDER else set()
        )
        imports = [m for m in _store_imports(tree) if m not in allowed]
        assert imports == [], f"{relative} imports {imports}: go through EventSession"
    assert _store_writes(tree) == [], f"{relative} changes the store itself"


def test_the_check_sees_a_store_call() -> None:
    tree = ast.parse(
        "from workshop_app.store.event_store import EventStore\nself.store.save_many(x)\n"
    )

    assert _store_imports(tree) == ["workshop_app.store.event_store"]
    assert _store_writes(tree) == ["line 2: self.store.save_many(...)"]
