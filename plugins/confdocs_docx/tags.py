"""Which Jinja tag of a Word template an error comes from, so the message can name it."""

from __future__ import annotations

import re
import traceback
from typing import Any

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'|attribute '([^']+)'")


def template_lines(tpl: Any) -> list[str]:
    """The lines Jinja saw (one per paragraph), as text: the body, then headers and footers."""
    lines: list[str] = []
    sources = [tpl.get_xml()]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            sources.append(tpl.get_part_xml(part))
    for xml in sources:
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))
        lines.extend(_XML_TAG.sub("", line) for line in patched.split("\n"))
    return lines


def _template_line(exc: BaseException) -> int | None:
    """The line of the innermost template frame in the traceback (Jinja rewrites it so)."""
    line = getattr(exc, "lineno", None)
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line if isinstance(line, int) else None


def culprit(exc: BaseException, tpl: Any) -> str | None:
    """Where ``exc`` comes from: ``tag {{ … }}`` naming the unknown variable or sitting on the
    line the error points at, else ``paragraph '…'`` (the text of that line)."""
    try:
        lines = template_lines(tpl)
    except Exception:
        return None
    number = _template_line(exc)
    on_line = _TAG.findall(lines[number - 1]) if number and 0 < number <= len(lines) else []
    match = _UNDEFINED.search(str(exc))
    name = next((g for g in match.groups() if g), None) if match else None
    if name:
        word = re.compile(rf"(?<![\w.]){re.escape(name)}\b|\.{re.escape(name)}\b")
        for tag in on_line:
            if word.search(tag):
                return f"tag {tag}"
        for line in lines:
            for tag in _TAG.findall(line):
                if word.search(tag):
                    return f"tag {tag}"
    if len(on_line) == 1:
        return f"tag {on_line[0]}"
    if number and 0 < number <= len(lines) and lines[number - 1].strip():
        return f"paragraph {lines[number - 1].strip()[:80]!r}"
    return None
