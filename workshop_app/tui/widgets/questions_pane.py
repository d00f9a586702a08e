"""The Tables tab: the questions the discussion tables talk about, round by round."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from workshop_app.core.models import DiscussionQuestion
from workshop_app.tui.formatting import count


class QuestionsPane(VerticalScroll):
    """Each round's question and how long the tables have for it."""

    def __init__(self, questions: Sequence[DiscussionQuestion], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._questions = sorted(questions, key=lambda q: (q.round_number, q.created))

    def compose(self) -> ComposeResult:
        if not self._questions:
            yield Static("No discussion questions yet.", classes="pane-summary")
            return
        rounds = len({q.round_number for q in self._questions})
        yield Static(
            f"{count(len(self._questions), 'question')} for the tables in {count(rounds, 'round')}",
            classes="pane-summary",
        )
        for round_number, questions in groupby(self._questions, key=lambda q: q.round_number):
            for question in questions:
                yield Static(
                    f"Round {round_number} · {count(question.minutes, 'minute')}",
                    classes="item-title",
                )
                yield Static(question.prompt, classes="item-body", markup=False)
