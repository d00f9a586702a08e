"""The seating half of the Tables tab: adding, editing and removing tables, seating the
room and late arrivals, pinning and unpinning people with access needs, exporting the table plan.

A mixin of `TablesPane`, kept apart so each module stays small; it relies on the pane's
state (`tables`, `plan`, `attendees`, `pins`), its `session` and its `reload`. Each key
is one change of the event (`session.apply`): a plan saved with the table removed, the
pin with the seat it gives, a new plan with every older plan record gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.widgets import DataTable

from workshop_app.core import seating_desk
from workshop_app.core.models import Attendee, DiscussionTable, Record
from workshop_app.core.seating import SeatingPlan
from workshop_app.core.seating_desk import TablePin
from workshop_app.tui.event_session import EventUnreadable
from workshop_app.tui.formatting import count
from workshop_app.tui.keys import with_keys
from workshop_app.tui.screens.confirm import ConfirmDialog
from workshop_app.tui.screens.table_dialogs import PickDialog, TableForm

SECTORS_UNKNOWN = "Sectors unknown: seated to spread organisations apart."

if TYPE_CHECKING:
    from workshop_app.tui.widgets.tables_pane import TablesPane

    _Base = TablesPane
else:
    _Base = object


class SeatingActions(_Base):
    """The actions behind the seating keys of the Tables tab."""

    _exporting = False

    async def _save_plan(
        self,
        plan: SeatingPlan | None,
        *also: Record,
        deletes: Iterable[tuple[type[Record], str]] = (),
        failed: str = "Not saved",
    ) -> bool:
        """Save `plan` (and `also`) as the one plan record, in one change with `deletes`:
        any other plan record (two laptops merged) goes in the same change."""
        saves = [*also, *([plan] if plan is not None else [])]
        stale = [(SeatingPlan, plan_id) for plan_id in self.stale_plan_ids]
        changes = [*deletes, *(stale if plan is not None else [])]
        if not await self.session.apply(saves, changes, origin=self, failed=failed):
            return False
        self.reload()
        return True

    # -- tables --------------------------------------------------------------------------

    @work
    async def action_add_table(self) -> None:
        number = seating_desk.next_table_number(self.tables)
        table = await self.app.push_screen_wait(
            TableForm(
                self.session,
                DiscussionTable(number=number),
                {t.number for t in self.tables},
                shown_by=self,
            )
        )
        if table is not None:  # saved by the form
            self.notify(f"{table.label} added.", title="Tables")
            self.reload()

    @work
    async def action_edit_table(self) -> None:
        table = self.highlighted_table
        if table is None:
            self.notify("Highlight a table first.", title="Tables")
            return
        taken = {t.number for t in self.tables if t.id != table.id}
        edited = await self.app.push_screen_wait(
            TableForm(self.session, table, taken, shown_by=self)
        )
        if edited is not None:  # saved by the form
            self.reload()

    @work
    async def action_remove_table(self) -> None:
        table = self.highlighted_table
        if table is None:
            self.notify("Highlight a table first.", title="Tables")
            return
        message = f"Remove {table.label}? Its people wait for a seat again; its notes are kept."
        if not await self.app.push_screen_wait(
            ConfirmDialog("Remove table", message, confirm="Remove", danger=True)
        ):
            return
        plan = seating_desk.without_table(self.plan, table.id) if self.plan else None
        deletes = [(DiscussionTable, table.id)]
        if await self._save_plan(plan, deletes=deletes, failed="Not removed"):
            self.notify(f"{table.label} removed.", title="Tables")

    # -- seating -------------------------------------------------------------------------

    @work
    async def action_seat_everyone(self) -> None:
        everyone = not any(a.checked_in for a in self.attendees)
        who = (
            "everyone registered (nobody is checked in yet)" if everyone else "everyone checked in"
        )
        if self.plan and self.plan.seat_of:
            message = f"Seat {who} afresh? People already seated may move tables."
            if not await self.app.push_screen_wait(
                ConfirmDialog("Seat all", message, confirm="Seat")
            ):
                return
        try:
            plan = seating_desk.seat_room(
                self.attendees, self.tables, self.pins, everyone=everyone, replacing=self.plan
            )
        except ValueError as error:
            self.notify(str(error), title="Not seated", severity="warning")
            return
        if await self._save_plan(plan, failed="Not seated"):
            note = f"; {len(plan.unseated)} without a seat" if plan.unseated else ""
            how = SECTORS_UNKNOWN + " " if plan.sectors_unknown else ""
            self.notify(
                f"{how}{len(plan.seat_of)} people seated at "
                f"{count(len(self.tables), 'table')}{note}.",
                title="Seating",
            )

    async def action_seat_late(self) -> None:
        if self.plan is None:
            self.notify(with_keys(self, "Seat all first ({tables.seat-all})."), title="Seating")
            return
        plan, seated = seating_desk.seat_waiting(self.plan, self.attendees, self.tables, self.pins)
        if seated == 0:
            self.notify("Nobody is waiting, or every table is full.", title="Seating")
        elif await self._save_plan(plan, failed="Not seated"):
            self.notify(f"{count(seated, 'late arrival')} seated.", title="Seating")

    def _highlighted_person(self, title: str) -> Attendee | None:
        """The person under the cursor in the list on the right, or a hint to go there."""
        people = self.query_one("#table-people", DataTable)
        if not people.row_count or not self.tables:
            self.notify("Highlight a person in the list on the right (Tab) first.", title=title)
            return None
        person_id = str(people.coordinate_to_cell_key(people.cursor_coordinate).row_key.value)
        return next((a for a in self.attendees if a.id == person_id), None)

    @work
    async def action_pin(self) -> None:
        person = self._highlighted_person("Pin")
        if person is None:
            return
        choices = [(t.id, t.label) for t in sorted(self.tables, key=lambda t: t.number)]
        table_id = await self.app.push_screen_wait(
            PickDialog(f"Pin {person.display_name} to", choices)
        )
        if table_id is None:
            return
        plan = self.plan or SeatingPlan()
        try:
            plan = seating_desk.move_to_table(plan, person, table_id, self.tables)
        except ValueError as error:
            self.notify(str(error), title="Not pinned", severity="warning")
            return
        if await self._save_plan(plan, seating_desk.pin(person.id, table_id), failed="Not pinned"):
            self.notify(f"{person.display_name} pinned.", title="Pin")

    async def action_unpin(self) -> None:
        """Take away the highlighted person's pin; they keep their seat for now."""
        person = self._highlighted_person("Unpin")
        if person is None:
            return
        if person.id not in self.pins:
            self.notify(f"{person.display_name} is not pinned.", title="Unpin")
            return
        try:
            pins = self.session.all(TablePin)
        except EventUnreadable as error:  # a damaged pin: said, the tab goes on
            self.notify(str(error), title="Not unpinned", severity="error", timeout=15)
            return
        pin_ids = seating_desk.pins_to_remove(pins, person.id)
        if not await self.session.delete(TablePin, *pin_ids, origin=self, failed="Not unpinned"):
            return
        self.notify(
            f"{person.display_name} unpinned; they keep their seat until you seat all again.",
            title="Unpin",
        )
        self.reload()

    def action_export_plan(self) -> None:
        if self._exporting:
            self.notify("An export is already running.", title="Table plan")
            return
        self._exporting = True
        self.export_plan()

    @work(thread=True, group="table-plan", exit_on_error=False)
    def export_plan(self) -> None:
        """Write the XLSX and HTML in a thread; a big event never freezes the screen."""
        from workshop_app.io.table_plan import export_table_plan

        try:
            paths = export_table_plan(self.session, self.exports_folder)
        except (OSError, ValueError) as error:
            self.app.call_from_thread(self._exported, [], str(error))
            return
        self.app.call_from_thread(self._exported, paths, "")

    def _exported(self, paths: list[Path], problem: str) -> None:
        self._exporting = False
        if problem:
            self.notify(problem, title="Table plan not exported", severity="error", timeout=15)
        else:
            names = "\n".join(p.name for p in paths)
            self.notify(f"{names}\nin {paths[0].parent}", title="Table plan exported", timeout=10)
