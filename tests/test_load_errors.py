"""Issue 2's bad inputs, through the CLI: exit 2, file:line:col and the path, no traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

GOOD = """\
id: demo
title: Demo
start: 2024-05-06
end: 2024-05-06
people:
  - {id: ana, given_name: Ana, family_name: Lima}
programme:
  days:
    - date: 2024-05-06
      slots:
        - start: 09:00
          title: Opening
          contributions:
            - people: [ana]
              duration: 10
"""

CASES = {
    # name: (file text, expected (line, column) or None, fragment of the message, path or "")
    "malformed-yaml": ("id: demo\ntitle: [unclosed\n", (3, 1), "invalid YAML", ""),
    "tab-indent": (GOOD.replace("  - {id: ana", "\t- {id: ana"), (6, 1), "tabs cannot indent", ""),
    "key-indented-too-little": (
        GOOD.replace("          title: Opening", "         title: Opening"),
        (12, 10),
        "did not find expected '-' indicator (is this line indented as the lines above it?)",
        "programme.days[0].slots",
    ),
    "contribution-key-indented-too-little": (
        GOOD.replace("              duration: 10", "             duration: 10"),
        (15, 14),
        "is this line indented as the lines above it?",
        "programme.days[0].slots[0].contributions",
    ),
    "unknown-key": (
        GOOD.replace("title: Opening", "titel: Opening"),
        (12, 11),
        "unknown key 'titel' (did you mean 'title'?)",
        "programme.days[0].slots[0].titel",
    ),
    "wrong-type": (
        GOOD.replace("duration: 10", "duration: [10]"),
        (15, 25),
        "not a duration",
        "programme.days[0].slots[0].contributions[0].duration",
    ),
    "unknown-reference": (
        GOOD.replace("people: [ana]", "people: [anna]"),
        (14, 24),
        "unknown person 'anna' (did you mean 'ana'?)",
        "programme.days[0].slots[0].contributions[0].people[0]",
    ),
    "bad-time": (
        GOOD.replace("start: 09:00", "start: 25h00"),
        (11, 18),
        "'25h00' is not a time of day",
        "programme.days[0].slots[0].start",
    ),
    "bad-date": (
        GOOD.replace("start: 2024-05-06", "start: 2024-02-30"),
        (3, 8),
        "'2024-02-30' is not a date",
        "start",
    ),
    "empty": ("", (1, 1), "event file is empty", ""),
    "only-comments": ("# nothing yet\n", (1, 1), "event file is empty", ""),
    "missing-required": (
        GOOD.replace("title: Demo\n", ""),
        (1, 1),
        "missing required key 'title'",
        "title",
    ),
    "bad-kind": (
        GOOD.replace("title: Opening", "title: Opening\n          kind: lunch"),
        (13, 17),
        "'lunch' is not allowed here",
        "programme.days[0].slots[0].kind",
    ),
    "internal-field-the-view-cannot-hide": (
        GOOD.replace("family_name: Lima}", "family_name: Lima, internal: [country]}"),
        (6, 61),
        "'country' cannot be marked internal; these can: city, email, mobile, office, phone, position",
        "people[0].internal",
    ),
    "bad-country": (
        GOOD.replace("family_name: Lima}", "family_name: Lima, country: KO}"),
        (6, 60),
        "Kosovo is XK",
        "people[0].country",
    ),
}


def _write(tmp_path: Path, text: str, name: str = "event.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_event_exits_2_with_place(case: str, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    text, position, fragment, path = CASES[case]
    event = _write(tmp_path, text)
    out = tmp_path / "out"
    result = run_cli("build", str(event), "--output-dir", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr
    first = result.stderr.splitlines()[0]
    if position is not None:
        assert first.startswith(f"{event}:{position[0]}:{position[1]}"), first
    if path:
        assert f": {path}: " in first, first
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "old, new, place, key, without",
    [
        ("title: Demo", "titel: Demo", "2:1: titel", "title", ("title: Demo\n", "")),
        ("- date: 2024-05-06", "- dte: 2024-05-06", "9:7: programme.days[0].dte", "date",
         ("- date: 2024-05-06\n      slots:", "- slots:")),
    ],
)
def test_a_misspelt_required_key_is_one_mistake(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_cli, old: str, new: str, place: str, key: str, without: tuple[str, str]
) -> None:
    """``titel:`` is said once, at the misspelling, not also as a missing ``title``."""
    event = _write(tmp_path, GOOD.replace(old, new))
    result = run_cli("check", str(event))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"{event}:{place}: unknown key "), lines[0]
    assert f"(did you mean {key!r}?)" in lines[0]
    assert lines[1] == "confdocs: 1 problem in the input"  # check writes nothing anyway
    # A required key missing with no misspelling beside it is still said.
    assert without[0] in GOOD
    alone = _write(tmp_path, GOOD.replace(*without))
    said = run_cli("check", str(alone)).stderr
    assert f"missing required key {key!r}" in said



@pytest.mark.parametrize(
    "mistakes",
    [
        # Structuring's mistakes: cattrs finds nested ones before the top-level unknown key.
        [("title: Demo", "titel: Demo"), ("end: 2024-05-06", "end: 2024-13-06"),
         ("given_name: Ana", "given_nam: Ana"), ("duration: 10", "duration: [10]")],
        # The reference checks' mistakes, found in the model's order: here the people come
        # last in the file, and their country was said first.
        [("people:\n  - {id: ana, given_name: Ana, family_name: Lima}\n", ""),
         ("duration: 10\n", "duration: 10\npeople:\n  - {id: ana, given_name: A, family_name: L, country: XX}\n"),
         ("people: [ana]", "people: [anna]"),
         ("title: Opening", "title: Opening\n          moderators: [bob]")],
    ],
    ids=["structuring", "references"],
)
def test_mistakes_are_listed_from_the_top_of_the_file(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_cli, mistakes: list[tuple[str, str]]
) -> None:
    text = GOOD
    for old, new in mistakes:
        assert old in text
        text = text.replace(old, new, 1)
    event = _write(tmp_path, text)
    result = run_cli("check", str(event))
    assert result.returncode == 2
    places = [
        (int(m.group(1)), int(m.group(2)))
        for m in re.finditer(rf"^{re.escape(str(event))}:(\d+):(\d+): ", result.stderr, re.M)
    ]
    assert len(places) >= 3, result.stderr
    assert places == sorted(places), result.stderr
def test_good_event_builds(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    event = _write(tmp_path, GOOD)
    result = run_cli("check", str(event))
    assert result.returncode == 0, result.stderr


def test_include_cycle(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path, "include: [b.yaml]\npeople: []\n", "a.yaml")
    _write(tmp_path, "include: [a.yaml]\n", "b.yaml")
    event = _write(
        tmp_path,
        "include: [a.yaml]\n"
        + GOOD.replace("people:\n  - {id: ana, given_name: Ana, family_name: Lima}\n", ""),
    )
    result = run_cli("check", str(event))
    assert result.returncode == 2
    assert "include cycle: a.yaml → b.yaml → a.yaml" in result.stderr
    assert re.match(
        rf"{re.escape(str(tmp_path / 'b.yaml'))}:1:11: include\[0\]: ", result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


def test_missing_include(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    event = _write(tmp_path, "include: [catalog/people.yaml]\n" + GOOD)
    result = run_cli("check", str(event))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"{event}:1:11: include[0]: included file 'catalog/people.yaml' not found"
    )


def test_include_outside_folder_refused(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "shared").mkdir()
    (tmp_path / "event").mkdir()
    _write(tmp_path / "shared", "people: []\n", "people.yaml")
    event = _write(tmp_path / "event", "include: [../shared/people.yaml]\n" + GOOD)
    result = run_cli("check", str(event))
    assert result.returncode == 2
    assert "leaves the event's folder" in result.stderr
    # Naming the folder as a catalog allows it.
    allowed = run_cli("check", str(event), "--catalog", str(tmp_path / "shared"))
    assert allowed.returncode == 0, allowed.stderr


def test_error_in_included_file_names_that_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _write(
        tmp_path,
        "people:\n  - id: bo\n    given_name: Bo\n    family_name: Li\n    organisation: nowhere\n",
        "people.yaml",
    )
    event = _write(tmp_path, "include: [people.yaml]\n" + GOOD)
    result = run_cli("check", str(event))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"{tmp_path / 'people.yaml'}:5:19: people[0].organisation: unknown organisation 'nowhere'"
    )


def test_missing_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path / 'nope.yaml'}: event file not found")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "where", "fragment"),
    [
        ("event.toml", 'id = "demo"\ntitle = \n', ":2:9", "invalid TOML"),
        ("event.json", '{"id": "demo",\n "title": }', ":2:11", "invalid JSON"),
        ("event.json", '{"id": "demo", "id": "x"}', ":1:16", "duplicate key 'id'"),
        ("event.yaml", "id: demo\nid: other\n", ":2:1", "duplicate key 'id'"),
    ],
)
def test_other_formats_and_duplicates(
    tmp_path: Path, run_cli, name: str, text: str, where: str, fragment: str
) -> None:  # type: ignore[no-untyped-def]
    event = _write(tmp_path, text, name)
    result = run_cli("check", str(event))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{event}{where}: "), result.stderr
    assert fragment in result.stderr


def test_toml_and_json_load_like_yaml(tmp_path: Path) -> None:
    import json
    import tomllib  # noqa: F401  (the TOML form is written by hand below)

    import yaml

    import confdocs

    data = yaml.safe_load(GOOD.replace("09:00", '"09:00"'))
    data["start"] = data["end"] = "2024-05-06"
    data["programme"]["days"][0]["date"] = "2024-05-06"
    (tmp_path / "e.json").write_text(json.dumps(data))
    from_yaml = confdocs.load_event(_write(tmp_path, GOOD))
    assert confdocs.load_event(tmp_path / "e.json") == from_yaml
    toml = """id = "demo"
