"""Links and pictures related by the part that shows them, once the template has shown them.

A template's values are made, Word XML and all, before it renders, and most of them it never
shows: a certificate prints none of the contacts' e-mail addresses and phone numbers, a
letterhead maybe one row of logos. Relating a link or a picture as its value was made left
the package holding relationships to addresses and images no page shows (an internal build's
mobile numbers in every certificate), and docxtpl renders page headers and footers with the
body's values, so a link there named a relationship of the body, which the header lacks.

So a value's XML names a placeholder (one per address or picture); after rendering, each part
that holds one relates what it names to itself and takes the real id. A hyperlink or picture
relationship that the part's XML then does not use (a template's own link in a paragraph its
``{%p if %}`` left out) is dropped: the package holds the relationships its XML uses.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .checks import strict_parser
from .language import rendered_parts

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: Where values put a relationship's id: a hyperlink's, a picture's.
_HOLDERS = {f"{{{_W}}}hyperlink": f"{{{R}}}id", f"{{{_A}}}blip": f"{{{R}}}embed"}
#: The start of a placeholder id (a relationship id is any string until the part is saved).
PLACEHOLDER = "confdocs-rel-"
#: The relationships values make, and which a part keeps only while its XML uses them.
_MADE = frozenset({RT.HYPERLINK, RT.IMAGE})
#: Every relationship id a part's XML refers to: attributes in the relationships namespace,
#: and VML's ``o:relid``.
_REFERRED = etree.XPath(
    "//@r:* | //@o:relid", namespaces={"r": R, "o": "urn:schemas-microsoft-com:office:office"}
)


class Relations:
    """Placeholder ids for one document's links and pictures, related when rendered."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        #: By placeholder: ``("link", address)`` or ``("image", digest)``.
        self._targets: dict[str, tuple[str, str]] = {}
        self._images: dict[str, tuple[bytes, Image]] = {}

    def _placeholder(self, kind: str, key: str) -> str:
        made = self._ids.get((kind, key))
        if made is None:
            made = self._ids[kind, key] = f"{PLACEHOLDER}{len(self._ids) + 1}"
            self._targets[made] = (kind, key)
        return made

    def link(self, url: str) -> str:
        """The id a hyperlink to ``url`` carries (a :data:`~.wordml.LinkTarget`)."""
        return self._placeholder("link", url)

    def image(self, data: bytes) -> tuple[str, Image]:
        """The id a picture of ``data`` carries, and the image (its size, its file name)."""
        digest = hashlib.sha1(data).hexdigest()
        known = self._images.get(digest)
        if known is None:
            known = self._images[digest] = (data, Image.from_blob(data))
        return self._placeholder("image", digest), known[1]

    def resolve(self, document: Any) -> None:
        """Relate what each rendered part of ``document`` shows, and drop the hyperlink and
        picture relationships it does not use."""
        for part in rendered_parts(document):
            root = getattr(part, "element", None)
            if root is not None:
                self._resolve_part(part, root)
                continue
            blob = part.blob  # a part python-docx holds as bytes (footnotes)
            if PLACEHOLDER.encode() not in blob and not _droppable(part, set()):
                continue
            try:
                root = etree.fromstring(blob, strict_parser())
            except etree.XMLSyntaxError:
                continue  # the check of the saved parts says so, naming the part
            if self._resolve_part(part, root):
                part._blob = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )

    def _resolve_part(self, part: Any, root: Any) -> bool:
        """Placeholders of ``root`` (the XML of ``part``) replaced; whether any was."""
        related: set[str] = set()
        for element in root.iter(*_HOLDERS):
            name = _HOLDERS[element.tag]
            value = element.get(name)
            target = self._targets.get(value) if value is not None else None
            if target is None:  # a real id (the template's own), not a placeholder of ours
                continue
            kind, key = target
            if kind == "link":
                rid = part.relate_to(key, RT.HYPERLINK, is_external=True)
            else:
                rid = part.relate_to(_image_part(part, self._images[key][0]), RT.IMAGE)
            element.set(name, rid)
            related.add(rid)
        droppable = _droppable(part, related)
        if droppable:
            used = {str(value) for value in _REFERRED(root)}
            for rid in droppable - used:
                del part.rels[rid]
                part.rels.related_parts.pop(rid, None)
        return bool(related)


def _droppable(part: Any, related: set[str]) -> set[str]:
    """The relationships of ``part`` of the kinds values make, but those just ``related``."""
    return {rid for rid, rel in part.rels.items() if rel.reltype in _MADE and rid not in related}


def _image_part(part: Any, data: bytes) -> Any:
    """The package's part holding the picture ``data`` (one per picture, whichever parts
    show it)."""
    return part.package.get_or_add_image_part(io.BytesIO(data))
