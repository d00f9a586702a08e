"""The demo event has a file of its own that no user's event can take.

Today an event called "demo" takes demo.json, and `workshop-app demo` then opens it
instead of the demo. A demo.json made by an earlier version is still the demo; one
that holds a user's event stays theirs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_app import cli
from workshop_app.core.demo import DEMO_EVENT_NAME, build_demo_event
from workshop_app.core.events import event_slug
from workshop_app.core.models import Attendee
from workshop_app.store.catalog import DEMO_FILE_NAME, SUFFIX, EventCatalog
from workshop_app.store.event_store import EventStore


@pytest.fixture
def catalog(tmp_path: Path) -> EventCatalog:
    return EventCatalog(tmp_path / "sessions")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """The files `workshop-app demo` / `open` would show in the app (which is not started)."""
    paths: list[Path | None] = []

    def run_app(
        _: EventCatalog, path: Path | None, read_only: bool = False, **_options: object
    ) -> int:
        paths.append(path)
        return 0

    monkeypatch.setattr(cli, "_run_app", run_app)
    return paths


def event_name(path: Path) -> str:
    with EventStore(path, read_only=True) as store:
        return store.event.name


def test_an_event_called_demo_does_not_take_the_demos_place(
    catalog: EventCatalog, opened: list[Path | None]
) -> None:
    with catalog.create("demo") as store:
        store.save(Attendee(first_name="Real", surname="Person"))
        users_demo = store.path

    assert cli.main(["--data-dir", str(catalog.folder), "demo"]) == 0

    [shown] = opened
    assert shown is not None and shown != users_demo
    assert event_name(shown) == DEMO_EVENT_NAME
    assert event_name(users_demo) == "demo", "the user's event is untouched"
    with EventStore(users_demo, read_only=True) as store:
        assert [a.surname for a in store.all(Attendee)] == ["Person"]


def test_a_demo_made_by_an_earlier_version_is_still_the_demo(catalog: EventCatalog) -> None:
    catalog.folder.mkdir(parents=True)
    old = catalog.folder / "demo.json"
    demo = build_demo_event()
    with EventStore.create(old, demo.event) as store:
        store.save_many(demo.records)

    assert catalog.demo() == old
    assert not (catalog.folder / DEMO_FILE_NAME).exists(), "no second demo beside it"


def test_a_users_old_demo_json_stays_theirs(catalog: EventCatalog) -> None:
    with catalog.create("Demo") as store:  # an earlier version gave it demo.json too
        users = store.path
    assert users.name == "demo.json"

    demo = catalog.demo()

    assert demo != users and event_name(demo) == DEMO_EVENT_NAME
    assert catalog.find("demo") == users, "by file name, 'demo' is still the user's event"
    assert [s.name for s in catalog.summaries()].count(DEMO_EVENT_NAME) == 1


def test_find_demo_means_the_demo_when_no_event_is_called_demo(catalog: EventCatalog) -> None:
    catalog.demo()
    assert catalog.find("demo") == catalog.folder / DEMO_FILE_NAME
    assert [s.name for s in catalog.summaries()] == [DEMO_EVENT_NAME], "listed like any event"


@given(name=st.text(min_size=1, max_size=80), date=st.sampled_from(["", "2026-11-23"]))
def test_no_event_name_gives_the_demos_file_name(name: str, date: str) -> None:
    assert event_slug(name, date) + SUFFIX != DEMO_FILE_NAME
    # Numbered copies ("demo-2.json") keep the slug's alphabet too.
    assert not event_slug(name, date).startswith("_")
