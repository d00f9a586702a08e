"""The footer every screen shows: Textual's own, made to fit a laptop's 80 columns."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
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

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action == HELP_ACTION:
                widget.add_class("-help")
            yield widget

    def on_mount(self) -> None:
        # The keys' places are known only once the screen is laid out.
        self.screen.screen_layout_refresh_signal.subscribe(self, self._leave_out_what_does_not_fit)

    async def recompose(self) -> None:
        # New keys (the focus moved, an action was enabled) change only the footer's
        # own layout, which signals nothing to the screen: measure them once placed.
        await super().recompose()
        self.call_after_refresh(self._trim)

    def on_unmount(self) -> None:
        self.screen.screen_layout_refresh_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        compact = event.size.width < COMPACT_BELOW
        if compact != self.compact or not all(child.display for child in self.children):
            self.compact = compact
            self.refresh(recompose=True)  # every key shown again, then measured afresh

    def _leave_out_what_does_not_fit(self, screen: Screen[object]) -> None:
        # The keys' regions are those of the frame about to be drawn only once it is
        # composited: measured here, keys composed a moment ago had no place yet, and
        # one cut in the middle stayed until the next layout.
        self.call_after_refresh(self._trim)

    def _trim(self) -> None:
        if not self.is_attached:
            return
        palette = [child for child in self.children if child.has_class("-command-palette")]
        right = palette[0].region.x if palette else self.region.right
        cut = hidden = False
        for child in self.children:
            if child.styles.dock == "none":  # F1 and the palette stay where they are docked
                # Only ever hidden here: a wider footer is composed afresh (on_resize).
                cut = cut or not child.display or child.region.right > right
                if cut and child.display:
                    child.display = False
                    hidden = True
        if hidden:  # paint the line again now, not at the screen's next change
            self.refresh(layout=True)
