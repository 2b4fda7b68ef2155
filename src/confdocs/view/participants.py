"""The participants part: invitation groups, roles, allocations and the seats table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from .lines import Line, Span, fill, line, rich_span
from .links import web_href
from .parts import (
    AllocationView,
    CompositionView,
    CountryView,
    GroupView,
    ParticipantsView,
    RoleView,
    TallyRow,
)
from .richtext import RichText, escape_markdown, parse
from .seats import SeatsTable, seats_table

if TYPE_CHECKING:
    from .composer import Composer


def figures_of(c: Composer, table: SeatsTable) -> dict[str, int]:
    """The figures the participants' texts may say ({countries}, {seats_per_country} …)."""
    part = c.event.participants
    # The figure an intro states: the seats most groups give each country.
    per_country = Counter(g.seats_per_country for g in part.groups).most_common(1)
    return {
        "countries": len(table.countries),
        "seats_per_country": per_country[0][0] if per_country else 0,
        "delegation_seats": table.delegation_seats,
        "organisation_seats": table.organisation_seats,
        "total": table.total,
        "stated_total": part.stated_total.value if part.stated_total else table.total,
    }


def participants_part(c: Composer) -> ParticipantsView:
    part = c.event.participants
    table = seats_table(c.event)
    figures = figures_of(c, table)
    # As the document's locale writes numbers ("1 234" in French, "1,234" in English).
    values: dict[str, object] = {key: c.fmt.number(n) for key, n in figures.items()}
    intro = c.rich(part.intro, values)
    roles = tuple(_role(c, r.id, r.label, r.per_delegation) for r in part.roles)
    compositions: list[CompositionView] = []
    groups = tuple(_group(c, table, group, roles, compositions) for group in part.groups)
    eligibility = c.rich(part.eligibility, values)
    composition = c.rich(part.composition, values)
    composition_lines = _composition_lines(composition, roles)
    if composition_lines:
        # The lines of the roles follow the groups' list: said as a list of their own. When
        # the seats most groups give a country (the intro's figure; a group that differs
        # says so in its notes) are fewer than the roles make up, the participants are
        # chosen among them, as those countries' letters say.
        needed = sum(r.per_delegation for r in roles)
        short = int(figures["seats_per_country"]) < needed
        key = "composition_intro_any" if short else "composition_intro"
        composition = parse(escape_markdown(c.labels[key]))
    allocations_intro = c.rich(part.allocations_intro, values)
    allocations = tuple(
        AllocationView(
            i, a.allocation.id, c.rich(a.allocation.label, values) or parse(""), a.seats
        )
        for i, a in enumerate(table.allocations, 1)
    )
    stated = part.stated_total
    view = ParticipantsView(
        intro=intro,
        groups=groups,
        eligibility=eligibility,
        roles=roles,
        composition=composition,
        allocations_intro=allocations_intro,
        allocations=allocations,
        total_text=c.rich(part.total_text, values),
        country_count=len(table.countries),
        delegation_seats=table.delegation_seats,
        organisation_seats=table.organisation_seats,
        total=table.total,
        stated_total=stated.value if stated else None,
        approximate=bool(stated and stated.approximate),
        online_seats=table.online_seats,
        compositions=tuple(compositions),
        composition_lines=composition_lines,
    )
    if not c.event.settings.show_seat_counts:
        return view
    return attrs.evolve(view, table=_tally(c, view), summary=_summary(c, view))


def _group(
    c: Composer,
    table: SeatsTable,
    group: object,
    roles: tuple[RoleView, ...],
    compositions: list[CompositionView],
) -> GroupView:
    from ..model import InvitationGroup

    assert isinstance(group, InvitationGroup)
    countries = []
    for row in table.rows:
        if row.group != group.id:
            continue
        refs = [c.number_note(n) for n in row.notes]
        own = group.composition_for(row.country)
        if own is not None:
            made = _composition(c, group.id, row.country, row.seats, own, roles)
            compositions.append(made)
            if made.note is not None:
                refs.append(made.note)
        countries.append(
            CountryView(row.country, c.fmt.country(row.country), row.seats, tuple(refs))
        )
    notes = tuple(c.number_note(n) for n in group.notes)
    countries_line = c.fmt.join_line(
        [line(Span(x.name, "country"), *_refs(c, x.notes)) for x in countries]
    )
    project = fill(
        c.labels["group_label"],
        project=Span(group.project, "project", href=web_href(group.url) if group.url else None),
    )
    project = Line(tuple(attrs.evolve(span, strong=True) for span in project))
    return GroupView(
        group.id,
        group.project,
        group.url,
        tuple(countries),
        table.group_seats(group.id),
        group.seats_per_country,
        notes,
        line=c.fmt.after(project, line(countries_line, *_refs(c, notes))),
        countries_line=countries_line,
    )


