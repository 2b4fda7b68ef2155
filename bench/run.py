"""``make bench``: measure confdocs and write docs/performance.md.

    .venv/bin/python bench/run.py            # the full run (several minutes)
    .venv/bin/python bench/run.py --quick    # fewer repetitions and sizes
    .venv/bin/python bench/run.py --json results.json            # also keep the raw results
    .venv/bin/python bench/run.py --from-json results.json       # re-write the report only

It measures whatever formats and validators are installed. Without pandoc the comparison
with pandoc is skipped with a line saying so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the bench package importable
    sys.path.insert(0, str(ROOT))

from bench import machine, report, serve, suites  # noqa: E402

SECTIONS = ("single", "batch", "rebuild", "warm", "scaling", "startup", "serve", "pdf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a shorter run")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "performance.md", help="the report"
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only these parts and print the results (no report: a report is one whole run)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        help="measure nothing: write the report from a whole run saved earlier with --json "
        "(after editing bench/findings.md)",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        if not saved.get("complete"):
            parser.error(f"{args.from_json} is not a whole run: a report comes from one run")
        return _write_report(saved, args.output)
    quick = args.quick
    started = time.perf_counter()
    from confdocs import allocator, get_plugin_manager

    # The renders measured here run as a command runs them: the allocator set as the
    # command's entry point sets it (confdocs.allocator).
    allocator.tune_for_a_command()

    host = get_plugin_manager()
    results: dict[str, object] = {
        "command": "python bench/run.py" + (" --quick" if quick else ""),
        "quick": quick,
        "machine": machine.describe(),
        "formats": sorted(host.exporters()),
        "validators": sorted(host.validators()),
    }
    for failure in host.failures:
        print(f"warning: {failure}", file=sys.stderr)
    wanted = set(args.only or SECTIONS)
    with tempfile.TemporaryDirectory(prefix="confdocs-bench-") as tmp:
        folder = Path(tmp)
        if "single" in wanted:
            _step("1. cold build against pandoc, with the floors; its steps")
            results["single"] = suites.cold_single(folder, 5 if quick else 15, 3 if quick else 7)
        if "batch" in wanted:
            _step("2. batch of 20 events against pandoc")
            results["batch"] = suites.cold_batch(folder, 1 if quick else 3)
        if "rebuild" in wanted:
            _step("3. warm rebuild in one process against pandoc")
            results["rebuild"] = suites.warm_rebuild(folder, 5 if quick else 15)
        if "warm" in wanted:
            _step("3. exporters and validators, warm")
            results["warm"] = suites.warm(3 if quick else 10)
        if "scaling" in wanted:
            _step("4. growing events")
            results["scaling"] = suites.scaling(quick, folder)
            _step("4. docx from 5,000 to 10,000 slots")
            # Five of each size: a median of three moved by a tenth between runs.
            results["docx_growth"] = suites.docx_growth_in_a_new_process(1 if quick else 5)
        if "startup" in wanted:
            _step("5. start-up")
            results["startup"] = suites.start_up(5 if quick else 15)
        if "serve" in wanted:
            _step("6. confdocs serve: save → update")
            results["serve"] = serve.measure(
                suites.confdocs_command(), folder, 5 if quick else 15, shutil.which("chromium")
            )
        if "pdf" in wanted:
            _step("7. pdf against LibreOffice's conversion of the docx")
            results["pdf"] = suites.pdf_against_libreoffice(folder, 3 if quick else 9)
        if not args.only:
            _step("registrations benchmark (bench/bench_registrations.py)")
            results["registrations_bench"] = suites.registrations_bench(quick)
    described = results["machine"]
    assert isinstance(described, dict)
    described["Load average at the end"] = machine.load_average()
    described["Run took"] = f"{time.perf_counter() - started:,.0f} s"
    results["complete"] = not args.only
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    if args.only:
        print(json.dumps(results, indent=2, default=str))
        return 0
    return _write_report(results, args.output)


def _write_report(results: dict[str, object], output: Path) -> int:
    report.write(results, output, ROOT / "bench" / "findings.md")
    shown = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print(f"wrote {shown}")
    for target, limit, measured, ok in report.targets(results):
        mark = "ok  " if ok else ("MISS" if ok is False else "    ")
        print(f"  {mark} {target}: {measured} (limit {limit})")
    return 0


def _step(name: str) -> None:
    print(f"== {name}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
