"""What a bench section returns: rows of one table, plus the statistics they are made of."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measured line of the bench table.

    Times are milliseconds. `ratio` compares `median_ms` with the row named `baseline`
    measured in the same run; `met` is None when the row has no target.
    """

    section: str
    name: str
    size: int | None  # records, attendees, ... ; None when it does not apply
    median_ms: float
    p99_ms: float | None = None
    max_ms: float | None = None
    samples: int = 0
    ratio: float | None = None
    baseline: str = ""
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass(frozen=True)
class Stats:
    median_ms: float
    p99_ms: float
    max_ms: float
    samples: int


def summarise(seconds: Sequence[float]) -> Stats:
    """Median, nearest-rank 99th percentile and maximum of timings given in seconds."""
    if not seconds:
        raise ValueError("no samples")
    ordered = sorted(seconds)
    rank = max(1, math.ceil(0.99 * len(ordered)))
    return Stats(
        median_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[rank - 1] * 1000,
        max_ms=ordered[-1] * 1000,
        samples=len(ordered),
    )
