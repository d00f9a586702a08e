"""Edit everything the desk knows about one attendee.

Compact one-line fields in a label/field grid, so all of them fit on an 80x24 screen
without scrolling. Saving uses `Attendee.edited`, which keeps the id and `created` (a
later re-import still recognises the person) and stamps `updated`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from workshop_app.core.clock import now_iso
from workshop_app.core.models import Attendee, Sector
from workshop_app.tui.formatting import clock_time, plain
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

# (field, label) of the text fields, in the order the form shows them.
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("first_name", "First name"),
    ("surname", "Surname"),
    ("organisation", "Organisation"),
    ("role", "Role"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("access_needs", "Access needs"),
    ("notes", "Notes"),
)
CONSENTS: tuple[tuple[str, str], ...] = (
    ("consent_share_contact", "Contact details may be shared with stallholders"),
    ("consent_photos", "Photos may be taken"),
)


class AttendeeForm(FormDialog[Attendee]):
    """Edit one attendee; dismiss with the saved attendee, or None when cancelled.

    Args:
        session: the open event.
        attendee: who is edited.
        shown_by: the view that shows the edit once saved (the desk).
    """

    # Escape cancels, as in every form (FormDialog).
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save these details (Enter does the same)",
            id="form.save",
        ),
    ]

    def __init__(
        self, session: EventSession, attendee: Attendee, *, shown_by: object | None = None
    ) -> None:
        super().__init__(shown_by=shown_by)
        self._session = session
        self.attendee = attendee

    def compose(self) -> ComposeResult:
        person = self.attendee
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = plain(f"Edit {person.display_name or 'attendee'}")
            with Grid(id="attendee-fields"):
                for field, label in TEXT_FIELDS:
                    yield Label(label)
                    yield Input(getattr(person, field), id=field, compact=True)
                    if field == "role":
                        yield Label("Sector")
                        yield Select(
                            [(s.value, s.value) for s in Sector],
                            value=_known_sector(person.sector),
                            allow_blank=False,
                            id="sector",
                            compact=True,
                        )
                yield Label("Consents")
                with Vertical(classes="checks"):
                    for field, label in CONSENTS:
                        yield Checkbox(label, getattr(person, field), id=field, compact=True)
                yield Label("Desk")
                yield Checkbox(
                    _arrival_label(person), person.checked_in, id="checked_in", compact=True
                )
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield AppFooter()

    def changes(self) -> dict[str, Any]:
        """The fields as typed, tidied; only those that differ from the saved attendee."""
        typed: dict[str, Any] = {
            field: " ".join(self.query_one(f"#{field}", Input).value.split())
            for field, _ in TEXT_FIELDS
            if field != "notes"
        }
        typed["notes"] = self.query_one("#notes", Input).value.strip()
        typed["sector"] = str(self.query_one("#sector", Select).value)
        for field, _ in CONSENTS:
            typed[field] = self.query_one(f"#{field}", Checkbox).value
        checked_in = self.query_one("#checked_in", Checkbox).value
        if checked_in != self.attendee.checked_in:
            typed["checked_in_at"] = now_iso() if checked_in else ""
        return {k: v for k, v in typed.items() if getattr(self.attendee, k) != v}

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        changes = self.changes()
        first = changes.get("first_name", self.attendee.first_name)
        surname = changes.get("surname", self.attendee.surname)
        email = changes.get("email", "")
        if not (first or surname):
            self._show_error("Type a first name or a surname.")
            return
        if email and ("@" not in email or " " in email):
            self._show_error(f"{email!r} does not look like an email address.")
            return
        if not changes:
            self.dismiss(None)
            return
        self._save_and_close(self._session, self.attendee.edited(**changes))


def _known_sector(sector: str) -> str:
    known = {s.value for s in Sector}
    return sector if sector in known else Sector.OTHER.value


def _arrival_label(attendee: Attendee) -> str:
    if not attendee.checked_in:
        return "Checked in" + (" (walk-in)" if attendee.walk_in else "")
    label = f"Checked in at {clock_time(attendee.checked_in_at)}"
    return label + (" (walk-in)" if attendee.walk_in else "")
