"""docs/performance.md, written from the measurements: every number in it comes from a run."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The targets of issue 19 (a lighter cold start, an honest bench, the live preview).
COLD_RATIO = 2.0
VERSION_RATIO = 2.5
BATCH_RATIO = 0.45
REBUILD_RATIO = 0.3
#: From saving the event file to the preview page showing the change.
SERVE_MS = 300.0
DOCX_DOUBLING = 2.05
#: The targets of issue 6 that issue 19 did not replace.
CHECK_MS = 400.0
FORMAT_AT_5000_S = 2.0
GROWTH = 2.2

Result = dict[str, Any]
Target = tuple[str, str, str, bool | None]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _s(value: float | str) -> str:
    if isinstance(value, str):
        return value
    if math.isnan(value):
        return "–"
    return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"


def _x(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}×"


def _table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def _ratio_target(label: str, res: Result | None, limit: float, what: str = "") -> Target:
    if res is None or "skipped" in res or "ratio" not in res:
        why = "not measured" if res is None else res.get("skipped", "not measured")
        return (label, f"≤ {limit}×", why, None)
    ratio = res["ratio"]
    by = "" if ratio <= limit else f" ({ratio / limit:.2f}× the limit)"
    shown = what.format(**res) if what else ""
    return (label, f"≤ {limit}×", f"{ratio:.2f}×{by}{shown}", ratio <= limit)


def issue_19_targets(results: Result) -> list[Target]:
    """(target, limit, measured, met?) for each target of issue 19."""
    out = [
        _ratio_target(
            "cold build, Hague, docx+html+md ÷ pandoc's 2 runs on the anchor",
            results.get("single"),
            COLD_RATIO,
            " ({confdocs_s:.3f} s ÷ {pandoc_s:.3f} s)",
        )
    ]
    start = results.get("startup")
    ratios = (start or {}).get("ratios", {})
    version = ratios.get("confdocs --version")
    if version is None:
        out.append(("`confdocs --version` ÷ `python -c pass`", f"≤ {VERSION_RATIO}×", "–", None))
    else:
        times = start["times"]  # type: ignore[index]
        shown = (
            f"{version:.2f}× ({times['confdocs --version'] * 1000:.0f} ms ÷ "
            f"{times['python -c pass (the interpreter alone)'] * 1000:.0f} ms)"
        )
        out.append(
            (
                "`confdocs --version` ÷ `python -c pass`",
                f"≤ {VERSION_RATIO}×",
                shown,
                version <= VERSION_RATIO,
            )
        )
    out.append(
        _ratio_target(
            "20 events in one build ÷ pandoc's 40 runs on the anchor",
            results.get("batch"),
            BATCH_RATIO,
            " ({confdocs_s:.2f} s ÷ {pandoc_s:.2f} s)",
        )
    )
    out.append(
        _ratio_target(
            "warm rebuild (load + docx+html+md + write) in one process ÷ pandoc's 2 runs",
            results.get("rebuild"),
            REBUILD_RATIO,
            " ({confdocs_s:.3f} s ÷ {pandoc_s:.3f} s)",
        )
    )
    if "serve" in results:
        out.append(_serve_target(results["serve"]))
    growth = results.get("docx_growth")
    label = "docx render, 5,000 → 10,000 slots"
    if growth is None or "skipped" in growth:
        out.append((label, f"≤ {DOCX_DOUBLING}×", (growth or {}).get("skipped", "–"), None))
    else:
        small, large = (growth["times_s"][str(n)] for n in growth["sizes"])
        out.append(
            (
                label,
                f"≤ {DOCX_DOUBLING}×",
                f"{growth['growth']:.2f}× ({large:.2f} s ÷ {small:.2f} s)",
                growth["growth"] <= DOCX_DOUBLING,
            )
        )
    pdf = results.get("pdf")
    if pdf is not None and "ratio" in pdf:
        out.append(
            (
                "cold `-f pdf` ÷ LibreOffice converting the docx (Hague), median ratio",
                "< 1×",
                _x(pdf["ratio"]),
                pdf["ratio"] < 1,
            )
        )
    return out


def issue_6_targets(results: Result) -> list[Target]:
    """The targets of issue 6 still held: ``check``, each format at 5,000 slots, growth."""
    out: list[Target] = []
    times = results.get("startup", {}).get("times", {})
    key = "confdocs check examples/hague-2019/event.yaml"
    if key in times:
        ms = times[key] * 1000
        by = "" if ms < CHECK_MS else f" ({ms - CHECK_MS:,.0f} ms over)"
        out.append(
            ("`confdocs check` (Hague)", f"< {CHECK_MS:.0f} ms", f"{ms:,.0f} ms{by}", ms < CHECK_MS)
        )
    scaling = results.get("scaling")
    if scaling is None:
        return out
    view_at = scaling.get("view_at_target", scaling.get("view_at_max"))
    at = scaling.get("target_slots", scaling["slot_sizes"][-1][0])
    for key, summary in scaling["by_slots"].items():
        if not key.startswith("exporter "):
            continue
        name = key.removeprefix("exporter ")
        if "failed" in summary or isinstance(view_at, str):
            failure = summary.get("failed", str(view_at))
            out.append((f"{name}: {at:,} slots", f"< {FORMAT_AT_5000_S:g} s", failure, False))
            continue
        render = summary.get("at_target_s", summary["max_s"])
        total = view_at + render
        out.append(
            (
                f"{name}: {at:,} slots (view + render)",
                f"< {FORMAT_AT_5000_S:g} s",
                f"{total:.2f} s (make_view {view_at:.2f} s + render {render:.2f} s)",
                total < FORMAT_AT_5000_S,
            )
        )
    for ladder, unit in (("by_slots", "slots"), ("by_registrations", "registrations")):
        for key, summary in scaling[ladder].items():
            if "failed" in summary:
                continue
            fitted, worst = summary["fitted"], summary["worst_step"]
            if math.isnan(fitted) and math.isnan(worst):
                out.append(
                    (
                        f"{key}: doubling the {unit}",
                        f"≤ {GROWTH}×",
                        "too fast to tell (under 20 ms at every size)",
                        None,
                    )
                )
                continue
            out.append(
                (
                    f"{key}: doubling the {unit}",
                    f"≤ {GROWTH}×",
                    f"{fitted:.2f}× (fitted; worst single step {_x(worst)})"
                    if not math.isnan(fitted)
                    else f"{worst:.2f}× (one step above the noise)",
                    (fitted if not math.isnan(fitted) else worst) <= GROWTH,
                )
            )
    return out


def targets(results: Result) -> list[Target]:
    """Every target, issue 19's first."""
    return issue_19_targets(results) + issue_6_targets(results)


