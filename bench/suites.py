"""The measurements of ``make bench``; each returns plain data for the report.

1. a cold ``confdocs build`` of the Hague outline in docx+html+md against pandoc's two runs on
   the hand-written Markdown of the same outline (the anchor), with the floors (interpreter,
   imports alone) and confdocs' own Markdown as a second yardstick, interleaved; and where the
   cold build's time goes, step by step;
2. a batch of 20 events in one ``confdocs build`` against pandoc's 40 runs;
3. a warm rebuild in one process against pandoc's two runs; every exporter and validator, warm;
4. synthetic events of growing size: time per slot and per registration, growth per doubling,
   and the docx render from 5,000 to 10,000 slots;
5. start-up of ``confdocs --version``, ``confdocs check`` and ``import confdocs`` against
   ``python -c pass``.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import coldstart, profiles, startup
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
#: The seed outline written by hand in Markdown, as a pandoc user would write it: the yardstick.
ANCHOR_NAME = "hague-2019.md"
ANCHOR_PLACES = (
    ROOT.parent / "shared" / "anchor",
    ROOT.parent.parent / "shared" / "anchor",
)
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


def find_anchor() -> Path | None:
    """The hand-written Markdown of the Hague outline (``CONFDOCS_BENCH_ANCHOR`` names another
    place), or None."""
    named = os.environ.get("CONFDOCS_BENCH_ANCHOR")
    places = [Path(named)] if named else [p / ANCHOR_NAME for p in ANCHOR_PLACES]
    return next((p for p in places if p.is_file()), None)


def own_markdown(event_path: Path, host: Any) -> str | None:
    """confdocs' own Markdown of the event (the md exporter's output), or None."""
    from confdocs import build, load_event

    if "md" not in host.exporters():
        return None
    try:
        result = build(load_event(event_path), ["md"], None, host)
    except Exception as exc:
        print(f"  md exporter failed ({exc})", file=sys.stderr)
        return None
    return result.documents[0].data.decode("utf-8") if result.documents else None


def _yardstick(tmp: Path, host: Any) -> tuple[Path, str]:
    """The Markdown pandoc is fed: the anchor; without it, confdocs' own md, else hand-made."""
    anchor = find_anchor()
    target = tmp / ANCHOR_NAME
    if anchor is not None:
        shutil.copyfile(anchor, target)
        return target, f"the hand-written Markdown of the outline (`{anchor.name}`, the anchor)"
    text = own_markdown(HAGUE, host)
    if text is not None:
        target.write_text(text, encoding="utf-8")
        return target, "confdocs' own md output (**the anchor was not found**)"
    from confdocs import load_event

    target.write_text(outline_markdown(load_event(HAGUE)), encoding="utf-8")
    return target, "hand-made Markdown (bench/outline_md.py; **the anchor was not found**)"


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


def interleaved(
    runs_of: dict[str, Callable[[], Timing]], runs: int, reference: str
) -> dict[str, Result]:
    """Each of ``runs_of`` run ``runs`` times in rounds, one of each per round, in an order
    that turns each round (after one warm-up round, not counted), so that a busier moment of
    the machine falls on all of them alike. For each: median wall-clock and CPU seconds, and
    the median over the rounds of its ratio to ``reference`` in the same round."""
    names = list(runs_of)
    for name in names:
        runs_of[name]()  # warm the file cache; not counted
    times: dict[str, list[Timing]] = {name: [] for name in names}
    for i in range(runs):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(runs_of[name]())
    base = times[reference]
    return {
        name: {
            "wall_s": median([t.wall for t in got]),
            "cpu_s": median([t.cpu for t in got]),
            "ratio": median([a.wall / b.wall for a, b in zip(got, base, strict=True)]),
            "cpu_ratio": median([a.cpu / b.cpu for a, b in zip(got, base, strict=True)]),
        }
        for name, got in times.items()
    }


