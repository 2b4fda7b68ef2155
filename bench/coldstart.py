"""Where a cold build's time goes, and the floors under it, each measured in new processes.

- **Steps**: the steps of ``confdocs build`` (docx, html, md), run one after the other in a new
  process as the command runs them, each timed in CPU time: starting the interpreter, importing
  the command line, finding the plugins, the first load, the first view, each format's first
  render (importing its libraries), writing, and exiting (the interpreter's finalisation,
  measured as the process's CPU time after the last step).
- **Floors**: ``python -c pass`` (the interpreter and ``site``), importing the libraries the
  three formats need and nothing else, and importing every module a build imports and nothing
  else. No change to confdocs' own code goes below the last one without importing less.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.measure import median

#: The libraries the docx, html and md formats need, with what every command needs.
LIBRARIES = (
    "click",
    "attrs",
    "cattrs",
    "pluggy",
    "yaml",
    "babel.dates",
    "markdown_it",
    "mdit_py_plugins.footnote",
    "jinja2",
    "lxml.etree",
    "docx",
    "docxtpl",
)

#: The steps, in a new process; prints one JSON line of (step, CPU seconds at its end).
STEPS = textwrap.dedent(
    """
    import json, sys, time
    laps = [("start the interpreter", time.process_time())]
    def lap(name):
        laps.append((name, time.process_time()))
    from confdocs.collector import started, tune_for_a_command
    tune_for_a_command()  # as the script's entry point (confdocs.command) does, first
    from confdocs.cli import main  # noqa: F401  (what the entry point imports next)
    from confdocs.generated_code import keep_generated_code
    keep_generated_code()  # as the command does before it imports the model
    lap("import the command line (click, attrs and cattrs with their kept code)")
    from confdocs.plugins import get_plugin_manager
    lap("import the core (model, view, plugin host)")
    host = get_plugin_manager()
    host.exporters()
    lap("find and import the plugins")
    from confdocs.loading import load_event_with_sources
    loaded = load_event_with_sources(sys.argv[1])
    lap("first load (YAML, cattrs, Babel data)")
    from confdocs.building import prepare_view, render, write_documents, Document
    options = {"audience": "internal"}
    view = prepare_view(loaded.event, options, host)
    lap("first view (markdown-it)")
    documents = []
    for name in ("docx", "html", "md"):
        provided = host.exporters()[name]
        data = render(provided.item, view, options)
        documents.append(Document(name, f"x.{provided.item.suffix}", "", data))
        lap(f"first {name} render (its libraries, its template)")
    started()  # the first event is built: build lets the collector run from here
    write_documents(documents, sys.argv[2])
    lap("write the files")
    print(json.dumps(laps))
    """
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def steps(event: Path, out: Path, runs: int) -> dict[str, Any]:
    """Median CPU milliseconds of each step of a cold build over ``runs`` new processes."""
    per_step: dict[str, list[float]] = {}
    totals: list[float] = []
    for _ in range(runs):
        before = _children_cpu()
        laps = _json_of(STEPS, event, out)
        total = _children_cpu() - before
        previous = 0.0
        for name, at in laps:
            per_step.setdefault(name, []).append(at - previous)
            previous = at
        per_step.setdefault("exit (the interpreter's finalisation)", []).append(total - previous)
        totals.append(total)
    return {
        "runs": runs,
        "steps": {name: median(times) for name, times in per_step.items()},
        "total_s": median(totals),
    }


def build_modules(event: Path, out: Path) -> list[str]:
    """Every module ``confdocs build`` (docx, html, md) imports beyond ``python -c pass``, in
    the order they were first imported."""
    code = textwrap.dedent(
        """
        import json, sys
        before = set(sys.modules)
        from confdocs.command import main
        sys.argv = ["confdocs", "build", sys.argv[1], "-o", sys.argv[2], "-f", "docx", "-f",
                    "html", "-f", "md"]
        try:
            main()
        except SystemExit:
            pass
        print(json.dumps([m for m in sys.modules if m not in before and m != "__main__"]))
        """
    )
    modules: list[str] = _json_of(code, event, out)
    return modules


def _json_of(code: str, *args: Path) -> Any:
    """What ``python -c code args…`` prints as JSON on its last line."""
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_command(modules: Sequence[str], kept_code: bool = False) -> list[str]:
    """A command that imports ``modules`` (those that can be imported by name) and exits,
    with the collector off, as the command imports them; with ``kept_code``, loading attrs'
    and cattrs' kept code first, as the command does."""
    first = "import gc\ngc.disable()\n"
    if kept_code:
        first += "from confdocs.generated_code import keep_generated_code\nkeep_generated_code()\n"
    code = (
        first + "import importlib\n"
        f"for m in {list(modules)!r}:\n"
        "    try:\n        importlib.import_module(m)\n"
        "    except Exception:\n        pass\n"
    )
    return [sys.executable, "-c", code]


def floor_commands(event: Path, out: Path) -> dict[str, list[str]]:
    """The floors as commands: the interpreter, the libraries, every module of a build."""
    every = build_modules(event, out)
    return {
        "interpreter": [sys.executable, "-c", "pass"],
        "libraries": import_command(LIBRARIES),
        "all imports": import_command(every, kept_code=True),
    }


def environment_note() -> str:
    """What about this Python makes start-up slower or faster than a user's may be."""
    notes = []
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        notes.append("PYTHONDONTWRITEBYTECODE is set (make byte-compiles confdocs beforehand)")
    site = [p for p in sys.path if p.endswith("site-packages")]
    editable = any(Path(p).glob("__editable__*finder.py") for p in site)
    if editable:
        notes.append(
            "confdocs is installed editable: site imports its import hook (pathlib, re …) "
            "in every process, python -c pass included"
        )
    return "; ".join(notes) or "–"
