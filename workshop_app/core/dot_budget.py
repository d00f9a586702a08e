"""How many dots each voter gets in the "pin point" prioritising, and who the voters are.

Kept as one record with a fixed id so changing the budget replaces it, on every laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from workshop_app.core.discussion import VoterKind
from workshop_app.core.models import Record

DOT_BUDGET_ID = "dot-budget"
DEFAULT_DOTS = 3
MAX_DOTS = 99


@dataclass(frozen=True, kw_only=True)
class DotBudget(Record):
    """Dots per voter, and whether tables vote together or people one by one."""

    table: ClassVar[str] = "dot_budgets"

    id: str = DOT_BUDGET_ID
    dots: int = DEFAULT_DOTS
    voter_kind: str = VoterKind.TABLE.value


def parse_dots(text: str) -> int:
    """A budget typed by the facilitator; ValueError with a message to show."""
    try:
        dots = int(text.strip())
    except ValueError:
        raise ValueError(f"The budget is a whole number of dots, not {text!r}.") from None
    if not 1 <= dots <= MAX_DOTS:
        raise ValueError(f"Give each voter between 1 and {MAX_DOTS} dots.")
    return dots


def budget_of(budgets: list[DotBudget]) -> DotBudget:
    return budgets[0] if budgets else DotBudget()
