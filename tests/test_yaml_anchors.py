"""Loading skips the alias-bomb checks of a YAML text that cannot hold an anchor
(confdocs.loading.sources._ANCHOR): every text in which YAML repeats a value matches it."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs.loading.sources import _ANCHOR

from .conftest import HAGUE, MINIMAL

#: Values a line of a document may hold: anchors, aliases (some to nothing), and text that
#: only looks like them.
VALUES = st.sampled_from(
    ["&a 1", "*a", "&b [1, 2]", "*b", "[*a, *b]", "{q: *a}", "&c {q: x}", "*c", "Q&A", "x & y",
     "'&a'", '"*a"', "a*b", "&\u00e9 1", "*\u00e9", "!!str &d x", "*d", "&e", "*e", "x"]
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A mapping or a sequence of such values, one a line."""
    anchors = draw(st.lists(st.sampled_from(["&a 1", "&b [1, 2]", "&c {q: x}", "&e"]), max_size=3))
    values = anchors + draw(st.lists(VALUES, min_size=1, max_size=8))
    if draw(st.booleans()):
        return "".join(f"- {v}\n" for v in values)
    return "".join(f"k{i}: {v}\n" for i, v in enumerate(values))


def shared_nodes(text: str) -> bool:
    """Does the composed document hold a node twice (an alias)?"""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current.value, list):
            for item in current.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(documents())
def test_a_text_without_an_anchor_repeats_no_value(text: str) -> None:
    try:
        repeated = shared_nodes(text)
    except (yaml.YAMLError, RecursionError):
        return
    if repeated:
        assert _ANCHOR.search(text), text


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.integers() | st.text(max_size=5), lambda c: st.lists(c, max_size=3), max_leaves=8))
def test_what_yaml_writes_with_aliases_has_an_anchor(value: Any) -> None:
    shared = [value, value]  # PyYAML writes the second as an alias of the first
    text = yaml.safe_dump(shared)
    if shared_nodes(text):
        assert _ANCHOR.search(text), text


def test_an_event_with_emphasis_and_ampersands_loads_and_a_bomb_is_still_refused(
    tmp_path: Any,
) -> None:
    assert "*" in HAGUE.read_text(encoding="utf-8")
    assert not _ANCHOR.search(HAGUE.read_text(encoding="utf-8"))
    text = MINIMAL.read_text(encoding="utf-8")
    event = tmp_path / "event.yaml"
    event.write_text(
        text.replace("title: Workshop", "title: Q & A *and* Workshop", 1), encoding="utf-8"
    )
    assert confdocs.load_event(event).title.startswith("Q & A *and* ")
    bomb = tmp_path / "bomb.yaml"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f", *{chr(97 + i)}" * 9 + "]"
              for i in range(7)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        confdocs.load_event(bomb)
    except confdocs.InputError as exc:
        assert "alias bomb" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("the bomb loaded")
