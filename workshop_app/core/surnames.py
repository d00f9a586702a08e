"""Surname keys and alphabetical surname ranges, as a sign at the door would show them.

A workshop split says "SURNAMES A–J FIRST". For that to work for everyone on the list,
every name has to land on exactly one letter, the same way every time:

* the first letter of the surname *as written* decides ("de Souza" is under D, "O'Brien"
  under O), unless the event asks for particles after the main name ("van der Berg"
  under B);
* accents are removed ("Åström" is under A); case, spaces, apostrophes and hyphens are
  ignored; names in other scripts are transliterated (Иванов is filed as Ivanov, under I)
  and the key remembers that, so the facilitator can explain it;
* someone with a single name is filed by it; a blank name is never placed silently.

Ranges are described by sort keys (uppercase ASCII letters). They are one or two letters
deep: "A–Ha" covers every key from "A" up to and including the keys starting "HA", and
"Hb–K" picks up from "HB". Internally a range is a span of *two-letter bins* (AA=0 …
ZZ=675); a one-letter key such as "H" sits in the first bin of its letter.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from anyascii import anyascii

from workshop_app.core.models import Attendee

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LETTERS = len(ALPHABET)
TWO_LETTER_BINS = LETTERS * LETTERS
EN_DASH = "\u2013"

# Words filed after the main name when an event asks for "particles last". Mac, Mc and O'
# are part of the name itself and are never moved.
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le"}
    | {"ten", "ter", "bin", "al", "el"}
)


class RangeError(ValueError):
    """Typed ranges that cannot be used, with a message saying what is wrong."""


@dataclass(frozen=True)
class SurnameKey:
    """Where one person is filed, and enough about why to explain it at the desk."""

    key: str  # uppercase A-Z only, e.g. "DESOUZA"; "" when the person needs a surname
    source: str = ""  # the text the key came from: the surname, or a single first name
    ascii_source: str = ""  # `source` in plain ASCII, e.g. "Ivanov" for "Иванов"
    from_first_name: bool = False  # single name: no surname, filed by the first name
    transliterated_from: str | None = None  # the original, when it was in another script
    particles_moved: tuple[str, ...] = field(default=())  # e.g. ("van", "der")

    @property
    def needs_surname(self) -> bool:
        """True when there is nothing to file under; such people are never placed."""
        return not self.key

    @property
    def letter(self) -> str:
        return self.key[:1]

    def explain(self) -> str:
        """One sentence a facilitator can read out: why this person is under this letter."""
        if self.needs_surname:
            return "No name to file under: needs a surname before they can be placed."
        parts = [f"Filed under {self.letter} ({self.source})"]
        if self.transliterated_from:
            parts.append(f"written {self.ascii_source!r} in Latin letters")
        elif self.ascii_source != self.source:
            parts.append(f"sorted as {self.ascii_source!r}")
        if self.from_first_name:
            parts.append("a single name, so it is used as the surname")
        if self.particles_moved:
            parts.append(f"{' '.join(self.particles_moved)!r} is filed after the main name")
        return "; ".join(parts) + "."


def _is_latin_or_ascii(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def to_ascii(text: str) -> str:
    """Plain ASCII spelling: accents dropped, other scripts transliterated (anyascii).

    Latin letters lose their accents ("Å" -> "A", "ß" -> "ss"); letters and marks of other
    scripts go through anyascii ("Иванов" -> "Ivanov", "だ" -> "da"). Symbols that are not
    letters (emoji) are dropped rather than spelled out, so an emoji is never filed under a
    letter of its description.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(char)
        elif char.isspace():
            out.append(" ")
        elif _is_latin_or_ascii(char):
            decomposed = unicodedata.normalize("NFKD", char)
            out.append(anyascii("".join(c for c in decomposed if not unicodedata.combining(c))))
        elif unicodedata.category(char)[0] in "LMP":  # letters, marks, punctuation
            out.append(anyascii(char))
    return "".join(out)


_DROP_NON_LETTERS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not 65 <= c <= 90))


def sort_letters(text: str) -> str:
    """The ordering form of a name: ASCII letters only, upper case."""
    plain = text if text.isascii() else to_ascii(text)
    return plain.upper().translate(_DROP_NON_LETTERS)


def _split_particles(ascii_name: str) -> tuple[tuple[str, ...], str]:
    """Leading particles and the rest, e.g. "van der Berg" -> (("van", "der"), "Berg")."""
    words = [w for w in re.split(r"[\s\-]+", ascii_name) if w]
    leading: list[str] = []
    for word in words:
        if word.lower() not in PARTICLES:
            break
        leading.append(word)
    if not leading or len(leading) == len(words):
        return (), ascii_name  # no particle, or nothing but particles: file as written
    return tuple(leading), " ".join(words[len(leading) :])


