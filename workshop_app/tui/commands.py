"""The command palette's commands: every action bound to a key on what the screen shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widget import Widget

from workshop_app.tui.keys import KeyedAction, screen_commands


class ScreenActionsProvider(Provider):
    """Offers every key action of the screen the palette was opened on, by its footer label:
    those of the focused widget and its containers, and those of every other widget on
    show (the whole active tab, not only what has the focus)."""

    async def discover(self) -> Hits:
        for command in self._enabled_commands():
            yield DiscoveryHit(command.description, self._runner(command), help=_help(command))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._enabled_commands():
            score = matcher.match(command.description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.description),
                    self._runner(command),
                    help=_help(command),
                )

    def _enabled_commands(self) -> list[KeyedAction]:
        """Enabled commands, leaving out those Textual's own provider offers (Quit)."""
        system = {command.title for command in self.app.get_system_commands(self.screen)}
        return [
            command
            for command in screen_commands(self.screen)
            if command.enabled and command.description not in system
        ]

    def _runner(self, command: KeyedAction) -> Callable[[], Awaitable[None]]:
        return partial(_run_where_it_belongs, command)


async def _run_where_it_belongs(command: KeyedAction) -> None:
    """Run the action on its widget, first moving the focus there when it is elsewhere:
    a list's "Edit" edits that list's highlighted row, and the footer then shows the
    keys of the widget the action was for."""
    node = command.node
    if isinstance(node, Widget) and node.focusable:
        focused = node.screen.focused
        if focused is None or (focused is not node and node not in focused.ancestors):
            node.focus(scroll_visible=True)
    await node.app.run_action(command.action, node)


def _help(command: KeyedAction) -> str:
    keys = " / ".join(command.keys)
    return f"{command.tooltip} ({keys})" if command.tooltip else f"Key: {keys}"
