"""Smoke test of `workshop-app bench`: every section yields its rows with real numbers.

Tiny sizes and one or two runs; timings are never asserted (machines are shared).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from rich.console import Console

from workshop_app.bench import runner, saves, startup
from workshop_app.bench.rows import Row, summarise
from workshop_app.bench.sections import SECTIONS, BenchContext, Section


def _render(rows: list[Row]) -> str:
    console = Console(record=True, width=240)
    console.print(runner.build_table(rows))
    return console.export_text()


def test_summarise_medians_and_nearest_rank_p99() -> None:
    stats = summarise([0.001 * n for n in range(1, 101)])
    assert stats.median_ms == pytest.approx(50.5)
    assert stats.p99_ms == pytest.approx(99)
    assert stats.max_ms == pytest.approx(100)
    assert stats.samples == 100


def test_save_section_rows(tmp_path: Path) -> None:
    rows = saves.measure_saves(tmp_path, (30, 60), samples=4, tinydb_budget_s=0.5)

    expected = [saves.OURS, saves.FOLD, saves.TINYDB, saves.SQLITE, saves.FLOOR]
    assert [(r.size, r.name) for r in rows] == [(n, name) for n in (30, 60) for name in expected]
    for row in rows:
        assert row.median_ms > 0 and row.max_ms is not None and row.max_ms >= row.median_ms
        assert row.samples >= 1
        if row.name != saves.FOLD:
            assert row.p99_ms is not None and row.p99_ms > 0
        if row.name not in (saves.FLOOR, saves.FOLD):
            assert row.ratio is not None and row.ratio > 0
    text = _render(rows)
    assert "TinyDB JSONStorage" in text and "NOT crash-safe" in text


def test_save_targets_are_judged_at_their_sizes(tmp_path: Path) -> None:
    rows = saves.measure_saves(tmp_path, (2_000,), samples=2, tinydb_budget_s=0.2)
    ours = next(r for r in rows if r.name == saves.OURS)
    assert ours.target == "p50 ≤ 2 ms" and ours.met is not None


def test_bare_first_frame(tmp_path: Path) -> None:
    bare = startup.bare_variant()
    samples = startup.measure_first_frames([bare], repeats=1, warmup=())
    [row] = startup.first_frame_rows([bare], samples)
    assert row.name == startup.BARE and row.median_ms > 0 and row.samples == 1
    assert "python start" in row.note


def test_app_first_frame_against_bare(tmp_path: Path) -> None:
    variants = [startup.bare_variant(), *startup.app_variants(tmp_path, (40,))]
    samples = startup.measure_first_frames(variants, repeats=1, warmup=())
    rows = startup.first_frame_rows(variants, samples)

    assert [r.name for r in rows] == [
        startup.BARE,
        "workshop-app: demo event",
        startup.FILLED_ROW,
        "workshop-app: 40-attendee event",
        startup.FILLED_ROW,
    ]
    for row in rows[1:]:
        assert row.median_ms > 0 and row.ratio is not None and row.ratio > 0
    filled = [s for v in variants[1:] for s in samples[v.label]]
    assert all(s.filled_rows > 0 and s.filled_elapsed >= s.elapsed for s in filled)
    assert "demo event" in _render(rows)


def test_section_keys_are_unique_and_an_unknown_one_is_refused_with_the_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    keys = [s.key for s in SECTIONS]
    assert len(set(keys)) == len(keys) and all(keys)

    assert runner.run_bench(quick=True, only=["no-such-section"]) == 2
    err = capsys.readouterr().err
    assert "no section no-such-section" in err
    assert all(key in err for key in keys)  # the message lists what can be asked for


def test_runner_prints_every_registered_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hook later features use: a section is a function returning rows."""
    seen: list[BenchContext] = []

    def fake(ctx: BenchContext) -> list[Row]:
        seen.append(ctx)
        assert ctx.work_dir.is_dir()
        return [Row("Search", "keystroke to result", 2_000, 1.5, p99_ms=3.0, samples=2)]

    def broken(ctx: BenchContext) -> list[Row]:
        raise RuntimeError("boom")

    monkeypatch.setenv("WORKSHOP_APP_DATA", str(tmp_path / "sessions"))
    monkeypatch.setattr(runner, "SECTIONS", (Section("search", "Search", fake),))
    assert runner.run_bench(quick=True) == 0
    out = capsys.readouterr().out
    assert "keystroke to result" in out and "CPython" in out and "p50 = median" in out
    assert seen and seen[0].quick and not seen[0].work_dir.exists()  # scratch is removed

    monkeypatch.setattr(runner, "SECTIONS", (Section("broken", "Broken", broken),))
    assert runner.run_bench(quick=True) == 1


def test_missing_numbers_render_as_a_dash() -> None:
    text = _render([Row("First frame", "not there", None, math.nan, note="not measured")])
    [line] = [line for line in text.splitlines() if "not there" in line]
    cells = [cell.strip() for cell in line.split("│")[1:-1]]
    # measurement, N, p50, ...: the median that could not be measured is a dash, not "nan"
    assert cells[2] == "-"
    assert "nan" not in line.lower()
