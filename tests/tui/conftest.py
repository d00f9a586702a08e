"""Fixtures for the Pilot and snapshot tests: a private sessions folder per test."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workshop_app.store.catalog import EventCatalog
from workshop_app.tui.app import WorkshopApp

AppFactory = Callable[..., WorkshopApp]


@pytest.fixture(autouse=True)
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show times in UTC, so check-in times read the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def catalog(tmp_path: Path) -> EventCatalog:
    """An empty sessions folder of the test's own, with exports/ beside it."""
    return EventCatalog(tmp_path / "sessions")


@pytest.fixture
def make_app(catalog: EventCatalog) -> AppFactory:
    """Build the app on the test's sessions folder, as the command line would."""

    def factory(event_path: Path | None = None, read_only: bool = False) -> WorkshopApp:
        return WorkshopApp(catalog, event_path=event_path, read_only=read_only)

    return factory
