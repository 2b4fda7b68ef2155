"""The ``confdocs`` command line. The library never prints; this module does.

Exit codes (``EXIT_CODES``, also in ``confdocs --help``): 0 success; 1 error-level findings, a
requested format that failed (or is missing because the plugin known to provide it failed to
load or register), or any plugin failure under ``--strict``; 2 unusable input (a bad file,
template or option, a format no plugin is known to provide, even while another plugin
failed), with one clear message and no traceback; 3 the
output could not be written (a full or read-only disk, no permission …). A plugin that fails
but provides none of the requested formats is a warning and changes no exit code.

Everything printed goes through :func:`confdocs.display.printable`: control characters from
user data are escaped and overlong lines cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__
from .collector import started, tune_for_a_command

if TYPE_CHECKING:
    from .building import Document, Skipped
    from .errors import InputError
    from .findings import Finding
    from .plugins import PluginFailure, PluginHost

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_OUTPUT = 3
EXIT_CODES = (
    "Exit codes: 0 done; 1 error-level findings, a requested format that failed, or (with "
    "--strict) any plugin failure; 2 unusable input (file, template, option, unknown format); "
    "3 the output could not be written. A plugin that fails but provides none of the requested "
    "formats is only a warning."
)


def _say(text: str, err: bool = False, keep_lines: bool = False) -> None:
    """Print one line (or lines, with ``keep_lines``), escaped for the terminal."""
    from .display import printable

    click.echo(printable(text, keep_lines=keep_lines), err=err)


def _fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    _say(f"confdocs: error: {message}", err=True)
    sys.exit(code)


#: The commands that say when they have started (collector.started): after loading their
#: event, or build after its first. The collector runs throughout every other command.
STARTS_ITSELF = frozenset({"build", "check", "diff", "serve"})
#: The commands that write files: the others' input errors do not say nothing was written.
WRITING = frozenset({"build", "new"})


def _report_input_error(exc: InputError, command: str | None = None) -> NoReturn:
    for problem in exc.problems:
        _say(f"{problem}", err=True)
    count = len(exc.problems)
    unwritten = "; nothing was written" if command is None or command in WRITING else ""
    _say(f"confdocs: {count} problem{'s' if count != 1 else ''} in the input{unwritten}", err=True)
    sys.exit(EXIT_INPUT)


def _host(ctx: click.Context) -> PluginHost:
    host: PluginHost | None = ctx.obj.get("host") if ctx.obj else None
    if host is None:
        # The plugins import the model, here also for ``--help`` (the plugins' commands) and
        # ``build --help`` (their formats): with the kept code, as a command has it.
        _keep_compiled()
        from .plugins import get_plugin_manager

        host = get_plugin_manager(strict=False)
        ctx.ensure_object(dict)["host"] = host
    return host


def _keep_compiled() -> None:
    """What a command keeps made in the cache folder, set before the libraries and the model
    are imported: the programs of regular expressions, attrs' and cattrs' code, and Babel's
    merged locale data."""
    from .generated_code import keep_generated_code
    from .kept_locales import keep_locale_data
    from .kept_patterns import keep_compiled_patterns

    keep_compiled_patterns()
    keep_generated_code()
    keep_locale_data()


def _warn_failures(host: PluginHost) -> None:
    for failure in host.failures:
        _say(f"confdocs: warning: {failure}", err=True)


class ConfdocsGroup(click.Group):
    """Loads plugin commands lazily, so ``--version`` and ``--help`` stay fast."""

    _plugins_loaded = False

    def _load_plugin_commands(self, ctx: click.Context) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        _host(ctx).register_commands(self)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in STARTS_ITSELF:
            started()  # a plugin's command, or one that loads no event: collected throughout
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands(ctx)
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands(ctx)
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        # Imported here, not at the top: ``--version`` and ``--help`` never get this far.
        # The kept code of attrs and cattrs first: the model's classes are made as it imports.
        _keep_compiled()
        from .errors import ConfdocsError, InputError
        from .output import OutputError

        try:
            return super().invoke(ctx)
        except InputError as exc:
            _report_input_error(exc, ctx.invoked_subcommand)
        except OutputError as exc:
            _fail(f"{exc}; nothing half-written was left", EXIT_OUTPUT)
        except ConfdocsError as exc:
            # An error may say what to do on the command line rather than in Python.
            _fail(getattr(exc, "on_the_command_line", None) or str(exc))


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=ConfdocsGroup, context_settings=CONTEXT, epilog=EXIT_CODES)
@click.version_option(__version__, "--version", "-V", prog_name="confdocs")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Model a conference once; build its outline in every format and check it."""
    ctx.ensure_object(dict)


