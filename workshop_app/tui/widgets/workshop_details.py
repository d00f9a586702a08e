"""The lower half of the Workshops tab: the set-up lists and the people who need attention.

Workshops, rounds, pins and moves, people who need a surname, and people filed under a
Latin spelling of their name (so the facilitator can explain it at the desk).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from workshop_app.core.allocation import Allocation
from workshop_app.core.models import Record
from workshop_app.core.surnames import key_for_name
from workshop_app.core.workshop_plan import PlanInputs, as_records, group_label, is_saved
from workshop_app.core.workshop_setup import renumbered
from workshop_app.tui.keys import with_keys
from workshop_app.tui.widgets.workshop_setup_tables import (
    PinTable,
    RoundTable,
    SetupTable,
    WorkshopTable,
)

MAX_LISTED = 30


class WorkshopDetails(Vertical):
    """Set-up lists; the tables post Edit/Delete messages that the pane handles."""

    def compose(self) -> ComposeResult:
        # Each heading quotes the keys as the footer shows them (a keymap may move them).
        yield self._heading(
            "Workshops · {workshops.add-workshop} add · {workshops.edit-workshop} edit · "
            "{workshops.delete-workshop} delete",
            WorkshopTable,
        )
        yield WorkshopTable(id="workshop-table")
        yield self._heading(
            "Rounds · {workshops.add-round} add · {workshops.edit-round} edit · "
            "{workshops.delete-round} delete",
            RoundTable,
        )
        yield RoundTable(id="round-table")
        yield Static("", id="rounds-note", classes="pane-note", markup=False)
        yield self._heading(
            "Pinned and moved · {workshops.pin} pin · {workshops.move} move · "
            "{workshops.remove-pin} remove",
            PinTable,
        )
        yield PinTable(id="pin-table")
        yield Static("", id="no-pins", classes="pane-note", markup=False)
        yield Label("Needs a surname", classes="ws-heading", id="unplaced-heading")
        yield Static("", id="unplaced", classes="pane-note", markup=False)
        yield Label("Filed by a Latin spelling", classes="ws-heading", id="spelled-heading")
        yield Static("", id="spelled", classes="pane-note", markup=False)

    def _heading(self, text: str, table: type[SetupTable]) -> Label:
        """A list's heading, with the pane's keys and the list's own (`table`'s)."""
        return Label(with_keys(self, text, table), classes="ws-heading")

    def show(self, inputs: PlanInputs, allocation: Allocation | None) -> None:
        self.query_one(WorkshopTable).fill(
            ["Workshop", "Room", "Lead", "Places"],
            [
                (
                    w.id,
                    [
                        w.title,
                        w.room or "no room yet",
                        w.lead,
                        str(w.capacity) if w.capacity else "not set",
                    ],
                )
                for w in inputs.workshops
            ],
        )
        rounds = inputs.rounds_in_use
        self.query_one(RoundTable).fill(
            ["Round", "Starts", "Ends"],
            [
                (r.id, [f"Round {n}", r.starts or "—", r.ends or "—"])
                for n, r in enumerate(rounds, start=1)
            ],
        )
        unsaved = rounds and not is_saved(rounds[0])
        self._set_note(
            "rounds-note",
            with_keys(
                self,
                f"Not saved yet: the split uses one round per workshop ({len(rounds)}) until "
                "you set their times ({workshops.edit-round} on a round) or add your own "
                "rounds ({workshops.add-round}).",
                RoundTable,
            )
            if unsaved
            else "",
        )
        names = {a.id: a.display_name or "(no name)" for a in inputs.attendees}
        titles = {w.id: w.title for w in inputs.workshops}
        rows = [
            (
                p.id,
                [
                    names.get(p.attendee_id, "someone not on the list"),
                    f"pinned to {titles.get(p.workshop_id, 'a workshop that is gone')}",
                    p.reason,
                ],
            )
            for p in inputs.pins
        ]
        rows += [
            (
                m.id,
                [
                    names.get(m.attendee_id, "someone not on the list"),
                    f"moved to {_group(allocation, m.group_index)}",
                    m.reason,
                ],
            )
            for m in inputs.moves
        ]
        pins = self.query_one(PinTable)
        pins.fill(["Person", "Where", "Why"], rows)
        pins.display = bool(rows)
        self.query_one("#no-pins", Static).update(
            ""
            if rows
            else with_keys(
                self,
                "Nobody pinned or moved. Find a name ({workshops.find}), "
                "then {workshops.pin} or {workshops.move}.",
            )
        )
        unplaced = allocation.unplaced if allocation else ()
        self._list(
            "unplaced",
            [
                f"{a.organisation or a.email or a.attendee_number or a.id} (no name to file under)"
                for a in unplaced
            ],
        )
        spelled = []
        particles = inputs.plan.particles_last
        for person in inputs.attendees:
            if not (person.surname + person.first_name).isascii():
                key = key_for_name(person.first_name, person.surname, particles)
                if key.transliterated_from:
                    spelled.append(f"{person.display_name}: {key.explain()}")
        self._list("spelled", spelled)

    def _set_note(self, name: str, text: str) -> None:
        note = self.query_one(f"#{name}", Static)
        note.update(text)
        note.display = bool(text)

    def _list(self, name: str, lines: list[str]) -> None:
        more = len(lines) - MAX_LISTED
        text = "\n".join(lines[:MAX_LISTED]) + (f"\n… and {more} more" if more > 0 else "")
        self.query_one(f"#{name}", Static).update(text)
        self.query_one(f"#{name}").display = bool(lines)
        self.query_one(f"#{name}-heading").display = bool(lines)


def _group(allocation: Allocation | None, index: int) -> str:
    if allocation is None or index >= len(allocation.ranges):
        return f"group {index + 1}, which does not exist now"
    return group_label(allocation, index)


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting one row means: what to ask, what goes, what is saved (renumbered)."""

    title: str
    message: str
    deleted: tuple[Record, ...]
    saved: tuple[Record, ...] = ()
    recompute: bool = True


def deletion_plan(inputs: PlanInputs, table_id: str, key: str) -> DeletionPlan | None:
    """The deletion of row `key` of the table `table_id`; None when the row is gone."""
    if table_id == "workshop-table":
        workshop = next((w for w in inputs.workshops if w.id == key), None)
        if workshop is None:
            return None
        pins = tuple(p for p in inputs.pins if p.workshop_id == key)
        also = f"\n{len(pins)} people pinned to it will be unpinned." if pins else ""
        return DeletionPlan(
            "Delete workshop",
            f"Delete {workshop.title}? The surname ranges will be chosen again.{also}",
            (workshop, *pins),
        )
    if table_id == "round-table":
        in_use = inputs.rounds_in_use
        gone = next((r for r in in_use if r.id == key), None)
        if gone is None:
            return None
        rest = as_records(renumbered(r for r in in_use if r.id != key))
        deleted = (gone,) if is_saved(gone) else ()  # the others are saved in its place
        return DeletionPlan("Delete round", f"Delete {gone.label}?", deleted, tuple(rest))
    hand = next((r for r in (*inputs.pins, *inputs.moves) if r.id == key), None)
    if hand is None:
        return None
    names = {a.id: a.display_name for a in inputs.attendees}
    who = names.get(hand.attendee_id) or "this person"
    return DeletionPlan(
        "Remove pin or move",
        f"Put {who} back in their surname group?",
        (hand,),
        recompute=False,
    )
