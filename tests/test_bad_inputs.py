"""The bad-input corpus: every file in tests/bad_inputs/ is refused with one clear message.

Each case runs through the command line (in this process, through click's runner, to stay fast;
a few through real subprocesses): ``confdocs build FILE -o DIR`` and ``confdocs check FILE`` for
event files, ``confdocs check MINIMAL -r FILE`` for registrations. Each must exit 2, print one
problem naming the file (``file:line:col`` where a position exists) and the expected words, print
no traceback and write nothing.

A new file in the corpus must be added to CASES (a test fails otherwise).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from confdocs.cli import cli

from .conftest import MINIMAL, ROOT

CORPUS = ROOT / "tests" / "bad_inputs"

#: file (relative to the corpus) → (where: "line:col", "line", "" or "other/file:line:col";
#: a fragment of the message).
CASES: dict[str, tuple[str, str]] = {
    # --- syntax
    "yaml_unclosed_flow.yaml": ("6:1", "invalid YAML: did not find expected ',' or ']'"),
    "yaml_tab_indent.yaml": ("6:1", "tabs cannot indent YAML; use spaces"),
    "yaml_bad_indent.yaml": ("7:9", "invalid YAML: mapping values are not allowed"),
    "yaml_unquoted_colon.yaml": ("2:15", "a text with ': ' in it must be quoted"),
    "yaml_unclosed_quote.yaml": ("7:1", "invalid YAML: found unexpected end of stream"),
    "yaml_bad_escape.yaml": ("6:12", "invalid YAML: found unknown escape character"),
    "yaml_two_documents.yaml": ("5:1", "expected a single document in the stream"),
    "yaml_alias_to_undefined.yaml": ("5:8", "found undefined alias"),
    "yaml_control_character.yaml": ("6:12", "character U+0007 is not allowed in YAML text"),
    "yaml_top_list.yaml": ("1:1", "must hold a mapping (key: value) at the top, not a list"),
    "yaml_top_scalar.yaml": ("1:1", "must hold a mapping (key: value) at the top, not a single"),
    "yaml_null_document.yaml": ("1:1", "at the top, not nothing"),
    "toml_broken.toml": ("2:13", "invalid TOML: Illegal character"),
    "toml_duplicate_key.toml": ("3:16", "invalid TOML: Cannot overwrite a value"),
    "json_trailing_comma.json": ("4:1", "invalid JSON: Expecting property name"),
    "json_unclosed.json": ("2:1", "invalid JSON: Expecting ',' delimiter"),
    "json_duplicate_key.json": ("4:3", "duplicate key 'title'"),
    "json_top_list.json": ("1:1", "at the top, not a list"),
    "json_nan.json": ("1:118", "expected a whole number, got nan"),
    "unknown_suffix.txt": ("", "unknown file type '.txt': use .yaml, .yml, .toml or .json"),
    # --- encodings
    "utf16le_bom.yaml": ("1:1", "event file is UTF-16; save it as UTF-8"),
    "utf16be_no_bom.yaml": ("1:1", "event file is UTF-16 (without a BOM); save it as UTF-8"),
    "latin1.yaml": ("6:14", "event file is not UTF-8 (byte 0xe1); save it as UTF-8"),
    "binary.yaml": ("1:1", "event file is not UTF-8 (byte 0x89)"),
    "nul_byte.yaml": ("6:12", "holds a NUL character"),
    # --- texts in several languages
    "lang_undeclared.yaml": ("7:41", "'de' is not one of the event's languages (settings.languages: en, fr)"),
    "lang_not_a_locale.yaml": ("10:16", "'english' is not a language Babel knows"),
    "lang_default_missing.yaml": ("2:8", "no text in en, the event's first language"),
    "lang_field_not_translatable.yaml": ("7:12", "this field is the same in every language"),
    "lang_first_not_locale.yaml": ("5:36", "but settings.locale is 'en'"),
    "lang_twice.yaml": ("5:32", "'en' is listed twice"),
    "lang_pattern_per_language.yaml": ("7:34", "settings.time_format.fr: the quote at character 3"),
    # --- empty
    "empty.yaml": ("1:1", "event file is empty"),
    "empty.toml": ("1:1", "event file is empty"),
    "empty.json": ("1:1", "event file is empty"),
    "whitespace_only.yaml": ("1:1", "event file is empty"),
    "comments_only.yaml": ("1:1", "event file is empty"),
    # --- nesting, expansion, sizes
    "deep_nesting.yaml": ("5:72", "nesting deeper than 64 levels"),
    "deep_nesting.json": ("1:1", "nesting deeper than 64 levels"),
    "deep_nesting.toml": ("", "nesting deeper than 64 levels"),
    "deep_nesting_70.json": ("", "nesting deeper than 64 levels"),
    "deep_nesting_70.toml": ("", "nesting deeper than 64 levels"),
    "alias_bomb.yaml": ("5:46", "expands to more than 1,000,000 values (an alias bomb?)"),
    # A value inside itself is refused at once, where it is anchored (it took 0.9 s to reach
    # the value count before).
    "recursive_alias.yaml": ("6:5", "this value contains itself through an alias"),
    # 300 sections whose body is an alias of one 36,000-character note: the 292nd passes
    "string_bomb.yaml": (
        "884:11",
        "sections[291].body: aliases repeat more than 10,485,760 characters of text",
    ),
    "yaml_huge_int.yaml": ("7:12", "a number of more than 4,300 digits"),
    "quoted_huge_int.yaml": ("7:12", "expected a whole number, got '99999"),
    # --- tags
    "tag_python_object.yaml": ("5:8", "unsupported YAML tag tag:yaml.org,2002:python/object/apply"),
    "tag_python_name.yaml": ("6:9", "unsupported YAML tag tag:yaml.org,2002:python/name"),
    "tag_custom_include.yaml": ("5:9", "unsupported YAML tag !include"),
    "tag_binary.yaml": ("6:9", "unsupported YAML tag tag:yaml.org,2002:binary"),
    "merge_key.yaml": ("7:3", "YAML merge keys (<<) are not supported"),
    # --- duplicates
    "yaml_duplicate_key.yaml": ("8:3", "duplicate key 'name'"),
    "duplicate_person_id.yaml": ("9:9", "id 'doe' is defined twice (first as people[0])"),
    "duplicate_organisation_id.yaml": ("8:9", "id 'coe' is defined twice"),
    "duplicate_slot_id.yaml": ("12:15", "slot id 's1' is used twice"),
    # Two sections of one id were one anchor in HTML; two rooms, one name for sessions.
    "duplicate_section_id.yaml": ("8:9", "sections[1].id: id 'objectives' is defined twice (first as sections[0])"),
    "duplicate_room_id.yaml": ("9:12", "id 'plenary' is defined twice (first as venue.rooms[0])"),
    # --- times and dates
    "time_25h00.yaml": ("9:18", "'25h00' is not a time of day: hours run 0-23"),
    "time_09h60.yaml": ("9:18", "'09h60' is not a time of day"),
    "time_words.yaml": ("9:18", "\"nine o'clock\" is not a time of day; write it as 09:00"),
    "date_2019_02_30.yaml": ("4:6", "'2019-02-30' is not a date: day is out of range for month"),
    "date_day_first.yaml": ("3:8", "expected a date as YYYY-MM-DD, got '12/03/2024'"),
    "end_before_start.yaml": ("4:6", "the event ends (2024-03-10) before it starts (2024-03-12)"),
    "slot_ends_before_start.yaml": ("10:16", "the slot ends (12:00) before it starts (13:00); a slot ends on the day it starts: for one that runs past midnight"),
    "duration_negative.yaml": ("18:25", "'-5 mins' is not a duration"),
    # --- unknown keys and wrong types
    "unknown_key_top.yaml": ("5:1", "unknown key 'titel' (did you mean 'title'?)"),
    "unknown_key_person.yaml": ("9:5", "unknown key 'emial' (did you mean 'email'?)"),
    "missing_title.yaml": ("1:1", "missing required key 'title'"),
    "wrong_type_people_text.yaml": ("5:9", "people: expected a list"),
    "wrong_type_seats_text.yaml": ("10:26", "expected a whole number, got 'two'"),
    "wrong_type_title_mapping.yaml": ("2:8", "a text in several languages needs settings.languages"),
    "wrong_type_bool.yaml": ("9:20", "expected true or false, got 'yes'"),
    "wrong_literal_kind.yaml": ("11:17", "'coffee' is not allowed here; choose one of 'session'"),
    "internal_unknown_field.yaml": ("9:15", "'shoe_size' cannot be marked internal"),
    # --- references
    "unknown_moderator.yaml": ("16:24", "unknown person or organisation 'dough'"),
    "unknown_organisation.yaml": ("9:19", "unknown organisation 'coe'"),
    "unknown_footnote.yaml": ("8:11", "footnote [^kosovo] names no note"),
    "unknown_country.yaml": ("6:12", "'KO' is not an ISO 3166 alpha-2 country code (Kosovo is XK)"),
    "unknown_locale.yaml": ("6:11", "'klingon' is not a locale"),
    "locale_by_name.yaml": ("6:11", "'spanish' is not a locale Babel knows (did you mean es?)"),
    "unknown_timezone.yaml": ("6:13", "'Mars/Olympus' is not a time zone"),
    "timezone_misspelt.yaml": ("6:13", "(did you mean America/Santo_Domingo?)"),
    "country_alias.yaml": ("6:12", "'UK' is not an ISO 3166 alpha-2 country code (did you mean GB,"),
    "continues_unknown_slot.yaml": ("12:22", "continues names 'nowhere'"),
    # --- includes
    "include_escape/event.yaml": ("5:11", "include '../../../../../../etc/passwd' leaves"),
    "include_absolute/event.yaml": ("5:11", "include '/etc/hostname' leaves the event's folder"),
    "include_symlink_escape/event.yaml": ("5:11", "include 'link.yaml' leaves the event's folder"),
    "include_cycle/event.yaml": ("include_cycle/b.yaml:1:11", "include cycle: a.yaml → b.yaml"),
    "include_self/event.yaml": ("5:11", "include cycle: event.yaml → event.yaml"),
    # a catalog is read once: including it again would repeat its text (2ⁿ times in a chain)
    "include_twice/event.yaml": ("5:24", "included file 'people.yaml' is already included (at "),
    "include_diamond/event.yaml": (
        "include_diamond/b.yaml:1:11",
        "included file 'c.yaml' is already included (at ",
    ),
    "include_missing/event.yaml": ("5:11", "included file 'catalog/people.yaml' not found"),
    "include_unknown_key/event.yaml": (
        "include_unknown_key/cat.yaml:2:1",
        "unknown key 'title' in a catalog",
    ),
    "include_broken/event.yaml": ("include_broken/cat.yaml:4:1", "invalid YAML"),
    # --- ids: one rule, a portable file-name slug (confdocs.model.names)
    "id_traversal.yaml": ("1:5", "id: '../../x' is not a valid id: it holds '/'"),
    "id_absolute.yaml": ("1:5", "'/tmp/written-here' is not a valid id"),
    "id_subfolder.yaml": ("1:5", "'a/b' is not a valid id: it holds '/'"),
    "id_empty.yaml": ("1:5", "id: the id is empty; use letters a-z"),
    "id_windows_reserved.yaml": ("1:5", "'CON' is a name Windows reserves for a device"),
    "id_windows_characters.yaml": ("1:5", "it holds '*' ':' '?'"),
    "id_newline.yaml": ("1:5", "'two\\nlines' is not a valid id: it holds '\\n'"),
    "id_nul.yaml": ("1:5", "'nul\\x00byte' is not a valid id: it holds '\\x00'"),
    "id_too_long.yaml": ("1:5", "…' (300 characters) is longer than 100 characters"),
    "id_leading_dot.yaml": ("1:5", "'.hidden' is not a valid id: it starts with '.'"),
    "id_non_ascii.yaml": ("1:5", "holds 'é'; use letters a-z and A-Z, digits, '-', '_' and '.'"),
    "person_id_space.yaml": ("6:9", "people[0].id: 'jane doe' is not a valid id"),
    "organisation_id_slash.yaml": ("6:9", "organisations[0].id: 'coe/dgi' is not a valid id"),
    "slot_id_dots.yaml": ("9:15", "slots[0].id: '../opening' is not a valid id"),
    "room_id_reserved.yaml": ("7:11", "venue.rooms[0].id: the id 'aux' is a name Windows reserves"),
    "group_id_colon.yaml": ("7:11", "groups[0].id: 'glacy:plus' is not a valid id"),
    "allocation_id_empty.yaml": ("7:11", "allocations[0].id: the id is empty"),
    "role_id_trailing_dot.yaml": ("7:11", "'prosecutor.' is not a valid id: it ends with a dot"),
    "note_id_tab.yaml": ("6:9", "notes[0].id: 'kosovo\\tnote' is not a valid id"),
    # the reference is NFD, the id NFC: one spelling once loaded, so only the id is refused
    "id_unicode_forms.yaml": ("6:9", "people[0].id: 'café' is not a valid id: it holds 'é'"),
    "include_bad_id/event.yaml": ("include_bad_id/people.yaml:5:9", "'jane@doe' is not a valid id"),
    # --- settings: CLDR patterns and time zones
    "date_format_time_fields.yaml": ("6:16", "'a' in the date pattern 'abc' is a time field"),
    "date_format_bad_length.yaml": ("6:16", "the field E takes 1 to 6 letters"),
    "time_format_date_field.yaml": ("6:16", "'yyyy' in the time pattern 'yyyy' is a date field"),
    "date_format_open_quote.yaml": ("6:16", "so 'at the Agora' would be left out; close it with '"),
    "time_format_unknown_letter.yaml": ("6:16", "'jj' in 'HH:mm jj' is not a CLDR field"),
    "time_format_zone_field.yaml": ("6:16", "'zzzz' in the time pattern 'HH:mm zzzz' is a time zone"),
    "timezone_directory.yaml": ("6:13", "'Europe' is a region of the time zone database, not a zone"),
    "timezone_path.yaml": ("6:13", "'../../etc/passwd' is not a time zone"),
    # --- web addresses: http, https, mailto; no controls
    "venue_url_javascript.yaml": ("7:8", "venue.url: 'javascript:alert(document.cookie)': javascript:"),
    "venue_url_data.yaml": ("6:8", "data: addresses are not allowed"),
    "organisation_url_escape.yaml": ("8:10", "holds the character '\\x1b'"),
    "organisation_url_newline.yaml": ("8:10", "holds the character '\\r'"),
    "group_url_ftp.yaml": ("10:12", "groups[0].url: 'ftp://files.example.org/glacy': ftp:"),
    "venue_url_no_host.yaml": ("6:8", "'https:///path-only' names no host"),
    # --- Markdown deeper than markdown-it nests
    "markdown_deep_quotes.yaml": ("8:11", "Markdown nested deeper than 20 levels of block quotes"),
    "markdown_deep_lists.yaml": ("7:11", "deeper than 20 levels of block quotes and lists (line 12"),
    "markdown_deep_title.yaml": ("10:18", "slots[0].title: Markdown nested deeper than 20 levels"),
    # --- registrations (checked against the minimal event)
    "reg_missing_columns.csv": ("1:1", "missing column(s) group"),
    "reg_extra_column.csv": ("1:31", "unknown column 'shoe_size'"),
    "reg_duplicate_column.csv": ("1:1", "twice"),
    "reg_row_too_long.csv": ("2:1", "row has 6 values but the header has 5 columns"),
    "reg_row_too_short.csv": ("2:1", "row has 3 values but the header has 5 columns"),
    "reg_semicolon_bad_row.csv": ("3:1", "row has 3 values but the header has 5 columns"),
    # rows 1 and 2 span lines 2-3 and 4-6 (quoted newlines): the bad row is on line 7
    "reg_quoted_newline_bad_country.csv": ("7", "'ZZ' is not an ISO 3166 alpha-2 country code"),
    "reg_unterminated_quote.csv": ("3", "invalid CSV: unexpected end of data"),
    "reg_empty.csv": ("1:1", "registrations file is empty"),
    "reg_empty_required.csv": ("2", "name is empty"),
    "reg_latin1.csv": ("2:4", "registrations file is not UTF-8 (byte 0xe9)"),
    "reg_unknown_key.yaml": ("6:5", "unknown key 'shoe'"),
    # lines ended by CR alone (Excel's "CSV (Macintosh)") are lines: the bad row is line 3
    "reg_cr_only_bad_country.csv": ("3", "'ZZ' is not an ISO 3166 alpha-2 country code"),
    "reg_mixed_line_ends.csv": ("2", "a line break inside a value that is not in quotes"),
    "reg_not_a_list.yaml": ("1:16", "expected a list"),
}


def _entry_files() -> list[str]:
    """Top-level files, and event.yaml of each folder (the others are what it includes)."""
    out = []
    for path in CORPUS.rglob("*"):
        if path.is_symlink() or path.is_dir():
            continue
        if path.parent == CORPUS or path.name == "event.yaml":
            out.append(path.relative_to(CORPUS).as_posix())
    return sorted(out)


def test_every_corpus_file_has_an_expectation() -> None:
    files = _entry_files()
    assert len(files) >= 40
    assert sorted(CASES) == files


def _commands(name: str, out: Path) -> list[list[str]]:
    path = str(CORPUS / name)
    if Path(name).name.startswith("reg_"):
        return [["check", str(MINIMAL), "-r", path]]
    return [["build", path, "-o", str(out)], ["check", path]]


def _expected_prefix(name: str, where: str) -> str:
    """What the message line starts with: the file, then line and column where known."""
    if where and not where[0].isdigit():
        other, _, position = where.partition(":")
        return f"{CORPUS / other}:{position}:" if position else f"{CORPUS / other}:"
    return f"{CORPUS / name}:{where}:" if where else f"{CORPUS / name}:"


def assert_refused(stderr: str, exit_code: int, name: str, out: Path, command: str) -> None:
    where, fragment = CASES[name]
    assert exit_code == 2, stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    # build says nothing was written; check, which writes nothing, does not say so.
    unwritten = "; nothing was written" if command == "build" else ""
    assert lines[-1] == f"confdocs: 1 problem in the input{unwritten}", stderr
    assert len(lines) == 2, f"one message expected, got:\n{stderr}"
    message = lines[0]
    assert message.startswith(_expected_prefix(name, where)), message
    if where and not where.endswith(":"):
        # The position is exactly as given: no column sneaks in after a bare line.
        rest = message[len(_expected_prefix(name, where)) :]
        assert not re.match(r"\d", rest), message
    assert fragment in message, message
    assert not out.exists() or not any(out.iterdir()), "nothing may be written"


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_refused(name: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    for args in _commands(name, out):
        result = runner.invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{args}: {result.exception!r}"
        )
        assert_refused(result.stderr, result.exit_code, name, out, args[0])


@pytest.mark.parametrize(
    ("name", "escaped"),
    [("id_traversal.yaml", "../../x.*"), ("id_absolute.yaml", "/tmp/written-here.*")],
)
def test_an_id_that_would_leave_the_output_folder_writes_nowhere(
    name: str, escaped: str, tmp_path: Path
) -> None:
    out = tmp_path / "deep" / "out"
    result = CliRunner().invoke(cli, ["build", str(CORPUS / name), "-o", str(out)])
    assert result.exit_code == 2, result.stderr
    where = Path(escaped) if escaped.startswith("/") else out / escaped
    assert not list(where.parent.resolve().glob(where.name))
    assert not out.exists()


@pytest.mark.parametrize(
    "name",
    [
        "alias_bomb.yaml",
        "recursive_alias.yaml",
        "string_bomb.yaml",
        "tag_python_object.yaml",
        "deep_nesting.toml",
        "include_cycle/event.yaml",
        "reg_quoted_newline_bad_country.csv",
    ],
)
def test_bad_input_in_a_real_process(name: str, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    for args in _commands(name, out):
        result = run_cli(*args)
        # check runs the validators on the rows of a registrations file it could read, and
        # lists their findings beside the rows it could not (told on stderr, exit 2).
        if not (name.startswith("reg_") and args[0] == "check"):
            assert result.stdout == ""
        assert_refused(result.stderr, result.returncode, name, out, args[0])


# --- generated cases: huge files, BOMs, semicolons ---------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.write(b"id: huge\n")
        handle.truncate(size)
    return path


@pytest.mark.parametrize("megabytes", [11, 50])
def test_huge_event_file_is_refused_before_reading(megabytes: int, tmp_path: Path) -> None:
    event = _sparse(tmp_path / "huge.yaml", megabytes * 1024 * 1024)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(event), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{event}: event file is {megabytes * 1024 * 1024:,} bytes" in result.stderr
    assert "more than the limit of 10,485,760 (set CONFDOCS_MAX_INPUT_BYTES" in result.stderr
    assert not out.exists()


def _string_bomb(path: Path, text: int, sections: int, value: str = "*s") -> Path:
    lines = [
        "id: bomb",
        "title: Bomb",
        "start: 2024-03-12",
        "end: 2024-03-12",
        "notes:",
        f"  - id: long\n    text: &s '{'x' * text}'",
        "sections:",
    ]
    for i in range(sections):
        lines.append(f"  - id: s{i}\n    title: Section {i}\n    body: {value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_four_megabyte_string_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """One 4 MB note repeated by 300 aliases: 1.2 GB of text. It took 52 s to check and 168 s
    and 3.6 GB to build in docx; it is refused at the third alias, before any value is built."""
    import time

    event = _string_bomb(tmp_path / "bomb.yaml", 4_000_000, 300)
    out = tmp_path / "out"
    for args in (["check", str(event)], ["build", str(event), "-f", "docx", "-o", str(out)]):
        start = time.perf_counter()
        result = CliRunner().invoke(cli, args)
        elapsed = time.perf_counter() - start
        assert result.exit_code == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 2, result.stderr
        # 4,000,000 × 3 passes the limit: the third section's body (line 11 + 3 × 2).
        assert lines[0] == (
            f"{event}:17:11: sections[2].body: aliases repeat more than 10,485,760 characters "
            "of text (an alias bomb? set CONFDOCS_MAX_ALIAS_TEXT to raise the limit)"
        )
        assert "Traceback" not in result.stderr
        assert elapsed < 2.0, f"{args[0]} took {elapsed:.2f} s"
    assert not out.exists()


def test_aliases_within_the_limit_are_fine_and_the_limit_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = _string_bomb(tmp_path / "event.yaml", 1000, 20)
    assert CliRunner().invoke(cli, ["check", str(event)]).exit_code == 0
    monkeypatch.setenv("CONFDOCS_MAX_ALIAS_TEXT", "10500")
    result = CliRunner().invoke(cli, ["check", str(event)])
    assert result.exit_code == 2
    assert f"{event}:41:11: sections[10].body: aliases repeat more than 10,500" in result.stderr


def test_aliases_of_aliases_count_all_the_text_they_repeat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An alias of a list of aliases repeats the text of every one: 10 × 10 × 100 characters."""
    monkeypatch.setenv("CONFDOCS_MAX_ALIAS_TEXT", "10000")
    path = tmp_path / "event.yaml"
    path.write_text(
        "id: bomb\ntitle: Bomb\nstart: 2024-03-12\nend: 2024-03-12\n"
        f"x0: &a '{'x' * 100}'\n"
        "x1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "x2: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    # *a ten times: 1,000; then each *b 1,000 more: the tenth brings 11,000.
    assert f"{path}:7:42: x2[9]: aliases repeat more than 10,000" in result.stderr


def test_an_alias_as_a_key_counts_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFDOCS_MAX_ALIAS_TEXT", "250")
    path = tmp_path / "event.yaml"
    path.write_text(
        "id: bomb\ntitle: Bomb\nstart: 2024-03-12\nend: 2024-03-12\n"
        f"x0: &a '{'x' * 100}'\n"
        "x1: {*a : 1}\nx2: {*a : 2}\nx3: {*a : 3}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:8:6: x3: aliases repeat more than 250" in result.stderr


def test_includes_cannot_multiply_a_catalog(tmp_path: Path) -> None:
    """Twelve catalogs each including the next twice read the last one 2¹² times (2¹⁴ took
    17 s, 2³⁰ would take days): the second include of a file is refused, after 13 reads."""
    import time

    for i in range(12):
        (tmp_path / f"c{i}.yaml").write_text(f"include: [c{i + 1}.yaml, c{i + 1}.yaml]\n")
    (tmp_path / "c12.yaml").write_text(f"notes:\n  - id: n\n    text: '{'x' * 100_000}'\n")
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL.read_text(encoding="utf-8") + "include: [c0.yaml]\n")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(event)])
    assert time.perf_counter() - start < 2.0
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{tmp_path / 'c11.yaml'}:1:21: include[1]: included file 'c12.yaml' is already "
        f"included (at {tmp_path / 'c11.yaml'}:1:11)"
    ), result.stderr


