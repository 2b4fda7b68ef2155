"""Input files → the model: sources with positions, structuring with cattrs, references checked.

Every problem is an :class:`~confdocs.errors.InputError` whose problems carry file, line, column
and the path inside the document.
"""

from .events import (
    LoadedEvent,
    SourceMap,
    check_event,
    dump_event,
    load_event,
    load_event_with_sources,
    sources_of,
    structure_event,
)
from .registrations import Registration, Registrations, load_registrations

__all__ = [
    "LoadedEvent",
    "Registration",
    "Registrations",
    "SourceMap",
    "check_event",
    "dump_event",
    "load_event",
    "load_event_with_sources",
    "load_registrations",
    "sources_of",
    "structure_event",
]
