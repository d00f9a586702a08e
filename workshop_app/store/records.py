"""Domain records <-> TinyDB documents.

Documents are flat JSON objects keyed by field name. Unknown fields (from a newer
version of the app) are ignored on read; missing ones take the field's default.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

from workshop_app.core.models import Record
from workshop_app.store.errors import RecordError

R = TypeVar("R", bound=Record)


def table_name(kind: type[Record]) -> str:
    if not kind.table:
        raise TypeError(f"{kind.__name__} does not name the table it is stored in.")
    return kind.table


def to_document(record: Record) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


def from_document(kind: type[R], document: dict[str, Any]) -> R:
    """The record a document holds; RecordError saying what is wrong when it holds none."""
    names = _field_names(kind)
    values = {name: document[name] for name in names if name in document}
    try:
        for name in _tuple_fields(kind) & values.keys():
            values[name] = tuple(values[name])
        return kind(**values)
    except (TypeError, ValueError) as error:
        raise RecordError(
            f"A stored {kind.__name__} (id {document.get('id', '?')}) is not valid: {error}"
        ) from error


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
    return frozenset(f.name for f in dataclasses.fields(kind) if str(f.type).startswith("tuple"))