title = "Demo"
start = 2024-05-06
end = 2024-05-06
[[people]]
id = "ana"
given_name = "Ana"
family_name = "Lima"
[[programme.days]]
date = 2024-05-06
[[programme.days.slots]]
start = "09:00"
title = "Opening"
[[programme.days.slots.contributions]]
people = ["ana"]
duration = 10
"""
    assert confdocs.load_event(_write(tmp_path, toml, "e.toml")) == from_yaml


def test_toml_error_is_located_by_key(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    toml = 'id = "demo"\ntitle = "Demo"\nstart = 2024-05-06\nend = 2024-05-06\nkind = 5\nvenue = { cty = "x" }\n'
    result = run_cli("check", str(_write(tmp_path, toml, "e.toml")))
    assert result.returncode == 2
    assert f"{tmp_path / 'e.toml'}:6:" in result.stderr
    assert "unknown key 'cty'" in result.stderr


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("America/SantoDomingo", "(did you mean America/Santo_Domingo?)"),
        ("Lima", "(did you mean America/Lima?)"),  # a city alone; not "Libya"
        ("GMT+2", "an offset is not one"),  # never "GMT+0", hours away
        ("UTC+1", "an offset is not one"),
    ],
)
def test_a_time_zone_mistake_is_told_only_what_it_surely_meant(given: str, said: str) -> None:
    from confdocs.model.codes import time_zone_problem

    problem = time_zone_problem(given)
    assert problem is not None and said in problem
    assert "GMT+0" not in problem and "Libya" not in problem and "(did you mean UTC?)" not in problem


def test_an_unknown_key_is_told_only_a_close_spelling(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    text = GOOD + "contacts:\n  - {organisaton: x, role: y}\n"
    said = run_cli("check", str(_write(tmp_path, text))).stderr
    assert "unknown key 'organisaton' (did you mean 'organisation'?)" in said
    assert "unknown key 'role'; allowed: organisation, people, label" in said


@pytest.mark.parametrize(
    ("typed", "meant"), [("given", "given_name"), ("mob", "mobile"), ("positon", "position")]
)
def test_a_short_spelling_of_a_key_is_told_the_key(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_cli, typed: str, meant: str
) -> None:
    text = GOOD.replace("given_name: Ana, ", f"given_name: Ana, {typed}: x, ")
    said = run_cli("check", str(_write(tmp_path, text))).stderr
    assert f"unknown key {typed!r} (did you mean {meant!r}?)" in said, said


ROOT = Path(__file__).resolve().parent.parent


def test_every_mistake_of_a_file_is_told_at_once(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A value that cannot be read ("75 minutos") and the mistakes found only once the event
    is made (an unknown person) are one report: a trial took four runs to see its five
    mistakes. A consequence of a value left out (a slot with no start once its
    all_day is refused) is not told."""
    text = (ROOT / "examples" / "minimal" / "event.yaml").read_text("utf-8")
    text = text.replace("duration: 30 mins\n", "duration: 75 minutos\n", 1)
    text = text.replace("moderators: [doe]", "moderators: [dough]", 1)
    text = text.replace("kind: break ", "kind: break\n          colour: blue ", 1)
    event = tmp_path / "event.yaml"
    event.write_text(text, "utf-8")
    result = run_cli("check", str(event))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "confdocs: 3 problems in the input", result.stderr
    said = "\n".join(lines)
    for fragment in (
        "slots[0].contributions[0].duration: '75 minutos' is not a duration",
        "slots[1].colour: unknown key 'colour'",
        "slots[2].moderators[0]: unknown person or organisation 'dough'",
    ):
        assert fragment in said, said
    rows = [int(line.split(":")[1]) for line in lines[:-1]]
    assert rows == sorted(rows), "in reading order"
    # A required key missing: the event cannot be made without it, so only what was found.
    missing = text.replace("title: Workshop on electronic evidence\n", "", 1)
    event.write_text(missing, "utf-8")
    result = run_cli("check", str(event))
    assert "missing required key 'title'" in result.stderr
    assert "unknown person" not in result.stderr


