"""The programme part: days, slots at their times, sessions, and every line they say."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Contribution, Discussion, Session, Slot
from ..model.codes import country_name
from .labels import Labels
from .lines import Line, Span, fill, line, rich_span
from .links import web_href
from .parts import (
    ContributionView,
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
        # The heading of the day's part of the programme starts with a capital ("Lunes, 15 de
        # junio de 2026: Día 1", "Mardi 18 novembre 2025"); the date itself keeps CLDR's case
        # for the sentences that name it (the changes list: "… (lunes, 10 de marzo …)").
        heading_date = Span(_capitalised(date_text), "date")
        heading = (
            fill(c.labels["day_heading"], date=heading_date, title=day.title)
            if day.title
            else line(heading_date)
        )
        first, last = times.span
        midnight = dt.datetime.combine(day.date, dt.time(0, 0), c.timeline.zone)
        days.append(
            DayView(
                times.index,
                day.date,
                date_text,
                day.title,
                slots,
                heading,
                midnight + dt.timedelta(minutes=first),
                midnight + dt.timedelta(minutes=last),
            )
        )
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
    # "(continuation)" after the title, unless the title says it already (the organiser
    # wrote "Workshops (continuation)").
    suffixed = continuation and not _says_continuation(c, title.plain if title else "")
    heading = c.fmt.after(
        rich_span(title, "title") if title is not None else None,
        Span(labels["continuation"], "continuation") if suffixed else None,
    )
    starts_at = c.timeline.at(t, t.start) if t.start is not None else None
    ends_at = c.timeline.at(t, t.end) if t.end is not None else None
    heading_text = title.plain if title else ""
    key = slot.id or t.path
    # A session's summary says "(continuation)" unless its slot's title does already.
    sessions = tuple(_session(c, t, s, heading_text, suffixed, key) for s in t.sessions)
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
        summary=_with_continuation(c, summary, continuation)
        or _kind_label(labels, slot)
        or _untitled(c),
        place=_slot_place(c, sessions, list(rooms), t),
        is_break=slot.kind in BREAK_KINDS,
        kind_label=_kind_label(labels, slot),
        key=key,
        parallel_line=line(Span(labels["parallel_sessions"], "label")) if slot.parallel else None,
    )


#: Control characters (but tab and new line): no calendar or schedule line may hold them, and a
#: title made only of them is no title.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _says_continuation(c: Composer, title: str) -> bool:
    """Whether ``title`` ends with the document's "(continuation)" already."""
    label = c.labels["continuation"].strip().casefold()
    return bool(label) and title.strip().casefold().endswith(label)


def _with_continuation(c: Composer, title: str, continuation: bool) -> str:
    title = _CONTROLS.sub("", title)
    if not continuation or _says_continuation(c, title):
        return title
    return c.fmt.after(title, c.labels["continuation"]).plain


def _alternatives(labels: Labels, titles: list[str]) -> str:
    """Parallel sessions' titles on one line: "Darknet markets / Child protection"."""
    out = titles[0] if titles else ""
    for title in titles[1:]:
        out = labels.get("alternatives", first=out, second=title)
    return out


def _slot_place(
    c: Composer, sessions: tuple[SessionView, ...], rooms: Sequence[str], t: SlotTime
) -> str:
    """Where a slot is, on one line: "Online" for sessions all held online, the place of
    sessions all held elsewhere (one, or each), else the rooms and the venue."""
    if t.sessions and all(x.session.online for x in t.sessions):
        return c.labels["online"]
    if any(x.session.online or t.slot.place_of(x.session) for x in t.sessions):
        # Held in several kinds of place: each session's, as it says it ("Room A, Palais de
        # l'Europe and Musée, Agora building"), not a place listed beside the venue.
        return c.fmt.join(list(dict.fromkeys(s.place for s in sessions)))
    return c.fmt.comma([*rooms, c.venue_line])


def _untitled(c: Composer) -> str:
    """What a calendar or a schedule calls a slot of kind ``other`` with no title: the
    event's title, in the document's language (the kind's code, "other", leaked into a
    French calendar)."""
    return str(c.event.title)


