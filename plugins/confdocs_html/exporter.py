"""The ``html`` format: one self-contained, printable, phone-friendly web page."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from confdocs.rendering import (
    clean_text,
    inline_html,
    layout_loader,
    make_environment,
    render_template,
    rich_html,
)
from confdocs.view import (
    DELETED,
    INSERTED,
    QUIET_ROLES,
    ChangedText,
    Line,
    email_href,
    list_separators,
    span_direction,
    tel_href,
    web_href,
)

from .footnotes import FootnoteLinks

if TYPE_CHECKING:
    from confdocs import ExportOptions, View
    from confdocs.view import RichText, Span

__all__ = ["Html", "clean", "environment", "render_html", "stylesheet"]

TEMPLATE = "outline.html.j2"

def clean(text: str) -> str:
    """``text`` without the characters HTML forbids; CR and CRLF become LF."""
    return clean_text(text)


def stylesheet() -> Markup:
    """The built-in CSS, to inline in ``<style>`` (no external requests)."""
    css = resources.files("confdocs_html").joinpath("templates", "outline.css").read_text("utf-8")
    return Markup(css)


class Html:
    """The HTML of one document: the view's lines and rich text, footnote references linked
    both ways through one :class:`FootnoteLinks`."""

    def __init__(self, links: FootnoteLinks, direction: str = "ltr") -> None:
        self.links = links
        self.env: dict[str, Any] = {"footnote_ref": links.ref, "dir_auto": True}
        #: The document's direction: spans running the other way are isolated with ``dir``.
        self.direction = direction

    def rich(self, text: RichText | None) -> Markup:
        """Rich text as HTML blocks (``<p>``, ``<ul>`` …)."""
        return Markup(rich_html(text, self.env).strip()) if text is not None else Markup("")

    def rich_inline(self, text: RichText | None) -> Markup:
        """Rich text for a heading or a line: no block elements, blocks joined by ``<br>``."""
        return Markup(inline_html(text, self.env)) if text is not None else Markup("")

    def span(self, item: Span) -> Markup:
        if item.note is not None:
            return _with_mark(self.links.ref(item.note), item.change)
        if item.rich is not None:
            inner = self.rich_inline(item.rich)
        else:
            inner = escape(item.text)
            if item.href is not None:
                inner = _markup('<a href="{}">{}</a>', item.href, inner)
        direction = span_direction(item, self.direction)
        if direction is not None:
            role = "" if item.role in QUIET_ROLES else f' class="{item.role}"'
            inner = _markup('<span{} dir="{}">{}</span>', Markup(role), direction, inner)
        elif item.role not in QUIET_ROLES:
            inner = _markup('<span class="{}">{}</span>', item.role, inner)
        return _with_mark(inner, item.change)

    def line(self, value: Line | None) -> Markup:
        """A line of the view: each span in its markup, strong spans in ``<strong>``."""
        if value is None:
            return Markup("")
        out: list[Markup] = []
        strong: list[Markup] = []
        for item in value:
            if item.strong:
                strong.append(self.span(item))
                continue
            if strong:
                out.append(_markup("<strong>{}</strong>", Markup("").join(strong)))
                strong = []
            out.append(self.span(item))
        if strong:
            out.append(_markup("<strong>{}</strong>", Markup("").join(strong)))
        return Markup("").join(out)

    def with_refs(self, country: Any) -> Markup:
        """A country's name followed by its footnote references."""
        return Markup('<span class="country">{}{}</span>').format(
            country.name, self.links.refs_for(country.notes)
        )


def _markup(template: str, *values: Any) -> Markup:
    """``Markup(template).format(*values)`` for a template of plain ``{}`` fields: each value
    escaped (markup kept as it is), as MarkupSafe does, but filled in by ``str.format`` rather
    than by ``string.Formatter`` in Python (a page makes thousands of these)."""
    return Markup(template.format(*[escape(value) for value in values]))


def _with_mark(inner: Markup, change: str | None) -> Markup:
    """``inner`` as inserted (``<ins>``) or deleted (``<del>``) text of a tracked document."""
    if change == INSERTED:
        return _markup("<ins>{}</ins>", inner)
    if change == DELETED:
        return _markup("<del>{}</del>", inner)
    return inner


def finalize(value: object) -> object:
    """What ``{{ value }}`` prints: a text that changed between versions as its old text
    deleted and its new text inserted; anything else as it is (and escaped)."""
    if isinstance(value, ChangedText):
        old = _with_mark(escape(clean(value.old)), DELETED) if value.old else Markup("")
        new = _with_mark(escape(clean(value.new)), INSERTED) if value.new else Markup("")
        return old + new
    return value


def plain(value: object) -> str:
    """The value as plain text: a changed text as its new text (for ``<title>`` and
    attributes, which cannot hold markup)."""
    if isinstance(value, ChangedText):
        return value.new or value.old
    return "" if value is None else str(value)


def and_list(items: object, locale: str) -> Markup:
    """Items joined as the locale joins a list ("A, B and C"); each escaped unless Markup."""
    assert isinstance(items, (tuple, list))
    separators = list_separators(len(items), locale)
    return Markup("").join(
        Markup("{}{}").format(sep, item) for sep, item in zip(separators, items, strict=True)
    )


def context(view: View) -> dict[str, Any]:
    """What the template receives: the view's parts, ``view`` itself and the stylesheet."""
    return {**view.template_context(), "stylesheet": stylesheet()}


def environment(loader: Any, html: Html) -> Any:
    """The layout's environment (trusted for the plugin's own layout, see make_environment)."""
    env = make_environment(
        loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, finalize=finalize
    )
    env.filters.update(
        plain=plain,
        line=html.line,
        rich=html.rich,
        rich_inline=html.rich_inline,
        with_refs=html.with_refs,
        and_list=and_list,
        note_refs=html.links.refs_for,
        tel_href=tel_href,
        email_href=email_href,
        web_href=web_href,
    )
    env.globals.update(note_ref=html.links.ref, backref=html.links.back)
    return env


def render_html(view: View, options: ExportOptions) -> bytes:
    """The page for ``view``: the default template, or ``options["template"]``."""
    template = options.get("template")
    loader, name = layout_loader(template, "confdocs_html", TEMPLATE)
    # With a previous version to compare with, the page is the tracked document.
    shown = view.tracked or view
    links = FootnoteLinks(separator=shown.labels["note_separator"])
    env = environment(loader, Html(links, shown.direction))
    text = render_template(env, name, context(shown), label=template or None)
    return clean(text).encode("utf-8")
