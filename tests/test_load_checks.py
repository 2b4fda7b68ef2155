"""Load-time checks beyond references: settings (CLDR patterns, time zones), web addresses,
Markdown nesting and footnotes seen as the view parses them, one Unicode spelling.

The refusals themselves are cases of the bad-input corpus (tests/test_bad_inputs.py); here:
what must still be accepted, and that the loader's Markdown parser agrees with the view's.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path

import pytest

import confdocs
from confdocs.loading import check_event
from confdocs.loading.markdown import _checker, footnote_ids, markdown_problems
from confdocs.loading.settings import pattern_problem
from confdocs.model import Contribution, Day, Event, Note, Person, Programme, Section, Slot
from confdocs.model.codes import time_zone_problem
from confdocs.model.urls import url_problem
from confdocs.view.richtext import parse
from tests.conftest import MINIMAL

DAY = dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    "pattern",
    ["full", "long", "medium", "short", "EEEE d MMMM y", "d/M/yy", "d 'de' MMMM 'de' y",
     "EEE, d MMM", "dd.MM.yyyy", "LLLL y", "QQQ y", "'Day' D 'of' y", "d MMMM y, G"],
)
def test_date_patterns_people_write_are_accepted(pattern: str) -> None:
    assert pattern_problem(pattern, "date") is None


@pytest.mark.parametrize(
    "pattern",
    ["HH:mm", "HH'h'mm", "h:mm a", "H.mm", "h 'o''clock' a", "short", "medium", "HH:mm:ss",
     "hh:mm a", "h:mm B", "K:mm b", "kk:mm"],
)
def test_time_patterns_people_write_are_accepted(pattern: str) -> None:
    assert pattern_problem(pattern, "time") is None


@pytest.mark.parametrize(
    ("pattern", "kind", "fragment"),
    [
        ("full", "time", "carry a time zone name"),  # Babel's "full" time names UTC
        ("HH:mm'", "time", "is not closed"),
        ("", "date", "is empty"),
        ("d MMMMMM y", "date", "the field M takes 1 to 5 letters"),
        ("HH:mm", "date", "is a time field"),
        # A twelve-hour clock without its am/pm: 14:00 would read 02:00.
        ("hh:mm", "time", "'hh' in 'hh:mm' counts the hours from 1 to 12"),
        ("hh:mm", "time", "add a field a ('hh:mm a') or write 'HH' for 0 to 23"),
        ("K'h'mm", "time", "has no am/pm"),
    ],
)
def test_pattern_problems(pattern: str, kind: str, fragment: str) -> None:
    problem = pattern_problem(pattern, kind)
    assert problem is not None and fragment in problem, problem


@pytest.mark.parametrize("zone", ["UTC", "Europe/Amsterdam", "America/Sao_Paulo", "Asia/Kolkata"])
def test_time_zones(zone: str) -> None:
    assert time_zone_problem(zone) is None


def test_a_time_zone_is_one_the_standard_library_lists() -> None:
    """The names tzdata lists are taken at once; every other is judged by
    zoneinfo.available_timezones, so the answer is the same for every name."""
    import zoneinfo

    from confdocs.model.codes import _listed_zones, is_time_zone

    available = zoneinfo.available_timezones()
    assert _listed_zones() <= available
    odd = ["posixrules", "localtime", "Europe", "Europe/", "right/Europe/Paris", "posix/UTC",
           "", "Nowhere/City", "europe/amsterdam", "../zoneinfo/UTC", "Europe//Amsterdam"]
    for name in [*sorted(available), *odd]:
        assert is_time_zone(name) == (name in available), name


@pytest.mark.parametrize(
    "url",
    ["https://www.coe.int/cybercrime", "http://example.org", "mailto:seger@coe.int",
     "HTTPS://EXAMPLE.ORG/A%20B?x=1#y"],
)
def test_good_web_addresses(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("www.coe.int", "start it with https://"),
        ("JavaScript:alert(1)", "javascript: addresses are not allowed"),
        ("vbscript:x", "vbscript:"),
        ("https://a b.org", "holds a space"),
        ("https://x.org/\u202egnp.exe", "holds the character '\\u202e'"),
        ("mailto:nobody", "names no e-mail address"),
    ],
)
def test_bad_web_addresses(url: str, fragment: str) -> None:
    problem = url_problem(url)
    assert problem is not None and fragment in problem, problem


# --- Markdown: as the view parses it ----------------------------------------------------------


def _event(body: str, notes: tuple[Note, ...] = ()) -> Event:
    return Event(id="e", title="T", start=DAY, end=DAY, sections=(Section("s", body=body),),
                 notes=notes)


def test_a_footnote_inside_code_is_code_not_a_reference() -> None:
    for body in ("Write `[^id]` to cite a note.", "```\n[^id]\n```", "    [^id] indented code",
                 "\\[^id] escaped"):
        assert list(markdown_problems(_event(body))) == [], body
    ((path, message),) = list(markdown_problems(_event("A real one[^kosovo] and `[^id]`")))
    assert path == ("sections", 0, "body")
    assert "footnote [^kosovo] names no note" in message


def test_a_footnote_in_code_builds(tmp_path: Path) -> None:
    event = _event("Write `[^id]` to cite a note.")
    assert check_event(event) == []
    view = confdocs.make_view(event)
    assert "[^id]" in view.sections[0].body.plain


def test_the_loader_and_the_view_find_the_same_footnotes() -> None:
    texts = ["a[^x]", "`[^x]`", "[a [^x] b](https://e.org)", "**[^x]**", "[^x][^y]", "~~[^x]~~",
             "<[^x]>", "![alt [^x]](i.png)", "> quote [^x]", "- item [^x]", "[^x y]", "[^]"]
    for text in texts:
        view_ids: list[str] = []

        def number(note_id: str, seen: list[str] = view_ids) -> int:
            seen.append(note_id)
            return len(seen)

        parse(text, number)
        assert list(footnote_ids(_checker().parse(text))) == view_ids, text


def test_the_loader_refuses_exactly_what_the_view_would_lose() -> None:
    """Random block structure: whenever the view would drop the last word, loading refuses;
    what loading accepts, the view shows whole."""
    markers = ["> ", ">", "- ", "1. ", "+ ", "* "]
    filler = ["\n", "  ", "    ", "```\n", "# ", "| a |\n|---|\n| ", "text "]
    rng = random.Random(12)
    refused = 0
    for _ in range(3000):
        parts = [rng.choice(markers) for _ in range(rng.randint(5, 22))]
        for _ in range(rng.randint(0, 3)):
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(filler))
        text = "".join(parts) + " deepword"
        problems = list(markdown_problems(_event(text)))
        if not problems:
            assert "deepword" in parse(text).plain, text
        refused += bool(problems)
    assert refused > 50  # the corpus reached the limit often enough to mean something


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = ">" * 19 + " still here"
    assert list(markdown_problems(_event(text))) == []
    assert "still here" in parse(text).plain
    assert list(markdown_problems(_event(">" + text)))


# --- one Unicode spelling -----------------------------------------------------------------------


def test_text_is_stored_composed(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Séminaire à Bucarest")
    path = tmp_path / "event.yaml"
    path.write_text(f"id: e\ntitle: {decomposed}\nstart: 2024-03-12\nend: 2024-03-12\n", "utf-8")
    assert confdocs.load_event(path).title == "Séminaire à Bucarest"


def test_a_reference_in_another_unicode_form_says_so() -> None:
    """Events made in code skip loading's composition: the message says what differs."""
    composed, decomposed = "café", unicodedata.normalize("NFD", "café")
    event = Event(
        id="e", title="T", start=DAY, end=DAY,
        people=(Person(composed, "Jane", "Doe"),),
        programme=Programme((Day(DAY, (Slot(start=dt.time(9), title="x",
                                            contributions=(Contribution(people=(decomposed,)),)),)),)),
    )
    messages = [p.message for p in check_event(event)]
    assert any("its accents are encoded differently (Unicode normalisation)" in m for m in messages)
    assert not any("did you mean" in m for m in messages)


