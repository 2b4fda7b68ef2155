"""Building documents and running checks: the library's entry points.

::

    from confdocs import load_event, build, write_documents
    event = load_event("event.yaml")
    result = build(event, ["md", "html"])
    write_documents(result.documents, "out/")
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import ConfdocsError, InputError, PluginError
from .findings import Finding, Severity
from .limits import CHECK_SECONDS, EXPORT_SECONDS
from .output import confined, staged
from .plugins import PluginFailure, PluginHost, get_plugin_manager
from .plugins.isolation import (
    Raised,
    TimedOut,
    attributed,
    exporter_error,
    run_isolated,
    run_validator,
)
from .plugins.protocols import ExportOptions
from .view.bilingual import BilingualView

if TYPE_CHECKING:
    from .loading import Registrations, SourceMap
    from .model import Event
    from .view import View

#: Seconds an exporter may take before it is reported and skipped (``CONFDOCS_EXPORT_TIMEOUT``).
EXPORT_TIMEOUT = float(EXPORT_SECONDS.default)


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
    #: What the documents do that the user should know of, placed in the event's files: each
    #: prose text shown in the default language for want of one in the document's
    #: (``languages.fallback``), and a document in a language the event is not written in.
    warnings: tuple[Finding, ...] = ()

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
) -> BuildResult:
    """Render ``event`` in ``formats`` (every installed format when None).

    An exporter that raises, returns something other than bytes or takes too long is
    reported in ``failures`` by plugin name; the others still build. An exporter that raises
    :class:`InputError` stops the build with it, its problems naming the format and plugin;
    a user's template (``options["template"]``) that fails is an :class:`InputError` placed
    in that file.
    """
    if isinstance(formats, str):
        raise UnknownFormatError(
            f"formats is a list of format names, not the text {formats!r}: "
            f"write build(event, [{formats!r}])"
        )
    host = plugins or get_plugin_manager()
    exporters = host.exporters()
    opts = build_options(options)
    languages = opts.get("languages", ())
    bilingual = len(languages) == 2
    if bilingual and not formats:
        names = sorted(n for n, p in exporters.items() if makes_bilingual(p.item))
    else:
        names = list(formats) if formats else sorted(exporters)
    unknown = [n for n in names if n not in exporters]
    if unknown:
        known = ", ".join(sorted(exporters)) or "none"
        raise UnknownFormatError(f"unknown format {unknown[0]!r}; installed formats: {known}")
    if bilingual:
        single = [n for n in names if not makes_bilingual(exporters[n].item)]
        if single:
            able = ", ".join(n for n, p in sorted(exporters.items()) if makes_bilingual(p.item))
            raise UnknownFormatError(
                f"format {single[0]!r} makes no bilingual document; build it in one language "
                f"(--locale {languages[0]}), or ask for a format that does: {able or 'none'}"
            )
    view: View | BilingualView
    views: tuple[View, ...]
    if bilingual:
        view = prepare_bilingual_view(event, opts, host)
        views = view.views
    else:
        view = prepare_view(event, opts, host)
        views = (view,)
    documents = []
    failures: list[PluginFailure] = []
    timeout = float(EXPORT_SECONDS.value())
    for name in dict.fromkeys(names):
        provided = exporters[name]
        try:
            data = _render(provided.item, view, opts, timeout)
        except PluginError as exc:
            failures.append(PluginFailure(provided.plugin, f"format {name!r}: {exc.args[0]}"))
            continue
        except InputError as exc:  # the input is wrong, says the exporter: named, exit 2
            raise attributed(exc, name, provided.plugin, opts.get("template")) from None
        locales = tuple(v.locale for v in views)
        documents.append(
            Document(
                name, file_name(event, locales, provided.item.suffix), provided.item.media_type,
                data,
            )
        )
    warnings = tuple(w for v in views for w in language_warnings(event, v))
    return BuildResult(tuple(documents), tuple(host.failures) + tuple(failures), warnings)


def build_options(options: ExportOptions | None) -> ExportOptions:
    """``options`` with the build's ``languages``: one locale, or two for a bilingual build
    (``{"locale": "fr+en"}`` or ``{"languages": ["fr", "en"]}``); ``locale`` is the first
    (or the one of them it names: the language of one view of a bilingual build)."""
    opts: ExportOptions = dict(options or {})  # type: ignore[assignment]
    given = opts.get("languages") or ()
    if isinstance(given, str):
        given = (given,)
    locale = opts.get("locale")
    if not given and locale:
        given = tuple(part.strip() for part in locale.split("+"))
    if not given:
        return opts
    if len(given) > 2 or any(not part for part in given):
        raise ConfdocsError(
            f"{'+'.join(given)!r}: a document is in one language (fr) or two side by side (fr+en)"
        )
    if len(given) == 2 and given[0] == given[1]:
        raise ConfdocsError(f"{'+'.join(given)!r}: a bilingual document needs two languages")
    opts["languages"] = tuple(given)
    # A view of a bilingual build is in one of its languages; else the build's is the first.
    opts["locale"] = locale if locale in given else given[0]
    return opts


def makes_bilingual(exporter: Any) -> bool:
    """Does ``exporter`` make bilingual documents (``render_bilingual``)?"""
    return callable(getattr(exporter, "render_bilingual", None))


def file_name(event: Event, locale: str | tuple[str, ...], suffix: str) -> str:
    """``<id>.<suffix>`` in the event's own locale, ``<id>.<locale>.<suffix>`` in another
    (``hague-2019.fr.html``, ``hague-2019.pt-BR.docx``), ``<id>.<first>.<second>.<suffix>``
    for a bilingual document (``tunis-2025.fr.ar.docx``), so that a build in one language or
    two never overwrites another's."""
    locales = (locale,) if isinstance(locale, str) else locale
    if locales == (event.settings.locale,):
        return f"{event.id}.{suffix}"
    tags = ".".join(x.replace("_", "-") for x in locales)
    return f"{event.id}.{tags}.{suffix}"