F = TypeVar("F", bound=Callable[..., Any])


def json_option(what: str) -> Callable[[F], F]:
    """``--json`` (the report as JSON); ``--format text|json`` is its old spelling, kept so
    scripts keep working, and hidden: ``-f``/``--format`` names document formats."""

    def decorate(function: F) -> F:
        function = click.option(
            "--format",
            "old_format",
            type=click.Choice(["text", "json"]),
            default=None,
            hidden=True,
            help="Old spelling of --json.",
        )(function)
        return click.option("--json", "as_json", is_flag=True, help=f"Print {what} as JSON.")(
            function
        )

    return decorate


def wants_json(as_json: bool, old_format: str | None) -> bool:
    return as_json or old_format == "json"


class BuildCommand(click.Command):
    """``build``, whose help lists the formats the installed plugins provide."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        exporters = _host(ctx).exporters()
        if exporters:
            with formatter.section("Installed formats (-f)"):
                formatter.write_dl(
                    [(name, p.item.description) for name, p in sorted(exporters.items())]
                )
        super().format_epilog(ctx, formatter)


def _load(path: str, catalogs: Sequence[str] = (), *, settle: bool = True) -> Any:
    """The event at ``path``; with ``settle``, the command has started then (see
    :func:`~confdocs.collector.started`): ``build`` says so after its first build instead,
    whose first render imports the formats' libraries."""
    from .loading import load_event_with_sources

    try:
        return load_event_with_sources(path, catalogs)
    finally:
        if settle:
            started()


catalog_option = click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="A folder of shared catalogs that includes may reach (repeatable).",
)

locale_option = click.option(
    "--locale",
    "-l",
    default=None,
    help="Locale of the document (en, fr, es, pt …), or two joined by + for a bilingual one "
    "(fr+en: side by side).",
)
audience_option = click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="internal",
    show_default=True,
    help="public leaves out fields marked internal.",
)
each_format_audience_option = click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default=None,
    help="public leaves out fields marked internal. By default the outline's formats are "
    "internal and the documents that go outside (letters, certificates, badges, lists, "
    "sheets) public; internal gives every format the internal fields.",
)


against_option = click.option(
    "--against",
    metavar="REV",
    default=None,
    help="Compare with the event file as git revision REV has it (read with git show).",
)


def _previous(
    path: str, changes_since: str | None, against: str | None, catalogs: Sequence[str]
) -> Any:
    """The previous version of the event at ``path``: a file, or its version in a revision."""
    if changes_since:
        return _load(changes_since, catalogs, settle=False).event
    if against:
        from .diff import read_revision

        return read_revision(path, against, catalogs).event
    return None


def _check_locale(locale: str | None) -> None:
    from .model.codes import is_locale

    if locale is None:
        return
    parts = [part.strip() for part in locale.split("+")]
    if len(parts) > 2:
        _fail(
            f"--locale {locale!r}: a document is in one language (fr) or two side by side "
            "(fr+en)"
        )
    if len(parts) == 2 and parts[0] == parts[1]:
        _fail(f"--locale {locale!r}: a bilingual document needs two different languages")
    for part in parts:
        if not is_locale(part):
            _fail(f"--locale {part!r} is not a locale (try en, fr, es or pt)")