def test_a_text_of_more_markup_than_a_parse_can_hold_is_refused_at_its_field(
    tmp_path, monkeypatch
):
    import confdocs
    from confdocs.errors import InputError

    monkeypatch.setenv("CONFDOCS_MAX_MARKDOWN_MARKS", "1000")
    from .conftest import MINIMAL

    text = MINIMAL.read_text(encoding="utf-8")
    path = tmp_path / "event.yaml"
    path.write_text(text + "\nnotes:\n  - id: n\n    text: '" + "*a **" * 400 + "'\n")
    with pytest.raises(InputError) as caught:
        confdocs.load_event(path)
    (problem,) = caught.value.problems
    assert problem.location.path == "notes[0].text"
    assert "1,200 characters of this text may open Markdown markup" in problem.message
    # A long text of plain words is not counted, whatever its length.
    path.write_text(text + "\nnotes:\n  - id: n\n    text: '" + "plain words " * 400 + "'\n")
    confdocs.load_event(path)


def test_a_twelve_hour_clock_without_am_pm_is_refused_where_it_is_written(tmp_path: Path) -> None:
    """The trial's event printed the 14:00 session at 02:00 and the 19:30 one at 07:30."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace('time_format: "HH:mm"', 'time_format: "hh:mm"')
    assert 'time_format: "hh:mm"' in text
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "time_format: " in x)
    with pytest.raises(confdocs.InputError) as caught:
        confdocs.load_event(path)
    message = str(caught.value)
    assert f"event.yaml:{line}:" in message and "settings.time_format" in message, message
    assert "14:00 would print as 02:00" in message
