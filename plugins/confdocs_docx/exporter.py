"""The ``docx`` format: the outline as a Word document, rendered with docxtpl.

Rendering is safe by construction and checked afterwards: values are escaped (autoescape) and
cleaned of characters XML forbids; the template runs in confdocs' sandboxed Jinja environment;
the produced XML must parse strictly, and every piece of text that went in must be found in
the document (docxtpl's own rendering can silently drop text after a stray ``&``).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import io
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from typing import Any, TypeVar

import docx
from docxtpl import DocxTemplate
from docxtpl import __version__ as docxtpl_version
from lxml import etree

from confdocs import ExportOptions, TemplateError
from confdocs.rendering import kept_text, make_environment
from confdocs.view import View

from .archive import read_user_template
from .checks import BrokenDocument, missing_texts, package_text, strict_parser
from .context import ContextBuilder, build_context, runs_of
from .footnotes import FOOTNOTES_TYPE, NoteRuns, place_footnotes
from .language import (
    child,
    fit_property,
    mark_directions,
    mark_page_languages,
    save_package,
    set_language,
    set_properties,
    text_parts,
)
from .pictures import Pictures
from .relations import Relations
from .revisions import DELETE, INSERT, Revisions, first_free_id, strip
from .tags import culprit
from .values import Recorder
from .wordml import Converted, Format, InlineConverter, LinkTarget, run

__all__ = ["ContextBuilder", "ContextExtension", "render_docx", "render_word"]

DEFAULT_TEMPLATE = "outline.docx"
_PLACEMENT_HINT = (
    "; rich text goes in as {{r value.runs }} inside a paragraph, or as"
    " {{p value.paragraphs }} alone in its paragraph"
)
_CORE_TEXT_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def default_template_bytes(name: str = DEFAULT_TEMPLATE) -> bytes:
    return resources.files("confdocs_docx").joinpath("templates", name).read_bytes()


def _grids_fit(tree: Any) -> bool:
    """Does every table's grid already have as many columns as its widest row fills (docxtpl's
    ``fix_tables`` then adds and removes nothing)?"""
    w = tree.nsmap.get("w")
    if w is None:
        return False
    tbl, grid, col, tr, tc = (f"{{{w}}}{n}" for n in ("tbl", "tblGrid", "gridCol", "tr", "tc"))
    pr, span, val = f"{{{w}}}tcPr", f"{{{w}}}gridSpan", f"{{{w}}}val"
    for table in tree.iter(tbl):
        columns = table.find(grid)
        if columns is None:
            return False
        count = len(columns.findall(col))
        most_cells = most_spanned = 0
        for row in table.iter(tr):
            cells = row.findall(tc)
            spanned = 0
            for cell in cells:
                props = cell.find(pr)
                width = None if props is None else props.find(span)
                spanned += 1 if width is None else int(width.get(val))
            most_cells = max(most_cells, len(cells))
            most_spanned = max(most_spanned, spanned)
        if most_cells > count or most_spanned < count:
            return False
    return True


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, checking the rendered body strictly before docxtpl's lenient parse."""

    docx: Any
    is_rendered: bool

    def __init__(self, source: bytes, recorder: Recorder) -> None:
        super().__init__(io.BytesIO(source))
        self.source = source
        self.recorder = recorder

    def init_docx(self, reload: bool = True) -> None:
        # As docxtpl's, but a template rendered again in this process is not unpacked and
        # parsed again: the render takes a copy of the document opened before (_opened).
        if not self.docx or (self.is_rendered and reload):
            self.docx = _opened(self.source)
            self.is_rendered = False

    def fix_tables(self, xml: str) -> Any:
        # The rendered body is parsed once, strictly, inside the whole document, which then
        # replaces python-docx's (see map_tree). docxtpl's own pass (another parse) runs only
        # when a table's grid does not fit its rows.
        try:
            whole = _with_body_text(self.docx.element, xml)
        except etree.XMLSyntaxError as exc:
            raise BrokenDocument(f"the rendered document is not well-formed XML ({exc})") from None
        if whole is not None and _grids_fit(whole.body):
            self._whole = whole
            return whole.body
        try:
            etree.fromstring(xml.encode("utf-8"), strict_parser())
        except etree.XMLSyntaxError as exc:
            raise BrokenDocument(f"the rendered document is not well-formed XML ({exc})") from None
        return super().fix_tables(xml)

    def patch_xml(self, src_xml: str) -> str:
        # A pure function of the template's XML and docxtpl's code, made again at every render
        # (its regular expressions take several milliseconds): kept per text for the process,
        # and in the template cache folder for the next process (rendering.compiled).
        patched = _PATCHED.get(src_xml)
        if patched is None:
            patched = kept_text(
                src_xml,
                lambda xml: _typed_in_tags(str(super(_Template, self).patch_xml(xml))),
                depends_on=("docxtpl.template", __name__),
                versions=("docxtpl.patch_xml", docxtpl_version),
            )
            _remember(_PATCHED, src_xml, patched)
        return patched

    def render_xml_part(
        self, src_xml: str, part: Any, context: Any, jinja_env: Any = None
    ) -> str:
        # As docxtpl's: a new line before each paragraph while Jinja renders (its error
        # lines), taken out again. Taken out of each piece the template yields (only its own
        # text holds them: values are escaped or Word XML without new lines), not by a regular
        # expression over the whole rendered part: a 10,000-slot body is 21 M characters, and
        # that pass made one more copy of it.
        if jinja_env is None:
            return str(super().render_xml_part(src_xml, part, context, jinja_env))
        self.current_rendering_part = part
        template = jinja_env.from_string(_PARAGRAPH.sub(r"\n<w:p\1", src_xml))
        rendered = "".join(
            _PARAGRAPH_AFTER_LINE.sub(r"<w:p\1", piece) if "\n<w:p" in piece else piece
            for piece in template.generate(context)
        )
        rendered = (
            rendered.replace("{_{", "{{")
            .replace("}_}", "}}")
            .replace("{_%", "{%")
            .replace("%_}", "%}")
        )
        return self.resolve_listing(rendered)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns tabs, new lines and \a, \f in text into Word elements, with regular
        # expressions over the whole document; without any of them there is nothing to do.
        if not _LISTING.search(xml):
            return xml
        return str(super().resolve_listing(xml))

    def fix_docpr_ids(self, tree: Any) -> None:
        # docxtpl's own version calls tree.xpath(..., namespaces=...), which python-docx's
        # element classes (the tree fix_tables now returns) do not take; same renumbering, in
        # the same (document) order. lxml's iter, not an XPath: libxml2's "//" visits every
        # node of a long programme (25 ms at 5,000 slots) where iter looks for one name.
        from docx.oxml.ns import qn

        for element in tree.iter(qn("wp:docPr")):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        # docxtpl moves the rendered body into the document; lxml does that in time quadratic
        # in the number of xml:space attributes (every run of text has one), so parse the whole
        # document at once instead and give python-docx the new root.
        whole = getattr(self, "_whole", None)
        if whole is None or tree is not whole.body:
            whole = _with_body(self.docx.element, tree)
        if whole is None:
            super().map_tree(tree)
            return
        self.docx._element = whole
        self.docx.part._element = whole
        self.docx._Document__body = None

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        # Document properties are not part of the text, so they are not checked for loss.
        # As docxtpl renders them, but each cut to the 255 characters Word's core properties
        # hold (a longer title would make python-docx refuse the document).
        self.recorder.paused = True
        props = self.docx.core_properties
        jinja_env = jinja_env or _environment()
        try:
            for name in _CORE_TEXT_PROPERTIES:
                rendered = jinja_env.from_string(getattr(props, name)).render(context)
                setattr(props, name, fit_property(html.unescape(rendered)))
        finally:
            self.recorder.paused = False