@cli.command(cls=BuildCommand)
@click.argument("events", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--output-dir", "-o", required=True, type=click.Path(file_okay=False), help="Where to write."
)
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    help="A document format (repeatable; the list is below); every installed one when none.",
)
@locale_option
@click.option(
    "--template",
    type=click.Path(dir_okay=False, exists=True),
    help="A user template for the format.",
)
@each_format_audience_option
@click.option(
    "--strict",
    is_flag=True,
    help="Write nothing and exit 1 if any plugin fails, even one not asked for anything, "
    "if a registration is left out for an error, or if check finds an error in the event.",
)
@catalog_option
@click.option(
    "--registrations",
    "-r",
    type=click.Path(dir_okay=False),
    help="Nominations (CSV or YAML): the participant list, attendance sheets, badges and "
    "certificates are made from them.",
)
@click.option(
    "--each",
    is_flag=True,
    help="One file per recipient (<id>.<recipient>.<suffix>) for the formats made per "
    "recipient (letters, badges …), instead of one file with a page each.",
)
@click.option(
    "--changes-since",
    "changes_since",
    type=click.Path(dir_okay=False),
    help="The previous version's event file: show what changed since it.",
)
@against_option
@click.option(
    "--author",
    default=None,
    help="Who Word's tracked changes are attributed to (default: confdocs).",
)
@click.option(
    "--track/--no-track",
    default=True,
    show_default=True,
    help="With --no-track, documents carry no change marks; a changes section still lists them.",
)
@click.pass_context
def build(
    ctx: click.Context,
    events: tuple[str, ...],
    output_dir: str,
    formats: tuple[str, ...],
    locale: str | None,
    template: str | None,
    audience: str | None,
    strict: bool,
    catalogs: tuple[str, ...],
    registrations: str | None,
    each: bool,
    changes_since: str | None,
    against: str | None,
    author: str | None,
    track: bool,
) -> None:
    """Build the documents of EVENTS into --output-dir.

    Files are named <event id>.<suffix> (<event id>.<locale>.<suffix> in a locale other than
    the event's own) and written atomically: all of a build, or none. Exit code 1 when a
    requested format failed (the others are written), 2 for unusable input (nothing is
    written), 3 when the output cannot be written. A plugin that fails but provides none of
    the requested formats is a warning, unless --strict. An error check finds in the event
    itself (a day outside its dates …) is a warning that names it, and the documents are
    written as the file says; with --strict, nothing is written.

    With --changes-since OLD (or --against REV, each event's version in a git revision),
    formats that can show changes show what changed: Word with tracked changes, HTML with
    insertions and deletions marked and the list at the top, Markdown with the list first.
    """
    from .building import build as build_documents
    from .building import event_errors, write_documents
    from .plugins.host import UnavailableFormat
    from .plugins.protocols import ExportOptions

    _check_locale(locale)
    host = _host(ctx)
    if template and len(formats) != 1:
        _fail("--template applies to one format: give exactly one --format")
    if registrations and len(events) != 1:
        _fail("--registrations are one event's: give exactly one event with them")
    regs = None
    if registrations:
        from .loading.registrations import load_registrations

        regs = load_registrations(registrations)
    if changes_since and against:
        _fail("give --changes-since or --against, not both")
    if changes_since and len(events) != 1:
        _fail("--changes-since compares one event: give exactly one event file")
    options: ExportOptions = {"audience": audience} if audience else {}  # type: ignore[typeddict-item]
    if locale:
        options["locale"] = locale
    if template:
        options["template"] = template
    missing = [f for f in formats if f not in host.exporters()]
    if any(host.unavailable(f) is None for f in missing):
        _warn_failures(host)  # an unknown format, exit 2: the plugins' warnings before it
    if author:
        options["author"] = author
    if not track:
        options["track_changes"] = False
    documents: list[Document] = []
    failures: list[PluginFailure] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    refused: list[Finding] = []
    # Everything is built in memory first: a clash found at the twentieth event still
    # leaves the output folder untouched.
    with _progress(events, "Building") as bar:
        for path in bar:
            item = _load(path, catalogs, settle=False)
            if item.event.id in seen:
                _fail(
                    f"{path} and {seen[item.event.id]} both have the id {item.event.id!r}; "
                    "their files would collide (nothing was written)"
                )
            seen[item.event.id] = path
            previous = _previous(path, changes_since, against, catalogs)
            if previous is None and any(section.changes for section in item.event.sections):
                _say(
                    f"confdocs: warning: {path}: its changes section lists what changed since "
                    "a previous version; give --changes-since or --against to fill it",
                    err=True,
                )
            result = build_documents(
                item.event, formats or None, options, host, regs, each, previous
            )
            started()
            _report_language_warnings(item.event.id, result.warnings)
            _report_left_out(item.event.id, result.left_out, strict)
            refused.extend(result.left_out)
            errors = event_errors(item.event, host, item.sources)
            _report_event_errors(item.event.id, errors, strict)
            refused.extend(errors)
            documents.extend(result.documents)
            failures.extend(f for f in result.failures if f not in failures)
            skipped.extend(s for s in result.skipped if s not in skipped)
    _refuse_collisions(documents)
    # Plugins that failed to load or register are warnings; formats that failed are errors
    # (a format not available because its plugin failed says that plugin's failure itself).
    told = {c for f in failures if isinstance(f, UnavailableFormat) for c in f.causes}
    unrelated = [f for f in failures if f in host.failures and f not in told]
    failed = [f for f in failures if f not in host.failures]
    for failure in unrelated:
        _say(f"confdocs: {'error' if strict else 'warning'}: {failure}", err=True)
    for failure in failed:
        _say(f"confdocs: error: {failure}", err=True)
    if strict and (failures or refused):
        _say("confdocs: --strict: nothing was written", err=True)
        sys.exit(EXIT_FINDINGS)
    for written in write_documents(documents, output_dir):
        _say(f"wrote {written}")
    _report_skipped(skipped)
    if failed:
        sys.exit(EXIT_FINDINGS)


