"""The Assets tab: the community groups taking part, with what each of them does."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop_app.core.models import CommunityGroup
from workshop_app.tui.formatting import count


class GroupsPane(VerticalScroll):
    """The groups who map their assets together at a roadshow."""

    def __init__(self, groups: Sequence[CommunityGroup], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._groups = sorted(groups, key=lambda g: g.name.casefold())

    def compose(self) -> ComposeResult:
        if not self._groups:
            yield Static("No community groups yet.", classes="pane-summary")
            return
        yield Static(
            f"{count(len(self._groups), 'community group')} bring their assets to the session",
            classes="pane-summary",
        )
        for group in self._groups:
            yield Static(group.name, classes="item-title", markup=False)
            about = group.description or "No description yet."
            if group.contact_name:
                about += f"\nContact: {group.contact_name}"
            yield Static(about, classes="item-body", markup=False)
