"""Timing helpers: medians of wall-clock times, of processes and of calls in this process."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def time_process(
    command: Sequence[str], env: Mapping[str, str] | None = None, cwd: str | None = None
) -> float:
    """Seconds one run of ``command`` takes, start to exit; a failure raises."""
    start = time.perf_counter()
    result = subprocess.run(
        list(command),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):  # 1: findings, still a complete run
        raise RuntimeError(
            f"{' '.join(command[:4])} … exited {result.returncode}: "
            f"{result.stderr.decode(errors='replace')[-500:]}"
        )
    return elapsed


def time_processes(commands: Sequence[Sequence[str]], **kwargs: Any) -> float:
    """Seconds to run ``commands`` one after the other, as a shell loop would."""
    return sum(time_process(command, **kwargs) for command in commands)


def time_call(call: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median seconds of ``call()`` over ``repeat`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return median(times)


def growth_per_doubling(size1: float, time1: float, size2: float, time2: float) -> float:
    """How many times longer it takes when the size doubles, from two measured points."""
    if time1 <= 0 or size2 <= size1:
        return math.nan
    return float((time2 / time1) ** (1 / math.log2(size2 / size1)))
