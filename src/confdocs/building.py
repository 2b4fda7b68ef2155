"""Building documents and running checks: the library's entry points.

::

    from confdocs import load_event, build, write_documents
    event = load_event("event.yaml")
    result = build(event, ["md", "html"])
    write_documents(result.documents, "out/")
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import ConfdocsError, PluginError
from .findings import Finding, Severity
from .output import staged
from .plugins import PluginFailure, PluginHost, get_plugin_manager
from .plugins.host import call_with_named
from .plugins.protocols import ExportOptions

if TYPE_CHECKING:
    from .diff import Change
    from .loading import Registrations, SourceMap
    from .model import Event
    from .view import View

#: Seconds an exporter may take before it is reported and skipped (``CONFDOCS_EXPORT_TIMEOUT``).
EXPORT_TIMEOUT = 120.0


@attrs.frozen
class Document:
    """One built file: its format, file name, media type and bytes."""

    format: str
    filename: str
    media_type: str
    data: bytes = attrs.field(repr=False)


@attrs.frozen
class BuildResult:
    documents: tuple[Document, ...]
    #: Plugins that failed, by name; the other formats were still built.
    failures: tuple[PluginFailure, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures


class UnknownFormatError(ConfdocsError):
    pass


def build(
    event: Event,
    formats: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    plugins: PluginHost | None = None,
    previous: Event | None = None,
) -> BuildResult:
    """Render ``event`` in ``formats`` (every installed format when None).

    With ``previous`` (the previous version of the event) the view says what changed, and
    formats that can show changes show them (see :func:`prepare_view`). An exporter that
    raises, returns something other than bytes or takes too long is reported in ``failures``
    by plugin name; the others still build.
    """
    if isinstance(formats, str):
        raise UnknownFormatError(
            f"formats is a list of format names, not the text {formats!r}: "
            f"write build(event, [{formats!r}])"
        )
    host = plugins or get_plugin_manager()
    exporters = host.exporters()
    names = list(formats) if formats else sorted(exporters)
    unknown = [n for n in names if n not in exporters]
    if unknown:
        known = ", ".join(sorted(exporters)) or "none"
        raise UnknownFormatError(f"unknown format {unknown[0]!r}; installed formats: {known}")
    opts: ExportOptions = dict(options or {})  # type: ignore[assignment]
    view = prepare_view(event, opts, host, previous)
    documents = []
    failures: list[PluginFailure] = []
    timeout = float(os.environ.get("CONFDOCS_EXPORT_TIMEOUT", EXPORT_TIMEOUT))
    for name in dict.fromkeys(names):
        provided = exporters[name]
        try:
            data = _render(provided.item, view, opts, timeout)
        except PluginError as exc:
            failures.append(PluginFailure(provided.plugin, f"format {name!r}: {exc.args[0]}"))
            continue
        documents.append(
            Document(name, f"{event.id}.{provided.item.suffix}", provided.item.media_type, data)
        )
    return BuildResult(tuple(documents), tuple(host.failures) + tuple(failures))


def prepare_view(
    event: Event,
    options: ExportOptions | None = None,
    plugins: PluginHost | None = None,
    previous: Event | None = None,
) -> View:
    """The view a build renders: the core's view of ``event`` for ``options`` (locale,
    audience), with the labels plugins give (``confdocs_labels``) and what they add to
    ``extra`` (``confdocs_extend_view``, called with the event as the audience may see it).

    With ``previous``, the view also says what changed since that version: ``view.changes``
    (the list, which an outline's ``changes: true`` section shows) and, unless
    ``options["track_changes"]`` is False, ``view.tracked`` (the document with every
    difference marked, which the formats that can show changes render)."""
    if previous is None:
        return _plain_view(event, options, plugins)
    return compare(previous, event, options, plugins).view


def _plain_view(
    event: Event, options: ExportOptions | None, plugins: PluginHost | None
) -> View:
    from .view import check_locale, for_audience, make_view

    host = plugins or get_plugin_manager()
    opts = options or {}
    audience = opts.get("audience", "internal")
    locale = check_locale(opts.get("locale") or event.settings.locale)
    view = make_view(event, locale, audience, host.labels(locale))
    extra = host.extend_view(event=for_audience(event, audience), view=view)
    return attrs.evolve(view, extra=extra) if extra else view


@attrs.frozen
class Comparison:
    """Two versions compared: every change (the core's, then the plugins'), and the new
    version's view with ``changes`` (each change in words, in the same order) and
    ``tracked``."""

    changes: tuple[Change, ...]
    view: View

    @property
    def equal(self) -> bool:
        return not self.changes


def compare(
    previous: Event,
    event: Event,
    options: ExportOptions | None = None,
    plugins: PluginHost | None = None,
) -> Comparison:
    """What changed from ``previous`` to ``event``, for the locale and audience of
    ``options``: the changes the core finds and those plugins find (``confdocs_diff``), and
    the view that shows them."""
    from .diff import DEFAULT_AUTHOR, changes_between, compose
    from .view import for_audience

    host = plugins or get_plugin_manager()
    opts: ExportOptions = dict(options or {})  # type: ignore[assignment]
    audience = opts.get("audience", "internal")
    old_view = _plain_view(previous, opts, host)
    new_view = _plain_view(event, opts, host)
    found = changes_between(previous, event, audience)
    found += host.diff(
        old=for_audience(previous, audience),
        new=for_audience(event, audience),
        old_view=old_view,
        new_view=new_view,
    )
    view = compose(
        previous,
        event,
        old_view,
        new_view,
        found,
        author=opts.get("author") or DEFAULT_AUTHOR,
        track=opts.get("track_changes", True),
    )
    return Comparison(tuple(found), view)


def _render(exporter: Any, view: Any, options: ExportOptions, timeout: float) -> bytes:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["data"] = exporter.render(view, dict(options))
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=f"confdocs-export-{exporter.name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise PluginError(exporter.name, f"took longer than {timeout:g} s and was abandoned")
    if "error" in outcome:
        exc = outcome["error"]
        if isinstance(exc, ConfdocsError) and not isinstance(exc, PluginError):
            raise exc
        raise PluginError(exporter.name, f"raised {type(exc).__name__}: {exc}")
    data = outcome.get("data")
    if not isinstance(data, bytes):
        raise PluginError(exporter.name, f"render() returned {type(data).__name__}, not bytes")
    return data


def write_documents(
    documents: Iterable[Document], output_dir: str | os.PathLike[str]
) -> list[Path]:
    """Write documents into ``output_dir`` atomically: all of them, or none."""
    folder = Path(output_dir)
    targets = [(folder / doc.filename, doc.data) for doc in documents]
    with staged(targets) as paths:
        pass
    return paths


def check(
    event: Event,
    registrations: Registrations | None = None,
    plugins: PluginHost | None = None,
    sources: SourceMap | None = None,
) -> list[Finding]:
    """Run every validator; findings sorted by severity, with file and line where known.

    For an event read by ``load_event``, findings carry the file and line of their path
    (``sources`` names them for an event made otherwise). A validator that raises is
    reported as an error finding ``plugin.failed`` naming it.
    """
    from .loading import sources_of
    from .view import timeline

    host = plugins or get_plugin_manager()
    sources = sources or sources_of(event)
    laid_out = timeline(event)
    findings: list[Finding] = []
    for name, provided in host.validators().items():
        try:
            found = call_with_named(
                provided.item.validate,
                event=event,
                registrations=registrations,
                timeline=laid_out,
            )
            for finding in found:
                if not isinstance(finding, Finding):
                    raise TypeError(f"validate() yielded {type(finding).__name__}, not Finding")
                findings.append(_place(attrs.evolve(finding, validator=name), sources))
        except Exception as exc:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "plugin.failed",
                    f"validator {name!r} of plugin {provided.plugin!r} failed: "
                    f"{type(exc).__name__}: {exc}",
                    validator=name,
                )
            )
    for failure in host.failures:
        findings.append(Finding(Severity.WARNING, "plugin.failed", str(failure)))
    return sorted(findings, key=lambda f: (f.severity.rank, f.file or "", f.line or 0, f.code))


def _place(finding: Finding, sources: SourceMap | None) -> Finding:
    if finding.file is not None or sources is None or not finding.path:
        return finding
    if finding.path.startswith("registrations"):
        return finding
    where = sources.locate(finding.path)
    return attrs.evolve(finding, file=where.file, line=where.line, column=where.column)
