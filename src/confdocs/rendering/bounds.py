"""What one template rendering may use: time, and text made along the way.

The sandbox (:mod:`confdocs.rendering.templating`) already refuses single operations that would
be huge (``'x' * 10**9``). A template can still grow a value step by step (``{% set s = s ~ s
%}`` over and over), make a million large values (``range(100000)|map('center', 999999)``) or
loop for hours. So, while a template compiles or renders, a *budget* per thread counts:

- every value an operation makes (a call, a filter, ``~``, ``+``, ``*``, ``%``, a captured
  block): one longer than :data:`~confdocs.limits.TEMPLATE_OUTPUT` is refused, and all of them
  together may not pass :data:`~confdocs.limits.TEMPLATE_TEXT` characters;
- time: every loop step, call and operation checks :data:`~confdocs.limits.TEMPLATE_SECONDS`.

Beyond a bound a :class:`TemplateLimitError` stops the template where it stands, so its line
is reported. The checks sit in the template itself (:func:`bounded_ast` wraps every ``~`` and
each ``for`` loop's items in a filter before Jinja compiles it), in the sandbox's hooks for
calls and operators, and in the environment's ``concat``, which joins every captured block; the
template class opens the budget when a rendering starts, so a template that docxtpl renders is
bounded too.
"""

from __future__ import annotations

import contextlib
import functools
import math
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from ..limits import TEMPLATE_OUTPUT, TEMPLATE_SECONDS, TEMPLATE_TEXT


@functools.cache
def limit_error_class() -> type[Exception]:
    from jinja2.exceptions import SecurityError

    class TemplateLimitError(SecurityError):
        """A template passed one of the bounds of a rendering."""

    return TemplateLimitError


def limit_error(message: str) -> Exception:
    return limit_error_class()(message)


class _Budget(threading.local):
    depth = 0
    deadline = math.inf
    seconds = 0.0
    made = 0
    largest = 0
    most = 0
    steps = 0


#: How many checks pass between two looks at the clock (each step is a loop item, a call or an
#: operation: far less than a millisecond apart).
CLOCK_EVERY = 64


_BUDGET = _Budget()


@contextlib.contextmanager
def budget() -> Iterator[None]:
    """Bound what runs inside: the outermost entry in a thread starts a new budget."""
    state = _BUDGET
    if state.depth == 0:
        state.seconds = float(TEMPLATE_SECONDS.value())
        state.deadline = time.monotonic() + state.seconds
        state.made = 0
        state.largest = int(TEMPLATE_OUTPUT.value())
        state.most = int(TEMPLATE_TEXT.value())
    state.depth += 1
    try:
        yield
    finally:
        state.depth -= 1


def tick() -> None:
    """Stop a template that has run longer than its time."""
    state = _BUDGET
    state.steps += 1
    if state.steps % CLOCK_EVERY == 0 and state.depth and time.monotonic() > state.deadline:
        raise limit_error(
            f"took longer than {state.seconds:g} s and was stopped "
            f"(set {TEMPLATE_SECONDS.env} to allow more)"
        )


#: What one item of a list, tuple or dict a template makes counts against the text budget:
#: each is an object of its own (a split's word is some fifty bytes before its letters), so
#: ``s.split()`` of a 16-million-word text held 8 GB where its count said 16 million.
ITEM_CHARACTERS = 32


def made(value: Any) -> Any:
    """Count ``value``, just made by an operation of a template; refuse one too large, or one
    that brings the text made so far past the budget (an item of a container counts as
    :data:`ITEM_CHARACTERS`). Returns ``value``."""
    state = _BUDGET
    if state.depth and isinstance(value, str | list | tuple | dict):
        size = len(value)
        if size > state.largest:
            raise limit_error(
                f"a value of {size:,} characters or items, more than the {state.largest:,} a "
                f"template may make (set {TEMPLATE_OUTPUT.env} to raise it)"
            )
        state.made += size if isinstance(value, str) else size * ITEM_CHARACTERS
        if state.made > state.most:
            raise limit_error(
                f"made more than {state.most:,} characters of text while rendering "
                f"(set {TEMPLATE_TEXT.env} to raise it)"
            )
    tick()
    return value


def refuse_growth(operation: str, subject: Any, args: tuple[Any, ...]) -> None:
    """Refuse, before it runs, an operation on a text whose result would be larger than a
    template may make (``s.replace('a', s)`` squares a string in one step; ``indent`` writes
    its width on every line), or that would take far longer than its size says (``wordwrap``
    cuts a long word one piece at a time, copying the rest each time)."""
    state = _BUDGET
    if not state.depth or not isinstance(subject, str):
        return
    if operation in _SPLITS:
        _refuse_items(operation, _split_items(operation, subject, args), state)
        return
    if operation == "wordwrap":
        _refuse_slow_wrap(subject, args, state)
        return
    size = 0
    if operation == "replace" and isinstance(subject, str) and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, str) and isinstance(new, str):
            times = subject.count(old) if old else len(subject) + 1
            if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
                times = min(times, args[2])
            size = len(subject) + times * (len(new) - len(old))
    elif operation == "join" and isinstance(subject, str) and args and hasattr(args[0], "__len__"):
        size = len(subject) * max(len(args[0]) - 1, 0)
    elif operation == "expandtabs" and isinstance(subject, str):
        tab = args[0] if args and isinstance(args[0], int) else 8
        size = len(subject) + subject.count("\t") * tab
    elif operation == "indent":
        width = args[0] if args else 4
        pad = width if isinstance(width, str) else " " * width if isinstance(width, int) else ""
        size = len(subject) + (subject.count("\n") + 1) * len(pad)
    if size > state.largest:
        raise limit_error(
            f"{operation} would make {size:,} characters, more than the {state.largest:,} a "
            f"template may make (set {TEMPLATE_OUTPUT.env} to raise it)"
        )