def _report_skipped(skipped: Sequence[Skipped]) -> None:
    """Formats that wrote nothing: those that need registrations (one line for them all),
    and those with no recipients."""
    from .building import NOT_BILINGUAL

    wanting = [s.format for s in skipped if s.reason == "needs the registrations"]
    if wanting:
        _say(
            f"confdocs: note: not built without --registrations: {', '.join(wanting)}", err=True
        )
    single = [s.format for s in skipped if s.reason == NOT_BILINGUAL]
    if single:
        _say(
            f"confdocs: note: no bilingual form, not built (build them in one language): "
            f"{', '.join(single)}",
            err=True,
        )
    for item in skipped:
        if item.format not in wanting and item.format not in single:
            _say(f"confdocs: note: {item}: nothing to write", err=True)


def _report_left_out(event_id: str, refused: Sequence[Finding], strict: bool) -> None:
    """The registrations a build left out of the documents made of them, each with the error
    that refused it, at its row."""
    if not refused:
        return
    rows = len({f.path.partition("]")[0] for f in refused})
    _say(
        f"confdocs: {'error' if strict else 'warning'}: {event_id}: {rows} registration"
        f"{'s' if rows != 1 else ''} left out of the documents for participants (badges, "
        "certificates, lists …), each for an error; fix the rows to include them:",
        err=True,
    )
    _say_findings(refused, path=False)


def _say_findings(findings: Sequence[Finding], path: bool = True) -> None:
    """Each finding on a line of its own: its file:line (and its ``path`` in the document,
    else only where there is no line), its code and message."""
    for finding in findings:
        where = ":".join(str(p) for p in (finding.file, finding.line) if p is not None)
        place = " ".join(p for p in (where, finding.path) if p) if path else where
        _say(f"  {place or finding.path} {finding.code}: {finding.message}", err=True)


