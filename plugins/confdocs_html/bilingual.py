"""The ``html`` format's bilingual page: the rows of a :class:`~confdocs.view.BilingualView`,
each a grid row of two columns, each column in its own language and direction (``lang`` and
``dir``), with its own labels, dates and footnotes."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from confdocs.rendering import layout_loader, render_template

from .exporter import Html, and_list, clean, stylesheet
from .footnotes import FootnoteLinks

if TYPE_CHECKING:
    from confdocs import ExportOptions
    from confdocs.view import BilingualView, Line, RichText, View

TEMPLATE = "bilingual.html.j2"


class Column:
    """One language's column: its view, and its text rendered as HTML (footnote ids of its
    own, ``fr-fn1``, so each column's references reach its own notes)."""

    def __init__(self, index: int, view: View) -> None:
        self.index = index
        self.view = view
        self.language = view.language
        self.direction = view.direction
        self.labels = view.labels
        self.html = Html(
            FootnoteLinks(f"{view.language}-", view.labels["note_separator"]), view.direction
        )

    def note_id(self, number: int) -> str:
        return self.html.links.note_id(number)

    def backref(self, number: int) -> str | None:
        return self.html.links.back(number)


def bilingual_stylesheet() -> Markup:
    """The built-in CSS and the bilingual page's own."""
    extra = resources.files("confdocs_html").joinpath("templates", "bilingual.css")
    # Joined as text: Markup + str would escape the str, and "a > b" is a selector.
    return Markup(str(stylesheet()) + "\n" + extra.read_text("utf-8"))


def _line(value: Line | None, column: Column) -> Markup:
    return column.html.line(value)


def _rich(value: RichText | None, column: Column) -> Markup:
    return column.html.rich(value)


def _rich_inline(value: RichText | None, column: Column) -> Markup:
    return column.html.rich_inline(value)


def _note_refs(numbers: object, column: Column) -> Markup:
    return column.html.links.refs_for(numbers)


def environment(loader: Any) -> Any:
    """The bilingual layout's environment (trusted for the plugin's own layout)."""
    from confdocs.rendering import make_environment

    env = make_environment(loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        line=_line, rich=_rich, rich_inline=_rich_inline, note_refs=_note_refs, and_list=and_list
    )
    return env


def render_bilingual_html(view: BilingualView, options: ExportOptions) -> bytes:
    """The bilingual page for ``view``: the default layout, or ``options["template"]``."""
    template = options.get("template")
    loader, name = layout_loader(template, "confdocs_html", TEMPLATE)
    columns = [Column(i, v) for i, v in enumerate(view.views)]
    context = {
        "bilingual": view,
        "parts": view.parts,
        "columns": columns,
        "left": view.left,
        "right": view.right,
        "stylesheet": bilingual_stylesheet(),
    }
    env = environment(loader)
    text = render_template(env, name, context, label=template or None)
    return clean(text).encode("utf-8")
