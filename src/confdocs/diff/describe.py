"""Changes in words, in the document's language: "Opening: moved from 09h00 to 09h15".

Each kind has a pattern in the catalogs (``change_slot_moved``); a kind without one takes the
pattern of its verb (``change_added``, ``change_changed`` …). The pattern's placeholders are
filled with the names the views give (slot headings, people's names as the event spells them,
countries and languages from CLDR, times and durations as the event writes them), so a change
reads as the outline does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..loading.sources import format_path
from ..model import Event
from ..model.units import parse_time
from ..model.walk import PathKey
from ..view.composer import Composer
from ..view.labels import Labels
from ..view.languages import for_language, text_language
from ..view.lines import DELETED, INSERTED, Line, Span, fill, line
from ..view.parts import ChangeView, SlotView, View
from ..view.plurals import plural_key
from .changes import Change
from .engine import plain_markdown, word_diff

#: Kinds whose old and new values are people or organisations (by id).
_PEOPLE = ("speaker.", "moderator.", "contact.", "organiser.")
#: Kinds whose pattern depends on the new value: a flag turned on or off.
_SWITCHES = {"remote.changed": "change_remote", "seat-counts.changed": "change_seat_counts"}
#: Words of context kept on each side of an edit in a prose change's detail.
CONTEXT_WORDS = 6
#: Edits shown for one prose change; the rest are summed up as "…".
MOST_EDITS = 4
#: Words with the space before them (context before an edit), or after them (after one).
_WORDS = re.compile(r"\s*\S+\s*$|\s*\S+")
_WORDS_AFTER = re.compile(r"\s*\S+")


class Describer:
    """Puts changes into words for one locale, with the two versions' views for names."""

    def __init__(
        self,
        old: Event,
        new: Event,
        old_view: View,
        new_view: View,
        labels: Labels,
    ) -> None:
        self.labels = labels
        # Names and texts as the document says them: in its language (the changes' values
        # keep every language's text, so that they apply back to the file).
        locale = new_view.locale
        self.language = text_language(new, locale) if new.settings.languages else None
        #: Either version's languages (the new one's first): a text may be translated in one.
        self.declared = tuple(dict.fromkeys(new.settings.languages + old.settings.languages))
        self.old = Composer(for_language(old, locale).event, locale, labels)
        self.new = Composer(for_language(new, locale).event, locale, labels)
        self.views = {"old": old_view, "new": new_view}
        self._moves: dict[tuple[str, PathKey], PathKey] = {}
        self._items: dict[str, Any] | None = None
        self.slots = {
            side: {slot.path: (day.date_text, slot) for day in v.programme for slot in day.slots}
            for side, v in self.views.items()
        }
        #: On how many days of each version each heading is: a heading of several days
        #: ("Coffee break") is told with its day.
        self._days_of: dict[str, dict[str, set[str]]] = {side: {} for side in self.slots}
        for side, slots in self.slots.items():
            for day, slot in slots.values():
                self._days_of[side].setdefault(_heading(slot), set()).add(day)

    # -- the change list ---------------------------------------------------------------------

    def describe(self, change: Change) -> ChangeView:
        return ChangeView(
            change.kind,
            format_path(change.path),
            format_path(change.old_path),
            self.line(change),
            self.detail(change),
        )

    def line(self, change: Change) -> Line:
        if change.message is not None:
            return line(Span(change.message, "change"))
        values = self.values(change)
        key = self.pattern_key(change)
        if type(change.new) is int and f"{key}_other" in self.labels.catalog:
            # A count: its form by the new count ("0 → 1 place en ligne", "1 → 2 places").
            key = plural_key(self.labels, key, change.new)
        pattern = self.labels.catalog.get(key)
        if pattern is None:
            verb = change.kind.rpartition(".")[2]
            pattern = self.labels.catalog.get(f"change_{verb}", "{what}: {old} → {new}")
        if change.kind == "version.changed":
            # The word a version starts with: the pattern's lead, or the version label's
            # ("النسخة:" leads, "نسخة {date}" is how a version reads).
            word = self.labels.catalog.get("version", "").partition("{")[0]
            pattern = _without_repeated_lead(pattern, values, word)
        return fill(pattern, **values)

    @staticmethod
    def pattern_key(change: Change) -> str:
        """The catalog key of the change's pattern: its kind's (``change_slot_moved``); a
        slot that only changed rooms reads as a session's room change, a flag turned on or
        off as what it now does, an allocation's online seats as seats in all, a logo that
        kept its words as another image."""
        kind = change.kind
        if kind == "slot.moved" and _room_only(change):
            return "change_session_moved"
        if kind in _SWITCHES:
            return f"{_SWITCHES[kind]}_{'on' if change.new else 'off'}"
        if kind == "online-seats.changed" and "allocation" in change.about:
            return "change_online_seats_allocation"
        if kind == "logo.replaced" and "alt" not in (change.old or {}):
            return "change_logo_image"
        return "change_" + kind.replace(".", "_").replace("-", "_")

    def detail(self, change: Change) -> tuple[Line, ...]:
        """For an edited text, each edit with a few words around it, the deleted and inserted
        words marked."""
        if not change.kind.endswith("edited"):
            return ()  # a title's change says both titles already
        runs = change.words
        other_language = None
        found = self.changed_language(change.old, change.new)
        if found is not None:
            # The edit of the document's language (the change's words are the default's).
            language, old_text, new_text, own = found
            runs = word_diff(plain_markdown(old_text or ""), plain_markdown(new_text or ""))
            if not own:
                other_language = self.new.fmt.language(language)
        hunks: list[tuple[int, int]] = []
        n = 0
        while n < len(runs):
            if runs[n][0] == "equal":
                n += 1
                continue
            start = n
            # A few equal words between two edits belong to one edit.
            while n < len(runs) and (
                runs[n][0] != "equal"
                or (
                    n + 1 < len(runs) and len(runs[n][1].split()) <= 3 and runs[n + 1][0] != "equal"
                )
            ):
                n += 1
            hunks.append((start, n))
        out: list[Line] = []
        for start, end in hunks[:MOST_EDITS]:
            spans: list[Span] = []
            if start > 0:
                words = _WORDS.findall(runs[start - 1][1])
                cut = "".join(words[-CONTEXT_WORDS:])
                spans.append(Span(("…" if len(words) > CONTEXT_WORDS else "") + cut))
            for op, text in runs[start:end]:
                mark = {"delete": DELETED, "insert": INSERTED}.get(op)
                spans.append(Span(text, "edit" if mark else "text", change=mark))
            if end < len(runs):
                words = _WORDS_AFTER.findall(runs[end][1])
                cut = "".join(words[:CONTEXT_WORDS])
                spans.append(Span(cut + ("…" if len(words) > CONTEXT_WORDS else "")))
            if other_language is not None:
                named = self.labels.get("change_in_text_language", text="", language=other_language)
                spans.append(Span(named, "language"))
            out.append(Line(tuple(s for s in spans if s.text)))
        if len(hunks) > MOST_EDITS:
            out.append(line(Span("…")))
        return tuple(out)

    # -- what the patterns are filled with ---------------------------------------------------

    def values(self, change: Change) -> dict[str, Any]:
        about = change.about
        kind = change.kind
        noun = kind.partition(".")[0]
        side_old, side_new = self.old, self.new
        old_value, new_value = self.in_language(change.old, change.new)
        values: dict[str, Any] = {
            "what": self.what(change),
            "old": self.shown(change, old_value, side_old),
            "new": self.shown(change, new_value, side_new),
        }
        if "slot" in about or "old_slot" in about:
            values["where"] = self.where(change)
        if kind == "day.moved" and change.path:
            # From which day to which: the day's place in the old version, and in the new.
            values["old"] = Span(self.day_text("old", change.old_path or change.path), "date")
            values["new"] = Span(self.day_text("new", change.path), "date")
        if kind == "slot.moved":
            values["old"] = self.place("old", change.old_path, change.old or {}, change.new or {})
            values["new"] = self.place("new", change.path, change.new or {}, change.old or {})
            if _room_only(change):
                values["old"] = self.room(side_old, (change.old or {}).get("room"))
                values["new"] = self.room(side_new, (change.new or {}).get("room"))
        if kind.startswith("exception.") or kind == "composition.changed":
            code = about.get("exception")
            # After a word ("rule for the Netherlands", "delegation of the Netherlands").
            country = self.new.fmt.country_in_phrase(code) if code else ""
            values["country"] = Span(country, "country") if code else ""
        if kind in ("duration.changed", "remote.changed"):
            values["item"] = self.item(change)
        if kind == "session.moved":
            values["old"] = self.room(side_old, change.old)
            values["new"] = self.room(side_new, change.new)
        if kind == "interpretation.changed":
            values["old"] = self.interpretation(side_old, change, change.old)
            values["new"] = self.interpretation(side_new, change, change.new)
        if kind == "composition.changed":
            values["old"] = self.composition(side_old, change.old)
            values["new"] = self.composition(side_new, change.new)
        if kind == "end.changed":
            for side in ("old", "new"):
                if getattr(change, side) is None:
                    values[side] = Span(self.labels["change_with_slot"], "none")
        if kind == "gender.changed":
            for side in ("old", "new"):
                value = getattr(change, side)
                if value:
                    values[side] = Span(self.labels[f"change_gender_{value}"], "value")
        if kind.startswith("internal."):
            for side in ("old", "new"):
                value = getattr(change, side)
                if isinstance(value, str):
                    values[side] = Span(self.field_label(value), "label")
        if kind.startswith("track."):
            values["new"] = Span(self.track_title("new", change.path), "title")
            values["old"] = Span(self.track_title("old", change.old_path), "title")
        if kind == "link.changed":
            for side in ("old", "new"):
                value = getattr(change, side)
                if isinstance(value, str) and value:
                    values[side] = Span(value, "url")
        if kind == "logo.replaced":
            old_alt, new_alt = self.in_language(
                (change.old or {}).get("alt", ""), (change.new or {}).get("alt", "")
            )
            values["old"] = Span(old_alt or "", "logo")
            values["new"] = Span(new_alt or "", "logo")
        if noun in ("person", "organisation") and kind.endswith(".renamed"):
            values["old"] = Span(self.name(side_old, about.get(noun, "")), "person")
            values["new"] = Span(self.name(side_new, about.get(noun, "")), "person")
        return values

    def changed_language(self, old: Any, new: Any) -> tuple[str, Any, Any, bool] | None:
        """For a translated text: the language a change is shown in (the document's, unless
        only another's text changed), the old and new texts in it, and whether it is the
        document's; None for a value that is not a translated text."""
        declared = self.declared
        if not (_is_translation(old, declared) or _is_translation(new, declared)):
            return None
        olds = old if isinstance(old, Mapping) else {declared[0]: old}
        news = new if isinstance(new, Mapping) else {declared[0]: new}
        first = self.language or declared[0]
        changed = [x for x in declared if olds.get(x) != news.get(x)]
        if not changed or first in changed:
            return first, _text_in(olds, first, declared), _text_in(news, first, declared), True
        other = changed[0]
        return other, olds.get(other), news.get(other), False

    def in_language(self, old: Any, new: Any) -> tuple[Any, Any]:
        """A translated text's old and new value in the document's language; when that
        language's text did not change, another's, with the language named ("… (arabe)")."""
        found = self.changed_language(old, new)
        if found is None:
            return old, new
        language, old_text, new_text, own = found
        if own:
            return old_text, new_text
        name = self.new.fmt.language(language)
        shown = [
            self.labels.get("change_in_text_language", text=t, language=name) if t else None
            for t in (old_text, new_text)
        ]
        return shown[0], shown[1]

    def text(self, value: Any) -> Any:
        """A translated text's file form as the document's language has it; other values as
        they are."""
        declared = self.declared
        if not _is_translation(value, declared):
            return value
        return _text_in(value, self.language or declared[0], declared)

    def what(self, change: Change) -> Line | Span | str:
        """The part the change concerns, as the document names it."""
        about = change.about
        kind = change.kind
        noun = kind.partition(".")[0]
        removed = not change.path
        side = "old" if removed else "new"
        composer = self.old if removed else self.new
        if noun == "logo":
            return Span(self.logo_alt(composer, change), "logo")
        if noun in ("gender", "internal") and "person" in about:
            return Span(self.name(composer, about["person"]), "person")
        if noun == "internal" and (change.path or change.old_path)[:2] == ("venue", "internal"):
            return Span(self.labels["venue"], "label")
        in_track = "session" in about or "old_session" in about
        if ("slot" in about or "old_slot" in about) and in_track and noun != "track":
            # Inside a parallel session: the session, and the slot it is part of.
            slot = about.get("old_slot") if removed else about.get("slot")
            session = about.get("old_session") if removed else about.get("session")
            return fill(
                self.labels["change_track"],
                session=Span(self.track_title(side, session or ()), "title"),
                slot=Span(self.slot_heading(side, slot or ()), "title"),
            )
        if "slot" in about or "old_slot" in about:
            path = about.get("old_slot") if removed else about.get("slot")
            return Span(self.slot_heading(side, path or (), with_day=True), "title")
        if "room" in about:
            rooms = {r.id: r.name for r in composer.event.venue.rooms}
            return Span(rooms.get(about["room"], about["room"]), "room")
        if noun in ("settings", "seat-counts"):
            place = change.path or change.old_path
            return Span(format_path(place[1:]) if place[:1] == ("settings",) else "", "label")
        if noun == "day" or "day" in about:
            path = change.old_path if removed else change.path
            return Span(self.day_text(side, path), "date")
        if "group" in about:
            group = self._by_id(composer.event.participants.groups, about["group"])
            return Span(group.project if group else about["group"], "group")
        if "section" in about:
            section = self._by_id(composer.event.sections, about["section"])
            title = (section.title if section else None) or about["section"]
            if section and section.changes and not section.title:
                title = self.labels["changes_since_previous"]
            if section and section.use and not section.title:
                text = self._by_id(composer.event.texts, section.use)
                title = (text.title if text else None) or title
            return Span(title, "section")
        if "allocation" in about or "role" in about:
            key = "allocation" if "allocation" in about else "role"
            items = (
                composer.event.participants.allocations
                if key == "allocation"
                else composer.event.participants.roles
            )
            found = self._by_id(items, about[key])
            text = composer.rich(found.label).plain if found else about[key]  # type: ignore[union-attr]
            return Span(text, key)
        if "contacts" in about:
            org = composer.event.index.organisations.get(about["contacts"])
            groups = [g for g in composer.event.contacts if g.organisation == about["contacts"]]
            label = groups[0].label if groups and groups[0].label else None
            return Span((label or (org.name if org else about["contacts"])).rstrip(":"), "group")
        if noun in ("person", "organisation") and noun in about:
            name = self.name(composer, about[noun])
            field = str(change.path[-1]) if change.path and kind.endswith(".changed") else ""
            if field and field not in ("internal",):
                return fill(self.labels["label_value"], label=name, value=self.field_label(field))
            return Span(name, "person")
        if noun == "venue" or (change.path or change.old_path)[:1] == ("venue",):
            field = str((change.path or change.old_path)[-1])
            return Span(self.field_label(field), "label")
        if "note" in about:
            return Span(self._note_text(composer, about["note"]), "note")
        return self._generic_what(change.path or change.old_path)

    def _generic_what(self, path: PathKey) -> Span | Line:
        """A part the describer has no words of its own for, named by its catalog labels
        ("Certificates of attendance, place"), else by its path."""
        names = [str(p) for p in path if isinstance(p, str)]
        head = self.labels.catalog.get(names[0]) if names else None
        if not head:
            return Span(format_path(path), "path")
        if len(names) == 1:
            return Span(head, "label")
        return line(
            Span(head, "label"),
            Span(self.labels["comma"], "separator"),
            Span(self.field_label(names[-1]), "label"),
        )

    def field_label(self, field: str) -> str:
        key = {"name": "venue", "phone": "tel", "url": "link"}.get(field, field)
        # A field's own label where a document's label of that name means something else
        # ("affiliation": a person's, not the attendance sheet's "Country or organisation").
        label = self.labels.catalog.get(f"change_field_{field}") or self.labels.catalog.get(key)
        return label if label else field

    def slot_heading(self, side: str, path: PathKey, with_day: bool = False) -> str:
        """The slot as the change list names it: its heading; ``with_day``, with its day
        where other slots have the same ("Coffee break (Friday, 16 April 2027)")."""
        found = self.slots[side].get(format_path(path))
        if found is None:
            return format_path(path)
        day, slot = found
        heading = _heading(slot)
        if with_day and len(self._days_of[side].get(heading, ())) > 1:
            return f"{heading} {self.labels.get('bracketed', text=day)}"
        return heading

    def day_text(self, side: str, path: PathKey) -> str:
        view = self.views[side]
        index = path[2] if len(path) >= 3 and path[:2] == ("programme", "days") else None
        if isinstance(index, int) and index < len(view.programme):
            return view.programme[index].date_text
        return format_path(path)

    def where(self, change: Change) -> str:
        removed = not change.path
        side = "old" if removed else "new"
        path = change.about.get("old_slot" if removed else "slot") or ()
        found = self.slots[side].get(format_path(path))
        if found is None:
            return ""
        date_text, slot = found
        return self.labels.get("change_where", day=date_text, time=slot.time)

    def place(
        self, side: str, path: PathKey, fields: Mapping[str, Any], other: Mapping[str, Any]
    ) -> str:
        """Where a moved slot was (or is): its day and time, and its room when that changed;
        the day only when it changed."""
        found = self.slots[side].get(format_path(path))
        if found is None:
            return format_path(path)
        date_text, slot = found
        slot_view: SlotView = slot
        other_side = "new" if side == "old" else "old"
        other_path = self._partner(side, path)
        other_found = self.slots[other_side].get(format_path(other_path)) if other_path else None
        parts = []
        if other_found is None or other_found[0] != date_text:
            parts.append(date_text)
        parts.append(slot_view.time)
        if "room" in fields or "room" in other:
            room = fields.get("room")
            if room:
                rooms = {r.id: r.name for r in self._composer(side).event.venue.rooms}
                parts.append(rooms.get(room, room))
        return ", ".join(p for p in parts if p)

    def room(self, composer: Composer, room: str | None) -> Span:
        if not room:
            return Span(self.labels["change_none"], "none")
        rooms = {r.id: r.name for r in composer.event.venue.rooms}
        return Span(rooms.get(room, room), "room")

    def interpretation(self, composer: Composer, change: Change, value: Any) -> Span:
        """Interpretation languages as the document names them; none, or (unset) as for the
        room or the event."""
        if isinstance(value, list) and value:
            return Span(composer.fmt.join([composer.fmt.language(v) for v in value]), "languages")
        if isinstance(value, list):
            return Span(self.labels["no_interpretation"], "none")
        session = self._model_at(composer, (change.path or change.old_path)[:-1])
        room_id = getattr(session, "room", None) if "room" not in change.about else None
        room = next((r for r in composer.event.venue.rooms if r.id == room_id), None)
        inherited = room is not None and room.interpretation is not None
        return Span(self.labels["change_as_room" if inherited else "change_as_event"], "none")

    def composition(self, composer: Composer, value: Any) -> Line | Span:
        """A delegation's composition: "2 × prosecutor and 2 × investigator"."""
        if not isinstance(value, Mapping) or not value:
            return Span(self.labels["change_none"], "none")
        roles = {r.id: r for r in composer.event.participants.roles}
        parts = []
        for role_id, seats in value.items():
            role = roles.get(role_id)
            label = composer.rich(role.label).plain if role else role_id  # type: ignore[union-attr]
            parts.append(
                fill(self.labels["role_line"], count=Span(str(seats), "seats"), role=label)
            )
        return composer.fmt.join_line(parts)

    def track_title(self, side: str, path: PathKey) -> str:
        """A parallel session as the document names it: its title, else its room."""
        key = format_path(path)
        for _, slot in self.slots[side].values():
            for session in slot.sessions:
                if session.path == key:
                    if session.title is not None and session.title.plain.strip():
                        return session.title.plain
                    return session.room or self.labels["parallel_sessions"]
        return key

    def logo_alt(self, composer: Composer, change: Change) -> str:
        """The words of the logo a change concerns, as its version has them."""
        place = change.path or change.old_path
        if change.kind == "logo.replaced":
            alt = self.text((change.new or {}).get("alt"))
            return str(alt or "") or self._logo_words(composer, place)
        value = change.new if change.path else change.old
        if isinstance(value, Mapping) and value.get("alt"):
            return str(self.text(value["alt"]))
        return self._logo_words(composer, place)

    def _logo_words(self, composer: Composer, place: PathKey) -> str:
        found = self._model_at(composer, place)
        return str(getattr(found, "alt", "") or format_path(place))

    @staticmethod
    def _model_at(composer: Composer, path: PathKey) -> Any:
        """The part of the version's event at ``path``, or None."""
        node: Any = composer.event
        for step in path:
            if isinstance(step, int) and isinstance(node, tuple) and step < len(node):
                node = node[step]
            elif isinstance(step, str) and hasattr(node, step):
                node = getattr(node, step)
            else:
                return None
        return node

    def _partner(self, side: str, path: PathKey) -> PathKey | None:
        return self._moves.get((side, path))

    def remember_moves(self, changes: list[Change]) -> None:
        """Moved slots' places in both versions, so each side of a move can leave out the
        day when it did not change."""
        for change in changes:
            if change.kind == "slot.moved":
                self._moves[("old", change.old_path)] = change.path
                self._moves[("new", change.path)] = change.old_path

    def item(self, change: Change) -> Line | Span | str:
        """The contribution or discussion whose duration changed: who speaks, else what."""
        path = change.path[:-1]
        view_item = self._view_item(path)
        if view_item is not None:
            speaker = getattr(view_item, "speaker", None)
            if speaker:
                return Span(speaker.plain, "speaker")
            title = getattr(view_item, "title", None)
            if title is not None:
                return Span(title.plain, "title")
            return Span(self.labels["discussion"], "label")
        return ""

    def _view_item(self, path: PathKey) -> Any:
        """The contribution or discussion view at ``path`` of the new version."""
        if self._items is None:
            self._items = {}
            for _, slot in self.slots["new"].values():
                for session in slot.sessions:
                    for n, item in enumerate(session.contributions):
                        self._items[f"{session.path}.contributions[{n}]"] = item
                    if session.discussion is not None:
                        self._items[f"{session.path}.discussion"] = session.discussion
        return self._items.get(format_path(path))

    def shown(self, change: Change, value: Any, composer: Composer) -> Line | Span | str:
        """A value of the file form as the document would say it."""
        kind = change.kind
        if value is None or value == "" or value == [] or value == {}:
            return Span(self.labels["change_none"], "none")
        index = composer.event.index
        if kind.startswith(_PEOPLE) and isinstance(value, str):
            if value in index.people or value in index.organisations:
                return Span(self.name(composer, value), "person")
            return Span(composer.country_ref(value).delegation)
        if kind.startswith("speaker.") and isinstance(value, Mapping):
            return Span(self._contribution_text(composer, value), "speaker")
        if kind.startswith("country.") and isinstance(value, str):
            return Span(composer.fmt.country(value), "country")
        if kind.startswith("language.") and isinstance(value, str):
            return Span(composer.fmt.language(value), "language")
        if kind == "duration.changed" and isinstance(value, int):
            return Span(composer.fmt.duration(value) or str(value), "duration")
        if kind == "dates.changed" and isinstance(value, Mapping):
            event = composer.event
            return Span(composer.fmt.dates(event.start, event.end), "date")
        if kind == "version.changed" and isinstance(value, Mapping):
            return Span(composer.version() or self.labels["change_none"], "version")
        if kind == "total.changed":
            total = composer.event.participants.stated_total
            if total is None:
                return Span(self.labels["change_none"], "none")
            return Span(f"≈ {total.value}" if total.approximate else str(total.value), "total")
        if kind in ("slot.added", "slot.removed", "section.added", "section.removed"):
            return ""
        if kind.endswith("edited"):
            return ""
        if kind == "person.renamed" or kind == "organisation.renamed":
            return ""
        return Span(self.plain_value(value, composer), "value")

    def plain_value(self, value: Any, composer: Composer) -> str:
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, str):
            try:
                if len(value) == 10 and value[4] == "-":
                    return composer.fmt.date(dt.date.fromisoformat(value), "long")
                if len(value) == 5 and value[2] == ":":
                    return composer.fmt.time(parse_time(value))
            except ValueError:
                pass
            return " ".join(composer.rich(value).plain.split()) if value.strip() else value  # type: ignore[union-attr]
        if isinstance(value, list):
            return composer.fmt.join([self.plain_value(v, composer) for v in value])
        if _is_translation(value, self.declared):
            return self.plain_value(self.text(value), composer)
        if isinstance(value, Mapping):
            return ", ".join(
                f"{k}: {self.plain_value(v, composer)}" for k, v in value.items() if v is not None
            )
        return str(value)

    # -- names -------------------------------------------------------------------------------

    def name(self, composer: Composer, ident: str) -> str:
        person = composer.event.index.people.get(ident)
        if person is not None:
            return composer.people.name(person)
        org = composer.event.index.organisations.get(ident)
        return org.name if org is not None else ident

    def _contribution_text(self, composer: Composer, value: Mapping[str, Any]) -> str:
        people = value.get("people") or []
        if people:
            return composer.fmt.join([self.name(composer, p) for p in people])
        if value.get("delegation"):
            return composer.country_ref(value["delegation"]).delegation
        title = self.text(value.get("title"))
        return composer.rich(title).plain if title else ""  # type: ignore[union-attr]

    def _composer(self, side: str) -> Composer:
        return self.old if side == "old" else self.new

    @staticmethod
    def _by_id(items: Any, ident: str) -> Any:
        for item in items:
            if item.id == ident:
                return item
        return None

    @staticmethod
    def _note_text(composer: Composer, ident: str) -> str:
        note = composer.event.index.notes.get(ident)
        if note is None:
            return ident
        words = note.text.split()
        return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