def _composition_lines(
    composition: RichText | None, roles: tuple[RoleView, ...]
) -> tuple[Line, ...]:
    """The delegation's composition as lines: none when the event writes it as a text of its
    own, else each role that has seats in a delegation."""
    if composition is not None:
        return ()
    return tuple(role.line for role in roles if role.per_delegation)


def _composition(
    c: Composer,
    group: str,
    country: str,
    seats: int,
    own: Mapping[str, int],
    roles: tuple[RoleView, ...],
) -> CompositionView:
    """The composition an exception gives a country, and the footnote that says it."""
    labels = {role.id: role.label for role in roles}
    taken = tuple(
        attrs.evolve(
            _role_of(c, role_id, labels[role_id], count), per_delegation=count
        )
        for role_id, count in own.items()
        if count and role_id in labels
    )
    name = c.fmt.country(country)
    said = fill(
        c.labels["composition_of"],
        country=Span(name, "country"),
        roles=c.fmt.join_line([r.line for r in taken]),
    )
    note = None
    if taken:
        # The note's text is Markdown: the country's name escaped, the roles' labels as written.
        roles_text = c.fmt.join(
            [c.labels.get("role_line", count=r.per_delegation, role=r.label.source) for r in taken]
        )
        markdown = c.labels.get(
            "composition_of", country=escape_markdown(name), roles=roles_text
        )
        note = c.make_note(f"composition:{group}:{country}", markdown)
    return CompositionView(
        c.country_ref(country),
        group,
        seats,
        taken,
        said,
        note,
    )


def _role_of(c: Composer, role_id: str, label: RichText, count: int) -> RoleView:
    shown = fill(
        c.labels["role_line"],
        count=Span(c.fmt.number(count), "count"),
        role=rich_span(label, "role"),
    )
    return RoleView(role_id, label, count, shown)


def _refs(c: Composer, numbers: tuple[int, ...]) -> list[Span]:
    """References to the notes ``numbers``, the language's separator between two (³,⁴ rather
    than ³⁴, which reads as note 34)."""
    spans: list[Span] = []
    for n in numbers:
        if spans:
            spans.append(Span(c.labels["note_separator"], "note-separator"))
        spans.append(Span("", "note-ref", note=n))
    return spans


def _role(c: Composer, role_id: str, label: str, per_delegation: int) -> RoleView:
    rich = c.rich(label) or parse("")
    return _role_of(c, role_id, rich, per_delegation)


def _tally(c: Composer, part: ParticipantsView) -> tuple[TallyRow, ...]:
    labels = c.labels
    number = c.fmt.number
    rows = [
        TallyRow("group", line(Span(g.project, "project")), len(g.countries), number(g.seats))
        for g in part.groups
    ]
    rows.append(
        TallyRow(
            "delegations",
            line(Span(labels["delegation_seats"], "label")),
            part.country_count,
            number(part.delegation_seats),
        )
    )
    rows += [
        TallyRow(
            "allocation",
            c.fmt.after(
                Span(labels.get("list_number", number=number(a.number)), "number"),
                rich_span(a.label, "allocation"),
            ),
            None,
            number(a.seats),
        )
        for a in part.allocations
    ]
    rows.append(
        TallyRow(
            "organisations",
            line(Span(labels["organisation_seats"], "label")),
            None,
            number(part.organisation_seats),
        )
    )
    rows.append(TallyRow("total", line(Span(labels["total"], "label")), None, number(part.total)))
    if part.online_seats:
        rows.append(
            TallyRow(
                "online",
                line(Span(labels["online_seats"], "label")),
                None,
                number(part.online_seats),
            )
        )
    if part.stated_total is not None:
        stated = number(part.stated_total)
        rows.append(
            TallyRow(
                "stated",
                line(Span(labels["stated_total"], "label")),
                None,
                labels.get("approximately", value=stated) if part.approximate else stated,
            )
        )
    return tuple(rows)


def _summary(c: Composer, part: ParticipantsView) -> Line:
    items = [
        ("countries", part.country_count),
        ("delegation_seats", part.delegation_seats),
        ("organisation_seats", part.organisation_seats),
        ("total", part.total),
    ]
    if part.online_seats:
        items.append(("online_seats", part.online_seats))
    out = Line()
    for i, (key, value) in enumerate(items):
        if i:
            out += line(Span(c.labels["summary_separator"], "separator"))
        out += c.labelled(key, Span(c.fmt.number(value), "count"))
    return out