#: Templates opened by python-docx, by the digest of their bytes, each kept as opened: a render
#: takes a copy. A template is kept from its second render on (a command that renders it once
#: would only pay for the copy); _SEEN holds the digests rendered once.
_OPENED: dict[str, Any] = {}
_SEEN: dict[str, bool] = {}
_OPENED_SIZE = 8
_OPENING = threading.Lock()


def _opened(source: bytes) -> Any:
    """A python-docx ``Document`` of the template ``source``, the render's own to change: from
    its second render in the process on, a copy of the one opened then (copying the parsed
    parts takes about half the time of unpacking and parsing them again)."""
    key = hashlib.sha256(source).hexdigest()
    with _OPENING:
        pristine = _OPENED.get(key)
        if pristine is None:
            if key not in _SEEN:
                _remember(_SEEN, key, True)
                return docx.Document(io.BytesIO(source))
            pristine = _remember(_OPENED, key, docx.Document(io.BytesIO(source)), _OPENED_SIZE)
        return copy.deepcopy(pristine)


#: Templates' XML as docxtpl patches it, kept for the process (see _remember); each
#: environment keeps what it compiled (a text compiled by the plugin's own environment is never
#: rendered for a user's template, which is sandboxed).
_PATCHED: dict[str, str] = {}
#: How many template texts each cache holds (a batch build uses one or two templates).
_CACHE_SIZE = 32