#: The methods and filters that cut a text into a list.
_SPLITS = frozenset({"split", "rsplit", "splitlines", "list"})


def _split_items(operation: str, subject: str, args: tuple[Any, ...]) -> int:
    """At most how many items cutting ``subject`` makes (counted without making them)."""
    if operation == "list":
        return len(subject)
    if operation == "splitlines":
        return subject.count("\n") + subject.count("\r") + 1
    separator = args[0] if args else None
    most = args[1] if len(args) > 1 and isinstance(args[1], int) and args[1] >= 0 else None
    if isinstance(separator, str) and separator:
        items = subject.count(separator) + 1
    else:  # words: each takes a letter and a space at least
        items = len(subject) // 2 + 1
    return min(items, most + 1) if most is not None else items


def _refuse_items(operation: str, items: int, state: _Budget) -> None:
    if items > state.largest or state.made + items * ITEM_CHARACTERS > state.most:
        raise limit_error(
            f"{operation} would make up to {items:,} items, more than a template may make "
            f"(each counts as {ITEM_CHARACTERS} characters of the {state.most:,}; set "
            f"{TEMPLATE_TEXT.env} to raise it)"
        )


#: Characters ``wordwrap`` may copy while it cuts long words (about a second's work).
WRAP_COPIES = 500_000_000


def _refuse_slow_wrap(subject: str, args: tuple[Any, ...], state: _Budget) -> None:
    width = args[0] if args and isinstance(args[0], int) else 79
    breaks = args[1] if len(args) > 1 else True
    if not breaks or width <= 0:
        return
    longest = max(map(len, subject.split()), default=0)
    copies = longest * longest // (2 * width)
    if copies > WRAP_COPIES:
        raise limit_error(
            f"wordwrap would cut a word of {longest:,} characters into pieces of {width}, "
            "which takes minutes; wrap shorter words or give a larger width"
        )


def joined(pieces: Iterable[str]) -> str:
    """``"".join(pieces)``, refusing before the result grows past the bound."""
    state = _BUDGET
    if not state.depth:
        return "".join(pieces)
    kept, size = [], 0
    for piece in pieces:
        size += len(piece)
        if size > state.largest:
            raise limit_error(
                f"a block of more than {state.largest:,} characters "
                f"(set {TEMPLATE_OUTPUT.env} to raise it)"
            )
        kept.append(piece)
    text = "".join(kept)
    made(text)
    return text


def ticking(iterable: Iterable[Any]) -> Iterator[Any]:
    """The items of a ``for`` loop, checking the time as they go."""
    for item in iterable:
        tick()
        yield item


#: The filters the parsed template is given around each ``~`` and each loop's items.
MADE_FILTER = "confdocs_made"
TICKING_FILTER = "confdocs_ticking"


def bounded_ast(tree: Any) -> Any:
    """``tree`` (a parsed template) with every ``~`` counted and every loop's items timed.

    Done on the syntax tree, before Jinja compiles it, with two filters that take the context
    (so Jinja never evaluates them at compile time)."""
    from jinja2 import nodes

    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, TICKING_FILTER, [], [], None, None, lineno=loop.lineno)
    # What a {% set %} block, a macro, a {% call %} or a {% filter %} writes is held until the
    # block ends: each {{ value }} in them is counted as it is written. (What the template
    # itself writes is counted by whoever reads its output.)
    held = (nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.FilterBlock)
    outputs = {id(o): o for block in tree.find_all(held) for o in block.find_all(nodes.Output)}
    for output in outputs.values():
        output.nodes = [
            n
            if isinstance(n, nodes.TemplateData)
            else nodes.Filter(n, MADE_FILTER, [], [], None, None, lineno=n.lineno)
            for n in output.nodes
        ]
    def counted(node: Any) -> Any:
        return nodes.Filter(node, MADE_FILTER, [], [], None, None, lineno=node.lineno)

    for parent in [tree, *tree.find_all(nodes.Node)]:
        for field, value in parent.iter_fields():
            if isinstance(value, nodes.Concat) and getattr(parent, "name", None) != MADE_FILTER:
                setattr(parent, field, counted(value))
            elif isinstance(value, list):
                value[:] = [counted(v) if isinstance(v, nodes.Concat) else v for v in value]
    return tree


def filters() -> dict[str, Any]:
    """The filters :func:`bounded_ast` uses, for the environment."""
    from jinja2 import pass_context

    @pass_context
    def confdocs_made(context: Any, value: Any) -> Any:
        return made(value)

    @pass_context
    def confdocs_ticking(context: Any, iterable: Any) -> Any:
        return ticking(iterable)

    return {MADE_FILTER: confdocs_made, TICKING_FILTER: confdocs_ticking}


@functools.cache
def template_class() -> type:
    from jinja2 import Template

    class BoundedTemplate(Template):
        """A template whose rendering runs within a budget."""

        def render(self, *args: Any, **kwargs: Any) -> str:
            with budget():
                return str(super().render(*args, **kwargs))

        def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
            with budget():
                yield from super().generate(*args, **kwargs)

    return BoundedTemplate