def _comparison(rows: dict[str, Result], runs: int, **more: Any) -> Result:
    """The old shape of a comparison (confdocs against pandoc), with every row kept."""
    ours, theirs = rows["confdocs"], rows["pandoc"]
    return {
        "runs": runs,
        "confdocs_s": ours["wall_s"],
        "pandoc_s": theirs["wall_s"],
        "ratio": ours["ratio"],
        "confdocs_cpu_s": ours["cpu_s"],
        "pandoc_cpu_s": theirs["cpu_s"],
        "cpu_ratio": ours["cpu_ratio"],
        "rows": rows,
        **more,
    }


def cold_single(tmp: Path, runs: int, step_runs: int = 5) -> Result:
    """(1) One cold build in three formats against pandoc converting the anchor twice, with
    the floors and the second yardstick in the same rounds; then the build's steps."""
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
    folder = tmp / "single"
    folder.mkdir(parents=True)
    markdown, origin = _yardstick(folder, host)
    result["markdown"] = origin
    out = folder / "out"
    command = [*confdocs_command(), "build", str(HAGUE), "-o", str(out)]
    for name in formats:
        command += ["-f", name]
    on_anchor = _pandoc_commands(pandoc, markdown, folder)
    runs_of: dict[str, Callable[[], Timing]] = {
        "confdocs": lambda: run_process(command),
        "pandoc": lambda: run_processes(on_anchor),
    }
    own = own_markdown(HAGUE, host) if "anchor" in origin else None
    if own is not None:
        (folder / "own").mkdir()
        own_md = folder / "own" / ANCHOR_NAME
        own_md.write_text(own, encoding="utf-8")
        on_own = _pandoc_commands(pandoc, own_md, own_md.parent)
        result["second_yardstick"] = "confdocs' own md output"
        runs_of["pandoc on confdocs' md"] = lambda: run_processes(on_own)
    for label, floor in coldstart.floor_commands(HAGUE, folder / "modules").items():
        runs_of[label] = lambda c=floor: run_process(c)
    try:
        rows = interleaved(runs_of, runs, "pandoc")
    except RuntimeError as exc:
        return {**result, "skipped": str(exc)}
    result.update(_comparison(rows, runs))
    result["steps"] = coldstart.steps(HAGUE, folder / "steps", step_runs)
    result["environment"] = coldstart.environment_note()
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


def cold_batch(tmp: Path, runs: int, count: int = BATCH) -> Result:
    """(2) Twenty events in one ``confdocs build`` against pandoc's forty runs on the anchor."""
    host = _host()
    formats, broken = working_formats(host, COMPARED)
    result: Result = {"events": count, "formats": formats, "missing": broken}
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        result["skipped"] = "pandoc is not installed: the comparison with pandoc was skipped"
        return result
    if not formats:
        result["skipped"] = "none of docx, html, md is installed and working: nothing to compare"
        return result
    events = make_batch(tmp / "batch" / "events", count)
    markdown_dir = tmp / "batch" / "markdown"
    markdown_dir.mkdir(parents=True)
    markdown, origin = _yardstick(markdown_dir, host)
    result["markdown"] = origin
    pandoc_commands: list[list[str]] = []
    for path in events:
        md = markdown_dir / f"{path.parent.name}.md"
        shutil.copyfile(markdown, md)
        pandoc_commands += _pandoc_commands(pandoc, md, markdown_dir)
    command = [*confdocs_command(), "build", *map(str, events), "-o", str(tmp / "batch" / "out")]
    for name in formats:
        command += ["-f", name]
    result["pandoc_runs"] = len(pandoc_commands)
    runs_of = {
        "confdocs": lambda: run_process(command),
        "pandoc": lambda: run_processes(pandoc_commands),
    }
    try:
        result.update(_comparison(interleaved(runs_of, runs, "pandoc"), runs))
    except RuntimeError as exc:
        result["skipped"] = str(exc)
    return result


