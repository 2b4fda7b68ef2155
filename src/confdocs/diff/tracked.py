"""The tracked document: the new version's view with what the old one had and the new one lost
kept in place, every difference marked.

Both versions' views are merged part by part. Items of a list are matched by what makes each
the same thing (ids, codes, a slot by the programme's matching); an item only the old view has
is kept where it stood, marked deleted, one only the new view has is marked inserted, and the
items both have are merged in turn. Lines are merged word by word (each span of a word marked
or not), rich text block by block and then word by word (its tokens carry
``meta["change"]``), plain texts as a :class:`~confdocs.view.lines.ChangedText`. What remains
when every deletion is taken back and every insertion dropped is the old view's text; with the
insertions kept and the deletions gone, the new view's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ..view.lines import DELETED, INSERTED, ChangedText, Line, Span
from ..view.parts import (
    AllocationView,
    CompositionView,
    ContactGroupView,
    ContactView,
    ContributionView,
    CountryRef,
    CountryView,
    DayView,
    DiscussionView,
    Fact,
    GroupView,
    HeaderView,
    LocationView,
    LogoView,
    NoteView,
    PersonRef,
    RoleView,
    SectionView,
    SessionView,
    SlotView,
    TallyRow,
    View,
)
from ..view.richtext import RichText, to_plain
from . import matching

T = TypeVar("T")

#: Plain-text fields a reader reads, by part: merged as ChangedText when they differ. Other
#: text fields (ids, codes, kinds, paths) are the new version's.
DISPLAY: dict[type, frozenset[str]] = {
    View: frozenset({"title", "dates", "place"}),
    HeaderView: frozenset({"version", "funders", "implementers"}),
    SectionView: frozenset({"title"}),
    GroupView: frozenset({"project"}),
    CountryView: frozenset({"name"}),
    TallyRow: frozenset({"seats"}),
    LocationView: frozenset(
        {
            "venue",
            "address",
            "city",
            "country",
            "mode_label",
            "languages",
            "languages_text",
            "interpretation",
            "one_line",
        }
    ),
    PersonRef: frozenset({"name", "display", "position", "organisation", "country_name", "city"}),
    CountryRef: frozenset({"name", "delegation"}),
    SessionView: frozenset({"room", "summary", "place"}),
    SlotView: frozenset({"start", "end", "time", "summary", "place", "kind_label"}),
    DayView: frozenset({"date_text", "title"}),
    ContributionView: frozenset({"note", "duration"}),
    DiscussionView: frozenset({"duration"}),
    ContactView: frozenset(
        {"name", "display", "position", "organisation", "office", "place", "phone", "mobile"}
        | {"email"}
    ),
    ContactGroupView: frozenset({"organisation", "label"}),
}

#: Fields of the view that are not the document's text: the new version's, as they are.
_AS_NEW = frozenset(
    {"labels", "extra", "changes", "tracked", "_file_form", "file_form", "id", "path"}
)


def _key(kind: type) -> Callable[[Any], Hashable] | None:
    """What makes two items of a list the same item."""
    keys: dict[type, Callable[[Any], Hashable]] = {
        SectionView: lambda x: x.id,
        # A logo is the same logo when it shows the same image with the same words: any
        # other is deleted and inserted whole (a picture changes as a whole).
        LogoView: lambda x: (x.alt, x.media_type, x.data),
        CompositionView: lambda x: (x.group, x.country.code),
        GroupView: lambda x: x.id,
        CountryView: lambda x: x.code,
        RoleView: lambda x: x.id,
        AllocationView: lambda x: x.id,
        Fact: lambda x: x.key,
        NoteView: lambda x: x.id,
        ContactGroupView: lambda x: x.organisation,
        ContactView: lambda x: x.id,
        PersonRef: lambda x: x.id,
    }
    return keys.get(kind)


def _in_order_key(kind: type) -> Callable[[Any], Hashable] | None:
    """Lists whose items are matched in order, a replaced stretch paired by place."""
    keys: dict[type, Callable[[Any], Hashable]] = {
        TallyRow: lambda x: (x.kind, x.label.plain),
        SessionView: lambda x: (x.room, x.title.plain if x.title else ""),
        ContributionView: lambda x: (
            tuple(p.id for p in x.people),
            x.delegation.code if x.delegation else None,
            x.title.plain if x.title else None,
        ),
        Line: lambda x: x.plain,
    }
    return keys.get(kind)


class Merger:
    """Merges two views of the same event (old and new) into the tracked document."""

    def __init__(self, slot_pairs: Mapping[str, str], day_pairs: Mapping[int, int]) -> None:
        self.slot_pairs = slot_pairs
        self.day_pairs = day_pairs

    # -- values ------------------------------------------------------------------------------

    def merge(self, old: Any, new: Any, owner: type | None = None, name: str = "") -> Any:
        if old is None and new is None:
            return None
        display = owner is not None and name in DISPLAY.get(owner, frozenset())
        if old is None:
            return mark(new, INSERTED, display)
        if new is None:
            return mark(old, DELETED, display)
        if isinstance(new, Line) and isinstance(old, Line):
            return merge_lines(old, new)
        if isinstance(new, RichText) and isinstance(old, RichText):
            return merge_rich(old, new)
        if isinstance(new, str) and isinstance(old, str):
            if old == new or not display:
                return new
            return ChangedText(old, new)
        if isinstance(new, tuple) and isinstance(old, tuple):
            return self.items(old, new, display)
        if attrs.has(type(new)) and type(old) is type(new):
            if old == new:
                return new  # nothing differs (rich text compares by source and notes)
            return self.part(old, new)
        return new

    def part(self, old: Any, new: Any) -> Any:
        kind = type(new)
        special = getattr(self, f"part_{kind.__name__}", None)
        if special is not None:
            return special(old, new)
        return self.fields(old, new)

    def fields(self, old: Any, new: Any, skip: frozenset[str] = frozenset()) -> Any:
        kind = type(new)
        changes: dict[str, Any] = {}
        for field in attrs.fields(kind):
            name = field.name
            if name in _AS_NEW or name in skip or not field.init:
                continue
            a, b = getattr(old, name), getattr(new, name)
            if a is b:
                continue
            merged = self.merge(a, b, kind, name)
            if merged is not b:
                changes[field.alias or name] = merged
        return attrs.evolve(new, **changes) if changes else new

    def items(self, old: tuple[Any, ...], new: tuple[Any, ...], display: bool) -> tuple[Any, ...]:
        sample = (new or old)[0] if (new or old) else None
        if sample is None:
            return new
        kind = type(sample)
        key = _key(kind)
        if key is not None:
            pairs = matching.by_key(old, new, key)
        else:
            ordered = _in_order_key(kind)
            if ordered is not None:
                pairs = matching.in_order(old, new, ordered)
            else:
                pairs = matching.in_order(old, new, matching.any_key)
        if not (
            attrs.has(kind) or isinstance(sample, Line) or (display and isinstance(sample, str))
        ):
            return new  # numbers (of notes), codes: the new version's
        return tuple(self.interleave(old, new, pairs, display))

    def interleave(
        self,
        old: Sequence[Any],
        new: Sequence[Any],
        pairs: Sequence[tuple[int, int]],
        display: bool,
        merge: Callable[[Any, Any], Any] | None = None,
    ) -> Iterator[Any]:
        """The items of both lists in order: each old item no longer there where it stood
        (deleted), each new one where it stands (inserted), the kept ones merged. An item
        whose place changed is deleted where it was and inserted where it is."""
        stay = sorted(matching.kept(pairs))
        i = j = 0
        for a, b in [*stay, (len(old), len(new))]:
            while i < a:
                yield mark(old[i], DELETED, display)
                i += 1
            while j < b:
                yield mark(new[j], INSERTED, display)
                j += 1
            if a < len(old) and b < len(new):
                yield (merge or self.merge)(old[a], new[b])
                i, j = a + 1, b + 1

    # -- parts with rules of their own -------------------------------------------------------

    def part_View(self, old: View, new: View) -> View:
        merged: View = self.fields(old, new, skip=frozenset({"programme", "notes"}))
        merged = attrs.evolve(
            merged, programme=self.programme(old, new), notes=self.notes(old.notes, new.notes)
        )
        # A part only one version shows is that version's whole, marked: texts both versions
        # compute alike (the seats summary of no seats) are still shown in one only.
        whole = parts_of_one_version(old, new)
        if "participants" in whole:
            side = new if whole["participants"] == INSERTED else old
            merged = attrs.evolve(
                merged, participants=mark(side.participants, whole["participants"])
            )
        return merged

    def part_SlotView(self, old: SlotView, new: SlotView) -> SlotView:
        """A slot's own session and its parallel ones are merged apart: a track is never the
        same session as a slot's own."""
        merged: SlotView = self.fields(old, new, skip=frozenset({"sessions"}))
        own = self.items(old.own_sessions, new.own_sessions, True)
        tracks = self.items(old.tracks, new.tracks, True)
        sessions = own + tracks
        if len(sessions) == len(new.sessions) and all(
            a is b for a, b in zip(sessions, new.sessions, strict=True)
        ):
            return merged  # (identity: a merged part compares equal to the new one)
        return attrs.evolve(merged, sessions=sessions)

    def programme(self, old: View, new: View) -> tuple[DayView, ...]:
        pairs = sorted(self.day_pairs.items())
        days = []
        for item in self.interleave(old.programme, new.programme, pairs, True, self.day):
            days.append(item)
        return tuple(days)

    def day(self, old: DayView, new: DayView) -> DayView:
        merged: DayView = self.fields(old, new, skip=frozenset({"slots"}))
        paths = {slot.path: n for n, slot in enumerate(new.slots)}
        pairs = [
            (i, paths[self.slot_pairs[slot.path]])
            for i, slot in enumerate(old.slots)
            if self.slot_pairs.get(slot.path) in paths
        ]
        slots = tuple(self.interleave(old.slots, new.slots, pairs, True))
        return attrs.evolve(merged, slots=slots)

    def notes(self, old: tuple[NoteView, ...], new: tuple[NoteView, ...]) -> tuple[NoteView, ...]:
        """The new notes in their order, then the old notes the new version dropped (their
        numbers follow the new ones'; see :func:`renumbered`)."""
        by_id = {note.id: note for note in old}
        out = [
            self.merge(by_id[note.id], note) if note.id in by_id else mark(note, INSERTED)
            for note in new
        ]
        kept_ids = {note.id for note in new}
        out += [mark(note, DELETED) for note in old if note.id not in kept_ids]
        return tuple(out)


