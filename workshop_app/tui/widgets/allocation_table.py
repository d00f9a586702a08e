"""Rooms by rounds: which surnames are in each room in each round, and how many people."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from workshop_app.core.allocation import Allocation
from workshop_app.core.workshop_plan import PlanInputs, group_in


class AllocationTable(DataTable[Text]):
    """One row per workshop, one column per round; a cell says "A–J  34/40".

    A room over capacity in a round is shown in the error colour with a "!" so it is
    seen without colour too.
    """

    DEFAULT_CSS = """
    AllocationTable > .allocation-table--over {
        color: $text-error;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"allocation-table--over"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, header_height=2)

    def show(self, allocation: Allocation | None, inputs: PlanInputs | None) -> None:
        """Rebuild from `allocation`, keeping the cursor where it was."""
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        if allocation is None or inputs is None:
            return
        self.add_column(Text("Workshop\nroom"), key="workshop")
        for t in range(allocation.rounds):
            label = inputs.round_label(t).replace(", ", "\n", 1)
            self.add_column(Text(label), key=f"round-{t}")
        over_style = self.get_component_rich_style("allocation-table--over", partial=True)
        for w, workshop in enumerate(allocation.workshops):
            cells = [Text(workshop.title + (f"\n{workshop.room}" if workshop.room else ""))]
            for t in range(allocation.rounds):
                span = allocation.ranges[group_in(allocation, w, t)].label
                count = allocation.counts[t][w]
                places = f"/{workshop.capacity}" if workshop.capacity else ""
                over = 0 < workshop.capacity < count
                text = Text(f"{span}\n{count}{places} people" + (" !" if over else ""))
                if over:
                    text.stylize(over_style)
                cells.append(text)
            self.add_row(*cells, key=workshop.id, height=2)
        if self.row_count:
            self.cursor_coordinate = self.validate_cursor_coordinate(cursor)
