"""The seats table as plain data: seats, filled and free per group and country, per
allocation, and totals. ``confdocs quota`` prints it as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from confdocs import counted
from confdocs.view import country_name

if TYPE_CHECKING:
    from confdocs.model import Event

    from .tally import Rules, Tally


def seats_report(event: Event, rules: Rules, tally: Tally | None) -> dict[str, Any]:
    """Everything ``confdocs quota`` shows; ``filled``/``free`` only with registrations."""
    names = event.settings.country_names
    locale = event.settings.locale
    table = rules.table

    def figures(seats: int, filled: int | None) -> dict[str, Any]:
        out: dict[str, Any] = {"seats": seats}
        if filled is not None:
            out["filled"] = filled
            out["free"] = max(seats - filled, 0)
        return out

    groups = []
    for group in event.participants.groups:
        rows = []
        for row in table.rows:
            if row.group != group.id:
                continue
            filled = None if tally is None else tally.filled_delegation[(row.group, row.country)]
            rows.append(
                {
                    "country": row.country,
                    "name": country_name(row.country, locale, names),
                    **figures(row.seats, filled),
                    "notes": list(row.notes),
                    "exception": row.seats != group.seats_per_country or bool(row.notes),
                }
            )
        group_filled = None if tally is None else sum(r["filled"] for r in rows)
        groups.append(
            {
                "id": group.id,
                "project": group.project,
                **figures(sum(r["seats"] for r in rows), group_filled),
                "countries": rows,
            }
        )
    allocations = []
    for seats in table.allocations:
        alloc = seats.allocation
        countries = []
        for country in seats.countries:
            filled = None if tally is None else tally.filled_allocation[(alloc.id, country)]
            countries.append(
                {
                    "country": country,
                    "name": country_name(country, locale, names),
                    **figures(alloc.seats, filled),
                }
            )
        if tally is None:
            alloc_filled = None
        elif seats.countries:
            alloc_filled = sum(c["filled"] for c in countries)
        else:
            alloc_filled = tally.filled_allocation[(alloc.id, None)]
        allocations.append(
            {
                "id": alloc.id,
                "label": alloc.label,
                "organisation": alloc.organisation,
                **figures(seats.seats, alloc_filled),
                "countries": countries,
            }
        )
    delegation_filled = None if tally is None else sum(tally.filled_delegation.values())
    organisation_filled = None if tally is None else sum(tally.filled_allocation.values())
    stated = event.participants.stated_total
    totals: dict[str, Any] = {
        "countries": len(table.countries),
        "delegations": figures(table.delegation_seats, delegation_filled),
        "organisations": figures(table.organisation_seats, organisation_filled),
        "total": figures(
            table.total,
            None if tally is None else (delegation_filled or 0) + (organisation_filled or 0),
        ),
        "online": figures(
            table.online_seats, None if tally is None else tally.seated_online
        ),
        "stated": None
        if stated is None
        else {"value": stated.value, "approximate": stated.approximate},
    }
    out: dict[str, Any] = {"event": event.id, "groups": groups, "allocations": allocations}
    out["totals"] = totals
    if tally is not None:
        out["registrations"] = {
            "file": tally.file,
            "rows": tally.people + tally.duplicates,
            "people": tally.people,
            "seated": tally.seated,
            "refused": tally.refused,
        }
    return out


def render_text(report: dict[str, Any]) -> str:
    """The report as an aligned table for a terminal."""
    with_filled = "registrations" in report
    label_width = 46
    lines: list[str] = []

    def row(label: str, fig: dict[str, Any], indent: int = 0) -> None:
        text = " " * indent + label
        if len(text) > label_width:
            text = text[: label_width - 1] + "…"
        cells = f"{fig['seats']:>6}"
        if with_filled:
            cells += f"{fig['filled']:>8}{fig['free']:>6}"
        lines.append(f"{text:<{label_width}}{cells}")

    header = f"{'':<{label_width}}{'seats':>6}"
    if with_filled:
        header += f"{'filled':>8}{'free':>6}"
    lines.append(f"Seats of {report['event']}")
    lines.append("")
    lines.append(f"{'Delegations':<{label_width}}" + header[label_width:])
    for group in report["groups"]:
        row(f"{group['project']} ({group['id']})", group, 2)
        for country in group["countries"]:
            mark = " *" if country["exception"] else ""
            row(f"{country['country']}  {country['name']}{mark}", country, 4)
    lines.append("")
    lines.append("Organisation allocations")
    for alloc in report["allocations"]:
        row(f"{alloc['id']}", alloc, 2)
        for country in alloc["countries"]:
            row(f"{country['country']}  {country['name']}", country, 4)
    totals = report["totals"]
    lines.append("")
    row(f"Delegations ({totals['countries']} countries)", totals["delegations"])
    row("Organisations", totals["organisations"])
    row("Total", totals["total"])
    if totals["online"]["seats"]:
        row("Online, on top of the total", totals["online"])
    stated = totals["stated"]
    if stated is not None:
        approx = "approximately " if stated["approximate"] else ""
        lines.append(f"Stated total: {approx}{stated['value']}")
    if any(c["exception"] for g in report["groups"] for c in g["countries"]):
        lines.append("* an exception or note applies (see the outline)")
    regs = report.get("registrations")
    if regs is not None:
        lines.append("")
        lines.append(
            f"Registrations: {regs['rows']} in {regs['file']} ({regs['people']} different "
            f"people), {regs['seated']} seated"
        )
        if regs["refused"]:
            lines.append(
                f"{counted(regs['refused'], 'registration')} not seated: "
                "run confdocs check with --registrations to see why"
            )
    return "\n".join(lines)
