"""A list of attendees that draws only the rows on screen, however many match.

A DataTable refilled with 5,000 matches on every keystroke takes about 100 ms; this
widget takes the matches as a plain list and renders, through Textual's Line API, the
twenty or so rows that are visible, so a search keeps up with typing on 10,000 people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workshop_app.core.models import Attendee
from workshop_app.core.plain_text import printable
from workshop_app.tui.formatting import clock_time

HEADER_LINES = 1
MARK_WIDTH = 2
SECTOR_WIDTH = 9
ARRIVED_WIDTH = 13  # "09:12 walk-in"
SHORT_ARRIVED_WIDTH = 5  # "09:12": on a narrow terminal, the name's room comes first
MIN_NAME_WIDTH = 16
MAX_NAME_WIDTH = 36  # longer names are cut, with an ellipsis
MIN_ORGANISATION_WIDTH = 12
MAX_ORGANISATION_WIDTH = 50  # wider only pushes sector and check-in away from the name
MAX_DRAWN_ROWS = 2_000  # rows kept drawn between keystrokes (a few screens' worth, many times)


class AttendeeList(ScrollView, can_focus=True):
    """Attendees, one per line under a fixed header, with a highlighted row (the cursor)."""

    DEFAULT_CSS = """
    AttendeeList {
        background: $surface;
        overflow-y: scroll;
        overflow-x: hidden;
        & > .attendee-list--header { text-style: bold; color: $text-accent; }
        & > .attendee-list--cursor { background: $block-cursor-blurred-background; }
        & > .attendee-list--checked { color: $text-success; }
        &:focus > .attendee-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    COMPONENT_CLASSES = {
        "attendee-list--header",
        "attendee-list--cursor",
        "attendee-list--checked",
    }
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False, id="desk.list-up"),
        Binding("down", "cursor_down", "Down", show=False, id="desk.list-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="desk.list-page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="desk.list-page-down"),
        Binding("home", "first", "First", show=False, id="desk.list-first"),
        Binding("end", "last", "Last", show=False, id="desk.list-last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """Index of the highlighted attendee in `attendees`."""

    class Highlighted(Message):
        """The highlighted attendee changed (None when the list is empty)."""

        def __init__(self, attendee_list: AttendeeList, attendee: Attendee | None) -> None:
            super().__init__()
            self.attendee_list = attendee_list
            self.attendee = attendee

        @property
        def control(self) -> AttendeeList:
            return self.attendee_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._attendees: Sequence[Attendee] = ()
        self._styles: dict[str, Style] = {}
        # Drawn rows by (id of the attendee record, component, width); the record is
        # kept beside its strip so a recycled id is never mistaken for it.
        self._rows: dict[tuple[int, str, int], tuple[Attendee, Strip]] = {}
        self._name_width = MIN_NAME_WIDTH  # the longest name's, within limits (fit_names)

    # -- what is shown ---------------------------------------------------------------------

    @property
    def attendees(self) -> Sequence[Attendee]:
        return self._attendees

    @property
    def highlighted(self) -> Attendee | None:
        if 0 <= self.cursor < len(self._attendees):
            return self._attendees[self.cursor]
        return None

    def show(self, attendees: Sequence[Attendee], *, keep: str | None = None) -> None:
        """Show `attendees`; the cursor stays on the one with id `keep` if it is there.

        Costs nothing per attendee: only the visible rows are ever drawn.
        """
        self._attendees = attendees
        self._set_rows(len(attendees))
        row = 0
        if keep is not None:
            row = next((i for i, a in enumerate(attendees) if a.id == keep), 0)
        if row == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = row
        self.refresh()

    def replace(self, attendee: Attendee) -> None:
        """Redraw one attendee in place after it was saved (a check-in, an edit)."""
        attendees = list(self._attendees)
        for index, shown in enumerate(attendees):
            if shown.id == attendee.id:
                attendees[index] = attendee
                self._attendees = attendees
                self.refresh()
                self.post_message(self.Highlighted(self, self.highlighted))
                return

    def fit_names(self, attendees: Iterable[Attendee], *, grow_only: bool = False) -> None:
        """Make the name column as wide as the longest of these names (within limits).

        Called with everyone when the list is read, and with one person when they are
        saved (`grow_only`), so names are never cut while there is room for them.
        """
        longest = max((cell_len(_name(a)) for a in attendees), default=0)
        if grow_only:
            longest = max(longest, self._name_width)
        width = max(MIN_NAME_WIDTH, min(MAX_NAME_WIDTH, longest))
        if width != self._name_width:
            self._name_width = width
            self._forget_drawing()
            self.refresh()

    # -- cursor ----------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._attendees) - 1))

    def watch_cursor(self) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._visible_rows():
            self.scroll_to(y=self.cursor - self._visible_rows() + 1, animate=False, immediate=True)

    def move_cursor(self, rows: int = 0, *, pages: int = 0) -> None:
        """Move the highlight by `rows` rows and `pages` screenfuls (negative: up)."""
        self.cursor += rows + pages * self._visible_rows()

    def action_cursor_up(self) -> None:
        self.move_cursor(-1)

    def action_cursor_down(self) -> None:
        self.move_cursor(1)

    def action_page_up(self) -> None:
        self.move_cursor(pages=-1)

    def action_page_down(self) -> None:
        self.move_cursor(pages=1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._attendees) - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= HEADER_LINES:
            self.cursor = round(self.scroll_y) + offset.y - HEADER_LINES

    def on_focus(self) -> None:
        self._forget_drawing()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_drawing()
        self.refresh()

    def _forget_drawing(self) -> None:
        """Styles or width changed: work out styles and draw rows afresh."""
        self._styles.clear()
        self._rows.clear()

    def _style(self, component: str) -> Style:
        """The rich style of a component class (or "" for the widget), computed once.

        Working styles out takes longer than drawing a row, so they are kept until the
        theme, the focus or the size changes.
        """
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style += self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def on_resize(self) -> None:
        self._forget_drawing()
        self._set_rows(len(self._attendees))

    def _set_rows(self, count: int) -> None:
        """Size the scrollable area to `count` rows without a layout of the whole screen.

        Assigning `virtual_size` asks for a layout of every widget on the screen (a few
        ms on each keystroke); the list's own size never depends on its rows (its scroll
        bar is always shown), so only its scroll bar and scroll position are updated,
        as ScrollView does after a layout.
        """
        size = Size(self.size.width, count + HEADER_LINES)
        if size != self.virtual_size:
            self.set_reactive(AttendeeList.virtual_size, size)
            self._scroll_update(size)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_drawing()

    # -- drawing ---------------------------------------------------------------------------

    def column_widths(self, width: int) -> tuple[int, int, int, int, int]:
        """Mark, name, organisation, sector and arrival widths that fit `width`.

        The name gets the room it needs first. When the organisation would be squeezed
        below its minimum, the arrival column drops "walk-in" (the detail line says it),
        then the sector column goes, and only then is the name narrowed.
        """
        name, sector, arrived = self._name_width, SECTOR_WIDTH, ARRIVED_WIDTH

        def room_left() -> int:  # for the organisation, with a gap after every column
            columns = (MARK_WIDTH, name, sector, arrived)
            return width - sum(columns) - sum(1 for c in columns if c)

        if room_left() < MIN_ORGANISATION_WIDTH:
            arrived = SHORT_ARRIVED_WIDTH
        if room_left() < MIN_ORGANISATION_WIDTH:
            sector = 0
        if room_left() < MIN_ORGANISATION_WIDTH:
            name = max(MIN_NAME_WIDTH, name - (MIN_ORGANISATION_WIDTH - room_left()))
        organisation = max(0, min(MAX_ORGANISATION_WIDTH, room_left()))
        return MARK_WIDTH, name, organisation, sector, arrived

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < HEADER_LINES:
            style = self._style("attendee-list--header")
            arrived = "In" if self._short_arrival(width) else "Checked in"
            return self._strip(("", "Name", "Organisation", "Sector", arrived), style, width)
        index = round(self.scroll_y) + y - HEADER_LINES
        if index >= len(self._attendees):
            return Strip.blank(width, self._style(""))
        attendee = self._attendees[index]
        component = "attendee-list--checked" if attendee.checked_in else ""
        if index == self.cursor:
            component = "attendee-list--cursor"
        # A search shows mostly rows drawn a keystroke or two ago: handing back the same
        # Strip also lets Textual reuse the crops and styles it cached on it.
        key = (id(attendee), component, width)
        cached = self._rows.get(key)
        if cached is not None and cached[0] is attendee:
            return cached[1]
        if len(self._rows) >= MAX_DRAWN_ROWS:
            self._rows.clear()
        cells = _cells(attendee, short=self._short_arrival(width))
        strip = self._strip(cells, self._style(component), width)
        self._rows[key] = (attendee, strip)
        return strip

    def _short_arrival(self, width: int) -> bool:
        return self.column_widths(width)[-1] < ARRIVED_WIDTH

    def _strip(self, cells: tuple[str, str, str, str, str], style: Style, width: int) -> Strip:
        widths = self.column_widths(width)
        # The mark gets a segment of its own, so the columns after it start on their own
        # cell even where a font draws the ✓ wider than one cell.
        pieces = []
        used = 0
        for cell, cell_width in zip(cells, widths, strict=True):
            if cell_width <= 0 or used >= width:
                continue
            gap = " " if used + cell_width < width else ""
            pieces.append(_fit(cell, cell_width) + gap)
            used += cell_width + len(gap)
        if not pieces:  # no room at all
            return Strip.blank(max(0, width), style)
        if used < width:
            pieces.append(" " * (width - used))
        segments = [Segment(pieces[0], style), Segment("".join(pieces[1:]), style)]
        return Strip(segments).crop(0, width)


def _fit(text: str, width: int) -> str:
    """`text` padded or cut (with an ellipsis) to exactly `width` cells."""
    # Most cells: printable ASCII (one character, one cell) that fits.
    if len(text) <= width and text.isascii() and text.isprintable():
        return text.ljust(width)
    piece = Text(text)
    piece.truncate(width, overflow="ellipsis", pad=True)
    return piece.plain


def _name(attendee: Attendee) -> str:
    """ "Surname, First name", as the list is sorted."""
    name = ", ".join(p for p in (attendee.surname, attendee.first_name) if p) or "(no name)"
    return printable(name)


def _cells(attendee: Attendee, *, short: bool = False) -> tuple[str, str, str, str, str]:
    """The columns of one row; plain strings (names may contain brackets). `short`: the
    arrival time only, without "walk-in"."""
    arrived = clock_time(attendee.checked_in_at)
    if attendee.walk_in and not short:
        arrived = f"{arrived} walk-in".strip()
    mark = "✓" if attendee.checked_in else ""
    return (mark, _name(attendee), printable(attendee.organisation), attendee.sector, arrived)
