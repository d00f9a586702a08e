"""Runs the capture screen headless, types a half-finished note, says READY once the
draft is saved, then waits to be killed with SIGKILL by test_note_durability.py."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.tui.discussion_host import DiscussionHost, first_table_and_round  # noqa: E402
from workshop_app.core.note_drafts import NoteDraft, draft_id  # noqa: E402
from workshop_app.store.event_store import EventStore  # noqa: E402
from workshop_app.tui.screens.capture import CaptureScreen  # noqa: E402


async def main(path: Path, text: str) -> None:
    store = EventStore(path)
    table, round_ = first_table_and_round(store)
    app = DiscussionHost(store, lambda session: CaptureScreen(session, table.id, round_.id))
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, CaptureScreen):
            await pilot.pause(0.01)
        for key in text:
            await pilot.press("space" if key == " " else key)
        wanted = draft_id(table.id, round_.id)
        while (draft := store.get(NoteDraft, wanted)) is None or draft.text != text:
            await pilot.pause(0.05)  # the debounced save; nothing else is flushed
        print("READY", flush=True)
        await asyncio.sleep(3600)  # killed long before this


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
