"""Writing files atomically: a temporary file beside the target, then a rename.

A build writes every document to a temporary file first and renames them only when all
are written, so an interrupted or failed build leaves no half-written file under an output
name, and files of an earlier build are either untouched or wholly replaced.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

TEMP_PREFIX = ".confdocs-"


@contextlib.contextmanager
def staged(targets: Sequence[tuple[Path, bytes]]) -> Iterator[list[Path]]:
    """Write each ``(path, data)`` to a temporary file; on leaving the block without an error,
    rename them all into place. On any error (or a signal turned into an exception) the
    temporary files are removed and no target is touched."""
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=target.parent)
            temp = Path(name)
            temps.append((temp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, 0o644)
        yield [target for _, target in temps]
        with _signals_held():
            for temp, target in temps:
                os.replace(temp, target)
            temps.clear()
    finally:
        for temp, _ in temps:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the renames run: a build's files are replaced together,
    and a signal that came meanwhile is acted on just after."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: Path, data: bytes) -> None:
    with staged([(path, data)]):
        pass
