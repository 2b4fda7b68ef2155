"""After rendering: every XML part parses strictly, and no piece of text went missing."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml")
_SPACE = re.compile(r"\s+")


class BrokenDocument(Exception):
    """The produced document is not well-formed XML, or lost text."""


def strict_parser() -> etree.XMLParser:
    return etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)


def document_text(data: bytes) -> str:
    """The text of a .docx (body, footnotes, headers, footers), each part parsed strictly."""
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") and not name.endswith(".rels"):
                continue
            try:
                root = etree.fromstring(archive.read(name), strict_parser())
            except etree.XMLSyntaxError as exc:
                raise BrokenDocument(f"{name} is not well-formed XML: {exc}") from None
            if _TEXT_PARTS.fullmatch(name):
                _check_nesting(name, root)
                out.append(_text_of(root))
    return "\n".join(out)


#: Elements that may hold paragraphs or runs even inside a paragraph or run (text boxes).
_CONTAINERS = {
    f"{{{W}}}{name}"
    for name in ("txbxContent", "tc", "body", "footnote", "endnote", "hdr", "ftr", "comment")
}


def _check_nesting(name: str, root: etree._Element) -> None:
    """Well-formed is not enough: Word refuses a paragraph inside a paragraph, a run inside a
    run or markup inside text, which a template can produce by using a value in the wrong place."""
    for el in root.iter(f"{{{W}}}t"):
        if len(el):
            raise BrokenDocument(f"{name}: text {''.join(el.itertext())[:40]!r} holds Word markup")
    for kind in ("p", "r"):
        tag = f"{{{W}}}{kind}"
        for el in root.iter(tag):
            for ancestor in el.iterancestors():
                if ancestor.tag in _CONTAINERS:
                    break
                if ancestor.tag == tag:
                    text = "".join(el.itertext())[:40]
                    raise BrokenDocument(
                        f"{name}: a w:{kind} ({text!r}) sits inside another w:{kind}"
                    )


def _text_of(root: etree._Element) -> str:
    parts: list[str] = []
    for el in root.iter():
        tag = el.tag
        if tag == f"{{{W}}}t":
            parts.append(el.text or "")
        elif tag == f"{{{W}}}tab":
            parts.append("\t")
        elif tag in (f"{{{W}}}br", f"{{{W}}}cr") or tag == f"{{{W}}}p":
            parts.append("\n")
    return "".join(parts)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def missing_texts(expected: Iterable[str], text: str) -> list[str]:
    """The pieces of ``expected`` that ``text`` does not contain (whitespace normalised)."""
    haystack = normalise(text)
    lost: list[str] = []
    for piece in dict.fromkeys(expected):
        needle = normalise(piece)
        if needle and needle not in haystack:
            lost.append(piece)
    return lost