T = TypeVar("T")


def _remember(cache: dict[str, T], key: str, value: T, size: int = _CACHE_SIZE) -> T:
    if len(cache) >= size:
        del cache[next(iter(cache))]  # the oldest
    cache[key] = value
    return value


class _CompileOnce:
    """The Jinja environment as docxtpl uses it, compiling each distinct template text once per
    process: docxtpl compiles the whole document with ``from_string`` at every render."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.compiled: dict[str, Any] = {}

    @property
    def autoescape(self) -> Any:
        return self.env.autoescape

    @autoescape.setter
    def autoescape(self, value: Any) -> None:
        self.env.autoescape = value

    def from_string(self, source: str) -> Any:
        template = self.compiled.get(source)
        if template is None:
            template = _remember(self.compiled, source, self.env.from_string(source))
        return template


@functools.cache
def _environment(trusted: bool = False) -> _CompileOnce:
    # Stateless between renders: one for the process, its templates kept; sandboxed but for
    # the plugin's own templates (``trusted``, see confdocs.rendering.templating).
    return _CompileOnce(make_environment(None, autoescape=True, trusted=trusted))


#: A paragraph's start, and the new line docxtpl's rendering puts before it.
_PARAGRAPH = re.compile(r"<w:p([ >])")
_PARAGRAPH_AFTER_LINE = re.compile(r"\n<w:p([ >])")
#: The characters docxtpl's ``resolve_listing`` turns into Word elements.
_LISTING = re.compile("[\t\n\a\f]")
_XMLNS = re.compile(r' xmlns(?::([\w.-]+))?="([^"]*)"')
#: The inside of a Jinja tag, as docxtpl finds it to unescape ``&lt;`` and ``&gt;`` there.
_IN_TAG = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]\})")


def _typed_in_tags(xml: str) -> str:
    """The template's XML with each Jinja tag holding the ``&`` typed in it: Word stores an
    ``&`` as ``&amp;``, which docxtpl leaves in the tag (it unescapes ``&lt;`` and ``&gt;``
    there), so ``{{ 'R&D' }}`` gave Jinja the string ``R&amp;D`` and the reader "R&amp;D".
    Run after docxtpl's, so a typed ``&lt;`` (``&amp;lt;``) is the string ``&lt;``."""
    if "&amp;" not in xml:
        return xml
    return _IN_TAG.sub(lambda m: m.group(0).replace("&amp;", "&"), xml)


def _with_body(root: Any, body: Any) -> Any | None:
    """A copy of the document ``root`` whose body is ``body`` (an element of another document),
    parsed from text; None when the document's text is not laid out as expected."""
    return _with_body_text(root, etree.tostring(body, encoding="unicode"))


