"""The five measurements of ``make bench``; each returns plain data for the report.

1. a cold ``confdocs build`` of the Hague outline in docx+html+md against pandoc's two runs;
2. a batch of 20 events in one ``confdocs build`` against pandoc's 40 runs;
3. every exporter and validator, warm, in this process;
4. synthetic events of growing size: time per slot and per registration, growth per doubling;
5. start-up of ``confdocs --version``, ``confdocs check`` and ``import confdocs``.
"""

from __future__ import annotations

import itertools
import math
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import profiles, startup
from bench.measure import (
    Timing,
    fitted_growth,
    growth_per_doubling,
    median,
    run_process,
    run_processes,
    time_call,
)
from bench.outline_md import outline_markdown
from bench.synthetic import Size, make_event, make_registrations, write_registrations

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
#: The three formats of the pandoc comparison.
COMPARED = ("docx", "html", "md")
BATCH = 20

Result = dict[str, Any]


def confdocs_command() -> list[str]:
    """The installed ``confdocs`` script beside this Python, else ``python -m confdocs``."""
    script = Path(sys.executable).with_name("confdocs")
    return [str(script)] if script.exists() else [sys.executable, "-m", "confdocs"]


def _host() -> Any:
    from confdocs import get_plugin_manager

    return get_plugin_manager()


def installed_formats() -> list[str]:
    return sorted(_host().exporters())


