"""The Workshops tab: set up workshops and rounds, split by surname, pin people, export.

Every change goes through the event's session and is durable before the screen shows
it; then the allocation is worked out again in a thread from what the event holds, so
a big list never freezes the screen and what is shown is always what is saved.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static
from textual.worker import get_current_worker

from workshop_app.core.allocation import Allocation
from workshop_app.core.models import Attendee, Record
from workshop_app.core.search import SearchIndex
from workshop_app.core.surnames import RangeError, parse_ranges
from workshop_app.core.workshop_plan import (
    BOUNDARY_LABELS,
    BOUNDARY_MODES,
    AllocationMove,
    AllocationPin,
    PlanInputs,
    WorkshopPlan,
    as_records,
    group_label,
    is_saved,
    readable_warnings,
    remember_choice,
)
from workshop_app.tui.event_session import EventUnreadable
from workshop_app.tui.keys import key_display, with_keys
from workshop_app.tui.styles import read_styles
from workshop_app.tui.widgets.allocation_table import AllocationTable
from workshop_app.tui.widgets.event_view import EventView
from workshop_app.tui.widgets.route_finder import LeavingInput, RouteFinder
from workshop_app.tui.widgets.workshop_details import WorkshopDetails
from workshop_app.tui.widgets.workshop_setup_tables import PinTable, SetupTable

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession


class WorkshopsPane(EventView, VerticalScroll):
    """The whole Workshops tab; see the module docstring for how changes flow."""

    # Loaded with the pane, after the first frame; unscoped, as it also styles the
    # dialogs and screens the pane opens.
    DEFAULT_CSS = read_styles("workshops.tcss")
    SCOPED_CSS = False

    # The keys used most on the day come first, so they are the ones a footer 80
    # columns wide shows: finding someone, pinning or moving them, recomputing after
    # check-ins, exporting the signs. Set-up keys follow; F1 and the palette list all.
    BINDINGS = [
        Binding(
            "slash", "find", "Find", tooltip="Search a name to see their route", id="workshops.find"
        ),
        Binding(
            "p",
            "pin_person",
            "Pin",
            tooltip="Keep the person highlighted (found or pinned) in one room",
            id="workshops.pin",
        ),
        Binding(
            "m",
            "move_person",
            "Move",
            tooltip="Put the person highlighted (found or pinned) in another group",
            id="workshops.move",
        ),
        Binding(
            "r",
            "recompute",
            "Recompute",
            tooltip="Read who is here; choose the ranges again",
            id="workshops.recompute",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Door signs, door lists and the CSV",
            id="workshops.export",
        ),
        Binding(
            "a",
            "add_workshop",
            "Add workshop",
            tooltip="Title, room, lead and places",
            id="workshops.add-workshop",
        ),
        Binding(
            "t",
            "add_round",
            "Add round",
            tooltip="A new round and its times",
            id="workshops.add-round",
        ),
        Binding(
            "c",
            "toggle_counted",
            "Who",
            tooltip="Count everyone, or only those checked in",
            id="workshops.who-counts",
        ),
        Binding(
            "b",
            "cycle_boundaries",
            "Letters",
            tooltip="Auto, whole letters or two letters",
            id="workshops.letters",
        ),
        Binding(
            "h",
            "type_ranges",
            "Type ranges",
            tooltip="Your own ranges, e.g. A-J, K-Z",
            id="workshops.type-ranges",
        ),
        Binding(
            "l",
            "toggle_particles",
            "Particles",
            tooltip="File 'van der Berg' under V or B",
            id="workshops.particles",
        ),
    ]

    def __init__(
        self, session: EventSession, exports_folder: Path, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.exports_folder = exports_folder
        self.inputs: PlanInputs | None = None
        """What the allocation shown was made from."""
        self.allocation: Allocation | None = None
        """The allocation shown; None when there are no workshops yet."""
        self._person: Attendee | None = None
        self._exporting = False

    def compose(self) -> ComposeResult:
        yield Static(
            "Working out the groups…", id="ws-summary", classes="pane-summary", markup=False
        )
        yield AllocationTable(id="allocation")
        yield Static("", id="ws-reason", classes="pane-note", markup=False)
        yield Static("", id="ws-warnings", classes="-problem ws-warnings", markup=False)
        with Horizontal(classes="ws-field"):
            yield Label("Ranges by hand", classes="ws-field-label")
            yield LeavingInput(placeholder="e.g. A-J, K-Z; blank = best split", id="typed-ranges")
        yield Static("", id="ranges-error", classes="-problem ws-inline-error", markup=False)
        yield RouteFinder(id="route-finder")
        yield WorkshopDetails(id="ws-details")

    def on_mount(self) -> None:
        self.recalculate(recompute=False)

    def refresh_data(self) -> None:
        """Read the event again: the desk may have checked people in since."""
        self.recalculate(recompute=False)

    # -- working out the allocation --------------------------------------------------------

    @work(thread=True, exclusive=True, group="allocation")
    def recalculate(self, recompute: bool) -> None:
        """Read the inputs and allocate in a thread; show the result on the screen."""
        try:
            inputs = PlanInputs.read(self.session.all)
        except EventUnreadable as error:
            # must not end the app from this thread: the tab says it and shows nothing.
            self.app.call_from_thread(self._show_problem, f"Could not read the event: {error}")
            return
        problem = ""
        try:
            allocation = inputs.allocate(recompute=recompute) if inputs.workshops else None
        except RangeError as error:
            problem = f"Your ranges are not used: {error}"
            allocation = replace(inputs, plan=inputs.plan.edited(typed_ranges="")).allocate()
        except ValueError as error:
            problem, allocation = str(error), None
        index = SearchIndex(inputs.attendees)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, inputs, allocation, problem, index, recompute)

    def _show(
        self,
        inputs: PlanInputs,
        allocation: Allocation | None,
        problem: str,
        index: SearchIndex,
        recompute: bool,
    ) -> None:
        plan = inputs.plan
        if (
            allocation is not None
            and not self.session.read_only  # nothing chosen is stored: nothing to refuse
            and not plan.typed_ranges
            and (recompute or plan.chosen_ranges != allocation.range_labels)
        ):  # signs and routes use the saved ranges: save what is shown
            plan = remember_choice(plan, allocation)
            inputs = replace(inputs, plan=plan)
            self._remember(plan)
        self.inputs, self.allocation = inputs, allocation
        self.query_one(AllocationTable).show(allocation, inputs)
        self.query_one("#ws-summary", Static).update(self._summary())
        self.query_one("#ws-reason", Static).update(allocation.reason if allocation else "")
        warnings = readable_warnings(allocation, inputs.attendees) if allocation else []
        self._set_text("#ws-warnings", "\n".join(f"! {w}" for w in warnings))
        self._set_text("#ranges-error", problem)
        typed = self.query_one("#typed-ranges", Input)
        if not typed.has_focus:
            typed.value = plan.typed_ranges
        self.query_one(RouteFinder).show(inputs, allocation, index)
        self.query_one(WorkshopDetails).show(inputs, allocation)
        self.refresh_bindings()

    @work(group="remember-ranges")
    async def _remember(self, plan: WorkshopPlan) -> None:
        """Save the ranges shown as the ones the signs and routes use (the session says
        so if it cannot; the next recompute tries again)."""
        await self.session.save(plan, origin=self, failed="Ranges not saved")

    def _show_problem(self, message: str) -> None:
        self.query_one("#ws-summary", Static).update(message)

    def _summary(self) -> str:
        inputs, allocation = self.inputs, self.allocation
        if inputs is None:
            return ""
        if allocation is None:
            return with_keys(
                self,
                "No workshops yet: press {workshops.add-workshop} to add one, "
                "then {workshops.add-round} to add rounds.",
            )
        plan = inputs.plan
        placed = len(allocation.group_by_attendee) + len(allocation.pinned_by_attendee)
        who = "only people checked in" if plan.only_checked_in else "everyone registered"
        how = (
            "ranges typed by hand"
            if plan.typed_ranges
            else BOUNDARY_LABELS.get(plan.boundaries, plan.boundaries)
        )
        particles = " · particles after the main name" if plan.particles_last else ""
        return (
            f"Groups {allocation.range_labels} · {placed} of {len(inputs.attendees)} "
            f"placed, counting {who} · {how}{particles}"
        )

    def _set_text(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(text)

    # -- saving ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that change the plan stay enabled on a read-only event: pressed, the
        # session says why nothing changed and who has the event open.
        if action in ("pin_person", "move_person", "export"):  # dimmed until there are rooms
            return self.allocation is not None or None
        return True

    def _writable(self, failed: str) -> bool:
        """False, the session having said why, when this window cannot change the event:
        asked before a form opens, so nothing is typed in vain."""
        return not self.session.refuse_if_read_only(failed)

    async def _change_plan(self, **changes: object) -> None:
        if self.inputs is None:
            return
        plan = self.inputs.plan.edited(**changes)
        if await self.session.save(plan, origin=self):
            # The next key reads this plan, not the one the allocation was made from.
            self.inputs = replace(self.inputs, plan=plan)
            self.recalculate(recompute=True)

    # -- actions ---------------------------------------------------------------------------

    def action_recompute(self) -> None:
        self.notify("Reading who is here and choosing the ranges again.", title="Recompute")
        self.recalculate(recompute=True)

    async def action_toggle_counted(self) -> None:
        if self.inputs is not None:
            await self._change_plan(only_checked_in=not self.inputs.plan.only_checked_in)

    async def action_cycle_boundaries(self) -> None:
        if self.inputs is not None:
            modes = list(BOUNDARY_MODES)
            current = self.inputs.plan.boundaries
            following = (
                modes[(modes.index(current) + 1) % len(modes)] if current in modes else "auto"
            )
            await self._change_plan(boundaries=following)

    async def action_toggle_particles(self) -> None:
        if self.inputs is not None:
            await self._change_plan(particles_last=not self.inputs.plan.particles_last)

    def action_type_ranges(self) -> None:
        self.query_one("#typed-ranges", Input).focus()

    def action_find(self) -> None:
        self.query_one(RouteFinder).focus_search()

    @on(LeavingInput.Left)
    def _back_to_table(self) -> None:
        self.query_one(AllocationTable).focus()

    @on(Input.Changed, "#typed-ranges")
    def _check_typed(self, event: Input.Changed) -> None:
        """Say what is wrong with typed ranges while they are typed; nothing is saved yet."""
        count = len(self.inputs.workshops) if self.inputs else None
        problem = ""
        if event.value.strip():
            try:
                parse_ranges(event.value, count)
            except RangeError as error:
                problem = str(error)
        self._set_text("#ranges-error", problem)

    @on(Input.Submitted, "#typed-ranges")
    async def _use_typed(self, event: Input.Submitted) -> None:
        if self.inputs is None:
            return
        text = event.value.strip()
        try:
            if text:
                parse_ranges(text, len(self.inputs.workshops))
        except RangeError as error:
            self._set_text("#ranges-error", str(error))
            return
        await self._change_plan(typed_ranges=text)

    @on(RouteFinder.Highlighted, "#route-finder")
    def _person_highlighted(self, event: RouteFinder.Highlighted) -> None:
        self._person = event.attendee
        self.refresh_bindings()

    @work(group="dialogs")
    async def action_add_workshop(self) -> None:
        from workshop_app.tui.screens.workshop_form import WorkshopForm

        if not self._writable("Workshop not added"):
            return
        others = list(self.inputs.workshops) if self.inputs else []
        workshop = await self.app.push_screen_wait(WorkshopForm(others))
        if workshop is not None and await self.session.save(workshop, origin=self):
            self.recalculate(recompute=True)

    @work(group="dialogs")
    async def action_add_round(self) -> None:
        from workshop_app.tui.screens.round_form import WorkshopRoundForm

        if not self._writable("Round not added"):
            return
        # Added to the saved rounds: the first one added replaces the rounds the split
        # uses while none is saved (one per workshop), as the rounds list says.
        others = list(self.inputs.rounds) if self.inputs else []
        added = await self.app.push_screen_wait(WorkshopRoundForm(others))
        if added is not None and await self.session.save(added, origin=self):
            self.recalculate(recompute=True)

    @work(group="dialogs")
    async def action_pin_person(self) -> None:
        from workshop_app.tui.screens.pin_dialog import PinDialog

        person, allocation = self._person_to_place("Pin"), self.allocation
        if person is None or allocation is None or not self._writable("Not pinned"):
            return
        choices = [
            (w.id, f"{w.title} ({w.room})" if w.room else w.title) for w in allocation.workshops
        ]
        current = next((p.workshop_id for p in allocation.pins if p.attendee_id == person.id), None)
        answer = await self.app.push_screen_wait(
            PinDialog(
                f"Pin {person.display_name or '(no name)'}",
                "Room for every round",
                choices,
                reason=person.access_needs,
                current=current,
            )
        )
        if answer is not None:
            pin = AllocationPin(attendee_id=person.id, workshop_id=answer[0], reason=answer[1])
            await self._replace_hand_placing(person.id, pin)

    @work(group="dialogs")
    async def action_move_person(self) -> None:
        from workshop_app.tui.screens.pin_dialog import PinDialog

        person, allocation = self._person_to_place("Move"), self.allocation
        if person is None or allocation is None or not self._writable("Not moved"):
            return
        choices = [(str(g), group_label(allocation, g)) for g in range(len(allocation.ranges))]
        group = allocation.group_of(person.id)
        answer = await self.app.push_screen_wait(
            PinDialog(
                f"Move {person.display_name or '(no name)'}",
                "Surname group to join",
                choices,
                current=None if group is None else str(group),
            )
        )
        if answer is not None:
            move = AllocationMove(
                attendee_id=person.id, group_index=int(answer[0]), reason=answer[1]
            )
            await self._replace_hand_placing(person.id, move)

    def _person_to_place(self, verb: str) -> Attendee | None:
        """Whom a pin or move is for: the highlighted row of the pinned list when it has
        the focus, else the person highlighted among the names found. With nobody
        highlighted, say how to choose someone and go to the search box."""
        pins = self.query_one(PinTable)
        if pins.has_focus and self.inputs is not None and (key := pins.highlighted_key):
            hand = next((r for r in (*self.inputs.pins, *self.inputs.moves) if r.id == key), None)
            who = next(
                (a for a in self.inputs.attendees if hand and a.id == hand.attendee_id), None
            )
            if who is not None:
                return who
        if self._person is not None:
            return self._person
        binding_id = "workshops.pin" if verb == "Pin" else "workshops.move"
        self.notify(
            f"Type part of their name here, press ⏎ to highlight them, "
            f"then press {key_display(self, binding_id)}.",
            title=f"{verb} whom?",
        )
        self.action_find()
        return None

    async def _replace_hand_placing(self, attendee_id: str, record: Record) -> None:
        """One pin or move per person: the new one replaces what they had, in one save."""
        if self.inputs is None:
            return
        old = [r for r in (*self.inputs.pins, *self.inputs.moves) if r.attendee_id == attendee_id]
        deletes = [(type(r), r.id) for r in old if r.id != record.id]
        if await self.session.apply([record], deletes, origin=self):
            self.recalculate(recompute=False)

    # -- set-up lists ----------------------------------------------------------------------

    @on(SetupTable.Edit, "#workshop-table")
    @work(group="dialogs")
    async def _edit_workshop(self, event: SetupTable.Edit) -> None:
        from workshop_app.tui.screens.workshop_form import WorkshopForm

        if self.inputs is None or not self._writable("Workshop not changed"):
            return
        editing = next((w for w in self.inputs.workshops if w.id == event.key), None)
        if editing is not None:
            changed = await self.app.push_screen_wait(WorkshopForm(self.inputs.workshops, editing))
            if changed is not None and await self.session.save(changed, origin=self):
                self.recalculate(recompute=True)

    @on(SetupTable.Edit, "#round-table")
    @work(group="dialogs")
    async def _edit_round(self, event: SetupTable.Edit) -> None:
        from workshop_app.tui.screens.round_form import WorkshopRoundForm

        if self.inputs is None or not self._writable("Round not changed"):
            return
        in_use = self.inputs.rounds_in_use
        editing = next((r for r in in_use if r.id == event.key), None)
        if editing is not None:
            changed = await self.app.push_screen_wait(WorkshopRoundForm(in_use, editing))
            if changed is None:
                return
            # A round not saved yet is saved with all the others the split uses.
            rounds = (
                [changed]
                if is_saved(editing)
                else [changed if r.id == editing.id else r for r in in_use]
            )
            if await self.session.save(*as_records(rounds), origin=self):
                self.recalculate(recompute=True)

    @on(SetupTable.Delete)
    @work(group="dialogs")
    async def _delete_row(self, event: SetupTable.Delete) -> None:
        """Delete a workshop, round, pin or move, after saying what goes with it."""
        from workshop_app.tui.widgets.workshop_details import deletion_plan

        if self.inputs is None or not self._writable("Not deleted"):
            return
        plan = deletion_plan(self.inputs, event.control.id or "", event.key)
        if plan is None:
            return
        from workshop_app.tui.screens.confirm import ConfirmDialog

        if not await self.app.push_screen_wait(
            ConfirmDialog(plan.title, plan.message, confirm="Delete", danger=True)
        ):
            return
        deletes = [(type(record), record.id) for record in plan.deleted]
        if await self.session.apply(plan.saved, deletes, origin=self, failed="Not deleted"):
            self.recalculate(recompute=plan.recompute)

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.inputs is None or self.allocation is None:
            return
        if self._exporting:
            self.notify("An export is already running.", title="Export")
            return
        try:
            name = self.session.event.name
        except EventUnreadable as error:  # the event's own record is damaged
            self.notify(str(error), title="Not exported", severity="error", timeout=15)
            return
        self._exporting = True
        self.notify("Writing signs, door lists and the CSV…", title="Export")
        stem = self.session.path.stem
        self.export_files(self.inputs, self.allocation, self.exports_folder, stem, name)

    @work(thread=True, group="export")
    def export_files(
        self, inputs: PlanInputs, allocation: Allocation, folder: Path, stem: str, event_name: str
    ) -> None:
        """Write the files in a thread; the screen keeps working meanwhile."""
        from workshop_app.io.workshop_exports import export_workshops

        try:
            paths = export_workshops(inputs, allocation, folder, stem, event_name)
        except OSError as error:
            self.app.call_from_thread(self._export_done, [], str(error))
            return
        self.app.call_from_thread(self._export_done, paths, "")

    def _export_done(self, paths: list[Path], problem: str) -> None:
        self._exporting = False
        if problem:
            self.notify(problem, title="Not exported", severity="error", timeout=15)
            return
        names = "\n".join(p.name for p in paths)
        self.notify(
            f"{names}\nin {paths[0].parent}\nOnly you can read them.",
            title="Workshop files exported",
            timeout=12,
        )