# -- marking a whole part -----------------------------------------------------------------------


def mark(value: Any, change: str, display: bool = True) -> Any:
    """``value`` with every text in it marked ``change`` (inserted or deleted)."""
    if isinstance(value, Line):
        return Line(
            tuple(
                attrs.evolve(s, change=change, rich=mark_rich(s.rich, change) if s.rich else None)
                for s in value.spans
            )
        )
    if isinstance(value, RichText):
        return mark_rich(value, change)
    if isinstance(value, str):
        if not display or not value:
            return value
        return ChangedText(value, "") if change == DELETED else ChangedText("", value)
    if isinstance(value, tuple):
        return tuple(mark(item, change, display) for item in value)
    if attrs.has(type(value)) and not isinstance(value, View):
        kind = type(value)
        changes: dict[str, Any] = {}
        shown = DISPLAY.get(kind, frozenset())
        for field in attrs.fields(kind):
            if field.name in _AS_NEW or not field.init:
                continue
            current = getattr(value, field.name)
            marked = mark(current, change, field.name in shown)
            if marked is not current:
                changes[field.alias or field.name] = marked
        if isinstance(value, SlotView) and change == DELETED:
            changes["id"] = None  # a moved slot's two rows must not share one id
        if "change" in attrs.fields_dict(kind):
            changes["change"] = change
        return attrs.evolve(value, **changes) if changes else value
    return value