def working_formats(host: Any, wanted: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Those of ``wanted`` that are installed and build the Hague event; why the others not."""
    from confdocs import build, load_event

    event = load_event(HAGUE)
    ok, broken = [], {}
    for name in wanted:
        if name not in host.exporters():
            broken[name] = "not installed"
            continue
        try:
            result = build(event, [name], None, host)
        except Exception as exc:
            broken[name] = f"fails: {type(exc).__name__}: {str(exc)[:160]}"
            continue
        if result.documents:
            ok.append(name)
        else:
            broken[name] = f"fails: {'; '.join(str(f) for f in result.failures)[:160]}"
    return ok, broken


def _markdown_for(event_path: Path, host: Any) -> tuple[str, str]:
    """The outline as Markdown for pandoc, and where it came from."""
    from confdocs import build, load_event

    event = load_event(event_path)
    if "md" in host.exporters():
        try:
            result = build(event, ["md"], None, host)
            if result.documents:
                return result.documents[0].data.decode("utf-8"), "the md exporter's output"
        except Exception as exc:
            print(f"  md exporter failed ({exc}); using the hand-made Markdown", file=sys.stderr)
    return outline_markdown(event), "hand-made Markdown (bench/outline_md.py)"


def _pandoc_commands(pandoc: str, markdown: Path, out: Path) -> list[list[str]]:
    stem = out / markdown.stem
    return [
        [pandoc, "-f", "markdown", str(markdown), "-o", f"{stem}.docx"],
        [
            pandoc,
            "-f",
            "markdown",
            "-s",
            "--metadata",
            f"pagetitle={markdown.stem}",
            str(markdown),
            "-o",
            f"{stem}.html",
        ],
    ]


def _compare(
    confdocs_run: Callable[[], Timing], pandoc_run: Callable[[], Timing], runs: int
) -> Result:
    try:
        confdocs_run(), pandoc_run()  # warm the file cache; not counted
    except RuntimeError as exc:
        return {"skipped": str(exc)}
    ours: list[Timing] = []
    theirs: list[Timing] = []
    for i in range(runs):
        if i % 2:
            b = pandoc_run()
            a = confdocs_run()
        else:
            a = confdocs_run()
            b = pandoc_run()
        ours.append(a)
        theirs.append(b)
    return {
        "runs": runs,
        "confdocs_s": median([t.wall for t in ours]),
        "pandoc_s": median([t.wall for t in theirs]),
        "ratio": median([a.wall / b.wall for a, b in zip(ours, theirs, strict=True)]),
        "confdocs_cpu_s": median([t.cpu for t in ours]),
        "pandoc_cpu_s": median([t.cpu for t in theirs]),
        "cpu_ratio": median([a.cpu / b.cpu for a, b in zip(ours, theirs, strict=True)]),
    }


def cold_single(tmp: Path, runs: int) -> Result:
    """(1) One cold build in three formats against pandoc converting Markdown twice."""
    host = _host()
    formats, broken = working_formats(host, COMPARED)
    result: Result = {"formats": formats, "missing": broken}
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        result["skipped"] = "pandoc is not installed: the comparison with pandoc was skipped"
        return result
    if not formats:
        result["skipped"] = "none of docx, html, md is installed and working: nothing to compare"
        return result
    text, origin = _markdown_for(HAGUE, host)
    result["markdown"] = origin
    markdown = tmp / "single" / "hague-2019.md"
    markdown.parent.mkdir(parents=True)
    markdown.write_text(text, encoding="utf-8")
    out = tmp / "single" / "out"
    command = [*confdocs_command(), "build", str(HAGUE), "-o", str(out)]
    for name in formats:
        command += ["-f", name]
    pandoc_commands = _pandoc_commands(pandoc, markdown, markdown.parent)
    result.update(
        _compare(lambda: run_process(command), lambda: run_processes(pandoc_commands), runs)
    )
    return result


def make_batch(folder: Path, count: int = BATCH) -> list[Path]:
    """``count`` copies of the Hague event (with its catalogs), each with its own id."""
    source = HAGUE.parent
    text = HAGUE.read_text(encoding="utf-8")
    paths = []
    for n in range(1, count + 1):
        target = folder / f"hague-2019-{n:02d}"
        shutil.copytree(source, target)
        event_text, changed = re.subn(
            r"^id: hague-2019\b", f"id: hague-2019-{n:02d}", text, count=1, flags=re.M
        )
        if not changed:
            raise RuntimeError(f"{HAGUE} has no top-level 'id: hague-2019' line to change")
        (target / HAGUE.name).write_text(event_text, encoding="utf-8")
        paths.append(target / HAGUE.name)
    return paths


def cold_batch(tmp: Path, runs: int) -> Result:
    """(2) Twenty events in one ``confdocs build`` against pandoc's forty runs."""
    host = _host()
    formats, broken = working_formats(host, COMPARED)
    result: Result = {"events": BATCH, "formats": formats, "missing": broken}
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        result["skipped"] = "pandoc is not installed: the comparison with pandoc was skipped"
        return result
    if not formats:
        result["skipped"] = "none of docx, html, md is installed and working: nothing to compare"
        return result
    events = make_batch(tmp / "batch" / "events")
    text, origin = _markdown_for(HAGUE, host)
    result["markdown"] = origin
    markdown_dir = tmp / "batch" / "markdown"
    markdown_dir.mkdir(parents=True)
    pandoc_commands: list[list[str]] = []
    for path in events:
        md = markdown_dir / f"{path.parent.name}.md"
        md.write_text(text, encoding="utf-8")
        pandoc_commands += _pandoc_commands(pandoc, md, markdown_dir)
    command = [*confdocs_command(), "build", *map(str, events), "-o", str(tmp / "batch" / "out")]
    for name in formats:
        command += ["-f", name]
    result["pandoc_runs"] = len(pandoc_commands)
    result.update(
        _compare(lambda: run_process(command), lambda: run_processes(pandoc_commands), runs)
    )
    return result


def _safe(call: Callable[[], float]) -> float | str:
    try:
        return call()
    except Exception as exc:
        return f"failed: {type(exc).__name__}: {str(exc)[:120]}"


def warm(repeat: int) -> Result:
    """(3) Each exporter and validator, warm, in this process, on the Hague event."""
    from confdocs import load_event, make_view

    host = _host()
    event = load_event(HAGUE)
    registrations = make_registrations(event, 120)
    view = make_view(event, None, "internal", host)
    options: dict[str, Any] = {"audience": "internal"}
    calls: list[tuple[str, str, Callable[[], object]]] = [
        ("core", "load_event (YAML → Event)", lambda: load_event(HAGUE)),
        ("core", "make_view", lambda: make_view(event, None, "internal", host)),
    ]
    for name, provided in sorted(host.exporters().items()):
        exporter = provided.item
        calls.append(("exporter", name, lambda e=exporter: e.render(view, dict(options))))
    for name, provided in sorted(host.validators().items()):
        validator = provided.item
        calls.append(
            ("validator", f"{name} (event only)", lambda v=validator: list(v.validate(event, None)))
        )
        calls.append(
            (
                "validator",
                f"{name} (+120 registrations)",
                lambda v=validator: list(v.validate(event, registrations)),
            )
        )
    rows: list[tuple[str, str, float | str, dict[str, float]]] = []
    for kind, label, call in calls:
        timing = _safe(lambda c=call: time_call(c, repeat))
        where: dict[str, float] = {}
        if not isinstance(timing, str):
            try:
                where = profiles.shares(call)
            except Exception:  # a profile is a bonus; the timing stands without it
                where = {}
        rows.append((kind, label, timing, where))
    return {"rows": rows, "repeat": repeat}


#: Slots of the programme ladder: each about twice the last, 1 to 50 days.
SLOT_LADDER = (10, 20, 39, 78, 156, 312, 625, 1250, 2500, 5000)
QUICK_SLOT_LADDER = (10, 39, 156, 625, 2500, 5000)
#: Registrations of the registrations ladder.
REGISTRATION_LADDER = (1000, 2000, 4000, 8000, 16000, 32000, 64000, 100000)
QUICK_REGISTRATION_LADDER = (1000, 4000, 16000, 64000, 100000)
#: The growth is fitted over this many of the largest sizes.
FITTED_SIZES = 4
#: Times under this are too noisy to say how time grows.
NOISE_FLOOR_S = 0.02


def _repeats(seconds_hint: float) -> int:
    return 5 if seconds_hint < 0.05 else 3 if seconds_hint < 0.5 else 1


def _timed(call: Callable[[], object]) -> float | str:
    try:
        first = time_call(call, repeat=1, warmup=0)
        more = _repeats(first)
        return first if more == 1 else time_call(call, repeat=more, warmup=0)
    except Exception as exc:
        return f"failed: {type(exc).__name__}: {str(exc)[:120]}"


def scaling(quick: bool, tmp: Path) -> Result:
    """(4) Synthetic events of growing size: time per slot and per registration."""
    from bench.synthetic import write_event
    from confdocs import load_event, load_registrations, make_view

    host = _host()
    exporters = sorted(host.exporters().items())
    validators = sorted(host.validators().items())
    options: dict[str, Any] = {"audience": "internal"}
    by_slots: dict[str, list[tuple[int, float | str]]] = {}
    sizes = []
    for slots in QUICK_SLOT_LADDER if quick else SLOT_LADDER:
        size = Size(slots)
        sizes.append((slots, size.days))
        event = make_event(size)
        print(f"  {slots} slots, {size.days} days", file=sys.stderr)
        path = write_event(event, tmp / "ladder")
        by_slots.setdefault("load_event (YAML → Event)", []).append(
            (slots, _timed(lambda p=path: load_event(p)))
        )
        view_time = _timed(lambda e=event: make_view(e, None, "internal", host))
        by_slots.setdefault("make_view", []).append((slots, view_time))
        view = make_view(event, None, "internal", host)
        for name, provided in exporters:
            by_slots.setdefault(f"exporter {name}", []).append(
                (slots, _timed(lambda x=provided.item, v=view: x.render(v, dict(options))))
            )
        for name, provided in validators:
            by_slots.setdefault(f"validator {name}", []).append(
                (slots, _timed(lambda x=provided.item, e=event: list(x.validate(e, None))))
            )
    by_registrations: dict[str, list[tuple[int, float | str]]] = {}
    for count in QUICK_REGISTRATION_LADDER if quick else REGISTRATION_LADDER:
        print(f"  {count} registrations", file=sys.stderr)
        event = make_event(Size(100, count))
        registrations = make_registrations(event, count)
        csv_path = write_registrations(registrations, tmp / f"registrations-{count}.csv")
        by_registrations.setdefault("load_registrations (CSV)", []).append(
            (count, _timed(lambda p=csv_path: load_registrations(p)))
        )
        for name, provided in validators:
            by_registrations.setdefault(f"validator {name}", []).append(
                (
                    count,
                    _timed(
                        lambda x=provided.item, e=event, r=registrations: list(x.validate(e, r))
                    ),
                )
            )
    return {
        "slot_sizes": sizes,
        "by_slots": {k: _summarise(v) for k, v in by_slots.items()},
        "by_registrations": {k: _summarise(v) for k, v in by_registrations.items()},
        "view_at_max": by_slots["make_view"][-1][1],
    }


def _summarise(points: Sequence[tuple[int, float | str]]) -> Result:
    failed = [t for _, t in points if isinstance(t, str)]
    if failed:
        return {"points": list(points), "failed": failed[0]}
    numeric = [(n, float(t)) for n, t in points]
    steps = [
        growth_per_doubling(n1, t1, n2, t2)
        for (n1, t1), (n2, t2) in itertools.pairwise(numeric)
        if t1 >= NOISE_FLOOR_S
    ]
    top_n, top_t = numeric[-1]
    return {
        "points": numeric,
        "per_unit_us": top_t / top_n * 1e6,
        "max_s": top_t,
        "worst_step": max(steps) if steps else math.nan,
        # The largest sizes, where the cost per slot or row outweighs the fixed cost.
        "fitted": fitted_growth([(n, t) for n, t in numeric[-FITTED_SIZES:] if t >= NOISE_FLOOR_S]),
    }


def start_up(runs: int) -> Result:
    """(5) Start-up of the CLI and of ``import confdocs``, each in a new process."""
    confdocs = confdocs_command()
    commands = {
        "python -c pass (the interpreter alone)": [sys.executable, "-c", "pass"],
        "python -c 'import confdocs'": [sys.executable, "-c", "import confdocs"],
        "confdocs --version": [*confdocs, "--version"],
        "confdocs --help": [*confdocs, "--help"],
        "confdocs check examples/hague-2019/event.yaml": [*confdocs, "check", str(HAGUE)],
    }
    validators_only = {
        "CONFDOCS_LOAD_PLUGINS": ",".join(sorted({p.plugin for p in _host().validators().values()}))
    }
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for label, command in commands.items():
        run_process(command)
        runs_of = [run_process(command) for _ in range(runs)]
        times[label] = median([t.wall for t in runs_of])
        cpu[label] = median([t.cpu for t in runs_of])
    # What check would cost if the exporter plugins did not import their libraries at start.
    label = "confdocs check … with only the validator plugins loaded"
    command = [*confdocs, "check", str(HAGUE)]
    run_process(command, env=validators_only)
    runs_of = [run_process(command, env=validators_only) for _ in range(runs)]
    times[label] = median([t.wall for t in runs_of])
    cpu[label] = median([t.cpu for t in runs_of])
    imports = {
        "confdocs --version": startup.heavy_imports(["-m", "confdocs", "--version"]),
        "confdocs check": startup.heavy_imports(["-m", "confdocs", "check", str(HAGUE)]),
        "confdocs build -f md": startup.heavy_imports(
            ["-m", "confdocs", "build", str(HAGUE), "-f", "md", "-o", "/tmp/confdocs-bench-md"]
        )
        if "md" in installed_formats()
        else {},
    }
    plugins = {}
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group="confdocs"), key=lambda e: e.name):
        module = ep.value.split(":")[0]
        cost, libraries = startup.plugin_import_cost(module)
        plugins[f"{ep.name} ({module})"] = (cost, libraries)
    return {"runs": runs, "times": times, "cpu": cpu, "imports": imports, "plugins": plugins}


