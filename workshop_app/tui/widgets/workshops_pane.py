"""The Workshops tab: each workshop's room, lead and capacity, in programme order."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from workshop_app.core.models import Workshop
from workshop_app.tui.formatting import count


class WorkshopsPane(Vertical):
    """The workshops of the event, read-only for now."""

    def __init__(self, workshops: Sequence[Workshop], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._workshops = sorted(workshops, key=lambda w: (w.position, w.title.casefold()))

    def compose(self) -> ComposeResult:
        yield Static(self._summary(), classes="pane-summary", markup=False)
        if self._workshops:
            yield DataTable(id="workshop-table", cursor_type="row")

    def on_mount(self) -> None:
        if not self._workshops:
            return
        table = self.query_one("#workshop-table", DataTable)
        table.add_column("Workshop", key="title")
        table.add_column("Room", key="room")
        table.add_column("Lead", key="lead")
        table.add_column(Text("Places", justify="right"), key="capacity")
        for workshop in self._workshops:
            table.add_row(
                Text(workshop.title),
                Text(workshop.room or "no room yet"),
                Text(workshop.lead),
                Text(str(workshop.capacity) if workshop.capacity else "not set", justify="right"),
                key=workshop.id,
            )

    def _summary(self) -> str:
        if not self._workshops:
            return "No workshops yet."
        places = sum(w.capacity for w in self._workshops)
        unset = sum(1 for w in self._workshops if not w.capacity)
        text = f"{count(len(self._workshops), 'workshop')} · {count(places, 'place')} in each round"
        if unset:
            text += f" ({count(unset, 'workshop')} without a capacity)"
        return text