def _marked_token(token: Any, change: str) -> Any:
    return token.copy(meta={**(token.meta or {}), "change": change})


def mark_rich(value: RichText, change: str) -> RichText:
    tokens = []
    for token in value.tokens:
        if token.type == "inline":
            children = [_marked_token(c, change) for c in token.children or []]
            tokens.append(
                token.copy(children=children, meta={**(token.meta or {}), "change": change})
            )
        elif token.nesting >= 0 or token.type.endswith("_close"):
            tokens.append(_marked_token(token, change))
        else:
            tokens.append(token)
    return RichText(value.source, tuple(tokens), value.notes)


# -- lines, word by word ----------------------------------------------------------------------

_WORD = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _atoms(value: Line) -> list[tuple[Hashable, Span]]:
    """A line's spans with what makes two the same. A plain span (a name, a duration, a
    label) changes as a whole; a rich one (a title) is merged word by word."""
    out: list[tuple[Hashable, Span]] = []
    for span in value.spans:
        if span.note is not None:
            out.append((("note", span.note, span.role), span))
        elif span.rich is not None:
            out.append((("rich", span.role, _rich_key(span.rich)), span))
        else:
            out.append((("text", span.text, span.role, span.href, span.strong), span))
    return out


def _rich_key(value: RichText) -> str:
    """What tells two rich spans apart: their words and, where they reference notes, which
    and where (a plain text leaves references out, so a title that only gained one reads the
    same)."""
    return to_plain(value.tokens, note=_reference) if value.notes else value.plain


