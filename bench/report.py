"""docs/performance.md, written from the measurements: every number in it comes from a run."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The targets of issue 6.
COLD_RATIO = 1.5
BATCH_RATIO = 0.5
VERSION_MS = 150.0
CHECK_MS = 400.0
FORMAT_AT_5000_S = 2.0
GROWTH = 2.2
#: Issue 19: from saving the event file to the preview page showing the change.
SERVE_MS = 300.0

Result = dict[str, Any]


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


def targets(results: Result) -> list[tuple[str, str, str, bool | None]]:
    """(target, limit, measured, met?) for each target of the issue."""
    out: list[tuple[str, str, str, bool | None]] = []
    single, batch = results["single"], results["batch"]
    for label, res, limit in (
        ("cold build, Hague, docx+html+md ÷ pandoc's 2 runs", single, COLD_RATIO),
        ("batch of 20 events in one build ÷ pandoc's 40 runs", batch, BATCH_RATIO),
    ):
        if "skipped" in res or "ratio" not in res:
            out.append((label, f"≤ {limit}×", res.get("skipped", "not measured"), None))
        else:
            ratio = res["ratio"]
            by = "" if ratio <= limit else f" ({ratio / limit:.2f}× the limit)"
            out.append((label, f"≤ {limit}×", f"{ratio:.2f}×{by}", ratio <= limit))
    times = results["startup"]["times"]
    for label, key, limit in (
        ("`confdocs --version`", "confdocs --version", VERSION_MS),
        ("`confdocs check` (Hague)", "confdocs check examples/hague-2019/event.yaml", CHECK_MS),
    ):
        ms = times[key] * 1000
        by = "" if ms < limit else f" ({ms - limit:,.0f} ms over)"
        out.append((label, f"< {limit:.0f} ms", f"{ms:,.0f} ms{by}", ms < limit))
    scaling = results["scaling"]
    view_at_max = scaling["view_at_max"]
    top_slots = scaling["slot_sizes"][-1][0]
    for key, summary in scaling["by_slots"].items():
        if not key.startswith("exporter "):
            continue
        name = key.removeprefix("exporter ")
        if "failed" in summary or isinstance(view_at_max, str):
            out.append(
                (
                    f"{name}: {top_slots:,} slots",
                    f"< {FORMAT_AT_5000_S:g} s",
                    summary.get("failed", str(view_at_max)),
                    False,
                )
            )
            continue
        total = view_at_max + summary["max_s"]
        out.append(
            (
                f"{name}: {top_slots:,} slots (view + render)",
                f"< {FORMAT_AT_5000_S:g} s",
                f"{total:.2f} s (make_view {view_at_max:.2f} s + render {summary['max_s']:.2f} s)",
                total < FORMAT_AT_5000_S,
            )
        )
    if "serve" in results:
        out.append(_serve_target(results["serve"]))
    if "pdf" in results and "ratio" in results["pdf"]:
        pdf = results["pdf"]
        out.append(
            (
                "cold `-f pdf` against LibreOffice converting the docx (Hague), median ratio",
                "< 1×",
                _x(pdf["ratio"]),
                pdf["ratio"] < 1,
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
        "update event has arrived and the new outline is fetched. *Rebuild* is the server's own "
        "time to load, check and build every format; the rest is noticing the save (watchfiles "
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
    lines += _table(["measured with", "median", "fastest", "slowest", "rebuild (median)"], rows)
    return lines


def render(results: Result, findings: str | None) -> str:
    machine = results["machine"]
    lines = [
        "# Performance",
        "",
        "Written by `bench/run.py` (`make bench`); every number below comes from that run. "
        "Do not edit by hand: change `bench/findings.md` (included at the end) or the script.",
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

    lines += ["## Targets", ""]
    rows = targets(results)
    lines += _table(
        ["target", "limit", "measured", ""], [(a, b, c, _verdict(d)) for a, b, c, d in rows]
    )
    missed = [r for r in rows if r[3] is False]
    judged = [r for r in rows if r[3] is not None]
    unjudged = len(rows) - len(judged)
    lines += [
        f"{len(judged) - len(missed)} of {len(judged)} targets met"
        + (f" ({unjudged} not judged: too fast to tell)" if unjudged else "")
        + (f"; missed: {', '.join(r[0] for r in missed)}." if missed else "."),
        "",
    ]

    lines += ["## 1. One cold build against pandoc", ""]
    lines += _comparison(
        results["single"], "pandoc: Markdown → .docx, then Markdown → .html (two processes)"
    )
    lines += ["## 2. A programme year: 20 events in one build", ""]
    lines += _comparison(results["batch"], "pandoc: 20 × (→ .docx, → .html), 40 processes")

    warm = results["warm"]
    lines += [
        "## 3. Warm, in process (Hague event)",
        "",
        f"Median of {warm['repeat']} runs after one warm-up.",
        "",
    ]
    lines += _table(
        ["kind", "what", "time", "where the time goes (own time by library, cProfile)"],
        [(k, n, _s(t), _where(w)) for k, n, t, w in warm["rows"]],
    )

    scaling = results["scaling"]
    lines += [
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
        "this process (median of up to 5 runs, garbage collected before each). Exporters "
        "render a view made beforehand; a format's whole cost is `make_view` + render.",
        "",
    ]
    sizes = scaling["slot_sizes"]
    head = (
        ["what"]
        + [f"{n:,} slots / {d} d" for n, d in sizes]
        + ["per slot", "worst step", "fitted growth"]
    )
    lines += ["### By slots (no registrations)", ""]
    lines += _table(head, _ladder_rows(scaling["by_slots"], len(sizes)))
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

    start = results["startup"]
    lines += ["## 5. Start-up", "", f"Median of {start['runs']} runs, each a new process.", ""]
    cpu = start.get("cpu", {})
    lines += _table(
        ["command", "wall-clock", "CPU"],
        [(f"`{k}`", _ms(v), _ms(cpu[k]) if k in cpu else "–") for k, v in start["times"].items()],
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


def _where(shares: dict[str, float]) -> str:
    top = [(k, v) for k, v in shares.items() if v >= 0.03][:4]
    return ", ".join(f"{k} {v * 100:.0f} %" for k, v in top) or "–"


def _comparison(res: Result, pandoc_label: str) -> list[str]:
    if "skipped" in res:
        return [f"Skipped: {res['skipped']}.", ""]
    missing = res.get("missing")
    lines = [
        f"confdocs: `confdocs build` in {', '.join(res['formats'])}"
        + (
            " (left out: " + "; ".join(f"{k} {v}" for k, v in missing.items()) + ")"
            if missing
            else ""
        )
        + f", one process. {pandoc_label}, fed {res['markdown']}. "
        f"Median of {res['runs']} alternating runs after one warm-up each.",
        "",
    ]
    rows = [("wall-clock", _s(res["confdocs_s"]), _s(res["pandoc_s"]), f"{res['ratio']:.2f}×")]
    if "cpu_ratio" in res:
        rows.append(
            (
                "CPU (user + system)",
                _s(res["confdocs_cpu_s"]),
                _s(res["pandoc_cpu_s"]),
                f"{res['cpu_ratio']:.2f}×",
            )
        )
    lines += _table(["", "confdocs", "pandoc", "ratio (median of the runs' ratios)"], rows)
    lines += [
        "The target is judged on wall-clock time, what a user waits for; CPU time does not "
        "count other work on the machine.",
        "",
    ]
    return lines


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
