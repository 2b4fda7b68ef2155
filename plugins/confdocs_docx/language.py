"""What Word reads about a document besides its text: its language, its direction, its
properties, and a package whose bytes depend only on the view.

- **Language.** The default run language (``w:docDefaults``), the theme's, and ``dc:language``
  are the document's (``fr-FR``, ``pt-PT``, ``ar-EG``), so Word spell-checks a French outline
  as French; for a right-to-left language it is also the complex-script language.
- **Direction.** Every run of right-to-left text gets ``w:rtl`` (Word's complex-script
  formatting, bold included, then applies to it); in a right-to-left document paragraphs are
  ``w:bidi`` and tables ``w:bidiVisual`` (the time column on the right).
- **Properties.** Title, subject and description in the document's language; created and
  modified are ``view.issued`` (SOURCE_DATE_EPOCH or the version date), never the template's.
- **Reproducible.** python-docx stamps each zip entry with the clock; the entries are written
  with ``view.issued``'s time (or 1980-01-01) instead, so the same view gives the same bytes:
  python-docx's package writer is handed a zip writer that stamps them (:func:`save_package`),
  so the parts are compressed once; else python-docx's package is written again
  (:func:`reproducible`).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from confdocs.view import View, has_rtl, strong_direction

from .wordml import CONNECTED, clean

#: The parts whose runs are text (the body, footnotes, headers and footers).
_TEXT_PARTS = re.compile(r"/word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml")

# Children of w:rPr, w:pPr and w:tblPr that come after the one we add (ECMA-376's order).
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription",
)  # fmt: skip


@functools.cache
def _tags(successors: tuple[str, ...]) -> frozenset[str]:
    return frozenset(qn(name) for name in successors)


def insert_in_order(parent: Any, child: Any, successors: Sequence[str]) -> Any:
    """Put ``child`` into ``parent`` before the first of the elements that must follow it."""
    tags = _tags(tuple(successors))
    for index, existing in enumerate(parent):
        if existing.tag in tags:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def child(parent: Any, name: str, successors: Sequence[str]) -> Any:
    """``parent``'s child ``name``, added in its place when missing."""
    found = parent.find(qn(name))
    if found is None:
        found = insert_in_order(parent, etree.Element(qn(name)), successors)
    return found


def rendered_parts(document: Any) -> list[Any]:
    """The parts of ``document`` a template renders or the exporter writes text into (body,
    notes, headers, footers), as python-docx holds them: parsed (``element``) or as bytes (the
    footnotes); a list, so that a caller may relate and unrelate parts as it goes."""
    return [
        part
        for part in document.part.package.iter_parts()
        if _TEXT_PARTS.fullmatch(str(part.partname))
    ]


def text_parts(document: Any) -> Iterator[Any]:
    """The XML roots of the :func:`rendered_parts` python-docx holds parsed."""
    for part in rendered_parts(document):
        if hasattr(part, "element"):
            yield part.element


def mark_directions(document: Any, view: View, texts: Iterable[str] = ()) -> None:
    """``w:rtl`` on right-to-left runs; in a right-to-left document, paragraphs and tables
    right to left too. ``texts``, what went into the document: a left-to-right document
    without any right-to-left character among them needs nothing."""
    rtl_document = view.direction == "rtl"
    if not rtl_document and not any(has_rtl(text) for text in texts):
        return
    run_tag, text_tag = qn("w:r"), qn("w:t")
    for root in text_parts(document):
        if rtl_document:
            for table in root.iter(qn("w:tbl")):
                props = child(table, "w:tblPr", ("w:tblGrid", "w:tr"))
                child(props, "w:bidiVisual", _AFTER_BIDI_VISUAL)
            for section in root.iter(qn("w:sectPr")):
                child(section, "w:bidi", ("w:rtlGutter", "w:docGrid", "w:printerSettings"))
        for paragraph in root.iter(qn("w:p")):
            _paragraph_direction(paragraph, rtl_document, text_tag)
        rpr, rtl = qn("w:rPr"), qn("w:rtl")
        for run in root.iter(run_tag):
            props = run.find(rpr)
            if props is not None and props.find(rtl) is not None:
                continue  # made by wordml.run, which marks its own
            text = "".join(run.itertext(text_tag))
            if not text or not has_rtl(text) or strong_direction(text) != "rtl":
                continue
            if props is None:
                props = etree.Element(qn("w:rPr"))
                run.insert(0, props)
            child(props, "w:rtl", _AFTER_RTL)
            if CONNECTED.search(text):
                # Arabic letters join: a style's letter spacing would tear the words apart.
                child(props, "w:spacing", _AFTER_SPACING).set(qn("w:val"), "0")


