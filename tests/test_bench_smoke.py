"""The benchmark's building blocks run (no timing is asserted: that is ``make bench``'s job)."""

from __future__ import annotations

import sys
from pathlib import Path

import confdocs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import measure, report, startup, suites  # noqa: E402
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
        "worst_step": 2.0,
        "fitted": 2.0,
    }
    results = {
        "command": "python bench/run.py --quick",
        "quick": True,
        "machine": {"CPU": "test"},
        "formats": ["md"],
        "validators": ["quota"],
        "single": {"skipped": "pandoc is not installed"},
        "batch": {"skipped": "pandoc is not installed"},
        "warm": {"repeat": 1, "rows": [("exporter", "md", 0.001, {"jinja2": 0.5})]},
        "scaling": {
            "slot_sizes": [(10, 1), (20, 1)],
            "view_at_max": 0.01,
            "by_slots": {"exporter md": summary},
            "by_registrations": {"validator quota": summary},
        },
        "startup": {
            "runs": 1,
            "imports": {},
            "plugins": {},
            "times": {
                "confdocs --version": 0.1,
                "confdocs check examples/hague-2019/event.yaml": 0.3,
            },
        },
    }
    text = report.render(results, "## Findings\n\nnone")
    assert "Skipped: pandoc is not installed" in text
    assert (
        "| md: 20 slots (view + render) | < 2 s | 0.03 s (make_view 0.01 s + render 0.02 s) | met |"
        in text
    )
    assert text.rstrip().endswith("none")


def test_the_serve_bench_times_edits_with_an_sse_client(tmp_path: Path) -> None:
    from bench import serve

    result = serve.save_to_update(suites.confdocs_command(), tmp_path, 2, None)
    assert len(result["sse"]["runs"]) == 2 and result["sse"]["median_s"] > 0
    assert result["browser"] == {"skipped": "Chromium is not installed"}
    results = {"serve": result}
    row = report._serve_target(results["serve"])
    assert row[1] == "≤ 300 ms" and "SSE client" in row[2]
    assert "| SSE client |" in "\n".join(report._serve_section(result))
