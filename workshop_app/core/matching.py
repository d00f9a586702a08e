"""Re-import rules: who in an attendee file is already on the list, and what may change.

Facilitators re-import the ticketing export several times before an event (people
register late, change jobs, cancel). Each re-import must neither duplicate anyone nor
undo what was typed at the registration desk. The rules, in the order they are tried:

1. **Attendee number** (the ticketing system's id) equal: same person.
2. **Email** equal, ignoring case, when the names are compatible (same full name, same
   first name or same surname, or one side has no name) and the attendee numbers do not
   contradict. An email shared by different people (a group booking, an office inbox
   like info@charity.org) must not merge them.
3. **Normalised name** equal (accents, case, spaces and punctuation ignored) when neither
   the attendee numbers nor the emails contradict. Two "John Smith"s with different
   emails stay two people; the preview flags them as a possible duplicate instead.

Each existing attendee is matched at most once per import. What an update may change:

- Blank values in the file never erase what is on the list, and a name or email that
  differs only in accents, case or spacing keeps the list's spelling (exports lose them).
- Desk fields (`checked_in_at`, `walk_in`, `notes`, `access_needs`) are never overwritten
  unless blank on the list; `checked_in_at` and `walk_in` never come from a file at all.
- Consents come from the file for new attendees only. On a re-import they are left as
  listed and a difference is reported (`kept_from_list`): a "yes" or "no" may have been
  given in person at the desk, and a blank answer in the file reads the same as "no".
- A sector of "other" in the file means "could not tell", so it never replaces a known one.
- Custom question answers (`extra`) are merged key by key.

Everything here is pure: values in, values out. Updates use `Attendee.edited`, so ids and
`created` stay, and only `updated` is stamped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from types import MappingProxyType
from typing import Any, Literal

from anyascii import anyascii

from workshop_app.core.models import Attendee, Sector

OutcomeKind = Literal["new", "update", "unchanged"]

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NO_CHANGES: Mapping[str, tuple[Any, Any]] = MappingProxyType({})  # shared by new rows

DESK_FIELDS: frozenset[str] = frozenset({"checked_in_at", "walk_in", "notes", "access_needs"})
CONSENT_FIELDS: frozenset[str] = frozenset({"consent_share_contact", "consent_photos"})

# The fields an import may set, in the order changes are listed to the facilitator.
IMPORTED_FIELDS: tuple[str, ...] = (
    "title",
    "first_name",
    "surname",
    "organisation",
    "role",
    "sector",
    "email",
    "phone",
    "attendee_number",
    "order_number",
    "ticket_type",
    "access_needs",
    "notes",
    "consent_share_contact",
    "consent_photos",
    "extra",
)


def name_key(first_name: str, surname: str) -> str:
    """Key to compare names: "Zoë Ní Bhriain" and "ZOE Ni  Bhriain" both give "zoenibhriain".

    Transliterated with anyascii so "Łukasz" meets "Lukasz"; only letters and digits kept.
    """
    text = first_name + surname
    if not text.isascii():
        text = anyascii(text)
    return _NOT_ALNUM.sub("", text.lower())


def email_key(email: str) -> str:
    """Emails compare without case and surrounding spaces."""
    return email.strip().casefold()


def number_key(number: str) -> str:
    """Attendee numbers compare without surrounding spaces or case."""
    return number.strip().casefold()


def _numbers_conflict(a: Attendee, b: Attendee) -> bool:
    ka, kb = number_key(a.attendee_number), number_key(b.attendee_number)
    return bool(ka and kb and ka != kb)


def _emails_conflict(a: Attendee, b: Attendee) -> bool:
    ka, kb = email_key(a.email), email_key(b.email)
    return bool(ka and kb and ka != kb)


def _names_compatible(a: Attendee, b: Attendee) -> bool:
    """Same person's name, perhaps corrected: full, first or surname agree, or one is blank."""
    full_a, full_b = name_key(a.first_name, a.surname), name_key(b.first_name, b.surname)
    if not full_a or not full_b or full_a == full_b:
        return True
    first_a, first_b = name_key(a.first_name, ""), name_key(b.first_name, "")
    last_a, last_b = name_key("", a.surname), name_key("", b.surname)
    return bool((first_a and first_a == first_b) or (last_a and last_a == last_b))


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What happens to one incoming attendee.

    `result` is the value to save for "new" and "update", and the untouched existing
    record for "unchanged". `changes` maps field -> (old, new). `kept_from_list` names the
    fields where the file said something else but the list's value was kept (desk fields,
    consents). `similar_existing` is set for a new attendee whose name equals someone
    already on the list who was not merged because their email or number differs.
    """

    kind: OutcomeKind
    incoming: Attendee
    result: Attendee
    matched_on: str | None = None  # "attendee number" | "email" | "name"
    changes: Mapping[str, tuple[Any, Any]] = field(default_factory=lambda: _NO_CHANGES)
    kept_from_list: tuple[str, ...] = ()
    similar_existing: Attendee | None = None


@dataclass(frozen=True)
class ReimportSummary:
    new: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ReimportPlan:
    """One outcome per incoming attendee, in file order, and the values to save."""

    outcomes: tuple[RowOutcome, ...]
    to_save: tuple[Attendee, ...]
    summary: ReimportSummary


# A name or an email shared by more people than this is a placeholder or a group inbox,
# not an identity: matching looks at this many candidates per key and no further, so a
# degenerate 50 MB list (every ticket in the buyer's name) stays linear rather than
# quadratic. Real lists have a handful of people per name.
CANDIDATES_PER_KEY = 25


class _ExistingIndex:
    """The existing list, indexed by each matching key; claimed people leave every index."""

    def __init__(self, existing: Sequence[Attendee]) -> None:
        # Buckets are dicts (id -> person) so a claimed person is removed in O(1).
        self.by_number: dict[str, dict[str, Attendee]] = defaultdict(dict)
        self.by_email: dict[str, dict[str, Attendee]] = defaultdict(dict)
        self.by_name: dict[str, dict[str, Attendee]] = defaultdict(dict)
        self.namesakes: dict[str, Attendee] = {}
        for person in existing:
            for index, key in self._keys(person):
                index[key][person.id] = person
            if key := name_key(person.first_name, person.surname):
                self.namesakes.setdefault(key, person)

    def _keys(self, person: Attendee) -> list[tuple[dict[str, dict[str, Attendee]], str]]:
        keys = (
            (self.by_number, number_key(person.attendee_number)),
            (self.by_email, email_key(person.email)),
            (self.by_name, name_key(person.first_name, person.surname)),
        )
        return [(index, key) for index, key in keys if key]

    def claim(self, person: Attendee) -> None:
        for index, key in self._keys(person):
            index[key].pop(person.id, None)

    @staticmethod
    def _candidates(index: dict[str, dict[str, Attendee]], key: str) -> list[Attendee]:
        bucket = index.get(key) if key else None
        return list(islice(bucket.values(), CANDIDATES_PER_KEY)) if bucket else []

    def match(self, row: Attendee) -> tuple[Attendee | None, str | None]:
        for candidate in self._candidates(self.by_number, number_key(row.attendee_number)):
            return candidate, "attendee number"
        row_name = name_key(row.first_name, row.surname)
        candidates = [
            c
            for c in self._candidates(self.by_email, email_key(row.email))
            if not _numbers_conflict(row, c) and _names_compatible(row, c)
        ]
        same_name = [c for c in candidates if name_key(c.first_name, c.surname) == row_name]
        if same_name or candidates:
            return (same_name or candidates)[0], "email"
        for candidate in self._candidates(self.by_name, row_name):
            if not _numbers_conflict(row, candidate) and not _emails_conflict(row, candidate):
                return candidate, "name"
        return None, None

    def namesake(self, row: Attendee) -> Attendee | None:
        return self.namesakes.get(name_key(row.first_name, row.surname))


def _same_text(name: str, old: str, new: str) -> bool:
    """Equal, or differing only in what exports lose: an email's case, a name's accents,
    case or spacing ("ZOE Ni Bhriain" must not overwrite "Zoë Ní Bhriain")."""
    if name == "email":
        return email_key(old) == email_key(new)
    if name in ("first_name", "surname"):
        return bool(old) and name_key(old, "") == name_key(new, "")
    return old == new


def _merge(
    existing: Attendee, incoming: Attendee, fields: Collection[str]
) -> tuple[dict[str, tuple[Any, Any]], tuple[str, ...]]:
    """Field changes the import may make to `existing`, and the fields it must leave."""
    changes: dict[str, tuple[Any, Any]] = {}
    kept: list[str] = []
    for name in IMPORTED_FIELDS:
        if name not in fields:
            continue
        old, new = getattr(existing, name), getattr(incoming, name)
        if name == "extra":
            merged = {**old, **{k: v for k, v in new.items() if v.strip()}}
            if merged != old:
                changes[name] = (old, merged)
        elif name in CONSENT_FIELDS:
            if new != old:
                kept.append(name)
        elif name == "sector":
            if new != Sector.OTHER.value and new != old:
                changes[name] = (old, new)
        elif not str(new).strip() or _same_text(name, old, new):
            continue
        elif name in DESK_FIELDS and str(old).strip():
            kept.append(name)
        else:
            changes[name] = (old, new)
    return changes, tuple(kept)


class ReimportPlanner:
    """`plan_reimport` one row at a time, so a long file can be planned as it streams.

    Each existing attendee is still matched at most once over all the rows given.
    """

    def __init__(
        self, existing: Sequence[Attendee], *, provided_fields: Collection[str] | None = None
    ) -> None:
        self.fields = IMPORTED_FIELDS if provided_fields is None else frozenset(provided_fields)
        self.index = _ExistingIndex(existing) if existing else None

    def plan(self, row: Attendee) -> RowOutcome:
        if self.index is None:  # a first import: nothing to match, everyone is new
            return RowOutcome("new", row, row)
        match, matched_on = self.index.match(row)
        if match is None:
            return RowOutcome("new", row, row, similar_existing=self.index.namesake(row))
        self.index.claim(match)
        changes, kept = _merge(match, row, self.fields)
        if changes:
            updated = match.edited(**{name: new for name, (_old, new) in changes.items()})
            return RowOutcome("update", row, updated, matched_on, changes, kept_from_list=kept)
        return RowOutcome("unchanged", row, match, matched_on, kept_from_list=kept)


def plan_reimport(
    incoming: Sequence[Attendee],
    existing: Sequence[Attendee],
    *,
    provided_fields: Collection[str] | None = None,
) -> ReimportPlan:
    """Classify each incoming attendee as new, an update of someone listed, or unchanged.

    `provided_fields` are the fields the file actually has columns for; a field the file
    does not have (say, no consent column) must not reset what the list holds. None means
    every importable field. Nothing is saved: the caller saves `to_save`.
    """
    planner = ReimportPlanner(existing, provided_fields=provided_fields)
    outcomes = tuple(planner.plan(row) for row in incoming)
    to_save = tuple(o.result for o in outcomes if o.kind != "unchanged")
    summary = ReimportSummary(
        new=sum(o.kind == "new" for o in outcomes),
        updated=sum(o.kind == "update" for o in outcomes),
        unchanged=sum(o.kind == "unchanged" for o in outcomes),
    )
    return ReimportPlan(outcomes=outcomes, to_save=to_save, summary=summary)


@dataclass(frozen=True, slots=True)
class FileDuplicate:
    """Row `index` repeats row `first_index` of the same file (indexes into the sequence).

    `certain` duplicates (same attendee number; same email and name; same name and
    organisation, no email) should be dropped; the others are only worth a look.
    """

    index: int
    first_index: int
    reason: str
    certain: bool


def find_file_duplicates(attendees: Sequence[Attendee]) -> tuple[FileDuplicate, ...]:
    """People listed twice in one file, each later row reported against its first twin.

    Rows with different attendee numbers are different tickets, hence never duplicates
    (ticketing exports repeat the buyer's name and email on every ticket of an order).
    Certain duplicates are not indexed, so a third copy is reported against the first.
    """
    finder = FileDuplicateFinder()
    return tuple(twin for row in attendees if (twin := finder.add(row)) is not None)


class FileDuplicateFinder:
    """`find_file_duplicates` one row at a time, in little memory per row.

    Every look-up is a dict hit, keyed also on whether the row has a number: a row with a
    number is only compared with rows without one (or with the very same number). Keys are
    kept as 64-bit hashes of their text, not the text: a 300,000-row list then needs tens
    of megabytes, not hundreds. Two different keys share a hash with odds near 1e-8 for
    such a list; the preview would show that row as a duplicate of an unrelated one.
    """

    def __init__(self) -> None:
        self.first_with: dict[int, int] = {}
        self.other_names_by_email: dict[int, tuple[tuple[int, int], ...]] = {}
        self.count = 0

    def add(self, row: Attendee) -> FileDuplicate | None:
        """The twin of `row` (the next row of the file), if any; indexes it unless certain."""
        i = self.count
        self.count += 1
        first_with = self.first_with
        number, email = number_key(row.attendee_number), email_key(row.email)
        name = name_key(row.first_name, row.surname)
        org = "".join(row.organisation.split()).casefold()
        groups = ("unnumbered",) if number else ("unnumbered", "numbered")
        name_hash = hash(name)
        twin = _twin(
            i,
            same_number=first_with.get(hash(("number", number))) if number else None,
            same_email_and_name=(
                _earliest(first_with, groups, "email+name", email, name) if email and name else None
            ),
            same_name_and_org=(
                _earliest(first_with, groups, "name+org", name, org) if name and not email else None
            ),
            same_email_other_name=self._other_name(groups, email, name_hash),
            same_name=_earliest(first_with, groups, "name", name) if name else None,
        )
        if twin is not None and twin.certain:
            return twin
        group = "numbered" if number else "unnumbered"
        keys: list[tuple[str, ...]] = [("number", number)] if number else []
        if email and name:
            keys.append(("email+name", group, email, name))
        if name and not email:
            keys.append(("name+org", group, name, org))
        if name:
            keys.append(("name", group, name))
        for key in keys:
            first_with.setdefault(hash(key), i)
        if email:
            email_hash = hash((group, email))
            names = self.other_names_by_email.get(email_hash, ())
            if len(names) < 2 and all(n != name_hash for n, _ in names):
                # two distinct names are enough to find "another"
                self.other_names_by_email[email_hash] = (*names, (name_hash, i))
        return twin

    def _other_name(self, groups: tuple[str, ...], email: str, name_hash: int) -> int | None:
        by_email = self.other_names_by_email
        hits = [i for g in groups for n, i in by_email.get(hash((g, email)), ()) if n != name_hash]
        return min(hits) if hits else None


def _earliest(
    first_with: dict[int, int], groups: tuple[str, ...], kind: str, *key: str
) -> int | None:
    hits = [first_with[k] for g in groups if (k := hash((kind, g, *key))) in first_with]
    return min(hits) if hits else None


def _twin(
    i: int,
    *,
    same_number: int | None,
    same_email_and_name: int | None,
    same_name_and_org: int | None,
    same_email_other_name: int | None,
    same_name: int | None,
) -> FileDuplicate | None:
    """The strongest reason, certain ones first."""
    for first, reason, certain in (
        (same_number, "same attendee number", True),
        (same_email_and_name, "same email and name", True),
        (same_name_and_org, "same name and organisation", True),
        (same_email_other_name, "same email, different name", False),
        (same_name, "same name", False),
    ):
        if first is not None:
            return FileDuplicate(i, first, reason, certain)
    return None