def _report_event_errors(event_id: str, errors: Sequence[Finding], strict: bool) -> None:
    """The errors ``check`` finds in the event itself, which its documents would print (a
    day outside the event's dates …), each at its place."""
    if not errors:
        return
    count = len(errors)
    _say(
        f"confdocs: {'error' if strict else 'warning'}: {event_id}: the event has {count} "
        f"error{'s' if count != 1 else ''} that the documents would print; fix the file "
        "(confdocs check lists every finding):",
        err=True,
    )
    _say_findings(errors)


def _report_language_warnings(event_id: str, warnings: Sequence[Finding]) -> None:
    """Once per event: the texts a document shows in the default language, each at its place
    (file:line:column and the path in the event)."""
    fallbacks = [w for w in warnings if w.code == "languages.fallback"]
    for warning in warnings:
        if warning.code != "languages.fallback":
            where = ":".join(str(p) for p in (warning.file, warning.line) if p is not None)
            at = f"{event_id}: {where}" if where else event_id
            _say(f"confdocs: warning: {at}: {warning.message}", err=True)
    if not fallbacks:
        return
    count = len(fallbacks)
    _say(
        f"confdocs: warning: {event_id}: {count} text{'s' if count != 1 else ''} "
        f"{fallbacks[0].message} (confdocs check lists every missing translation):",
        err=True,
    )
    for item in fallbacks:
        where = ":".join(str(p) for p in (item.file, item.line, item.column) if p is not None)
        _say(f"  {where} {item.path}".rstrip(), err=True)


#: From this many events on, ``build`` shows a progress bar (when stderr is a terminal).
PROGRESS_FROM = 5


def _progress(items: Sequence[str], label: str) -> Any:
    if len(items) >= PROGRESS_FROM and sys.stderr.isatty():
        return click.progressbar(
            items, label=label, file=sys.stderr, item_show_func=lambda p: p and os.path.basename(p)
        )
    return contextlib.nullcontext(items)


def _refuse_collisions(documents: Sequence[Document]) -> None:
    """Two documents with one file name (``a`` + ``b.html``, ``a.b`` + ``html``), or names that
    differ only in case (one file on macOS and Windows): exit 2."""
    by_name: dict[str, Document] = {}
    for doc in documents:
        other = by_name.get(doc.filename.casefold())
        if other is not None and other.filename != doc.filename:
            _fail(
                f"{other.filename} and {doc.filename} differ only in case, which makes them one "
                "file on macOS and Windows; give the events ids that differ otherwise "
                "(nothing was written)"
            )
        if other is not None:
            _fail(
                f"formats {other.format!r} and {doc.format!r} would both write {doc.filename}; "
                "nothing was written"
            )
        by_name[doc.filename.casefold()] = doc


