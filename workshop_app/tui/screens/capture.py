"""Capture what one table says, as fast as a scribe types: Enter saves, keep typing.

Nothing typed is lost: the text in the box is saved as a `NoteDraft` at most every
DRAFT_DELAY seconds while typing, and at once on Enter, on leaving the box, on changing
table or round and on leaving the screen. Reopening the screen restores it.
In transcription mode (typing up flipcharts later) the table and round are chosen first.

Every save goes through the event's session and is awaited where it is asked for, so
drafts and notes land in the order they were typed.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, ListItem, ListView, Select, Static

from workshop_app.core.discussion import Note, add_note
from workshop_app.core.models import DiscussionRound, DiscussionTable
from workshop_app.core.note_drafts import NoteDraft, draft_id, new_draft
from workshop_app.tui.event_session import SaveRefused
from workshop_app.tui.formatting import count
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.round_timer import Clock, RoundTimer, utc_now

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

DRAFT_DELAY = 0.3  # seconds: at most this much typing is at risk if the laptop dies


class CaptureScreen(Screen[None]):
    """Notes of one table in one round, and the box to type the next one.

    Args:
        session: the open event.
        table_id, round_id: where to start.
        transcribe: typing up flipcharts: the table and round pickers come first.
        clock: "now" for the round timer.
    """

    BINDINGS = [
        Binding(
            "ctrl+n",
            "next_table",
            "Next table",
            tooltip="Capture the next table's notes",
            id="capture.next-table",
        ),
        Binding(
            "ctrl+b",
            "previous_table",
            "Prev table",
            tooltip="Capture the previous table's notes",
            show=False,  # 80 columns fit four keys and Done; the palette and F1 list it
            id="capture.previous-table",
        ),
        Binding(
            "ctrl+r",
            "next_round",
            "Next round",
            tooltip="Capture the next round's notes",
            id="capture.next-round",
        ),
        Binding(
            "ctrl+l",
            "focus_notes",
            "Notes list",
            tooltip="Go to the saved notes to edit or delete",
            id="capture.notes-list",
        ),
        Binding(
            "delete",
            "delete_note",
            "Delete note",
            tooltip="Delete the highlighted note",
            id="capture.delete-note",
        ),
        Binding(
            "escape",
            "close",
            "Done",
            tooltip="Save the draft and go back (or stop editing)",
            id="capture.done",
        ),
    ]

    def __init__(
        self,
        session: EventSession,
        table_id: str,
        round_id: str,
        *,
        transcribe: bool = False,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__()
        self.session = session
        self.transcribe = transcribe
        self.tables = sorted(session.all(DiscussionTable), key=lambda t: (t.number, t.name))
        self.rounds = sorted(session.all(DiscussionRound), key=lambda r: (r.number, r.created))
        self.table_id = table_id
        self.round_id = round_id
        self.editing_note_id = ""
        self._clock = clock
        self._notes: list[Note] = []
        self._saved_text: str | None = None  # what the stored draft holds
        self._box_text = ""  # what the box holds, known without querying (even on unmount)
        self._draft_timer: Timer | None = None
        self._submitting = False  # a note is being saved: its text is no draft any more

    def compose(self) -> ComposeResult:
        if self.transcribe:
            with Horizontal(id="capture-pickers"):
                tables = [(t.label, t.id) for t in self.tables]
                yield Select(tables, value=self.table_id, allow_blank=False, id="pick-table")
                rounds = [(f"Round {r.number}", r.id) for r in self.rounds]
                yield Select(rounds, value=self.round_id, allow_blank=False, id="pick-round")
        with Horizontal(id="capture-bar"):
            yield Static("", id="capture-where", markup=False)
            yield RoundTimer(self.session, self.round_id, clock=self._clock, id="capture-timer")
        yield Static("", id="capture-prompt", markup=False)
        yield ListView(id="capture-notes")
        yield Static("", id="capture-status", markup=False)
        yield Input(
            placeholder="Type a note, Enter to save it", id="capture-input", select_on_focus=False
        )
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = "Typing up flipcharts" if self.transcribe else "Capture notes"
        self._load()
        if self.transcribe:
            self.query_one("#pick-table", Select).focus()
        else:
            self.query_one("#capture-input", Input).focus()

    # -- where we are ----------------------------------------------------------------------

    @property
    def table(self) -> DiscussionTable | None:
        return next((t for t in self.tables if t.id == self.table_id), None)

    @property
    def round(self) -> DiscussionRound | None:
        return next((r for r in self.rounds if r.id == self.round_id), None)

    def _load(self) -> None:
        """Show the table and round, their notes, and restore the draft left in the box."""
        table, round_ = self.table, self.round
        where = self.query_one("#capture-where", Static)
        mode = "Typing up · " if self.transcribe else ""
        round_words = f"Round {round_.number} of {len(self.rounds)}" if round_ else "no round"
        where.update(f"{mode}{table.label if table else 'No table'} · {round_words}")
        self.query_one("#capture-prompt", Static).update(round_.prompt if round_ else "")
        self.query_one(RoundTimer).round_id = self.round_id
        self._show_notes()
        draft = self.session.get(NoteDraft, draft_id(self.table_id, self.round_id))
        text = draft.text if draft else ""
        self.editing_note_id = draft.editing_note_id if draft else ""
        if self.editing_note_id not in {n.id for n in self._notes}:
            self.editing_note_id = ""
        self._saved_text = self._box_text = text
        box = self.query_one("#capture-input", Input)
        with box.prevent(Input.Changed):
            box.value = text
        box.cursor_position = len(text)
        self._show_status("Draft restored." if text else "")

    def _show_notes(self, highlight: int | None = None) -> None:
        notes = [
            n
            for n in self.session.all(Note)
            if (n.table_id, n.round_id) == (self.table_id, self.round_id)
        ]
        self._notes = sorted(notes, key=lambda n: (n.position, n.created))
        view = self.query_one("#capture-notes", ListView)
        view.clear()
        view.extend(
            ListItem(Label(f"{k}. {note.text}", markup=False))
            for k, note in enumerate(self._notes, start=1)
        )
        view.index = (
            highlight if highlight is not None else (len(self._notes) - 1 if self._notes else None)
        )
        view.scroll_end(animate=False)

    def _show_status(self, extra: str) -> None:
        where = (
            "Editing a saved note: Enter saves it, Escape stops editing."
            if self.editing_note_id
            else ""
        )
        notes = count(len(self._notes), "note")
        self.query_one("#capture-status", Static).update(
            " · ".join(p for p in (notes, where, extra) if p)
        )

    async def _move(self, table_id: str | None = None, round_id: str | None = None) -> None:
        if not await self.flush_draft():
            return  # the box keeps the unsaved text, on the table and round it is about
        self.table_id = table_id or self.table_id
        self.round_id = round_id or self.round_id
        self._load()
        if self.transcribe:
            for picker, value in (("#pick-table", self.table_id), ("#pick-round", self.round_id)):
                select = self.query_one(picker, Select)
                with select.prevent(Select.Changed):
                    select.value = value

    async def action_next_table(self, step: int = 1) -> None:
        ids = [t.id for t in self.tables]
        if ids:
            here = ids.index(self.table_id) if self.table_id in ids else -step
            await self._move(table_id=ids[(here + step) % len(ids)])

    async def action_previous_table(self) -> None:
        await self.action_next_table(-1)

    async def action_next_round(self) -> None:
        ids = [r.id for r in self.rounds]
        if ids:
            here = ids.index(self.round_id) if self.round_id in ids else -1
            await self._move(round_id=ids[(here + 1) % len(ids)])

    @on(Select.Changed, "#pick-table")
    async def _picked_table(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.table_id:
            await self._move(table_id=event.value)

    @on(Select.Changed, "#pick-round")
    async def _picked_round(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.round_id:
            await self._move(round_id=event.value)
            self.query_one("#capture-input", Input).focus()  # table and round chosen: type

    # -- the draft -------------------------------------------------------------------------

    @on(Input.Changed, "#capture-input")
    def _typed(self, event: Input.Changed) -> None:
        # The box as it is now: this message may have waited while a note was saved.
        self._box_text = event.input.value
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.flush_draft)

    @on(Input.Blurred, "#capture-input")
    async def _left_the_box(self) -> None:
        await self.flush_draft()

    def _draft_to_save(self) -> NoteDraft | None:
        """The box's text as a draft, if it changed since the last save (and can be saved:
        a read-only window keeps its typing to itself rather than warn at every key)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.session.read_only or self._submitting or self._box_text == self._saved_text:
            return None
        return new_draft(self.table_id, self.round_id, self._box_text, self.editing_note_id)

    async def flush_draft(self) -> bool:
        """Save the box's text as the draft, if it changed since the last save.

        False when the save was refused (disk full): the text is only in the box, so the
        caller must not clear it, load another draft into it or close the screen.
        """
        draft = self._draft_to_save()
        if draft is None:
            return True
        if await self.session.save(draft, origin=self, failed="Draft NOT saved"):
            self._saved_text = draft.text
            return True
        self._show_status("Draft NOT saved (see the message): it is kept in the box.")
        return False

    # -- notes -----------------------------------------------------------------------------

    @on(Input.Submitted, "#capture-input")
    async def _submitted(self, event: Input.Submitted) -> None:
        """Save the note and clear the draft in one atomic save, then clear the box."""
        text = event.value
        editing = next((n for n in self._notes if n.id == self.editing_note_id), None)
        try:
            if not text.strip():
                raise ValueError("Type the note first; an empty note is not saved.")
            if editing is not None:
                note = editing.edited(text=text.strip())
            else:
                note = add_note(
                    self._notes, table_id=self.table_id, round_id=self.round_id, text=text
                )
        except ValueError as error:
            self._show_status(str(error))
            return
        saves = [note, new_draft(self.table_id, self.round_id)]
        self._submitting = True
        try:
            saved = await self.session.apply(saves, origin=self, failed="Note not saved")
        finally:
            self._submitting = False
        if not saved:
            self._show_status("Not saved: your text is still in the box.")
            return
        # Keys typed while the note was being saved stay in the box, for the next note.
        box = event.input
        typed_since = box.value.removeprefix(text) if box.value.startswith(text) else ""
        self._saved_text, self._box_text = "", typed_since
        self.editing_note_id = ""
        with box.prevent(Input.Changed):
            box.value = typed_since
        if typed_since and self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.flush_draft)
        self._show_notes(self._notes.index(editing) if editing is not None else None)
        self._show_status("Edited." if editing is not None else "Saved.")

    def action_focus_notes(self) -> None:
        self.query_one("#capture-notes", ListView).focus()

    def _highlighted_note(self) -> Note | None:
        index = self.query_one("#capture-notes", ListView).index
        return self._notes[index] if index is not None and index < len(self._notes) else None

    @on(ListView.Selected, "#capture-notes")
    async def _edit(self) -> None:
        """Enter on a saved note puts it in the box; Enter there saves the change."""
        note = self._highlighted_note()
        box = self.query_one("#capture-input", Input)
        if note is None:
            return
        if box.value.strip() and not self.editing_note_id:
            self.notify("Save or clear the note in the box first.", title="Edit")
            return
        self.editing_note_id = note.id
        box.value = self._box_text = note.text
        box.cursor_position = len(note.text)
        await self.flush_draft()
        box.focus()
        self._show_status("")

    @work
    async def action_delete_note(self) -> None:
        note = self._highlighted_note()
        if note is None:
            return
        message = f"Delete this note?\n\n{note.text}"
        if not await self.app.push_screen_wait(
            ConfirmDialog("Delete note", message, confirm="Delete", danger=True)
        ):
            return
        if not await self.session.delete(Note, note.id, origin=self, failed="Not deleted"):
            return
        index = self._notes.index(note)
        self._show_notes(max(0, min(index, len(self._notes) - 2)))
        self._show_status("Deleted.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete only in the notes list, and no key to go there once it is there: so the
        footer keeps room for Done at 80 columns."""
        in_notes = self.focused is self.query_one("#capture-notes", ListView)
        if action == "delete_note":
            return in_notes
        if action == "focus_notes":
            return not in_notes
        return True

    async def action_close(self) -> None:
        box = self.query_one("#capture-input", Input)
        if self.editing_note_id:
            self.editing_note_id = ""
            with box.prevent(Input.Changed):
                box.value = self._box_text = ""
            await self.flush_draft()
            self._show_status("Stopped editing; the saved note is unchanged.")
            return
        if await self.flush_draft():
            self.dismiss(None)

    def on_unmount(self) -> None:
        """The last words typed, when the screen goes without Done (the app is closing).

        Its workers and timers are gone by now, so this one save waits where it is.
        """
        draft = self._draft_to_save()
        if draft is None:
            return
        # Refused (disk full): the drafts saved before are kept; nothing more can be done.
        with suppress(SaveRefused):
            self.session.apply_blocking([draft])