def key_for_name(first_name: str, surname: str, particles_last: bool = False) -> SurnameKey:
    """The key for a name as typed; see the module docstring for the rules."""
    for source, from_first in ((surname.strip(), False), (first_name.strip(), True)):
        ascii_source = source if source.isascii() else to_ascii(source)
        key = ascii_source.upper().translate(_DROP_NON_LETTERS)
        if not key:
            continue
        ascii_source = " ".join(ascii_source.split())
        non_latin = not source.isascii() and any(
            c.isalpha() and not _is_latin_or_ascii(c) for c in source
        )
        moved: tuple[str, ...] = ()
        if particles_last and not from_first:
            moved, main = _split_particles(ascii_source)
            if moved:
                key = sort_letters(main + "".join(moved))
        return SurnameKey(
            key=key,
            source=source,
            ascii_source=ascii_source,
            from_first_name=from_first,
            transliterated_from=source if non_latin else None,
            particles_moved=moved,
        )
    return SurnameKey(key="", source=f"{first_name} {surname}".strip())


def filing_key(first_name: str, surname: str, particles_last: bool = False) -> str:
    """Just `key_for_name(...).key`, quickly: big lists are mostly plain ASCII surnames."""
    if surname.isascii() and not particles_last:
        key = surname.upper().translate(_DROP_NON_LETTERS)
        if key:
            return key
    return key_for_name(first_name, surname, particles_last).key


def surname_key(attendee: Attendee, particles_last: bool = False) -> SurnameKey:
    """Where `attendee` is filed for surname ranges."""
    return key_for_name(attendee.first_name, attendee.surname, particles_last)


def bin_of(key: str) -> int:
    """The two-letter bin (0..675) of a non-empty key; "H" sits with "HA"."""
    first = ord(key[0]) - 65
    second = ord(key[1]) - 65 if len(key) > 1 else 0
    return first * LETTERS + second


def _bound_label(bound: str) -> str:
    return bound[0] + bound[1:].lower()


def _start_bound(bin_index: int) -> str:
    first, second = divmod(bin_index, LETTERS)
    return ALPHABET[first] + (ALPHABET[second] if second else "")


def _end_bound(bin_index: int) -> str:
    first, second = divmod(bin_index, LETTERS)
    return ALPHABET[first] + (ALPHABET[second] if second != LETTERS - 1 else "")


