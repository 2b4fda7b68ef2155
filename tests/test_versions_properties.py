"""Properties of the change list: for any event and any edit of it, applying the changes
(objects or their JSON) to the old version gives the new one, and the list is empty exactly
when the two are equal; describing and composing never fail on a valid pair."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs.diff import apply_changes, diff_events
from confdocs.loading import check_event

from .strategies import edits, events

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def applies(old: Any, new: Any) -> list[Any]:
    changes = diff_events(old, new)
    assert apply_changes(old, changes) == new
    as_json = json.loads(json.dumps([c.to_json() for c in changes], ensure_ascii=False))
    assert apply_changes(old, as_json) == new
    assert (changes == []) == (old == new)
    return changes


@FAST
@given(edits())
def test_the_change_list_of_any_edit_makes_the_new_version(pair: Any) -> None:
    old, new = pair
    applies(old, new)
    assert diff_events(old, old) == [] and diff_events(new, new) == []
    applies(new, old)  # and back


@FAST
@given(events(), events())
def test_any_two_events(old: Any, new: Any) -> None:
    applies(old, new)


@FAST
@given(events(), st.data())
def test_one_field_changed_is_one_change_there(event: Any, data: st.DataObject) -> None:
    """A single edit of a leaf is exactly one change, at that place."""
    field = data.draw(st.sampled_from(["title", "kind", "end", "languages", "settings"]))
    if field == "title":
        new = attrs.evolve(event, title=event.title + "!")
        where = "title"
    elif field == "kind":
        new = attrs.evolve(event, kind="workshop" if event.kind != "workshop" else "seminar")
        where = "kind"
    elif field == "end":
        new = attrs.evolve(event, end=event.end.replace(year=event.end.year + 1))
        where = "end"
    elif field == "languages":
        new = attrs.evolve(event, languages=(*event.languages, "ar"))
        where = f"languages[{len(event.languages)}]"
    else:
        new = attrs.evolve(event, settings=attrs.evolve(event.settings, time_format="HH'h'mm"))
        where = "settings.time_format"
    [change] = applies(event, new)
    assert change.where == where or change.where == where.rpartition(".")[0] or change.where == ""


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(edits())
def test_every_change_of_a_valid_pair_is_described(pair: Any) -> None:
    old, new = pair
    if check_event(new):
        return
    result = confdocs.compare(old, new)
    assert len(result.view.changes.items) == len(result.changes)
    for change, item in zip(result.changes, result.view.changes.items, strict=True):
        assert item.kind == change.kind
        assert item.line.plain.strip(), (change, item)
        # Every placeholder of the catalog's pattern was filled.
        pattern = [span.text for span in item.line if span.role == "label"]
        assert not any(re.search(r"\{\w+\}", text) for text in pattern), (change, item)
    assert result.view.tracked is not None