def _with_body_text(root: Any, text: str) -> Any | None:
    """A copy of the document ``root`` whose body is the XML ``text`` (a ``w:body`` element),
    parsed strictly; None when the document's text is not laid out as expected."""
    from docx.oxml.parser import element_class_lookup

    document = etree.tostring(root, encoding="unicode")
    prefix = root.body.prefix
    if not prefix:
        return None
    start = document.find(f"<{prefix}:body")
    end = document.rfind(f"</{prefix}:body>")
    if start < 0 or end < 0 or document.find(f"<{prefix}:body", start + 1) >= 0:
        return None
    end += len(f"</{prefix}:body>")
    tag_end = text.find(">")
    if tag_end < 0 or not text.startswith(f"<{prefix}:body"):
        return None
    # Declarations the document's root already makes are left out, as lxml does when moving.
    declared = root.nsmap

    def redundant(match: re.Match[str]) -> str:
        return "" if declared.get(match.group(1)) == match.group(2) else match.group(0)

    start_tag = _XMLNS.sub(redundant, text[:tag_end])
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)
    parser.set_element_class_lookup(element_class_lookup)
    # Fed in pieces, not joined: a 10,000-slot body is some 60 MB of text, and one more copy
    # of it (and lxml's own of the whole) is memory fresh from the system at every render.
    parser.feed(document[:start])
    parser.feed(start_tag)
    for at in range(tag_end, len(text), _FEED_CHARACTERS):
        parser.feed(text[at : at + _FEED_CHARACTERS])
    parser.feed(document[end:])
    return parser.close()


#: Characters of the rendered body given to the parser at a time.
_FEED_CHARACTERS = 1 << 20