def _serve_target(res: Result) -> tuple[str, str, str, bool | None]:
    label = "`confdocs serve`: save → page shows the change (Hague), median"
    limit = f"≤ {SERVE_MS:.0f} ms"
    if "failed" in res:
        return label, limit, f"failed: {res['failed']}", False
    by_browser = "skipped" not in res["browser"]
    measured = res["browser"] if by_browser else res["sse"]
    ms = measured["median_s"] * 1000
    by = "" if ms <= SERVE_MS else f" ({ms - SERVE_MS:,.0f} ms over)"
    client = "in Chromium" if by_browser else "SSE client; Chromium missing"
    return label, limit, f"{ms:,.0f} ms ({client}){by}", ms <= SERVE_MS


def _pdf_section(res: Result) -> list[str]:
    lines = ["## 7. PDF: `-f pdf` against LibreOffice", ""]
    if "skipped" in res:
        return [*lines, f"Not measured: {res['skipped']}", ""]
    lines += [
        "A cold `confdocs build examples/hague-2019/event.yaml -f pdf` (its own process: start-up, "
        "loading, the view, Typst's layout) against `soffice --headless --convert-to pdf` of "
        "confdocs' own .docx of the same outline, the route a user without the pdf format would "
        f"take; {res['runs']} runs each, interleaved, LibreOffice's profile made beforehand.",
        "",
    ]
    lines += _table(
        ["", "confdocs -f pdf", "LibreOffice (docx → pdf)", "ratio (median of pairs)"],
        [
            ("wall clock", _s(res["confdocs_s"]), _s(res["pandoc_s"]), _x(res["ratio"])),
            ("CPU", _s(res["confdocs_cpu_s"]), _s(res["pandoc_cpu_s"]), _x(res["cpu_ratio"])),
        ],
    )
    return lines


