"""Capture what one table says, as fast as a scribe types: Enter saves, keep typing.

Nothing typed is lost: the text in the box is saved as a `NoteDraft` at most every
DRAFT_DELAY seconds while typing, and at once on Enter, on leaving the box, on changing
table or round and on leaving the screen. Reopening the screen restores it.
In transcription mode (typing up flipcharts later) the table and round are chosen first.
"""

from __future__ import annotations

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
from workshop_app.store.errors import StoreError
from workshop_app.store.event_store import EventStore
from workshop_app.tui.formatting import count
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.widgets.app_footer import AppFooter
from workshop_app.tui.widgets.round_timer import Clock, RoundTimer, utc_now

DRAFT_DELAY = 0.3  # seconds: at most this much typing is at risk if the laptop dies


class CaptureScreen(Screen[None]):
    """Notes of one table in one round, and the box to type the next one.

    Args:
        store: the open event.
        table_id, round_id: where to start.
        transcribe: typing up flipcharts: the table and round pickers come first.
        clock: "now" for the round timer.
    """

    BINDINGS = [
        Binding("ctrl+n", "next_table", "Next table", tooltip="Capture the next table's notes"),
        Binding(
            "ctrl+b",
            "previous_table",
            "Prev table",
            tooltip="Capture the previous table's notes",
            show=False,  # 80 columns fit four keys and Done; the palette and F1 list it
        ),
        Binding("ctrl+r", "next_round", "Next round", tooltip="Capture the next round's notes"),
        Binding(
            "ctrl+l", "focus_notes", "Notes list", tooltip="Go to the saved notes to edit or delete"
        ),
        Binding("delete", "delete_note", "Delete note", tooltip="Delete the highlighted note"),
        Binding("escape", "close", "Done", tooltip="Save the draft and go back (or stop editing)"),
    ]

    def __init__(
        self,
        store: EventStore,
        table_id: str,
        round_id: str,
        *,
        transcribe: bool = False,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__()
        self.store = store
        self.transcribe = transcribe
        self.tables = sorted(store.all(DiscussionTable), key=lambda t: (t.number, t.name))
        self.rounds = sorted(store.all(DiscussionRound), key=lambda r: (r.number, r.created))
        self.table_id = table_id
        self.round_id = round_id
        self.editing_note_id = ""
        self._clock = clock
        self._notes: list[Note] = []
        self._saved_text: str | None = None  # what the stored draft holds
        self._box_text = ""  # what the box holds, known without querying (even on unmount)
        self._draft_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        if self.transcribe:
            with Horizontal(id="capture-pickers"):
                tables = [(t.label, t.id) for t in self.tables]
                yield Select(tables, value=self.table_id, allow_blank=False, id="pick-table")
                rounds = [(f"Round {r.number}", r.id) for r in self.rounds]
                yield Select(rounds, value=self.round_id, allow_blank=False, id="pick-round")
        with Horizontal(id="capture-bar"):
            yield Static("", id="capture-where", markup=False)
            yield RoundTimer(self.store, self.round_id, clock=self._clock, id="capture-timer")
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
        self.query_one(RoundTimer).show_round(self.round_id)
        self._show_notes()
        draft = self.store.get(NoteDraft, draft_id(self.table_id, self.round_id))
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
            for n in self.store.all(Note)
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

    def _move(self, table_id: str | None = None, round_id: str | None = None) -> None:
        self.flush_draft()
        self.table_id = table_id or self.table_id
        self.round_id = round_id or self.round_id
        self._load()
        if self.transcribe:
            for picker, value in (("#pick-table", self.table_id), ("#pick-round", self.round_id)):
                select = self.query_one(picker, Select)
                with select.prevent(Select.Changed):
                    select.value = value

    def action_next_table(self, step: int = 1) -> None:
        ids = [t.id for t in self.tables]
        if ids:
            here = ids.index(self.table_id) if self.table_id in ids else -step
            self._move(table_id=ids[(here + step) % len(ids)])

    def action_previous_table(self) -> None:
        self.action_next_table(-1)

    def action_next_round(self) -> None:
        ids = [r.id for r in self.rounds]
        if ids:
            here = ids.index(self.round_id) if self.round_id in ids else -1
            self._move(round_id=ids[(here + 1) % len(ids)])

    @on(Select.Changed, "#pick-table")
    def _picked_table(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.table_id:
            self._move(table_id=event.value)

    @on(Select.Changed, "#pick-round")
    def _picked_round(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.round_id:
            self._move(round_id=event.value)
            self.query_one("#capture-input", Input).focus()  # table and round chosen: type

    # -- the draft -------------------------------------------------------------------------

    @on(Input.Changed, "#capture-input")
    def _typed(self, event: Input.Changed) -> None:
        self._box_text = event.value
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.flush_draft)

    @on(Input.Blurred, "#capture-input")
    def _left_the_box(self) -> None:
        self.flush_draft()

    def flush_draft(self) -> None:
        """Save the box's text as the draft, if it changed since the last save."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.store.read_only:
            return
        text = self._box_text
        if text == self._saved_text:
            return
        try:
            self.store.save(new_draft(self.table_id, self.round_id, text, self.editing_note_id))
        except (StoreError, OSError) as error:
            self._show_status(f"Draft NOT saved: {error}")
            return
        self._saved_text = text

    # -- notes -----------------------------------------------------------------------------

    @on(Input.Submitted, "#capture-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Save the note and clear the draft in one atomic save, then clear the box."""
        if self.store.read_only:
            self.notify("This event is open read-only.", title="Not saved", severity="warning")
            return
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
            self.store.save_many([note, new_draft(self.table_id, self.round_id)])
        except ValueError as error:
            self._show_status(str(error))
            return
        except (StoreError, OSError) as error:
            self.notify(
                f"{error}\nYour text is still in the box.", title="Not saved", severity="error"
            )
            return
        self._saved_text = self._box_text = ""
        self.editing_note_id = ""
        with event.input.prevent(Input.Changed):
            event.input.value = ""
        self._show_notes(self._notes.index(editing) if editing is not None else None)
        self._show_status("Edited." if editing is not None else "Saved.")

    def action_focus_notes(self) -> None:
        self.query_one("#capture-notes", ListView).focus()

    def _highlighted_note(self) -> Note | None:
        index = self.query_one("#capture-notes", ListView).index
        return self._notes[index] if index is not None and index < len(self._notes) else None

    @on(ListView.Selected, "#capture-notes")
    def _edit(self) -> None:
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
        self.flush_draft()
        box.focus()
        self._show_status("")

    @work
    async def action_delete_note(self) -> None:
        note = self._highlighted_note()
        if note is None or self.store.read_only:
            return
        message = f"Delete this note?\n\n{note.text}"
        if not await self.app.push_screen_wait(
            ConfirmDialog("Delete note", message, confirm="Delete", danger=True)
        ):
            return
        try:
            self.store.delete(Note, note.id)
        except (StoreError, OSError) as error:
            self.notify(str(error), title="Not deleted", severity="error")
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

    def action_close(self) -> None:
        if self.editing_note_id:
            self.editing_note_id = ""
            self.query_one("#capture-input", Input).value = self._box_text = ""
            self.flush_draft()
            self._show_status("Stopped editing; the saved note is unchanged.")
            return
        self.flush_draft()
        self.dismiss(None)

    def on_unmount(self) -> None:
        self.flush_draft()