def warm_rebuild(tmp: Path, runs: int) -> Result:
    """(3) What a process that stays running (``confdocs serve``) does on each save: load the
    event file again, build docx+html+md and write them, against pandoc's two runs on the
    anchor; alternately, after one rebuild not counted."""
    from confdocs import build, load_event_with_sources, write_documents

    host = _host()
    formats, broken = working_formats(host, COMPARED)
    result: Result = {"formats": formats, "missing": broken}
    pandoc = shutil.which("pandoc")
    if pandoc is None or not formats:
        result["skipped"] = "pandoc is not installed" if pandoc is None else "no format works"
        return result
    folder = tmp / "rebuild"
    folder.mkdir(parents=True)
    markdown, origin = _yardstick(folder, host)
    result["markdown"] = origin
    pandoc_commands = _pandoc_commands(pandoc, markdown, folder)

    def rebuild() -> Timing:
        cpu, start = time.process_time(), time.perf_counter()
        loaded = load_event_with_sources(HAGUE)
        built = build(loaded.event, formats, {"audience": "internal"}, host)
        write_documents(built.documents, folder / "out")
        return Timing(time.perf_counter() - start, time.process_time() - cpu)

    runs_of = {"confdocs": rebuild, "pandoc": lambda: run_processes(pandoc_commands)}
    result.update(_comparison(interleaved(runs_of, runs, "pandoc"), runs))
    return result


def _safe(call: Callable[[], float]) -> float | str:
    try:
        return call()
    except Exception as exc:
        return f"failed: {type(exc).__name__}: {str(exc)[:120]}"


def _validate(validator: Any, event: Any, registrations: Any) -> list[Any]:
    """A validator's findings, called with the arguments it names, as ``check`` calls it
    (the timeline made only for a validator that names it)."""
    import inspect

    from confdocs.plugins.isolation import call_with_named
    from confdocs.view import timeline

    given: dict[str, Any] = {"event": event, "registrations": registrations}
    if "timeline" in inspect.signature(validator.validate).parameters:
        given["timeline"] = timeline(event)
    return list(call_with_named(validator.validate, **given))


def _outline_exporters(host: Any) -> list[tuple[str, Any]]:
    """The formats made of the event alone. Those made of the registrations (letters, badges,
    certificates …) grow with the registrants, not the programme, and need them: they are
    not in these sections."""
    from confdocs.plugins.protocols import is_per_recipient, needs_registrations

    return [
        (name, provided)
        for name, provided in sorted(host.exporters().items())
        if not is_per_recipient(provided.item) and not needs_registrations(provided.item)
    ]


def _render_call(exporter: Any, view: Any, options: dict[str, Any]) -> Callable[[], bytes]:
    """An exporter's render as ``build`` calls it (a worker thread, the collector paused)."""
    from confdocs.building import render

    return lambda: render(exporter, view, dict(options))  # type: ignore[arg-type]


def warm(repeat: int) -> Result:
    """(3) Each exporter and validator, warm, in this process, on the Hague event."""
    from confdocs import load_event, make_view, prepare_view

    host = _host()
    event = load_event(HAGUE)
    registrations = make_registrations(event, 120)
    options: dict[str, Any] = {"audience": "internal"}
    view = prepare_view(event, options, host)  # type: ignore[arg-type]
    calls: list[tuple[str, str, Callable[[], object]]] = [
        ("core", "load_event (YAML → Event)", lambda: load_event(HAGUE)),
        ("core", "make_view", lambda: make_view(event, None, "internal")),
    ]
    for name, provided in _outline_exporters(host):
        calls.append(("exporter", name, _render_call(provided.item, view, options)))
    for name, provided in sorted(host.validators().items()):
        validator = provided.item
        calls.append(
            ("validator", f"{name} (event only)", lambda v=validator: _validate(v, event, None))
        )
        calls.append(
            (
                "validator",
                f"{name} (+120 registrations)",
                lambda v=validator: _validate(v, event, registrations),
            )
        )
    rows: list[tuple[str, str, float | str, dict[str, float]]] = []
    for kind, label, call in calls:
        timing = _safe(lambda c=call: time_call(c, repeat))
        where: dict[str, float] = {}
        if not isinstance(timing, str):
            try:
                # The profile sees this thread only: the exporter's render is called directly.
                profiled = call
                if kind == "exporter":
                    item = host.exporters()[label].item
                    profiled = lambda x=item: x.render(view, dict(options))  # noqa: E731
                where = profiles.shares(profiled)
            except Exception:  # a profile is a bonus; the timing stands without it
                where = {}
        rows.append((kind, label, timing, where))
    return {"rows": rows, "repeat": repeat}


