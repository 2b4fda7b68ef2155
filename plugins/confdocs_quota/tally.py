"""Seating registrations against the seats table, in one pass over the rows.

Every row is either *seated* (it fills a seat of an invitation group or an organisation
allocation) or refused with a finding saying why. The same pass gives the filled-seats figures
for ``confdocs quota`` and the findings for ``confdocs check``, so the two never disagree.

Everything is counted in dicts keyed by group and country: the cost is linear in the number of
rows, whatever the number of groups and countries.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from confdocs import Finding, error, info, warning
from confdocs.model import in_latin_letters, without_accents
from confdocs.view import SeatsTable, seats_table

if TYPE_CHECKING:
    from confdocs import Registration, Registrations
    from confdocs.model import Event

#: A delegation seat taken by a country in a group: (group id, country code).
GroupCountry = tuple[str, str]
#: A seat of an organisation allocation, per country when the allocation counts countries.
AllocationKey = tuple[str, str | None]
#: Refusals of people who would otherwise be seated: the seats they want are taken.
FULL_CODES = frozenset({"quota.seats-exceeded", "quota.composition"})



@attrs.frozen
class Rules:
    """The seats table turned into look-ups: seats by key, what each group and role allows."""

    table: SeatsTable
    delegation_seats: Mapping[GroupCountry, int]
    country_seats: Mapping[str, int]
    group_countries: Mapping[str, frozenset[str]]
    allocation_seats: Mapping[AllocationKey, int]
    allocation_countries: Mapping[str, frozenset[str]]
    #: Role id → seats it must fill in each delegation (``per_delegation``).
    roles: Mapping[str, int]
    role_labels: Mapping[str, str]
    #: Seats each delegation's composition takes (the sum of ``per_delegation``).
    needed_per_delegation: int = 0
    #: Countries whose exception gives a composition of their own: role id → seats.
    compositions: Mapping[str, Mapping[str, int]] = attrs.field(factory=dict)
    #: Online seats, on top of the in-person ones, by the same keys.
    online_delegation_seats: Mapping[GroupCountry, int] = attrs.field(factory=dict)
    online_allocation_seats: Mapping[AllocationKey, int] = attrs.field(factory=dict)

    def roles_for(self, country: str) -> Mapping[str, int]:
        """Role id → seats it must fill in ``country``'s delegation."""
        own = self.compositions.get(country)
        return {**dict.fromkeys(self.roles, 0), **own} if own is not None else self.roles

    def needed_for(self, country: str) -> int:
        return sum(self.roles_for(country).values())

    def spare_seats(self, country: str, country_seats: int) -> int:
        """Seats of a delegation beyond its composition, open to any role."""
        return max(0, country_seats - self.needed_for(country))

    @property
    def capacity(self) -> int:
        """Every seat, in person and online."""
        return self.table.total + self.table.online_seats

    @property
    def group_ids(self) -> frozenset[str]:
        return frozenset(self.group_countries)

    @property
    def allocation_ids(self) -> frozenset[str]:
        return frozenset(self.allocation_countries)


def make_rules(event: Event, table: SeatsTable | None = None) -> Rules:
    table = table or seats_table(event)
    delegation: dict[GroupCountry, int] = {}
    per_country: Counter[str] = Counter()
    group_countries: dict[str, set[str]] = {g.id: set() for g in event.participants.groups}
    for row in table.rows:
        # A country listed twice in a group is a finding of its own; seat it once.
        if (row.group, row.country) in delegation:
            continue
        delegation[(row.group, row.country)] = row.seats
        per_country[row.country] += row.seats
        group_countries.setdefault(row.group, set()).add(row.country)
    allocation_seats: dict[AllocationKey, int] = {}
    allocation_countries: dict[str, frozenset[str]] = {}
    for seats in table.allocations:
        alloc = seats.allocation
        allocation_countries[alloc.id] = frozenset(seats.countries)
        if seats.countries:
            for country in seats.countries:
                allocation_seats[(alloc.id, country)] = alloc.seats
        else:
            allocation_seats[(alloc.id, None)] = alloc.seats
    roles = event.participants.roles
    compositions: dict[str, Mapping[str, int]] = {}
    for group in event.participants.groups:
        for country in group.countries:
            own = group.composition_for(country)
            if own is not None:
                compositions.setdefault(country, own)
    online = {(row.group, row.country): row.online for row in table.rows if row.online}
    online_allocation: dict[AllocationKey, int] = {}
    for seats in table.allocations:
        alloc = seats.allocation
        if alloc.online_seats:
            keys: list[AllocationKey] = [(alloc.id, c) for c in seats.countries]
            for key in keys or [(alloc.id, None)]:
                online_allocation[key] = alloc.online_seats
    return Rules(
        table=table,
        delegation_seats=delegation,
        country_seats=dict(per_country),
        group_countries={k: frozenset(v) for k, v in group_countries.items()},
        allocation_seats=allocation_seats,
        allocation_countries=allocation_countries,
        roles={r.id: r.per_delegation for r in roles},
        role_labels={r.id: r.label for r in roles},
        needed_per_delegation=sum(r.per_delegation for r in roles),
        compositions=compositions,
        online_delegation_seats=online,
        online_allocation_seats=online_allocation,
    )


