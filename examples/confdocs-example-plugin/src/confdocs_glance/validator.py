"""Two checks an organiser reading the programme at a glance cares about."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from confdocs import display_name, info

if TYPE_CHECKING:
    # Only named in annotations: importing them here would cost every command start-up time.
    from confdocs import Finding, Registrations
    from confdocs.model import Event, Session

#: Longest session title, in characters, that still reads at a glance (``GLANCE_MAX_TITLE``).
MAX_TITLE = 120


class GlanceValidator:
    name = "glance"
    # Annotated as the Validator protocol has it; read-only, as every instance shares it.
    codes: Mapping[str, str] = MappingProxyType({
        "glance.long-title": "a session title too long to read at a glance",
        "glance.no-position": "a speaker without a position: the outline shows the name alone",
    })

    def validate(self, event: Event, registrations: Registrations | None) -> Iterator[Finding]:
        limit = int(os.environ.get("GLANCE_MAX_TITLE", MAX_TITLE))
        reported: set[str] = set()
        for d, s, _, slot in event.programme.slots():
            where = f"programme.days[{d}].slots[{s}]"
            sessions: list[tuple[str, Session]] = [(where, slot)]
            sessions += [(f"{where}.parallel[{i}]", p) for i, p in enumerate(slot.parallel)]
            for path, session in sessions:
                title = " ".join((session.title or "").split())
                if len(title) > limit:
                    yield info(
                        "glance.long-title",
                        f"the title has {len(title)} characters (at most {limit} read at a "
                        f"glance): {title[:40]}…",
                        f"{path}.title",
                    )
                for c, item in enumerate(session.contributions):
                    for person_id in item.people:
                        person = event.person(person_id)
                        if (
                            person.position
                            or person.placeholder  # "TBC" stands in for someone to confirm
                            or person_id in reported
                            or item.show == "name"
                        ):
                            continue
                        reported.add(person_id)
                        yield info(
                            "glance.no-position",
                            f"{display_name(person, event.settings)} ({person_id}) speaks "
                            "without a position",
                            f"{path}.contributions[{c}]",
                        )
