"""What plugins provide: exporters (a format) and validators (a check), and the options an
exporter receives."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Protocol, TypedDict, runtime_checkable

from ..view import Audience

if TYPE_CHECKING:
    from ..findings import Finding
    from ..view import BilingualView, View

__all__ = ["Audience", "BilingualExporter", "ExportOptions", "Exporter", "Validator"]


class ExportOptions(TypedDict, total=False):
    """Options every exporter receives; each key may be absent."""

    #: Locale of labels and dates (``en``, ``fr`` …); defaults to the event's.
    locale: str
    #: A user template file that replaces the exporter's default layout.
    template: str | None
    #: ``public`` leaves out fields marked internal; ``internal`` shows them.
    audience: Audience
    #: The languages of the build: the locale alone, or two for a bilingual document (``("fr",
    #: "en")``: ``render_bilingual`` is called, and ``locale`` is the first).
    languages: tuple[str, ...]


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


@runtime_checkable
class BilingualExporter(Exporter, Protocol):
    """An output format that also makes bilingual documents (``--locale fr+en``):
    ``render_bilingual`` receives the two views aligned (:class:`confdocs.view.BilingualView`)
    and returns the whole file, as ``render`` does for one view."""

    def render_bilingual(self, view: BilingualView, options: ExportOptions) -> bytes: ...


@runtime_checkable
class Validator(Protocol):
    """A check. ``codes`` maps each code it may report to a one-line description.

    ``validate`` is called with the arguments it names, as pluggy calls a hook: any of
    ``event``, ``registrations`` (None without ``--registrations``) and ``timeline`` (the
    programme laid out in time, :class:`confdocs.view.Timeline`).
    """

    name: str
    codes: Mapping[str, str]
    @property
    def validate(self) -> Callable[..., Iterable[Finding]]:
        """``validate(event, registrations, timeline)``, taking any of them; yields findings."""
        ...
