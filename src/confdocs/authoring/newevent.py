"""``confdocs new``: a new event file, from the minimal template or from a past event.

From the template (``minimal_event.yaml``, shipped with the package and kept identical to
``examples/minimal/event.yaml`` by a test), the new event keeps the template's comments; its
``id`` is the folder's name and, with ``start``, its dates move to that day.

From a past event, the programme's structure is kept (days, slots, times, kinds, titles,
durations, delegations, rooms) and:

- the dates move so that the first day is ``start`` (without ``start`` they stay);
- people are cleared: every speaker and moderator who is a person becomes the one placeholder
  person ``tbc`` (shown as "TBC"), so the outline still says where a speaker is due;
  organisations as moderators stay; the contacts are left out; the version date is removed;
- registrations are files of their own and are never copied;
- catalogs are merged in, so the new file stands alone (organisations, country sets, notes,
  texts); people are not, apart from the placeholder.

The file is written atomically, and an existing event file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import attrs

from ..errors import InputError, Location, Problem
from ..model import Contribution, Day, Discussion, Event, Person, Programme, Session, Slot

TEMPLATE = "minimal_event.yaml"
EVENT_FILE = "event.yaml"
#: The person who stands in for every speaker and moderator of an event made from a past one.
PLACEHOLDER = Person(id="tbc", given_name="", family_name="TBC")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def new_event(
    directory: Path,
    source: Path | None = None,
    start: dt.date | None = None,
    catalogs: Sequence[str] = (),
) -> list[Path]:
    """Write ``directory/event.yaml`` and return the paths written.

    Raises :class:`InputError` when the event file exists already or the past event cannot be
    read.
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
    past = None
    if source is None:
        text = template_text(event_id, start)
    else:
        from ..loading import load_event

        past = load_event(source, catalogs)
        text = past_event_text(past, event_id, start, source)
    _check(text, target)
    from ..output import write_atomic

    write_atomic(target, text.encode("utf-8"))
    return [target, *(_copy_logos(past, directory) if past is not None else [])]


def _copy_logos(event: Event, directory: Path) -> list[Path]:
    """The past event's logos, beside the new event file where its file names them."""
    from ..loading.images import logo_places
    from ..output import write_atomic

    written = []
    folder = directory.resolve()
    for _, logo in logo_places(event):
        target = (folder / logo.file).resolve()
        if logo.image is None or not target.is_relative_to(folder) or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, logo.image.data)
        written.append(target)
    return written


def template_text(event_id: str | None = None, start: dt.date | None = None) -> str:
    """The minimal template, with ``id`` and dates set when given; comments are kept."""
    text = resources.files("confdocs.authoring").joinpath(TEMPLATE).read_text("utf-8")
    if event_id:
        text = re.sub(r"^id: \S+", f"id: {event_id}", text, count=1, flags=re.MULTILINE)
    if start is not None:
        first = _DATE.search(text[text.index("\nstart:"):])
        assert first is not None, "the template has a start date"
        delta = start - dt.date.fromisoformat(first.group(0))
        text = _DATE.sub(lambda m: (dt.date.fromisoformat(m.group(0)) + delta).isoformat(), text)
    return text


def past_event_text(event: Event, event_id: str, start: dt.date | None, source: Path) -> str:
    from ..loading import dump_event

    new = from_past_event(event, event_id, start)
    shift = (new.start - event.start).days
    header = (
        f"# Made by `confdocs new` from {source.as_posix()} ({event.id}).\n"
        f"# The programme's structure is kept and its dates moved by {shift} days; speakers and\n"
        "# moderators are the placeholder person `tbc`, contacts are left out.\n"
        "# Replace `tbc` by real people as they confirm.\n\n"
    )
    return header + dump_event(new, "yaml")


def from_past_event(event: Event, event_id: str, start: dt.date | None = None) -> Event:
    """``event`` as the start of a new one: see the module's documentation."""
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
    new = attrs.evolve(
        event,
        id=event_id,
        start=event.start + delta,
        end=event.end + delta,
        header=attrs.evolve(event.header, version=None),
        programme=Programme(days),
        contacts=(),
        people=(),
    )
    if _uses_placeholder(new):
        new = attrs.evolve(new, people=(PLACEHOLDER,))
    return new


def _uses_placeholder(event: Event) -> bool:
    for _, _, _, item in event.programme.slots():
        for s in item.sessions():
            refs = [*s.moderators, *(p for c in s.contributions for p in c.people)]
            if s.discussion is not None:
                refs.extend(s.discussion.moderators)
            if PLACEHOLDER.id in refs:
                return True
    return False


def _id_for(directory: Path) -> str:
    name = directory.resolve().name
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "new-event"


def _check(text: str, target: Path) -> None:
    """The new file must load: a bug here must not leave the user a broken event."""
    from ..loading import check_event, structure_event
    from ..loading.sources import parse_yaml

    source = parse_yaml(text, str(target))
    event = structure_event(source.data, source.locate)
    problems = check_event(event)
    if problems:
        raise InputError(problems)
