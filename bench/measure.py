"""Timing helpers: medians of wall-clock times, of processes and of calls in this process."""

from __future__ import annotations

import gc
import math
import os
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


class Timing:
    """Wall-clock and CPU seconds of one or more processes run one after the other."""

    def __init__(self, wall: float = 0.0, cpu: float = 0.0) -> None:
        self.wall, self.cpu = wall, cpu

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(
    command: Sequence[str], env: Mapping[str, str] | None = None, cwd: str | None = None
) -> Timing:
    """One run of ``command``, start to exit: wall-clock and CPU seconds; a failure raises."""
    cpu = _children_cpu()
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
    used = _children_cpu() - cpu
    if result.returncode not in (0, 1):  # 1: findings, still a complete run
        raise RuntimeError(
            f"{' '.join(command[:4])} … exited {result.returncode}: "
            f"{result.stderr.decode(errors='replace')[-500:]}"
        )
    return Timing(elapsed, used)


def run_processes(commands: Sequence[Sequence[str]], **kwargs: Any) -> Timing:
    """``commands`` one after the other, as a shell loop would run them."""
    total = Timing()
    for command in commands:
        total = total + run_process(command, **kwargs)
    return total


def time_process(command: Sequence[str], **kwargs: Any) -> float:
    """Wall-clock seconds of one run of ``command``."""
    return run_process(command, **kwargs).wall


def time_call(call: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median CPU seconds of ``call()`` in this process over ``repeat`` runs, after ``warmup``
    runs; garbage is collected before each run, so one run does not pay for the last.

    CPU time, not wall-clock time, so that other work on the machine does not count.
    """
    for _ in range(warmup):
        call()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return median(times)


def growth_per_doubling(size1: float, time1: float, size2: float, time2: float) -> float:
    """How many times longer it takes when the size doubles, from two measured points."""
    if time1 <= 0 or size2 <= size1:
        return math.nan
    return float((time2 / time1) ** (1 / math.log2(size2 / size1)))


def fitted_growth(points: Sequence[tuple[float, float]]) -> float:
    """Growth per doubling of the least-squares line through ``log2 size, log2 time``: one
    figure for a whole ladder, which a single noisy step does not sway."""
    if len(points) < 3:
        return math.nan
    xs = [math.log2(n) for n, _ in points]
    ys = [math.log2(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    if var == 0:
        return math.nan
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var
    return float(2**slope)
