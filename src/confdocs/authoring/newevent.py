"""``confdocs new``: a new event file, from the minimal template or from a past event.

From the template (``minimal_event.yaml``, shipped with the package and kept identical to
``examples/minimal/event.yaml`` by a test), the new event keeps the template's comments; its
``id`` is the folder's name and, with ``start``, its dates move to that day.

From a past event, the file is edited, not rewritten: a YAML source keeps its comments, its key
order and how each value is written (ruamel.yaml's round trip), and

- the ``id`` is the new folder's name; the dates move so that the first day is ``start``
  (without ``start`` they are kept, and :attr:`NewEvent.dates` says so);
- every speaker and moderator who is a person becomes the one placeholder person (the
  event's own, marked ``placeholder: true``, else a new ``tbc`` named in the event's language,
  "TBC", "Por confirmar"; never counted as double-booked), so the
  outline still says where a speaker is due; organisations as moderators stay; the version
  date is removed; the reply deadline and the letters' and certificates' dates move with the
  event, the letters' reference is removed; the contacts stay (the organisers' own people,
  from the same catalogs);
- ``include:`` stays: a catalog inside the past event's folder is copied to the same place in
  the new one (unchanged, comments and all), a catalog reached from outside it (``--catalog``)
  is named by its path from the new folder;
- registrations are files of their own and are never copied.

A TOML or JSON source is edited the same way and written as YAML (TOML's comments cannot be
kept). Nothing is overwritten, and the new event must load before it is put in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ..errors import InputError, Location, Problem
from ..model import Contribution, Day, Discussion, Event, Person, Programme, Session, Slot

TEMPLATE = "minimal_event.yaml"
EVENT_FILE = "event.yaml"
#: The person who stands in for every speaker and moderator of an event made from a past one.
PLACEHOLDER = Person(id="tbc", given_name="", family_name="TBC", placeholder=True)
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@attrs.frozen
class NewEvent:
    """What ``confdocs new`` wrote, and what it did with the dates."""

    #: The event file first, then the catalogs copied beside it.
    written: tuple[Path, ...]
    #: "moved the dates by 2408 days: …" or "kept the dates of …; give --start to move them".
    dates: str


def new_event(
    directory: Path,
    source: Path | None = None,
    start: dt.date | None = None,
    catalogs: Sequence[str] = (),
) -> NewEvent:
    """Write ``directory/event.yaml`` (and the catalogs it includes) and say what was written.

    Raises :class:`InputError` when the event file exists already, a catalog to copy exists
    with other content, or the past event cannot be read.
    """
    target = directory / EVENT_FILE
    if target.exists():
        raise InputError(
            Problem(
                "this event file exists already; confdocs new never overwrites an event "
                "(choose another folder, or remove the file)",
                Location(str(target)),
            )
        )
    event_id = _id_for(directory)
    files: dict[Path, bytes] = {}
    if source is None:
        text = template_text(event_id, start)
        dates = _dates_said("the template", _template_start(), None, start)
    else:
        from ..loading.events import load_event_with_sources

        loaded = load_event_with_sources(source, catalogs)
        past = PastEvent(loaded.event, source, directory)
        text = past.text(event_id, start)
        files = {**past.catalog_files(), **_logo_files(loaded.event, source.parent, directory)}
        dates = _dates_said(
            f"{source.as_posix()} ({loaded.event.id})", loaded.event.start, loaded.event.end, start
        )
    written = _write(target, text, files, catalogs)
    return NewEvent(written, dates)


def _logo_files(event: Event, folder: Path, directory: Path) -> dict[Path, bytes]:
    """The past event's logos, to copy to where the new event's files name them (a loaded
    logo's file is relative to the event file; logos outside its folder stay where they are)."""
    from ..loading.images import logo_places

    files: dict[Path, bytes] = {}
    for _, logo in logo_places(event):
        place = (folder / logo.file).resolve()
        if logo.image is not None and place.is_relative_to(folder.resolve()):
            files[directory / place.relative_to(folder.resolve())] = logo.image.data
    return files


def _dates_said(where: str, first: dt.date, last: dt.date | None, start: dt.date | None) -> str:
    span = first.isoformat() if last is None or last == first else f"{first} – {last}"
    if start is None:
        return f"kept the dates of {where} ({span}); give --start YYYY-MM-DD to move them"
    shift = start - first
    moved = start.isoformat()
    if last is not None and last != first:
        moved = f"{start} – {last + shift}"
    return f"moved the dates of {where} by {shift.days} days: {span} → {moved}"


def _template() -> str:
    return resources.files("confdocs.authoring").joinpath(TEMPLATE).read_text("utf-8")


def _template_start() -> dt.date:
    text = _template()
    first = _DATE.search(text[text.index("\nstart:") :])
    assert first is not None, "the template has a start date"
    return dt.date.fromisoformat(first.group(0))


def template_text(event_id: str | None = None, start: dt.date | None = None) -> str:
    """The minimal template, with ``id`` and dates set when given; comments are kept."""
    text = _template()
    if event_id:
        text = re.sub(r"^id: \S+", f"id: {event_id}", text, count=1, flags=re.MULTILINE)
    if start is not None:
        delta = start - _template_start()
        text = _DATE.sub(lambda m: (dt.date.fromisoformat(m.group(0)) + delta).isoformat(), text)
    return text


# -- a past event, edited as its file says it ---------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    # Values that the source folds over several lines are written on one: ruamel does not keep
    # where they broke, and re-folding them would leave trailing spaces after plain ones.
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class PastEvent:
    """A past event's file (and its catalogs) as the start of a new event in ``directory``."""

    def __init__(self, event: Event, source: Path, directory: Path) -> None:
        self.event = event
        self.source = source
        self.folder = source.resolve().parent
        self.directory = directory

    def text(self, event_id: str, start: dt.date | None) -> str:
        data, yaml_source = self._read(self.source)
        delta = dt.timedelta(0) if start is None else start - self.event.start
        data["id"] = event_id
        for key in ("start", "end"):
            if key in data:
                data[key] = _shifted(data[key], delta)
        header = data.get("header")
        if isinstance(header, dict):
            _pop_keeping_comments(header, "version")
        for day in _items(_get(data, "programme", "days")):
            if isinstance(day, dict) and "date" in day:
                day["date"] = _shifted(day["date"], delta)
        # The letters' and certificates' dates keep their distance to the event; a letter's
        # reference belongs to the past mailing.
        for part, key in (("participants", "reply_by"), ("letters", "date"),
                          ("certificates", "date")):
            found = data.get(part)
            if isinstance(found, dict) and key in found:
                found[key] = _shifted(found[key], delta)
        letters = data.get("letters")
        if isinstance(letters, dict):
            letters.pop("reference", None)
        placeholder, known = self._placeholder_id()
        if self._clear_people(data, placeholder) and not known:
            self._add_placeholder(data, placeholder)
        self._rewrite_includes(data, self.folder, self.directory)
        shift = delta.days
        note = (
            f"# Made by `confdocs new` from {self.source.as_posix()} ({self.event.id}): the\n"
            f"# programme's structure is kept and its dates moved by {shift} days; speakers and\n"
            f"# moderators are the placeholder person `{placeholder}`: replace it by real people\n"
            "# as they confirm.\n"
        )
        if not yaml_source:
            note += "# Written as YAML from a TOML or JSON file: its comments are not kept.\n"
        return note + "\n" + _dump(data)

    def _read(self, path: Path) -> tuple[Any, bool]:
        """The file's data, as ruamel's round-trip objects for YAML (comments kept), else as
        plain data."""
        if path.suffix.lower() in (".yaml", ".yml"):
            return _yaml().load(path.read_text("utf-8")), True
        from ..loading.sources import read_source

        return read_source(path, "event file").data, False

    def _placeholder_id(self) -> tuple[str, bool]:
        """The placeholder person's id, and whether the event has one already (a person
        marked ``placeholder: true``, in its catalog perhaps: "Por confirmar")."""
        for person_id, person in self.event.index.people.items():
            if person.placeholder:
                return person_id, True
        taken = {*self.event.index.people, *self.event.index.organisations}
        candidate, n = PLACEHOLDER.id, 1
        while candidate in taken:
            n += 1
            candidate = f"{PLACEHOLDER.id}-{n}"
        return candidate, False

    def _clear_people(self, data: Any, placeholder: str) -> bool:
        """Every person who speaks or moderates becomes ``placeholder``; True if any did."""
        people = set(self.event.index.people)
        used = False

        def replace(refs: Any, keep_organisations: bool) -> None:
            nonlocal used
            if not isinstance(refs, list) or not refs:
                return
            kept = [r for r in refs if keep_organisations and r not in people]
            if any(r in people for r in refs):
                used = True
                kept = [*kept, placeholder] if keep_organisations else [placeholder]
            refs[:] = list(dict.fromkeys(kept))

        for session in _sessions(data):
            replace(session.get("moderators"), True)
            for item in _items(session.get("contributions")):
                if isinstance(item, dict):
                    replace(item.get("people"), False)
            discussion = session.get("discussion")
            if isinstance(discussion, dict):
                replace(discussion.get("moderators"), True)
        return used

    def _add_placeholder(self, data: Any, placeholder: str) -> None:
        name = _placeholder_name(self.event.settings.locale)
        person = _flow_map(
            {"id": placeholder, "given_name": "", "family_name": name, "placeholder": True}
        )
        people = data.get("people")
        if isinstance(people, list):
            people.append(person)
        else:
            data["people"] = [person]

    def _rewrite_includes(self, data: Any, old_base: Path, new_base: Path) -> bool:
        """Includes that leave the past event's folder, named from where the file now is
        (``new_base``); those inside it stay as written (the catalogs are copied alongside).
        True if any changed."""
        includes = data.get("include") if isinstance(data, dict) else None
        names = [includes] if isinstance(includes, str) else includes
        if not isinstance(names, list):
            return False
        changed = []
        for name in names:
            target = (old_base / name).resolve()
            if isinstance(name, str) and not target.is_relative_to(self.folder):
                name = Path(os.path.relpath(target, new_base.resolve())).as_posix()
            changed.append(name)
        if changed == names:
            return False
        if isinstance(includes, list):
            includes[:] = changed
        else:
            data["include"] = changed[0]
        return True

    def catalog_files(self) -> dict[Path, bytes]:
        """The catalogs inside the past event's folder, to copy to the same place in the new
        one: as they are, or with their own outside includes renamed."""
        from ..loading.events import sources_of

        files: dict[Path, bytes] = {}
        sources = sources_of(self.event)
        for name in sources.files[1:] if sources else []:
            path = Path(name).resolve()
            if not path.is_relative_to(self.folder):
                continue
            place = self.directory / path.relative_to(self.folder)
            content = path.read_bytes()
            data, yaml_source = self._read(path)
            if yaml_source and self._rewrite_includes(data, path.parent, place.parent):
                content = _dump(data).encode("utf-8")
            files[place] = content
        return files


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _flow_map(values: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    made = CommentedMap(values)
    made.fa.set_flow_style()
    return made


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _sessions(data: Any) -> Iterator[dict[str, Any]]:
    """Every slot and parallel session of the file's programme."""
    for day in _items(_get(data, "programme", "days")):
        for slot in _items(day.get("slots") if isinstance(day, dict) else None):
            if isinstance(slot, dict):
                yield slot
                yield from (s for s in _items(slot.get("parallel")) if isinstance(s, dict))


def _shifted(value: Any, delta: dt.timedelta) -> Any:
    """A date as the file wrote it (a date, or text), moved by ``delta``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.date.fromordinal((value + delta).toordinal())
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        return (dt.date.fromisoformat(value.strip()) + delta).isoformat()
    return value


def _write(target: Path, text: str, files: dict[Path, bytes], catalogs: Sequence[str]) -> tuple[
    Path, ...
]:
    """Put the catalogs (new ones only; an identical one is left alone) and the event in place;
    the event must load first, else nothing stays behind."""
    from ..output import TEMP_PREFIX, write_atomic

    for path, data in files.items():
        if path.exists() and path.read_bytes() != data:
            raise InputError(
                Problem(
                    "a catalog the new event includes exists already with other content; "
                    "confdocs new never overwrites a file",
                    Location(str(path)),
                )
            )
    fresh = [path for path in files if not path.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    probe = target.with_name(f"{TEMP_PREFIX}new-{os.getpid()}-{EVENT_FILE}")
    try:
        for path in fresh:
            write_atomic(path, files[path])
        write_atomic(probe, text.encode("utf-8"))
        _check(probe, catalogs)
        os.replace(probe, target)
    except BaseException:
        for path in [probe, *fresh]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        raise
    return (target, *fresh)


def _check(path: Path, catalogs: Sequence[str]) -> None:
    """The new file must load: a bug here must not leave the user a broken event."""
    from ..loading import load_event

    load_event(path, catalogs)


# -- the same, on the model (for code that makes events) ----------------------------------------


def from_past_event(event: Event, event_id: str, start: dt.date | None = None) -> Event:
    """``event`` as the start of a new one, as a model: the same changes as the file's."""
    delta = dt.timedelta(0) if start is None else start - event.start
    organisations = {o.id for o in event.organisations}

    def people(refs: tuple[str, ...]) -> tuple[str, ...]:
        kept = [r if r in organisations else PLACEHOLDER.id for r in refs]
        return tuple(dict.fromkeys(kept))

    def contribution(item: Contribution) -> Contribution:
        return attrs.evolve(item, people=(PLACEHOLDER.id,) if item.people else ())

    def discussion(item: Discussion | None) -> Discussion | None:
        return None if item is None else attrs.evolve(item, moderators=people(item.moderators))

    def session(item: Session) -> Session:
        return attrs.evolve(
            item,
            moderators=people(item.moderators),
            contributions=tuple(contribution(c) for c in item.contributions),
            discussion=discussion(item.discussion),
        )

    def slot(item: Slot) -> Slot:
        changed = session(item)
        assert isinstance(changed, Slot)
        return attrs.evolve(changed, parallel=tuple(session(s) for s in item.parallel))

    days = tuple(
        Day(date=day.date + delta, slots=tuple(slot(s) for s in day.slots), title=day.title)
        for day in event.programme.days
    )
    def moved(day: dt.date | None) -> dt.date | None:
        return None if day is None else day + delta

    return attrs.evolve(
        event,
        id=event_id,
        start=event.start + delta,
        end=event.end + delta,
        header=attrs.evolve(event.header, version=None),
        participants=attrs.evolve(
            event.participants, reply_by=moved(event.participants.reply_by)
        ),
        letters=attrs.evolve(event.letters, date=moved(event.letters.date), reference=None),
        certificates=attrs.evolve(event.certificates, date=moved(event.certificates.date)),
        programme=Programme(days),
        people=event.people
        if PLACEHOLDER.id in event.index.people
        else (*event.people, PLACEHOLDER),
    )


def _id_for(directory: Path) -> str:
    """The folder's name as an id (a portable file name: see :mod:`confdocs.model.names`)."""
    from ..limits import ID_LENGTH
    from ..model.names import id_problem

    name = unicodedata.normalize("NFKD", directory.resolve().name).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", name.decode().lower()).strip("-")[:ID_LENGTH].strip("-")
    if slug and id_problem(slug) is not None:  # a name Windows keeps for a device: "con"
        slug = f"{slug[: ID_LENGTH - 6]}-event"
    return slug or "new-event"


def _pop_keeping_comments(mapping: dict[str, Any], key: str) -> None:
    """Remove ``key``; the comment lines ruamel keeps after its value (those above the next
    key) are set before the next key, so they stay where they were."""
    if key not in mapping:
        return
    keys = list(mapping)
    comments = getattr(mapping, "ca", None)
    token = comments.items.get(key, [None] * 4)[2] if comments is not None else None
    del mapping[key]
    following = keys[keys.index(key) + 1 :]
    if token is None or not following:
        return
    lines = [x.strip() for x in str(token.value).splitlines()]
    words = [x[1:].removeprefix(" ") for x in lines if x.startswith("#")]
    if words:
        mapping.yaml_set_comment_before_after_key(  # type: ignore[attr-defined]
            following[0], before="\n".join(words), indent=token.column
        )


def _placeholder_name(locale: str) -> str:
    """How the event's language says "to be confirmed" (the ``placeholder_name`` label);
    English's for a language confdocs ships no labels for."""
    from ..view.labels import REFERENCE, Labels, MissingLabelsError

    try:
        return Labels(locale)["placeholder_name"]
    except MissingLabelsError:
        return Labels(REFERENCE)["placeholder_name"]