@attrs.define
class Tally:
    """What one pass over the registrations found."""

    rules: Rules
    file: str
    filled_delegation: Counter[GroupCountry] = attrs.field(factory=Counter)
    filled_allocation: Counter[AllocationKey] = attrs.field(factory=Counter)
    #: Online seats filled, by the same keys.
    online_delegation: Counter[GroupCountry] = attrs.field(factory=Counter)
    online_allocation: Counter[AllocationKey] = attrs.field(factory=Counter)
    #: Seated delegation members per country and role, over all that country's groups.
    roles_by_country: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    #: Delegation members seated online, per country and role (not in the composition).
    online_roles_by_country: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    filled_by_country: Counter[str] = attrs.field(factory=Counter)
    #: Seated members beyond their role's places, who use the delegation's spare seats.
    spare_used: Counter[str] = attrs.field(factory=Counter)
    #: First seated row of each country, where a finding about its delegation points.
    first_row: dict[str, tuple[int, Registration]] = attrs.field(factory=dict)
    #: Different people registered, and rows that repeat one of them.
    people: int = 0
    duplicates: int = 0
    #: Rows not seated, duplicates included.
    refused: int = 0
    findings: list[Finding] = attrs.field(factory=list)

    @property
    def seated(self) -> int:
        in_person = sum(self.filled_delegation.values()) + sum(self.filled_allocation.values())
        return in_person + self.seated_online

    @property
    def seated_online(self) -> int:
        return sum(self.online_delegation.values()) + sum(self.online_allocation.values())


