"""The capture screen: Enter saves and the box is ready for the next note; edit, delete,
switch table and round by keys; drafts kept per table and round; transcription mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, ListView, Select, Static
from textual.widgets._footer import FooterKey

from workshop_app.core.discussion import Note
from workshop_app.core.models import DiscussionRound, DiscussionTable
from workshop_app.core.note_drafts import NoteDraft, draft_id
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.capture import CaptureScreen
from workshop_app.tui.screens.confirm import ConfirmDialog

from .discussion_host import DiscussionHost, frozen_clock
from .helpers import wait_for_screen, wait_until


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    with EventStore(EventCatalog(tmp_path / "sessions").demo()) as store:
        yield store


def tables_and_rounds(store: EventStore) -> tuple[list[DiscussionTable], list[DiscussionRound]]:
    tables = sorted(store.all(DiscussionTable), key=lambda t: t.number)
    rounds = sorted(store.all(DiscussionRound), key=lambda r: r.number)
    return tables, rounds


def host(store: EventStore, *, transcribe: bool = False, table: int = 0) -> DiscussionHost:
    tables, rounds = tables_and_rounds(store)
    return DiscussionHost(
        store,
        lambda session: CaptureScreen(
            session, tables[table].id, rounds[0].id, transcribe=transcribe, clock=frozen_clock
        ),
    )


def notes_of(store: EventStore, table_id: str, round_id: str) -> list[str]:
    notes = [n for n in store.all(Note) if (n.table_id, n.round_id) == (table_id, round_id)]
    return [n.text for n in sorted(notes, key=lambda n: n.position)]


async def type_text(pilot: Pilot[Any], text: str) -> None:
    for key in text:
        await pilot.press("space" if key == " " else key)


async def test_enter_saves_the_note_and_the_box_is_ready_for_the_next(store: EventStore) -> None:
    tables, rounds = tables_and_rounds(store)
    before = notes_of(store, tables[0].id, rounds[0].id)
    async with host(store).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, CaptureScreen)
        box = screen.query_one("#capture-input", Input)
        assert screen.focused is box
        await type_text(pilot, "Shared minibus")
        await pilot.press("enter")
        assert box.value == ""
        assert screen.focused is box
        await type_text(pilot, "Second one")
        await pilot.press("enter")
        notes = notes_of(store, tables[0].id, rounds[0].id)
        assert notes == [*before, "Shared minibus", "Second one"]
        assert len(screen.query_one("#capture-notes", ListView).children) == len(notes)
        draft = store.get(NoteDraft, draft_id(tables[0].id, rounds[0].id))
        assert draft is not None and draft.text == ""  # cleared with the save
        await pilot.press("enter")  # an empty box saves nothing and says why
        assert "empty note is not saved" in str(screen.query_one("#capture-status", Static).content)
        assert len(notes_of(store, tables[0].id, rounds[0].id)) == len(notes)


async def test_a_saved_note_can_be_edited_and_deleted(store: EventStore) -> None:
    tables, rounds = tables_and_rounds(store)
    async with host(store).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, CaptureScreen)
        await type_text(pilot, "Typo here")
        await pilot.press("enter")
        await pilot.press("ctrl+l")  # the notes list, on the newest note
        notes = screen.query_one("#capture-notes", ListView)
        assert screen.focused is notes
        await pilot.press("enter")
        box = screen.query_one("#capture-input", Input)
        assert box.value == "Typo here" and screen.focused is box
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "fixed")
        await pilot.press("enter")
        assert notes_of(store, tables[0].id, rounds[0].id)[-1] == "Typo fixed"
        count = len(notes_of(store, tables[0].id, rounds[0].id))

        await pilot.press("ctrl+l")
        await pilot.press("delete")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "Typo fixed" in str(dialog.query_one("#message", Static).content)
        await pilot.click("#confirm")
        await wait_until(
            pilot, lambda: len(notes_of(store, tables[0].id, rounds[0].id)) == count - 1
        )
        assert "Typo fixed" not in notes_of(store, tables[0].id, rounds[0].id)


async def test_keys_switch_table_and_round_and_keep_each_draft(store: EventStore) -> None:
    tables, rounds = tables_and_rounds(store)
    async with host(store).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, CaptureScreen)
        where = screen.query_one("#capture-where", Static)
        box = screen.query_one("#capture-input", Input)
        await type_text(pilot, "half a thought")
        await pilot.press("ctrl+n")
        assert screen.table_id == tables[1].id
        assert "Table 2 – Canal Side · Round 1 of 2" in str(where.content)
        assert box.value == ""
        await pilot.press("ctrl+r")
        assert screen.round_id == rounds[1].id
        assert "Round 2 of 2" in str(where.content)
        await pilot.press("ctrl+b", "ctrl+r")
        assert (screen.table_id, screen.round_id) == (tables[0].id, rounds[0].id)
        assert box.value == "half a thought"  # the draft flushed on leaving came back
        await pilot.press("ctrl+b")
        assert screen.table_id == tables[-1].id  # wraps round


async def test_a_draft_that_cannot_be_saved_keeps_the_screen_and_the_text(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    tables, rounds = tables_and_rounds(store)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    async with host(store).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, CaptureScreen)
        box = screen.query_one("#capture-input", Input)
        await type_text(pilot, "the only copy")
        monkeypatch.setattr(store, "apply", full)
        await pilot.press("ctrl+n")  # next table: its draft would replace the text
        assert screen.table_id == tables[0].id and box.value == "the only copy"
        await screen.run_action("close")
        await pilot.pause()
        assert pilot.app.screen is screen and box.value == "the only copy"
        monkeypatch.undo()  # room again: Done saves the draft and closes
        await screen.run_action("close")
        await wait_until(pilot, lambda: pilot.app.screen is not screen)
    assert store.get(NoteDraft, draft_id(tables[0].id, rounds[0].id)).text == "the only copy"


async def test_transcription_mode_chooses_table_and_round_first(store: EventStore) -> None:
    tables, rounds = tables_and_rounds(store)
    async with host(store, transcribe=True).run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, CaptureScreen)
        picker = screen.query_one("#pick-table", Select)
        assert screen.focused is picker
        await pilot.press("enter", "down", "down", "enter")  # open, two down, choose
        await wait_until(pilot, lambda: screen.table_id == tables[2].id)
        await pilot.press("tab", "enter", "down", "enter")
        await wait_until(pilot, lambda: screen.round_id == rounds[1].id)
        assert screen.focused is screen.query_one("#capture-input", Input)
        await type_text(pilot, "From the flipchart")
        await pilot.press("enter")
    assert notes_of(store, tables[2].id, rounds[1].id)[-1] == "From the flipchart"


async def test_the_footer_keeps_done_in_view_at_80_columns(store: EventStore) -> None:
    async with host(store).run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, CaptureScreen)

        def done_fits() -> bool:
            keys = [k for k in screen.query(FooterKey) if k.description == "Done"]
            return len(keys) == 1 and keys[0].region.right <= 80 - len("^p palette")

        assert done_fits()
        await pilot.press("ctrl+l")  # in the notes list: Delete shows, the list key goes
        await wait_until(
            pilot, lambda: any(k.action == "delete_note" for k in screen.query(FooterKey))
        )
        assert done_fits()
        assert not any(k.action == "focus_notes" for k in screen.query(FooterKey))


def test_capture_screen_snapshot(snap_compare: Any, store: EventStore) -> None:
    async def typed(pilot: Pilot[Any]) -> None:
        await wait_for_screen(pilot, CaptureScreen)
        await type_text(pilot, "Half typed")

    assert snap_compare(host(store), terminal_size=(80, 24), run_before=typed)
