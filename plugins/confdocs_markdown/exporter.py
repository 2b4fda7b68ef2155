"""The ``md`` format: the outline as CommonMark with GFM tables and ``[^n]`` footnotes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from confdocs.rendering import layout_loader, render_template
from confdocs.rendering import make_environment as sandboxed_environment

from .escaping import MarkdownSafe, clean, email, escape, escape_part, finalize
from .notes import note_label
from .programme import hardbreaks, render_line, slot_lines
from .rendering import to_inline, to_lines, to_markdown

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

TEMPLATE = "outline.md.j2"


def note_marks(numbers: object) -> MarkdownSafe:
    """Footnote references ``[^1][^2]`` for note numbers."""
    if isinstance(numbers, int):
        numbers = (numbers,)
    assert isinstance(numbers, (tuple, list))
    return MarkdownSafe("".join(note_label(n) for n in numbers))


def with_marks(country: Any) -> MarkdownSafe:
    """A country's name followed by its footnote references."""
    return concat(country.name, note_marks(country.notes))


_AUTOLINK = re.compile(r"(?:https?|mailto):[^\s<>\\|`*_\[\]]*", re.IGNORECASE)


def link(url: object) -> MarkdownSafe:
    """A web address as an autolink (``<https://…>``) when it is a plain one, else as text."""
    text = clean(str(url)).strip()
    return MarkdownSafe(f"<{text}>") if _AUTOLINK.fullmatch(text) else escape(text)


def footnote(number: int, text: MarkdownSafe) -> MarkdownSafe:
    """A footnote definition; continuation lines indented so they stay in the note."""
    lines = str(text).split("\n")
    rest = ["    " + line if line else "" for line in lines[1:]]
    return MarkdownSafe("\n".join([f"{note_label(number)}: {lines[0]}", *rest]))


def concat(*parts: object) -> MarkdownSafe:
    """Parts joined, the plain ones escaped: ``concat(labels["tel"], ": ", phone)``."""
    present = [p for p in parts if p]
    return MarkdownSafe("".join(escape_part(p, line_start=i == 0) for i, p in enumerate(present)))


def and_list(items: object, locale: str) -> MarkdownSafe:
    """Items joined as the locale joins a list ("A, B and C"), each escaped."""
    from confdocs.view import list_separators

    assert isinstance(items, (tuple, list))
    separators = list_separators(len(items), locale)
    pairs = zip(separators, items, strict=True)
    return MarkdownSafe("".join(f"{escape_part(sep)}{escape(item)}" for sep, item in pairs))


def strong(value: object) -> MarkdownSafe:
    """A plain value in bold."""
    text = escape(value)
    return MarkdownSafe(f"**{text}**") if text else text


def context(view: View) -> dict[str, Any]:
    """What the template receives: the view's fields, plus ``view`` itself."""
    return view.template_context()


def make_environment(loader: Any) -> Any:
    """The layout's environment: trusted for the plugin's own layout (see make_environment)."""
    env = sandboxed_environment(
        loader, autoescape=False, finalize=finalize, trim_blocks=True, lstrip_blocks=True
    )
    env.filters.update(
        md=escape,
        rich=to_markdown,
        rich_inline=to_inline,
        rich_lines=to_lines,
        email=email,
        note_marks=note_marks,
        footnote=footnote,
        slot_lines=slot_lines,
        line=render_line,
        hardbreaks=hardbreaks,
        strong=strong,
        and_list=and_list,
        with_marks=with_marks,
        link=link,
    )
    env.globals.update(concat=concat, strong=strong)
    return env


def render_markdown(view: View, options: ExportOptions) -> bytes:
    """The Markdown for ``view``: the default template, or ``options["template"]``."""
    template = options.get("template")
    loader, name = layout_loader(template, "confdocs_markdown", TEMPLATE)
    env = make_environment(loader)
    text = render_template(env, name, context(view), label=template or None)
    return (clean(text).rstrip("\n") + "\n").encode("utf-8")
