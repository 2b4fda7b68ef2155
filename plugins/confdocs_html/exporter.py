"""The ``html`` format: one self-contained, printable, phone-friendly web page."""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from confdocs.rendering import templating

from .footnotes import FootnoteLinks

if TYPE_CHECKING:
    from confdocs import ExportOptions, View
    from confdocs.view.richtext import RichText

TEMPLATE = "outline.html.j2"

#: Characters HTML forbids or a parser reports: C0/C1 controls (but tab and newline), lone
#: surrogates and noncharacters. User text loses them; CR and CRLF become LF.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]*")
_WEB = re.compile(r"https?://\S+", re.IGNORECASE)


def clean(text: str) -> str:
    return _FORBIDDEN.sub("", re.sub(r"\r\n?", "\n", text))


def stylesheet() -> Markup:
    """The built-in CSS, to inline in ``<style>`` (no external requests)."""
    css = resources.files("confdocs_html").joinpath("templates", "outline.css").read_text("utf-8")
    return Markup(css)


def tel_href(phone: object) -> str | None:
    """``tel:+31704125360`` for a phone number, None for anything else."""
    text = str(phone).strip()
    if not _PHONE.fullmatch(text):
        return None
    return "tel:" + re.sub(r"[^+0-9]", "", text)


_EMAIL = re.compile(r"[^@\s<>\"'()\[\],;:\\]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def email_href(email: object) -> str | None:
    """``mailto:`` and the address when it looks like one; None (no link) otherwise."""
    text = str(email).strip()
    return "mailto:" + text if _EMAIL.fullmatch(text) else None


def web_href(url: object) -> str | None:
    """The address itself when it is an http(s) one; None (no link) otherwise."""
    text = str(url).strip()
    return text if _WEB.fullmatch(text) else None


def and_list(items: object, locale: str) -> Markup:
    """Items joined as the locale joins a list ("A, B and C"); each item escaped unless Markup."""
    from babel.lists import format_list
    from markupsafe import escape

    assert isinstance(items, (tuple, list))
    parts = [escape(item) for item in items]
    if len(parts) <= 1:
        return Markup("").join(parts)
    holders = [f"\x00{i}\x00" for i in range(len(parts))]
    # British style, without the Oxford comma, as the view joins names.
    joined = str(escape(format_list(holders, locale=locale).replace(", and ", " and ")))
    return Markup(re.sub("\x00(\\d+)\x00", lambda m: str(parts[int(m.group(1))]), joined))


def context(view: View) -> dict[str, Any]:
    """What the template receives: the view's fields, ``view`` itself and the stylesheet."""
    return {**view.template_context(), "stylesheet": stylesheet()}


def make_environment(loader: Any, links: FootnoteLinks) -> Any:
    env = templating.make_environment(loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)

    def rich(text: RichText | None) -> Markup:
        """Rich text as HTML blocks (``<p>``, ``<ul>`` …)."""
        if text is None:
            return Markup("")
        return Markup(links.rewrite(text.html).strip())

    def rich_inline(text: RichText | None) -> Markup:
        """Rich text for a heading or a line: no block elements, blocks joined by ``<br>``."""
        if text is None:
            return Markup("")
        return Markup(links.rewrite(text.inline_html()))

    def with_refs(country: Any) -> Markup:
        """A country's name followed by its footnote references."""
        return Markup('<span class="country">{}{}</span>').format(
            country.name, links.refs_for(country.notes)
        )

    env.filters.update(
        and_list=and_list,
        with_refs=with_refs,
        rich=rich,
        rich_inline=rich_inline,
        note_refs=links.refs_for,
        tel_href=tel_href,
        web_href=web_href,
        email_href=email_href,
    )
    env.globals.update(note_ref=links.ref, backref=links.back)
    return env


def render_html(view: View, options: ExportOptions) -> bytes:
    """The page for ``view``: the default template, or ``options["template"]``."""
    template = options.get("template")
    loader, name = templating.layout_loader(template, "confdocs_html", TEMPLATE)
    env = make_environment(loader, FootnoteLinks())
    text = templating.render(env, name, context(view), label=template or None)
    return clean(text).encode("utf-8")