def test_a_setting_refused_is_told_alone(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """The rest of the file is read by its settings: `languages: 5` is the one problem, not
    a hundred texts "in several languages without settings.languages" (a review found it)."""
    shutil.copytree(ROOT / "examples" / "tunis-2025", tmp_path / "tunis")
    event = tmp_path / "tunis" / "event.yaml"
    text = event.read_text("utf-8")
    assert "\n  languages: [fr, ar]" in text
    event.write_text(text.replace("\n  languages: [fr, ar]", "\n  languages: 5", 1), "utf-8")
    result = run_cli("check", str(event))
    assert result.stderr.strip().splitlines()[-1] == "confdocs: 1 problem in the input"
    assert "settings.languages: expected a list, got 5" in result.stderr


def test_a_speaker_unknown_beside_a_refused_duration_is_told(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Only the object a value was left out of, and its own fields, are not checked again: a
    speaker of its list is (`people[1]: unknown person` with `duration: 75 minutos`)."""
    text = (ROOT / "examples" / "minimal" / "event.yaml").read_text("utf-8")
    text = text.replace(
        "            - people: [doe]\n              duration: 30 mins\n",
        "            - people: [doe, nobody]\n              duration: 75 minutos\n",
        1,
    )
    event = tmp_path / "event.yaml"
    event.write_text(text, "utf-8")
    result = run_cli("check", str(event))
    assert "contributions[0].duration: '75 minutos' is not a duration" in result.stderr
    assert "contributions[0].people[1]: unknown person" in result.stderr
