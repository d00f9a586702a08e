"""What a scribe has typed but not yet submitted, one draft per table and round.

A draft is saved as the scribe types (debounced by the screen), so a laptop that dies
mid-sentence loses nothing. Its id is derived from the table and round, so saving a
draft replaces the previous one and two laptops' drafts of the same table meet on merge.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import ClassVar

from workshop_app.core.models import Record

_DRAFT_NAMESPACE = uuid.UUID("3f1d7f4e-6a53-4b8e-9a57-0c4d2b1e9d21")


def draft_id(table_id: str, round_id: str) -> str:
    """The one id the draft of this table and round always has."""
    return str(uuid.uuid5(_DRAFT_NAMESPACE, f"{table_id}/{round_id}"))


@dataclass(frozen=True, kw_only=True)
class NoteDraft(Record):
    """The text in the capture box; `editing_note_id` when it is an edit of a saved note."""

    table: ClassVar[str] = "note_drafts"

    table_id: str = ""
    round_id: str = ""
    text: str = ""
    editing_note_id: str = ""


def new_draft(table_id: str, round_id: str, text: str = "", editing_note_id: str = "") -> NoteDraft:
    return NoteDraft(
        id=draft_id(table_id, round_id),
        table_id=table_id,
        round_id=round_id,
        text=text,
        editing_note_id=editing_note_id,
    )
