"""A part of the view composed when it is first read.

The invitation letters (a letter per invited country and allocation) took 40 % of composing
the Hague's view, and only the ``letters`` format reads them. :class:`Deferred` holds how to
compose such a part and composes it, once, when a document first reads it; before that it
costs nothing. It is a sequence like the tuple it stands for: it iterates, indexes, has a
length and compares equal to a tuple of the same items, in Python and in templates.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")


class Deferred(Sequence[T]):
    """The items ``make()`` returns, made when first needed (at most once)."""

    __slots__ = ("_items", "_lock", "_make")

    def __init__(self, make: Callable[[], Sequence[T]]) -> None:
        self._make: Callable[[], Sequence[T]] | None = make
        self._items: tuple[T, ...] = ()
        self._lock = threading.Lock()

    @property
    def items(self) -> tuple[T, ...]:
        """The composed items, as a tuple."""
        if self._make is not None:
            with self._lock:
                if self._make is not None:
                    self._items = tuple(self._make())
                    self._make = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deferred):
            return self.items == other.items
        if isinstance(other, tuple):
            return self.items == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return repr(self.items) if self._make is None else "Deferred(<not composed yet>)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.items,))