def registrations_bench(quick: bool) -> Result | None:
    """The validators' own registrations benchmark, when it is there."""
    script = ROOT / "bench" / "bench_registrations.py"
    if not script.exists():
        return None
    import subprocess

    # It takes the number of rows (100,000 by default); a quick run uses fewer.
    command = [sys.executable, str(script), *(["20000"] if quick else [])]
    out = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, check=False, timeout=1800
    )
    return {
        "command": " ".join(["python", "bench/bench_registrations.py", *command[2:]]),
        "returncode": out.returncode,
        "stdout": out.stdout,
        "stderr": out.stderr[-2000:],
    }


def pdf_against_libreoffice(tmp: Path, runs: int) -> Result:
    """(7) A cold ``confdocs build -f pdf`` of the Hague outline against LibreOffice converting
    confdocs' own .docx of it to PDF (the route without a pdf format), interleaved."""
    host = _host()
    formats, broken = working_formats(host, ("pdf", "docx"))
    result: Result = {"missing": broken}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        result["skipped"] = "LibreOffice is not installed: the comparison was skipped"
        return result
    if formats != ["pdf", "docx"]:
        result["skipped"] = f"pdf and docx must both build: {broken}"
        return result
    folder = tmp / "pdf"
    out = folder / "out"
    docx = folder / "docx"
    run_process([*confdocs_command(), "build", str(HAGUE), "-f", "docx", "-o", str(docx)])
    profile = folder / "lo-profile"
    convert = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder / "lo"),
        str(docx / "hague-2019.docx"),
    ]
    run_process(convert)  # LibreOffice's first start makes its profile: not counted
    command = [*confdocs_command(), "build", str(HAGUE), "-f", "pdf", "-o", str(out)]
    result.update(_compare(lambda: run_process(command), lambda: run_process(convert), runs))
    return result
