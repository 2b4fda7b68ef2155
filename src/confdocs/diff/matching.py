"""Which item of the old version is which item of the new one.

Things with an id are the same thing when their ids are: a person renamed is one person whose
name changed. Slots seldom have ids, so a slot is matched by its id, else by its kind and title
(repeated titles, such as "Coffee break", in order within a day), else by a title close enough
or the same place in the same day. Contributions are matched by who speaks on what, and where
that changed, by their place in the session, so a new speaker in an old place is a replacement.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from ..model import Contribution, Day, Session, Slot
from ..model.units import minutes_of

T = TypeVar("T")
Pair = tuple[int, int]


def by_key(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable]) -> list[Pair]:
    """Items whose keys are equal (as ids are); a key given twice on both sides pairs its
    first with the first, its second with the second."""
    where: dict[Hashable, list[int]] = {}
    for j, item in enumerate(new):
        where.setdefault(key(item), []).append(j)
    pairs = []
    for i, item in enumerate(old):
        places = where.get(key(item))
        if places:
            pairs.append((i, places.pop(0)))
    return pairs


def in_order(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], Hashable],
    pair_replaced: bool = True,
) -> list[Pair]:
    """Items matched by key in order (keys may repeat); with ``pair_replaced``, the items of a
    replaced stretch are paired by place (a new speaker where an old one was)."""
    matcher = difflib.SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new], False)
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and pair_replaced):
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=False))
    return pairs


def kept(pairs: Sequence[Pair]) -> set[Pair]:
    """The pairs that stay in place: the longest run in the same order on both sides (the
    others moved)."""
    ordered = sorted(pairs, key=lambda p: p[1])
    # Longest increasing subsequence of the old indexes, by patience sorting.
    tails: list[int] = []
    tail_at: list[int] = []
    previous: list[int] = [-1] * len(ordered)
    for n, (i, _) in enumerate(ordered):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < i:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(i)
            tail_at.append(n)
        else:
            tails[lo] = i
            tail_at[lo] = n
        previous[n] = tail_at[lo - 1] if lo else -1
    out: set[Pair] = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.add(ordered[n])
        n = previous[n]
    return out


def days(old: Sequence[Day], new: Sequence[Day]) -> list[Pair]:
    """Days by date; days left over on both sides paired in order (the event moved)."""
    pairs = by_key(old, new, lambda d: d.date)
    left_old = [i for i in range(len(old)) if i not in {p[0] for p in pairs}]
    left_new = [j for j in range(len(new)) if j not in {p[1] for p in pairs}]
    pairs.extend(zip(left_old, left_new, strict=False))
    return sorted(pairs)


SlotAt = tuple[int, int]


def _title(slot: Session) -> str:
    return " ".join((slot.title or "").split()).casefold()


def slots(
    old: Sequence[tuple[SlotAt, Slot]],
    new: Sequence[tuple[SlotAt, Slot]],
    day_pairs: dict[int, int],
) -> list[tuple[SlotAt, SlotAt]]:
    """Slots of the whole programme, each given with its (day, index); only slots of days
    matched with each other (``day_pairs``: old day → new day) can be the same slot."""
    found: list[tuple[SlotAt, SlotAt]] = []
    taken_old: set[SlotAt] = set()
    taken_new: set[SlotAt] = set()

    def take(a: SlotAt, b: SlotAt) -> None:
        found.append((a, b))
        taken_old.add(a)
        taken_new.add(b)

    candidates_old = [(at, s) for at, s in old if at[0] in day_pairs]
    matched_days = set(day_pairs.values())
    candidates_new = [(at, s) for at, s in new if at[0] in matched_days]
    # 1. Ids.
    new_ids = {s.id: at for at, s in candidates_new if s.id}
    for at, s in candidates_old:
        if s.id and s.id in new_ids:
            take(at, new_ids[s.id])
    # 2. Kind and title, repeated titles in order: within the same day first, then anywhere.
    for same_day in (True, False):
        groups: dict[tuple[str, str], list[SlotAt]] = {}
        for at, s in candidates_new:
            if at not in taken_new and (s.title or s.kind != "session"):
                groups.setdefault((s.kind, _title(s)), []).append(at)
        for at, s in candidates_old:
            if at in taken_old or not (s.title or s.kind != "session"):
                continue
            options = groups.get((s.kind, _title(s)), [])
            if same_day:
                options = [b for b in options if b[0] == day_pairs[at[0]]]
            options = [b for b in options if b not in taken_new]
            if options:
                take(at, options[0])
    # 3. A title close enough, or the same start in the same day: best pairs first. Slots
    # left over are compared within their days, and across days only when few are left
    # (every pair is compared: a programme rewritten from end to end would take long).
    left_old = [(a, s) for a, s in candidates_old if a not in taken_old]
    left_new = [(b, t) for b, t in candidates_new if b not in taken_new]
    across = len(left_old) * len(left_new) <= ACROSS_DAYS
    scored: list[tuple[float, SlotAt, SlotAt]] = []
    for a, s in left_old:
        for b, t in left_new:
            same_day = day_pairs[a[0]] == b[0]
            if not (same_day or across):
                continue
            score = _likeness(s, t, same_day)
            if score >= 0.6:
                scored.append((score, a, b))
    for _score, a, b in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if a not in taken_old and b not in taken_new:
            take(a, b)
    return sorted(found)


#: Slots left unmatched on both sides (their product) up to which they are compared across days.
ACROSS_DAYS = 2_500


def _likeness(old: Slot, new: Slot, same_day: bool) -> float:
    title = 0.0
    if old.title or new.title:
        matcher = difflib.SequenceMatcher(None, _title(old), _title(new), False)
        # The cheap upper bounds first: most pairs are not alike at all.
        if matcher.real_quick_ratio() >= 0.35 and matcher.quick_ratio() >= 0.35:
            title = matcher.ratio()
    same_time = (
        same_day
        and old.start is not None
        and new.start is not None
        and abs(minutes_of(old.start) - minutes_of(new.start)) <= 15
    )
    speakers_old = {p for c in old.contributions for p in c.people}
    speakers_new = {p for c in new.contributions for p in c.people}
    shared = len(speakers_old & speakers_new) / max(len(speakers_old | speakers_new), 1)
    score = title
    if same_time and old.kind == new.kind:
        score = max(score, 0.7)
    return score + 0.2 * shared + (0.05 if same_day else 0.0)


def contribution_key(item: Contribution) -> Hashable:
    return (item.people, item.delegation, item.title)


def session_key(item: Session) -> Hashable:
    return item.room or _title(item)


def similar_text(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old, new, False).ratio()


def any_key(item: Any) -> Hashable:
    return item if isinstance(item, Hashable) else repr(item)


Programme = tuple[list[Pair], list[tuple[SlotAt, SlotAt]], set[tuple[SlotAt, SlotAt]]]


@functools.lru_cache(maxsize=4)
def programme(old: tuple[Day, ...], new: tuple[Day, ...]) -> Programme:
    """The days matched, the slots matched (each as (day, index) in its version), and which
    slot pairs stay in place: in days matched with each other, in the same order. Kept for
    the last few pairs of programmes: the comparison and the tracked document both ask."""
    day_pairs = days(old, new)
    by_day = dict(day_pairs)
    slot_pairs = slots(
        [((d, s), slot) for d, day in enumerate(old) for s, slot in enumerate(day.slots)],
        [((d, s), slot) for d, day in enumerate(new) for s, slot in enumerate(day.slots)],
        by_day,
    )
    in_day: dict[tuple[int, int], list[Pair]] = {}
    for (od, os_), (nd, ns) in slot_pairs:
        if by_day.get(od) == nd:
            in_day.setdefault((od, nd), []).append((os_, ns))
    staying = {((od, i), (nd, j)) for (od, nd), pairs in in_day.items() for i, j in kept(pairs)}
    return day_pairs, slot_pairs, staying