def _is_translation(value: Any, declared: tuple[str, ...]) -> bool:
    """Is ``value`` a translated text in its file form (a text per declared language)?"""
    return (
        bool(declared)
        and isinstance(value, Mapping)
        and bool(value)
        and all(k in declared and isinstance(v, str) for k, v in value.items())
    )


def _text_in(texts: Mapping[str, Any], language: str, declared: tuple[str, ...]) -> Any:
    """The text of ``language`` in a translated text's file form, else its default's."""
    found = texts.get(language)
    return found if found is not None else texts.get(declared[0])


def _room_only(change: Change) -> bool:
    """A slot that stayed in its place and time, and changed rooms."""
    return set(change.old or {}) == {"room"} and not any(op.op == "move" for op in change.ops)


def _without_repeated_lead(pattern: str, values: Mapping[str, Any], other: str = "") -> str:
    """"Version: Version 1 → Version 2" says its word three times: when both versions begin
    with the word the pattern leads with (or ``other``, the word a version reads with), as a
    word, the pattern without its lead ("{old} → {new}")."""
    lead, colon, rest = pattern.partition(":")
    if not colon or "{" in lead:
        return pattern
    words = [w.strip().casefold() for w in (lead, other) if w.strip()]
    texts = [getattr(values.get(side), "text", values.get(side)) for side in ("old", "new")]
    for word in words:
        starts = re.compile(rf"{re.escape(word)}(?!\w)")
        if all(isinstance(text, str) and starts.match(text.casefold()) for text in texts):
            return rest.strip()
    return pattern


def _heading(slot: Any) -> str:
    return str(slot.heading or slot.kind_label)