def _kind_label(labels: Labels, slot: Slot) -> str:
    """The kind as the language calls it; none for ``other`` (a schedule's track said
    "other" beside "Pause-café" and "Séance")."""
    return labels[f"kind_{slot.kind}"]


def _session(
    c: Composer,
    t: SlotTime,
    timed: SessionTime,
    slot_heading: str,
    continuation: bool,
    slot_key: str,
) -> SessionView:
    session: Session = timed.session
    labels = c.labels
    moderators = tuple(c.people.ref(m) for m in session.moderators)
    moderators_line = None
    if moderators:
        key = "moderators" if len(moderators) > 1 else "moderator"
        pattern = labels.variant(key, (m.gender for m in moderators))
        moderators_line = fill(pattern, names=_names(c, moderators))
    venue = c.event.venue
    rooms = {r.id: r for r in venue.rooms}
    in_room = rooms.get(session.room) if session.room else None
    room = in_room.name if in_room else session.room
    online = labels["online"] if session.online else None  # stands where the room would
    # Held elsewhere (a field visit): the place stands where the room and the venue would.
    elsewhere = t.slot.place_of(session)
    place_name = (
        c.fmt.comma([elsewhere.name, elsewhere.address, elsewhere.city]) if elsewhere else ""
    )
    is_slot = isinstance(session, Slot)
    # A blank title is no title (no empty heading line in any format).
    title = None if is_slot or not (session.title or "").strip() else c.rich(session.title)
    contributions = tuple(_contribution(c, item) for item in session.contributions)
    summary = title.plain if title else slot_heading
    if title is not None and slot_heading:
        summary = labels.get("session_of_slot", slot=slot_heading, session=title.plain)
    interpretation = session.interpretation
    if interpretation is None and in_room is not None:
        interpretation = in_room.interpretation
    interpretation_line = None
    if interpretation is not None and tuple(interpretation) != c.event.languages:
        names = [c.fmt.language(code) for code in interpretation]
        interpretation_line = (
            c.labelled("languages", Span(c.fmt.join(names), "languages"))
            if names
            else line(Span(labels["no_interpretation"], "label"))
        )
    url = session.url or (in_room.url if in_room else None)
    link_line = None
    if url and url != venue.url:
        link_line = c.labelled("link", Span(url, "url", href=web_href(url)))
    start = c.fmt.time(_clock(timed.start)) if timed.start is not None else None
    end = c.fmt.time(_clock(timed.end)) if timed.end is not None else None
    session_time = start or ""
    if timed.start is not None and timed.end is not None and timed.end > timed.start:
        session_time = c.fmt.time_range(_clock(timed.start), _clock(timed.end))
    return SessionView(
        index=timed.index,
        path=timed.path,
        room=online or (elsewhere.name if elsewhere else room),
        title=title,
        body=c.rich(session.body),
        moderators=moderators,
        panel=session.panel,
        contributions=contributions,
        discussion=_discussion(c, session.discussion) if session.discussion else None,
        room_line=(
            line(Span(online, "room"))
            if online
            else c.labelled("venue", Span(place_name, "room"))
            if elsewhere
            else c.labelled("room", Span(room, "room"))
            if room
            else None
        ),
        moderators_line=moderators_line,
        panel_line=line(Span(labels["panel"], "label"))
        if session.panel and contributions
        else None,
        summary=_with_continuation(c, summary, continuation)
        or _kind_label(labels, t.slot)
        or _untitled(c),
        place=online or place_name or c.fmt.comma([room, c.venue_line]),
        starts_at=c.timeline.at(t, timed.start) if timed.start is not None else None,
        ends_at=c.timeline.at(t, timed.end) if timed.end is not None else None,
        start=start,
        end=end,
        key=slot_key if is_slot else f"{slot_key}/{_track_key(t, timed)}",
        track=not is_slot,
        time=session_time,
        time_line=c.labelled("time", Span(session_time, "time"))
        if timed.own_end and session_time
        else None,
        interpretation=tuple(c.fmt.language(code) for code in interpretation or ()),
        interpretation_line=interpretation_line,
        url=url,
        link_line=link_line,
    )