def drop_empty_tables(document: Any) -> None:
    """A table of the body that shows nothing (the header's, for an event without funders,
    implementers or logos) is left out: it would only be empty space, and in a tracked
    document a row one version lacks."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = document.element.body
    for table in body.findall(f"{{{w}}}tbl"):
        if not _shows_text(table, f"{{{w}}}t") and table.find(f".//{{{w}}}drawing") is None:
            body.remove(table)


def _shows_text(table: Any, text_tag: str) -> bool:
    """Whether ``table`` has text a reader sees, or a tracked change: the first such piece of
    text settles it (a programme day's table, some 100,000 pieces at 5,000 slots, at its first).
    Until a deletion's marker (which would answer yes), no piece is inside a deleted one."""
    for element in table.iter(text_tag):
        text = element.text
        if text and (DELETE in text or INSERT in text or strip(text).strip()):
            return True
    return False


def close_empty_cells(document: Any) -> None:
    """Every table cell of the body ends with a paragraph, as Word requires: a template's
    cell whose only paragraphs were conditional (the header's implementers, when there are
    none) gets an empty one."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cell, para = f"{{{w}}}tc", f"{{{w}}}p"
    for tc in document.element.body.iter(cell):
        if len(tc) == 0 or tc[len(tc) - 1].tag != para:
            tc.append(tc.makeelement(para, {}))


#: Children of w:pPr that come after w:keepNext (ECMA-376's order).
_AFTER_KEEP_NEXT = (
    "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def keep_heads_with_rows(document: Any) -> None:
    """A table of the body whose head repeats on each page (its first rows are ``w:tblHeader``
    rows: a programme day's, its heading and the columns' names) starts on the page that
    holds its first two rows: every paragraph of the head and of the first row keeps with
    the next. LibreOffice keeps a head with one row only, so a day could start at a page's
    foot with its heading and one slot, the rest overleaf; the rows after the second still
    run across pages. Word reads a row's keep from its paragraphs, LibreOffice from its first
    cell's first paragraph; a keep the template sets (``w:val="0"`` too) is left as it is."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    row_tag, head_tag, para_tag = f"{{{w}}}tr", f"{{{w}}}trPr/{{{w}}}tblHeader", f"{{{w}}}p"
    props_tag = f"{{{w}}}pPr"
    for table in document.element.body.iterchildren(f"{{{w}}}tbl"):
        rows = table.findall(row_tag)
        heads = next((i for i, row in enumerate(rows) if row.find(head_tag) is None), len(rows))
        if heads == 0:
            continue
        kept = rows[: heads + 1] if len(rows) > heads + 1 else rows[:heads]
        for row in kept:
            for paragraph in row.iter(para_tag):
                props = paragraph.find(props_tag)
                if props is None:
                    props = paragraph.makeelement(props_tag, {})
                    paragraph.insert(0, props)
                child(props, "w:keepNext", _AFTER_KEEP_NEXT)


def render_docx(view: View, options: ExportOptions) -> bytes:
    """The document for ``view``: the default template, or ``options["template"]``. With a
    previous version to compare with (``view.tracked``), the document has Word tracked
    changes."""
    tracked = view.tracked is not None
    shown = view.tracked if view.tracked is not None else view

    def context(link_target: LinkTarget, recorder: Recorder, pictures: Pictures) -> Any:
        return build_context(shown, link_target, recorder, pictures, tracked)

    return render_document(
        shown,
        options,
        default_template_bytes(),
        DEFAULT_TEMPLATE,
        context,
        _note_runs(shown, tracked),
        tracked=tracked,
        keep_heads=True,
    )


#: Adds to a Word template's variables: given the context builder (its ``text``, ``line``,
#: ``rich`` … make values that escape themselves and are checked for loss), returns more.
ContextExtension = Callable[[ContextBuilder], Mapping[str, Any]]


def render_word(
    view: View,
    options: ExportOptions,
    default: bytes,
    default_name: str,
    extend: ContextExtension | None = None,
    page_languages: Sequence[tuple[str, str]] | None = None,
) -> bytes:
    """``view`` through a Word template: the user's ``options["template"]``, else
    ``default`` (the bytes of the plugin's own template, ``default_name``); its variables are
    the outline's (docs/docx-templates.md) and what ``extend`` adds. Rendered sandboxed,
    escaped, parsed strictly and checked for lost text, as the outline is. With
    ``page_languages`` (a tag and a direction per page), each page is in its own language
    (see :func:`.language.mark_page_languages`)."""

    def context(link_target: LinkTarget, recorder: Recorder, pictures: Pictures) -> Any:
        builder = ContextBuilder(view, link_target, recorder, pictures)
        made = builder.build()
        if extend is not None:
            made.update(extend(builder))
        return made

    return render_document(
        view,
        options,
        default,
        default_name,
        context,
        _note_runs(view),
        page_languages=page_languages,
    )


#: Makes a template's variables, given where links go, the recorder and the pictures.
MakeContext = Callable[[LinkTarget, Recorder, Pictures], dict[str, Any]]


def render_document(
    view: View,
    options: ExportOptions,
    default: bytes,
    default_name: str,
    make_context: MakeContext,
    note_runs: NoteRuns | None = None,
    title: str | None = None,
    tracked: bool = False,
    page_languages: Sequence[tuple[str, str]] | None = None,
    keep_heads: bool = False,
) -> bytes:
    """A Word document: ``options["template"]``, else ``default`` (the bytes of the plugin's
    own template, ``default_name``), rendered with ``make_context``'s variables, sandboxed and
    escaped; its footnotes placed (``note_runs``), then the language, direction and properties
    of ``view`` (the first language's, for a bilingual document; ``title`` its title), Word
    revisions for a ``tracked`` document, reproducible, and checked for lost text. With
    ``keep_heads``, a table whose head repeats starts where its first two rows fit
    (:func:`keep_heads_with_rows`)."""
    user_template = options.get("template")
    if user_template:
        label = str(user_template)
        source = read_user_template(label, label)
    else:
        label = f"{default_name} (the default template)"
        source = default
    recorder = Recorder()
    tpl = _Template(source, recorder)
    try:
        tpl.init_docx()
    except Exception as exc:
        raise TemplateError(
            f"template {label} is not a Word .docx file ({type(exc).__name__}: {exc})"
        ) from None
    document = tpl.docx
    # Links and pictures are related by the parts that show them, after rendering.
    relations = Relations()
    context = make_context(relations.link, recorder, Pictures(document.part, relations))
    try:
        tpl.render(context, _environment(trusted=not user_template), autoescape=True)
    except BrokenDocument as exc:
        raise TemplateError(f"template {label}: {exc}{_PLACEMENT_HINT}") from None
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"template {label}: a header or footer is not well-formed XML ({exc})"
        ) from None
    except Exception as exc:
        raise _template_error(exc, tpl, label) from None
    if note_runs is not None:
        place_footnotes(document, note_runs, recorder, relations.link, tracked)
    drop_empty_tables(document)
    close_empty_cells(document)
    if keep_heads:
        keep_heads_with_rows(document)
    set_language(document, view)
    if page_languages:
        mark_page_languages(document, page_languages, view.regional_language)
    set_properties(document, view, title)
    if tracked:  # after the properties: it takes the change markers out of them too
        track_changes(document, view)
    mark_directions(document, view, recorder.texts)
    relations.resolve(document)
    data = save_package(tpl, view.issued)
    try:
        text = package_text(document)
    except BrokenDocument as exc:
        raise TemplateError(f"template {label}: {exc}{_PLACEMENT_HINT}") from None
    lost = missing_texts(recorder.texts, text)
    if lost:
        shown = ", ".join(repr(piece[:60]) for piece in lost[:3])
        raise TemplateError(
            f"template {label}: {len(lost)} piece(s) of text vanished while rendering: {shown}"
        )
    return data