#: Slots of the programme ladder: each about twice the last, 1 to 100 days.
SLOT_LADDER = (10, 20, 39, 78, 156, 312, 625, 1250, 2500, 5000, 10000)
QUICK_SLOT_LADDER = (10, 39, 156, 625, 2500, 5000, 10000)
#: The format targets are judged at this size (issue 6: under 2 s each).
TARGET_SLOTS = 5000
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


def scaling(quick: bool, tmp: Path, ladder: Sequence[int] | None = None) -> Result:
    """(4) Synthetic events of growing size: time per slot and per registration."""
    from bench.synthetic import write_event
    from confdocs import load_event, load_registrations, prepare_view

    host = _host()
    exporters = _outline_exporters(host)
    validators = sorted(host.validators().items())
    options: dict[str, Any] = {"audience": "internal"}
    by_slots: dict[str, list[tuple[int, float | str]]] = {}
    sizes = []
    for slots in ladder or (QUICK_SLOT_LADDER if quick else SLOT_LADDER):
        size = Size(slots)
        sizes.append((slots, size.days))
        event = make_event(size)
        print(f"  {slots} slots, {size.days} days", file=sys.stderr)
        path = write_event(event, tmp / "ladder")
        by_slots.setdefault("load_event (YAML → Event)", []).append(
            (slots, _timed(lambda p=path: load_event(p)))
        )
        view_time = _timed(lambda e=event: _first_view(e))
        by_slots.setdefault("make_view", []).append((slots, view_time))
        view = prepare_view(event, options, host)  # type: ignore[arg-type]
        for name, provided in exporters:
            by_slots.setdefault(f"exporter {name}", []).append(
                (slots, _timed(_render_call(provided.item, view, options)))
            )
        for name, provided in validators:
            by_slots.setdefault(f"validator {name}", []).append(
                (slots, _timed(lambda x=provided.item, e=event: _validate(x, e, None)))
            )
        del event, view
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
                        lambda x=provided.item, e=event, r=registrations: _validate(x, e, r)
                    ),
                )
            )
    at = dict(by_slots["make_view"])
    return {
        "slot_sizes": sizes,
        "by_slots": {k: _summarise(v) for k, v in by_slots.items()},
        "by_registrations": {k: _summarise(v) for k, v in by_registrations.items()},
        "target_slots": TARGET_SLOTS if TARGET_SLOTS in at else sizes[-1][0],
        "view_at_target": at.get(TARGET_SLOTS, by_slots["make_view"][-1][1]),
    }


def _first_view(event: Any) -> Any:
    """``make_view`` as for an event seen for the first time: the view keeps parsed texts for
    the process (a title that recurs is parsed once), which would favour repeated runs of the
    smaller events, whose texts all fit."""
    from confdocs import make_view
    from confdocs.view import richtext

    richtext._parse_cached.cache_clear()
    richtext._plain_paragraph.cache_clear()
    return make_view(event, None, "internal")


def docx_growth(runs: int, sizes: tuple[int, int] = (5000, 10000)) -> Result:
    """(4) The docx render at two sizes, as ``build`` renders it, CPU time, alternately
    (``runs`` of each, garbage collected before each): how much longer twice the slots take."""
    import gc

    from confdocs import prepare_view

    host = _host()
    if "docx" not in host.exporters():
        return {"skipped": "the docx format is not installed"}
    exporter = host.exporters()["docx"].item
    options: dict[str, Any] = {"audience": "internal"}
    views = {n: prepare_view(make_event(Size(n)), options, host) for n in sizes}  # type: ignore[arg-type]
    calls = {n: _render_call(exporter, views[n], options) for n in sizes}
    times: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(runs):
        for n in sizes:
            gc.collect()
            start = time.process_time()
            calls[n]()
            times[n].append(time.process_time() - start)
    small, large = sizes
    return {
        "sizes": list(sizes),
        "runs": runs,
        "times_s": {str(n): median(t) for n, t in times.items()},
        "growth": median(times[large]) / median(times[small]),
    }


