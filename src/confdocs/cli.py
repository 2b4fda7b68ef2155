"""The ``confdocs`` command line. The library never prints; this module does.

Exit codes (``EXIT_CODES``, also in ``confdocs --help``): 0 success; 1 error-level findings, a
requested format that failed, or any plugin failure under ``--strict``; 2 unusable input (a bad
file, template or option, an unknown format), with one clear message and no traceback; 3 the
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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__

if TYPE_CHECKING:
    from .building import Document
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


def _report_input_error(exc: InputError) -> NoReturn:
    for problem in exc.problems:
        _say(f"{problem}", err=True)
    count = len(exc.problems)
    _say(
        f"confdocs: {count} problem{'s' if count != 1 else ''} in the input; nothing was written",
        err=True,
    )
    sys.exit(EXIT_INPUT)


def _host(ctx: click.Context) -> PluginHost:
    host: PluginHost | None = ctx.obj.get("host") if ctx.obj else None
    if host is None:
        from .plugins import get_plugin_manager

        host = get_plugin_manager(strict=False)
        ctx.ensure_object(dict)["host"] = host
    return host


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
        from .errors import ConfdocsError, InputError
        from .output import OutputError

        try:
            return super().invoke(ctx)
        except InputError as exc:
            _report_input_error(exc)
        except OutputError as exc:
            _fail(f"{exc}; nothing half-written was left", EXIT_OUTPUT)
        except ConfdocsError as exc:
            _fail(str(exc))


@click.group(
    cls=ConfdocsGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES
)
@click.version_option(__version__, "--version", "-V", prog_name="confdocs")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Model a conference once; build its outline in every format and check it."""
    ctx.ensure_object(dict)


def _load(path: str, catalogs: Sequence[str] = ()) -> Any:
    from .loading import load_event_with_sources

    return load_event_with_sources(path, catalogs)


catalog_option = click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="A folder of shared catalogs that includes may reach (repeatable).",
)


@cli.command()
@click.argument("events", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--output-dir", "-o", required=True, type=click.Path(file_okay=False), help="Where to write."
)
@click.option(
    "--format", "-f", "formats", multiple=True, help="Format name (repeatable); all when none."
)
@click.option("--locale", "-l", default=None, help="Locale of labels and dates (en, fr, es, pt …).")
@click.option(
    "--template",
    type=click.Path(dir_okay=False, exists=True),
    help="A user template for the format.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="internal",
    show_default=True,
    help="public leaves out fields marked internal.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Write nothing and exit 1 if any plugin fails, even one not asked for anything.",
)
@catalog_option
@click.pass_context
def build(
    ctx: click.Context,
    events: tuple[str, ...],
    output_dir: str,
    formats: tuple[str, ...],
    locale: str | None,
    template: str | None,
    audience: str,
    strict: bool,
    catalogs: tuple[str, ...],
) -> None:
    """Build EVENTS' documents into --output-dir, named <event id>.<suffix>.

    Exit code 1 when a requested format failed (the others are written), 2 for unusable input
    (nothing is written), 3 when the output cannot be written. A plugin that fails but
    provides none of the requested formats is a warning, unless --strict.
    """
    from .building import build as build_documents
    from .building import write_documents
    from .model.codes import is_locale
    from .plugins.protocols import ExportOptions

    if locale is not None and not is_locale(locale):
        _fail(f"--locale {locale!r} is not a locale (try en, fr, es or pt)")
    host = _host(ctx)
    if template and len(formats) != 1:
        _fail("--template applies to one format: give exactly one --format")
    options: ExportOptions = {"audience": audience}  # type: ignore[typeddict-item]
    if locale:
        options["locale"] = locale
    if template:
        options["template"] = template
    if any(f not in host.exporters() for f in formats):
        _warn_failures(host)  # a requested format may be missing because its plugin failed
    documents: list[Document] = []
    failures: list[PluginFailure] = []
    seen: dict[str, str] = {}
    # Everything is built in memory first: a clash found at the twentieth event still
    # leaves the output folder untouched.
    with _progress(events, "Building") as bar:
        for path in bar:
            item = _load(path, catalogs)
            if item.event.id in seen:
                _fail(
                    f"{path} and {seen[item.event.id]} both have the id {item.event.id!r}; "
                    "their files would collide (nothing was written)"
                )
            seen[item.event.id] = path
            result = build_documents(item.event, formats or None, options, host)
            documents.extend(result.documents)
            failures.extend(f for f in result.failures if f not in failures)
    _refuse_collisions(documents)
    # Plugins that failed to load or register are warnings; formats that failed are errors.
    unrelated = [f for f in failures if f in host.failures]
    failed = [f for f in failures if f not in host.failures]
    for failure in unrelated:
        _say(f"confdocs: {'error' if strict else 'warning'}: {failure}", err=True)
    for failure in failed:
        _say(f"confdocs: error: {failure}", err=True)
    if strict and failures:
        _say("confdocs: --strict: nothing was written", err=True)
        sys.exit(EXIT_FINDINGS)
    for written in write_documents(documents, output_dir):
        _say(f"wrote {written}")
    if failed:
        sys.exit(EXIT_FINDINGS)


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
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@catalog_option
@click.pass_context
def check(
    ctx: click.Context, event: str, registrations: str | None, fmt: str, catalogs: tuple[str, ...]
) -> None:
    """Run every validator on EVENT (and its registrations)."""
    from .building import check as run_checks
    from .findings import Severity

    loaded = _load(event, catalogs)
    regs = None
    if registrations:
        from .loading.registrations import load_registrations

        regs = load_registrations(registrations)
    findings = run_checks(loaded.event, regs, _host(ctx), loaded.sources)
    if fmt == "json":
        from .display import json_printable

        data = [f.to_json() for f in findings]
        click.echo(json_printable(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        _print_findings(loaded.event.id, findings)
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
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def plugins(ctx: click.Context, fmt: str) -> None:
    """List plugins: name, version, hooks, and the formats and checks each provides."""
    import attrs

    host = _host(ctx)
    infos = host.info()
    if fmt == "json":
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
    """Print the JSON Schema of event files (for editors: see docs/schema.md)."""
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
    """Create a new event in DIRECTORY, from the minimal example or from a past event."""
    from pathlib import Path

    from .authoring.newevent import new_event

    for path in new_event(
        Path(directory), Path(source) if source else None, start.date() if start else None, catalogs
    ):
        _say(f"wrote {path}")


def _on_signal(signum: int, frame: object) -> None:
    # Turn SIGTERM and SIGHUP (the terminal closed) into an exception, so staged files are
    # removed on the way out.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> None:
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="confdocs")
    except KeyboardInterrupt:
        click.echo("confdocs: interrupted; nothing half-written was left", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
