"""What an exporter plugin provides: a format name, a file suffix and a ``render`` method."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol, TypedDict, runtime_checkable

if TYPE_CHECKING:
    from ..view import View

Audience = Literal["public", "internal"]


class ExportOptions(TypedDict, total=False):
    """Options every exporter receives; each key may be absent."""

    #: Locale of labels and dates (``en``, ``fr`` …); defaults to the event's.
    locale: str
    #: A user template file that replaces the exporter's default layout.
    template: str | None
    #: ``public`` leaves out fields marked internal; ``internal`` shows them.
    audience: Audience


@runtime_checkable
class Exporter(Protocol):
    """An output format.

    ``name`` is what ``--format`` takes (``md``); files are named ``<event id>.<suffix>``.
    ``render`` returns the whole file as bytes; it must not write files or print.
    """

    name: str
    suffix: str
    media_type: str
    description: str

    def render(self, view: View, options: ExportOptions) -> bytes: ...
