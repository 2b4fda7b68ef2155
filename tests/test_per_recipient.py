"""The shape of a document per recipient, as building.py handles it for any plugin: one file, or
one file each with their ids in the names; ids checked by the one id rule and kept apart; no
recipients, nothing written; a plugin's mistakes are its own, named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest

import confdocs
from confdocs import hookimpl
from confdocs.model import Event

DAY = dt.date(2024, 3, 12)
EVENT = Event(id="demo", title="Demo", start=DAY, end=DAY)


@attrs.frozen
class Someone:
    id: str


class Cards:
    name = "cards"
    suffix = "cards.txt"
    media_type = "text/plain"
    description = "A card per recipient"

    def __init__(self, ids: list[Any], result: Any = None) -> None:
        self.ids = ids
        self.result = result
        self.calls: list[list[str]] = []

    def recipients(self, view: Any) -> list[Someone]:
        return [Someone(i) for i in self.ids]

    def render_recipients(self, view: Any, recipients: Any, options: Any) -> Any:
        self.calls.append([r.id for r in recipients])
        if self.result is not None:
            return self.result
        return "\f".join(f"{view.title}: {r.id}" for r in recipients).encode()


def host_with(exporter: Any) -> Any:
    class Plugin:
        @hookimpl
        def confdocs_register_exporters(self, register: Any) -> None:
            register(exporter)

    return confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Plugin()])


def test_one_file_with_every_recipient_or_one_file_each(tmp_path: Path) -> None:
    cards = Cards(["ana", "ben"])
    host = host_with(cards)
    [together] = confdocs.build(EVENT, ["cards"], plugins=host).documents
    assert (together.filename, together.recipient) == ("demo.cards.txt", None)
    assert together.data == b"Demo: ana\fDemo: ben"
    each = confdocs.build(EVENT, ["cards"], plugins=host, each=True).documents
    assert [(d.filename, d.recipient, d.data) for d in each] == [
        ("demo.ana.cards.txt", "ana", b"Demo: ana"),
        ("demo.ben.cards.txt", "ben", b"Demo: ben"),
    ]
    assert cards.calls == [["ana", "ben"], ["ana"], ["ben"]]
    written = confdocs.write_documents(each, tmp_path)
    assert [p.name for p in written] == ["demo.ana.cards.txt", "demo.ben.cards.txt"]
    assert all(p.parent == tmp_path for p in written)


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["../etc"], "recipients(): '../etc' is not a valid recipient id"),
        (["a/b"], "it holds '/'"),
        (["nul"], "a name Windows reserves"),
        ([""], "the recipient id is empty"),
        ([7], "a recipient has no text id"),
        (["Ana", "ana"], "two recipients have the id 'ana' ('Ana'); their files would be one"),
    ],
)
def test_a_recipient_id_that_would_not_be_a_safe_file_is_the_plugins_fault(
    ids: list[Any], message: str
) -> None:
    result = confdocs.build(EVENT, ["cards"], plugins=host_with(Cards(ids)), each=True)
    assert result.documents == ()
    [failure] = result.failures
    assert message in str(failure) and "format 'cards'" in str(failure)


def test_no_recipients_write_nothing_and_say_so() -> None:
    result = confdocs.build(EVENT, ["cards"], plugins=host_with(Cards([])))
    assert result.ok and result.documents == ()
    assert [str(s) for s in result.skipped] == ["format 'cards' has no recipients"]


def test_render_recipients_must_return_bytes() -> None:
    result = confdocs.build(EVENT, ["cards"], plugins=host_with(Cards(["a"], result="text")))
    [failure] = result.failures
    assert "render_recipients() returned str, not bytes" in str(failure)


def test_an_exporter_needs_render_or_the_two_recipient_methods() -> None:
    class Half:
        name = "half"
        suffix = "half.txt"
        media_type = "text/plain"
        description = "recipients but no render_recipients"

        def recipients(self, view: Any) -> list[Any]:
            return []

    host = host_with(Half())
    assert "half" not in host.exporters()
    [failure] = host.failures
    assert "recipients(view) and render_recipients(view, recipients, options)" in str(failure)


def test_the_longest_names_stay_portable(tmp_path: Path) -> None:
    """An event id and a recipient id of 100 characters each and a 40-character suffix make a
    file name of 242 characters: within the 255 every common file system allows."""
    event = attrs.evolve(EVENT, id="e" * 100)
    cards = Cards(["r" * 100])
    cards.suffix = "s" * 36 + ".txt"
    [doc] = confdocs.build(event, ["cards"], plugins=host_with(cards), each=True).documents
    assert len(doc.filename) == 242
    [path] = confdocs.write_documents([doc], tmp_path)
    assert path.read_bytes() == b"Demo: " + b"r" * 100