def _serve_section(res: Result) -> list[str]:
    lines = ["## 6. Live preview: `confdocs serve`", ""]
    if "failed" in res:
        return [*lines, f"Not measured: {res['failed']}", ""]
    lines += [
        "`confdocs serve` on a copy of the Hague example, in its own process; its title is "
        f"edited {res['edits']} times, each a new save, timed from just before the file is "
        "written until the change shows: in headless Chromium, until the preview page's outline "
        "holds the new title (checked in the page every 5 ms); with an SSE client, until the "
        "update event has arrived and the new outline is fetched. *Outline built* is the server's "
        "own time from the save being noticed to the outline (load, check, the view, html; the "
        "other formats follow in a second update); the rest is noticing the save (watchfiles "
        "waits for 30 ms of quiet) and delivering the update.",
        "",
    ]
    rows = []
    for key, name in (("browser", "headless Chromium (the page)"), ("sse", "SSE client")):
        item = res[key]
        if "skipped" in item:
            rows.append((name, f"skipped: {item['skipped']}", "", "", ""))
            continue
        rows.append(
            (
                name,
                _ms(item["median_s"]),
                _ms(item["min_s"]),
                _ms(item["max_s"]),
                _ms(item["rebuild_s"]),
            )
        )
    lines += _table(
        ["measured with", "median", "fastest", "slowest", "outline built (median)"], rows
    )
    return lines


def _targets_table(rows: list[Target]) -> list[str]:
    lines = _table(
        ["target", "limit", "measured in this run", ""],
        [(a, b, c, _verdict(d)) for a, b, c, d in rows],
    )
    missed = [r for r in rows if r[3] is False]
    judged = [r for r in rows if r[3] is not None]
    unjudged = len(rows) - len(judged)
    return [
        *lines,
        f"{len(judged) - len(missed)} of {len(judged)} met"
        + (f" ({unjudged} not judged)" if unjudged else "")
        + (f"; missed: {'; '.join(r[0] for r in missed)}." if missed else "."),
        "",
    ]


#: What each row of section 1 is.
_COLD_ROWS = {
    "confdocs": "`confdocs build` docx, html, md (one process)",
    "pandoc": "pandoc → .docx, then → .html, on the anchor (two processes): **the yardstick**",
    "pandoc on confdocs' md": "pandoc, the same two runs on confdocs' own md output "
    "(second yardstick)",
    "interpreter": "floor: `python -c pass` (the interpreter and `site`)",
    "libraries": "floor: importing the libraries the three formats need, nothing else",
    "all imports": "floor: importing every module the build imports, nothing else",
}


def _cold_section(res: Result) -> list[str]:
    lines = ["## 1. One cold build against pandoc", ""]
    if "skipped" in res:
        return [*lines, f"Skipped: {res['skipped']}.", ""]
    lines += [
        f"Each row is a new process (or two for pandoc); pandoc is fed {res['markdown']}. "
        f"{res['runs']} rounds after one warm-up round, one run of each row per round, the "
        "order turned each round; the ratio is the median over the rounds of the row's time "
        "÷ pandoc's in the same round. The target is judged on wall-clock time, what a user "
        "waits for; CPU time leaves out other work on the machine.",
        "",
    ]
    rows = []
    for key, row in res["rows"].items():
        rows.append(
            (
                _COLD_ROWS.get(key, key),
                _s(row["wall_s"]),
                _s(row["cpu_s"]),
                _x(row["ratio"]),
                _x(row["cpu_ratio"]),
            )
        )
    lines += _table(["", "wall-clock", "CPU", "÷ pandoc (wall)", "÷ pandoc (CPU)"], rows)
    if res.get("environment"):
        lines += [f"Environment: {res['environment']}.", ""]
    steps = res.get("steps")
    if steps:
        total = steps["total_s"]
        lines += [
            "### Where a cold build's time goes",
            "",
            f"The build's steps run one after the other in a new process, each timed in CPU "
            f"time (`bench/coldstart.py`), median of {steps['runs']} processes; *exit* is the "
            "process's CPU time after the last step (the interpreter's finalisation). Each "
            "first render includes importing its libraries.",
            "",
        ]
        lines += _table(
            ["step", "CPU", "share"],
            [
                (name, _s(t), f"{t / total * 100:.0f} %" if total else "–")
                for name, t in steps["steps"].items()
            ]
            + [("**whole process**", _s(total), "100 %")],
        )
    return lines


