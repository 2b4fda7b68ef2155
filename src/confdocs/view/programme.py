"""The programme part: days, slots at their times, sessions, and every line they say."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Contribution, Discussion, Session, Slot
from .labels import Labels
from .lines import Line, Span, fill, line, rich_span
from .parts import (
    ContributionView,
    CountryRef,
    DayView,
    DiscussionView,
    PersonRef,
    SessionView,
    SlotView,
)
from .times import SessionTime, SlotTime

if TYPE_CHECKING:
    from .composer import Composer

#: Slot kinds that are pauses in the programme rather than content.
BREAK_KINDS = frozenset({"break", "meal", "photo", "end"})


def programme_part(c: Composer) -> tuple[DayView, ...]:
    days = []
    for day, times in zip(c.event.programme.days, c.timeline.days, strict=True):
        slots = tuple(_slot(c, t) for t in times.slots)
        date_text = c.fmt.date(day.date)
        heading = (
            fill(c.labels["day_heading"], date=Span(date_text, "date"), title=day.title)
            if day.title
            else line(Span(date_text, "date"))
        )
        days.append(DayView(times.index, day.date, date_text, day.title, slots, heading))
    return tuple(days)


def _slot(c: Composer, t: SlotTime) -> SlotView:
    slot = t.slot
    labels = c.labels
    start, end = t.start_time, t.end_time
    if slot.all_day:
        time_text = labels["all_day"]
    elif slot.start is not None and slot.end is not None:
        time_text = c.fmt.time_range(slot.start, slot.end)
    else:
        time_text = c.fmt.time(slot.start) if slot.start else ""
    source = slot.title
    if source is not None and not c.fmt.own_locale:
        # A title that is just the event language's label for its kind ("Coffee break")
        # becomes this document's label ("Pause-café").
        own_label = c.own_labels.catalog.get(f"kind_{slot.kind}") if c.own_labels else None
        if own_label and source.strip() == own_label:
            source = None
    title = c.rich(source)
    if title is None and not slot.parallel:
        label = labels[f"kind_{slot.kind}"]
        title = c.rich(label) if label else None
    continuation = slot.continues is not None
    heading = c.fmt.after(
        rich_span(title, "title") if title is not None else None,
        Span(labels["continuation"], "continuation") if continuation else None,
    )
    starts_at = c.timeline.at(t, t.start) if t.start is not None else None
    ends_at = c.timeline.at(t, t.end) if t.end is not None else None
    heading_text = title.plain if title else ""
    sessions = tuple(_session(c, t, s, heading_text, continuation) for s in t.sessions)
    summary = heading_text or _alternatives(labels, [s.title.plain for s in sessions if s.title])
    rooms = dict.fromkeys(s.room for s in sessions if s.room)
    return SlotView(
        path=t.path,
        id=slot.id,
        kind=slot.kind,
        start=c.fmt.time(start) if start else None,
        end=c.fmt.time(end) if end else None,
        time=time_text,
        all_day=slot.all_day,
        start_time=start,
        end_time=end,
        date=t.date,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title,
        continuation=continuation,
        sessions=sessions,
        heading_line=heading,
        summary=_with_continuation(c, summary, continuation) or _kind_label(labels, slot),
        place=c.fmt.comma([*rooms, c.venue_line]),
        is_break=slot.kind in BREAK_KINDS,
        kind_label=_kind_label(labels, slot),
    )


#: Control characters (but tab and new line): no calendar or schedule line may hold them, and a
#: title made only of them is no title.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _with_continuation(c: Composer, title: str, continuation: bool) -> str:
    title = _CONTROLS.sub("", title)
    return c.fmt.after(title, c.labels["continuation"]).plain if continuation else title


def _alternatives(labels: Labels, titles: list[str]) -> str:
    """Parallel sessions' titles on one line: "Darknet markets / Child protection"."""
    out = titles[0] if titles else ""
    for title in titles[1:]:
        out = labels.get("alternatives", first=out, second=title)
    return out


def _kind_label(labels: Labels, slot: Slot) -> str:
    return labels[f"kind_{slot.kind}"] or slot.kind


