"""Prioritising with dots ("pin point"): pick a voter (a table or a person), put dots on
themes and actions within their budget, see the ranking and who voted change live.

Every dot is its own `Vote` record, saved before the ranking moves, so the tally can be
audited and a mistaken dot taken back (w), one at a time or all of them (W).
The voters (tables, and everyone checked in) are read once, in a thread: an event can
hold thousands of people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.core import discussion as rules
from workshop_app.core import discussion_edits as edits
from workshop_app.core.discussion import Action, Theme, Vote, VoterKind
from workshop_app.core.dot_budget import DotBudget, budget_of, parse_dots
from workshop_app.core.models import Attendee, DiscussionTable
from workshop_app.tui.screens.table_dialogs import TextDialog
from workshop_app.tui.widgets.app_footer import AppFooter

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

AUDIT_LINES = 200
AUDIT_SHOWN = 2  # the latest casts fit under the ranking even at 80 by 24


class VotingScreen(Screen[None]):
    """Voters on the left, themes and actions ranked by dots, the audit list below."""

    BINDINGS = [
        Binding(
            "d",
            "dot",
            "Place dot",
            tooltip="Put one of the voter's dots on the highlighted item",
            id="dots.place",
        ),
        Binding(
            "w",
            "withdraw_dot",
            "Take back",
            tooltip="Take back one of the voter's dots on the highlighted item",
            id="dots.take-back",
        ),
        Binding(
            "W",
            "withdraw_all",
            "Take back all",
            tooltip="Take back all the voter's dots on the highlighted item",
            show=False,
            id="dots.take-back-all",
        ),
        Binding(
            "b", "budget", "Budget", tooltip="Set how many dots each voter has", id="dots.budget"
        ),
        Binding(
            "k",
            "voter_kind",
            "Tables/people",
            tooltip="Switch between tables and people voting",
            id="dots.voters",
        ),
        Binding("escape", "close", "Done", tooltip="Back to the Tables tab", id="dots.done"),
    ]

    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.budget = DotBudget()
        self.votes: list[Vote] = []
        self._targets: dict[str, Theme | Action] = {}
        self._tables: dict[str, str] = {}  # id -> label, in table-number order
        self._people: dict[str, str] = {}  # the checked-in people: id -> name
        self._voter_names: dict[str, str] = {}  # both, for the audit

    def compose(self) -> ComposeResult:
        yield Static("", id="voting-budget", markup=False)
        with Horizontal(id="voting-body"):
            with Vertical(id="voting-voters"):
                yield Static("Who is voting", classes="grid-heading")
                yield OptionList(id="voter-list")
            with Vertical(id="voting-targets"):
                yield Static("Ranking (live)", classes="grid-heading")
                yield DataTable(id="target-list", cursor_type="row", zebra_stripes=True)
                yield Static("", id="target-in-full", markup=False)
        yield Static("", id="voting-audit", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.budget = budget_of(self.session.all(DotBudget))
        voters = self.query_one("#voter-list", OptionList)
        voters.loading = True
        voters.focus()
        self.read_voters()
        self.reload()
        self.call_after_refresh(self.reload)  # again, now that the width is known

    def on_resize(self) -> None:
        self.call_after_refresh(self.reload)

    @work(thread=True, exclusive=True, group="voters")
    def read_voters(self) -> None:
        """Read the tables and the people checked in, once: the voters of either kind."""
        tables = sorted(self.session.all(DiscussionTable), key=lambda t: t.number)
        people = sorted(
            (a for a in self.session.all(Attendee) if a.checked_in),
            key=lambda a: a.display_name,
        )
        self.app.call_from_thread(
            self._voters_read,
            {t.id: t.label for t in tables},
            {a.id: a.display_name for a in people},
        )

    def _voters_read(self, tables: dict[str, str], people: dict[str, str]) -> None:
        self._tables, self._people = tables, people
        self._voter_names = {**tables, **people}
        self.query_one("#voter-list", OptionList).loading = False
        self._fill_voters()
        self.reload()  # the audit names the voters

    def _fill_voters(self) -> None:
        shown = self._people if self.budget.voter_kind == VoterKind.PERSON else self._tables
        voters = self.query_one("#voter-list", OptionList)
        voters.clear_options()
        voters.add_options([Option(Text(name), id=voter_id) for voter_id, name in shown.items()])
        if voters.option_count:
            voters.highlighted = 0

    def reload(self) -> None:
        themes = sorted(self.session.all(Theme), key=lambda t: t.position)
        actions = self.session.all(Action)
        self.votes = sorted(self.session.all(Vote), key=lambda v: v.created)
        self._targets = {t.id: t for t in (*themes, *actions)}
        dots = rules.dots_by_target(self.votes)
        theme_names = {t.id: t.name for t in themes}
        ranked = sorted(
            self._targets.values(), key=lambda x: (-dots.get(x.id, 0), _name(x).casefold())
        )
        table = self.query_one("#target-list", DataTable)
        # The ranking re-sorts after every dot: the cursor follows the item it was on,
        # so a second dot lands where the first did, wherever that item has moved.
        followed = self._target()
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Dots", key="dots", width=4)
        table.add_column("Kind", key="kind", width=6)
        name_width = max(table.size.width - 4 - 6 - 3 * 2 - 2, 20)  # the rest of the width
        table.add_column("Theme or action", key="name", width=name_width)
        for target in ranked:
            kind = "theme" if isinstance(target, Theme) else "action"
            name = (
                _name(target)
                if isinstance(target, Theme)
                else f"{_name(target)} ({theme_names.get(target.theme_id, '?')})"
            )
            table.add_row(
                str(dots.get(target.id, 0)),
                kind,
                Text(name, no_wrap=True, overflow="ellipsis"),
                key=target.id,
            )
        if followed is not None and followed.id in self._targets:
            row = table.get_row_index(followed.id)
        table.move_cursor(row=min(row, max(table.row_count - 1, 0)))
        self._show_target_in_full()
        self._show_budget()
        audit = [
            f"{self._voter_names.get(v.voter, v.voter)} → "
            f"{self._target_name(v.target_id)} ({v.dots})"
            for v in reversed(self.votes[-AUDIT_LINES:])
        ]
        shown = "; ".join(audit[:AUDIT_SHOWN]) + (
            f"; {len(audit) - AUDIT_SHOWN} more" if len(audit) > AUDIT_SHOWN else ""
        )
        self.query_one("#voting-audit", Static).update(
            f"Who voted (latest first): {shown or 'nobody yet'}"
        )

    @on(DataTable.RowHighlighted, "#target-list")
    def _show_target_in_full(self) -> None:
        """The highlighted theme or action in full: the ranking cuts long ones short."""
        target = self._target()
        line = ""
        if isinstance(target, Theme):
            line = f"Theme: {target.name}"
        elif target is not None:
            theme = self._targets.get(target.theme_id)
            line = f"Action: {target.text} (theme: {_name(theme) if theme else '?'})"
        self.query_one("#target-in-full", Static).update(line)

    def _target_name(self, target_id: str) -> str:
        target = self._targets.get(target_id)
        return _name(target) if target is not None else "(removed)"

    def _show_budget(self, problem: str = "") -> None:
        voter = self.voter_id
        kind = "table" if self.budget.voter_kind == VoterKind.TABLE else "person"
        line = f"Each {kind} has {self.budget.dots} dots"
        if voter:
            left = self.budget.dots - rules.dots_used(self.votes, voter)
            line += f" · {self._voter_names.get(voter, voter)}: {left} left"
        budget = self.query_one("#voting-budget", Static)
        budget.update(f"{line} · {problem}" if problem else line)
        budget.set_class(bool(problem), "-problem")

    @property
    def voter_id(self) -> str:
        voters = self.query_one("#voter-list", OptionList)
        if voters.highlighted is None or not voters.option_count:
            return ""
        return voters.get_option_at_index(voters.highlighted).id or ""

    @on(OptionList.OptionHighlighted, "#voter-list")
    def _voter_changed(self) -> None:
        self._show_budget()

    def _target(self) -> Theme | Action | None:
        table = self.query_one("#target-list", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._targets.get(str(key))

    async def action_dot(self) -> None:
        chosen = self._voter_and_target()
        if chosen is None:
            return
        voter, target = chosen
        try:
            votes = rules.cast_vote(
                self.votes, voter, target, self.budget.dots, voter_kind=self.budget.voter_kind
            )
        except ValueError as error:
            self._show_budget(str(error))
            self.notify(str(error), title="No dots left", severity="warning")
            return
        if await self.session.save(votes[-1], origin=self):
            self.reload()

    def _voter_and_target(self) -> tuple[str, Theme | Action] | None:
        voter, target = self.voter_id, self._target()
        if not voter or target is None:
            self.notify(
                "Highlight a voter and a theme or action (Tab moves between them).", title="Dots"
            )
            return None
        return voter, target

    async def action_withdraw_dot(self) -> None:
        """Take back the voter's latest dot on the item: one mistaken press, one dot."""
        chosen = self._voter_and_target()
        if chosen is None:
            return
        voter, target = chosen
        try:
            withdrawal = edits.withdraw_one_dot(self.votes, voter, target.id)
        except ValueError as error:
            self.notify(str(error), title="Dots")
            return
        saves = [withdrawal.changed] if withdrawal.changed is not None else []
        deletes = [] if saves else [(Vote, withdrawal.removed_vote_id)]
        if await self.session.apply(saves, deletes, origin=self, failed="Dot not taken back"):
            self.reload()

    async def action_withdraw_all(self) -> None:
        chosen = self._voter_and_target()
        if chosen is None:
            return
        voter, target = chosen
        gone = [v for v in self.votes if (v.voter, v.target_id) == (voter, target.id)]
        if not gone:
            self.notify("This voter has no dots on that item to take back.", title="Dots")
        elif await self.session.delete(
            Vote, *(v.id for v in gone), origin=self, failed="Dots not taken back"
        ):
            self.reload()

    @work
    async def action_budget(self) -> None:
        def check(text: str) -> str:
            try:
                parse_dots(text)
            except ValueError as error:
                return str(error)
            return ""

        text = await self.app.push_screen_wait(
            TextDialog("Dots per voter", value=str(self.budget.dots), check=check)
        )
        if text is not None:
            budget = self.budget.edited(dots=parse_dots(text))
            if await self.session.save(budget, origin=self):
                self.budget = budget
                self.reload()

    async def action_voter_kind(self) -> None:
        other = VoterKind.PERSON if self.budget.voter_kind == VoterKind.TABLE else VoterKind.TABLE
        budget = self.budget.edited(voter_kind=other.value)
        if await self.session.save(budget, origin=self):
            self.budget = budget
            self._fill_voters()
            self.reload()

    def action_close(self) -> None:
        self.dismiss(None)


def _name(target: Theme | Action) -> str:
    return target.name if isinstance(target, Theme) else target.text
