"""Opening a user's file for reading: only a regular file, never anything that could block.

An event file, an included catalog, a registrations file or a template that is a named pipe
(FIFO), a device (``/dev/zero``, ``/dev/tty``), a socket or a folder is refused with one
message naming it, before it is opened: reading a pipe waits forever for a writer, and a device
never ends. The file is then opened without blocking and checked again, so one swapped in
meanwhile is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from ..display import shown
from ..errors import InputError, Location, Problem

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` cannot be read as a text file, or None (a regular one)."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file"


def refuse_special(path: Path, what: str, where: Location) -> None:
    """Raise an :class:`InputError` at ``where`` when ``path`` exists and is not a regular file
    (for an include, whose place is the line that names it)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the opening says so
    problem = kind_problem(mode)
    if problem:
        raise InputError(Problem(f"{what} {shown(path.name)} {problem}", where))


def open_regular(path: Path, what: str = "file") -> BinaryIO:
    """``path`` opened for reading in binary; an :class:`InputError` naming the file when it is
    missing, unreadable or not a regular file."""
    name = str(path)
    try:
        problem = kind_problem(os.stat(path).st_mode)
        if problem:
            raise InputError.at(f"{what} {problem}", name)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError.at(f"{what} not found", name) from None
    except PermissionError:
        raise InputError.at(f"{what} cannot be read (permission denied)", name) from None
    except OSError as exc:
        raise InputError.at(f"{what} cannot be read: {exc.strerror}", name) from None
    problem = kind_problem(os.fstat(fd).st_mode)
    if problem:  # swapped since the check above
        os.close(fd)
        raise InputError.at(f"{what} {problem}", name)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")
