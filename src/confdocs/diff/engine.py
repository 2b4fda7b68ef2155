"""What changed between two events: every difference, as a list of changes with their kinds,
places and the operations that make them.

The comparison walks the model field by field. Lists are matched item by item (see
:mod:`.matching`): an item only in the old version is removed, one only in the new version
added, one in both compared in turn, and one whose place changed also moved. Leaves that
differ are set. Every difference becomes an operation of some change, so the change list is
empty exactly when the events are equal, and applying it to the old version gives the new one
(:func:`confdocs.diff.apply_changes`).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..loading.converter import shared_converter
from ..model import (
    Allocation,
    ContactGroup,
    Contribution,
    CountryRule,
    CountrySet,
    Day,
    Discussion,
    Event,
    Header,
    InvitationGroup,
    Logo,
    Note,
    Organisation,
    Participants,
    Person,
    Programme,
    Role,
    Room,
    Section,
    Session,
    Settings,
    Slot,
    StatedTotal,
    Text,
    Venue,
)
from ..model.fields import is_loaded, is_markdown
from ..model.walk import PathKey
from . import matching
from .changes import Change, Words
from .ops import Op

#: What each class of the model is called in change kinds.
NOUNS: dict[type, str] = {
    Event: "event",
    Settings: "settings",
    Header: "header",
    Person: "person",
    Organisation: "organisation",
    Note: "note",
    CountrySet: "country-set",
    Text: "text",
    Section: "section",
    Participants: "participants",
    InvitationGroup: "group",
    CountryRule: "exception",
    Role: "role",
    Allocation: "allocation",
    StatedTotal: "total",
    Venue: "venue",
    Room: "room",
    Programme: "programme",
    Day: "day",
    Slot: "slot",
    Session: "session",
    Contribution: "contribution",
    Discussion: "discussion",
    ContactGroup: "contacts",
    Logo: "logo",
}

#: Leaf fields whose change has a kind of its own; any other is ``<noun>.changed``.
FIELD_KINDS: dict[tuple[type, str], str] = {
    (Event, "title"): "title.changed",
    (Event, "start"): "dates.changed",
    (Event, "end"): "dates.changed",
    (Event, "organised_by"): "organised-by.edited",
    (Header, "version"): "version.changed",
    (Header, "version_label"): "version.changed",
    (Person, "given_name"): "person.renamed",
    (Person, "family_name"): "person.renamed",
    (Person, "particle"): "person.renamed",
    (Organisation, "name"): "organisation.renamed",
    (Organisation, "short_name"): "organisation.renamed",
    (Section, "title"): "section.retitled",
    (Section, "body"): "section.edited",
    (Section, "use"): "section.edited",
    (Session, "title"): "session.retitled",
    (Session, "body"): "session.edited",
    (Session, "room"): "session.moved",
    (Session, "end"): "end.changed",
    (Session, "interpretation"): "interpretation.changed",
    (Session, "url"): "link.changed",
    (Room, "name"): "room.renamed",
    (Room, "interpretation"): "interpretation.changed",
    (Room, "url"): "link.changed",
    (Contribution, "remote"): "remote.changed",
    (InvitationGroup, "online_seats_per_country"): "online-seats.changed",
    (Allocation, "online_seats"): "online-seats.changed",
    (CountryRule, "composition"): "composition.changed",
    (Logo, "file"): "logo.replaced",
    (Logo, "alt"): "logo.replaced",
    (Person, "gender"): "gender.changed",
    (Settings, "show_seat_counts"): "seat-counts.changed",
    (Contribution, "duration"): "duration.changed",
    (Contribution, "delegation"): "speaker.replaced",
    (Discussion, "duration"): "duration.changed",
    (InvitationGroup, "seats_per_country"): "seats.changed",
    (Participants, "stated_total"): "total.changed",
    (Venue, "text"): "venue.edited",
    (Note, "text"): "note.edited",
    (Text, "body"): "text.edited",
    (Day, "date"): "day.moved",
    (Day, "title"): "day.retitled",
}
for _field in ("intro", "eligibility", "composition", "allocations_intro", "total_text"):
    FIELD_KINDS[(Participants, _field)] = "participants.edited"

#: Kinds whose leaf changes of one owner make one change (a person's names, the dates).
GROUPED = frozenset(
    {
        "person.renamed",
        "organisation.renamed",
        "dates.changed",
        "version.changed",
        "slot.moved",
        "total.changed",
        "logo.replaced",
    }
)

#: Lists of ids, codes or text: what their items are called (None: a change of the owner).
SCALAR_LISTS: dict[tuple[type, str], str | None] = {
    (Contribution, "people"): "speaker",
    (Session, "moderators"): "moderator",
    (Discussion, "moderators"): "moderator",
    (ContactGroup, "people"): "contact",
    (InvitationGroup, "countries"): "country",
    (InvitationGroup, "notes"): "group-note",
    (Event, "languages"): "language",
    (Event, "organisers"): "organiser",
    (Header, "funders"): "funder",
    (Header, "implementers"): "implementer",
    # What is marked internal (field names): a change only an internal comparison sees, as a
    # public one sees no ``internal`` at all.
    (Person, "internal"): "internal",
    (Room, "internal"): "internal",
    (Session, "internal"): "internal",
    (Venue, "internal"): "internal",
}

#: Fields compared as one value, however they are made (a delegation's composition: the
#: roles and their seats say one thing together).
WHOLE = frozenset({(CountryRule, "composition")})

#: Where a slot takes place: a change to any of these is the slot moving.
SLOT_PLACE = ("start", "end", "all_day", "room")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _noun(cls: type) -> str:
    for base in cls.__mro__:
        if base in NOUNS:
            return NOUNS[base]
    return cls.__name__.lower()


def _field_kind(cls: type, name: str) -> str:
    for base in cls.__mro__:
        kind = FIELD_KINDS.get((base, name))
        if kind is not None:
            return kind
    return f"{_noun(cls)}.changed"


def _scalar_list(cls: type, name: str) -> tuple[bool, str | None]:
    for base in cls.__mro__:
        if (base, name) in SCALAR_LISTS:
            return True, SCALAR_LISTS[(base, name)]
    return False, None


_WORD = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
#: Splits a text into paragraphs, keeping the blank lines between them.
_PARAGRAPHS = re.compile(r"(\n\s*\n)")


def word_diff(old: str, new: str) -> Words:
    """``old`` and ``new`` compared word by word: runs of equal, deleted and inserted text."""
    import difflib

    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    def words(a: list[str], b: list[str]) -> None:
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, False).get_opcodes():
            if tag == "equal":
                add("equal", "".join(a[i1:i2]))
            else:
                add("delete", "".join(a[i1:i2]))
                add("insert", "".join(b[j1:j2]))

    # Paragraphs first, then the words of paragraphs that changed: comparing every word of
    # a long text with every other is quadratic.
    pa, pb = _PARAGRAPHS.split(old), _PARAGRAPHS.split(new)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, pa, pb, False).get_opcodes():
        if tag == "equal":
            add("equal", "".join(pa[i1:i2]))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(pa[i1:i2], pb[j1:j2], strict=True):
                words(_WORD.findall(x), _WORD.findall(y))
        else:
            words(_WORD.findall("".join(pa[i1:i2])), _WORD.findall("".join(pb[j1:j2])))
    return tuple(out)


def plain_markdown(text: str) -> str:
    """A Markdown text's plain words, as a change compares them."""
    from ..view.richtext import parse

    return parse(text).plain if text else ""