def _note_runs(
    view: View, tracked: bool = False
) -> Callable[[int, Callable[[str], str]], Converted]:
    notes = {note.number: note for note in view.notes}

    def superscript(number: int) -> str:
        return run(str(number), Format(superscript=True))

    def note_runs(number: int, link_target: Callable[[str], str]) -> Converted:
        note = notes.get(number)
        if note is None:
            return Converted("", [])
        inline = InlineConverter(link_target, superscript, tracked)
        return runs_of(inline, note.text, tracked)

    return note_runs


def track_changes(document: Any, view: View) -> None:
    """Resolve the tracked document's markers into Word revisions, in every part that holds
    text (see :mod:`.revisions`), and keep them out of the document's properties."""
    changes = view.changes
    author = (changes.author if changes else "") or "confdocs"
    parts = list(text_parts(document))
    revisions = Revisions(author, changes.date if changes else None, first_free_id(*parts))
    for root in parts:
        revisions.resolve(root)
    footnotes = _footnotes_part(document)
    if footnotes is not None:
        root = etree.fromstring(footnotes.blob)
        revisions.resolve(root)
        footnotes._blob = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    props = document.core_properties
    for name in _CORE_TEXT_PROPERTIES:
        value = getattr(props, name)
        if value:
            setattr(props, name, strip(value))


def _footnotes_part(document: Any) -> Any:
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype == FOOTNOTES_TYPE:
            return rel.target_part
    return None


def _template_error(exc: Exception, tpl: Any, label: str) -> TemplateError:
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    tag = culprit(exc, tpl)
    where = f" in {tag}" if tag else ""
    if isinstance(exc, TemplateSyntaxError):
        return TemplateError(f"template {label}: syntax error{where}: {exc.message}")
    if isinstance(exc, UndefinedError):
        return TemplateError(f"template {label}: unknown variable{where}: {exc.message}")
    if isinstance(exc, SecurityError):
        return TemplateError(f"template {label}: not allowed{where}: {exc}")
    if isinstance(exc, JinjaError):
        return TemplateError(f"template {label}{where}: {exc}")
    return TemplateError(f"template {label}{where}: {type(exc).__name__}: {exc}")
