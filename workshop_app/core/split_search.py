"""The exact search for surname-group boundaries.

Sort keys fall into bins (26 letters or 676 two-letter prefixes) and a split is k-1
cut positions. The least worst load is found by bisecting over the only values it can
take (whole people / a capacity), each tested by a reachability sweep over cut
positions; the tie-breaks are settled by a dynamic programme over the cuts that keep
within that load.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

Intervals = list[tuple[int, int]]


@dataclass(frozen=True)
class Split:
    """The best cut of a row of bins into consecutive groups, and how good it is."""

    cuts: tuple[int, ...]  # 0 < c1 < ... < c(k-1) < bins; group g is bins[c(g) : c(g+1)]
    group_sizes: tuple[int, ...]  # people from the bins in each group (moves not included)
    worst_load: Fraction  # max over rooms and rounds of people / capacity
    sum_of_squares: Fraction  # of every room's load in every round


def rotation_counts(group_sizes: Sequence[int], pinned: Sequence[int], rounds: int):
    """counts[round][w]: group g is in workshop (g + round) mod k; pinned people stay put."""
    k = len(group_sizes)
    return tuple(
        tuple(group_sizes[(w - t) % k] + pinned[w] for w in range(k)) for t in range(rounds)
    )


class Splitter:
    """One split problem: bin counts, rooms, rounds, pinned and moved people."""

    def __init__(self, counts, capacities, rounds, pinned=(), moved=(), aligned_every=1):
        k = self.k = len(capacities)
        if not 1 <= k <= len(counts):
            raise ValueError(f"cannot make {k} groups from {len(counts)} bins")
        if rounds < 1 or min(capacities) < 1:
            raise ValueError("need at least one round and capacities of at least 1")
        self.counts, self.caps, self.aligned_every = list(counts), list(capacities), aligned_every
        self.rounds = rounds
        self.pinned, self.moved = list(pinned or [0] * k), list(moved or [0] * k)
        self.prefix = [0]
        for count in self.counts:
            self.prefix.append(self.prefix[-1] + count)
        self.visits = [[(g + t) % k for t in range(rounds)] for g in range(k)]  # rooms per round
        self.by_count = sorted(range(len(self.counts)), key=lambda b: -self.counts[b])
        self.neg_sorted = [-self.counts[b] for b in self.by_count]
        # Group g's sum of squared loads, times `scale`, is a*y*y + b*y + c for y bin people.
        scale = lcm(*(c * c for c in self.caps))
        self.quadratic = []
        for g in range(k):
            terms = [
                (self.moved[g] + self.pinned[w], scale // self.caps[w] ** 2) for w in self.visits[g]
            ]
            a, b = sum(m for _, m in terms), sum(2 * o * m for o, m in terms)
            self.quadratic.append((a, b, sum(o * o * m for o, m in terms)))

    def limits(self, load: Fraction) -> list[int]:
        """Most bin people each group can hold without any room going over `load`."""
        room = [
            load.numerator * c // load.denominator - p
            for c, p in zip(self.caps, self.pinned, strict=True)
        ]
        return [min(room[w] for w in self.visits[g]) - self.moved[g] for g in range(self.k)]

    def reachable(self, limits: list[int]) -> list[Intervals] | None:
        """Where each group can end, as interval lists, or None when the limits fail.

        layers[g] holds the positions p such that bins[0:p] splits into g non-empty groups
        within their limits. Reaching p from the last reachable q < p is enough because
        counts are never negative, so the only holes inside a run of reachable positions
        are just after a single bin too big for the group.
        """
        bins, prefix, layers = len(self.counts), self.prefix, [[(0, 0)]]
        for g, limit in enumerate(limits):
            if limit < 0:
                return None
            top = bins - (self.k - 1 - g)  # prune: later groups each need a bin
            too_big = sorted(self.by_count[: bisect.bisect_left(self.neg_sorted, -limit)])
            current, layer = layers[-1], []
            for i, (start, stop) in enumerate(current):
                following = current[i + 1][0] if i + 1 < len(current) else bins
                reach = bisect.bisect_right(prefix, prefix[stop] + limit) - 1
                end, low = min(reach, following, top), start + 1
                j = bisect.bisect_left(too_big, start)
                while j < len(too_big) and too_big[j] < stop and too_big[j] + 1 <= end:
                    _add(layer, low, too_big[j])
                    low, j = too_big[j] + 2, j + 1
                _add(layer, low, end)
            if not layer:
                return None
            layers.append(layer)
        return layers if layers[-1][-1][1] == bins else None

    def least_worst_load(self) -> tuple[Fraction, list[Intervals]]:
        """The smallest achievable worst load, exactly, and the reachable cuts at it.

        The answer is some n / c for a capacity c, so bisect over such values: `low` is
        always infeasible, `high` feasible, until no candidate is left between them.
        """
        caps, total = sorted(set(self.caps)), self.prefix[-1]
        high = max(
            Fraction(total + self.moved[g] + self.pinned[w], self.caps[w])
            for g in range(self.k)
            for w in self.visits[g]
        )
        layers = self.reachable(self.limits(high))  # everyone in one group: always fits
        assert layers is not None
        low = Fraction(-1)
        while True:
            above_low = min(Fraction(low.numerator * c // low.denominator + 1, c) for c in caps)
            if above_low >= high:
                return high, layers
            middle = max((low + high) / 2, above_low)
            candidate = max(Fraction(middle.numerator * c // middle.denominator, c) for c in caps)
            found = self.reachable(self.limits(candidate))
            if found is None:
                low = middle
            else:
                high, layers = candidate, found

    def solve(self, worst: Fraction, layers: list[Intervals]) -> Split:
        """Among splits within `worst`: evenest, then fewest mid-letter cuts, then earliest."""
        limits, k = self.limits(worst), self.k
        best: list[dict[int, int]] = [{} for _ in range(k)] + [{len(self.counts): 0}]
        choice: list[dict[int, int]] = [{} for _ in range(k)]
        for g in range(k - 1, -1, -1):
            best[g], choice[g] = self._layer_costs(g, layers[g], best[g + 1], limits[g])
        edges = [0]
        for g in range(k):  # leftmost best ends, so the earliest cuts win remaining ties
            edges.append(choice[g][edges[-1]])
        sizes = tuple(self.prefix[edges[g + 1]] - self.prefix[edges[g]] for g in range(k))
        with_moves = [s + m for s, m in zip(sizes, self.moved, strict=True)]
        loads = [
            Fraction(n, c)
            for row in rotation_counts(with_moves, self.pinned, self.rounds)
            for n, c in zip(row, self.caps, strict=True)
        ]
        return Split(tuple(edges[1:-1]), sizes, max(loads), sum(x * x for x in loads))

    def _layer_costs(self, g: int, starts: Intervals, following: dict[int, int], limit: int):
        """Least cost, and leftmost best end, from each start of group g to the last bin.

        Cost(q, p) grows convexly with the people between q and p, so the cost matrix is
        Monge and the best end never moves left as the start moves right: divide and
        conquer finds every start's best end in O(n log n) rather than O(n^2). The cost is
        the scaled sum of squares times k plus one per mid-letter cut, so squares decide
        first and mid-letter cuts (at most k-1) only break ties.
        """
        (a, b, c), k, bins, prefix = self.quadratic[g], self.k, len(self.counts), self.prefix
        ends = sorted(following)
        end_people = [prefix[p] for p in ends]
        extra = [following[p] + (p % self.aligned_every != 0 and p != bins) for p in ends]
        rows, lows, highs = [], [], []
        for start, stop in starts:
            for q in range(start, stop + 1):
                low = bisect.bisect_right(ends, q)
                high = bisect.bisect_right(end_people, prefix[q] + limit) - 1
                if low <= high:
                    rows.append(q), lows.append(low), highs.append(high)
        costs: dict[int, int] = {}
        choices: dict[int, int] = {}
        stack = [(0, len(rows) - 1, 0, len(ends) - 1)]
        while stack:
            first, last, from_end, to_end = stack.pop()
            if first > last:
                continue
            mid = (first + last) // 2
            base, chosen, least = prefix[rows[mid]], -1, 0
            for j in range(max(from_end, lows[mid]), min(to_end, highs[mid]) + 1):
                y = end_people[j] - base
                cost = (a * y * y + b * y + c) * k + extra[j]
                if chosen < 0 or cost < least:
                    chosen, least = j, cost
            costs[rows[mid]], choices[rows[mid]] = least, ends[chosen]
            stack += [(first, mid - 1, from_end, chosen), (mid + 1, last, chosen, to_end)]
        return costs, choices


def _add(layer: Intervals, low: int, high: int) -> None:
    """Append positions low..high to a sorted interval list, merging touching intervals."""
    if low > high:
        return
    if layer and layer[-1][1] + 1 >= low:
        layer[-1] = (layer[-1][0], max(layer[-1][1], high))
    else:
        layer.append((low, high))


def best_split(
    bin_counts: Sequence[int],
    capacities: Sequence[int],
    rounds: int,
    *,
    pinned: Sequence[int] = (),
    moved: Sequence[int] = (),
    aligned_every: int = 1,
) -> Split:
    """The optimal cut of `bin_counts` into len(capacities) consecutive non-empty groups.

    `pinned[w]` people are in workshop w every round; `moved[g]` people join group g.
    A cut at position p is "mid-letter" unless p % aligned_every == 0.
    """
    splitter = Splitter(bin_counts, capacities, rounds, pinned, moved, aligned_every)
    return splitter.solve(*splitter.least_worst_load())
