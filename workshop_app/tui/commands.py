"""The command palette's commands: the actions bound to keys on the current screen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workshop_app.tui.keys import KeyedAction, screen_commands


class ScreenActionsProvider(Provider):
    """Offers every key action of the screen the palette was opened on, by its footer label."""

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

    def _runner(self, command: KeyedAction) -> Callable[[], Awaitable[object]]:
        return partial(self.app.run_action, command.action, command.node)


def _help(command: KeyedAction) -> str:
    keys = " / ".join(command.keys)
    return f"{command.tooltip} ({keys})" if command.tooltip else f"Key: {keys}"