class Differ:
    """Compares two events; :meth:`changes` is the list."""

    def __init__(self, old: Event, new: Event) -> None:
        self.old = old
        self.new = new
        self.conv = shared_converter()
        self.found: list[Change] = []

    # -- output ------------------------------------------------------------------------------

    def file_form(self, value: Any, tp: Any) -> Any:
        return self.conv.unstructure(value, unstructure_as=tp)

    def emit(self, change: Change) -> None:
        if change.kind in GROUPED:
            for n, earlier in enumerate(self.found):
                if (
                    earlier.kind == change.kind
                    and earlier.path == change.path
                    and earlier.old_path == change.old_path
                ):
                    self.found[n] = attrs.evolve(
                        earlier,
                        old={**(earlier.old or {}), **(change.old or {})},
                        new={**(earlier.new or {}), **(change.new or {})},
                        ops=earlier.ops + change.ops,
                    )
                    return
        self.found.append(change)

    def changes(self) -> list[Change]:
        self.found = []
        self.value(self.old, self.new, Event, (), (), {})
        return self.found

    # -- the walk ----------------------------------------------------------------------------

    def value(
        self,
        old: Any,
        new: Any,
        tp: Any,
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
        kind: str | None = None,
    ) -> None:
        """Compare two values of type ``tp`` at ``path`` (new) and ``old_path`` (old)."""
        if old == new:
            return
        if attrs.has(type(old)) and type(old) is type(new):
            self.fields(old, new, path, old_path, about)
            return
        origin = typing.get_origin(tp)
        if origin is tuple and isinstance(old, tuple) and isinstance(new, tuple):
            (item_type, *_) = typing.get_args(tp)
            if attrs.has(item_type):
                self.items(item_type, old, new, path, old_path, about)
                return
        self.leaf(old, new, tp, path, old_path, about, kind or "field.changed")

    def leaf(
        self,
        old: Any,
        new: Any,
        tp: Any,
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
        kind: str,
        markdown: bool = False,
    ) -> None:
        before, after = self.file_form(old, tp), self.file_form(new, tp)
        words: Words = ()
        if markdown and isinstance(old, str | None) and isinstance(new, str | None):
            words = word_diff(plain_markdown(old or ""), plain_markdown(new or ""))
        owner = path[:-1] if kind in GROUPED else path
        old_owner = old_path[:-1] if kind in GROUPED else old_path
        name = str(path[-1]) if path else ""
        grouped = kind in GROUPED
        self.emit(
            Change(
                kind,
                owner,
                old_owner,
                {name: before} if grouped else before,
                {name: after} if grouped else after,
                (Op("set", path, old_path, after, before),),
                words,
                about,
            )
        )

    def fields(
        self,
        old: Any,
        new: Any,
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
        skip: Sequence[str] = (),
    ) -> None:
        cls = type(new)
        hints = _hints(cls)
        for field in attrs.fields(cls):
            name = field.name
            if name in skip or is_loaded(field):
                continue  # what the loader fills (a logo's image) is not in the file form
            a, b = getattr(old, name), getattr(new, name)
            if a == b:
                continue
            here, there = (*path, name), (*old_path, name)
            if any((base, name) in WHOLE for base in cls.__mro__):
                self.leaf(a, b, hints[name], here, there, about, _field_kind(cls, name))
                continue
            handler = getattr(self, f"field_{_noun(cls).replace('-', '_')}_{name}", None)
            if handler is not None:
                handler(a, b, here, there, about)
                continue
            scalar, noun = _scalar_list(cls, name)
            if scalar or (typing.get_origin(hints[name]) is frozenset and isinstance(a, frozenset)):
                self.scalars(a, b, hints[name], here, there, about, noun, _noun(cls))
            elif typing.get_origin(hints[name]) in (Mapping, dict):
                self.mapping(a, b, hints[name], here, there, about, _field_kind(cls, name))
            elif is_markdown(field):
                self.leaf(
                    a, b, hints[name], here, there, about, _field_kind(cls, name), markdown=True
                )
            else:
                self.value(a, b, hints[name], here, there, about, self.kind_of(cls, name, a, b))

    @staticmethod
    def kind_of(cls: type, name: str, old: Any, new: Any) -> str:
        """The kind of a change of field ``name``: its own, or for a part that one version
        lacks (a discussion, a stated total) ``<part>.added`` or ``.removed``."""
        if (old is None) != (new is None) and not any(
            (base, name) in FIELD_KINDS for base in cls.__mro__
        ):
            present = new if old is None else old
            if attrs.has(type(present)):
                return f"{_noun(type(present))}.{'added' if old is None else 'removed'}"
        return _field_kind(cls, name)

    def mapping(
        self,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        tp: Any,
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
        kind: str,
    ) -> None:
        _, value_type = typing.get_args(tp)
        for key in old:
            if key not in new:
                before = self.file_form(old[key], value_type)
                op = Op("remove", old_path=(*old_path, key), old=before)
                self.emit(Change(kind, (), (*old_path, key), before, None, (op,), about=about))
        for key, value in new.items():
            if old.get(key) != value:
                before = self.file_form(old[key], value_type) if key in old else None
                after = self.file_form(value, value_type)
                op = Op("set", (*path, key), (*old_path, key), after, before)
                self.emit(
                    Change(kind, (*path, key), (*old_path, key), before, after, (op,), about=about)
                )

    def scalars(
        self,
        old: Sequence[Any] | frozenset[Any],
        new: Sequence[Any] | frozenset[Any],
        tp: Any,
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
        noun: str | None,
        owner: str,
    ) -> None:
        """A list of ids, codes or text (a frozenset is its sorted list)."""
        a = sorted(old) if isinstance(old, frozenset) else list(old)
        b = sorted(new) if isinstance(new, frozenset) else list(new)

        def kind(what: str) -> str:
            return f"{noun}.{what}" if noun else f"{owner}.changed"

        # A field marked internal instead of another is one unmarked and one marked.
        pairs = matching.in_order(a, b, matching.any_key, pair_replaced=noun != "internal")
        stay = matching.kept([p for p in pairs if a[p[0]] == b[p[1]]])
        old_done = {i for i, _ in pairs}
        new_done = {j for _, j in pairs}
        for i, item in enumerate(a):
            if i not in old_done:
                op = Op("remove", old_path=(*old_path, i), old=item)
                self.emit(
                    Change(kind("removed"), (), (*old_path, i), item, None, (op,), about=about)
                )
        for j, item in enumerate(b):
            if j not in new_done:
                op = Op("insert", (*path, j), value=item)
                self.emit(Change(kind("added"), (*path, j), (), None, item, (op,), about=about))
        for i, j in pairs:
            if a[i] != b[j]:
                op = Op("set", (*path, j), (*old_path, i), b[j], a[i])
                self.emit(
                    Change(
                        kind("replaced"), (*path, j), (*old_path, i), a[i], b[j], (op,), about=about
                    )
                )
            elif (i, j) not in stay:
                op = Op("move", (*path, j), (*old_path, i))
                self.emit(
                    Change(
                        kind("moved"), (*path, j), (*old_path, i), a[i], b[j], (op,), about=about
                    )
                )

    def items(
        self,
        cls: type,
        old: tuple[Any, ...],
        new: tuple[Any, ...],
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
    ) -> None:
        """A list of model objects, matched by what makes each the same thing."""
        if cls is Day:
            self.programme_days(old, new, path, old_path, about)
            return
        if hasattr(cls, "id") and "id" in attrs.fields_dict(cls) and cls is not Slot:
            pairs = matching.by_key(old, new, lambda x: x.id)
        elif cls is CountryRule:
            pairs = matching.by_key(old, new, lambda x: x.country)
        elif cls is ContactGroup:
            pairs = matching.by_key(old, new, lambda x: x.organisation)
        elif cls is Contribution:
            pairs = matching.in_order(old, new, matching.contribution_key)
        elif cls is Session:
            pairs = matching.in_order(old, new, matching.session_key)
        elif cls is Logo:
            # A logo whose file or words changed in its place was replaced.
            pairs = matching.in_order(old, new, lambda x: x.file)
        else:
            pairs = matching.in_order(old, new, matching.any_key, pair_replaced=False)
        self.matched(cls, old, new, pairs, path, old_path, about)

    def matched(
        self,
        cls: type,
        old: Sequence[Any],
        new: Sequence[Any],
        pairs: Sequence[tuple[int, int]],
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
    ) -> None:
        noun = self.item_noun(cls, old, new)
        stay = matching.kept(pairs)
        old_done = {i for i, _ in pairs}
        new_done = {j for _, j in pairs}
        for i, item in enumerate(old):
            if i not in old_done:
                before = self.file_form(item, cls)
                op = Op("remove", old_path=(*old_path, i), old=before)
                self.emit(
                    Change(
                        f"{noun(item)}.removed",
                        (),
                        (*old_path, i),
                        before,
                        None,
                        (op,),
                        about=self.about(about, cls, item, (), (*old_path, i)),
                    )
                )
        for j, item in enumerate(new):
            if j not in new_done:
                after = self.file_form(item, cls)
                op = Op("insert", (*path, j), value=after)
                self.emit(
                    Change(
                        f"{noun(item)}.added",
                        (*path, j),
                        (),
                        None,
                        after,
                        (op,),
                        about=self.about(about, cls, item, (*path, j), ()),
                    )
                )
        for i, j in pairs:
            here, there = (*path, j), (*old_path, i)
            inner = self.about(about, cls, new[j], here, there)
            if (i, j) not in stay:
                op = Op("move", here, there)
                self.emit(
                    Change(f"{noun(new[j])}.moved", here, there, None, None, (op,), about=inner)
                )
            self.value(old[i], new[j], cls, here, there, inner)

    @staticmethod
    def item_noun(cls: type, old: Sequence[Any], new: Sequence[Any]) -> Any:
        if cls is Contribution:
            return lambda item: "speaker" if item.people or item.delegation else "contribution"
        if cls is Session:
            return lambda item: "track"  # a slot's parallel sessions (slots are matched apart)
        noun = _noun(cls)
        return lambda item: noun

    @staticmethod
    def about(
        about: Mapping[str, Any], cls: type, item: Any, path: PathKey, old_path: PathKey
    ) -> dict[str, Any]:
        """What changes inside ``item`` concern: the enclosing things, and this one."""
        noun = _noun(cls)
        out = dict(about)
        if isinstance(getattr(item, "id", None), str) and cls is not Slot:
            out[noun] = item.id
        elif cls is ContactGroup:
            out[noun] = item.organisation
        elif cls is CountryRule:
            out[noun] = item.country
        else:
            out[noun] = path
            out[f"old_{noun}"] = old_path
        return out

    # -- the programme -----------------------------------------------------------------------

    def programme_days(
        self,
        old: Sequence[Day],
        new: Sequence[Day],
        path: PathKey,
        old_path: PathKey,
        about: Mapping[str, Any],
    ) -> None:
        """Days, and the slots of the whole programme: a slot can move from one day to
        another."""
        day_pairs, slot_pairs, staying = matching.programme(old, new)
        # Each pair of days is compared but for its slots, which are compared here across the
        # whole programme (see field_day_slots).
        self.matched(Day, old, new, day_pairs, path, old_path, about)
        matched_old = {a for a, _ in slot_pairs}
        matched_new = {b for _, b in slot_pairs}
        for od, nd in day_pairs:
            day_about = self.about(about, Day, new[nd], (*path, nd), (*old_path, od))
            for s, slot in enumerate(old[od].slots):
                if (od, s) not in matched_old:
                    where = (*old_path, od, "slots", s)
                    before = self.file_form(slot, Slot)
                    op = Op("remove", old_path=where, old=before)
                    self.emit(
                        Change(
                            "slot.removed",
                            (),
                            where,
                            before,
                            None,
                            (op,),
                            about={**day_about, "slot": (), "old_slot": where},
                        )
                    )
            for s, slot in enumerate(new[nd].slots):
                if (nd, s) not in matched_new:
                    where = (*path, nd, "slots", s)
                    after = self.file_form(slot, Slot)
                    op = Op("insert", where, value=after)
                    self.emit(
                        Change(
                            "slot.added",
                            where,
                            (),
                            None,
                            after,
                            (op,),
                            about={**day_about, "slot": where, "old_slot": ()},
                        )
                    )
        for (od, os_), (nd, ns) in sorted(slot_pairs, key=lambda pair: pair[1]):
            self.slot(
                old[od].slots[os_],
                new[nd].slots[ns],
                (*path, nd, "slots", ns),
                (*old_path, od, "slots", os_),
                ((od, os_), (nd, ns)) in staying,
                about,
            )

    def field_day_slots(
        self, old: Any, new: Any, path: PathKey, old_path: PathKey, about: Mapping[str, Any]
    ) -> None:
        """Slots are compared across the whole programme by :meth:`programme_days`."""

    def slot(
        self,
        old: Slot,
        new: Slot,
        path: PathKey,
        old_path: PathKey,
        stays: bool,
        about: Mapping[str, Any],
    ) -> None:
        inner = {**about, "slot": path, "old_slot": old_path}
        ops: list[Op] = [] if stays else [Op("move", path, old_path)]
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        hints = _hints(Slot)
        for name in SLOT_PLACE:
            a, b = getattr(old, name), getattr(new, name)
            if a != b:
                before[name] = self.file_form(a, hints[name])
                after[name] = self.file_form(b, hints[name])
                ops.append(Op("set", (*path, name), (*old_path, name), after[name], before[name]))
        if ops:
            self.emit(Change("slot.moved", path, old_path, before, after, tuple(ops), about=inner))
        self.fields(old, new, path, old_path, inner, skip=SLOT_PLACE)


def diff_events(old: Event, new: Event) -> list[Change]:
    """Every difference between ``old`` and ``new``, as changes in the order of the event
    (see :class:`~confdocs.diff.changes.Change`); empty exactly when they are equal."""
    return Differ(old, new).changes()
