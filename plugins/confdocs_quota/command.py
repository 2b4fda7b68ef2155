"""``confdocs quota EVENT [--registrations FILE]``: the seats table, filled and free."""

from __future__ import annotations

import json

import click

import confdocs
from confdocs import json_printable, printable


@click.command()
@click.argument("event", type=click.Path(dir_okay=False))
@click.option("--registrations", "-r", type=click.Path(dir_okay=False),
              help="Nominations (CSV or YAML): adds filled and free seats.")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
@click.option("--format", "old_format", type=click.Choice(["text", "json"]), default=None,
              hidden=True, help="Old spelling of --json.")
@click.option("--catalog", "catalogs", multiple=True, type=click.Path(file_okay=False),
              help="A folder of shared catalogs that includes may reach (repeatable).")
def quota(
    event: str,
    registrations: str | None,
    as_json: bool,
    old_format: str | None,
    catalogs: tuple[str, ...],
) -> None:
    """Print the seats of EVENT, filled and free.

    Per group and country, per allocation, and in all; with --registrations, how many are
    filled and how many are still free. Exits 1 when the quota rules or the registrations
    hold an error (``confdocs check`` says each, with its place), as ``check`` does.
    """
    from confdocs import Severity

    from .report import render_text, seats_report
    from .tally import make_rules, quota_findings, tally

    loaded = confdocs.load_event(event, catalogs)
    rules = make_rules(loaded)
    counted = None
    if registrations is not None:
        counted = tally(loaded, confdocs.load_registrations(registrations), rules)
    findings = list(quota_findings(loaded, rules, counted))
    report = seats_report(loaded, rules, counted)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if as_json or old_format == "json":
        report["errors"] = errors
        click.echo(json_printable(json.dumps(report, ensure_ascii=False, indent=2)))
    else:
        # Group names and labels come from the event file: escaped for the terminal.
        click.echo(printable(render_text(report), keep_lines=True))
        if errors:
            click.echo(
                f"{errors} error{'s' if errors != 1 else ''} in the quota: "
                "confdocs check says each, with its place",
                err=True,
            )
    if errors:
        raise SystemExit(1)
