"""confdocs' folder in the user's cache, and the checks that make what it holds safe to use.

What is kept there (compiled templates, Word templates as docxtpl prepares them, the code attrs
and cattrs generate) is code or text the next process uses, so a folder is used only if it is
the user's own and nobody else may write into it (created with mode 0700; refused when another
user owns it, it is writable by group or others, or is a symbolic link), and so is each file
read from it; the checks are made on the opened folder and files, not on their names. Writes go
to a new file that is renamed into place, so concurrent processes never see half an entry.
``CONFDOCS_TEMPLATE_CACHE=off`` keeps everything in memory.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Larger files in the folder are not read (the default templates compile to under 200 kB).
MAX_FILE_BYTES = 16 * 1024 * 1024
#: What ``CONFDOCS_TEMPLATE_CACHE`` may say to keep everything off the disk.
OFF = frozenset({"0", "off", "no", "false", "none"})


@functools.lru_cache(maxsize=256)
def module_stamp(module_name: str) -> tuple[int, int] | None:
    """The size and time of an imported module's file, which keys what its code made (a
    changed module makes new entries); None when it has no file."""
    file = getattr(sys.modules.get(module_name), "__file__", None)
    return path_stamp(file) if file else None


def file_stamp(package: str) -> tuple[int, int] | None:
    """:func:`module_stamp` of a top-level package, found on ``sys.path`` without importing
    it when it is not imported yet; None when it is not found there or has no file."""
    if package in sys.modules:
        return module_stamp(package)
    file = package_file(package)
    return path_stamp(file) if file else None


def package_file(package: str) -> str | None:
    """The file of a top-level package (its ``__init__.py``), found on ``sys.path`` without
    importing it when it is not imported yet; None when it is not found or has no file."""
    if package in sys.modules:
        return getattr(sys.modules[package], "__file__", None)
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec(package)
    if spec is None or not spec.has_location or not spec.origin:
        return None
    return spec.origin


def path_stamp(file: str) -> tuple[int, int] | None:
    """The size and time of ``file``; None when it cannot be read."""
    try:
        st = os.stat(file)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def cache_root() -> Path | None:
    """confdocs' cache folder: ``$XDG_CACHE_HOME/confdocs``, else ``~/.cache/confdocs``; None
    when ``CONFDOCS_TEMPLATE_CACHE`` is ``off``."""
    if os.environ.get("CONFDOCS_TEMPLATE_CACHE", "").strip().lower() in OFF:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder
            return None
    return Path(base) / "confdocs"


def _supported() -> bool:
    # The checks are made on open descriptors, relative to the folder's descriptor.
    needed = ("O_NOFOLLOW", "O_DIRECTORY")
    return (
        all(hasattr(os, flag) for flag in needed)
        and os.open in os.supports_dir_fd
        and os.rename in os.supports_dir_fd  # os.replace takes the same arguments
        and os.unlink in os.supports_dir_fd
        and os.stat in os.supports_dir_fd
        and hasattr(os, "geteuid")
    )


def _safe(st: os.stat_result, kind: Callable[[int], bool]) -> bool:
    """Of the right kind, the user's own, and writable by nobody else."""
    return kind(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o022


class Folder:
    """The cache folder, opened once and checked on its descriptor; None-like when refused."""

    def __init__(self, path: Path, max_entries: int) -> None:
        self.path = path
        self.max_entries = max_entries
        self.fd: int | None = None
        self.refused: str | None = None
        if not _supported():
            self.refused = "this system cannot open files relative to a checked folder"
            return
        try:
            self._make(path)
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            self.refused = f"cannot open it ({exc.strerror or exc})"
            return
        if not _safe(os.fstat(fd), stat.S_ISDIR):
            os.close(fd)
            self.refused = "it is not a folder of this user's that only this user can write"
            return
        self.fd = fd

    @staticmethod
    def _make(path: Path) -> None:
        # Each missing level is made 0700, as the XDG base directory rules ask.
        missing = []
        for level in (path, *path.parents):
            if os.path.lexists(level):
                break
            missing.append(level)
        for level in reversed(missing):
            # Made meanwhile by another process: fine, it is checked once opened.
            with contextlib.suppress(FileExistsError):
                os.mkdir(level, 0o700)

    def read(self, name: str) -> bytes | None:
        if self.fd is None:
            return None
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.fd)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not _safe(st, stat.S_ISREG) or st.st_size > MAX_FILE_BYTES:
                return None
            with os.fdopen(fd, "rb", closefd=False) as file:
                return file.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)

    def write(self, name: str, data: bytes) -> None:
        """``data`` as ``name``, all of it or nothing: written to a new file, then renamed."""
        if self.fd is None:
            return
        temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(temporary, flags, 0o600, dir_fd=self.fd)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.fd)
            return
        self._trim()

    def read_sealed(self, name: str, magic: bytes) -> bytes | None:
        """The body of entry ``name`` as :meth:`write_sealed` wrote it with ``magic``; None
        when it is missing, another kind's, another name's, or damaged (a damaged body could
        load as wrong code, or make its reader fail with any error)."""
        data = self.read(name)
        prefix = magic + name.encode() + b"\n"
        if data is None or not data.startswith(prefix):
            return None
        body = data[len(prefix) + 65 :]
        return body if data[: len(prefix) + 65] == _seal(magic, name, body) else None

    def write_sealed(self, name: str, magic: bytes, body: bytes) -> None:
        """``body`` as entry ``name``, after ``magic``, its name and the digest of the body."""
        self.write(name, _seal(magic, name, body) + body)

    def _trim(self) -> None:
        """Remove the oldest entries beyond ``max_entries``, and temporary files that a
        process left behind an hour ago or more."""
        assert self.fd is not None
        try:
            names = os.listdir(self.fd)
        except OSError:
            return
        if len(names) <= self.max_entries:
            return
        dated = []
        for name in names:
            with contextlib.suppress(OSError):
                dated.append((os.stat(name, dir_fd=self.fd, follow_symlinks=False).st_mtime, name))
        dated.sort(reverse=True)
        newest = dated[0][0] if dated else 0.0
        kept = 0
        for mtime, name in dated:
            leftover = name.endswith(".tmp")
            if (leftover and newest - mtime < 3600) or (not leftover and kept < self.max_entries):
                kept += not leftover
                continue
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=self.fd)


