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


def tune_for_a_command() -> None:
    """Set the collector for one run of the command line: fewer young collections, and no
    walk over every object at exit.

    At exit CPython collects everything twice, once after emptying ``sys.modules``
    (``finalize_modules``) and once when clearing the interpreter (``interpreter_clear``, both
    in ``Python/pylifecycle.c``); objects frozen by :func:`gc.freeze` sit in the permanent
    generation, which those collections leave alone. The freeze is an exit handler registered
    as the command starts, so it runs after the handlers of everything the command imported
    (the last registered runs first). Objects not in a cycle are still freed by reference
    counting; the memory of the rest goes back to the system with the process.
    """
    gc.set_threshold(COMMAND_THRESHOLD, *gc.get_threshold()[1:])
    atexit.unregister(gc.freeze)  # once, however often a command runs in this process
    atexit.register(gc.freeze)