def span_label(first_bin: int, last_bin: int) -> str:
    """Sign text for a span of two-letter bins: "A–J", "Hb–K", "Q", "Hb–Hd"."""
    start, end = _bound_label(_start_bound(first_bin)), _bound_label(_end_bound(last_bin))
    if len(start) == 1 and len(end) == 1 and start == end:
        return start
    if first_bin == last_bin:
        return _bound_label(ALPHABET[first_bin // LETTERS] + ALPHABET[first_bin % LETTERS])
    return f"{start}{EN_DASH}{end}"


@dataclass(frozen=True, order=True)
class LetterRange:
    """A contiguous span of sort keys, from `first_bin` to `last_bin` inclusive.

    Bins are two letters deep (AA=0 … ZZ=675), so whole-letter ranges are the special case
    that starts on a letter's first bin and ends on a letter's last.
    """

    first_bin: int
    last_bin: int

    def __post_init__(self) -> None:
        if not 0 <= self.first_bin <= self.last_bin < TWO_LETTER_BINS:
            raise ValueError(f"not a range of bins: {self.first_bin}..{self.last_bin}")

    @classmethod
    def between(cls, start: str, end: str) -> LetterRange:
        """From sign bounds: `between("A", "HA")` is "A–Ha", `between("HB", "K")` "Hb–K"."""
        start, end = start.upper(), end.upper()
        last = bin_of(end) + (LETTERS - 1 if len(end) == 1 else 0)
        return cls(bin_of(start), last)

    @property
    def start(self) -> str:
        """Lower bound as a key prefix: "A", or "HB" when it starts inside a letter."""
        return _start_bound(self.first_bin)

    @property
    def end(self) -> str:
        """Upper bound as a key prefix: "J", or "HA" when it ends inside a letter."""
        return _end_bound(self.last_bin)

    @property
    def label(self) -> str:
        return span_label(self.first_bin, self.last_bin)

    @property
    def whole_letters(self) -> bool:
        return self.first_bin % LETTERS == 0 and self.last_bin % LETTERS == LETTERS - 1

    def contains(self, key: str) -> bool:
        return bool(key) and self.first_bin <= bin_of(key) <= self.last_bin

    def __str__(self) -> str:
        return self.label


def format_ranges(ranges: Sequence[LetterRange]) -> str:
    return ", ".join(r.label for r in ranges)


_BOUND = r"([A-Za-z]{1,2})"
_DASH = r"(?:\s*[-\u2010-\u2014]\s*|\s+to\s+)"
_RANGE = re.compile(rf"^{_BOUND}(?:{_DASH}{_BOUND})?$", re.IGNORECASE)


def _parse_one(number: int, text: str) -> LetterRange:
    match = _RANGE.match(text)
    if not match:
        too_long = re.match(rf"^[A-Za-z]+{_DASH}[A-Za-z]+$", text, re.IGNORECASE)
        hint = "bounds have at most two letters, like 'Ha'"
        if not too_long:
            hint = "write it like 'K-M' or 'He-Z'"
        raise RangeError(f"range {number} '{text}' is not understood: {hint}")
    start, end = match.group(1), match.group(2) or match.group(1)
    if bin_of(start.upper()) > bin_of(end.upper()) + (LETTERS - 1 if len(end) == 1 else 0):
        first, last = _bound_label(start.upper()), _bound_label(end.upper())
        raise RangeError(f"range {number} '{text}' runs backwards: {first} comes after {last}")
    return LetterRange.between(start, end)


def parse_ranges(text: str, expected_count: int | None = None) -> tuple[LetterRange, ...]:
    """Ranges typed by hand, e.g. "A-J, K-Z" or "a–ha; hb–z", in workshop order.

    Hyphens, en dashes and "to" all work, in any case. The order typed is kept (range 1
    starts in workshop 1, so "K-Z, A-J" is allowed); see `check_ranges` for the rest.
    """
    pieces = [p.strip() for p in re.split(r"[,;\n]", text)]
    if not any(pieces):
        raise RangeError("no ranges typed: type one range per workshop, e.g. 'A-J, K-Z'")
    if not all(pieces):
        raise RangeError("an empty range between separators: type them like 'A-J, K-Z'")
    ranges = tuple(_parse_one(n, p) for n, p in enumerate(pieces, start=1))
    check_ranges(ranges, expected_count, typed=pieces)
    return ranges


def check_ranges(
    ranges: Sequence[LetterRange],
    expected_count: int | None = None,
    typed: Sequence[str] | None = None,
) -> None:
    """Raise `RangeError` unless `ranges` cover A–Z exactly once, one per workshop.

    Messages name the range as typed (`typed`) so the facilitator can find it, and say
    which letters are missing or doubled: "range 2 'K-M' leaves N–Z uncovered".
    """
    if expected_count is not None and len(ranges) != expected_count:
        plural = "s" if len(ranges) != 1 else ""
        raise RangeError(
            f"{len(ranges)} range{plural} given for {expected_count} workshop"
            f"{'s' if expected_count != 1 else ''}: give one range per workshop"
        )
    if not ranges:
        raise RangeError("no ranges given: give one range per workshop, e.g. 'A-J, K-Z'")
    shown = typed or [r.label for r in ranges]
    named = [f"range {i + 1} '{shown[i]}'" for i in range(len(ranges))]
    order = sorted(range(len(ranges)), key=lambda i: (ranges[i].first_bin, i))
    first, last = ranges[order[0]], ranges[order[-1]]
    if first.first_bin > 0:
        gap = span_label(0, first.first_bin - 1)
        raise RangeError(f"{named[order[0]]} leaves {gap} uncovered")
    for before, after in zip(order, order[1:], strict=False):
        a, b = ranges[before], ranges[after]
        if b.first_bin <= a.last_bin:
            shared = span_label(b.first_bin, min(a.last_bin, b.last_bin))
            raise RangeError(f"{named[after]} overlaps {named[before]}: {shared} is in both")
        if b.first_bin > a.last_bin + 1:
            gap = span_label(a.last_bin + 1, b.first_bin - 1)
            raise RangeError(f"{named[before]} and {named[after]} leave {gap} uncovered")
    if last.last_bin < TWO_LETTER_BINS - 1:
        gap = span_label(last.last_bin + 1, TWO_LETTER_BINS - 1)
        raise RangeError(f"{named[order[-1]]} leaves {gap} uncovered")


# Rough share of UK surnames by initial letter (per mille), so made-up lists are as uneven
# across the alphabet as real ones. Used by benchmarks, never to file anyone.
# fmt: off
_INITIAL_WEIGHTS = (35, 95, 75, 45, 20, 35, 50, 80, 5, 30, 30, 50, 85,
                    20, 15, 60, 2, 55, 95, 40, 3, 10, 65, 1, 5, 2)
_SYLLABLES = ("an", "bel", "car", "da", "el", "fo", "gra", "ha", "is", "jo", "ka", "li", "mor",
              "ne", "o", "pa", "qu", "ro", "sa", "te", "u", "va", "wi", "xa", "ya", "zo")
# fmt: on


def sample_surnames(count: int, seed: int = 0) -> list[str]:
    """Made-up surnames with a realistic spread of first letters, the same for each seed."""
    rng = random.Random(seed)
    initials = rng.choices(ALPHABET, weights=_INITIAL_WEIGHTS, k=count)
    return [
        initial + rng.choice("aeiouyhlr") + "".join(rng.choices(_SYLLABLES, k=rng.randint(1, 2)))
        for initial in initials
    ]
