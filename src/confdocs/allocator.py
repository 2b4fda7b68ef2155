"""The C allocator, set for a command that renders documents.

A large document is rendered in a worker thread (:func:`confdocs.building.render`), whose
memory glibc's malloc takes from heaps of 64 MB of their own. Left as it is, malloc gives a
heap's free top back to the system as soon as it is 128 kB, and a heap that empties goes
whole, so the render's memory comes fresh from the system again and again while its trees and
texts are made and freed: every page of it a fault, the kernel zeroing it. At 10,000 slots the
Word render took some 100,000 faults (0.45 s of system time, a seventh of the render) against
34,000 at 5,000 slots, which made it grow 2.3 times for twice the slots. Keeping up to one
heap's worth free (``M_TOP_PAD``) takes that to about 30,000 and 0.06 s (13,000 at 5,000
slots); the process keeps its peak memory until it exits, which for ``serve`` is the memory of
its next rebuild.

Like the garbage collector's setting (:mod:`confdocs.collector`), this is the command's, not
the library's: a program that imports confdocs keeps its allocator as it set it.
"""

from __future__ import annotations

import os

#: glibc's ``M_TOP_PAD`` (malloc.h), and what it is set to: a thread's heap, whole (glibc's
#: ``HEAP_MAX_SIZE`` on 64-bit systems).
M_TOP_PAD = -2
TOP_PAD = 64 * 1024 * 1024

#: Whether the allocator is set at the first render (by :func:`tune_for_a_command`).
_wanted = False


def tune_for_a_command() -> None:
    """Have the allocator keep freed memory from the command's first render on (not before:
    commands that render nothing do not pay for loading ctypes)."""
    global _wanted
    _wanted = True


def before_rendering() -> bool:
    """Called before each render: the first time, in a command, set glibc's malloc to keep up
    to :data:`TOP_PAD` free at the top of each heap; nothing on other C libraries. Whether it
    was set now."""
    global _wanted
    if not _wanted:
        return False
    _wanted = False
    if not _is_glibc():
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # pragma: no cover - glibc always has it
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_TOP_PAD, TOP_PAD))


def _is_glibc() -> bool:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (AttributeError, ValueError, OSError):
        return False
