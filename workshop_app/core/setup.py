"""What a copied event keeps: its set-up, never the people or what they said.

A roadshow series reuses one stop's workshops, rounds, tables, questions and groups
at the next. The copies are new records, and what was worked out for the last
stop's people (the chosen ranges, a running timer) is not carried over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from workshop_app.core.clock import new_id, now_iso
from workshop_app.core.models import (
    CommunityGroup,
    DiscussionRound,
    DiscussionTable,
    Record,
    Workshop,
)
from workshop_app.core.workshop_plan import WorkshopPlan, WorkshopRound

SETUP_KINDS: tuple[type[Record], ...] = (
    Workshop,
    WorkshopRound,
    WorkshopPlan,
    DiscussionTable,
    DiscussionRound,
    CommunityGroup,
)


def copy_setup(records: Iterable[Record]) -> list[Record]:
    """New records with the same set-up, as of now, with last time's results cleared."""
    now = now_iso()
    copies: list[Record] = []
    for record in records:
        copy = dataclasses.replace(record, id=new_id(), created=now, updated=now)
        if isinstance(copy, WorkshopPlan):
            copy = dataclasses.replace(copy, chosen_ranges="", chosen_reason="", computed_at="")
        elif isinstance(copy, DiscussionRound):
            copy = dataclasses.replace(
                copy, extended_minutes=0, timer_started_at="", timer_elapsed_seconds=0
            )
        copies.append(copy)
    return copies
