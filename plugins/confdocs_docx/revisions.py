"""Word tracked changes (``w:ins``, ``w:del``) from a tracked view.

While the template renders, every text that comes from the view is wrapped in marker
characters (private-use code points that never reach the saved file): :data:`VALUE` for an
unchanged value, :data:`DELETE` and :data:`INSERT` for what the previous version had and this one
dropped, or the reverse, each closed by :data:`END`. A value may sit anywhere a template puts it
(inside a run of the template's own text, in a table cell, a header), so the markers are resolved
afterwards, over the finished parts, by :func:`resolve_revisions`:

1. each run is split where its markers say, the pieces keeping the run's formatting; deleted
   pieces go into ``w:del`` (their text as ``w:delText``), inserted ones into ``w:ins``;
2. a paragraph whose values were all deleted (inserted) is deleted (inserted) whole: its
   template text and its paragraph mark with it, so accepting or rejecting every change leaves
   no stray label or empty paragraph;
3. likewise a table row whose paragraphs were, and a table whose rows were (a day of the
   programme, with its header rows), with the empty paragraph a template puts after it.

Every change carries the author and the date of the new version, and an id of its own, so
Word and LibreOffice list each one in their review pane and accept or reject it alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

VALUE = "\U0010fff1"
DELETE = "\U0010fff2"
INSERT = "\U0010fff3"
END = "\U0010fff4"
MARKERS = frozenset({VALUE, DELETE, INSERT, END})
_MARKER = re.compile(f"[{VALUE}{DELETE}{INSERT}{END}]")
_SPLIT = re.compile(f"([{VALUE}{DELETE}{INSERT}{END}])")
#: What each opening marker makes its text.
_KIND = {VALUE: "value", DELETE: "del", INSERT: "ins"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


# python-docx gives some element classes a ``text`` of their own (a run's text is all its
# pieces'): the markers are read and written in each element's own text, lxml's.
_TEXT = etree._Element.text


def _own_text(element: Any) -> str | None:
    text: str | None = _TEXT.__get__(element)
    return text


def _set_own_text(element: Any, text: str) -> None:
    _TEXT.__set__(element, text)

#: Tag names, made once (a document has hundreds of thousands of runs).
_AUTHOR = _w("author")
_DATE = _w("date")
_DEL = _w("del")
_DELINSTRTEXT = _w("delInstrText")
_DELTEXT = _w("delText")
_ID = _w("id")
_INS = _w("ins")
_INSTRTEXT = _w("instrText")
_P = _w("p")
_PPR = _w("pPr")
_PPRCHANGE = _w("pPrChange")
_R = _w("r")
_RPR = _w("rPr")
_SECTPR = _w("sectPr")
_T = _w("t")
_TBL = _w("tbl")
_TBLPREX = _w("tblPrEx")
_TR = _w("tr")
_TRPR = _w("trPr")
_TRPRCHANGE = _w("trPrChange")
_TXBXCONTENT = _w("txbxContent")


def marked(text: str, change: str | None, present: bool = False) -> str:
    """``text`` between the markers of ``change`` (``"del"``, ``"ins"``, or None for an
    unchanged value). No text makes nothing, as an empty value makes no run, unless the value
    is ``present`` (a template's ``{% if %}`` took it for something): then the markers alone
    say the paragraph holds a value of that kind."""
    text = _MARKER.sub("", text)  # a value cannot carry markers of its own
    if not text and not present:
        return ""
    start = DELETE if change == "del" else INSERT if change == "ins" else VALUE
    return f"{start}{text}{END}"


def tracked_reference(xml: str, change: str | None) -> str:
    """A run without text (a footnote reference) of a changed span: wrapped in ``w:del`` or
    ``w:ins`` already; :func:`Revisions.resolve` gives it its id, author and date."""
    if change in ("del", "ins"):
        return f"<w:{change}>{xml}</w:{change}>"
    return xml


def strip(text: str) -> str:
    """``text`` as the new version reads it: deleted pieces out, markers gone."""
    out: list[str] = []
    state: str | None = None
    for piece in _SPLIT.split(text):
        if piece in _KIND:
            state = _KIND[piece]
        elif piece == END:
            state = None
        elif state != "del":
            out.append(piece)
    return "".join(out)


class Revisions:
    """Turns marked text into tracked changes, one part at a time, with ids unique across the
    document."""

    def __init__(self, author: str, date: dt.date | None, first_id: int = 1) -> None:
        self.author = author
        self.date = (
            dt.datetime(date.year, date.month, date.day).strftime("%Y-%m-%dT%H:%M:%SZ")
            if date is not None
            else None
        )
        self.next_id = first_id
        self.count = 0

    def attributes(self) -> dict[str, str]:
        attrs = {_ID: str(self.next_id), _AUTHOR: self.author}
        if self.date:
            attrs[_DATE] = self.date
        self.next_id += 1
        self.count += 1
        return attrs

    # -- a whole part ------------------------------------------------------------------------

    def resolve(self, root: Any) -> None:
        """Resolve the markers of one part (document body, header, footer, footnotes)."""
        kinds: dict[Any, str] = {}
        for paragraph in list(root.iter(_P)):
            kinds[paragraph] = self.paragraph(paragraph)
        for row in list(root.iter(_TR)):
            self.row(row, kinds)
        for table in list(root.iter(_TBL)):
            self.table(table, kinds)
        self.number_placeholders(root)
        _strip_leftovers(root)

    def paragraph(self, paragraph: Any) -> str:
        """Split and wrap the paragraph's runs; what the paragraph is as a whole: ``del``,
        ``ins``, ``value`` (it shows something both versions have, or both changes), or
        ``literal`` (only the template's own text, or nothing)."""
        classes: list[tuple[Any, str]] = []
        state = _State()
        for run in [r for r in paragraph.iter(_R) if _own(r, paragraph)]:
            for piece, kind in self.split(run, state):
                classes.append((piece, kind))
        classes = _separators_follow(classes)
        self.wrap(classes)
        shown = {kind for piece, kind in classes if _has_content(piece)}
        values = (shown | state.empty) - {"literal"}
        if values == {"del"} or values == {"ins"}:
            whole = values.pop()
            self.whole_paragraph(paragraph, whole)
            return whole
        return "value" if values else "literal"

    def split(self, run: Any, state: _State) -> Iterator[tuple[Any, str]]:
        """The run cut where its markers say, each piece with its kind. ``state`` carries what
        is open from run to run (a value may span several runs, as a tab does)."""
        wrapped = run.getparent()
        if wrapped is not None and wrapped.tag in (_INS, _DEL):
            # Made so already (a footnote reference of a changed span).
            yield run, "del" if wrapped.tag == _DEL else "ins"
            return
        texts = [t for t in run.iter(_T) if _MARKER.search(_own_text(t) or "")]
        if not texts:
            yield run, _state_kind(state.open)
            return
        if len(texts) == 1 and state.open is None:
            whole = _own_text(texts[0]) or ""
            if (
                whole[0] in _KIND
                and whole[-1] == END
                and len(whole) > 2
                and not _MARKER.search(whole, 1, len(whole) - 1)
                and texts[0] is run.findall(_T)[0] is run[len(run) - 1]
            ):
                # The common case: a run holding one value and nothing else.
                _set_own_text(texts[0], whole[1:-1])
                yield run, _KIND[whole[0]]
                return
        properties = run.find(_RPR)
        pieces: list[tuple[str, list[Any]]] = []

        def add(kind: str, element: Any) -> None:
            if pieces and pieces[-1][0] == kind:
                pieces[-1][1].append(element)
            else:
                pieces.append((kind, [element]))

        for child in list(run):
            if child is properties:
                continue
            own = _own_text(child) if child.tag == _T else None
            if not (own and _MARKER.search(own)):
                add(_state_kind(state.open), child)
                state.text = True
                continue
            for part in _SPLIT.split(own):
                if part in _KIND:
                    state.open, state.text = _KIND[part], False
                elif part == END:
                    if state.open and not state.text:
                        state.empty.add(state.open)
                    state.open = None
                elif part:
                    state.text = True
                    text = run.makeelement(_T, {})
                    _set_own_text(text, part)
                    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    add(_state_kind(state.open), text)
        parent = run.getparent()
        at = parent.index(run)
        parent.remove(run)
        for offset, (kind, children) in enumerate(pieces):
            piece = run.makeelement(_R, {})
            if properties is not None:
                piece.append(_copy(properties))
            for child in children:
                piece.append(child)
            parent.insert(at + offset, piece)
            yield piece, kind

    def wrap(self, classes: list[tuple[Any, str]]) -> None:
        """Deleted and inserted runs into ``w:del`` and ``w:ins``, neighbours together."""
        group: list[Any] = []
        for piece, kind in classes:
            if kind not in ("del", "ins") or _is_wrapped(piece):
                self._wrap_group(group)
                group = []
                continue
            if group and (group[0][1] != kind or piece.getprevious() is not group[-1][0]):
                self._wrap_group(group)
                group = []
            group.append((piece, kind))
        self._wrap_group(group)

    def _wrap_group(self, group: list[tuple[Any, str]]) -> None:
        if not group:
            return
        runs = [run for run, _ in group]
        kind = group[0][1]
        parent = runs[0].getparent()
        wrapper = parent.makeelement(_w(kind), self.attributes())
        parent.insert(parent.index(runs[0]), wrapper)
        for run in runs:
            wrapper.append(run)
            if kind == "del":
                _as_deleted_text(run)

    def whole_paragraph(self, paragraph: Any, kind: str) -> None:
        """Every run of the paragraph, the template's own text too, and its mark, ``kind``."""
        loose = [
            r
            for r in paragraph.iter(_R)
            if _own(r, paragraph) and not _is_wrapped(r) and _has_content(r)
        ]
        self.wrap([(r, kind) for r in loose])
        properties = paragraph.find(_PPR)
        if properties is None:
            properties = paragraph.makeelement(_PPR, {})
            paragraph.insert(0, properties)
        mark = properties.find(_RPR)
        if mark is None:
            mark = paragraph.makeelement(_RPR, {})
            before = properties.find(_SECTPR)
            if before is None:
                before = properties.find(_PPRCHANGE)
            if before is not None:
                before.addprevious(mark)
            else:
                properties.append(mark)
        if mark.find(_INS) is None and mark.find(_DEL) is None:
            mark.insert(0, paragraph.makeelement(_w(kind), self.attributes()))

    def row(self, row: Any, kinds: dict[Any, str]) -> None:
        paragraphs = [p for p in row.iter(_P) if _own_row(p, row)]
        found = {kinds.get(p, "literal") for p in paragraphs} - {"literal"}
        if found == {"del"} or found == {"ins"}:
            kind = found.pop()
            self.whole_row(row, kind, paragraphs, kinds)

    def whole_row(self, row: Any, kind: str, paragraphs: list[Any], kinds: dict[Any, str]) -> None:
        for paragraph in paragraphs:
            if kinds.get(paragraph) != kind:
                self.whole_paragraph(paragraph, kind)
                kinds[paragraph] = kind
        properties = row.find(_TRPR)
        if properties is None:
            properties = row.makeelement(_TRPR, {})
            cells = row.find(_TBLPREX)
            (cells.addnext if cells is not None else lambda e: row.insert(0, e))(properties)
        if properties.find(_INS) is None and properties.find(_DEL) is None:
            change = properties.find(_TRPRCHANGE)
            element = row.makeelement(_w(kind), self.attributes())
            if change is not None:
                change.addprevious(element)
            else:
                properties.append(element)
        kinds[row] = kind

    def table(self, table: Any, kinds: dict[Any, str]) -> None:
        rows = [r for r in table.findall(_TR)]
        row_kinds = {r: self._row_kind(r, kinds) for r in rows}
        found = set(row_kinds.values()) - {"literal"}
        if found == {"del"} or found == {"ins"}:
            kind = found.pop()
            for row in rows:
                if row_kinds[row] != kind:
                    paragraphs = [p for p in row.iter(_P) if _own_row(p, row)]
                    self.whole_row(row, kind, paragraphs, kinds)
            # A template repeats a table with an empty paragraph after it (Word would join
            # two tables that touch): the paragraph goes with its table.
            following = table.getnext()
            if (
                following is not None
                and following.tag == _P
                and kinds.get(following) == "literal"
                and not any(_has_content(r) for r in following.iter(_R))
            ):
                self.whole_paragraph(following, kind)
                kinds[following] = kind

    @staticmethod
    def _row_kind(row: Any, kinds: dict[Any, str]) -> str:
        if row in kinds:
            return kinds[row]
        found = {kinds.get(p, "literal") for p in row.iter(_P)} - {"literal"}
        if not found:
            return "literal"
        return found.pop() if len(found) == 1 and found <= {"del", "ins"} else "value"

    def number_placeholders(self, root: Any) -> None:
        """Changes made before this pass (a changed footnote reference) carry no id yet."""
        for tag in (_INS, _DEL):
            for element in root.iter(tag):
                if element.get(_ID) in (None, "", "0") or element.get(_AUTHOR) is None:
                    for name, value in self.attributes().items():
                        element.set(name, value)
                if tag == _DEL:
                    for run in element.iter(_R):
                        _as_deleted_text(run)


class _State:
    """What splitting a paragraph's runs carries from run to run: the value open (its kind),
    whether it had text yet, and the kinds of values that had none."""

    def __init__(self) -> None:
        self.open: str | None = None
        self.text = False
        self.empty: set[str] = set()


_SEPARATOR = re.compile(r"[\s\W]+", re.UNICODE)


def _separators_follow(classes: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """A template's separator (", ", " – ") beside a value only one version has goes with
    it: templates print such a separator only with the value (``{% if place %}, {{ place
    }}{% endif %}``). A value replaced (deleted, then inserted) keeps its separators."""
    shown = [(n, kind) for n, (piece, kind) in enumerate(classes) if _has_content(piece)]
    out = list(classes)
    for at, (n, kind) in enumerate(shown):
        if kind != "literal" or not _SEPARATOR.fullmatch(_text(classes[n][0]) or "x"):
            continue
        after = shown[at + 1][1] if at + 1 < len(shown) else None
        after2 = shown[at + 2][1] if at + 2 < len(shown) else None
        before = shown[at - 1][1] if at else None
        before2 = shown[at - 2][1] if at > 1 else None
        if after == "del" and after2 != "ins":
            out[n] = (classes[n][0], "del")
        elif after == "ins" and before != "del":
            out[n] = (classes[n][0], "ins")
        elif before == "del":
            out[n] = (classes[n][0], "del")
        elif before == "ins" and before2 != "del":
            out[n] = (classes[n][0], "ins")
    return out


def _text(run: Any) -> str:
    return "".join(_own_text(t) or "" for t in run.iter(_T)) if len(run) else ""


def _state_kind(state: str | None) -> str:
    return state or "literal"


def _own(run: Any, paragraph: Any) -> bool:
    """Is ``run`` the paragraph's own, not one of a text box inside it?"""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (_P, _TXBXCONTENT):
            return False
    return False


def _own_row(paragraph: Any, row: Any) -> bool:
    for ancestor in paragraph.iterancestors():
        if ancestor is row:
            return True
        if ancestor.tag == _TR:
            return False
    return False


def _is_wrapped(run: Any) -> bool:
    parent = run.getparent()
    return parent is not None and parent.tag in (_INS, _DEL)


def _has_content(run: Any) -> bool:
    for child in run:
        if child.tag == _RPR:
            continue
        if child.tag in (_T, _DELTEXT):
            if _own_text(child):
                return True
            continue
        return True
    return False


def _as_deleted_text(run: Any) -> None:
    for child in run:
        if child.tag == _T:
            child.tag = _DELTEXT
        elif child.tag == _INSTRTEXT:
            child.tag = _DELINSTRTEXT


def _copy(element: Any) -> Any:
    import copy

    return copy.deepcopy(element)


def _strip_leftovers(root: Any) -> None:
    """Markers a template put where no run holds them (an attribute, a field): the new
    version's text."""
    for element in root.iter(tag=etree.Element):
        text = _own_text(element)
        if text and _MARKER.search(text):
            _set_own_text(element, strip(text))
        if element.tail and _MARKER.search(element.tail):
            element.tail = strip(element.tail)
        for name, value in element.attrib.items():
            if _MARKER.search(value):
                element.set(name, strip(value))


def first_free_id(*roots: Any) -> int:
    """An id above every annotation id the parts already use (bookmarks, comments)."""
    highest = 0
    for root in roots:
        for tag in ("bookmarkStart", "commentRangeStart", "ins", "del"):
            for element in root.iter(_w(tag)):
                value = element.get(_ID) or ""
                if value.isdigit():
                    highest = max(highest, int(value))
    return highest + 1
