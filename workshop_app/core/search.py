"""Find attendees as the facilitator types: accents, case, spaces and punctuation ignored.

A desk search must keep up with typing on a list of 10,000 people, so every attendee's
keys are folded once, when the index is built, and a keystroke only runs one substring
test per person, or fewer: a query that extends a recent one filters that one's matches,
and a recent query (the word before a backspace) is answered from memory.
Folding strips accents with unicodedata and casefolds, then drops everything but letters
and digits, so "nibhriain", "Ni Bhriain" and "Ní Bhriain" are the same key, as are
"obrien" and "O'Brien", "smith jones" and "Smith-Jones".

Matches are ranked as a person reads a list: people whose surname (or a word of it:
"berg" for "van der Berg", "briain" for "Ó Briain") starts with the query come first,
then those whose first name does, then organisations, then matches inside words; by
surname within each. "o'b" therefore lists Ó Briain and O'Brien before "Jones, Bob".

Pure: no Textual, no store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workshop_app.core.models import Attendee

_FIELD_SEPARATOR = "\x00"  # never in a folded query, so a match never spans two fields
_RECENT_QUERIES = 16  # a word or two typed and corrected; each holds up to one list


def fold(text: str) -> str:
    """Case and accents ignored: "Zoë Ní Bhriain" -> "zoe ni bhriain"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # "ß".casefold() is "ss"; "ł" has no decomposition, so it is mapped by hand.
    return stripped.casefold().replace("ł", "l").replace("ø", "o").replace("đ", "d")


def compact(text: str) -> str:
    """Folded, with only letters and digits kept: "O'Brien-Ní" -> "obrienni"."""
    return "".join(c for c in fold(text) if c.isalnum())


def sort_key(attendee: Attendee) -> tuple[str, str, str]:
    """Surname order as people read a list: "Åström" with the As, "de Souza" with the Ds."""
    surname = fold(attendee.surname or attendee.first_name)
    return (surname, fold(attendee.first_name), attendee.id)


@dataclass(frozen=True, slots=True)
class _Entry:
    attendee: Attendee
    haystack: str  # compact surname, first name, "first surname", "surname first", organisation
    surname_words: tuple[str, ...]  # compact surname and each of its words, for the kiosk
    # The keys a query may start, each after a separator, best first: surname words, then
    # first name (and "first surname"), then organisation; `first_at` and
    # `organisation_at` are where the last two begin. One find() ranks a match.
    starts: str
    first_at: int
    organisation_at: int


def _words(text: str) -> list[str]:
    """Compact words of `text`: "Ó Briain" -> ["o", "briain"], "Smith-Jones" -> both."""
    folded = fold(text).replace("-", " ").replace("'", " ").replace("’", " ")
    return [word for word in (compact(w) for w in folded.split()) if word]


def _entry(attendee: Attendee) -> _Entry:
    first, surname = attendee.first_name, attendee.surname
    keys = (compact(surname), compact(first), compact(f"{first}{surname}"))
    surname_first = compact(f"{surname}{first}")
    organisation = compact(attendee.organisation)
    haystack = _FIELD_SEPARATOR.join((*keys, surname_first, organisation))
    surname_words = tuple(w for w in (keys[0], *_words(surname)) if w)
    surname_starts = _marked((surname_first, *surname_words))
    first_starts = _marked((keys[2], *_words(first)))
    organisation_starts = _marked((organisation, *_words(attendee.organisation)))
    return _Entry(
        attendee,
        haystack,
        surname_words,
        starts=surname_starts + first_starts + organisation_starts,
        first_at=len(surname_starts),
        organisation_at=len(surname_starts) + len(first_starts),
    )


def _marked(keys: Sequence[str]) -> str:
    return "".join(_FIELD_SEPARATOR + key for key in keys if key)


class SearchIndex:
    """Attendees sorted by surname, with folded keys ready for searching.

    The list never changes: `with_attendee` returns a new index. `search` remembers
    recent queries, so one index is searched from one thread (the desk's).
    """

    __slots__ = ("_entries", "_everyone", "_recent")

    def __init__(self, attendees: Iterable[Attendee] = (), *, _entries: list[_Entry] | None = None):
        if _entries is None:
            _entries = sorted((_entry(a) for a in attendees), key=lambda e: sort_key(e.attendee))
        self._entries: list[_Entry] = _entries
        self._everyone = tuple(e.attendee for e in _entries)
        # Recent queries, oldest first, with their matching entries and attendees.
        self._recent: dict[str, tuple[list[_Entry], tuple[Attendee, ...]]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def attendees(self) -> tuple[Attendee, ...]:
        """Everyone, by surname."""
        return self._everyone

    def search(self, query: str) -> tuple[Attendee, ...]:
        """Everyone whose surname, first name, full name or organisation contains `query`.

        A query with no letters or digits matches everyone, by surname. Otherwise the
        matches are ranked (see the module), by surname within a rank.
        """
        needle = compact(query)
        if not needle:
            return self._everyone
        recent = self._recent.get(needle)
        if recent is None:
            pool = self._entries
            # The longest recent query that this one extends has every match in it.
            for earlier in sorted(self._recent, key=len, reverse=True):
                if needle.startswith(earlier):
                    pool = self._recent[earlier][0]
                    break
            entries = [e for e in pool if needle in e.haystack]  # still by surname
            recent = (entries, _ranked(entries, needle))
            if len(self._recent) >= _RECENT_QUERIES:
                del self._recent[next(iter(self._recent))]
        else:
            del self._recent[needle]  # moved to the newest end
        self._recent[needle] = recent
        return recent[1]

    def surname_matches(self, query: str, *, min_length: int = 2) -> list[Attendee]:
        """People whose surname, or a word of it, starts with `query` (the kiosk's search).

        "berg" finds "van der Berg", "obr" finds "O'Brien"; fewer than `min_length`
        letters find nobody, so the kiosk never lists half the room.
        """
        needle = compact(query)
        if len(needle) < min_length:
            return []
        return [
            e.attendee
            for e in self._entries
            if any(word.startswith(needle) for word in e.surname_words)
        ]

    def with_attendee(self, attendee: Attendee) -> SearchIndex:
        """A new index with `attendee` added, or replacing the one with the same id."""
        kept = [e for e in self._entries if e.attendee.id != attendee.id]
        new = _entry(attendee)
        key = sort_key(attendee)
        position = _insertion_point(kept, key)
        kept.insert(position, new)
        return SearchIndex(_entries=kept)


def _ranked(entries: Sequence[_Entry], needle: str) -> tuple[Attendee, ...]:
    """The attendees of `entries` (in surname order) by rank, in surname order within one.

    Runs on every keystroke over every match, so the rank is worked out inline: where
    the query first starts a key says whose key it is.
    """
    marked = _FIELD_SEPARATOR + needle
    surname, first, organisation, inside = [], [], [], []
    for entry in entries:
        at = entry.starts.find(marked)
        if at < 0:
            inside.append(entry.attendee)
        elif at < entry.first_at:
            surname.append(entry.attendee)
        elif at < entry.organisation_at:
            first.append(entry.attendee)
        else:
            organisation.append(entry.attendee)
    return (*surname, *first, *organisation, *inside)


def _insertion_point(entries: Sequence[_Entry], key: tuple[str, str, str]) -> int:
    low, high = 0, len(entries)
    while low < high:
        middle = (low + high) // 2
        if sort_key(entries[middle].attendee) < key:
            low = middle + 1
        else:
            high = middle
    return low
