"""The Market place tab: the community groups as stallholders, and who they want to recruit."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from workshop_app.core.models import CommunityGroup
from workshop_app.tui.formatting import count


class StallsPane(Vertical):
    """One stall per group: what volunteers it is looking for."""

    def __init__(self, groups: Sequence[CommunityGroup], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._groups = sorted(groups, key=lambda g: g.name.casefold())

    def compose(self) -> ComposeResult:
        if not self._groups:
            yield Static("No stallholders yet.", classes="pane-summary")
            return
        recruiting = sum(1 for g in self._groups if g.looking_for)
        yield Static(
            f"{count(len(self._groups), 'stall')} · {recruiting} looking for volunteers",
            classes="pane-summary",
        )
        yield DataTable(id="stall-table", cursor_type="row")

    def on_mount(self) -> None:
        if not self._groups:
            return
        table = self.query_one("#stall-table", DataTable)
        table.add_column("Stall", key="stall")
        table.add_column("Looking for", key="looking_for")
        table.add_column("Contact", key="contact")
        for group in self._groups:
            table.add_row(
                Text(group.name),
                Text(group.looking_for or "not recruiting"),
                Text(group.contact_name),
                key=group.id,
            )