def test_input_limit_follows_the_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CONFDOCS_MAX_INPUT_BYTES", "100")
    result = CliRunner().invoke(cli, ["check", str(MINIMAL)])
    assert result.exit_code == 2
    assert "more than the limit of 100" in result.stderr


def test_a_file_whose_size_lied_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows while it is read says a smaller size: reading stops at the limit."""
    from confdocs.errors import InputError
    from confdocs.loading import sources

    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 100_000)
    monkeypatch.setenv("CONFDOCS_MAX_INPUT_BYTES", "1000")
    real_fstat = os.fstat

    class Small:
        def __init__(self, result: os.stat_result) -> None:
            self.st_size = 10
            self.st_mode = result.st_mode

    monkeypatch.setattr(sources.os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(InputError, match="more than the limit of 1,000 bytes"):
        sources.read_text(path, "event file")


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
def test_a_utf8_bom_loads(suffix: str, tmp_path: Path) -> None:
    import confdocs

    event = confdocs.load_event(MINIMAL)
    text = confdocs.dump_event(event, "json" if suffix == ".json" else "yaml")
    if suffix == ".toml":
        text = 'id = "bom"\ntitle = "With a BOM"\nstart = "2024-03-12"\nend = "2024-03-12"\n'
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = confdocs.load_event(path)
    if suffix != ".toml":
        assert loaded == event
    else:
        assert loaded.title == "With a BOM"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.stderr  # 1: a plugin still being written failed
    assert "Traceback" not in result.stderr


def test_registrations_with_semicolons_are_accepted(tmp_path: Path) -> None:
    from confdocs import load_registrations

    rows = [
        ("Jane Doe", "jane@example.org", "FR", "g", "prosecutor"),
        ("João Silva", "joao@example.org", "PT", "g", "law-enforcement"),
    ]
    header = "name,email,country,group,role\n"
    comma = tmp_path / "comma.csv"
    comma.write_text(header + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    semicolon = tmp_path / "semicolon.csv"
    semicolon.write_text(
        header.replace(",", ";") + "".join(";".join(r) + "\r\n" for r in rows), encoding="utf-8"
    )
    assert load_registrations(semicolon).rows == load_registrations(comma).rows
    assert [r.line for r in load_registrations(semicolon).rows] == [2, 3]
    result = CliRunner().invoke(cli, ["check", str(MINIMAL), "-r", str(semicolon)])
    assert result.exit_code != 2, result.stderr
    assert "Traceback" not in result.stderr


def test_quoted_newlines_keep_line_numbers(tmp_path: Path) -> None:
    from confdocs import load_registrations

    good = (CORPUS / "reg_quoted_newline_bad_country.csv").read_text().replace(",ZZ,", ",ES,")
    path = tmp_path / "good.csv"
    path.write_text(good, encoding="utf-8")
    regs = load_registrations(path)
    assert [r.line for r in regs.rows] == [2, 4, 7]
    assert regs.rows[0].name == "Jane\nDoe"


# --- memory: big inputs are refused without being held --------------------------------------

MEASURE = """
import resource, sys
from confdocs.errors import InputError
from confdocs.loading.registrations import load_registrations
from confdocs.loading import load_event

