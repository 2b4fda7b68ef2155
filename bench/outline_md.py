"""The outline as plain Markdown, the way an organiser would type it for pandoc.

Used for the pandoc route when the ``md`` exporter is not installed; when it is, the
benchmark feeds pandoc the exporter's own output instead.
"""

from __future__ import annotations

from confdocs.model import Event


def outline_markdown(event: Event) -> str:
    people = event.index.people

    def name(person_id: str) -> str:
        person = people.get(person_id)
        if person is None:
            return person_id
        parts = [person.given_name, person.family_name.upper()]
        return " ".join(parts) + (f", {person.position}" if person.position else "")

    lines = [f"# {event.title}", "", f"{event.start:%d %B %Y} – {event.end:%d %B %Y}", ""]
    if event.venue.city:
        lines += [f"{event.venue.name or ''}, {event.venue.city}", ""]
    for section in event.sections:
        lines += [f"## {section.title or section.id}", "", section.body or "", ""]
    groups = event.participants.groups
    if groups:
        lines += ["## Participants", ""]
        for group in groups:
            lines.append(f"- **{group.project}**: {', '.join(group.countries)}")
        lines.append("")
    lines += ["## Programme", ""]
    for day in event.programme.days:
        lines += [f"### {day.date:%A %d %B %Y}", "", "| Time | |", "|---|---|"]
        for slot in day.slots:
            when = "All day" if slot.all_day else (f"{slot.start:%Hh%M}" if slot.start else "")
            cell = [f"**{slot.title or slot.kind.title()}**"]
            if slot.moderators:
                cell.append("Moderator: " + "; ".join(name(p) for p in slot.moderators))
            for item in slot.contributions:
                who = "; ".join(name(p) for p in item.people) or (item.delegation or "")
                cell.append(f"{who} {item.title or ''}".strip())
            lines.append(f"| {when} | {'<br>'.join(cell)} |")
        lines.append("")
    for group in event.contacts:
        lines += [f"## Contacts ({group.organisation})", ""]
        lines += [f"- {name(p)}" for p in group.people]
        lines.append("")
    for note in event.notes:
        lines.append(f"[^{note.id}]: {note.text}")
    return "\n".join(lines) + "\n"