def _pair_section(title: str, res: Result | None, ours: str, theirs: str, note: str) -> list[str]:
    lines = [title, ""]
    if res is None:
        return [*lines, "Not measured.", ""]
    if "skipped" in res:
        return [*lines, f"Skipped: {res['skipped']}.", ""]
    missing = res.get("missing")
    lines += [
        note.format(**res)
        + (
            " Left out: " + "; ".join(f"{k} {v}" for k, v in missing.items()) + "."
            if missing
            else ""
        ),
        "",
    ]
    lines += _table(
        ["", ours, theirs, "ratio (median over the rounds)"],
        [
            ("wall-clock", _s(res["confdocs_s"]), _s(res["pandoc_s"]), _x(res["ratio"])),
            ("CPU", _s(res["confdocs_cpu_s"]), _s(res["pandoc_cpu_s"]), _x(res["cpu_ratio"])),
        ],
    )
    return lines


def render(results: Result, findings: str | None) -> str:
    machine = results["machine"]
    lines = [
        "# Performance",
        "",
        "Written by `bench/run.py` (`make bench`) from one run: every number below comes from "
        "it. Do not edit by hand: change `bench/findings.md` (included at the end) or the "
        "script.",
        "",
        f"Run: `{results['command']}`"
        + (" (quick: fewer repetitions and sizes)" if results["quick"] else ""),
        "",
    ]
    lines += _table(["machine", ""], machine.items())
    lines += [
        f"Formats installed: {', '.join(results['formats']) or 'none'}. "
        f"Validators installed: {', '.join(results['validators']) or 'none'}.",
        "",
    ]
    lines += ["## Targets", "", "### Issue 19: a lighter cold start, the live preview", ""]
    lines += _targets_table(issue_19_targets(results))
    lines += ["### Issue 6, still held", ""]
    lines += _targets_table(issue_6_targets(results))

    if "single" in results:
        lines += _cold_section(results["single"])
    if "batch" in results:
        lines += _pair_section(
            "## 2. A programme year: 20 events in one build",
            results["batch"],
            "confdocs (one process)",
            "pandoc (40 processes)",
            "`confdocs build` of 20 copies of the Hague event (each with its own id) in "
            "{formats}, one process, against pandoc's 20 × (→ .docx, → .html) on "
            "{markdown}; {runs} rounds after one warm-up round.",
        )

    if "rebuild" in results:
        lines += _pair_section(
            "## 3. Warm, in one process",
            results["rebuild"],
            "confdocs (this process)",
            "pandoc (2 processes)",
            "What a process that stays running (`confdocs serve`) does on each save: load the "
            "event file again, build {formats} and write them, in this process, after one "
            "rebuild not counted; against pandoc's two runs on {markdown}; {runs} rounds, "
            "alternately.",
        )
    warm = results.get("warm")
    if warm is not None:
        lines += [
            "### Each part, warm (Hague event)",
            "",
            f"Median CPU time of {warm['repeat']} runs after one warm-up; exporters as `build` "
            "calls them (a worker thread, the collector paused), profiled called directly.",
            "",
        ]
        lines += _table(
            ["kind", "what", "time", "where the time goes (own time by library, cProfile)"],
            [(k, n, _s(t), _where(w)) for k, n, t, w in warm["rows"]],
        )

    scaling = results.get("scaling")
    if scaling is not None:
        lines += _scaling_section(scaling, results.get("docx_growth"))

    start = results.get("startup")
    if start is not None:
        lines += _startup_section(start)

    if "serve" in results:
        lines += _serve_section(results["serve"])
    if "pdf" in results:
        lines += _pdf_section(results["pdf"])

    extra = results.get("registrations_bench")
    if extra is not None:
        lines += ["## Registrations benchmark (`bench/bench_registrations.py`)", ""]
        if extra["returncode"] != 0:
            lines += [
                f"It exited {extra['returncode']}:",
                "",
                "```",
                extra["stderr"].strip(),
                "```",
                "",
            ]
        lines += [extra["stdout"].strip(), ""]
    if findings:
        lines += [findings.strip(), ""]
    return "\n".join(lines)


