"""Lines of the view as Markdown, and a programme slot as the lines of its table cell."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from confdocs.view import DELETED

from .escaping import MarkdownSafe, clean, escape, escape_part
from .notes import note_label
from .rendering import to_inline, to_lines

if TYPE_CHECKING:
    from confdocs.view import Line, RichText, SessionView, SlotView, Span

_AUTOLINK = re.compile(r"(?:https?|mailto):[^\s<>\\|`*_\[\]]*", re.IGNORECASE)
_EMAIL = re.compile(
    # CommonMark's e-mail autolink, with a local part that needs no escaping anywhere.
    r"[a-zA-Z0-9._+-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


def bold(rich: RichText | None) -> MarkdownSafe:
    """A title in bold, unless it has bold runs of its own (nesting would garble both)."""
    text = to_inline(rich)
    if not text.strip():
        return text
    has_strong = any(
        token.type in ("strong_open", "strong_close")
        for token in (rich.inline_tokens() if rich is not None else ())
    )
    if has_strong or not (rich and rich.is_single_paragraph()):
        return text
    return MarkdownSafe(f"**{text}**")


def span(item: Span, first: bool = False, title_bold: bool = False) -> str:
    """One span as Markdown: rich text from its tokens, a footnote reference, an autolink for
    a plain address, else the text escaped; a deleted span struck through (``~~…~~``), an
    inserted one in bold (the excerpts of a change list)."""
    if item.change is not None and item.text.strip():
        inner = span(attrs.evolve(item, change=None), first, title_bold)
        mark = "~~" if item.change == DELETED else "**"
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}{mark}{inner.strip()}{mark}{trail}"
    if item.note is not None:
        return note_label(item.note)
    if item.rich is not None:
        return bold(item.rich) if title_bold else to_inline(item.rich)
    text = clean(item.text)
    if item.href is not None:
        plain = text.strip()
        if item.href == "mailto:" + plain and _EMAIL.fullmatch(plain):
            return f"<{plain}>"
        if item.href == plain and _AUTOLINK.fullmatch(plain):
            return f"<{plain}>"
    return escape_part(text, line_start=first)


def render_line(
    value: Line | None, line_start: bool = True, title_bold: bool = False
) -> MarkdownSafe:
    """A line of the view as one line of Markdown; strong spans in bold, titles in bold when
    ``title_bold``. With ``line_start`` (the line may begin a Markdown line) what would start a
    block there (``-``, ``1.``, ``>``) is escaped."""
    if value is None:
        return MarkdownSafe("")
    out: list[str] = []
    strong: list[str] = []
    for i, item in enumerate(value):
        first = line_start and not out and not strong
        piece = span(item, first=first, title_bold=title_bold and i == 0)
        if item.strong:
            strong.append(piece)
            continue
        if strong:
            out.append(f"**{''.join(strong)}**")
            strong = []
        out.append(piece)
    if strong:
        out.append(f"**{''.join(strong)}**")
    return MarkdownSafe("".join(out).strip(" "))


def slot_lines(slot: SlotView) -> list[MarkdownSafe]:
    """What the content cell of ``slot`` says, one table row per line."""
    lines: list[MarkdownSafe] = []
    title = render_line(slot.heading_line, title_bold=True)
    if title:
        lines.append(title)
    for session in slot.own_sessions:
        lines.extend(session_lines(session))
    if slot.tracks and slot.parallel_line:
        # Parallel sessions: a label, then each track headed by its room in bold.
        lines.append(MarkdownSafe(f"*{render_line(slot.parallel_line)}*"))
    for session in slot.tracks:
        lines.extend(session_lines(session))
    return lines


def session_lines(session: SessionView) -> list[MarkdownSafe]:
    lines: list[MarkdownSafe] = []
    if session.room_line:
        room = render_line(session.room_line)
        lines.append(MarkdownSafe(f"**{room}**") if session.track else room)
    if session.title:
        lines.append(bold(session.title))
    for fact in (session.time_line, session.interpretation_line, session.link_line):
        if fact:
            lines.append(render_line(fact))
    lines.extend(to_lines(session.body))
    for extra in (session.moderators_line, session.panel_line):
        if extra:
            lines.append(render_line(extra))
    lines.extend(MarkdownSafe("- " + render_line(c.line)) for c in session.contributions)
    if session.discussion is not None and session.discussion.line:
        lines.append(render_line(session.discussion.line))
    return lines


def hardbreaks(items: object) -> MarkdownSafe:
    """Lines (of the view, or plain values) each on its own line, with hard breaks between."""
    from confdocs.view import Line

    assert isinstance(items, tuple | list)
    shown = [
        render_line(item) if isinstance(item, Line) else escape(item)
        for item in items
        if item and str(item).strip()
    ]
    return MarkdownSafe("  \n".join(shown))