def prepare_view(
    event: Event, options: ExportOptions | None = None, plugins: PluginHost | None = None
) -> View:
    """The view a build renders: the core's view of ``event`` for ``options`` (locale,
    audience), with the labels plugins give (``confdocs_labels``) and what they add to
    ``extra`` (``confdocs_extend_view``, called with the event as the audience may see it)."""
    from .view import MissingLabelsError, check_locale, for_audience, make_view

    host = plugins or get_plugin_manager()
    opts = build_options(options)
    audience = opts.get("audience", "internal")
    locale = check_locale(opts.get("locale") or event.settings.locale)
    languages = tuple(opts.get("languages") or (locale,))
    try:
        view = make_view(event, locale, audience, host.labels(locale))
    except MissingLabelsError as exc:
        if opts.get("locale"):
            raise
        # The event's own locale: point at where the file says it.
        raise _at_settings_locale(event, str(exc)) from None
    issued = source_date()
    if issued is not None:
        view = attrs.evolve(view, issued=issued)
    extra = host.extend_view(event=for_audience(event, audience), view=view, languages=languages)
    return attrs.evolve(view, extra=extra) if extra else view


def prepare_bilingual_view(
    event: Event, options: ExportOptions | None = None, plugins: PluginHost | None = None
) -> BilingualView:
    """The bilingual view a build in two languages renders (``options["languages"]``, or a
    ``locale`` such as ``fr+en``): a view in each language as :func:`prepare_view` makes it,
    aligned (``confdocs.view.bilingual_view``)."""
    from .view import bilingual_view

    opts = build_options(options)
    languages = opts.get("languages", ())
    if len(languages) != 2:
        raise ConfdocsError("a bilingual view needs two languages, such as fr+en")
    left, right = (prepare_view(event, {**opts, "locale": x}, plugins) for x in languages)
    return bilingual_view(left, right)


def language_warnings(event: Event, view: View) -> list[Finding]:
    """What a build in ``view``'s language says of the event's texts: a warning for each prose
    text it shows in the default language (``languages.fallback``, at the text's place), or one
    when the event is not written in that language at all (``languages.not-written-in``)."""
    from .loading import sources_of
    from .model.codes import language_name

    declared = event.settings.languages
    if not declared:
        return []
    default = declared[0]

    def named(code: str) -> str:
        return f"{language_name(code.split('_')[0])} ({code})"

    document = view.locale
    if view.text_language == default and view.language.split("-")[0] != default.split("_")[0]:
        return [
            Finding(
                Severity.WARNING,
                "languages.not-written-in",
                f"the event is not written in {named(document)} (settings.languages: "
                f"{', '.join(declared)}): its texts are in {named(default)}",
                path="settings.languages",
            )
        ]
    sources = sources_of(event)
    return [
        _place(
            Finding(
                Severity.WARNING,
                "languages.fallback",
                f"shown in {named(default)}, having no {named(view.text_language)} text",
                path=path,
            ),
            sources,
        )
        for path in view.fallbacks
    ]