def _session(
    c: Composer, t: SlotTime, timed: SessionTime, slot_heading: str, continuation: bool
) -> SessionView:
    session: Session = timed.session
    labels = c.labels
    moderators = tuple(c.people.ref(m) for m in session.moderators)
    moderators_line = None
    if moderators:
        key = "moderators" if len(moderators) > 1 else "moderator"
        pattern = labels.variant(key, (m.gender for m in moderators))
        moderators_line = fill(pattern, names=_names(c, moderators))
    rooms = {r.id: r.name for r in c.event.venue.rooms}
    room = rooms.get(session.room, session.room) if session.room else None
    is_slot = isinstance(session, Slot)
    title = None if is_slot else c.rich(session.title)
    contributions = tuple(_contribution(c, item) for item in session.contributions)
    summary = title.plain if title else slot_heading
    return SessionView(
        index=timed.index,
        path=timed.path,
        room=room,
        title=title,
        body=c.rich(session.body),
        moderators=moderators,
        panel=session.panel,
        contributions=contributions,
        discussion=_discussion(c, session.discussion) if session.discussion else None,
        room_line=c.labelled("room", Span(room, "room")) if room else None,
        moderators_line=moderators_line,
        panel_line=line(Span(labels["panel"], "label"))
        if session.panel and contributions
        else None,
        summary=_with_continuation(c, summary, continuation) or _kind_label(labels, t.slot),
        place=c.fmt.comma([room, c.venue_line]),
        starts_at=c.timeline.at(t, timed.start) if timed.start is not None else None,
        ends_at=c.timeline.at(t, timed.end) if timed.end is not None else None,
    )


def _names(c: Composer, people: tuple[PersonRef, ...]) -> Line:
    return c.fmt.join_line([Span(p.name, p.kind) for p in people])


def _contribution(c: Composer, item: Contribution) -> ContributionView:
    people = tuple(c.people.ref(p, item.show) for p in item.people)
    speaker = Line()
    if len(people) == 1:
        speaker = c.people.ref_line(item.people[0], item.show)
    elif people:
        orgs = {p.organisation for p in people}
        common = orgs.pop() if item.show != "name" and len(orgs) == 1 else None
        speaker = c.fmt.comma_line(
            [_names(c, people), Span(common, "organisation") if common else None]
        )
    elif item.delegation and not item.title:
        speaker = fill(
            c.labels["delegation"], country=Span(c.fmt.country(item.delegation), "country")
        )
    title = c.rich(item.title)
    duration = c.fmt.duration(item.duration)
    whole = speaker
    if title is not None:
        shown = rich_span(title, "title")
        whole = (
            fill(c.labels["title_speaker"], "separator", title=shown, speaker=speaker)
            if speaker
            else line(shown)
        )
    whole = c.fmt.after(whole, _aside(c, item.note, duration))
    return ContributionView(
        people=people,
        delegation=_country_ref(c, item.delegation) if item.delegation else None,
        title=title,
        note=item.note,
        minutes=item.duration,
        duration=duration,
        speaker=speaker,
        line=whole,
    )


def _country_ref(c: Composer, code: str) -> CountryRef:
    name = c.fmt.country(code)
    return CountryRef(code, name, c.labels.get("delegation", country=name))


#: A note written in brackets ("(LATAM)"): its words go into the brackets of the duration.
_BRACKETED = re.compile(r"^\s*\((?P<inner>[^()]*)\)\s*$")


def _aside(c: Composer, note: str | None, duration: str | None) -> Line:
    """What follows who speaks: the note and the duration, "for Europe (10 mins)"; a note
    written in brackets shares the duration's, "(LATAM, 10 mins)", never "(LATAM) (10 mins)"."""
    shown = Span(c.fmt.bracketed_text(duration), "duration") if duration else None
    if not note:
        return line(shown)
    bracketed = _BRACKETED.match(note)
    if bracketed and duration:
        inner = c.fmt.comma_line([Span(bracketed["inner"], "note"), Span(duration, "duration")])
        return c.fmt.bracketed(inner)
    return c.fmt.after(Span(note, "note"), shown)


def _discussion(c: Composer, item: Discussion) -> DiscussionView:
    moderators = tuple(c.people.ref(m) for m in item.moderators)
    text = c.rich(item.text)
    said: Line
    if moderators:
        key = "text_moderated_by" if text is not None else "discussion_moderated_by"
        said = fill(
            c.labels[key],
            text=rich_span(text, "text") if text is not None else None,
            names=_names(c, moderators),
        )
    elif text is not None:
        said = line(rich_span(text, "text"))
    else:
        said = line(Span(c.labels["discussion"], "label"))
    duration = c.fmt.duration(item.duration)
    return DiscussionView(
        text=text,
        moderators=moderators,
        minutes=item.duration,
        duration=duration,
        line=c.fmt.after(said, _aside(c, None, duration)),
    )
