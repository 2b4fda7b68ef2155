"""What plugins provide: exporters (a format) and validators (a check), and the options an
exporter receives."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, runtime_checkable

from ..view import Audience

if TYPE_CHECKING:
    from ..findings import Finding
    from ..view import BilingualView, View

__all__ = [
    "Audience",
    "BilingualExporter",
    "ExportOptions",
    "Exporter",
    "Recipient",
    "RecipientExporter",
    "Validator",
    "audience_of",
    "is_per_recipient",
    "needs_registrations",
]


class ExportOptions(TypedDict, total=False):
    """Options every exporter receives; each key may be absent."""

    #: Locale of labels and dates (``en``, ``fr`` …); defaults to the event's.
    locale: str
    #: A user template file that replaces the exporter's default layout.
    template: str | None
    #: ``public`` leaves out fields marked internal; ``internal`` shows them. When the build
    #: gives none, each format has its own (:func:`audience_of`).
    audience: Audience
    #: When the build compares with a previous version: who tracked changes are attributed
    #: to (Word's review pane shows it), and False to build the documents without marks (an
    #: outline's changes section still lists the changes).
    author: str
    track_changes: bool
    #: The languages of the build: the locale alone, or two for a bilingual document (``("fr",
    #: "en")``: ``render_bilingual`` is called, and ``locale`` is the first).
    languages: tuple[str, ...]


@runtime_checkable
class Exporter(Protocol):
    """An output format.

    ``name`` is what ``--format`` takes (``md``); files are named ``<event id>.<suffix>``.
    ``render`` returns the whole file as bytes; it must not write files or print.

    An exporter whose documents go outside the organisation (letters, certificates, badges)
    may say ``audience = "public"``: a build that names no audience renders it without the
    fields marked internal (an internal mobile number in an invitation letter); one that asks
    for ``internal`` still gets them.
    """

    name: str
    suffix: str
    media_type: str
    description: str

    def render(self, view: View, options: ExportOptions) -> bytes: ...


class Recipient(Protocol):
    """Whom one document of a :class:`RecipientExporter` is for: a letter's country, a
    participant, a day. ``id`` names the file ``--each`` writes (``<event id>.<id>.<suffix>``),
    so it follows the one id rule (:func:`confdocs.model.id_problem`) and is unique among the
    format's recipients, case aside."""

    @property
    def id(self) -> str: ...


@runtime_checkable
class RecipientExporter(Protocol):
    """A format made of one document per recipient: a mail merge (letters, badges,
    certificates, a sheet per day).

    ``recipients(view)`` lists them (parts of the view, such as ``view.letters`` or
    ``view.registrants.badges``); ``render_recipients(view, recipients, options)`` returns
    one file holding the documents of ``recipients`` (a page or section each), which are some
    of those it listed, in its order. confdocs calls it once with all of them (the file
    ``<event id>.<suffix>``), or, with ``build --each``, once per recipient (a file
    ``<event id>.<recipient id>.<suffix>`` each). A format with no recipients writes nothing.

    Any exporter may also say ``needs_registrations = True``: it is left out of a build of
    every format without registrations, and asking for it without them is an input error.
    """

    name: str
    suffix: str
    media_type: str
    description: str

    def recipients(self, view: View) -> Sequence[Recipient]: ...

    def render_recipients(
        self, view: View, recipients: Sequence[Any], options: ExportOptions
    ) -> bytes: ...


def is_per_recipient(exporter: object) -> bool:
    """Is ``exporter`` a :class:`RecipientExporter` (a document per recipient)?"""
    return callable(getattr(exporter, "recipients", None)) and callable(
        getattr(exporter, "render_recipients", None)
    )


def audience_of(exporter: object, options: ExportOptions) -> Audience:
    """The audience ``exporter`` renders for: the build's, else the exporter's own
    (``audience = "public"`` for documents that go outside, such as letters), else
    ``internal``."""
    given = options.get("audience") or getattr(exporter, "audience", None) or "internal"
    # Anything but "internal" is public, as the audience filter reads it: a mistyped audience
    # ("Public") leaves the internal fields out rather than shows them.
    return "internal" if given == "internal" else "public"


def needs_registrations(exporter: object) -> bool:
    """Does ``exporter`` say it needs the registrations (``needs_registrations = True``)?"""
    return getattr(exporter, "needs_registrations", False) is True


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
