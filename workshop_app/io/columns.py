"""Which attendee field each column of an attendee list feeds, and how cell text is read.

Headers are recognised case-insensitively with spaces trimmed, from Eventbrite's attendee
exports (US "Order #"/"Last Name", UK "Order no."/"Surname", older "Order ID") and from
the generic sheets people keep themselves ("Name", "Organisation", "Sector", ...). A
header nobody recognises is kept as a custom question (`extra`) and listed as unmapped, so
the facilitator can map it by hand with an override.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from workshop_app.core.models import Sector

# Targets that are not Attendee fields but steer how a row is read.
FULL_NAME = "full_name"  # split into title, first name and surname
ATTENDEE_STATUS = "attendee_status"  # "Cancelled", "Refunded"... rows are skipped
BUYER_FIRST_NAME = "buyer_first_name"  # used when the attendee's own name is blank
BUYER_SURNAME = "buyer_surname"
BUYER_EMAIL = "buyer_email"  # used only together with the buyer's name
EXTRA = "extra"  # kept under the header in Attendee.extra
IGNORE = "ignore"

ATTENDEE_FIELDS: tuple[str, ...] = (
    "title",
    "first_name",
    "surname",
    "organisation",
    "role",
    "sector",
    "email",
    "phone",
    "access_needs",
    "notes",
    "consent_share_contact",
    "consent_photos",
    "attendee_number",
    "order_number",
    "ticket_type",
)
ROW_TARGETS: tuple[str, ...] = (
    FULL_NAME,
    ATTENDEE_STATUS,
    BUYER_FIRST_NAME,
    BUYER_SURNAME,
    BUYER_EMAIL,
)
TARGETS: tuple[str, ...] = ATTENDEE_FIELDS + ROW_TARGETS + (EXTRA, IGNORE)
NAME_TARGETS = frozenset({"first_name", "surname", FULL_NAME})
NAME_HEADERS_EXPECTED = "First Name/Last Name, Name, Full name"

_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "first", "forename", "forenames", "given name"),
    "surname": ("last name", "lastname", "surname", "family name"),
    "title": ("title", "prefix", "salutation"),
    FULL_NAME: ("name", "full name", "fullname", "attendee name", "delegate name", "your name"),
    "email": ("email", "e-mail", "email address", "e-mail address"),
    "organisation": (
        "company",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "employer",
    ),
    "role": ("job title", "role", "position", "job role"),
    "sector": ("sector", "organisation type", "organization type", "type of organisation"),
    "phone": (
        "mobile phone",
        "cell phone",
        "phone",
        "phone number",
        "telephone",
        "tel",
        "mobile",
        "mobile number",
        "contact number",
        "work phone",
        "home phone",
    ),
    "access_needs": ("access needs", "accessibility needs", "dietary", "dietary requirements"),
    "notes": ("notes",),
    "attendee_number": ("attendee #", "attendee no", "attendee number", "attendee id"),
    "order_number": ("order #", "order no", "order id", "order number"),
    "ticket_type": ("ticket type", "ticket", "ticket name"),
    ATTENDEE_STATUS: ("attendee status", "status"),
    BUYER_FIRST_NAME: ("buyer first name",),
    BUYER_SURNAME: ("buyer last name", "buyer surname"),
    BUYER_EMAIL: ("buyer email",),
    "consent_photos": ("photo consent", "photography consent"),
    "consent_share_contact": ("share contact details", "consent to share contact details"),
}

# Eventbrite columns about money, barcodes, devices and addresses: not needed to run the
# day, so not kept (less personal data held). Matched on the header's start.
_IGNORED_PREFIXES: tuple[str, ...] = (
    "order date",
    "quantity",
    "barcode",
    "order type",
    "total paid",
    "fees paid",
    "eventbrite fees",
    "eventbrite payment processing",
    "currency",
    "device name",
    "check-in date",
    "checked in",
    "date attending",
    "home address",
    "work address",
    "billing address",
    "shipping address",
)

_HEADER_TO_TARGET = {alias: target for target, aliases in _ALIASES.items() for alias in aliases}


def normalise_header(header: str) -> str:
    """Compare headers loosely: " Order no. " -> "order no", "First name *" -> "first name"."""
    text = " ".join(header.split()).casefold()
    return text.rstrip(" .:*?").strip()


def _target_by_keywords(header: str) -> str | None:
    """Custom questions worded freely, e.g. "Do you have any access requirements?"."""
    if "dietary" in header or "accessibility" in header:
        return "access_needs"
    if "access" in header and ("need" in header or "requirement" in header):
        return "access_needs"
    if "photo" in header:  # "Photo consent", "Can we take your photo?", "...photographed?"
        return "consent_photos"
    if "share" in header and "contact" in header:
        return "consent_share_contact"
    if _is_sector_question(header):
        return "sector"
    return None


_ORGANISATION_WORDS = ("organisation", "organization", "organisations", "organizations", "org")
_KIND_WORDS = ("type", "kind")


def _is_sector_question(header: str) -> bool:
    """Eventbrite's custom question "What is your organisation's sector?", "Which sector do
    you work in?", "Type of organisation", "What kind of organisation are you from?"."""
    words = re.sub(r"[^a-z]+", " ", header.replace("'s", "")).split()
    if "sector" in words or "sectors" in words:
        return True
    return any(w in _KIND_WORDS for w in words) and any(w in _ORGANISATION_WORDS for w in words)


