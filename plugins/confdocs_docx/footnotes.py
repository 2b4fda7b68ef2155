"""Real Word footnotes: a footnotes part with ``w:footnote`` elements, referenced from the text.

python-docx has no footnote API, so the part is built here. Rendering leaves placeholder
references (``w:footnoteReference w:id="confdocs-note-N"``, N the view's note number); after
rendering, each note's first reference in document order becomes a real footnote, numbered by
Word as the reader meets it. A note referenced again gets the same number as superscript
text, since one Word footnote cannot have two references.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from .styles import character_style, paragraph_style
from .values import Recorder
from .wordml import NOTE_ID_PREFIX, Converted, paragraph, run

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

_EMPTY_PART = (
    f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)

#: Makes a note's runs (its text as Word XML) given where its links go.
NoteRuns = Callable[[int, Callable[[str], str]], Converted]


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def footnotes_part(document: Any) -> Any:
    """The document's footnotes part, created (with Word's separators) when missing."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc_part = document.part
    for rel in doc_part.rels.values():
        if rel.reltype == FOOTNOTES_TYPE and not rel.is_external:
            return rel.target_part
    xml = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + _EMPTY_PART.encode()
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT, xml, doc_part.package)
    doc_part.relate_to(part, FOOTNOTES_TYPE)
    return part


def _footnote_xml(note_id: int, runs: str) -> str:
    ref = (
        f'<w:r><w:rPr><w:rStyle w:val="{character_style("footnote_ref")}"/>'
        '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
    )
    body = paragraph(ref + run(" ") + runs, paragraph_style("footnote"))
    return f'<w:footnote xmlns:w="{W}" xmlns:r="{R}" w:id="{note_id}">{body}</w:footnote>'


def place_footnotes(
    document: Any,
    note_runs: NoteRuns,
    recorder: Recorder,
    link_target: Callable[[str], str],
    tracked: bool = False,
) -> list[int]:
    """Turn placeholder references into footnotes; returns the view numbers placed, in order.
    The notes' links carry the ids ``link_target`` gives (related once placed: see
    :mod:`.relations`).

    In a tracked document each version counts its own references: a note referenced where one
    version deleted it and where the other inserted it gets a footnote in each, and a repeated
    reference shows the number each version gives it."""
    body = document.element.body
    references = [
        el
        for el in body.iter(_w("footnoteReference"))
        if (el.get(_w("id")) or "").startswith(NOTE_ID_PREFIX)
    ]
    _replace_in_headers_and_footers(document)
    if not references:
        return []
    part = footnotes_part(document)
    root = etree.fromstring(part.blob)
    used = [
        int(x)
        for x in root.xpath("//w:footnote/@w:id", namespaces={"w": W})
        if x.lstrip("-").isdigit()
    ]
    next_id = max([0, *used]) + 1
    # Each version's numbers, as Word gives them: in the order its reader meets the notes.
    shown: dict[str, dict[int, int]] = {"old": {}, "new": {}}
    placed: list[int] = []
    for element in references:
        number = int(element.get(_w("id"))[len(NOTE_ID_PREFIX) :])
        change = _change_of(element) if tracked else None
        versions = [v for v in ("old", "new") if change != {"old": "ins", "new": "del"}[v]]
        if all(number in shown[v] for v in versions):
            numbers = {v: shown[v][number] for v in versions}
            if len(set(numbers.values())) == 1:
                _as_superscript_text(element, str(next(iter(numbers.values()))))
            else:
                _as_tracked_numbers(element, str(numbers["old"]), str(numbers["new"]))
            continue
        repeated = [v for v in versions if number in shown[v]]
        if repeated:
            # First in one version, a repeat in the other: the footnote for the first, the
            # number as text for the other, each marked with its version.
            (seen,) = repeated
            _split_reference(element, seen, str(shown[seen][number]))
            versions = [v for v in versions if v != seen]
        converted = note_runs(number, link_target)
        recorder.add(converted.texts)
        root.append(etree.fromstring(_footnote_xml(next_id, converted.xml)))
        element.set(_w("id"), str(next_id))
        for v in versions:
            shown[v].setdefault(number, len(shown[v]) + 1)
        placed.append(number)
        next_id += 1
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return placed


def _change_of(reference: Any) -> str | None:
    """``"ins"`` or ``"del"`` for a reference a tracked document inserted or deleted."""
    for ancestor in reference.iterancestors():
        if ancestor.tag in (_w("ins"), _w("del")):
            return "ins" if ancestor.tag == _w("ins") else "del"
        if ancestor.tag == _w("p"):
            break
    return None


def _as_tracked_numbers(reference: Any, old: str, new: str) -> None:
    """A repeated reference whose number differs between the versions: the old number
    deleted, the new one inserted (the markers are resolved with the other changes)."""
    from .revisions import marked

    _as_superscript_text(reference, marked(old, "del") + marked(new, "ins"))


def _split_reference(reference: Any, seen: str, number: str) -> None:
    """Make ``reference`` the footnote of the version that has not seen the note yet, and
    put beside it the number as text for the version ``seen`` that has."""
    import copy

    from .revisions import marked

    owner = reference.getparent()
    parent = owner.getparent()
    twin = copy.deepcopy(owner)
    own = "ins" if seen == "old" else "del"  # the real footnote belongs to the other version
    wrapper = parent.makeelement(_w(own), {})
    parent.replace(owner, wrapper)
    wrapper.append(owner)
    wrapper.addnext(twin)
    other = "del" if own == "ins" else "ins"
    _as_superscript_text(twin.find(_w("footnoteReference")), marked(number, other))


def _as_superscript_text(reference: Any, text: str) -> None:
    """Replace a reference's run content by the note's number as superscript text."""
    owner = reference.getparent()
    owner.remove(reference)
    props = etree.fromstring(
        f'<w:rPr xmlns:w="{W}"><w:rStyle w:val="{character_style("footnote_ref")}"/>'
        '<w:vertAlign w:val="superscript"/></w:rPr>'
    )
    for old in owner.findall(_w("rPr")):
        owner.remove(old)
    owner.insert(0, props)
    t = etree.SubElement(owner, _w("t"))
    t.text = text


def _replace_in_headers_and_footers(document: Any) -> None:
    """Footnotes cannot be referenced from a header: show the number as text there."""
    for section in document.sections:
        for part_owner in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if part_owner.is_linked_to_previous:
                continue
            element = part_owner._element
            for ref in list(element.iter(_w("footnoteReference"))):
                ident = ref.get(_w("id")) or ""
                if ident.startswith(NOTE_ID_PREFIX):
                    _as_superscript_text(ref, ident[len(NOTE_ID_PREFIX) :])
