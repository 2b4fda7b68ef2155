"""Accepting or rejecting every tracked change of a .docx, as Word's review pane does, to
compare what remains with the plain documents of each version."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARTS = re.compile(r"word/(document|footnotes|header\d*|footer\d*)\.xml")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def _drop(element: etree._Element) -> None:
    element.getparent().remove(element)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    at = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(at + offset, child)
    parent.remove(element)


def _mark(paragraph: etree._Element, kind: str) -> etree._Element | None:
    return paragraph.find(f"{w('pPr')}/{w('rPr')}/{w(kind)}")


def resolve(root: etree._Element, accept: bool) -> None:
    """Accept (or reject) every change of one part, in place."""
    gone, kept = ("del", "ins") if accept else ("ins", "del")
    # Rows first: a row that goes takes its paragraphs along.
    for row in list(root.iter(w("tr"))):
        props = row.find(w("trPr"))
        if props is None:
            continue
        if props.find(w(gone)) is not None:
            _drop(row)
        elif props.find(w(kept)) is not None:
            props.remove(props.find(w(kept)))
    for table in list(root.iter(w("tbl"))):
        if not table.findall(w("tr")):
            _drop(table)
    for element in list(root.iter(w(gone))):
        if element.getparent() is not None and element.getparent().tag != w("rPr"):
            _drop(element)
    for element in list(root.iter(w(kept))):
        if element.getparent() is not None and element.getparent().tag != w("rPr"):
            _unwrap(element)
    for text in root.iter(w("delText")):
        text.tag = w("t")
    for paragraph in list(root.iter(w("p"))):
        if _mark(paragraph, kept) is not None:
            mark = _mark(paragraph, kept)
            mark.getparent().remove(mark)
        if _mark(paragraph, gone) is not None:
            if _last_in_cell(paragraph):
                # A cell ends with a paragraph mark: the last paragraph's goes into the one
                # before (its text joins it); an only paragraph stays, emptied.
                earlier = [p for p in paragraph.itersiblings(preceding=True) if p.tag == w("p")]
                if not earlier:
                    mark = _mark(paragraph, gone)
                    mark.getparent().remove(mark)
                    continue
                for child in [c for c in paragraph if c.tag != w("pPr")]:
                    earlier[0].append(child)
                _drop(paragraph)
                continue
            # The paragraph mark goes: what is left of the paragraph joins the next one.
            following = paragraph.getnext()
            content = [c for c in paragraph if c.tag != w("pPr")]
            if content and following is not None and following.tag == w("p"):
                props = following.find(w("pPr"))
                at = following.index(props) + 1 if props is not None else 0
                for offset, child in enumerate(content):
                    following.insert(at + offset, child)
            _drop(paragraph)


def _last_in_cell(paragraph: etree._Element) -> bool:
    parent = paragraph.getparent()
    if parent is None or parent.tag not in (w("tc"), w("footnote")):
        return False
    return not [p for p in paragraph.itersiblings() if p.tag == w("p")]


def paragraphs(root: etree._Element) -> list[str]:
    out = []
    for paragraph in root.iter(w("p")):
        parts = []
        for el in paragraph.iter(w("t"), w("delText"), w("tab"), w("br")):
            parts.append(el.text or "" if el.tag in (w("t"), w("delText")) else " ")
        out.append("".join(parts))
    return out


def texts(data: bytes, accept: bool | None = None) -> dict[str, list[str]]:
    """Each text part's paragraphs, with every change accepted, rejected, or (None) as is.
    Footnotes are those the body still references (a reference that goes takes its footnote
    along, as in Word), sorted."""
    out = {}
    referenced: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist(), key=lambda n: "footnotes" in n)
        for name in names:
            if not _PARTS.fullmatch(name):
                continue
            root = etree.fromstring(archive.read(name))
            if accept is not None:
                resolve(root, accept)
            if "footnotes" in name:
                found = []
                for note in root.iter(w("footnote")):
                    if note.get(w("type")) is None and note.get(w("id")) in referenced:
                        found.extend(paragraphs(note))
                out[name] = sorted(found)
                continue
            referenced |= {r.get(w("id")) for r in root.iter(w("footnoteReference"))}
            out[name] = paragraphs(root)
    return dict(sorted(out.items()))


def revisions(data: bytes) -> list[tuple[str, str, str, str | None]]:
    """Every change: (kind, id, author, date)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if not _PARTS.fullmatch(name):
                continue
            root = etree.fromstring(archive.read(name))
            for kind in ("ins", "del"):
                for el in root.iter(w(kind)):
                    out.append((kind, el.get(w("id")), el.get(w("author")), el.get(w("date"))))
    return out