@dataclass(frozen=True)
class Columns:
    """The columns of one file: unique labels, the target of each, and which were guesses.

    `labels` are the headers as written, made unique ("Email (2)") and never blank
    ("Column 7"), so they can key `column_mapping` and `mapping_overrides`.
    """

    labels: tuple[str, ...]
    targets: tuple[str, ...]
    unmapped: tuple[str, ...]

    @property
    def mapping(self) -> dict[str, str]:
        return dict(zip(self.labels, self.targets, strict=True))

    @property
    def has_name(self) -> bool:
        return any(t in NAME_TARGETS for t in self.targets)


def column_labels(headers: Sequence[str]) -> tuple[str, ...]:
    labels: list[str] = []
    seen: dict[str, int] = {}
    for position, header in enumerate(headers, start=1):
        label = " ".join(header.split()) or f"Column {position}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return tuple(labels)


class MappingOverrideError(ValueError):
    """An override names a column the file does not have, or a target that does not exist."""


def check_override_targets(overrides: Mapping[str, str]) -> None:
    """Refuse an override to a target that does not exist, before any file is read."""
    for label, target in overrides.items():
        if target not in TARGETS:
            raise MappingOverrideError(
                f"cannot map column {label!r} to {target!r}: choose one of {', '.join(TARGETS)}"
            )


def resolve_columns(headers: Sequence[str], overrides: Mapping[str, str] | None = None) -> Columns:
    """Give every column a target: the override if any, else an alias, else a keyword rule,
    else `ignore` for a column without a header and `extra` for any other (a custom
    question, listed in `unmapped` so the facilitator can map it by hand)."""
    labels = column_labels(headers)
    overrides = dict(overrides or {})
    check_override_targets(overrides)
    missing = [label for label in overrides if label not in labels]
    if missing:
        raise MappingOverrideError(
            f"mapping given for {', '.join(map(repr, missing))} but the file has no such "
            f"column; columns are: {', '.join(labels)}"
        )
    targets: list[str] = []
    unmapped: list[str] = []
    for label, header in zip(labels, headers, strict=True):
        key = normalise_header(header)
        target = overrides.get(label) or _HEADER_TO_TARGET.get(key) or _target_by_keywords(key)
        if target is None and (not key or key.startswith(_IGNORED_PREFIXES)):
            target = IGNORE  # known noise, or no header at all (formatting, a trailing comma)
        if target is None:
            unmapped.append(label)
            target = EXTRA
        targets.append(target)
    return Columns(labels=labels, targets=tuple(targets), unmapped=tuple(unmapped))


