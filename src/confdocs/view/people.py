"""How the document names people: display names, the lines contributions show, references.

:func:`display_name` is the one rule for spelling a person's name; plugins that list people
(badges, participant lists) call it rather than writing their own.
"""

from __future__ import annotations

import re

from ..model import Event, Organisation, Person, Settings, SurnameStyle
from .formatting import Formatter
from .lines import Line, Span
from .parts import PersonRef


def display_name(person: Person, surname_style: SurnameStyle | Settings = "as-written") -> str:
    """The person's name as the document spells it: given name, particle, family name, the
    family name in capitals with ``surname_style="upper"`` ("Rolf van WEGBERG")."""
    style = surname_style.surname_style if isinstance(surname_style, Settings) else surname_style
    family = person.family_name.upper() if style == "upper" else person.family_name
    return " ".join(p for p in (person.given_name, person.particle or "", family) if p)


def written_name(
    name: str, family_name: str | None, surname_style: SurnameStyle | Settings = "as-written"
) -> str:
    """A name written whole (a registration's ``name``), spelt by :func:`display_name`'s rule:
    its ``family_name`` part in capitals with ``surname_style="upper"``, wherever the name
    puts it ("Mariana SOSA", "NGUYEN Van An"); as written without a family name."""
    style = surname_style.surname_style if isinstance(surname_style, Settings) else surname_style
    name = " ".join(name.split())
    if not family_name or style != "upper":
        return name
    pattern = rf"(?<!\w){re.escape(family_name.casefold())}(?!\w)"
    found = re.search(pattern, name.casefold())
    if found is None or len(name.casefold()) != len(name):
        return name
    start, end = found.span()
    if end == len(name):  # the usual order: the same rule as display_name's
        given = name[:start].strip()
        return display_name(Person(id="_", given_name=given, family_name=name[start:]), style)
    return name[:start] + name[start:end].upper() + name[end:]


class PeopleNames:
    """Names, display lines and references for one view (the event already filtered for its
    audience, so every field here may be shown)."""

    def __init__(self, event: Event, formatter: Formatter) -> None:
        self.event = event
        self.fmt = formatter
        self.index = event.index
        self._refs: dict[tuple[str, str], PersonRef] = {}

    def name(self, person: Person) -> str:
        return display_name(person, self.event.settings)

    def organisation_of(self, person: Person) -> str | None:
        """The organisation shown after a person's position: their affiliation when given,
        else their organisation's name."""
        if person.affiliation:
            return person.affiliation
        if person.organisation and person.organisation in self.index.organisations:
            org: Organisation = self.index.organisations[person.organisation]
            return org.name
        return None

    def place_of(self, person: Person) -> str | None:
        """"The Hague (NL)": the city, with the country's code."""
        if person.city and person.country:
            return self.fmt.after(person.city, self.fmt.bracketed_text(person.country)).plain
        return person.city

    def display(self, person: Person, show: str = "full") -> str:
        """The line a contribution shows: name, position, organisation and place (``full``),
        name and organisation (``organisation``), or the name alone (``name``)."""
        return self.display_line(person, show).plain

    def display_line(self, person: Person, show: str = "full") -> Line:
        """:meth:`display` as a line, a span for each part (``person``, ``position``,
        ``organisation``, ``place``): each may be in its own script and direction."""
        parts: list[Span | None] = [Span(self.name(person), "person")]
        organisation = self.organisation_of(person)
        if show == "full":
            place = self.place_of(person)
            parts += [
                Span(person.position, "position") if person.position else None,
                Span(organisation, "organisation") if organisation else None,
                Span(place, "place") if place else None,
            ]
        elif show == "organisation" and organisation:
            parts.append(Span(organisation, "organisation"))
        return self.fmt.comma_line(parts)

    def ref(self, ref: str, show: str = "full") -> PersonRef:
        """The reference to a person (or an organisation in a person's place) by id."""
        key = (ref, show)
        found = self._refs.get(key)
        if found is None:
            found = self._refs[key] = self._make_ref(ref, show)
        return found

    def ref_line(self, ref: str, show: str = "full") -> Line:
        """Who the reference names, as a contribution shows them, a span per part."""
        person = self.index.people.get(ref)
        if person is not None:
            return self.display_line(person, show)
        return Line((Span(self.ref(ref, show).name, "organisation"),))

    def _make_ref(self, ref: str, show: str) -> PersonRef:
        person = self.index.people.get(ref)
        if person is not None:
            return PersonRef(
                id=person.id,
                kind="person",
                name=self.name(person),
                display=self.display(person, show),
                position=person.position,
                organisation=self.organisation_of(person),
                organisation_id=person.organisation,
                country=person.country,
                country_name=self.fmt.country(person.country) if person.country else None,
                city=person.city,
                gender=person.gender if person.gender in ("female", "male") else None,
            )
        org = self.index.organisations.get(ref)
        name = org.name if org is not None else ref
        return PersonRef(
            id=ref,
            kind="organisation",
            name=name,
            display=name,
            organisation=name,
            organisation_id=ref if org is not None else None,
            country=org.country if org is not None else None,
            country_name=self.fmt.country(org.country) if org is not None and org.country else None,
            city=org.city if org is not None else None,
        )