kind, path = sys.argv[1:3]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    (load_event if kind == "event" else load_registrations)(path)
except InputError as exc:
    print(str(exc).splitlines()[0])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) // 1024)  # Linux: KiB -> MiB
"""


def _peak_megabytes(kind: str, path: Path) -> tuple[str, int]:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", MEASURE, kind, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    message, megabytes = result.stdout.strip().splitlines()
    return message, int(megabytes)


def test_a_50_mb_event_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "event.yaml"
    line = b"- " + b"x" * 97 + b"\n"
    with path.open("wb") as handle:
        handle.write(b"id: big\ntitle: Big\nstart: 2024-03-12\nend: 2024-03-12\nsections:\n")
        for _ in range(50 * 1024 * 1024 // len(line)):
            handle.write(line)
    message, megabytes = _peak_megabytes("event", path)
    assert "more than the limit of 10,485,760" in message
    assert megabytes < 10, f"{megabytes} MB used to refuse a 50 MB file"


def test_a_million_registrations_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "registrations.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("name,email,country,group,role\n")
        for number in range(1_000_000):
            handle.write(f"Person {number},p{number}@example.org,FR,g,prosecutor\n")
    message, megabytes = _peak_megabytes("registrations", path)
    assert "more than 200,000 registrations" in message
    assert megabytes < 150, f"{megabytes} MB used to refuse a million registrations"


def test_the_quoting_hint_is_given_only_where_a_value_went_before() -> None:
    """``title: Opening: welcome`` is told to quote its text; a key indented too far (the
    same message from YAML) is not."""
    import confdocs

    def message(name: str) -> str:
        with pytest.raises(confdocs.InputError) as caught:
            confdocs.load_event(CORPUS / name)
        return str(caught.value)

    assert "must be quoted" in message("yaml_unquoted_colon.yaml")
    assert "must be quoted" not in message("yaml_bad_indent.yaml")
