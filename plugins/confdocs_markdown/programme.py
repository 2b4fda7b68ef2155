"""A programme slot as the lines of a Markdown table cell: title, speakers, discussion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .escaping import MarkdownSafe, escape
from .rendering import to_inline, to_lines

if TYPE_CHECKING:
    from confdocs.view import ContributionView, DiscussionView, SessionView, SlotView
    from confdocs.view.labels import Labels
    from confdocs.view.richtext import RichText


def _bold(rich: RichText | None) -> MarkdownSafe:
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


def slot_lines(slot: SlotView, labels: Labels) -> list[MarkdownSafe]:
    """What the content cell of ``slot`` says, one table row per line."""
    lines: list[MarkdownSafe] = []
    title = _bold(slot.title)
    if slot.continuation:
        title = MarkdownSafe(f"{title} {escape(labels['continuation'])}".strip())
    if title:
        lines.append(title)
    for session in slot.sessions:
        lines.extend(session_lines(session, labels))
    return lines


def session_lines(session: SessionView, labels: Labels) -> list[MarkdownSafe]:
    lines: list[MarkdownSafe] = []
    if session.room:
        lines.append(MarkdownSafe(f"{escape(labels['room'])}: {escape(session.room)}"))
    if session.title:
        lines.append(_bold(session.title))
    lines.extend(to_lines(session.body))
    if session.moderators_line:
        lines.append(escape(session.moderators_line))
    if session.panel and session.contributions:
        lines.append(escape(labels["panel"]))
    lines.extend(contribution_line(item) for item in session.contributions)
    if session.discussion is not None:
        line = discussion_line(session.discussion, labels)
        if line:
            lines.append(line)
    return lines


def contribution_line(item: ContributionView) -> MarkdownSafe:
    """``- title – speaker, note (duration)``."""
    parts = [p for p in (to_inline(item.title), escape(item.speaker)) if p]
    text = " – ".join(parts)
    if item.note:
        text += " " + escape(item.note)
    if item.duration:
        text += f" ({escape(item.duration)})"
    return MarkdownSafe("- " + text.strip())


def discussion_line(item: DiscussionView, labels: Labels) -> MarkdownSafe:
    """``Discussion moderated by … (10 mins)``."""
    text = to_inline(item.line) if item.line is not None else escape(labels["discussion"])
    if item.duration:
        text = MarkdownSafe(f"{text} ({escape(item.duration)})")
    return text
