"""Domain records <-> TinyDB documents.

Documents are flat JSON objects keyed by field name. Unknown fields (from a newer
version of the app) are ignored on read; missing ones take the field's default.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

from workshop_app.core.models import (
    Attendee,
    CommunityGroup,
    DiscussionQuestion,
    Event,
    Record,
    Workshop,
)

R = TypeVar("R", bound=Record)

TABLE_NAMES: dict[type[Record], str] = {
    Event: "event",
    Attendee: "attendees",
    Workshop: "workshops",
    DiscussionQuestion: "questions",
    CommunityGroup: "groups",
}


def register(kind: type[Record], table_name: str) -> None:
    """Let a later feature store its own record kind."""
    TABLE_NAMES[kind] = table_name


def table_name(kind: type[Record]) -> str:
    return TABLE_NAMES[kind]


def to_document(record: Record) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


def from_document(kind: type[R], document: dict[str, Any]) -> R:
    names = _field_names(kind)
    tuple_fields = _tuple_fields(kind)
    values = {name: document[name] for name in names if name in document}
    for name in tuple_fields & values.keys():
        values[name] = tuple(values[name])
    return kind(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


@cache
def _field_names(kind: type[Record]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


@cache
def _tuple_fields(kind: type[Record]) -> frozenset[str]:
    return frozenset(
        f.name for f in dataclasses.fields(kind) if str(f.type).startswith("tuple")
    )
