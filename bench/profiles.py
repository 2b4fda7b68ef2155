"""Where the time goes: a call's own time under cProfile, summed by library.

Self time (not cumulative) is added up by the top-level package of each function's file, so
"jinja2 70 %" means that 70 % of the call was spent inside Jinja's own code. Built-in functions
count for the package that called them, except ``compile()``, shown apart because it means code
is being generated (templates, cattrs hooks, attrs classes) while the call runs.
"""

from __future__ import annotations

import cProfile
import pstats
import sysconfig
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

_STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()
_ROOT = Path(__file__).resolve().parent.parent


def _package(filename: str) -> str:
    if filename.startswith("<"):
        # <string>, <attrs generated …>, <cattrs generated …>, <template>
        if "cattrs" in filename:
            return "cattrs (generated code)"
        if "attrs" in filename:
            return "attrs (generated code)"
        if "template" in filename:
            return "jinja2 (compiled template)"
        return "generated code"
    if not filename:
        return "generated code"
    path = Path(filename).resolve()
    parts = path.parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    if path.is_relative_to(_ROOT):
        relative = path.relative_to(_ROOT).parts or ("?",)
        if relative[:2] == ("src", "confdocs"):
            return "confdocs (core)"
        if relative[0] == "plugins" and len(relative) > 1:
            return relative[1]
        return relative[0]
    if path.is_relative_to(_STDLIB):
        return "stdlib " + path.relative_to(_STDLIB).parts[0].removesuffix(".py")
    return path.parts[-2] if len(parts) > 1 else filename


def shares(call: Callable[[], object], repeat: int = 3) -> dict[str, float]:
    """Share (0–1) of ``call``'s own time per library, largest first."""
    call()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(repeat):
        call()
    profile.disable()
    stats = pstats.Stats(profile)
    totals: dict[str, float] = defaultdict(float)
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, _nc, tottime, _ct, callers) in raw.items():
        if filename == "~":
            if name == "<built-in method builtins.compile>":
                totals["compile() (generating code)"] += tottime
                continue
            # A built-in's time goes to whoever called it.
            weights = {c[0]: v[2] for c, v in callers.items()} or {"~": tottime}
            caller_total = sum(weights.values()) or 1.0
            for caller_file, own in weights.items():
                owner = "built-ins" if caller_file == "~" else _package(caller_file)
                totals[owner] += tottime * own / caller_total
            continue
        totals[_package(filename)] += tottime
    whole = sum(totals.values()) or 1.0
    return dict(sorted(((k, v / whole) for k, v in totals.items()), key=lambda kv: -kv[1]))
