"""Search a name, see their route: "Workshop A then Workshop B", and why they are filed there."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.core.allocation import Allocation
from workshop_app.core.models import Attendee
from workshop_app.core.search import SearchIndex
from workshop_app.core.workshop_plan import PlanInputs, find_people, route_for, route_lines
from workshop_app.tui.formatting import plain

MAX_MATCHES = 50


class LeavingInput(Input):
    """An input that Escape leaves (back to the table) instead of closing the event."""

    BINDINGS = [
        Binding(
            "escape", "leave", "Back", tooltip="Back to the rooms table", id="workshops.leave-box"
        )
    ]

    class Left(Message):
        """The user pressed Escape in the input."""

        def __init__(self, box: LeavingInput) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> LeavingInput:
            return self.box

    def action_leave(self) -> None:
        self.post_message(self.Left(self))


class RouteFinder(Vertical):
    """A search box, the people it finds with their routes, and the highlighted one's details.

    Posts `RouteFinder.Highlighted` when the highlighted person changes, so the pane knows
    whom the pin and move keys are for.
    """

    class Highlighted(Message):
        """The person highlighted among those found changed (None: nobody now)."""

        def __init__(self, finder: RouteFinder, attendee: Attendee | None) -> None:
            super().__init__()
            self.finder = finder
            self.attendee = attendee

        @property
        def control(self) -> RouteFinder:
            return self.finder

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._inputs: PlanInputs | None = None
        self._allocation: Allocation | None = None
        self._index: SearchIndex | None = None
        self._matches: list[Attendee] = []
        self.selected: Attendee | None = None
        """The highlighted person, if any."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="ws-field"):
            yield Label("Find a name", classes="ws-field-label")
            yield LeavingInput(placeholder="type part of a name, e.g. okafor", id="find-name")
        yield OptionList(id="matches")
        yield Static("", id="route", markup=False)

    def show(self, inputs: PlanInputs, allocation: Allocation | None, index: SearchIndex) -> None:
        """New data after a recompute: search again for what is typed."""
        self._inputs, self._allocation, self._index = inputs, allocation, index
        self._search(self.query_one("#find-name", Input).value)

    def focus_search(self) -> None:
        self.query_one("#find-name", Input).focus()

    @on(Input.Changed, "#find-name")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#find-name")
    def _to_matches(self) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.option_count:
            matches.focus()

    def _search(self, query: str) -> None:
        matches = self.query_one("#matches", OptionList)
        kept = self.selected.id if self.selected else None
        people: list[Attendee] = []
        if self._inputs is not None and query.strip():
            people = find_people(self._inputs.attendees, query, self._index)
        self._matches = people[:MAX_MATCHES]
        matches.clear_options()
        matches.add_options(Option(plain(self._label(p)), id=p.id) for p in self._matches)
        matches.display = bool(self._matches)
        ids = [p.id for p in self._matches]
        if self._matches:
            matches.highlighted = ids.index(kept) if kept in ids else 0
        more = len(people) - len(self._matches)
        self._describe(
            self._matches[matches.highlighted or 0] if self._matches else None,
            nobody=bool(query.strip()) and not people,
            more=more,
        )

    def _label(self, person: Attendee) -> str:
        name = ", ".join(p for p in (person.surname, person.first_name) if p) or "(no name)"
        if self._allocation is None:
            return name
        route = [self._allocation.workshops[w].title for w in route_for(self._allocation, person)]
        return f"{name} — {' then '.join(route) or 'needs a surname'}"

    @on(OptionList.OptionHighlighted, "#matches")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        person = next((p for p in self._matches if p.id == event.option.id), None)
        self._describe(person)

    def _describe(self, person: Attendee | None, *, nobody: bool = False, more: int = 0) -> None:
        route = self.query_one("#route", Static)
        if person != self.selected:
            self.selected = person
            self.post_message(self.Highlighted(self, person))
        if person is None or self._inputs is None or self._allocation is None:
            route.update("Nobody on the list matches that." if nobody else "")
            return
        lines = [person.display_name or "(no name)"]
        lines += route_lines(self._inputs, self._allocation, person) or ("Not placed yet.",)
        lines.append(self._allocation.key_for(person).explain())
        if person.id in self._allocation.pinned_by_attendee:
            lines.append("Pinned to this room for every round.")
        if not (person.checked_in or not self._inputs.plan.only_checked_in):
            lines.append("Not checked in, so not counted yet.")
        if more:
            lines.append(f"{more} more match: type more of the name.")
        route.update("\n".join(lines))