def docx_growth_in_a_new_process(runs: int) -> Result:
    """(4) :func:`docx_growth` in a process of its own. Measured in the bench's process, after
    the growing events, the same render grew 2.28× where a new process measured 1.92×: the
    bench's own history (the memory of a few hundred builds of large events) weighed on the
    larger render, which is the bench's, not the exporter's. A user's command, or ``serve``,
    renders in a process that has built one event, its allocator set as the command sets
    it (:mod:`confdocs.allocator`: without it the render's memory came fresh from the system
    again and again, 0.45 s of page faults at 10,000 slots against 0.05 s at 5,000)."""
    import json
    import subprocess

    # The allocator set as the command's entry point sets it (confdocs.allocator).
    code = "import json, sys; from confdocs import allocator; allocator.tune_for_a_command(); "
    code += "from bench import suites; print(json.dumps(suites.docx_growth(int(sys.argv[1]))))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(runs)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=3600,
    )
    if done.returncode != 0:
        return {"skipped": f"the docx growth failed: {done.stderr.strip()[-300:]}"}
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process"] = "a new process"
    return result


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
    at_target = dict(numeric).get(TARGET_SLOTS)
    top_n, top_t = numeric[-1]
    return {
        "points": numeric,
        "per_unit_us": top_t / top_n * 1e6,
        "max_s": top_t,
        "at_target_s": at_target if at_target is not None else top_t,
        "worst_step": max(steps) if steps else math.nan,
        # The largest sizes, where the cost per slot or row outweighs the fixed cost.
        "fitted": fitted_growth([(n, t) for n, t in numeric[-FITTED_SIZES:] if t >= NOISE_FLOOR_S]),
    }


def start_up(runs: int) -> Result:
    """(5) Start-up of the CLI and of ``import confdocs``, each in a new process, interleaved
    with ``python -c pass``."""
    confdocs = confdocs_command()
    validators_only = {
        "CONFDOCS_LOAD_PLUGINS": ",".join(sorted({p.plugin for p in _host().validators().values()}))
    }
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "python -c pass (the interpreter alone)": ([sys.executable, "-c", "pass"], None),
        "python -c 'import confdocs'": ([sys.executable, "-c", "import confdocs"], None),
        "confdocs --version": ([*confdocs, "--version"], None),
        "confdocs --help": ([*confdocs, "--help"], None),
        "confdocs check examples/hague-2019/event.yaml": ([*confdocs, "check", str(HAGUE)], None),
        # What check would cost if the exporter plugins were not even imported.
        "confdocs check … with only the validator plugins loaded": (
            [*confdocs, "check", str(HAGUE)],
            validators_only,
        ),
    }
    rows = interleaved(
        {k: lambda c=c, e=e: run_process(c, env=e) for k, (c, e) in commands.items()},
        runs,
        "python -c pass (the interpreter alone)",
    )
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
    for ep in sorted(_entry_points(), key=lambda e: e.name):
        module = ep.value.split(":")[0]
        cost, libraries = startup.plugin_import_cost(module)
        plugins[f"{ep.name} ({module})"] = (cost, libraries)
    return {
        "runs": runs,
        "times": {k: v["wall_s"] for k, v in rows.items()},
        "cpu": {k: v["cpu_s"] for k, v in rows.items()},
        "ratios": {k: v["ratio"] for k, v in rows.items()},
        "imports": imports,
        "plugins": plugins,
    }


def _entry_points() -> list[Any]:
    import importlib.metadata

    return list(importlib.metadata.entry_points(group="confdocs"))


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
    runs_of = {"confdocs": lambda: run_process(command), "pandoc": lambda: run_process(convert)}
    try:
        result.update(_comparison(interleaved(runs_of, runs, "pandoc"), runs))
    except RuntimeError as exc:
        result["skipped"] = str(exc)
    return result
