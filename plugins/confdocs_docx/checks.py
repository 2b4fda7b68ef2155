"""After rendering: every XML part parses strictly, and no piece of text went missing."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from lxml import etree

from .revisions import MARKERS
from .wordml import clean

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml")


class BrokenDocument(Exception):
    """The produced document is not well-formed XML, or lost text."""


def strict_parser() -> etree.XMLParser:
    return etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)


def document_text(data: bytes) -> str:
    """The text of a .docx (body, footnotes, headers, footers), each part parsed strictly.

    Only these parts are rendered from template tags or written by the exporter; the others
    (styles, settings, relationships) are serialised by python-docx or copied from a template
    that python-docx already parsed, so parsing them again would only cost time.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            _checked_text(name, archive.read(name))
            for name in archive.namelist()
            if _TEXT_PARTS.fullmatch(name)
        )


def package_text(document: Any) -> str:
    """What :func:`document_text` reads from the saved document, read from the python-docx
    ``document`` about to be saved, each text part checked alike: its XML is the tree that
    lxml serialises (and cannot serialise ill-formed), or the bytes of a part held as such
    (footnotes), parsed strictly. Saves unpacking and parsing the document again."""
    out: list[str] = []
    for part in document.part.package.iter_parts():
        name = str(part.partname).lstrip("/")
        if _TEXT_PARTS.fullmatch(name):
            root = getattr(part, "element", None)
            out.append(_checked_text(name, part.blob if root is None else root))
    return "\n".join(out)


def _checked_text(name: str, part: bytes | etree._Element) -> str:
    """The text of part ``name`` (its XML, or bytes parsed strictly), its nesting checked."""
    if isinstance(part, bytes):
        try:
            part = etree.fromstring(part, strict_parser())
        except etree.XMLSyntaxError as exc:
            raise BrokenDocument(f"{name} is not well-formed XML: {exc}") from None
    _check_nesting(name, part)
    return _text_of(part)


#: Elements that may hold paragraphs or runs even inside a paragraph or run (text boxes).
_CONTAINERS = {
    f"{{{W}}}{name}"
    for name in ("txbxContent", "tc", "body", "footnote", "endnote", "hdr", "ftr", "comment")
}


#: Whether a part holds a paragraph within a paragraph, a run within a run or markup within
#: text at all, whatever lies between: one pass of libxml2's, half the time of the walk below
#: over a long programme's 150,000 paragraphs and runs (0.1 s at 5,000 slots), and what
#: settles a document without text boxes (Word's only way to put paragraphs inside a run).
_MAY_NEST = etree.XPath("boolean(//w:p//w:p | //w:r//w:r | //w:t/*)", namespaces={"w": W})


def _check_nesting(name: str, root: etree._Element) -> None:
    """Well-formed is not enough: Word refuses a paragraph inside a paragraph, a run inside a
    run or markup inside text, which a template can produce by using a value in the wrong place."""
    if not _MAY_NEST(root):
        return
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


#: The elements whose text (or line break, tab) makes up a part's text; a tracked
#: document's deleted text (``w:delText``) counts, as it is in the document.
_TEXT_TAGS = (
    f"{{{W}}}t",
    f"{{{W}}}delText",
    f"{{{W}}}tab",
    f"{{{W}}}br",
    f"{{{W}}}cr",
    f"{{{W}}}p",
)
_TEXT_OF = {f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n", f"{{{W}}}p": "\n"}


def _text_of(root: etree._Element) -> str:
    texts = _TEXT_TAGS[:2]
    return "".join(
        (el.text or "") if el.tag in texts else _TEXT_OF[el.tag] for el in root.iter(*_TEXT_TAGS)
    )


def normalise(text: str) -> str:
    """Each run of white space as one space, none at the ends (``str.split`` splits at the
    characters ``\\s`` matches, ``str.isspace``'s, and is faster than the expression)."""
    return " ".join(text.split())


def missing_texts(expected: Iterable[str], text: str) -> list[str]:
    """The pieces of ``expected`` that ``text`` does not contain (whitespace normalised).

    The pieces come in rendering order, which is mostly the document's order: each is looked
    for from where the previous one was found, and in the whole text only when it is not
    there, so a long document is checked in linear time rather than one full search per piece.
    """
    haystack = normalise(_unmarked(text))
    lost: list[str] = []
    position = 0
    for piece in dict.fromkeys(expected):
        needle = normalise(_unmarked(clean(piece)))
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            found = haystack.find(needle)
            if found < 0:
                lost.append(piece)
            continue
        # The start, not the end: the next piece may lie inside this one (a line, then its parts).
        position = found
    return lost


_MARKS = {ord(m): None for m in MARKERS}


def _unmarked(text: str) -> str:
    """``text`` without the characters a tracked document uses as change markers (it drops
    them from user text); looked for first, as ``str.translate`` takes its time per character."""
    return text.translate(_MARKS) if any(m in text for m in MARKERS) else text
