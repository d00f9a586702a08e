"""Surname keys and typed surname ranges: the rules a sign at the door relies on."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core.models import Attendee
from workshop_app.core.surnames import (
    PARTICLES,
    TWO_LETTER_BINS,
    LetterRange,
    RangeError,
    bin_of,
    check_ranges,
    filing_key,
    format_ranges,
    key_for_name,
    parse_ranges,
    sample_surnames,
    sort_letters,
    surname_key,
    to_ascii,
)


def letter(surname: str, first_name: str = "", particles_last: bool = False) -> str:
    return key_for_name(first_name, surname, particles_last).letter


# --- surname keys -----------------------------------------------------------------------


def test_first_letter_of_the_surname_as_written():
    assert letter("de Souza") == "D"
    assert letter("O'Brien") == "O"
    assert letter("McDonald") == "M"
    assert letter("van der Berg") == "V"


def test_accents_are_removed():
    assert letter("Åström") == "A"
    assert letter("Ó Briain") == "O"
    assert key_for_name("", "Ní Bhriain").key == "NIBHRIAIN"
    assert key_for_name("", "Øster").key == "OSTER"
    assert key_for_name("", "Straße").key == "STRASSE"


def test_case_spaces_apostrophes_and_hyphens_are_ignored_for_ordering():
    keys = {key_for_name("", s).key for s in ("O'Brien", "o brien", "O-Brien", "OBRIEN", "O’Brien")}
    assert keys == {"OBRIEN"}
    assert key_for_name("", "  Smith-Jones ").key == "SMITHJONES"


def test_accents_do_not_count_as_transliteration_but_are_explained():
    key = key_for_name("", "Åström")
    assert key.transliterated_from is None
    assert key.ascii_source == "Astrom"
    assert "Astrom" in key.explain()


def test_other_scripts_are_transliterated_and_say_so():
    key = key_for_name("Ivan", "Иванов")
    assert key.key == "IVANOV" and key.letter == "I"
    assert key.transliterated_from == "Иванов"
    assert key.ascii_source == "Ivanov"
    assert "Ivanov" in key.explain() and "Latin letters" in key.explain()
    assert key_for_name("", "Παπαδόπουλος").letter == "P"
    assert key_for_name("", "やまだ").key == "YAMADA"  # kana keep their voicing mark
    assert key_for_name("", "王").transliterated_from == "王"


def test_a_single_name_is_filed_by_that_name():
    key = key_for_name("Madonna", "")
    assert key.key == "MADONNA"
    assert key.from_first_name
    assert "single name" in key.explain()


def test_a_blank_name_needs_a_surname_and_has_no_letter():
    for first, surname in (("", ""), ("  ", " "), ("", "😀"), ("", "--")):
        key = key_for_name(first, surname)
        assert key.needs_surname and key.key == "" and key.letter == ""
        assert "needs a surname" in key.explain()


def test_a_surname_with_no_letters_falls_back_to_the_first_name():
    key = key_for_name("Ada", "123")
    assert key.key == "ADA" and key.from_first_name


def test_particles_last_files_under_the_main_name():
    key = key_for_name("Anna", "van der Berg", particles_last=True)
    assert key.letter == "B" and key.key == "BERGVANDER"
    assert key.particles_moved == ("van", "der")
    assert "'van der' is filed after the main name" in key.explain()
    assert letter("de Souza", particles_last=True) == "S"
    assert letter("De La Cruz", particles_last=True) == "C"
    assert letter("al-Hassan", particles_last=True) == "H"
    assert letter("von Trapp", particles_last=True) == "T"


def test_mac_mc_and_o_are_not_particles():
    for surname, expected in (("MacDonald", "M"), ("Mc Donald", "M"), ("O'Brien", "O")):
        key = key_for_name("", surname, particles_last=True)
        assert key.letter == expected and key.particles_moved == ()
    assert not {"mac", "mc", "o"} & PARTICLES


def test_a_surname_made_only_of_particles_is_filed_as_written():
    assert letter("Van", particles_last=True) == "V"
    assert letter("De La", particles_last=True) == "D"


def test_particles_stay_put_unless_asked_and_for_single_names():
    assert letter("van der Berg") == "V"
    assert key_for_name("Van", "", particles_last=True).key == "VAN"


def test_surname_key_reads_the_attendee():
    person = Attendee(first_name="Anna", surname="van der Berg")
    assert surname_key(person).letter == "V"
    assert surname_key(person, particles_last=True).letter == "B"


def test_to_ascii_drops_symbols_rather_than_spelling_them_out():
    assert sort_letters("😀") == ""
    assert to_ascii("Zoë ★") == "Zoe "


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12), st.booleans())
def test_filing_key_is_the_key_of_key_for_name(first, surname, particles_last):
    expected = key_for_name(first, surname, particles_last).key
    assert filing_key(first, surname, particles_last) == expected
    assert expected == "" or (expected.isascii() and expected.isalpha() and expected.isupper())


# --- letter ranges ----------------------------------------------------------------------


def test_two_letter_ranges_cover_up_to_and_including_their_prefix():
    first = LetterRange.between("A", "HA")
    assert first.label == "A–Ha"
    for key in ("ADAMS", "H", "HA", "HALL", "HAZEL"):
        assert first.contains(key)
    assert not first.contains("HB") and not first.contains("HEATH")
    second = LetterRange.between("HB", "Z")
    assert second.label == "Hb–Z" and second.start == "HB" and second.end == "Z"
    assert second.contains("HEATH") and second.contains("ZUBER") and not second.contains("HALL")


def test_labels_read_like_a_sign():
    assert LetterRange.between("A", "J").label == "A–J"
    assert LetterRange.between("Q", "Q").label == "Q"
    assert LetterRange.between("HA", "HA").label == "Ha"
    assert LetterRange.between("HE", "K").label == "He–K"
    assert LetterRange.between("A", "J").whole_letters
    assert not LetterRange.between("A", "HA").whole_letters


def test_bins_put_a_one_letter_key_with_the_first_two_letter_prefix():
    assert bin_of("H") == bin_of("HA") == bin_of("HALL")
    assert bin_of("AA") == 0 and bin_of("ZZ") == TWO_LETTER_BINS - 1


def test_parse_ranges_accepts_hyphen_en_dash_and_any_case():
    assert format_ranges(parse_ranges("A-J, K-Z")) == "A–J, K–Z"
    assert format_ranges(parse_ranges("a–j; k – z")) == "A–J, K–Z"
    assert format_ranges(parse_ranges("A-Ha, Hb-Z", expected_count=2)) == "A–Ha, Hb–Z"
    assert format_ranges(parse_ranges("A to J\nK to Z")) == "A–J, K–Z"


def test_parse_ranges_keeps_the_typed_order():
    ranges = parse_ranges("K-Z, A-J")
    assert [r.label for r in ranges] == ["K–Z", "A–J"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A-J, K-M", "range 2 'K-M' leaves N–Z uncovered"),
        ("B-J, K-Z", "range 1 'B-J' leaves A uncovered"),
        ("A-J, H-Z", "range 2 'H-Z' overlaps range 1 'A-J': H–J is in both"),
        ("A-Ha, He-Z", "range 1 'A-Ha' and range 2 'He-Z' leave Hb–Hd uncovered"),
        ("A-J", "1 range given for 2 workshops"),
        ("A-H, I-P, Q-Z", "3 ranges given for 2 workshops"),
        ("M-A, B-Z", "range 1 'M-A' runs backwards: M comes after A"),
        ("A-Har, Hb-Z", "range 1 'A-Har' is not understood: bounds have at most two letters"),
        ("A_J, K-Z", "range 1 'A_J' is not understood"),
        ("", "no ranges typed"),
        ("A-J,,K-Z", "an empty range"),
    ],
)
def test_parse_ranges_says_what_is_wrong(text, message):
    with pytest.raises(RangeError) as error:
        parse_ranges(text, expected_count=2)
    assert message in str(error.value)


def test_check_ranges_accepts_a_cover_and_names_ranges_by_label():
    check_ranges((LetterRange.between("A", "M"), LetterRange.between("N", "Z")), 2)
    with pytest.raises(RangeError, match="range 2 'N–Y' leaves Z uncovered"):
        check_ranges((LetterRange.between("A", "M"), LetterRange.between("N", "Y")))


def test_sample_surnames_are_repeatable_and_spread_over_the_alphabet():
    names = sample_surnames(2000, seed=3)
    assert names == sample_surnames(2000, seed=3)
    assert len({key_for_name("", n).letter for n in names}) >= 20