def source_date() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org) as a time in UTC, when it is set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfdocsError(
            f"SOURCE_DATE_EPOCH={value!r} is not a time: write whole seconds since 1970"
        ) from None


def _at_settings_locale(event: Event, message: str) -> ConfdocsError:
    from .errors import InputError, Problem
    from .loading import sources_of

    sources = sources_of(event)
    if sources is None:
        return ConfdocsError(message)
    return InputError(Problem(message, sources.locate("settings.locale")))


def _render(exporter: Any, view: Any, options: ExportOptions, timeout: float) -> bytes:
    render = exporter.render_bilingual if isinstance(view, BilingualView) else exporter.render
    try:
        data = run_isolated(
            lambda: render(view, dict(options)),
            timeout,
            f"confdocs-export-{exporter.name}",
        )
    except TimedOut as exc:
        raise PluginError(exporter.name, str(exc)) from None
    except Raised as exc:
        raise exporter_error(exc.error, exporter.name, options.get("template")) from None
    if not isinstance(data, bytes):
        raise PluginError(exporter.name, f"render() returned {type(data).__name__}, not bytes")
    return data


def write_documents(
    documents: Iterable[Document], output_dir: str | os.PathLike[str]
) -> list[Path]:
    """Write documents into ``output_dir`` atomically: all of them, or none.

    A file name that is not a portable file name, or that would not stand directly inside
    ``output_dir``, and any failure of the file system, is an :class:`~confdocs.output.OutputError`.
    """
    documents = list(documents)
    paths = confined(Path(output_dir), [doc.filename for doc in documents])
    with staged(list(zip(paths, (doc.data for doc in documents), strict=True))) as paths:
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
    (``sources`` names them for an event made otherwise). A validator is called with the
    arguments it names of ``event``, ``registrations`` and ``timeline``. A validator that
    raises (anything, SystemExit included), returns something other than findings or takes
    longer than ``CONFDOCS_CHECK_TIMEOUT`` is reported as an error finding ``plugin.failed``
    naming it; the other validators still run.
    """
    from .loading import sources_of
    from .view import timeline

    host = plugins or get_plugin_manager()
    sources = sources or sources_of(event)
    laid_out = timeline(event)
    findings: list[Finding] = [_place(f, sources) for f in _locale_findings(event, host)]
    timeout = float(CHECK_SECONDS.value())
    for name, provided in host.validators().items():
        arguments = {"event": event, "registrations": registrations, "timeline": laid_out}
        found = run_validator(name, provided.plugin, provided.item, arguments, timeout)
        findings.extend(_place(finding, sources) for finding in found)
    for failure in host.failures:
        findings.append(Finding(Severity.WARNING, "plugin.failed", str(failure)))
    return sorted(findings, key=lambda f: (f.severity.rank, f.file or "", f.line or 0, f.code))


def _locale_findings(event: Event, host: PluginHost) -> list[Finding]:
    """The event's locale, and each language it is written in, must have all their labels: a
    build in it would refuse it."""
    from .view import check_locale, missing_labels
    from .view.labels import missing_labels_message

    places = [("settings.locale", event.settings.locale)]
    places += [
        (f"settings.languages[{i}]", language)
        for i, language in enumerate(event.settings.languages)
        if i > 0 or language != event.settings.locale
    ]
    findings = []
    for path, locale in places:
        try:
            check_locale(locale)
        except ConfdocsError:
            continue  # loading reports a locale CLDR does not know
        missing = missing_labels(locale, host.labels(locale))
        if missing:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "locale.missing-labels",
                    missing_labels_message(locale, missing),
                    path=path,
                )
            )
    return findings


def _place(finding: Finding, sources: SourceMap | None) -> Finding:
    if finding.file is not None or sources is None or not finding.path:
        return finding
    if finding.path.startswith("registrations"):
        return finding
    where = sources.locate(finding.path)
    return attrs.evolve(finding, file=where.file, line=where.line, column=where.column)
