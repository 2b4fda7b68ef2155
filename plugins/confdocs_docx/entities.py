"""A user's Word template checked for entity references Word cannot read, before python-docx
parses it.

Word writes every character as itself (UTF-8), and ``&``, ``<`` and ``>`` as XML's own
``&amp;``, ``&lt;`` and ``&gt;``, so a template made in Word holds no other entity reference.
One edited by hand or written by a tool that thinks in HTML may hold ``&nbsp;`` or
``&eacute;``: XML does not define those names, so the part is not well-formed, and Word
refuses the file; defined in a DTD of the part, they are entity nodes that python-docx reads
as no text at all, and Word refuses a DTD. Unchecked, python-docx said the template "is not a
Word .docx file", a header failed as "not well-formed", and an entity in the footnotes failed
the plugin (exit 1) when the footnotes were laid out. Here each is the template's mistake,
saying which entity, in which part and paragraph, and what to write instead. Character
references (``&#160;``, ``&#xE9;``) are XML and stay what they are, the character they name.
"""

from __future__ import annotations

import hashlib
import html.entities
import io
import re
import unicodedata
import zipfile
import zlib

from lxml import etree

from confdocs import TemplateError

from .checks import strict_parser

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: An ``&`` that starts neither a character reference nor one of XML's five entities: only a
#: part holding one is parsed here (in a comment, it is no reference; the parser says).
_SUSPECT = re.compile(rb"&(?!#|amp;|lt;|gt;|quot;|apos;)")
#: The parts python-docx may parse (it reads every XML part whose type it knows).
_XML_PART = re.compile(r".*\.(xml|rels)", re.IGNORECASE)
_PARAGRAPH = re.compile(r"<w:p[ >]")
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
#: Templates found without such a reference, by the digest of their bytes.
_CLEAN: dict[str, bool] = {}
_CLEAN_SIZE = 32


def check_entities(data: bytes, label: str) -> None:
    """Raise a :class:`TemplateError` for the first entity reference of template ``label``
    (the bytes of a .docx) that is not one of XML's own."""
    key = hashlib.sha256(data).hexdigest()
    if key in _CLEAN:
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not _XML_PART.fullmatch(info.filename):
                continue
            try:
                xml = archive.read(info)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, zlib.error):
                return  # a damaged part: python-docx's own message says it
            found = _entity_in(xml)
            if found is not None:
                name, where = found
                reason = f"{info.filename}: {where}: {_refusal(name)}"
                raise TemplateError(f"template {label}: {reason}", label, None, reason)
    if len(_CLEAN) >= _CLEAN_SIZE:
        del _CLEAN[next(iter(_CLEAN))]
    _CLEAN[key] = True


def _entity_in(xml: bytes) -> tuple[str, str] | None:
    """The first entity reference of the part ``xml`` that Word cannot read, and where it is;
    None when there is none."""
    if not _SUSPECT.search(xml):
        return None
    parser = strict_parser()
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        undeclared = [e for e in parser.error_log if e.type_name == "ERR_UNDECLARED_ENTITY"]
        if not undeclared:
            return None  # another mistake: python-docx's own message says it
        error = undeclared[0]
        match = re.search(r"Entity '([^']+)'", error.message)
        if match is None:
            return None
        name = match.group(1)
        return name, _place(xml.decode("utf-8", "replace"), name, error.line, error.column)
    for entity in root.iter(etree.Entity):  # defined in the part's DTD
        name = str(entity.name)
        paragraph = next(entity.iterancestors(f"{{{_W}}}p"), None)
        if paragraph is None:
            line = entity.sourceline
            return name, f"line {line}" if line else "its DTD"
        return name, _paragraph(etree.tostring(paragraph, encoding="unicode"))
    return None


def _place(text: str, name: str, line: int, column: int) -> str:
    """Where the reference ``&name;`` that the parser found ending at ``line``, ``column``
    (characters, from 1) sits: its paragraph, else the line and column."""
    reference = f"&{name};"
    lines = text.split("\n")
    at = -1
    if 0 < line <= len(lines):
        before = sum(len(x) + 1 for x in lines[: line - 1])
        found = lines[line - 1].rfind(reference, 0, max(column - 1, 0))
        at = before + found if found >= 0 else -1
    if at < 0:
        at = text.find(reference)
    start = max((m.start() for m in _PARAGRAPH.finditer(text, 0, at)), default=-1)
    end = text.find("</w:p>", at)
    if start < 0 or end < 0:
        return f"line {line}, column {max(column - len(reference), 1)}"
    return _paragraph(text[start:end])


def _paragraph(xml: str) -> str:
    """``paragraph '…'``: the text of a paragraph's XML, its references as written."""
    text = "".join(_TEXT.findall(xml)).strip()
    return f"paragraph {text[:80]!r}" if text else "a paragraph"


def _refusal(name: str) -> str:
    """Why the reference ``&name;`` is refused, and what to write instead."""
    why = (
        f"Word cannot read the entity reference &{name}; (XML defines only &amp; &lt; &gt; "
        "&quot; &apos;, and Word reads no DTD); write "
    )
    character = html.entities.html5.get(f"{name};")
    if character is None or len(character) != 1:
        return why + "the character itself or a character reference (&#…;)"
    code = ord(character)
    named = f"U+{code:04X} {unicodedata.name(character, '')}".rstrip()
    return why + f"the character itself ({named}) or the character reference &#{code};"
