"""confdocs plugin ``json``: the whole event as JSON (format ``json``).

The file is the event's file form (what ``confdocs.dump_event(event, "json")`` gives: catalogs
merged in, defaults left out), so it loads back with ``confdocs.load_event`` into an equal event,
and it validates against ``confdocs schema``. With ``--audience public`` the fields people marked
internal (``mobile``, ``email`` …) are left out: the data is the view's ``file_form()``, made from
the same audience filter as every other format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import Exporter, ExportOptions, View

__version__ = "0.1.0"
__all__ = ["JsonExporter"]


class JsonExporter:
    name = "json"
    suffix = "json"
    media_type = "application/json"
    description = (
        "The whole event as JSON, valid against `confdocs schema`; loadable again beside the "
        "event file, whose folder its logos are named in"
    )

    def render(self, view: View, options: ExportOptions) -> bytes:
        import json

        text = json.dumps(view.file_form(), ensure_ascii=False, indent=2) + "\n"
        return text.encode("utf-8")


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(JsonExporter())
