"""The letters are composed when a document first reads them (confdocs.view.deferred): an
outline costs nothing for them, and what reads them sees the tuple it always saw."""

from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import pytest

import confdocs
from confdocs.view import compose
from confdocs.view.deferred import Deferred

from .conftest import HAGUE


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = compose.letters_part

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(compose, "letters_part", counting)
    return calls


def test_an_outline_does_not_compose_the_letters(counted: list[int]) -> None:
    event = confdocs.load_event(HAGUE)
    result = confdocs.build(event, ["md", "html", "docx"])
    assert result.ok and len(result.documents) == 3
    assert counted == []
    letters = confdocs.build(event, ["letters"])
    assert letters.ok and counted == [1]


def test_the_letters_read_as_the_tuple_they_stand_for(counted: list[int]) -> None:
    view = confdocs.prepare_view(confdocs.load_event(HAGUE))
    assert repr(view.letters) == "Deferred(<not composed yet>)"
    letters = view.letters
    assert isinstance(letters, Deferred) and counted == []
    items = tuple(letters)
    assert counted == [1] and len(items) == 46 == len(letters)
    assert letters == items and items == letters.items and letters[0] is items[0]
    assert letters[:2] == items[:2] and hash(letters) == hash(items)
    assert [x.id for x in letters][:2] == ["AR", "BJ"]  # in the order the groups invite them
    assert repr(letters) == repr(items)
    assert pickle.loads(pickle.dumps(letters)) == items
    assert copy.deepcopy(letters) == items
    again = confdocs.prepare_view(confdocs.load_event(HAGUE))
    assert again.letters == view.letters and counted == [1, 1]
    assert counted == [1, 1], "composed once per view, however often read"


def test_composed_once_when_read_from_several_threads() -> None:
    made: list[int] = []
    gate = threading.Barrier(4)

    def make() -> tuple[int, ...]:
        made.append(1)
        return (1, 2, 3)

    deferred: Deferred[int] = Deferred(make)

    def read() -> None:
        gate.wait()
        assert tuple(deferred) == (1, 2, 3)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert made == [1]
    assert Deferred(tuple) == () and not Deferred(tuple)
