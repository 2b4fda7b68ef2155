"""The view as plain text, for formats that hold no markup (calendars, schedule apps)."""

from __future__ import annotations

from ..view import SessionView, SlotView


def session_lines(session: SessionView, heading: bool = False, body: bool = True) -> list[str]:
    """What a session says, a line each, in the document's order: (its room and title, with
    ``heading``), interpretation, link, its body (with ``body``), moderators, "Panel:", one
    "- " line per contribution, the discussion."""
    lines: list[str] = []
    if heading:
        title = session.title.plain if session.title else ""
        lines.append(" — ".join(p for p in (session.room, title) if p))
    for fact in (session.interpretation_line, session.link_line):
        if fact:
            lines.append(fact.plain)
    if body and session.body is not None and session.body.plain.strip():
        lines.append(session.body.plain.strip())
    for extra in (session.moderators_line, session.panel_line):
        if extra:
            lines.append(extra.plain)
    lines.extend(f"- {item.line.plain}" for item in session.contributions)
    if session.discussion is not None and session.discussion.line:
        lines.append(session.discussion.line.plain)
    return lines


def slot_description(slot: SlotView) -> str:
    """Every session of ``slot`` as plain text, sessions apart by a blank line; each headed by
    its room and title when the slot has several. (Calendars and schedules describe each
    session on its own, with :func:`session_lines`.)"""
    several = len(slot.sessions) > 1
    blocks = ["\n".join(session_lines(s, heading=several)) for s in slot.sessions]
    return "\n\n".join(b for b in blocks if b)
