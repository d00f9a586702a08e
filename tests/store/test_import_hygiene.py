"""Run-time guard: the layers depend downwards only.

DESIGN.md: core "must import neither `textual` nor `tinydb`"; store and io are below
the TUI, so they import neither textual nor `workshop_app.tui`, and the store knows
nothing of io. A static check cannot
see an import that arrives sideways (through another package, or a module-level
import in a helper), so each module is imported in a fresh interpreter and
`sys.modules` is inspected, as tconbeer/harlequin's tests/unit_tests/test_import_hygiene.py
does. Modules are discovered with pkgutil, so a new core module is covered the day it
is added.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import workshop_app
import workshop_app.core

FORBIDDEN = ("textual", "tinydb")
REPO_ROOT = Path(workshop_app.__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(workshop_app.core.__path__, prefix="workshop_app.core.")
    )


CORE_MODULES = _core_modules()

PROBE = """
import importlib, json, sys
module = importlib.import_module({module!r})
forbidden = {forbidden!r}
leaked = sorted(
    name for name in sys.modules
    if any(name == root or name.startswith(root + ".") for root in forbidden)
)
print(json.dumps({{"file": module.__file__, "leaked": leaked}}))
"""


def _import_in_a_fresh_interpreter(module: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module, forbidden=FORBIDDEN)],
        cwd=REPO_ROOT,  # the working tree is what is imported
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, f"`import {module}` failed:\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_discovery_finds_the_core_modules() -> None:
    """Guards the guard: an empty list would make every check below pass vacuously."""
    for module in ("models", "clock", "events", "demo"):
        assert f"workshop_app.core.{module}" in CORE_MODULES


@pytest.mark.parametrize("module", ["workshop_app.core", *CORE_MODULES])
def test_core_imports_neither_textual_nor_tinydb(module: str) -> None:
    result = _import_in_a_fresh_interpreter(module)

    assert Path(result["file"]).resolve().is_relative_to(REPO_ROOT)
    assert result["leaked"] == [], f"`import {module}` imported {result['leaked']}"


def test_the_probe_sees_a_forbidden_import() -> None:
    """The store does import tinydb: the same probe must report it."""
    result = _import_in_a_fresh_interpreter("workshop_app.store.durable")

    assert "tinydb" in result["leaked"]


def _modules_of(package: str) -> list[str]:
    root = importlib.import_module(package)
    return sorted(info.name for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."))


LAYER_RULES = {
    "workshop_app.store": ("textual", "workshop_app.tui", "workshop_app.io"),
    "workshop_app.io": ("textual", "workshop_app.tui"),
}

LAYER_PROBE = """
import importlib, json, sys
for module in {modules!r}:
    importlib.import_module(module)
forbidden = {forbidden!r}
leaked = sorted(
    name for name in sys.modules
    if any(name == root or name.startswith(root + ".") for root in forbidden)
)
print(json.dumps(leaked))
"""


def _leaks_of(modules: list[str], forbidden: tuple[str, ...]) -> list[str]:
    """What of `forbidden` importing all `modules` together loads, in a fresh interpreter.

    If all of them together load nothing forbidden, none of them does alone.
    """
    proc = subprocess.run(
        [sys.executable, "-c", LAYER_PROBE.format(modules=modules, forbidden=forbidden)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, f"importing {modules} failed:\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("package", sorted(LAYER_RULES))
def test_store_and_io_import_nothing_from_the_layers_above(package: str) -> None:
    modules = _modules_of(package)
    assert len(modules) >= 5, f"found only {modules} in {package}"  # guards the guard

    assert _leaks_of(modules, LAYER_RULES[package]) == []


def test_the_layer_probe_sees_a_forbidden_import() -> None:
    """The TUI does import textual: the layer probe must report it."""
    assert "textual" in _leaks_of(["workshop_app.tui.event_session"], ("textual",))
