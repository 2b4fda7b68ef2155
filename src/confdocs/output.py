"""Writing files atomically and only where asked: a temporary file beside the target, a rename.

A build writes every document to a temporary file first and renames them only when all
are written, so an interrupted or failed build leaves no half-written file under an output
name, and files of an earlier build are either untouched or wholly replaced.

Every document is named by a portable file-name slug (:mod:`confdocs.model.names`) and must
land directly inside the output folder: :func:`confined` refuses anything else, whatever the
caller passed. A failure of the file system (a full disk, a read-only one, a folder without
permission, a path through a file, a name too long) is an :class:`OutputError` naming the path
and the cause; the temporary files are removed on the way out. Temporary files that a killed
build left behind (``.confdocs-*.tmp``, older than :data:`STALE_TEMP_SECONDS`) are removed by
the next build into that folder.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .display import shown
from .errors import ConfdocsError
from .model.names import file_name_problem

TEMP_PREFIX = ".confdocs-"
TEMP_SUFFIX = ".tmp"
#: A temporary file this much older than now belongs to no running build: a killed one left it.
STALE_TEMP_SECONDS = 15 * 60

#: What the user can do about each failure, by errno.
_HINTS = {
    errno.ENOSPC: "the disk is full; free some space",
    errno.EDQUOT: "the disk quota is used up; free some space",
    errno.EROFS: "the file system is read-only; choose another --output-dir",
    errno.EACCES: "no permission to write there; choose another --output-dir",
    errno.EPERM: "no permission to write there; choose another --output-dir",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EEXIST: "a file stands where the folder should be",
    errno.EISDIR: "a folder stands where the file should be",
    errno.ENAMETOOLONG: "the path is too long for the file system",
    errno.ELOOP: "the path goes round in a loop of symbolic links",
}


class OutputError(ConfdocsError):
    """A document could not be written: names the path and why.

    The command line prints it as one message and exits with code 3.
    """

    def __init__(self, path: str | os.PathLike[str], cause: str) -> None:
        self.path = str(path)
        self.cause = cause
        super().__init__(f"cannot write {self.path}: {cause}")

    @classmethod
    def from_os_error(cls, path: str | os.PathLike[str], exc: OSError) -> OutputError:
        code = errno.errorcode.get(exc.errno or 0)
        cause = exc.strerror or type(exc).__name__
        hint = _HINTS.get(exc.errno or 0)
        detail = f"{cause} ({code})" if code else cause
        # The file that failed, unless it is one of our temporary files: then its target.
        failed = exc.filename
        if failed is None or os.path.basename(str(failed)).startswith(TEMP_PREFIX):
            failed = path
        return cls(failed, f"{detail}; {hint}" if hint else detail)


def confined(folder: Path, names: Iterable[str]) -> list[Path]:
    """The path of each file name inside ``folder``; a name that is not a portable file name,
    or a path that would not stand directly inside ``folder``, is an :class:`OutputError`."""
    root = Path(os.path.abspath(folder))
    out = []
    for name in names:
        problem = file_name_problem(name) if isinstance(name, str) else "it is not text"
        target = root / name if problem is None else root
        if problem is None and os.path.dirname(os.path.normpath(target)) != str(root):
            problem = "it would not stand inside the output folder"  # pragma: no cover
        if problem is not None:
            raise OutputError(root, f"refused the file name {shown(name)}: {problem}")
        out.append(target)
    return out


@contextlib.contextmanager
def staged(targets: Sequence[tuple[Path, bytes]]) -> Iterator[list[Path]]:
    """Write each ``(path, data)`` to a temporary file; on leaving the block without an error,
    rename them all into place. On any error (or a signal turned into an exception) the
    temporary files are removed and no target is touched; a failure of the file system is an
    :class:`OutputError`."""
    temps: list[tuple[Path, Path]] = []
    try:
        for folder in dict.fromkeys(target.parent for target, _ in targets):
            _attempt(folder, functools.partial(folder.mkdir, parents=True, exist_ok=True))
            remove_stale_temps(folder)
        for target, data in targets:
            temps.append((_write_temp(target, data), target))
        yield [target for _, target in temps]
        with _signals_held():
            while temps:
                temp, target = temps[0]
                _attempt(target, functools.partial(os.replace, temp, target))
                temps.pop(0)
    finally:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()


def _attempt(path: Path, action: Callable[[], object]) -> None:
    try:
        action()
    except OSError as exc:
        raise OutputError.from_os_error(path, exc) from None


def _write_temp(target: Path, data: bytes) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise OutputError.from_os_error(target, exc) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OutputError.from_os_error(target, exc) from None
        raise
    return temp


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed build left in ``folder``: confdocs' own kind
    (``.confdocs-*.tmp``, a regular file of this user's), older than :data:`STALE_TEMP_SECONDS`.
    Returns what was removed; a file that cannot be removed is left."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if stat.S_ISREG(info.st_mode) and mine and now - info.st_mtime > STALE_TEMP_SECONDS:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


#: The signals that end a build: held while the renames run.
END_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP while the renames run: a build's files are replaced
    together, and a signal that came meanwhile is acted on just after."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, set(END_SIGNALS))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: Path, data: bytes) -> None:
    with staged([(path, data)]):
        pass
