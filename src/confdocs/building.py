"""Building documents and running checks: the library's entry points.

::

    from confdocs import load_event, build, write_documents
    event = load_event("event.yaml")
    result = build(event, ["md", "html"])
    write_documents(result.documents, "out/")
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .allocator import before_rendering
from .collector import paused
from .display import shown
from .errors import ConfdocsError, InputError, PluginError
from .findings import Finding, Severity
from .limits import CHECK_SECONDS, EXPORT_SECONDS
from .model.names import id_problem
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
from .plugins.protocols import ExportOptions, audience_of, is_per_recipient, needs_registrations
from .view.bilingual import BilingualView

if TYPE_CHECKING:
    from .diff import Change
    from .loading import Registration, Registrations, SourceMap
    from .loading.registrations import RegistrationsError
    from .model import Event
    from .view import View
    from .view.times import Timeline

#: Seconds an exporter may take before it is reported and skipped (``CONFDOCS_EXPORT_TIMEOUT``).
EXPORT_TIMEOUT = float(EXPORT_SECONDS.default)


@attrs.frozen
class Document:
    """One built file: its format, file name, media type and bytes; for a format made per
    recipient and built with ``each``, the recipient it is for."""

    format: str
    filename: str
    media_type: str
    data: bytes = attrs.field(repr=False)
    recipient: str | None = None


#: Why a bilingual build of every format leaves a format out (``Skipped.reason``).
NOT_BILINGUAL = "makes no bilingual document"


@attrs.frozen
class Skipped:
    """A format that wrote nothing, and why (no registrations, no recipients)."""

    format: str
    reason: str

    def __str__(self) -> str:
        return f"format {self.format!r} {self.reason}"


@attrs.frozen
class BuildResult:
    documents: tuple[Document, ...]
    #: Plugins that failed, by name; the other formats were still built.
    failures: tuple[PluginFailure, ...] = ()
    #: Formats that had nothing to write.
    skipped: tuple[Skipped, ...] = ()
    #: What the documents do that the user should know of, placed in the event's files: each
    #: prose text shown in the default language for want of one in the document's
    #: (``languages.fallback``), and a document in a language the event is not written in.
    warnings: tuple[Finding, ...] = ()
    #: The registrations left out of the documents made of them (badges, certificates, the
    #: participant list …), each for an error a check found in it (``quota.seats-exceeded``,
    #: ``quota.not-invited`` …): those findings, placed at their rows.
    left_out: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures


class UnknownFormatError(ConfdocsError):
    pass


class MissingRegistrationsError(ConfdocsError):
    """A format that needs the registrations (``format``) was asked for without them."""

    def __init__(self, format: str) -> None:
        self.format = format
        made = f"format {format!r} is made from the registrations"
        super().__init__(f"{made}: give them (build(..., registrations=load_registrations(F)))")
        #: What the command line says instead.
        self.on_the_command_line = f"{made}: give them with --registrations FILE (-r FILE)"


def build(
    event: Event,
    formats: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    plugins: PluginHost | None = None,
    registrations: Registrations | None = None,
    each: bool = False,
    previous: Event | None = None,
) -> BuildResult:
    """Render ``event`` in ``formats`` (every installed format when None).

    ``registrations`` (from :func:`confdocs.load_registrations`) give the view its
    ``registrants`` part, which the participant list, the attendance sheets, the badges and
    the certificates are made of; without them those formats are left out of a build of every
    format (``skipped``), and asking for one is a :class:`MissingRegistrationsError`. A format
    made per recipient (:class:`~confdocs.plugins.protocols.RecipientExporter`) writes one
    file with a page per recipient, or with ``each`` one file per recipient,
    ``<event id>.<recipient id>.<suffix>``. With ``previous`` (the previous version of the
    event) the view says what changed, and formats that can show changes show them (see
    :func:`prepare_view`).

    An exporter that raises, returns something other than bytes or takes too long is
    reported in ``failures`` by plugin name; the others still build. An exporter that raises
    :class:`InputError` stops the build with it, its problems naming the format and plugin;
    a user's template (``options["template"]``) that fails is an :class:`InputError` placed
    in that file. A format asked for that no plugin provides is an
    :class:`UnknownFormatError`, unless the plugin known to provide it failed to load or
    register (it had that format refused, declares it, or is named as it: see
    :meth:`~confdocs.plugins.host.PluginHost.unavailable`): then it is a failure of that
    plugin (:class:`~confdocs.plugins.host.UnavailableFormat`), and the other formats still
    build.
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
    unknown = [n for n in dict.fromkeys(names) if n not in exporters]
    # A format missing because the plugin known to provide it failed is that plugin's
    # failure, and the other formats still build. Any other is a typo (or a plugin not
    # installed), the input's mistake, even while some plugin failed: nothing is built.
    why = {n: host.unavailable(n) for n in unknown}
    unavailable = [u for u in why.values() if u is not None]
    typos = [n for n, u in why.items() if u is None]
    if typos:
        known = ", ".join(sorted(exporters)) or "none"
        close = difflib.get_close_matches(typos[0], sorted(exporters), n=1)
        mean = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownFormatError(f"unknown format {typos[0]!r}{mean}; installed formats: {known}")
    names = [n for n in names if n in exporters]
    if bilingual:
        single = [n for n in names if not makes_bilingual(exporters[n].item)]
        if single:
            able = ", ".join(n for n, p in sorted(exporters.items()) if makes_bilingual(p.item))
            raise UnknownFormatError(
                f"format {single[0]!r} makes no bilingual document; build it in one language "
                f"(--locale {languages[0]}), or ask for a format that does: {able or 'none'}"
            )
        if previous is not None:
            raise ConfdocsError(
                "a bilingual document does not show changes: compare the versions in one "
                f"language (--locale {languages[0]})"
            )
    skipped: list[Skipped] = []
    if bilingual and not formats:  # every format asked for: those in one language are said
        skipped += [Skipped(n, NOT_BILINGUAL) for n in sorted(exporters) if n not in names]
    left_out: tuple[Finding, ...] = ()
    told: tuple[Finding, ...] = ()  # what the documents do with a participant's row
    if registrations is not None and any(needs_registrations(exporters[n].item) for n in names):
        given = registrations
        registrations, left_out = without_refused(
            registrations,
            check(event, registrations, host),
            lambda fewer: check(event, fewer, host),
        )
        if not bilingual:  # the certificates' language, as this build's view chooses it
            told = tuple(
                _told_of_rows(
                    event, given, host, opts.get("locale"), kept=registrations.rows
                )
            )
            if any(n.startswith("certificates") for n in names):
                told += tuple(
                    certificate_language_warnings(
                        event, registrations, host, opts.get("locale"), given
                    )
                )
    if registrations is None:
        wanting = [n for n in names if needs_registrations(exporters[n].item)]
        if formats and wanting:
            raise MissingRegistrationsError(wanting[0])
        skipped += [Skipped(n, "needs the registrations") for n in wanting]
        names = [n for n in names if n not in wanting]
    # One view per audience the formats render for: the build's, else each format's own
    # (letters and the other documents that go outside are public unless asked otherwise).
    by_audience: dict[str, list[str]] = {}
    for name in names:
        by_audience.setdefault(audience_of(exporters[name].item, opts), []).append(name)
    view_for = views_by_audience(event, opts, host, registrations, previous)
    results = [
        render_documents(event, view_for(audience), group, with_audience(opts, audience), host,
                         each)
        for audience, group in (by_audience or {audience_of(None, opts): []}).items()
    ]  # fmt: skip
    order = {name: n for n, name in enumerate(names)}
    return BuildResult(
        tuple(sorted((d for r in results for d in r.documents), key=lambda d: order[d.format])),
        tuple(dict.fromkeys([*unavailable, *(f for r in results for f in r.failures)])),
        (*skipped, *(s for r in results for s in r.skipped)),
        tuple(dict.fromkeys([*told, *(w for r in results for w in r.warnings)])),
        left_out,
    )


#: The registration a finding's path is in: ``registrations[4]`` or below it.
_REGISTRATION = re.compile(r"registrations\[(\d+)\](?:$|[.\[])")
#: Rows left out one by one, the checks run again after each, up to this many; the rows still
#: refused after that are left out together.
MOST_RECHECKS = 50


def without_refused(
    registrations: Registrations,
    findings: Iterable[Finding],
    recheck: Callable[[Registrations], Iterable[Finding]] | None = None,
) -> tuple[Registrations, tuple[Finding, ...]]:
    """The registrations the documents for participants are made of, and the errors of the
    rows left out: every row in which ``findings`` (of :func:`check`, with these
    registrations) have an error is left out. A delegation's third person where it has two
    seats, a country not invited, a role the rules do not know: a badge or certificate would
    print what the check refuses.

    With ``recheck`` (the checks of fewer registrations), rows are left out one at a time,
    in file order, and the checks run again after each: an error that only followed from a
    row left out (a second registration of a person whose first was refused, the one person
    too many that row made) goes with it, and its row stays."""
    rows = list(registrations.rows)
    positions = list(range(len(rows)))  # each kept row's place in ``registrations``
    left: list[Finding] = []
    found = list(findings)
    for _ in range(MOST_RECHECKS if recheck is not None else 0):
        refused = _refused(found, len(rows))
        if not refused:
            break
        first = min(refused)
        left.extend(_at_row(f, positions) for f in refused[first])
        del rows[first], positions[first]
        assert recheck is not None
        found = list(recheck(attrs.evolve(registrations, rows=tuple(rows))))
    refused = _refused(found, len(rows))
    for n in sorted(refused):
        left.extend(_at_row(f, positions) for f in refused[n])
    kept = tuple(row for n, row in enumerate(rows) if n not in refused)
    if not left:
        return registrations, ()
    return attrs.evolve(registrations, rows=kept), tuple(left)


def _refused(findings: Iterable[Finding], count: int) -> dict[int, list[Finding]]:
    """The errors placed in each of ``count`` rows, by row."""
    out: dict[int, list[Finding]] = {}
    for finding in findings:
        match = _REGISTRATION.match(finding.path)
        if (
            finding.severity is Severity.ERROR
            and match is not None
            and int(match.group(1)) < count
            # The file's own mistakes (a day attended that is not the event's) stay input
            # errors: the view refuses them, at their place.
            and not finding.code.startswith("registrations.")
        ):
            out.setdefault(int(match.group(1)), []).append(finding)
    return out


def _at_row(finding: Finding, positions: Sequence[int]) -> Finding:
    """``finding``, of the checks of the rows kept so far (``positions``: the place of each
    in the file's rows), with every row it names, in its path and in its message ("same
    e-mail address as registrations[20]"), at its place in the file's rows."""

    def placed(match: re.Match[str]) -> str:
        now = int(match.group(1))
        return f"registrations[{positions[now]}]" if now < len(positions) else match.group(0)

    path = _NAMED_ROW.sub(placed, finding.path)
    message = _NAMED_ROW.sub(placed, finding.message)
    if (path, message) == (finding.path, finding.message):
        return finding
    return attrs.evolve(finding, path=path, message=message)


#: A row of the registrations, as a finding's path or message names it.
_NAMED_ROW = re.compile(r"\bregistrations\[(\d+)\]")


def with_audience(options: ExportOptions, audience: str) -> ExportOptions:
    """``options`` for one audience."""
    return {**options, "audience": audience}  # type: ignore[typeddict-item]


def views_by_audience(
    event: Event,
    options: ExportOptions,
    plugins: PluginHost,
    registrations: Registrations | None = None,
    previous: Event | None = None,
) -> Callable[[str], View | BilingualView]:
    """The view of ``event`` for an audience, made when first asked for and kept (a build,
    or a preview, whose formats render for different audiences): :func:`prepare_view`, or
    :func:`prepare_bilingual_view` for ``options`` in two languages."""
    views: dict[str, View | BilingualView] = {}
    bilingual = len(build_options(options).get("languages", ())) == 2

    def view_for(audience: str) -> View | BilingualView:
        if audience not in views:
            given = with_audience(options, audience)
            views[audience] = (
                prepare_bilingual_view(event, given, plugins, registrations)
                if bilingual
                else prepare_view(event, given, plugins, registrations, previous)
            )
        return views[audience]

    return view_for


def render_documents(
    event: Event,
    view: View | BilingualView,
    formats: Sequence[str],
    options: ExportOptions,
    plugins: PluginHost,
    each: bool = False,
) -> BuildResult:
    """The documents of ``view`` (made from ``event`` by :func:`prepare_view`, or
    :func:`prepare_bilingual_view`, with ``options``) in ``formats``, each installed: what
    :func:`build` does once it has the view, so that one view can serve several batches of
    formats (the live preview shows the outline first). ``each``: a format made per recipient
    writes a file per recipient."""
    exporters = plugins.exporters()
    views = view.views if isinstance(view, BilingualView) else (view,)
    locales = tuple(v.locale for v in views)
    documents: list[Document] = []
    skipped: list[Skipped] = []
    failures: list[PluginFailure] = []
    timeout = float(EXPORT_SECONDS.value())
    for name in dict.fromkeys(formats):
        provided = exporters[name]
        exporter = provided.item
        try:
            if is_per_recipient(exporter) and not isinstance(view, BilingualView):
                made = _render_per_recipient(exporter, view, options, timeout, each)
            else:
                made = [(None, render(exporter, view, options, timeout))]
        except PluginError as exc:
            failures.append(PluginFailure(provided.plugin, f"format {name!r}: {exc.detail}"))
            continue
        except InputError as exc:  # the input is wrong, says the exporter: named, exit 2
            raise attributed(exc, name, provided.plugin, options.get("template")) from None
        if not made:
            skipped.append(Skipped(name, "has no recipients"))
        for recipient, data in made:
            filename = file_name(event, locales, exporter.suffix, recipient)
            documents.append(Document(name, filename, exporter.media_type, data, recipient))
    warnings = tuple(w for v in views for w in language_warnings(event, v))
    if isinstance(view, BilingualView) and not event.settings.languages:
        warnings += (_one_language_warning(event, locales),)
    return BuildResult(
        tuple(documents), tuple(plugins.failures) + tuple(failures), tuple(skipped), warnings
    )


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


def file_name(
    event: Event, locale: str | tuple[str, ...], suffix: str, recipient: str | None = None
) -> str:
    """``<id>.<suffix>`` in the event's own locale, ``<id>.<locale>.<suffix>`` in another
    (``hague-2019.fr.html``, ``hague-2019.pt-BR.docx``), ``<id>.<first>.<second>.<suffix>``
    for a bilingual document (``tunis-2025.fr.ar.docx``), so that a build in one language or
    two never overwrites another's; a recipient's own file adds its id
    (``hague-2019.fr.ar.letters.docx`` for the Argentine letter in French)."""
    locales = (locale,) if isinstance(locale, str) else locale
    stem = event.id
    if locales != (event.settings.locale,):
        stem += "." + ".".join(x.replace("_", "-") for x in locales)
    if recipient is not None:
        stem += "." + recipient
    return f"{stem}.{suffix}"


def prepare_view(
    event: Event,
    options: ExportOptions | None = None,
    plugins: PluginHost | None = None,
    registrations: Registrations | None = None,
    previous: Event | None = None,
) -> View:
    """The view a build renders: the core's view of ``event`` for ``options`` (locale,
    audience) and ``registrations``, with the labels plugins give (``confdocs_labels``) and
    what they add to ``extra`` (``confdocs_extend_view``, called with the event as the audience
    may see it).

    With ``previous``, the view also says what changed since that version: ``view.changes``
    (the list, which an outline's ``changes: true`` section shows) and, unless
    ``options["track_changes"]`` is False, ``view.tracked`` (the document with every
    difference marked, which the formats that can show changes render)."""
    if previous is None:
        return _plain_view(event, options, plugins, registrations)
    return compare(previous, event, options, plugins, registrations).view


def _plain_view(
    event: Event,
    options: ExportOptions | None,
    plugins: PluginHost | None,
    registrations: Registrations | None = None,
) -> View:
    from .view import MissingLabelsError, check_locale, for_audience, make_view

    host = plugins or get_plugin_manager()
    opts = build_options(options)
    audience = opts.get("audience", "internal")
    locale = check_locale(opts.get("locale") or event.settings.locale)
    languages = tuple(opts.get("languages") or (locale,))
    try:
        view = make_view(
            event, locale, audience, host.labels(locale), registrations, labels_for=host.labels
        )
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
    event: Event,
    options: ExportOptions | None = None,
    plugins: PluginHost | None = None,
    registrations: Registrations | None = None,
) -> BilingualView:
    """The bilingual view a build in two languages renders (``options["languages"]``, or a
    ``locale`` such as ``fr+en``): a view in each language as :func:`prepare_view` makes it
    (with ``registrations``), aligned (``confdocs.view.bilingual_view``)."""
    from .view import bilingual_view

    opts = build_options(options)
    languages = opts.get("languages", ())
    if len(languages) != 2:
        raise ConfdocsError("a bilingual view needs two languages, such as fr+en")
    left, right = (
        prepare_view(event, {**opts, "locale": x}, plugins, registrations) for x in languages
    )
    return bilingual_view(left, right)


def _one_language_warning(event: Event, locales: Sequence[str]) -> Finding:
    """A bilingual build of an event written in one language: both columns hold its texts."""
    from .loading import sources_of

    found = Finding(
        Severity.WARNING,
        "languages.not-written-in",
        f"the event declares no languages (settings.languages): both columns of the "
        f"{'+'.join(locales)} document hold its texts as written, only the labels differ; "
        f"declare settings.languages and give the texts in both",
        path="settings",
    )
    return _place(found, sources_of(event))


def language_warnings(event: Event, view: View) -> list[Finding]:
    """What a build in ``view``'s language says of the event's texts: a warning for each prose
    text it shows in the default language (``languages.fallback``, at the text's place), or one
    when the event is not written in that language at all (``languages.not-written-in``)."""
    from .loading import sources_of

    declared = event.settings.languages
    if not declared:
        return []
    default = declared[0]

    named = language_and_code
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
    registrations: Registrations | None = None,
) -> Comparison:
    """What changed from ``previous`` to ``event``, for the locale and audience of
    ``options``: the changes the core finds and those plugins find (``confdocs_diff``), and
    the view that shows them (with ``registrations``' registrants, as a build has them)."""
    from .diff import DEFAULT_AUTHOR, changes_between, compose
    from .view import for_audience

    host = plugins or get_plugin_manager()
    opts = build_options(options)
    if not opts.get("locale") and previous.settings.locale != event.settings.locale:
        # One document, in one language: the new version's, both versions read in it.
        opts = build_options({**opts, "locale": event.settings.locale})
    audience = opts.get("audience", "internal")
    old_view = _plain_view(previous, opts, host, registrations)
    new_view = _plain_view(event, opts, host, registrations)
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


def render(
    exporter: Any, view: Any, options: ExportOptions, timeout: float = EXPORT_TIMEOUT
) -> bytes:
    """One exporter's document, as :func:`build` renders it: in a worker thread abandoned after
    ``timeout`` seconds, with the cyclic garbage collector paused (a document is a large tree
    with few cycles: collecting while it grows made the docx render grow faster than the
    event); a failure is a :class:`PluginError` naming the exporter, or the input's error.
    A :class:`BilingualView` is rendered by the exporter's ``render_bilingual``."""
    made = exporter.render_bilingual if isinstance(view, BilingualView) else exporter.render
    before_rendering()
    try:
        with paused():
            data = run_isolated(
                lambda: made(view, dict(options)),
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


def _render_per_recipient(
    exporter: Any, view: Any, options: ExportOptions, timeout: float, each: bool
) -> list[tuple[str | None, bytes]]:
    """The files of a format made per recipient: one for all of them, or one each (with the
    recipient's id). Recipients' ids are checked by the one id rule, and must differ (case
    aside: one file on macOS and Windows); all of the format's work runs within its timeout."""

    def work() -> list[tuple[str | None, bytes]]:
        recipients = list(exporter.recipients(view))
        seen: dict[str, str] = {}
        for recipient in recipients:
            ident = getattr(recipient, "id", None)
            problem = id_problem(ident, "recipient id") if isinstance(ident, str) else (
                f"a recipient has no text id: {shown(recipient)}"
            )
            if problem:
                raise PluginError(exporter.name, f"recipients(): {problem}")
            assert isinstance(ident, str)
            other = seen.setdefault(ident.casefold(), ident)
            if other is not ident:
                raise PluginError(
                    exporter.name,
                    f"recipients(): two recipients have the id {shown(ident)} "
                    f"({shown(other)}); their files would be one",
                )
        if not recipients:
            return []
        batches = [[r] for r in recipients] if each else [recipients]
        out: list[tuple[str | None, bytes]] = []
        for batch in batches:
            data = exporter.render_recipients(view, batch, dict(options))
            if not isinstance(data, bytes):
                raise PluginError(
                    exporter.name,
                    f"render_recipients() returned {type(data).__name__}, not bytes",
                )
            out.append((batch[0].id if each else None, data))
        return out

    before_rendering()
    try:
        return run_isolated(work, timeout, f"confdocs-export-{exporter.name}")
    except TimedOut as exc:
        raise PluginError(exporter.name, str(exc)) from None
    except Raised as exc:
        raise exporter_error(exc.error, exporter.name, options.get("template")) from None


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
    naming it, placed in its code; the other validators still run. A finding whose code the
    validator's ``codes`` do not list, or placed at an item the event's files do not have, is
    kept, and its plugin's author warned (``plugin.unknown-code``, ``plugin.unknown-path``).
    """
    from .loading import sources_of
    from .view import timeline

    host = plugins or get_plugin_manager()
    sources = sources or sources_of(event)
    laid_out = timeline(event)
    findings: list[Finding] = [_place(f, sources) for f in _locale_findings(event, host)]
    findings += [_place(f, sources) for f in _image_findings(event)]
    if registrations is not None:
        findings += _attendance_findings(event, registrations)
        findings += _email_findings(registrations)
        findings += _told_of_rows(event, registrations, host)
        findings += certificate_language_warnings(event, registrations, host)
    findings += _validated(event, registrations, host, sources, laid_out)
    for failure in host.failures:
        findings.append(Finding(Severity.WARNING, "plugin.failed", str(failure)))
    return _in_order(findings)


def check_rows_read(
    event: Event,
    refused: RegistrationsError,
    plugins: PluginHost | None = None,
    sources: SourceMap | None = None,
) -> list[Finding]:
    """:func:`check` with the rows of a registrations file that could be read, when others
    could not (``refused``, as :func:`~confdocs.loading.load_registrations` raised it): the
    findings of the rows read, each at its place among the file's rows, so that the file's
    mistakes are told at once (a consent that is not yes or no, and a role the rules do not
    know), not one stage after the other. What the rows not read would have changed (a
    delegation they complete) is not known."""
    found = check(event, refused.read, plugins, sources)
    return [_at_row(f, refused.positions) for f in found]


def event_errors(
    event: Event, plugins: PluginHost | None = None, sources: SourceMap | None = None
) -> list[Finding]:
    """The error-level findings the validators make of ``event`` alone, as :func:`check`
    finds them: what a build warns of (a day outside the event's dates, a seat count that
    cannot be), since its documents would print the mistake. The registrations' errors are
    not among them: a build leaves their rows out (``BuildResult.left_out``)."""
    from .loading import sources_of
    from .view import timeline

    host = plugins or get_plugin_manager()
    found = _validated(event, None, host, sources or sources_of(event), timeline(event))
    return _in_order([f for f in found if f.severity is Severity.ERROR])


def _validated(
    event: Event,
    registrations: Registrations | None,
    host: PluginHost,
    sources: SourceMap | None,
    laid_out: Timeline,
) -> list[Finding]:
    """Every validator's findings, placed; one that fails is a ``plugin.failed`` finding, and
    one placed at an item the event's files do not have a ``plugin.unknown-path`` warning."""
    findings: list[Finding] = []
    timeout = float(CHECK_SECONDS.value())
    for name, provided in host.validators().items():
        arguments = {"event": event, "registrations": registrations, "timeline": laid_out}
        found = run_validator(name, provided.plugin, provided.item, arguments, timeout)
        findings.extend(_place(finding, sources) for finding in found)
        if sources is not None:
            findings.extend(_unknown_paths(name, provided, found, sources))
    return findings


def _unknown_paths(
    name: str, provided: Any, found: Sequence[Finding], sources: SourceMap
) -> list[Finding]:
    """One warning for the plugin's author when validator ``name`` placed findings at items
    the event's files do not have (``programme.days[9]`` of an event of two days): each is
    shown at the nearest part that exists, which is not where its validator meant."""
    from .plugins.isolation import code_place

    misplaced = [
        (f.path, missing)
        for f in found
        if f.path and not f.path.startswith("registrations") and f.code != "plugin.failed"
        for missing in [sources.missing_item(f.path)]
        if missing is not None
    ]
    if not misplaced:
        return []
    path, (within, count) = misplaced[0]
    more = len(misplaced) - 1
    others = f" (and {more} more finding{'s' if more != 1 else ''})" if more else ""
    file, line = code_place(getattr(provided.item, "validate", None))
    return [
        Finding(
            Severity.WARNING,
            "plugin.unknown-path",
            f"validator {shown(name)} of plugin {shown(provided.plugin)} placed a finding at "
            f"{path}{others}, which the event does not have ({within} has {count} "
            f"item{'s' if count != 1 else ''}); it is shown at the nearest part that exists",
            file=file,
            line=line,
            validator=name,
        )
    ]


def _in_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity.rank, f.file or "", f.line or 0, f.code))


def _attendance_findings(event: Event, registrations: Registrations) -> list[Finding]:
    """Days attended that are not days of the event: a build of the certificates, sign-in
    sheets … would refuse them."""
    from .view.registrants import attendance_problems

    return [
        Finding(
            Severity.ERROR,
            "registrations.attended-outside-event",
            problem.message,
            path=problem.location.path,
            file=problem.location.file,
            line=problem.location.line,
        )
        for problem in attendance_problems(event, registrations)
        if problem.location is not None
    ] + _off_days(event, registrations)


def _off_days(event: Event, registrations: Registrations) -> list[Finding]:
    """A day attended that is a day of the event with no session (a webinar series' week
    between two, a session moved away from it): a certificate would certify it."""
    from .view.registrants import session_days

    days = set(session_days(event))
    out = []
    for index, reg in enumerate(registrations):
        off = [d for d in reg.attended if d not in days and event.start <= d <= event.end]
        if off:
            out.append(
                Finding(
                    Severity.WARNING,
                    "registrations.attended-no-session",
                    f"{reg.name}: the programme has no session on {off[0].isoformat()}, a day "
                    "they attended; their certificate says it",
                    path=f"registrations[{index}].attended",
                    file=registrations.file,
                    line=reg.line,
                )
            )
    return out


def _email_findings(registrations: Registrations) -> list[Finding]:
    """A row without an e-mail address, or with one that is not an address: the organisers
    cannot write to them (and two rows of one person are found by name and country only),
    but no document prints it, so the row is kept and gets its documents."""
    from .loading.registrations import is_email

    findings = []
    for index, row in enumerate(registrations):
        if row.email and is_email(row.email):
            continue
        code, said = (
            ("registrations.email-invalid", f"{shown(row.email)} is not an e-mail address")
            if row.email
            else ("registrations.email-missing", "no e-mail address")
        )
        findings.append(
            Finding(
                Severity.WARNING,
                code,
                f"{row.name}: {said}; the organisers cannot write to them (their documents "
                "are made all the same: none prints it)",
                path=f"registrations[{index}].email",
                file=registrations.file,
                line=row.line,
            )
        )
    return findings


def _told_of_rows(
    event: Event,
    registrations: Registrations,
    host: PluginHost,
    document: str | None = None,
    kept: Sequence[Registration] | None = None,
) -> list[Finding]:
    """What the documents do with a participant's row that the row may not expect, each said
    at its row (its place in ``registrations``; only the rows ``kept``, when given: those the
    documents are made of): a participant who attended, in a language of correspondence
    without labels, has a certificate in the ``document``'s language (the event's) instead;
    a gender the wording cannot agree with leaves it neutral."""
    from .model.codes import language_name
    from .view import check_locale, missing_labels
    from .view.registrants import locale_for

    document = document or event.settings.locale
    findings = []
    without: dict[str, bool] = {}
    made_of = None if kept is None else {id(row) for row in kept}
    for n, row in enumerate(registrations):
        locale = locale_for(document, row.language, row.country)
        left_out = made_of is not None and id(row) not in made_of
        said = row.gender
        if not left_out and said not in (None, "female", "male"):
            findings.append(
                Finding(
                    Severity.WARNING,
                    "registrations.gender-unknown",
                    f"{row.name}: {shown(said)} is not a gender confdocs knows, so the "
                    "documents' wording stays neutral; write female or male (or x for the "
                    "neutral wording)",
                    path=f"registrations[{n}].gender",
                    file=registrations.file,
                    line=row.line,
                )
            )
        if locale == document or not row.attended or left_out:
            continue
        if locale not in without:
            try:
                check_locale(locale)
                without[locale] = bool(missing_labels(locale, host.labels(locale)))
            except ConfdocsError:
                without[locale] = True
        if without[locale]:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "registrations.language-without-labels",
                    f"{row.name}: confdocs has no labels for {language_and_code(locale)}, so "
                    f"their certificate is in {language_name(document.split('_')[0])}; it has "
                    f"{', '.join(labelled_languages(host))} (a plugin's confdocs_labels hook "
                    "adds a language)",
                    path=f"registrations[{n}].language",
                    file=registrations.file,
                    line=row.line,
                )
            )
    return findings