@cli.command()
@click.argument("event", type=click.Path(dir_okay=False))
@click.option(
    "--registrations", "-r", type=click.Path(dir_okay=False), help="Nominations (CSV or YAML)."
)
@json_option("the findings")
@catalog_option
@click.pass_context
def check(
    ctx: click.Context,
    event: str,
    registrations: str | None,
    as_json: bool,
    old_format: str | None,
    catalogs: tuple[str, ...],
) -> None:
    """Run every validator on EVENT and its registrations.

    Each finding has a severity, a stable code, its file and line, and a message; the exit
    code is 1 when one is an error.
    """
    from .building import check as run_checks
    from .findings import Severity

    loaded = _load(event, catalogs)
    regs = None
    unread = None
    if registrations:
        from .loading.registrations import RegistrationsError, load_registrations

        try:
            regs = load_registrations(registrations)
        except RegistrationsError as exc:
            unread = exc  # the rows read well are checked all the same: one report
    if unread is not None:
        from .building import check_rows_read

        findings = check_rows_read(loaded.event, unread, _host(ctx), loaded.sources)
    else:
        findings = run_checks(loaded.event, regs, _host(ctx), loaded.sources)
    if wants_json(as_json, old_format):
        from .display import json_printable

        data = [f.to_json() for f in findings]
        click.echo(json_printable(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        _print_findings(loaded.event.id, findings)
    if unread is not None:
        if not wants_json(as_json, old_format):
            rows = len({p.location.line for p in unread.problems if p.location is not None})
            _say(
                f"(the {rows} row{'s' if rows != 1 else ''} of {registrations} that could not "
                "be read, told below, were not checked)"
            )
        _report_input_error(unread, "check")
    if any(f.severity is Severity.ERROR for f in findings):
        sys.exit(EXIT_FINDINGS)


def _print_findings(event_id: str, findings: list[Finding]) -> None:
    from .findings import Severity

    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        _say(
            f"{severity.value.upper()}S ({len(group)})"
            if len(group) != 1
            else severity.value.upper()
        )
        for f in group:
            where = ":".join(str(p) for p in (f.file, f.line) if p is not None)
            place = " ".join(p for p in (where, f.path) if p)
            _say(f"  {f.code:<30} {place}")
            _say(f"      {f.message}")
    summary = ", ".join(f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity)
    _say(f"{event_id}: {summary}")


@cli.command()
@click.argument(
    "events", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="[OLD] NEW"
)
@against_option
@json_option("the changes")
@locale_option
@audience_option
@catalog_option
@click.pass_context
def diff(
    ctx: click.Context,
    events: tuple[str, ...],
    against: str | None,
    as_json: bool,
    old_format: str | None,
    locale: str | None,
    audience: str,
    catalogs: tuple[str, ...],
) -> None:
    """Say what changed from OLD to NEW: confdocs diff OLD NEW, or confdocs diff NEW --against
    REV (NEW as git revision REV has it, read with git show).

    One change a line, with its file and line (in NEW, or in OLD for what was removed), in the
    event's language (--locale for another). Exit code 0 when the versions are equal, 1 when
    they differ, 2 when one cannot be read, as diff does.
    """
    from .building import compare
    from .plugins.protocols import ExportOptions

    if locale and "+" in locale:
        _fail(f"--locale {locale}: diff says the changes in one language (--locale "
              f"{locale.split('+')[0]}); a bilingual document shows no changes")
    _check_locale(locale)
    if against:
        if len(events) != 1:
            _fail("with --against, give one event file: confdocs diff NEW --against REV")
        from .diff import read_revision

        old_loaded = read_revision(events[0], against, catalogs)
        new_loaded = _load(events[0], catalogs)
        old_name = old_loaded.sources.main.file  # REV:path in the repository
    else:
        if len(events) != 2:
            _fail("give two event files, OLD and NEW (or one with --against REV)")
        old_loaded, new_loaded = _load(events[0], catalogs), _load(events[1], catalogs)
        old_name = events[0]
    options: ExportOptions = {"audience": audience, "track_changes": False}  # type: ignore[typeddict-item]
    if locale:
        options["locale"] = locale
    result = compare(old_loaded.event, new_loaded.event, options, _host(ctx))
    items = result.view.changes.items if result.view.changes else ()
    if wants_json(as_json, old_format):
        out = {
            "old": old_name,
            "new": events[-1],
            "equal": result.equal,
            "changes": [
                _change_json(change, item, old_loaded.sources, new_loaded.sources)
                for change, item in zip(result.changes, items, strict=True)
            ],
        }
        from .display import json_printable

        click.echo(json_printable(json.dumps(out, ensure_ascii=False, indent=2)))
    else:
        # User text, escaped for the terminal as every command prints it.
        for change, item in zip(result.changes, items, strict=True):
            where = _change_place(change, old_loaded.sources, new_loaded.sources)
            _say(f"{where}: {item.line.plain}")
            for excerpt in item.detail:
                _say(f"    {_marked_text(excerpt)}")
        _warn_failures(_host(ctx))
    if not result.equal:
        sys.exit(EXIT_FINDINGS)


def _change_place(change: Any, old_sources: Any, new_sources: Any) -> str:
    """``file:line:column: path`` of a change: in the new version, or the old one for what was
    removed."""
    location = _change_location(change, old_sources, new_sources)
    if location is None:
        return change.where or "-"
    return f"{location}: {change.where}" if change.where else str(location)


def _change_location(change: Any, old_sources: Any, new_sources: Any) -> Any:
    if change.path:
        return new_sources.locate(change.place)
    if change.old_path:
        return old_sources.locate(change.old_place)
    return None


def _change_json(change: Any, item: Any, old_sources: Any, new_sources: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": change.kind, "message": item.line.plain}
    if item.detail:
        out["detail"] = [_marked_text(excerpt) for excerpt in item.detail]
    data = change.to_json()
    out["path"] = data.pop("path")
    if change.path:
        where = new_sources.locate(change.place)
        out.update(file=where.file, line=where.line, column=where.column)
    out["old_path"] = data.pop("old_path")
    if change.old_path:
        where = old_sources.locate(change.old_place)
        out.update(old_file=where.file, old_line=where.line, old_column=where.column)
    out.update(data)
    return out


def _marked_text(excerpt: Any) -> str:
    """An excerpt of an edit as text: deleted words in [-…-], inserted ones in {+…+} (as
    wdiff and git diff --word-diff write them)."""
    out = []
    for span in excerpt:
        if span.change == "del":
            out.append(f"[-{span.text}-]")
        elif span.change == "ins":
            out.append(f"{{+{span.text}+}}")
        else:
            out.append(span.text)
    return " ".join("".join(out).split("\n"))


@cli.command()
@json_option("the list")
@click.pass_context
def plugins(ctx: click.Context, as_json: bool, old_format: str | None) -> None:
    """List plugins, their versions, hooks, formats and checks."""
    import attrs

    host = _host(ctx)
    infos = host.info()
    if wants_json(as_json, old_format):
        data = [attrs.asdict(info) for info in infos]
        failures = [{"name": f.plugin, "error": f.message} for f in host.failures]
        click.echo(
            json.dumps({"plugins": data, "failures": failures} if failures else data, indent=2)
        )
        return
    for info in infos:
        _say(f"{info.name} {info.version or ''}".rstrip())
        _say(f"  hooks:   {', '.join(info.hooks) or '-'}")
        if info.formats:
            _say(f"  formats: {', '.join(info.formats)}")
        if info.checks:
            _say(f"  checks:  {', '.join(info.checks)}")
    _warn_failures(host)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of event files, for editors.

    See docs/schema.md for VS Code and other editors.
    """
    from .authoring.schema import event_schema

    click.echo(json.dumps(event_schema(), indent=2, ensure_ascii=False))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option(
    "--from", "source", type=click.Path(dir_okay=False), help="A past event to start from."
)
@click.option(
    "--start", type=click.DateTime(formats=["%Y-%m-%d"]), help="First day of the new event."
)
@catalog_option
def new(directory: str, source: str | None, start: Any, catalogs: tuple[str, ...]) -> None:
    """Start a new event from a past one or the minimal example."""
    from pathlib import Path

    from .authoring.newevent import new_event

    made = new_event(
        Path(directory), Path(source) if source else None, start.date() if start else None, catalogs
    )
    for path in made.written:
        _say(f"wrote {path}")
    _say(made.dates)


@cli.command()
@click.argument("event", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets other machines read the outline.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    callback=lambda _ctx, _param, names: _host_names(names),
    help="Also answer requests for this host name (a name other machines reach this one by); "
    "repeatable. IP addresses, localhost and this machine's name are always answered.",
)
@locale_option
@each_format_audience_option
@click.option(
    "--template",
    type=click.Path(dir_okay=False, exists=True),
    help="A user template, watched like the event (for --template-format).",
)
@click.option(
    "--template-format",
    default="html",
    show_default=True,
    help="The format whose layout --template replaces.",
)
@click.option(
    "--registrations",
    "-r",
    type=click.Path(dir_okay=False),
    help="Nominations (CSV or YAML) for the checks, watched like the event.",
)
@catalog_option
@click.pass_context
def serve(
    ctx: click.Context,
    event: str,
    port: int,
    host: str,
    allow_hosts: tuple[str, ...],
    locale: str | None,
    audience: str | None,
    template: str | None,
    template_format: str,
    registrations: str | None,
    catalogs: tuple[str, ...],
) -> None:
    """Preview EVENT in the browser, redrawn whenever its files change."""
    from pathlib import Path

    from .serve import Inputs, PreviewService

    _check_locale(locale)
    host_ = _host(ctx)
    if template and template_format not in host_.exporters():
        _fail(f"--template-format {template_format!r} is not an installed format")
    inputs = Inputs(
        Path(event),
        catalogs,
        Path(registrations) if registrations else None,
        Path(template) if template else None,
        template_format,
        locale,
        audience,
    )
    try:
        service = PreviewService(
            inputs, host, port, host_, on_rebuild=_report_rebuild, allow_hosts=allow_hosts
        )
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; try another --port")
    started()  # the first build is made; the rebuilds that follow are collected after
    with service:
        if not service.loopback:
            names = ", ".join(sorted(service.server.host_names))
            click.echo(
                f"confdocs: warning: listening on {host}, beyond this machine: anyone who can "
                f"reach port {service.server.port} can read the outline (with the internal "
                "audience, mobile numbers too). Requests are answered when they name this "
                f"server by an IP address or as {names}; to use another name, add "
                "--allow-host NAME",
                err=True,
            )
        _report_rebuild(service.preview.current, [])
        # Ctrl-C is the way to stop it, from the moment the address is printed (click would
        # turn a KeyboardInterrupt escaping here into "Aborted!" and exit code 1).
        with contextlib.suppress(KeyboardInterrupt):
            click.echo(f"Serving {event} at {service.url} (Ctrl-C to stop)", err=True)
            service.serve_forever()
    click.echo("confdocs: stopped serving", err=True)


def _host_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """``--allow-host`` values, each a host name as a browser's address bar has it."""
    for name in names:
        if not name or any(c in name for c in ":/[]@ ") or name.strip(".") == "":
            raise click.BadParameter(
                f"{name!r} is not a host name: give the name alone, without a port or "
                "http:// (IP addresses are always answered)",
                param_hint="'--allow-host'",
            )
    return names


def _report_rebuild(snapshot: Any, changed: Sequence[Any]) -> None:
    because = f" ({', '.join(p.name for p in changed)} changed)" if changed else ""
    if snapshot.ok:
        count = len(snapshot.findings)
        click.echo(
            f"built {snapshot.event_id} in {snapshot.took * 1000:.0f} ms{because}: "
            f"{count} finding{'s' if count != 1 else ''}",
            err=True,
        )
    else:
        click.echo(f"not built{because}:", err=True)
        for problem in snapshot.problems:
            click.echo(f"  {problem}", err=True)
    for failure in snapshot.failures:
        click.echo(f"  warning: {failure}", err=True)


def _on_signal(signum: int, frame: object) -> None:
    # Turn SIGTERM and SIGHUP (the terminal closed) into an exception, so staged files are
    # removed on the way out.
    raise SystemExit(128 + signum)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """A warning the library gives (``warnings.warn``), said as the command says the rest:
    one line on standard error, without the source line Python would print."""
    text = str(message).removeprefix("confdocs: ")
    _say(f"confdocs: warning: {text}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    import warnings

    warnings.showwarning = _show_warning
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    tune_for_a_command()
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="confdocs")
    except KeyboardInterrupt:
        click.echo("confdocs: interrupted; nothing half-written was left", err=True)
        sys.exit(130)
    finally:
        started()  # a program that runs the command in its own process goes on collecting


if __name__ == "__main__":  # pragma: no cover
    main()
