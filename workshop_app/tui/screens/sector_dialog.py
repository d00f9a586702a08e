"""Choose one sector for everyone from one organisation (imported lists leave it blank)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.core.models import Attendee, Sector
from workshop_app.tui.formatting import plain
from workshop_app.tui.widgets.app_footer import AppFooter


class SectorDialog(ModalScreen[str | None]):
    """Pick the sector for `people` (all from `organisation`); dismisses it, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close; nothing changes", id="dialog.cancel"),
        Binding(
            "enter",
            "choose",
            "Set sector",
            tooltip="Give everyone listed this sector",
            id="desk.sector-choose",
        ),
    ]

    def __init__(self, organisation: str, people: Sequence[Attendee]) -> None:
        super().__init__()
        self.organisation = organisation
        self.people = tuple(people)

    def compose(self) -> ComposeResult:
        counts = Counter(a.sector for a in self.people)
        now = " · ".join(f"{sector} {n}" for sector, n in counts.most_common())
        one = len(self.people) == 1
        message = (
            f"{len(self.people)} {'person' if one else 'people'} from "
            f"{self.organisation}. Sector now: {now}."
        )
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = plain(f"Set sector for all of {self.organisation}")
            yield Static(plain(message), id="sector-message")
            yield OptionList(
                *(Option(sector.value, id=sector.value) for sector in Sector), id="sectors"
            )
        yield AppFooter()

    def on_mount(self) -> None:
        sectors = self.query_one(OptionList)
        most = Counter(a.sector for a in self.people if a.sector != Sector.OTHER).most_common(1)
        sectors.highlighted = sectors.get_option_index(most[0][0]) if most else 0
        sectors.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self) -> None:
        # Enter on the list selects before this binding is reached; the binding is what
        # the footer and the command palette offer, and both run this.
        sectors = self.query_one(OptionList)
        if sectors.highlighted is not None:
            self.dismiss(sectors.get_option_at_index(sectors.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
