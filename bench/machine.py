"""The machine a benchmark ran on, for the report."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def pandoc_version() -> str | None:
    path = shutil.which("pandoc")
    if path is None:
        return None
    out = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.splitlines()[0] if out.stdout else "pandoc"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, against the cores there are."""
    try:
        loads = os.getloadavg()
    except OSError:
        return "unknown"
    return (
        " ".join(f"{x:.2f}" for x in loads)
        + f" (1, 5, 15 min, on {cores()} cores; other work on the machine slows wall-clock times)"
    )


def describe() -> dict[str, str]:
    import confdocs

    return {
        "CPU": f"{cpu_model()}, {cores()} core{'s' if cores() != 1 else ''} available",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "confdocs": confdocs.__version__,
        "pandoc": pandoc_version() or "not installed",
        "Load average at the start": load_average(),
        "Date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }
