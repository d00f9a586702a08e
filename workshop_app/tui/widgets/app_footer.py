"""The footer every screen shows: Textual's own, made to fit a laptop's 80 columns."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 120  # columns: narrower terminals get the footer with less spacing
HELP_ACTION = "help"  # the app's F1, which lists every key of the screen in front


class AppFooter(Footer):
    """Textual's footer, compact on narrow terminals, with F1 Help always first.

    A busy screen's keys do not all fit on one line at 80 columns. Rather than cut the
    last one in the middle of its label, the footer leaves out the keys that do not fit
    whole. Help comes first, as on Midnight Commander's key bar, so whatever is left out
    is one key away: F1 lists every key of the screen, the palette every action.
    """

    DEFAULT_CSS = """
    AppFooter FooterKey.-help {
        dock: left;
    }
    AppFooter.-compact FooterLabel {
        margin-right: 1;  /* Textual's compact footer runs "Tabs" into the next key */
    }
    """

    _fitted_width = -1  # the width the keys were last chosen for (-1: never)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action == HELP_ACTION:
                widget.add_class("-help")
            yield widget

    async def recompose(self) -> None:
        # Every change of keys (a tab shown, the focus moved, a resize) comes here. The
        # keys are chosen inside the same batch as their mounting, so the terminal never
        # gets a frame of the whole row: choosing them once laid out, a frame later, left
        # keys cut under the palette on screen until the trimmed row was painted over
        # them, for as long as the event loop was busy (half a second on a tab switch).
        async with self.batch():
            await super().recompose()
            self._leave_out_what_does_not_fit()

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.width < COMPACT_BELOW
        if compact != self.compact or event.size.width != self._fitted_width:
            self.compact = compact
            self.refresh(recompose=True)  # every key again, then chosen for the new width

    def _leave_out_what_does_not_fit(self) -> None:
        size = self.scrollable_content_region.size
        self._fitted_width = self.size.width
        if not size.width:
            return
        # Textual's own arrangement of the new keys: the places the compositor will
        # give them, known before anything is painted.
        places = {place.widget: place.region for place in self.arrange(size).placements}
        palette = [region for key, region in places.items() if key.has_class("-command-palette")]
        right = palette[0].x if palette else size.width
        cut = False
        for child in self.children:
            if not child.styles.is_docked:  # F1 and the palette stay where they are docked
                cut = cut or child not in places or places[child].right > right
                child.display = not cut