def _scaling_section(scaling: Result, docx: Result | None) -> list[str]:
    lines = [
        "## 4. Growing events",
        "",
        "Synthetic events (`bench/synthetic.py`): sessions with a moderator, two speakers "
        "and a discussion every 10 minutes from 06h00, a break every fifth slot, a "
        "breakout every tenth; 100 slots a day. Growth is how many times longer a step "
        "takes when the size doubles (1.0–2.0 is linear or better; times under 20 ms are "
        "left out as noise): *worst step* between two neighbouring sizes, and *fitted*, from "
        "the least-squares line through the four largest sizes on a log–log scale (where the "
        "cost per slot or row outweighs fixed costs), which one noisy step does not sway; "
        "the target is judged on the fitted growth. Times are CPU time in "
        "this process (median of up to 5 runs, garbage collected before each). `make_view` is "
        "timed as for an event seen for the first time (the parsed texts it keeps for the "
        "process emptied before each run); exporters render a view made beforehand, as "
        "`build` calls them; a format's whole cost is `make_view` + render.",
        "",
    ]
    sizes = scaling["slot_sizes"]
    head = (
        ["what"]
        + [f"{n:,} slots / {d} d" for n, d in sizes]
        + ["per slot (largest)", "worst step", "fitted growth"]
    )
    lines += ["### By slots (no registrations)", ""]
    lines += _table(head, _ladder_rows(scaling["by_slots"], len(sizes)))
    if docx is not None and "skipped" not in docx:
        small, large = docx["sizes"]
        lines += [
            f"### docx from {small:,} to {large:,} slots",
            "",
            f"The docx render of each size as `build` calls it, CPU time, median of "
            f"{docx['runs']} runs each, the two sizes alternately, in "
            f"{docx.get('process', 'the bench process')} (see bench/suites.py).",
            "",
        ]
        lines += _table(
            [f"{small:,} slots", f"{large:,} slots", "growth"],
            [
                (
                    _s(docx["times_s"][str(small)]),
                    _s(docx["times_s"][str(large)]),
                    _x(docx["growth"]),
                )
            ],
        )
    counts = (
        [n for n, _ in next(iter(scaling["by_registrations"].values()))["points"]]
        if scaling["by_registrations"]
        else []
    )
    lines += ["### By registrations (a 100-slot event)", ""]
    lines += _table(
        ["what"] + [f"{n:,}" for n in counts] + ["per registration", "worst step", "fitted growth"],
        _ladder_rows(scaling["by_registrations"], len(counts)),
    )
    return lines


def _startup_section(start: Result) -> list[str]:
    lines = [
        "## 5. Start-up",
        "",
        f"Each a new process; {start['runs']} rounds after one warm-up round, one run of each "
        "per round, the order turned each round; the ratio is the median over the rounds of "
        "the command's time ÷ `python -c pass` in the same round.",
        "",
    ]
    cpu = start.get("cpu", {})
    ratios = start.get("ratios", {})
    lines += _table(
        ["command", "wall-clock", "CPU", "÷ python -c pass"],
        [
            (
                f"`{k}`",
                _ms(v),
                _ms(cpu[k]) if k in cpu else "–",
                _x(ratios[k]) if k in ratios else "–",
            )
            for k, v in start["times"].items()
        ],
    )
    lines += ["Libraries each command imports (ms, cumulative, from `python -X importtime`):", ""]
    lines += _table(
        ["command", "imports"],
        [
            (k, ", ".join(f"{m} {t:.0f}" for m, t in v.items()) or "none of the heavy ones")
            for k, v in start["imports"].items()
        ],
    )
    lines += [
        "What importing each plugin costs once confdocs' public modules are loaded "
        "(entry-point discovery imports every plugin, for every command):",
        "",
    ]
    lines += _table(
        ["plugin", "import", "third-party libraries it imports at once (ms)"],
        [
            (k, f"{c:.1f} ms", ", ".join(f"{m} {t:.0f}" for m, t in libs.items()) or "–")
            for k, (c, libs) in start["plugins"].items()
        ],
    )
    return lines


def _where(shares: dict[str, float]) -> str:
    top = [(k, v) for k, v in shares.items() if v >= 0.03][:4]
    return ", ".join(f"{k} {v * 100:.0f} %" for k, v in top) or "–"


def _ladder_rows(ladder: dict[str, Result], width: int) -> list[list[str]]:
    rows = []
    for key, summary in ladder.items():
        if "failed" in summary:
            rows.append([key, summary["failed"]] + [""] * (width + 2))
            continue
        cells = [key] + [_s(t) for _, t in summary["points"]]
        cells += [""] * (width + 1 - len(cells))
        cells += [
            f"{summary['per_unit_us']:,.1f} µs",
            _x(summary["worst_step"]),
            _x(summary["fitted"]),
        ]
        rows.append(cells)
    return rows


def write(results: Result, path: Path, findings_path: Path) -> None:
    findings = findings_path.read_text(encoding="utf-8") if findings_path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results, findings), encoding="utf-8")
