"""The benchmark's building blocks run (no timing is asserted: that is ``make bench``'s job)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import confdocs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import coldstart, measure, report, startup, suites  # noqa: E402
from bench.outline_md import outline_markdown  # noqa: E402
from bench.synthetic import (  # noqa: E402
    Size,
    make_event,
    make_registrations,
    write_event,
    write_registrations,
)


def test_a_synthetic_event_loads_back_equal(tmp_path: Path) -> None:
    event = make_event(Size(slots=150, registrations=300), event_id="synthetic-150")
    assert event.days_between() == 2
    assert sum(len(day.slots) for day in event.programme.days) == 150
    loaded = confdocs.load_event(write_event(event, tmp_path))
    assert loaded == event


def test_synthetic_registrations_load_and_fit_the_event(tmp_path: Path) -> None:
    event = make_event(Size(slots=10, registrations=200))
    registrations = make_registrations(event, 200)
    loaded = confdocs.load_registrations(write_registrations(registrations, tmp_path / "r.csv"))
    assert len(loaded) == 200
    groups = {g.id for g in event.participants.groups} | {
        a.id for a in event.participants.allocations
    }
    assert {row.group for row in loaded} <= groups


def test_the_hand_made_markdown_names_every_slot() -> None:
    event = make_event(Size(slots=12))
    text = outline_markdown(event)
    assert text.startswith(f"# {event.title}")
    assert text.count("| 06h") + text.count("| 07h") == 12


def test_the_batch_has_distinct_ids(tmp_path: Path) -> None:
    paths = suites.make_batch(tmp_path, count=3)
    ids = {confdocs.load_event(p).id for p in paths}
    assert ids == {"hague-2019-01", "hague-2019-02", "hague-2019-03"}


def test_growth_per_doubling() -> None:
    assert measure.growth_per_doubling(10, 1.0, 20, 2.0) == 2.0
    quadratic = [(n, n * n * 1e-6) for n in (10, 20, 40, 80)]
    assert abs(measure.fitted_growth(quadratic) - 4.0) < 1e-9
    assert abs(measure.growth_per_doubling(10, 1.0, 40, 16.0) - 4.0) < 1e-9
    assert measure.time_call(lambda: None, repeat=2) >= 0


def test_import_times_are_read() -> None:
    items = startup.import_times(["-c", "import json"])
    assert any(item.module == "json" for item in items)


def test_the_report_renders_from_results() -> None:
    summary = {
        "points": [(10, 0.01), (20, 0.02)],
        "per_unit_us": 1000.0,
        "max_s": 0.02,
        "at_target_s": 0.02,
        "worst_step": 2.0,
        "fitted": 2.0,
    }
    row = {"wall_s": 0.2, "cpu_s": 0.2, "ratio": 1.0, "cpu_ratio": 1.0}
    pair = {
        "runs": 1,
        "formats": ["md"],
        "missing": {},
        "markdown": "the anchor",
        "confdocs_s": 0.5,
        "pandoc_s": 0.2,
        "ratio": 2.5,
        "confdocs_cpu_s": 0.5,
        "pandoc_cpu_s": 0.2,
        "cpu_ratio": 2.5,
    }
    results = {
        "command": "python bench/run.py --quick",
        "quick": True,
        "machine": {"CPU": "test"},
        "formats": ["md"],
        "validators": ["quota"],
        "single": {
            **pair,
            "rows": {"confdocs": {**row, "ratio": 2.5}, "pandoc": row, "interpreter": row},
            "steps": {"runs": 1, "steps": {"first load": 0.1}, "total_s": 0.4},
        },
        "batch": {"skipped": "pandoc is not installed"},
        "rebuild": {**pair, "ratio": 0.25},
        "warm": {"repeat": 1, "rows": [("exporter", "md", 0.001, {"jinja2": 0.5})]},
        "scaling": {
            "slot_sizes": [(10, 1), (20, 1)],
            "target_slots": 20,
            "view_at_target": 0.01,
            "by_slots": {"exporter md": summary},
            "by_registrations": {"validator quota": summary},
        },
        "docx_growth": {
            "sizes": [10, 20],
            "runs": 1,
            "times_s": {"10": 1.0, "20": 2.1},
            "growth": 2.1,
        },
        "startup": {
            "runs": 1,
            "imports": {},
            "plugins": {},
            "times": {
                "python -c pass (the interpreter alone)": 0.02,
                "confdocs --version": 0.04,
                "confdocs check examples/hague-2019/event.yaml": 0.3,
            },
            "ratios": {"python -c pass (the interpreter alone)": 1.0, "confdocs --version": 2.0},
        },
    }
    text = report.render(results, "## Findings\n\nnone")
    assert "Skipped: pandoc is not installed" in text
    assert (
        "| cold build, Hague, docx+html+md ÷ pandoc's 2 runs on the anchor | ≤ 2.0× | 2.50× "
        in text
    )
    assert (
        "| `confdocs --version` ÷ `python -c pass` | ≤ 2.5× | 2.00× (40 ms ÷ 20 ms) | met |" in text
    )
    assert (
        "| docx render, 5,000 → 10,000 slots | ≤ 2.05× | 2.10× (2.10 s ÷ 1.00 s) | **missed** |"
        in text
    )
    assert "warm rebuild" in text and "0.25×" in text
    assert (
        "| md: 20 slots (view + render) | < 2 s | 0.03 s (make_view 0.01 s + render 0.02 s) | met |"
        in text
    )
    assert "| first load | 100.0 ms | 25 % |" in text
    assert text.rstrip().endswith("none")


def test_rounds_are_interleaved_and_ratios_taken_per_round() -> None:
    order: list[str] = []

    def run(name: str, seconds: float) -> measure.Timing:
        order.append(name)
        return measure.Timing(seconds, seconds)

    rows = suites.interleaved(
        {"a": lambda: run("a", 2.0), "b": lambda: run("b", 1.0), "c": lambda: run("c", 4.0)},
        3,
        "b",
    )
    assert order == ["a", "b", "c", "a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert rows["a"]["ratio"] == 2.0 and rows["c"]["ratio"] == 4.0 and rows["b"]["wall_s"] == 1.0


def test_the_cold_build_steps_and_floors_run(tmp_path: Path) -> None:
    steps = coldstart.steps(suites.HAGUE, tmp_path / "out", 1)
    names = list(steps["steps"])
    assert names[0] == "start the interpreter" and names[-1].startswith("exit")
    assert any("docx" in n for n in names) and steps["total_s"] > 0
    floors = coldstart.floor_commands(suites.HAGUE, tmp_path / "modules")
    assert set(floors) == {"interpreter", "libraries", "all imports"}
    assert "'docx'" in floors["all imports"][-1] and "'confdocs.cli'" in floors["all imports"][-1]
    measure.run_process(floors["all imports"])


def test_the_anchor_is_found_or_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    anchor = tmp_path / "hague-2019.md"
    anchor.write_text("# The outline\n")
    monkeypatch.setenv("CONFDOCS_BENCH_ANCHOR", str(anchor))
    assert suites.find_anchor() == anchor
    monkeypatch.setenv("CONFDOCS_BENCH_ANCHOR", str(tmp_path / "missing.md"))
    assert suites.find_anchor() is None


def test_the_docx_growth_and_a_small_ladder_run(tmp_path: Path) -> None:
    growth = suites.docx_growth(1, (5, 10))
    assert growth["growth"] > 0 and set(growth["times_s"]) == {"5", "10"}
    ladder = suites.scaling(True, tmp_path, ladder=(5, 10))
    assert ladder["slot_sizes"] == [(5, 1), (10, 1)]
    assert "exporter docx" in ladder["by_slots"]


def test_the_warm_rebuild_runs(tmp_path: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    result = suites.warm_rebuild(tmp_path, 1)
    assert (result["ratio"] > 0 and "anchor" in result["markdown"]) or "not found" in result[
        "markdown"
    ]


def test_the_serve_bench_times_edits_with_an_sse_client(tmp_path: Path) -> None:
    from bench import serve

    result = serve.save_to_update(suites.confdocs_command(), tmp_path, 2, None)
    assert len(result["sse"]["runs"]) == 2 and result["sse"]["median_s"] > 0
    assert result["browser"] == {"skipped": "Chromium is not installed"}
    results = {"serve": result}
    row = report._serve_target(results["serve"])
    assert row[1] == "≤ 300 ms" and "SSE client" in row[2]
    assert "| SSE client |" in "\n".join(report._serve_section(result))
