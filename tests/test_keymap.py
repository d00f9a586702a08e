"""The keymap file: read what it says, and say what is wrong with it without failing."""

from __future__ import annotations

from pathlib import Path

from workshop_app.io.keymap import default_keymap_path, parse_keymap, read_keymap, unknown_ids


def test_a_keymap_moves_keys_by_binding_id(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[keymap]\ncheck-in = "space"\nwalk-in = "f4, ctrl+n"\n', encoding="utf-8")

    keymap = read_keymap(path)

    assert keymap.keys == {"check-in": "space", "walk-in": "f4,ctrl+n"}
    assert keymap.problems == ()


def test_no_file_is_no_keymap_and_no_problem(tmp_path: Path) -> None:
    keymap = read_keymap(tmp_path / "missing.toml")

    assert keymap.keys == {} and keymap.problems == ()


def test_a_broken_file_says_where_and_keeps_the_usual_keys() -> None:
    keymap = parse_keymap('[keymap]\ncheck-in = "space\n', "keymap.toml")

    assert keymap.keys == {}
    [problem] = keymap.problems
    assert "keymap.toml is not valid TOML" in problem and "line 2" in problem


def test_bad_values_and_tables_are_reported_and_the_rest_is_kept() -> None:
    keymap = parse_keymap(
        '[keymap]\ncheck-in = 3\nwalk-in = "ctrl n"\nedit = "f2"\n[colours]\nx = 1\n', "k.toml"
    )

    assert keymap.keys == {"edit": "f2"}
    assert len(keymap.problems) == 3
    assert any("check-in = 3" in p for p in keymap.problems)
    assert any("[colours]" in p for p in keymap.problems)


def test_unknown_ids_are_the_likely_typing_mistakes() -> None:
    keymap = parse_keymap('[keymap]\nchek-in = "space"\nedit = "f2"\n', "k.toml")

    assert unknown_ids(keymap, {"check-in", "edit"}) == ["chek-in"]


def test_the_default_file_follows_xdg_config_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))

    assert default_keymap_path() == tmp_path / "workshop-app" / "keymap.toml"


def test_dotted_ids_are_read_as_toml_writes_them() -> None:
    """`desk.walk-in = ...` is a nested table in TOML; either spelling names the id."""
    keymap = parse_keymap(
        '[keymap]\ndesk.walk-in = "f4"\n"workshops.pin" = "f5"\n[keymap.tables]\nseat-all = "f6"\n',
        "k.toml",
    )

    assert keymap.keys == {"desk.walk-in": "f4", "workshops.pin": "f5", "tables.seat-all": "f6"}
    assert keymap.problems == ()