def certificate_language_warnings(
    event: Event,
    registrations: Registrations,
    host: PluginHost,
    document: str | None = None,
    given: Registrations | None = None,
) -> list[Finding]:
    """Once per language of certificates whose texts the event does not have: the certificates
    in it (a participant's language of correspondence) show the event's title, the
    signatory's position and the PDF's letterhead in another language (a French certificate
    of an event written in Spanish: "a participé à la manifestation « Taller regional … »",
    signed "Jefe de la División …"). ``certificates.text-language``, at the first row
    concerned, naming the rows and the fields; the document's own language is
    :func:`language_warnings`'. ``registrations`` are the rows the certificates are made of;
    the paths count rows in ``given``, the file's (default: the same)."""
    from .loading import sources_of
    from .model.codes import language_name
    from .view import check_locale, missing_labels
    from .view.languages import for_language, language_of
    from .view.registrants import locale_for

    document = document or event.settings.locale
    given = given or registrations
    index = {id(row): n for n, row in enumerate(given)}
    by_locale: dict[str, list[Registration]] = {}
    for row in registrations:
        if not row.attended:
            continue
        locale = locale_for(document, row.language, row.country)
        if language_of(locale) != language_of(document):
            by_locale.setdefault(locale, []).append(row)
    by_language: dict[str, tuple[str, list[Registration]]] = {}
    fields = _certificate_fields(event)
    sources = sources_of(event)
    findings = []
    for locale, rows in by_locale.items():
        try:
            check_locale(locale)
            if missing_labels(locale, host.labels(locale)):
                continue  # in the document's language: language-without-labels says so
        except ConfdocsError:
            continue
        # Once per language: en_US and en_NL certificates read the same texts.
        _, together = by_language.setdefault(language_of(locale), (locale, []))
        together.extend(rows)
    for locale, rows in by_language.values():
        texts = for_language(event, locale)
        default = event.settings.languages[0] if event.settings.languages else texts.language
        if language_of(texts.language) != language_of(locale):
            other = fields
        else:
            other = [
                f for f in fields if any(p == f or p.startswith(f"{f}[") for p in texts.fallbacks)
            ]
        if not other:
            continue
        rows.sort(key=lambda row: index.get(id(row), 0))
        first = rows[0]
        language = language_name(language_of(locale))
        count = len(rows)
        names = ", ".join(f"{row.name} (line {row.line})" if row.line else row.name
                          for row in rows)
        at = [sources.locate(f) if sources is not None else None for f in other]
        placed = ", ".join(
            f"{f} ({where.file}:{where.line})" if where is not None and where.line else f
            for f, where in zip(other, at, strict=True)
        )
        findings.append(
            Finding(
                Severity.WARNING,
                "certificates.text-language",
                f"{count} certificate{'s' if count != 1 else ''} in {language} "
                f"show{'' if count != 1 else 's'} "
                f"{'these texts' if len(other) != 1 else 'this text'} in "
                f"{language_name(language_of(default))}, the event having none in {language}: "
                f"{placed}; the certificate{'s' if count != 1 else ''} of {names} (give the "
                f"texts in {language} too, settings.languages, to have them in it)",
                path=f"registrations[{index.get(id(first), 0)}].language",
                file=given.file,
                line=first.line,
            )
        )
    return findings


def _certificate_fields(event: Event) -> list[str]:
    """The paths of the event's prose that a certificate shows: the title, the signatory's
    position and the header's lines (each PDF page's letterhead)."""
    fields = ["title"]
    signatory = event.certificates.signatory
    for n, person in enumerate(event.people):
        if person.id == signatory and person.position:
            fields.append(f"people[{n}].position")
    fields += [f"header.{f}" for f in ("funders", "implementers") if getattr(event.header, f)]
    return fields


def language_and_code(code: str) -> str:
    """``Romanian (ro_MD)``: the English name of the language of locale ``code`` (CLDR names
    some locales otherwise, ``ro_MD`` Moldavian, and others not at all, ``ka_GE``), and the
    code."""
    from .model.codes import language_name

    return f"{language_name(code.split('_')[0])} ({code})"


#: Each host's :func:`labelled_languages`, and how many plugins it had then.
_LABELLED: weakref.WeakKeyDictionary[PluginHost, tuple[int, tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)


def labelled_languages(host: PluginHost) -> tuple[str, ...]:
    """The locales documents can be made in with ``host``'s plugins: the shipped catalogs',
    and each language of CLDR a plugin's ``confdocs_labels`` gives every label (asked once
    per host; what a plugin does wrong while asked is not its failure in this build)."""
    plugins = len(host.pm.get_plugins())
    if _LABELLED.get(host, (-1,))[0] != plugins:
        from babel.localedata import locale_identifiers

        from .view import missing_labels
        from .view.labels import builtin_locales

        found = set(builtin_locales())
        failures = list(host.failures)
        for code in locale_identifiers():
            if "_" in code or code in found:
                continue
            try:
                if not missing_labels(code, host.labels(code)):
                    found.add(code)
            except (ConfdocsError, ValueError):  # a strict host's plugin failed for it
                continue
        host.failures[:] = failures
        _LABELLED[host] = (plugins, tuple(sorted(found)))
    return _LABELLED[host][1]


def _image_findings(event: Event) -> list[Finding]:
    """An image in a text is shown by its description in every format (a document loads
    nothing from elsewhere): said once per image, so a writer expecting a picture learns why
    there is none, and that logos are the way to show one."""
    from .loading.markdown import images
    from .loading.sources import format_path
    from .model.walk import markdown_fields

    return [
        Finding(
            Severity.INFO,
            "text.image-shown-as-text",
            f"the image {shown(source)} is shown as its description, "
            f"{shown(alt) if alt else 'nothing (it has none)'}, in every format: "
            "documents load nothing from elsewhere; a picture goes in as a logo",
            path=format_path(path),
        )
        for path, text in markdown_fields(event)
        for source, alt in images(text)
    ]


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