def in_language(xml: str, language: str, rtl: bool) -> str:
    """Paragraphs ``xml`` in ``language`` (a column of a bilingual document): each runs in that
    direction (``w:bidi``), each run is marked with the language (the complex-script language
    for a right-to-left one), so Word lays out and spell-checks the column as its own."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    declared = f' xmlns:w="{w}" xmlns:r="{r}"'
    root = etree.fromstring(f"<w:body{declared}>{xml}</w:body>")
    attribute = qn("w:bidi") if rtl else qn("w:val")
    for paragraph in root.iter(qn("w:p")):
        props = paragraph.find(qn("w:pPr"))
        if props is None:
            props = etree.Element(qn("w:pPr"))
            paragraph.insert(0, props)
        bidi = child(props, "w:bidi", _AFTER_BIDI)
        if not rtl:
            bidi.set(qn("w:val"), "0")
    _mark_runs(root, attribute, language)
    made = "".join(etree.tostring(x, encoding="unicode") for x in root)
    return _DECLARATIONS.sub("", made)


def mark_page_languages(
    document: Any, languages: Sequence[tuple[str, str]], default: str
) -> bool:
    """Each page of the body in its own language (one of ``languages``, a tag and a
    direction each, in page order: the certificates, each in its participant's language),
    so Word spell-checks and reads each page as its own; every run of a page in another
    language than the document's (``default``) is marked with it. A page starts where Word
    starts one: a paragraph that breaks before it (``w:pageBreakBefore``, its own or its
    style's), or after a page break or a section's end; pages with no text are not counted.
    Nothing is marked when the pages do not match ``languages`` one for one (a template laid
    out otherwise); returns whether they did."""
    body = document.element.body
    breaking = _styles_breaking_before(document.styles.element)
    pages: list[list[Any]] = [[]]
    for element in body.iterchildren(qn("w:p"), qn("w:tbl")):
        props = element.find(qn("w:pPr")) if element.tag == qn("w:p") else None
        if props is not None and pages[-1] and _breaks_before(props, breaking):
            pages.append([])
        pages[-1].append(element)
        if element.tag == qn("w:p") and _ends_page(element, props):
            pages.append([])
    pages = [page for page in pages if any(_has_text(element) for element in page)]
    if len(pages) != len(languages):
        return False
    for page, (tag, direction) in zip(pages, languages, strict=True):
        if tag == default:
            continue
        attribute = qn("w:bidi") if direction == "rtl" else qn("w:val")
        for element in page:
            _mark_runs(element, attribute, tag)
    return True


def _mark_runs(root: Any, attribute: str, language: str) -> None:
    """Every run in ``root`` marked with ``language`` (``attribute``: ``w:val``, or ``w:bidi``
    for the complex-script language of a right-to-left one)."""
    for run in root.iter(qn("w:r")):
        props = run.find(qn("w:rPr"))
        if props is None:
            props = etree.Element(qn("w:rPr"))
            run.insert(0, props)
        child(props, "w:lang", _AFTER_LANG).set(attribute, language)


def _has_text(element: Any) -> bool:
    return any((t.text or "").strip() for t in element.iter(qn("w:t")))


def _styles_breaking_before(styles: Any) -> frozenset[str]:
    """The paragraph styles whose paragraphs start a page (their own ``w:pageBreakBefore``
    or the style they are based on's)."""
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for style in styles.iterchildren(qn("w:style")):
        name = style.get(qn("w:styleId"))
        if name is None:
            continue
        flag = style.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
        own[name] = None if flag is None else _on(flag)
        parent = style.find(qn("w:basedOn"))
        if parent is not None and parent.get(qn("w:val")):
            based[name] = parent.get(qn("w:val"))

    def breaks(name: str, seen: frozenset[str] = frozenset()) -> bool:
        value = own.get(name)
        if value is not None:
            return value
        parent = based.get(name)
        return parent is not None and parent not in seen and breaks(parent, seen | {name})

    return frozenset(name for name in own if breaks(name))


def _on(flag: Any) -> bool:
    return flag.get(qn("w:val"), "true") not in ("0", "false", "off")


def _breaks_before(props: Any, breaking: frozenset[str]) -> bool:
    flag = props.find(qn("w:pageBreakBefore"))
    if flag is not None:
        return _on(flag)
    style = props.find(qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")) in breaking


def _ends_page(paragraph: Any, props: Any) -> bool:
    """A page break in the paragraph, or the end of a section (which starts a new page unless
    it says otherwise)."""
    for br in paragraph.iter(qn("w:br")):
        if br.get(qn("w:type")) == "page":
            return True
    section = props.find(qn("w:sectPr")) if props is not None else None
    if section is None:
        return False
    kind = section.find(qn("w:type"))
    return kind is None or kind.get(qn("w:val")) in ("nextPage", "evenPage", "oddPage")


#: The declarations lxml writes on each element taken out of its parent (the document
#: declares them once, at its root).
_DECLARATIONS = re.compile(r' xmlns:(?:w|r)="[^"]*"')


def _paragraph_direction(paragraph: Any, rtl_document: bool, text_tag: str) -> None:
    """A paragraph with no letter of the document's direction runs its own way: the
    organiser's English prose in an Arabic outline left to right (its full stop at its end),
    an Arabic paragraph in an English one right to left. A short line (a Latin name, an
    organisation, a line the view held between direction marks) that starts and ends with a
    left-to-right letter reads the same either way: it keeps the document's direction,
    aligned as the Arabic lines around it are (a signature's name sat at the left margin
    under its right-aligned position)."""
    text = "".join(paragraph.itertext(text_tag))
    if not text:
        return
    if rtl_document:
        if has_rtl(text) or strong_direction(text) != "ltr" or _held_left_to_right(text):
            return
        value: str | None = "0"
    else:
        if not has_rtl(text) or _has_ltr_letter(text):
            return
        value = None
    props = paragraph.find(qn("w:pPr"))
    if props is None:
        props = etree.Element(qn("w:pPr"))
        paragraph.insert(0, props)
    bidi = child(props, "w:bidi", _AFTER_BIDI)
    if value is not None:
        bidi.set(qn("w:val"), value)


#: The longest line kept in the document's direction (a name, an organisation, a title): a
#: longer left-to-right text is prose, and reads left-aligned.
_SHORT_LINE = 80


def _held_left_to_right(text: str) -> bool:
    """Whether ``text`` is a short line that starts and ends with a left-to-right letter (or
    mark): nothing at its ends that a right-to-left paragraph would move."""
    import unicodedata

    shown = text.strip()
    return (
        0 < len(shown) <= _SHORT_LINE
        and "\n" not in shown
        and all(unicodedata.bidirectional(c) == "L" for c in (shown[0], shown[-1]))
    )


def _has_ltr_letter(text: str) -> bool:
    import unicodedata

    return any(unicodedata.bidirectional(char) == "L" for char in text)


def set_language(document: Any, view: View) -> None:
    """The document's language as Word's default, the theme's and ``dc:language``."""
    tag = view.regional_language
    styles = document.styles.element
    defaults = child(styles, "w:docDefaults", ("w:latentStyles", "w:style"))
    run_defaults = child(defaults, "w:rPrDefault", ("w:pPrDefault",))
    props = child(run_defaults, "w:rPr", ())
    language = child(props, "w:lang", _AFTER_LANG)
    language.set(qn("w:val"), tag)
    if view.direction == "rtl":
        language.set(qn("w:bidi"), tag)
        paragraph_defaults = child(defaults, "w:pPrDefault", ())
        paragraph = child(paragraph_defaults, "w:pPr", ())
        child(paragraph, "w:bidi", _AFTER_BIDI)
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)
        if view.direction == "rtl":
            theme.set(qn("w:bidi"), tag)
    document.core_properties.language = clean(tag)


#: The most characters python-docx lets a core property hold.
CORE_PROPERTY_LENGTH = 255


def fit_property(text: str) -> str:
    """``text`` cut to the length a core property holds, with an ellipsis when cut (a longer
    title would make python-docx refuse the document)."""
    return text if len(text) <= CORE_PROPERTY_LENGTH else text[: CORE_PROPERTY_LENGTH - 1] + "…"


def set_properties(document: Any, view: View, title: str | None = None) -> None:
    """Title (``title``, else the view's), subject and description in the document's language;
    its authors (Word's list, ``;`` between them); created and modified when the document was
    issued (left out when the view says none)."""
    props = document.core_properties
    props.title = fit_property(clean(title or view.title))
    if view.authors:
        props.author = fit_property(clean("; ".join(view.authors)))
    props.subject = fit_property(clean(view.labels["document_subject"]))
    props.comments = fit_property(clean(view.labels["document_description"]))
    element = props._element
    for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        found = element.find(qn(name))
        if found is not None:
            element.remove(found)
    if view.issued is not None:
        when = view.issued.astimezone(dt.UTC).replace(tzinfo=None)
        props.created = props.modified = when


#: The earliest time a zip entry can hold.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _stamp(issued: dt.datetime | None) -> tuple[int, int, int, int, int, int]:
    """The time of every zip entry: ``issued``'s wall-clock time, else 1980-01-01. A zip holds
    a wall-clock time without a zone: ``issued``'s own (the event's, for its version date; UTC
    for ``SOURCE_DATE_EPOCH``)."""
    if issued is None:
        return _ZIP_EPOCH
    when = issued
    return max(_ZIP_EPOCH, (when.year, when.month, when.day, when.hour, when.minute,
                            when.second - when.second % 2))  # fmt: skip


class _StampedZip:
    """A physical package writer for python-docx's ``PackageWriter``, as its own zip writer
    but with every entry stamped ``stamp``, deflated, mode 0644: what :func:`reproducible`
    makes of python-docx's package, without compressing every part twice."""

    def __init__(self, stamp: tuple[int, int, int, int, int, int]) -> None:
        self.stamp = stamp
        self.buffer = io.BytesIO()
        self.archive = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.archive.writestr(_entry(pack_uri.membername, self.stamp), blob)

    def close(self) -> None:
        self.archive.close()


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


#: The steps of python-docx's ``PackageWriter.write``, which it runs on the physical writer it
#: makes itself (a zip stamped with the clock); each takes the physical writer.
_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")


def save_package(template: Any, issued: dt.datetime | None) -> bytes:
    """The rendered docxtpl ``template`` as a .docx whose entries are stamped ``issued`` (see
    :func:`reproducible`): python-docx's own package writer, given a stamped zip writer. When
    docxtpl has pictures or parts to replace at saving (which confdocs never asks for), or
    python-docx's writer is not as expected, the template is saved as docxtpl saves it and the
    package written again; the bytes are the same either way."""
    from docx.opc.pkgwriter import PackageWriter

    pending = ("pics_to_replace", "crc_to_new_media", "crc_to_new_embedded", "zipname_to_replace")
    steps = [getattr(PackageWriter, name, None) for name in _WRITER_STEPS]
    if any(getattr(template, name, None) for name in pending) or None in steps:
        buffer = io.BytesIO()
        template.save(buffer)
        return reproducible(buffer.getvalue(), issued)
    package = template.docx.part.package
    parts = package.parts
    for part in parts:  # as python-docx's OpcPackage.save
        part.before_marshal()
    writer = _StampedZip(_stamp(issued))
    content_types, package_rels, each_part = steps
    assert content_types is not None and package_rels is not None and each_part is not None
    content_types(writer, parts)
    package_rels(writer, package.rels)
    each_part(writer, parts)
    writer.close()
    template.is_saved = True
    return writer.buffer.getvalue()


def reproducible(data: bytes, issued: dt.datetime | None) -> bytes:
    """The package with every entry stamped ``issued`` (or 1980-01-01), in its order."""
    stamp = _stamp(issued)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(_entry(info.filename, stamp), source.read(info.filename))
    return out.getvalue()
