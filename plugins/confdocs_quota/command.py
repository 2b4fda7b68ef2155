"""``confdocs quota EVENT [--registrations FILE]``: the seats table, filled and free."""

from __future__ import annotations

import json

import click

import confdocs
from confdocs.display import json_printable, printable


@click.command()
@click.argument("event", type=click.Path(dir_okay=False))
@click.option("--registrations", "-r", type=click.Path(dir_okay=False),
              help="Nominations (CSV or YAML): adds filled and free seats.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--catalog", "catalogs", multiple=True, type=click.Path(file_okay=False),
              help="A folder of shared catalogs that includes may reach (repeatable).")
def quota(event: str, registrations: str | None, fmt: str, catalogs: tuple[str, ...]) -> None:
    """Print EVENT's seats per group and country, per allocation, and totals."""
    from .report import render_text, seats_report
    from .tally import make_rules, tally

    loaded = confdocs.load_event(event, catalogs)
    rules = make_rules(loaded)
    counted = None
    if registrations is not None:
        counted = tally(loaded, confdocs.load_registrations(registrations), rules)
    report = seats_report(loaded, rules, counted)
    if fmt == "json":
        click.echo(json_printable(json.dumps(report, ensure_ascii=False, indent=2)))
    else:
        # Group names and labels come from the event file: escaped for the terminal.
        click.echo(printable(render_text(report), keep_lines=True))