def _track_key(t: SlotTime, timed: SessionTime) -> str:
    """A parallel session's part of its key: its room, when no other session of the slot is in
    it (stable when sessions are reordered), else its place in ``parallel``."""
    room = timed.session.room
    if room and sum(1 for other in t.sessions if other.session.room == room) == 1:
        return f"room:{room}"
    return timed.path.rsplit(".", 1)[-1]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clock(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


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
    elif item.delegation and not _names_country(c, item):
        speaker = fill(
            c.labels["delegation"],
            country=Span(c.fmt.country_in_phrase(item.delegation), "country"),
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
    remote = c.labels["remote"] if item.remote else None
    whole = c.fmt.after(whole, _aside(c, item.note, duration, remote))
    return ContributionView(
        people=people,
        delegation=c.country_ref(item.delegation) if item.delegation else None,
        title=title,
        note=item.note,
        minutes=item.duration,
        duration=duration,
        speaker=speaker,
        line=whole,
        remote=item.remote,
    )


def _names_country(c: Composer, item: Contribution) -> bool:
    """Does the contribution's title already name its delegation's country (in the document's
    language or the event's)? Then the line does not say the delegation again. The name
    counts where a word starts with it ("the Costa Rican delegation", "la réforme
    luxembourgeoise"), unless it is part of another country's name there: "Niger" in
    "Nigeria", "Guinée" in "Guinée équatoriale" or "Guinée-Bissau", "Sudan" in "South Sudan",
    "Dominica" in "Dominican Republic"; "Mali" in "Somalie" is inside a word."""
    if not item.title or not item.delegation:
        return False
    title = item.title.casefold()
    settings = c.event.settings
    locales = tuple(dict.fromkeys((c.locale, settings.locale)))
    names = {
        c.fmt.country(item.delegation),
        country_name(item.delegation, settings.locale, settings.country_names),
    }
    for name in filter(None, (n.casefold() for n in names)):
        # Where other countries' names that hold this one stand in the title.
        taken = [
            range(found.start(), found.end())
            for locale in locales
            for other in _names_holding(locale, name)
            for found in re.finditer(re.escape(other), title)
        ]
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}", title):
            if not any(match.start() in span for span in taken):
                return True
    return False


@functools.cache
def _names_holding(locale: str, name: str) -> tuple[str, ...]:
    """The country names of ``locale`` (casefolded) that hold ``name`` and are longer."""
    from ..model.codes import country_names

    return tuple(
        other
        for other in (n.casefold() for n in country_names(locale))
        if name in other and other != name
    )


#: A note written in brackets ("(LATAM)"): its words go into the brackets of the duration.
_BRACKETED = re.compile(r"^\s*\((?P<inner>[^()]*)\)\s*$")


def _aside(
    c: Composer, note: str | None, duration: str | None, remote: str | None = None
) -> Line:
    """What follows who speaks: the note, whether they speak remotely, and the duration, "for
    Europe (10 mins)", "(remotely, 10 mins)"; a note written in brackets shares the others'
    brackets, "(LATAM, 10 mins)", never "(LATAM) (10 mins)"."""
    bracketed = _BRACKETED.match(note) if note else None
    inside = [
        Span(bracketed["inner"], "note") if bracketed else None,
        Span(remote, "remote") if remote else None,
        Span(duration, "duration") if duration else None,
    ]
    parts = [p for p in inside if p is not None]
    if parts == inside[2:] and duration:  # the duration alone: one span, brackets and all
        said = line(Span(c.fmt.bracketed_text(duration), "duration"))
    else:
        said = c.fmt.bracketed(c.fmt.comma_line(parts)) if parts else Line()
    if not note or bracketed:
        return said
    return c.fmt.after(Span(note, "note"), said or None)


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
