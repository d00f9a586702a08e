"""A name typed in one box at the desk, split into first name and surname.

A walk-in says "Zoë Ó Briain" and the desk types it once. The surname decides the
workshop group, so the split follows how names are written: the last word is the
surname, with the particles written before it ("van der Berg", "Ó Briain", "de la
Cruz"); "Surname, First" with a comma is taken as it says. The form shows the split
as it is typed, so a wrong guess is seen and corrected on the spot.

Pure: no Textual, no store.
"""

from __future__ import annotations

from workshop_app.core.search import fold
from workshop_app.core.surnames import PARTICLES

# Written before a surname and part of it: Dutch, German, Romance and Irish particles.
# ("Mac" and "O'" are usually joined to the name; as separate words they are kept too.)
SURNAME_PARTICLES = PARTICLES | {
    "dos",
    "das",
    "des",
    "o",
    "ni",
    "nic",
    "ui",
    "mac",
    "mc",
    "bin",
    "al",
    "ap",
}


def split_name(typed: str) -> tuple[str, str]:
    """(first name, surname) of a name typed in one box, spaces tidied.

    >>> split_name("Anna van der Berg")
    ('Anna', 'van der Berg')
    >>> split_name("Ó Briain, Zoë")
    ('Zoë', 'Ó Briain')
    """
    if "," in typed:
        surname, _, first = typed.partition(",")
        return " ".join(first.split()), " ".join(surname.split())
    words = typed.split()
    if len(words) < 2:
        return (words[0] if words else ""), ""
    start = len(words) - 1
    while start > 1 and fold(words[start - 1]) in SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])
