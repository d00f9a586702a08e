"""Small dialogs of the Tables feature: pick one of a list, type one line, a table's and
a round's details. Each returns its answer with `dismiss`, or None when cancelled.

Validation happens here, next to the field, so bad input shows a message and the
dialog stays open: nothing is saved until the values make sense. All of them are
`FormDialog`s, so Escape cancels everywhere; the text and the details forms have a
visible Save button, ctrl+s from any field, and Enter on the last field saves.
The table and round forms save through the event's session themselves and close once
it is durable: a refused save keeps what was typed in the form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from workshop_app.core.models import DiscussionRound, DiscussionTable
from workshop_app.tui.formatting import plain
from workshop_app.tui.screens.form_dialog import FormDialog
from workshop_app.tui.widgets.app_footer import AppFooter

if TYPE_CHECKING:
    from workshop_app.tui.event_session import EventSession

T = TypeVar("T")


def _buttons() -> Horizontal:
    return Horizontal(
        Button("Save", id="submit", variant="primary"),
        Button("Cancel", id="cancel"),
        classes="buttons",
    )


class PickDialog(FormDialog[str]):
    """Choose one of `choices` (id, label) with the arrows and Enter."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="table-dialog")
        self._title = title
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield OptionList(*(Option(plain(label), id=key) for key, label in self._choices))
        yield AppFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "submit"  # Enter picks; there is nothing to save

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class TextDialog(FormDialog[str]):
    """One line of text; `check` turns it into an error message or "" when it is fine."""

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(classes="table-dialog")
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Input(self._value, placeholder=self._placeholder, id="dialog-text")
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield _buttons()
        yield AppFooter()

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def _submitted(self) -> None:
        text = self.query_one("#dialog-text", Input).value.strip()
        problem = "Type something first, or press Escape." if not text else ""
        if not problem and self._check is not None:
            problem = self._check(text)
        if problem:
            self._show_error(problem)
            return
        self.dismiss(text)


class _DetailsForm(FormDialog[T]):
    """A table's or a round's details: Enter moves from field to field and saves on the
    last one; the Save button and ctrl+s save from any field; Escape cancels."""

    def __init__(self, session: EventSession, title: str, *, shown_by: object = None) -> None:
        super().__init__(classes="table-dialog", shown_by=shown_by)
        self._session = session
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield from self.fields()
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield _buttons()
        yield AppFooter()

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        if self._is_last_field(event.input):
            self.action_submit()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        problem, answer = self.checked()
        if problem or answer is None:
            self._show_error(problem)
        else:
            self._save_and_close(self._session, answer)

    def checked(self) -> tuple[str, T | None]:
        """What is wrong ("" when nothing is) and the edited record."""
        raise NotImplementedError


class TableForm(_DetailsForm[DiscussionTable]):
    """A table's number, name and seats."""

    def __init__(
        self,
        session: EventSession,
        table: DiscussionTable,
        taken_numbers: set[int],
        *,
        shown_by: object = None,
    ) -> None:
        super().__init__(session, "Table", shown_by=shown_by)
        self._table = table
        self._taken = taken_numbers

    def fields(self) -> ComposeResult:
        yield Label("Number on its sign")
        yield Input(str(self._table.number), id="table-number", type="integer")
        yield Label("Name (optional), e.g. a local place")
        yield Input(self._table.name, id="table-name", max_length=40)
        yield Label("Seats")
        yield Input(str(self._table.size), id="table-size", type="integer")

    def checked(self) -> tuple[str, DiscussionTable | None]:
        number = _whole(self.query_one("#table-number", Input).value)
        size = _whole(self.query_one("#table-size", Input).value)
        if number is None or number < 1:
            return "The table number is a whole number from 1.", None
        if number in self._taken:
            return f"There is already a table {number}.", None
        if size is None or not 1 <= size <= 100:
            return "A table has between 1 and 100 seats.", None
        name = " ".join(self.query_one("#table-name", Input).value.split())
        return "", self._table.edited(number=number, name=name, size=size)


class RoundForm(_DetailsForm[DiscussionRound]):
    """A round's question and minutes."""

    def __init__(
        self, session: EventSession, round_: DiscussionRound, title: str, *, shown_by: object = None
    ) -> None:
        super().__init__(session, title, shown_by=shown_by)
        self._round = round_

    def fields(self) -> ComposeResult:
        yield Label("The question the tables discuss")
        yield Input(self._round.prompt, id="round-prompt")
        yield Label("Minutes")
        yield Input(str(self._round.minutes), id="round-minutes", type="integer")

    def checked(self) -> tuple[str, DiscussionRound | None]:
        prompt = " ".join(self.query_one("#round-prompt", Input).value.split())
        minutes = _whole(self.query_one("#round-minutes", Input).value)
        if not prompt:
            return "Type the question the tables will discuss.", None
        if minutes is None or not 1 <= minutes <= 240:
            return "A round lasts between 1 and 240 minutes.", None
        return "", self._round.edited(prompt=prompt, minutes=minutes)


def _whole(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None