def read_marshalled(folder: Folder, name: str, magic: bytes) -> dict[Any, Any]:
    """The dict a file ``name`` of ``folder`` holds, marshalled after :meth:`Folder.write_sealed`
    wrote it with ``magic``; empty when the file is missing, another's, or damaged (its digest:
    damaged data could load wrong, or make marshal fail with any error)."""
    body = folder.read_sealed(name, magic)
    if body is None:
        return {}
    try:
        entries = marshal.loads(body)
    except Exception:  # checked by its digest, so not expected; never the user's problem
        return {}
    return entries if isinstance(entries, dict) else {}


def write_marshalled(
    folder: Folder,
    name: str,
    magic: bytes,
    kept: dict[Any, Any],
    used: set[Any],
    new: dict[Any, Any],
    most: int,
) -> None:
    """The ``kept`` entries and the ``new`` ones as file ``name`` of ``folder``, marshalled
    and sealed with ``magic``: the ones this process ``used`` last, so that beyond ``most``
    entries the oldest-used go first. Nothing is written when marshal cannot write an entry
    (rather than fail)."""
    entries = {k: v for k, v in kept.items() if k not in used}
    entries.update((k, v) for k, v in kept.items() if k in used)
    entries.update(new)
    if len(entries) > most:
        entries = dict(list(entries.items())[-most:])
    try:
        data = marshal.dumps(entries)
    except ValueError:
        return
    folder.write_sealed(name, magic, data)


class Once:
    """A thing a command sets up once per process, whichever thread asks first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = False

    def first(self) -> bool:
        """True the first time only."""
        with self._lock:
            done, self._done = self._done, True
        return not done


def _seal(magic: bytes, name: str, body: bytes) -> bytes:
    return magic + name.encode() + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n"
