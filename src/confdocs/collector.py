"""The cyclic garbage collector, set for the work confdocs does.

confdocs builds large trees of small objects (parsed YAML, the model, the view, Word XML) that
hold few reference cycles, mostly in commands that last well under a second. Left as it is,
CPython's collector walks those trees again and again while they grow (what made loading and
the docx render grow faster than the event), and once more, over everything, at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator

#: Allocations between two collections of the youngest generation during a command; CPython's
#: default, 700, runs about a hundred collections in a cold build of the Hague example.
COMMAND_THRESHOLD = 10_000


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off for the block (reference counting still frees everything that
    is not in a cycle), and back as it was after it; nesting is fine."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Whether the collector waits for :func:`started` (set by :func:`tune_for_a_command`).
_waiting = False


def tune_for_a_command() -> None:
    """Set the collector for one run of the command line: none while the command starts,
    fewer young collections after it, and no walk over every object at exit.

    A command starts by importing its modules, its plugins and the formats' libraries, and
    by loading and building the first event: about a hundred thousand objects that live as
    long as the command, which each collection walked again (some twenty collections, 20 to
    25 ms of a 400 ms cold build of the Hague example; the one after a render, over the
    libraries it imported, 5.6 ms alone). The collector is off until :func:`started` says
    the start is over (``build`` after its first event, ``serve`` after its first build,
    ``check`` and ``diff`` once they have loaded theirs; any other command as it is found,
    and ``cli.main`` as it returns), and what is there then is frozen, out of every later
    collection. :mod:`confdocs.command`, the entry point, calls this before it imports the
    command line.

    At exit CPython collects everything twice, once after emptying ``sys.modules``
    (``finalize_modules``) and once when clearing the interpreter (``interpreter_clear``, both
    in ``Python/pylifecycle.c``); objects frozen by :func:`gc.freeze` sit in the permanent
    generation, which those collections leave alone. The freeze is an exit handler registered
    as the command starts, so it runs after the handlers of everything the command imported
    (the last registered runs first). Objects not in a cycle are still freed by reference
    counting; the memory of the rest goes back to the system with the process.
    """
    global _waiting
    gc.set_threshold(COMMAND_THRESHOLD, *gc.get_threshold()[1:])
    atexit.unregister(gc.freeze)  # once, however often a command runs in this process
    atexit.register(gc.freeze)
    if gc.isenabled():
        gc.disable()
        _waiting = True


def started() -> None:
    """The command has started (its modules, its plugins, the first event it loaded or
    built): what is there is frozen and the collector runs again, at the command's
    threshold, for what comes next (more events, ``serve``'s rebuilds). Once; nothing unless
    :func:`tune_for_a_command` was called, so the library alone leaves the collector as it
    finds it."""
    global _waiting
    if _waiting:
        _waiting = False
        gc.freeze()
        gc.enable()
