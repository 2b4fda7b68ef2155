"""Footnote labels: ``[^1]``, or ``[^fr-1]`` in a bilingual document, where each language's
notes are its own (Markdown's footnote labels are document-wide)."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

_PREFIX: contextvars.ContextVar[str] = contextvars.ContextVar("confdocs_md_notes", default="")


def note_label(number: int) -> str:
    """The footnote reference to note ``number``."""
    return f"[^{_PREFIX.get()}{int(number)}]"


@contextlib.contextmanager
def labels_prefixed(prefix: str) -> Iterator[None]:
    """Footnote labels made meanwhile start with ``prefix`` (``fr-``)."""
    token = _PREFIX.set(prefix)
    try:
        yield
    finally:
        _PREFIX.reset(token)
