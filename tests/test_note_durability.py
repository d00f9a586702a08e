"""A note typed and not yet submitted survives the process being killed with SIGKILL."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from tests.tui.discussion_host import DiscussionHost, first_table_and_round
from workshop_app.core.note_drafts import NoteDraft, draft_id
from workshop_app.store.catalog import EventCatalog
from workshop_app.store.event_store import EventStore
from workshop_app.tui.screens.capture import CaptureScreen

CHILD = Path(__file__).parent / "tui" / "capture_crash_child.py"
HALF_A_NOTE = "Small groups cannot afford insur"


def test_a_draft_survives_sigkill_and_is_restored(tmp_path: Path) -> None:
    path = EventCatalog(tmp_path / "sessions").demo()
    child = subprocess.Popen(
        [sys.executable, "-u", str(CHILD), str(path), HALF_A_NOTE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()  # blocks until the child has typed and saved
        assert line.strip() == "READY", child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with EventStore(path) as store:  # opening folds the journal the dead process left
        table, round_ = first_table_and_round(store)
        draft = store.get(NoteDraft, draft_id(table.id, round_.id))
        assert draft is not None and draft.text == HALF_A_NOTE
        restored = _box_after_reopening(store, table.id, round_.id)
    assert restored == HALF_A_NOTE


def _box_after_reopening(store: EventStore, table_id: str, round_id: str) -> str:
    import asyncio

    async def reopen() -> str:
        app = DiscussionHost(store, lambda session: CaptureScreen(session, table_id, round_id))
        async with app.run_test(size=(100, 30)) as pilot:
            while not isinstance(app.screen, CaptureScreen):
                await pilot.pause(0.01)
            return app.screen.query_one("#capture-input", Input).value

    return asyncio.run(reopen())