# Free-text sector answers, first match wins. Whole words or phrases, on ASCII lower case.
# VCSE-specific phrases come first so "Community Interest Company" is not a business and
# "Health charity" is not statutory; "NHS Trust" has no VCSE word, so it is statutory.
# fmt: off
_SECTOR_RULES: tuple[tuple[Sector, tuple[str, ...]], ...] = (
    (
        Sector.VCSE,
        (
            "vcse", "vcs", "vcfs", "vcfse", "voluntary", "charity", "charitable", "third sector",
            "social enterprise", "community interest company", "cic", "cio", "not for profit",
            "non profit", "nonprofit", "faith", "church", "mosque", "temple", "synagogue",
            "gurdwara", "community group", "volunteer", "volunteering", "residents association",
            "tenants association", "third", "voluntary and community", "community sector",
            "housing association", "grassroots", "mutual", "cooperative", "co operative",
        ),
    ),
    (
        Sector.STATUTORY,
        (
            "statutory", "council", "local authority", "nhs", "public sector",
            "government", "police", "fire", "health", "icb", "ccg", "gp", "hospital", "school",
            "dwp", "jobcentre", "probation", "civil service", "public body", "public service",
            "public services", "parish council", "town council", "social care",
            "housing authority", "university", "college", "emergency services", "ambulance",
        ),
    ),
    (
        Sector.BUSINESS,
        (
            "business", "private", "company", "ltd", "limited", "plc", "llp", "corporate",
            "commercial", "sme", "self employed", "sole trader", "retail", "for profit",
            "freelance", "consultant", "consultancy", "employer", "industry",
        ),
    ),
    (
        Sector.RESIDENT,
        ("resident", "member of the public", "public", "individual", "citizen", "local person"),
    ),
    (Sector.VCSE, ("community",)),
)
# fmt: on


# Answers that say "other" on purpose: recognised, so not reported as unknown.
_OTHER_ANSWERS = frozenset(
    {"other", "others", "none", "n a", "na", "not applicable", "prefer not to say", "unknown"}
)


def sector_from_text(text: str) -> Sector:
    """Read a free-text sector: "Voluntary", "Charity" -> VCSE; "Council", "NHS" ->
    statutory; unknown -> other."""
    return sector_answer(text) or Sector.OTHER


@lru_cache(maxsize=512)
def sector_answer(text: str) -> Sector | None:
    """The sector a free-text answer names, or None when no rule knows it ("Astronaut
    guild"), so the preview can report it. Cached: a list repeats a handful of answers."""
    words = " " + re.sub(r"[^a-z0-9]+", " ", anyascii(text).casefold()).strip() + " "
    for value in Sector:
        if words.strip() == value.value.casefold():
            return value
    if words.strip() in _OTHER_ANSWERS:
        return Sector.OTHER
    for sector, phrases in _SECTOR_RULES:
        if any(f" {phrase} " in words for phrase in phrases):
            return sector
    return None


_YES_WORDS = frozenset({"yes", "y", "true", "1", "agree", "agreed", "i agree", "ok", "x"})


def yes_from_text(text: str) -> bool:
    """Consent answers: "Yes", "Y", "TRUE", "I agree", "Yes, happy to" -> True; else False."""
    if not text:
        return False
    answer = " ".join(text.split()).casefold().rstrip(".!")
    return answer in _YES_WORDS or answer.startswith(("yes ", "yes,", "i agree", "i consent"))


_SKIPPED_STATUS_PREFIXES = ("cancel", "refund", "not attending", "deleted", "transferred", "void")


def is_skipped_status(status: str) -> bool:
    """Eventbrite's "Cancelled", "Refunded", "Not Attending" (and kin) are not coming."""
    return " ".join(status.split()).casefold().startswith(_SKIPPED_STATUS_PREFIXES)


_TOTAL_WORDS = frozenset({"total", "totals", "grand total", "sum"})


def is_totals_row(cells: Sequence[str]) -> bool:
    """A "Totals" row exported below the list: its first non-blank cell says so."""
    for cell in cells:
        if cell and not cell.isspace():
            return normalise_header(cell) in _TOTAL_WORDS
    return False
