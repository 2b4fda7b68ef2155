"""The programs of regular expressions, compiled once and kept in the cache folder.

The libraries a command imports compile their regular expressions as they are imported:
PyYAML's scanner and reader, markdown-it's rules, Jinja's lexer, Babel, python-docx, ours.
Python compiles each pattern into a program for its matching engine in Python code
(``re._parser`` and ``re._compiler``), and that took about 30 ms of a cold ``confdocs build``
of the Hague example in docx, html and md; PyYAML's one pattern of printable characters alone
took 5 ms. The programs are the same from one run to the next. :func:`keep_compiled_patterns`
keeps them in ``$XDG_CACHE_HOME/confdocs/patterns`` (one file for this build of Python), and
the next command makes each pattern from its kept program instead of compiling it. The engine
checks that a program is well formed, not that it is the pattern's: what keeps the file right
is the folder's checks (the user's own, written by nobody else), as for the kept code.
Patterns confdocs' own code makes as it runs are not kept: they may be made of an event's or
a registration's words (a registrant's name, escaped); the libraries' are their constants.

How: ``re`` compiles a pattern it has not cached through ``re._compiler.compile``, which
ends by handing the program to ``_sre.compile``. Both are private to ``re`` (and the same in
Python 3.11 to 3.13), so ``re._compiler.compile`` is replaced for the command only (the
library, imported by other programs, is left alone) and only when it is where it is
expected, by a function that makes a ``(pattern, flags)`` it knows from the kept program,
and otherwise has the pattern compiled as ever, noting the program ``_sre.compile`` is given
(in the thread that compiles it, for that pattern only). Before a file is written, a pattern
of our own is made both ways and must come out equal (patterns compare by their programs).
The file's name is a digest of Python's build and its engine's version, so a program is
only ever taken by the Python that compiled it; a program the engine refuses is compiled
again.

The file is kept as :mod:`confdocs.generated_code` keeps its own: the checks of
:mod:`confdocs.cachefolder`, a digest of its body, at most :data:`MAX_ENTRIES` entries (the
oldest-used go first). It is rewritten only when compiling what it did not hold took
:data:`MIN_COMPILING` or more (see there), or the engine refused one of its programs.
``CONFDOCS_TEMPLATE_CACHE=off`` turns it off with the rest of the cache.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import sys
import threading
import time
from typing import Any

from .cachefolder import Folder, Once, cache_root, read_marshalled, write_marshalled

#: Entries kept in the file; the ones the last commands did not use go first beyond this.
MAX_ENTRIES = 600
#: New entries one command notes at the most (the rest are compiled as ever).
MAX_NEW = 400
#: Seconds of compiling patterns the file did not hold that make a command rewrite it. Some
#: libraries build a pattern from a set, so its text changes with each process's string hashing
#: (markdown-it's inline terminators, Babel's plural rules): those few take under a
#: millisecond, about what rewriting the file takes, so they alone do not rewrite it.
MIN_COMPILING = 0.005
#: How the file starts; its name, the digest of the rest and a marshalled dict follow.
MAGIC = b"confdocs-patterns-1\n"
#: A pattern of our own, made both ways before anything is kept.
_PROBE = (r"(?P<word>[\w\u0600-\u06ff]+)\s*(?:,|;)?(?i:é+)|\d{2,4}$", 0)

#: (pattern, flags) → what ``_sre.compile`` takes after the pattern.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str | bytes, int]
#: A pattern compiled with re.DEBUG prints its program: compiled as ever.
_DEBUG = int(re.DEBUG)

_ONCE = Once()


def keep_compiled_patterns() -> None:
    """Make regular expressions from the programs kept in the cache folder, and keep the new
    ones for the next process (see the module's text). For the command line, once per
    process; does nothing when the cache is off, its folder cannot be used safely, or
    ``re``'s private functions are not as expected."""
    if not _ONCE.first():
        return
    # Both imported with re, and private to it (no stubs).
    compiler, sre = sys.modules.get("re._compiler"), sys.modules.get("_sre")
    original = getattr(compiler, "compile", None)
    if sre is None or original is None or getattr(compiler, "_sre", None) is not sre:
        return
    root = cache_root()
    if root is None:
        return
    kept_programs = _Programs(original, compiler, sre)
    folder = Folder(root / "patterns", max_entries=4)
    if folder.refused:
        return
    name = _file_name(sre)
    kept_programs.kept = _read(folder, name)
    # ``re`` keeps its own cache in front of this: a pattern used again is not looked up.
    setattr(compiler, "compile", kept_programs.compile)  # noqa: B010  (no stubs)
    atexit.register(kept_programs.save, folder, name)


class _Programs:
    """``re._compiler.compile`` taking kept programs; noting the ones it compiles."""

    def __init__(self, original: Any, compiler: Any, sre: Any) -> None:
        self.original = original
        self.compiler = compiler
        self.sre = sre
        self.kept: dict[Key, Program] = {}
        self.new: dict[Key, Program] = {}
        self.used: set[Key] = set()
        #: Seconds spent compiling the patterns not kept.
        self.compiling = 0.0
        #: Whether the engine refused a kept program (a damaged file, sealed again).
        self.refused = False
        self.local = threading.local()

    def compile(self, p: Any, flags: int = 0) -> Any:
        if type(p) not in (str, bytes) or type(flags) is not int or flags & _DEBUG:
            return self.original(p, flags)
        key = (p, flags)
        program = self.kept.get(key) or self.new.get(key)
        if program is not None:
            try:
                made = self.sre.compile(p, *program)
            except Exception:  # not this engine's: compiled as ever, and the file rewritten
                self.kept.pop(key, None)
                self.refused = True
            else:
                self.used.add(key)
                return made
        if len(self.new) >= MAX_NEW or _made_from_data(sys._getframe(1)):
            return self.original(p, flags)  # not noted: it may hold data
        return self._compiled(key)

    def _compiled(self, key: Key) -> Any:
        """``key``'s pattern compiled by ``re``, its program noted."""
        self.local.pending = key
        self.compiler._sre = _Noting(self, key)
        start = time.perf_counter()
        try:
            return self.original(*key)
        finally:
            self.compiler._sre = self.sre
            self.local.pending = None
            self.compiling += time.perf_counter() - start

    def noted(self, key: Key, arguments: tuple[Any, ...]) -> None:
        pattern, flags, code, groups, groupindex, indexgroup = arguments
        if getattr(self.local, "pending", None) != key or pattern != key[0]:
            return  # another thread's pattern, made while this one swapped _sre
        if type(code) is list and type(groupindex) is dict:
            # The opcodes are ints of a subclass of re's own, which marshal does not write.
            program = (int(flags), [int(c) for c in code], int(groups), dict(groupindex))
            self.new[key] = (*program, tuple(indexgroup))

    def agrees(self, pattern: str, flags: int) -> bool:
        """Whether a pattern made from the program noted while compiling it equals the one
        compiled (Pattern equality compares the programs)."""
        try:
            compiled = self._compiled((pattern, flags))
            program = self.new.pop((pattern, flags))
            return bool(self.sre.compile(pattern, *program) == compiled)
        except Exception:  # re's private functions are not as expected: keep nothing
            return False

    def save(self, folder: Folder, name: str) -> None:
        """At exit, when something new was compiled: the kept programs and the new ones, the
        ones this process used last."""
        if not self.new or (self.kept and self.compiling < MIN_COMPILING and not self.refused):
            return
        if not self.agrees(*_PROBE):  # re's private functions are not as they were
            return
        # Copies: a thread of serve's may still be compiling (dict.copy is atomic).
        kept, used, new = self.kept.copy(), self.used.copy(), self.new.copy()
        write_marshalled(folder, name, MAGIC, kept, used, new, MAX_ENTRIES)


#: Modules between a pattern's compiling and the code that asked for it.
_BETWEEN = frozenset({"re", "re._compiler", "functools", __name__})


def _made_from_data(frame: Any) -> bool:
    """Whether the pattern being compiled was asked for by confdocs' own code as it runs (not
    as a module is imported): such a pattern may be made of an event's or a registration's
    words (a registrant's name, escaped), which the cache folder must not keep. Libraries'
    patterns made as they run (Jinja's lexer) are their own constants and are kept."""
    while frame is not None and frame.f_globals.get("__name__") in _BETWEEN:
        frame = frame.f_back
    if frame is None:
        return False
    module = str(frame.f_globals.get("__name__", ""))
    return module.startswith("confdocs") and frame.f_code.co_name != "<module>"


class _Noting:
    """Stands for ``_sre`` in ``re._compiler`` while one pattern is compiled: passes every
    name through, and notes the program ``compile`` is given."""

    def __init__(self, programs: _Programs, key: Key) -> None:
        self._programs = programs
        self._key = key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._programs.sre, name)

    def compile(self, *arguments: Any) -> Any:
        made = self._programs.sre.compile(*arguments)
        if len(arguments) == 6:
            self._programs.noted(self._key, arguments)
        return made


def _file_name(sre: Any) -> str:
    """The file's name: a digest of this Python's build and of its matching engine."""
    stamps = [sys.version, sys.implementation.cache_tag, sre.MAGIC, sre.CODESIZE, sre.MAXREPEAT]
    return "patterns-" + hashlib.blake2b(repr(stamps).encode(), digest_size=16).hexdigest()


def _read(folder: Folder, name: str) -> dict[Key, Program]:
    """The kept programs; none when the file is missing, not this one's, or damaged."""
    entries = read_marshalled(folder, name, MAGIC)
    return {key: program for key, program in entries.items() if _well_formed(key, program)}


def _well_formed(key: Any, program: Any) -> bool:
    return (
        type(key) is tuple
        and len(key) == 2
        and type(key[0]) in (str, bytes)
        and type(key[1]) is int
        and type(program) is tuple
        and len(program) == 5
        and type(program[0]) is int
        and type(program[1]) is list
        and type(program[2]) is int
        and type(program[3]) is dict
        and type(program[4]) is tuple
    )
