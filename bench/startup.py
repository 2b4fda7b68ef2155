"""Start-up: how long commands take in a new process, and what each one imports."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence

import attrs

#: Libraries a command should import only when it needs them.
HEAVY = (
    "docxtpl",
    "docx",
    "lxml",
    "babel",
    "jinja2",
    "icalendar",
    "markdown_it",
    "mdit_py_plugins",
    "cattrs",
    "yaml",
    "pluggy",
    "importlib.metadata",
)
#: The public modules a plugin may use; imported before a plugin when its own cost is measured.
PUBLIC = (
    "confdocs",
    "confdocs.plugins.hookspecs",
    "confdocs.plugins.protocols",
    "confdocs.findings",
    "confdocs.model",
    "confdocs.view",
    "confdocs.view.richtext",
    "confdocs.rendering.templating",
    "confdocs.view.seats",
    "confdocs.model.units",
    "confdocs.model.codes",
    "confdocs.view.labels",
)

_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


@attrs.frozen
class Imported:
    module: str
    #: Microseconds, itself and what it imported first.
    cumulative_us: int
    depth: int


def import_times(argv: Sequence[str], env: dict[str, str] | None = None) -> list[Imported]:
    """Every module imported by ``python -X importtime argv…``, in order."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    found = []
    for line in out.stderr.splitlines():
        match = _LINE.match(line)
        if match:
            found.append(Imported(match.group(4), int(match.group(2)), len(match.group(3)) // 2))
    return found


def heavy_imports(argv: Sequence[str]) -> dict[str, float]:
    """Which of the HEAVY libraries ``argv`` imports, with their import time in ms."""
    out: dict[str, float] = {}
    for item in import_times(argv):
        if item.module in HEAVY and item.module not in out:
            out[item.module] = item.cumulative_us / 1000
    # A library counted under another one that imported it first shows ~0 ms: leave it out.
    return {k: v for k, v in out.items() if v >= 1.0}


def plugin_import_cost(module: str) -> tuple[float, dict[str, float]]:
    """Milliseconds importing plugin ``module`` adds once confdocs' public modules are
    imported, and the third-party libraries (with ms) it pulls in at import."""
    code = f"import {', '.join(PUBLIC)}; import {module}"
    items = import_times(["-c", code])
    # importtime prints a module's imports before the module itself, one level deeper.
    for index in range(len(items) - 1, -1, -1):
        if items[index].module == module and items[index].depth == 0:
            break
    else:
        return 0.0, {}
    total = items[index].cumulative_us / 1000
    libraries: dict[str, float] = {}
    for item in reversed(items[:index]):
        if item.depth == 0:
            break
        top = item.module.split(".")[0]
        if top in (module, "confdocs"):
            continue
        libraries[top] = max(libraries.get(top, 0.0), item.cumulative_us / 1000)
    significant = {k: round(v, 1) for k, v in libraries.items() if v >= 2.0}
    return total, dict(sorted(significant.items(), key=lambda kv: -kv[1]))