def person_key(name: str) -> str:
    """A name compared the way people read it: case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def folded_key(name: str) -> str:
    """A name with its accents aside too ("Helene Saidi" reads as "Hélène Saïdi": a form
    filled in twice, once on a keyboard without them; the marks of Arabic or Hebrew vowels
    likewise). Two people may share it ("Nguyễn Thị Lan", "Nguyễn Thị Lân"), so a match is a
    warning, not a row refused."""
    return without_accents(person_key(name))


def script_key(name: str) -> tuple[str, bool] | None:
    """A name's consonants as Latin letters, and whether it was written in them: "Ірина
    Бондаренко" and "Iryna Bondarenko" are both ("rn bndrnk"), one transliterated ("Irina"
    as anyascii writes it, "Iryna" as Ukraine's passports do: the vowels differ, the
    consonants agree). A form filled in once in Cyrillic and once in Latin letters is one
    person more often than two; None for a name with no consonants to compare."""
    plain = folded_key(name)
    latin = in_latin_letters(plain)
    words = ("".join(c for c in w if c.isalpha() and c not in _VOWELS) for w in latin.split())
    skeleton = " ".join(word for word in words if word)
    return (skeleton, latin == plain) if skeleton else None


#: Letters whose transliteration varies most between systems (и, і, ы, й; ю, я …).
_VOWELS = frozenset("aeiouy")


def _who(reg: Registration) -> str:
    """A registrant as findings name them: "Ana Ruiz <ana@example.org>", or the name alone
    for a row without an e-mail address."""
    return f"{reg.name} <{reg.email}>" if reg.email else reg.name


def quota_findings(event: Event, rules: Rules, counted: Tally | None) -> Iterator[Finding]:
    """What the validator reports, and ``confdocs quota`` counts: the rules' own mistakes,
    then, with registrations, those of the rows ``counted`` seated or refused."""
    from .event_checks import check_rules

    yield from check_rules(event, rules.table)
    if counted is not None:
        yield from counted.findings


def tally(event: Event, registrations: Registrations, rules: Rules | None = None) -> Tally:
    """Seat every registration in file order; refuse, with a finding, those that break a rule."""
    rules = rules or make_rules(event)
    result = Tally(rules, registrations.file)
    by_email: dict[str, int] = {}
    by_name: dict[tuple[str, str | None], int] = {}
    by_folded: dict[tuple[str, str | None], int] = {}
    by_script: dict[tuple[str, bool, str | None], int] = {}
    lines: list[int | None] = []
    capacity = rules.capacity
    #: People who want a seat: those seated and those refused only because the seats are
    #: taken. A row refused for a mistake of its own (a country not invited, an unknown
    #: group) has its finding already, and is not counted again against the capacity.
    wanting = 0
    over_capacity_reported = False
    suggestions: dict[str, str] = {}
    for index, reg in enumerate(registrations.rows):
        lines.append(reg.line)
        where = _Where(result.file, index, reg.line)
        email = reg.email.strip().casefold()
        name = (person_key(reg.name), reg.country)
        first = by_email.get(email) if email else None
        if first is None:
            first = by_name.get(name)
            same = "name and country"
        else:
            same = "e-mail address"
        if first is not None:
            other = registrations.rows[first].name
            written = "" if other == reg.name else f"{other}, "
            result.findings.append(
                where.error(
                    "quota.duplicate-registration",
                    f"{_who(reg)} is registered twice: same {same} as "
                    f"{written}registrations[{first}]{_line_note(lines[first])}",
                )
            )
            result.refused += 1
            result.duplicates += 1
            continue
        folded = (folded_key(reg.name), reg.country)
        alike = by_folded.get(folded)
        scripted = script_key(reg.name)
        across = (
            by_script.get((scripted[0], not scripted[1], reg.country))
            if scripted is not None and alike is None
            else None
        )
        if across is not None:
            result.findings.append(
                where.warning(
                    "quota.possible-duplicate",
                    f"{_who(reg)} may be registered twice: the name of "
                    f"{registrations.rows[across].name}, registrations[{across}]"
                    f"{_line_note(lines[across])}, written in other letters, and the same "
                    "country; if they are one person, keep one row",
                )
            )
        if scripted is not None:
            by_script.setdefault((*scripted, reg.country), index)
        if alike is not None:
            result.findings.append(
                where.warning(
                    "quota.possible-duplicate",
                    f"{_who(reg)} may be registered twice: the name of "
                    f"{registrations.rows[alike].name}, registrations[{alike}]"
                    f"{_line_note(lines[alike])}, accents aside, and the same country; if they "
                    "are one person, keep one row",
                )
            )
        if email:
            by_email[email] = index
        by_name.setdefault(name, index)
        by_folded.setdefault(folded, index)
        result.people += 1
        finding = _seat(rules, result, reg, where, suggestions)
        if finding is None or finding.code in FULL_CODES:
            wanting += 1
        if wanting > capacity and not over_capacity_reported:
            over_capacity_reported = True
            result.findings.append(
                where.error(
                    "quota.over-capacity",
                    f"{reg.name} is person number {wanting} wanting a seat, beyond the "
                    f"{capacity} seats of the event",
                )
            )
        if finding is not None:
            result.findings.append(finding)
            result.refused += 1
    roles = {role.id: role.short_label or role.label for role in event.participants.roles}
    result.findings.extend(_delegations(rules, result, roles))
    return result


def _line_note(line: int | None) -> str:
    return f" (line {line})" if line is not None else ""


@attrs.frozen
class _Where:
    file: str
    index: int
    line: int | None

    def _at(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line}

    def error(self, code: str, message: str) -> Finding:
        return error(code, message, f"registrations[{self.index}]", **self._at())

    def warning(self, code: str, message: str) -> Finding:
        return warning(code, message, f"registrations[{self.index}]", **self._at())


def _seat(
    rules: Rules, result: Tally, reg: Registration, where: _Where, suggestions: dict[str, str]
) -> Finding | None:
    """Seat ``reg``, or return the finding that refuses it."""
    if reg.role is None:
        # The composition counts a delegation's members in the room: they need a role.
        if reg.group in rules.group_countries and rules.roles and not reg.online:
            return where.error(
                "quota.missing-role",
                f"{reg.name}: a delegation seat in {reg.group!r} needs a role "
                f"({', '.join(rules.roles)})",
            )
    elif rules.roles and reg.role not in rules.roles:
        return where.error(
            "quota.unknown-role",
            f"{reg.name}: role {reg.role!r} is not one of {', '.join(rules.roles)}"
            + (f"; did you mean {close[0]!r}?"
               if (close := difflib.get_close_matches(reg.role, list(rules.roles), n=1)) else ""),
        )
    if reg.group in rules.group_countries:
        return _seat_delegate(rules, result, reg, where)
    if reg.group in rules.allocation_countries:
        return _seat_allocation(rules, result, reg, where)
    if reg.group not in suggestions:
        close = difflib.get_close_matches(
            reg.group, [*rules.group_countries, *rules.allocation_countries], n=1
        )
        suggestions[reg.group] = f"; did you mean {close[0]!r}?" if close else ""
    return where.error(
        "quota.unknown-group",
        f"{reg.name}: {reg.group!r} is neither an invitation group nor an organisation "
        f"allocation{suggestions[reg.group]}",
    )


def _seat_delegate(rules: Rules, result: Tally, reg: Registration, where: _Where) -> Finding | None:
    country = reg.country
    if country is None:
        return where.error(
            "quota.missing-country",
            f"{reg.name}: a delegation seat in {reg.group!r} needs the country it represents",
        )
    key = (reg.group, country)
    seats = rules.delegation_seats.get(key)
    if seats is None:
        return where.error(
            "quota.not-invited", f"{reg.name}: {country} is not invited in group {reg.group!r}"
        )
    if reg.online:
        # Online seats come on top of the delegation; its composition is the in-person one.
        refused = _seat_online(rules.online_delegation_seats, result.online_delegation, key,
                               reg, where, f"{country} has", f"in {reg.group!r}",
                               "the group's online_seats_per_country")
        if refused is None and reg.role is not None:
            result.online_roles_by_country[(country, reg.role)] += 1
        return refused
    if result.filled_delegation[key] >= seats:
        return where.error(
            "quota.seats-exceeded",
            f"{reg.name}: {country} has {seats} seat{_s(seats)} in {reg.group!r}, "
            f"all taken already",
        )
    # No role only where the event names none (else it was refused): every seat is open.
    role = reg.role or ""
    total = rules.country_seats[country]
    role_count = result.roles_by_country[(country, role)]
    roles = rules.roles_for(country)
    places = roles.get(role, 0)
    beyond_role = role_count >= places
    spare = rules.spare_seats(country, total)
    if beyond_role and result.spare_used[country] >= spare:
        return where.error(
            "quota.composition",
            f"{reg.name}: the delegation of {country} ({total} seat{_s(total)}) "
            f"{_role_phrase(role, role_count, places, spare)}; "
            f"{_composition(roles, total)}",
        )
    if beyond_role:
        result.spare_used[country] += 1
    result.filled_delegation[key] += 1
    result.filled_by_country[country] += 1
    result.roles_by_country[(country, role)] += 1
    result.first_row.setdefault(country, (where.index, reg))
    return None


def _role_phrase(role: str, count: int, places: int, spare: int) -> str:
    if spare:
        return f"already has {count} {role!r} and its spare seat{_s(spare)} taken"
    if places == 0:
        return f"has no seat for the role {role!r}"
    return f"already has {count} {role!r}, as many as it may"


def _composition(roles: Mapping[str, int], seats: int) -> str:
    """``each delegation is one 'prosecutor' and one 'law-enforcement'``, from the roles."""
    parts = [f"{_count_word(n)} {role!r}" for role, n in roles.items() if n > 0]
    if not parts:
        return "the event sets no composition"
    spare = seats - sum(roles.values())
    extra = f", plus {spare} seat{_s(spare)} for any role" if spare > 0 else ""
    if spare < 0:
        return f"its seat{_s(seats)} go{'es' if seats == 1 else ''} to {' or '.join(parts)}"
    return f"each delegation is {' and '.join(parts)}{extra}"


def _count_word(n: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(n, str(n))


def _seat_allocation(
    rules: Rules, result: Tally, reg: Registration, where: _Where
) -> Finding | None:
    countries = rules.allocation_countries[reg.group]
    key: AllocationKey = (reg.group, None)
    if countries:
        if reg.country is None:
            return where.error(
                "quota.missing-country",
                f"{reg.name}: allocation {reg.group!r} has seats per country; give the country",
            )
        if reg.country not in countries:
            return where.error(
                "quota.not-invited",
                f"{reg.name}: {reg.country} has no seat in allocation {reg.group!r}",
            )
        key = (reg.group, reg.country)
    if reg.online:
        whose = f"for {reg.country} " if countries else ""
        return _seat_online(rules.online_allocation_seats, result.online_allocation, key, reg,
                            where, f"allocation {reg.group!r} has", whose.strip(),
                            "the allocation's online_seats")
    seats = rules.allocation_seats[key]
    if result.filled_allocation[key] >= seats:
        whose = f" for {reg.country}" if countries else ""
        return where.error(
            "quota.seats-exceeded",
            f"{reg.name}: allocation {reg.group!r} has {seats} seat{_s(seats)}{whose}, "
            f"all taken already",
        )
    result.filled_allocation[key] += 1
    return None


def _seat_online(
    seats: Mapping[Any, int],
    filled: Counter[Any],
    key: Any,
    reg: Registration,
    where: _Where,
    who: str,
    place: str,
    giving: str,
) -> Finding | None:
    """Seat ``reg`` online, or refuse it: ``who`` (``Ghana has``) names the seats' owner,
    ``giving`` the key that gives them (said when there are none)."""
    online = seats.get(key, 0)
    if filled[key] >= online:
        taken = ", all taken already" if online else f" ({giving} gives them)"
        return where.error(
            "quota.seats-exceeded",
            f"{reg.name}: {who} {online} online seat{_s(online)}"
            f"{' ' + place if place else ''}{taken}",
        )
    filled[key] += 1
    return None


def _still(lacking: int, needed: int, role: str) -> str:
    """What a delegation still lacks of a role: "one Prosecutor ('prosecutor')" when it
    needs one ("one", not "a": the role is in the event's language, "an Enquêteur" would
    need English's rule), "1 more Fiscal ('fiscal')" when it has some of the two it needs,
    "2 × Fiscal …" when none."""
    if needed == 1:
        return f"one {role}"
    return f"{lacking} more {role}" if lacking < needed else f"{lacking} × {role}"


def _delegations(
    rules: Rules, result: Tally, labels: Mapping[str, str]
) -> Iterable[Finding]:
    """Seats still empty in delegations that have started to register (the roles still
    missing named as the event names them, with their ids)."""
    for country, (index, reg) in result.first_row.items():
        seats = rules.country_seats[country]
        filled = result.filled_by_country[country]
        if filled >= seats:
            continue
        needed = {role: n for role, n in rules.roles_for(country).items() if n > 0}
        missing = [
            role for role, n in needed.items() if result.roles_by_country[(country, role)] < n
        ] if seats >= rules.needed_for(country) else []
        empty = seats - filled
        named = [
            _still(needed[r] - result.roles_by_country[(country, r)], needed[r],
                   f"{labels[r]} ({r!r})" if r in labels else repr(r))
            for r in missing
        ]  # fmt: skip
        listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)
        detail = f" (it still needs {listed})" if missing else ""
        # Who has the role but follows online fills no seat in the room: said, as an
        # organiser reads "it still needs one investigator" of a delegation that sent one.
        online = [
            f"{n} {labels.get(r, r)} ({r!r})"
            for r in missing
            if (n := result.online_roles_by_country[(country, r)])
        ]
        if online:
            detail += f"; registered online, which fills no in-person seat: {', '.join(online)}"
        yield warning(
            "quota.composition",
            f"the delegation of {country} fills {filled} of its {seats} seats; "
            f"{empty} seat{_s(empty)} still empty{detail}",
            f"registrations[{index}]",
            file=result.file,
            line=reg.line,
        )
    if result.first_row:
        silent = [c for c in rules.country_seats if c not in result.first_row]
        if silent:
            shown = ", ".join(silent[:12]) + (" …" if len(silent) > 12 else "")
            yield info(
                "quota.no-nominations",
                f"{len(silent)} invited countr{'y has' if len(silent) == 1 else 'ies have'} "
                f"nominated no one yet: {shown}",
                "registrations",
                file=result.file,
            )


def _s(n: int) -> str:
    return "" if n == 1 else "s"
