"""confdocs plugin ``json``: the whole event as JSON (format ``json``).

The file is the event's file form (what ``confdocs.dump_event(event, "json")`` gives: catalogs
merged in, defaults left out), so it loads back with ``confdocs.load_event`` into an equal event,
and it validates against ``confdocs schema``. With ``--audience public`` the fields people marked
internal (``mobile``, ``email`` …) are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

import confdocs
from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import Exporter, ExportOptions, View
    from confdocs.model import Event, Person

__version__ = "0.1.0"
__all__ = ["JsonExporter", "public_event"]


class JsonExporter:
    name = "json"
    suffix = "json"
    media_type = "application/json"
    description = "The whole event as JSON, loadable again and valid against `confdocs schema`"

    def render(self, view: View, options: ExportOptions) -> bytes:
        event = view.event if view.audience == "internal" else public_event(view.event)
        return confdocs.dump_event(event, "json").encode("utf-8")


def public_event(event: Event) -> Event:
    """``event`` without the fields its people marked internal."""
    return attrs.evolve(event, people=tuple(_public(p) for p in event.people))


def _public(person: Person) -> Person:
    if not person.internal:
        return person
    # Only optional text fields can be marked internal (fields marked private in confdocs.model).
    fields = attrs.fields_dict(type(person))
    hidden: dict[str, Any] = {field: None for field in person.internal if field in fields}
    return attrs.evolve(person, **hidden, internal=frozenset())


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(JsonExporter())