def _reference(number: int) -> str:
    return f"[^{number}]"


def _same_rich(a: RichText | None, b: RichText | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.notes == b.notes and (not a.notes or _rich_key(a) == _rich_key(b))


def merge_lines(old: Line, new: Line) -> Line:
    if old == new and all(
        _same_rich(a.rich, b.rich) for a, b in zip(old.spans, new.spans, strict=True)
    ):
        return new
    a, b = _atoms(old), _atoms(new)
    out: list[Span] = []
    matcher = difflib.SequenceMatcher(None, [k for k, _ in a], [k for k, _ in b], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(span for _, span in b[j1:j2])
            continue
        gone, came = [s for _, s in a[i1:i2]], [s for _, s in b[j1:j2]]
        rich_gone = [s for s in gone if s.rich is not None]
        rich_came = [s for s in came if s.rich is not None]
        if len(rich_gone) == 1 and len(rich_came) == 1 and rich_gone[0].role == rich_came[0].role:
            # A title that changed: one span, its rich text merged word by word.
            g, c = gone.index(rich_gone[0]), came.index(rich_came[0])
            out.extend(attrs.evolve(s, change=DELETED) for s in gone[:g])
            out.extend(attrs.evolve(s, change=INSERTED) for s in came[:c])
            merged = merge_rich(rich_gone[0].rich, rich_came[0].rich)  # type: ignore[arg-type]
            out.append(attrs.evolve(rich_came[0], rich=merged, text=merged.plain))
            out.extend(attrs.evolve(s, change=DELETED) for s in gone[g + 1 :])
            out.extend(attrs.evolve(s, change=INSERTED) for s in came[c + 1 :])
            continue
        out.extend(mark(Line((s,)), DELETED).spans[0] for s in gone)
        out.extend(mark(Line((s,)), INSERTED).spans[0] for s in came)
    return Line(tuple(_joined(out)))


def _joined(spans: Sequence[Span]) -> Iterator[Span]:
    """Neighbouring word spans that differ in nothing but their text, as one span."""
    current: Span | None = None
    for span in spans:
        if (
            current is not None
            and span.rich is None
            and current.rich is None
            and span.note is None
            and current.note is None
            and (span.role, span.href, span.strong, span.change)
            == (current.role, current.href, current.strong, current.change)
        ):
            current = attrs.evolve(current, text=current.text + span.text)
            continue
        if current is not None:
            yield current
        current = span
    if current is not None:
        yield current


# -- rich text, block by block and word by word ----------------------------------------------


def _blocks(tokens: Sequence[Any]) -> list[list[Any]]:
    """Top-level blocks: from an opening token at level 0 to its closing one, or a single
    token (a code block, a rule)."""
    out: list[list[Any]] = []
    current: list[Any] = []
    depth = 0
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if depth == 0:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _block_key(block: Sequence[Any]) -> tuple[str, str]:
    return (block[0].type, to_plain(block, note=_reference))


def merge_rich(old: RichText, new: RichText) -> RichText:
    if old.source == new.source and _block_keys(old) == _block_keys(new):
        return new
    a, b = _blocks(old.tokens), _blocks(new.tokens)
    ka, kb = [_block_key(x) for x in a], [_block_key(x) for x in b]
    out: list[Any] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, False).get_opcodes():
        if tag == "equal":
            for block in b[j1:j2]:
                out.extend(block)
            continue
        out.extend(_merge_block_runs(a[i1:i2], b[j1:j2]))
    notes = tuple(dict.fromkeys(old.notes + new.notes))
    return RichText(new.source, tuple(out), notes)


def _block_keys(text: RichText) -> list[tuple[str, str]]:
    return [_block_key(x) for x in _blocks(text.tokens)]


def _merge_block_runs(old: Sequence[list[Any]], new: Sequence[list[Any]]) -> Iterator[Any]:
    """A stretch of blocks that differ: blocks of one kind paired when their texts are alike
    and merged, the others deleted or inserted."""
    pairs: list[tuple[int, int]] = []
    j0 = 0
    for i, block in enumerate(old):
        for j in range(j0, len(new)):
            if (
                _mergeable(block, new[j])
                and matching.similar_text(_block_key(block)[1], _block_key(new[j])[1]) >= 0.4
            ):
                pairs.append((i, j))
                j0 = j + 1
                break
    i = j = 0
    for a, b in [*pairs, (len(old), len(new))]:
        while i < a:
            yield from mark_rich(RichText("", tuple(old[i])), DELETED).tokens
            i += 1
        while j < b:
            yield from mark_rich(RichText("", tuple(new[j])), INSERTED).tokens
            j += 1
        if a < len(old) and b < len(new):
            yield from _merge_block(old[a], new[b])
            i, j = a + 1, b + 1


def _mergeable(old: Sequence[Any], new: Sequence[Any]) -> bool:
    """Blocks of one kind whose structure is the same but for their inline text."""
    if [(t.type, t.tag, t.nesting) for t in old] == [(t.type, t.tag, t.nesting) for t in new]:
        return True
    return old[0].type in ("bullet_list_open", "ordered_list_open") and old[0].type == new[0].type


def _merge_block(old: Sequence[Any], new: Sequence[Any]) -> Iterator[Any]:
    if old[0].type in ("bullet_list_open", "ordered_list_open") and [t.type for t in old] != [
        t.type for t in new
    ]:
        # Lists with items added or removed: merge item by item.
        yield new[0]
        inner = merge_rich(RichText("", tuple(_items_of(old))), RichText("", tuple(_items_of(new))))
        yield from inner.tokens
        yield new[-1]
        return
    for a, b in zip(old, new, strict=True):
        if b.type == "inline":
            yield b.copy(children=merge_inline(a.children or [], b.children or []))
        elif b.type in ("code_block", "fence") and a.content != b.content:
            yield _marked_token(a, DELETED)
            yield _marked_token(b, INSERTED)
        else:
            yield b


def _items_of(block: Sequence[Any]) -> list[Any]:
    """A list's items, each a block of its own."""
    return list(block[1:-1])


def _inline_atoms(children: Sequence[Any]) -> list[tuple[Hashable, Any, tuple[Any, ...]]]:
    """Inline tokens as words: (what makes two alike, the token of the word, the markup open
    around it)."""
    from markdown_it.token import Token

    out: list[tuple[Hashable, Any, tuple[Any, ...]]] = []
    stack: list[Any] = []
    for token in children:
        if token.nesting == 1:
            stack.append(token)
            continue
        if token.nesting == -1:
            if stack:
                stack.pop()
            continue
        around = tuple(stack)
        shape = tuple((t.type, str(t.attrs.get("href", ""))) for t in around)
        if token.type == "text":
            for word in _WORD.findall(token.content) or [token.content]:
                out.append((("text", word, shape), Token("text", "", 0, content=word), around))
        elif token.type == "footnote_ref":
            out.append((("note", token.meta.get("number"), shape), token, around))
        else:
            out.append(((token.type, token.content, shape), token, around))
    return out


def merge_inline(old: Sequence[Any], new: Sequence[Any]) -> list[Any]:
    """Two inline token runs merged word by word, deleted and inserted words marked."""
    a, b = _inline_atoms(old), _inline_atoms(new)
    words: list[tuple[Any, tuple[Any, ...], str | None]] = []
    matcher = difflib.SequenceMatcher(None, [k for k, _, _ in a], [k for k, _, _ in b], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            words.extend((tok, around, None) for _, tok, around in b[j1:j2])
            continue
        words.extend((tok, around, DELETED) for _, tok, around in a[i1:i2])
        words.extend((tok, around, INSERTED) for _, tok, around in b[j1:j2])
    return _rebuild(words)


def _rebuild(words: Sequence[tuple[Any, tuple[Any, ...], str | None]]) -> list[Any]:
    """Inline tokens again: markup opened and closed around the words as each needs, words
    of one markup and one mark joined."""
    from markdown_it.token import Token

    out: list[Any] = []
    open_: list[Any] = []

    def close(token: Any) -> Any:
        return Token(token.type.replace("_open", "_close"), token.tag, -1, markup=token.markup)

    for token, around, change in words:
        common = 0
        while common < len(open_) and common < len(around) and open_[common] is around[common]:
            common += 1
        while len(open_) > common:
            out.append(close(open_.pop()))
        for opener in around[common:]:
            out.append(opener)
            open_.append(opener)
        meta = {**(token.meta or {}), "change": change} if change else dict(token.meta or {})
        last = out[-1] if out else None
        if (
            token.type == "text"
            and last is not None
            and last.type == "text"
            and (last.meta or {}).get("change") == change
        ):
            out[-1] = last.copy(content=last.content + token.content)
            continue
        out.append(token.copy(meta=meta))
    while open_:
        out.append(close(open_.pop()))
    return out


# -- footnote numbers ---------------------------------------------------------------------------


def note_numbers(old: View, new: View) -> dict[int, int]:
    """The old view's note numbers in the tracked document: a note the new version keeps has
    its new number; one it dropped, a number after the new ones."""
    numbers = {note.id: note.number for note in new.notes}
    following = max(numbers.values(), default=0)
    out: dict[int, int] = {}
    for note in old.notes:
        if note.id in numbers:
            out[note.number] = numbers[note.id]
        else:
            following += 1
            out[note.number] = following
    return out


def renumbered(value: Any, numbers: Mapping[int, int]) -> Any:
    """``value`` (a part of the old view) with its note numbers those of the tracked
    document."""
    if not numbers or all(k == v for k, v in numbers.items()):
        return value
    return _renumber(value, numbers)


def _renumber(value: Any, numbers: Mapping[int, int]) -> Any:
    if isinstance(value, Line):
        return Line(tuple(_renumber(span, numbers) for span in value.spans))
    if isinstance(value, Span):
        changes: dict[str, Any] = {}
        if value.note is not None:
            changes["note"] = numbers.get(value.note, value.note)
        if value.rich is not None:
            changes["rich"] = _renumber(value.rich, numbers)
        return attrs.evolve(value, **changes) if changes else value
    if isinstance(value, RichText):
        if not value.notes:
            return value
        return RichText(
            value.source,
            tuple(_renumber_token(t, numbers) for t in value.tokens),
            tuple(numbers.get(n, n) for n in value.notes),
        )
    if isinstance(value, tuple):
        return tuple(_renumber(item, numbers) for item in value)
    if attrs.has(type(value)):
        kind = type(value)
        updates: dict[str, Any] = {}
        for field in attrs.fields(kind):
            if field.name in _AS_NEW or not field.init:
                continue
            current = getattr(value, field.name)
            if field.name in ("notes", "number") and kind is not View:
                if isinstance(current, int) and not isinstance(current, bool) and kind is NoteView:
                    updates["number"] = numbers.get(current, current)
                    continue
                if isinstance(current, tuple) and all(isinstance(n, int) for n in current):
                    updates["notes"] = tuple(numbers.get(n, n) for n in current)
                    continue
            renewed = _renumber(current, numbers)
            if renewed is not current:
                updates[field.alias or field.name] = renewed
        return attrs.evolve(value, **updates) if updates else value
    return value


def _renumber_token(token: Any, numbers: Mapping[int, int]) -> Any:
    if token.children:
        return token.copy(children=[_renumber_token(c, numbers) for c in token.children])
    if token.type == "footnote_ref" and isinstance(token.meta.get("number"), int):
        return token.copy(meta={**token.meta, "number": numbers.get(token.meta["number"])})
    return token


# -- the whole document -------------------------------------------------------------------------


def tracked_view(
    old: View, new: View, slot_pairs: Mapping[str, str], day_pairs: Mapping[int, int]
) -> View:
    """The tracked document of ``new`` against ``old`` (two views of one event's versions, in
    the same locale and for the same audience). ``slot_pairs`` maps each old slot's path to
    its new one's, ``day_pairs`` each old day's index to its new one's, as the comparison
    matched them."""
    old = renumbered(old, note_numbers(old, new))
    return Merger(slot_pairs, day_pairs).part_View(old, new)


def parts_of_one_version(old: View, new: View) -> dict[str, str]:
    """The parts of the outline one version has and the other lacks, each ``"ins"`` or
    ``"del"``: their headings are inserted or deleted with them."""
    out = {}
    for name in ("participants", "location", "programme", "contacts"):
        before, after = _shows(old, name), _shows(new, name)
        if before != after:
            out[name] = INSERTED if after else DELETED
    return out


def _shows(view: View, part: str) -> bool:
    if part == "participants":
        return not view.participants.empty
    if part == "location":  # a venue with nothing to say, until a time zone is (hybrid)
        return view.location.shown
    return bool(getattr(view, part))
