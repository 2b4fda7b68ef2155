"""Names are data: one rule for ids and suffixes, and documents written only inside the folder.

The rule (confdocs.model.names) is checked at load for every field marked as an id, and at
registration for every exporter's suffix. ``write_documents`` checks again whatever it is given:
the property tests below throw arbitrary ids and suffixes at it (and at ``build``) and look at
every file on disk afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import confdocs
from confdocs import hookimpl
from confdocs.cli import cli
from confdocs.model import Event
from confdocs.model.fields import is_identifier
from confdocs.model.names import file_name_problem, id_problem, suffix_problem, suggestion
from confdocs.output import OutputError

from .conftest import HAGUE, MINIMAL

TRICKY = [
    "",
    ".",
    "..",
    "../x",
    "../../etc/passwd",
    "/abs/path/x",
    "a/b",
    "a\\b",
    "C:\\x",
    "C:x",
    "~",
    "~/x",
    "CON",
    "con.txt",
    "LPT1",
    "nul.tar.gz",
    "a\x00b",
    "a\nb",
    "x" * 300,
    ".hidden",
    "a.",
    "a..b",
    "-rf",
    "ok",
    "ok.json",
    "schedule.json",
    "é",
    "\u202eexe.md",
]
NAMES = st.sampled_from(TRICKY) | st.text(max_size=30) | st.from_regex(r"[a-z.]{1,12}", fullmatch=True)


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if not p.is_dir())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_id=NAMES, suffix=NAMES)
def test_write_documents_writes_inside_the_folder_or_refuses(event_id: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        out = root / "a" / "b" / "out"
        document = confdocs.Document("x", f"{event_id}.{suffix}", "text/plain", b"data")
        try:
            written = confdocs.write_documents([document], out)
        except OutputError as exc:
            assert "refused the file name" in str(exc)
            assert _files_under(root) == []
            return
        assert file_name_problem(f"{event_id}.{suffix}") is None
        assert [p.resolve().parent for p in written] == [out.resolve()]
        assert _files_under(root) == [out / f"{event_id}.{suffix}"]


class _Named:
    media_type = "text/plain"
    description = "writes its suffix"
    name = "named"

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def render(self, view: Any, options: Any) -> bytes:
        return b"data"


class _Plugin:
    def __init__(self, exporter: Any) -> None:
        self.exporter = exporter

    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(self.exporter)


DAY = dt.date(2024, 3, 12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_id=NAMES, suffix=NAMES)
def test_build_then_write_stays_inside_the_folder(event_id: str, suffix: str) -> None:
    """An event made in code (no load-time check) and a plugin's suffix: either refused, or
    written into the folder and nowhere else."""
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[_Plugin(_Named(suffix))])
    event = Event(id=event_id, title="T", start=DAY, end=DAY)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        out = root / "out"
        try:
            result = confdocs.build(event, ["named"], plugins=host)
            if not result.ok:  # the format was refused: its plugin's failure, nothing built
                assert result.documents == () and suffix_problem(suffix) is not None
                return
            written = confdocs.write_documents(result.documents, out)
        except (OutputError, confdocs.ConfdocsError):
            assert _files_under(root) == []
            return
        assert id_problem(event_id) is None or file_name_problem(f"{event_id}.{suffix}") is None
        assert suffix_problem(suffix) is None
        assert all(p.parent == out for p in _files_under(root))
        assert [p.resolve().parent for p in written] == [out.resolve()]


# --- the rule -----------------------------------------------------------------------------


def test_every_id_of_the_examples_follows_the_rule() -> None:
    from confdocs.model.walk import text_fields

    for path in (HAGUE, MINIMAL):
        event = confdocs.load_event(path)
        ids = [value for _, field, value in text_fields(event) if is_identifier(field)]
        assert len(ids) > (30 if path == HAGUE else 1)
        assert all(id_problem(value) is None for value in ids)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "empty"),
        ("../x", "holds '/'"),
        ("a..b", "holds '..'"),
        ("a.", "ends with a dot"),
        ("-x", "starts with '-'"),
        ("Com1", "Windows reserves"),
        ("nul.md", "Windows reserves"),
        ("x" * 101, "longer than 100 characters"),
    ],
)
def test_bad_ids_are_refused_with_the_reason(value: str, fragment: str) -> None:
    problem = id_problem(value)
    assert problem is not None and fragment in problem


@pytest.mark.parametrize("value", ["hague-2019", "a", "A.b_c-9", "2019", "x" * 100, "con-2025"])
def test_good_ids_pass(value: str) -> None:
    assert id_problem(value) is None


def test_a_suggestion_is_itself_a_good_id() -> None:
    assert suggestion("Séminaire à Bucarest 2025") == "Seminaire-a-Bucarest-2025"
    # Every script in Latin letters: a name in Arabic or Cyrillic letters gave nothing, and a
    # participant's files were "participant-3" (a trial's Tunis workshop).
    assert suggestion("日本") == "RiBen"
    assert suggestion("سلمى الطرابلسي") == "slma-ltrblsy"
    assert suggestion("Олена Коваленко") == "Olena-Kovalenko"
    assert suggestion("Straße") == "Strasse"
    assert suggestion("«  » ; !") is None
    assert suggestion("../../etc") == "etc"


def test_every_model_class_with_an_id_marks_it() -> None:
    for cls in (
        model_cls
        for model_cls in vars(confdocs.model).values()
        if isinstance(model_cls, type) and attrs.has(model_cls)
    ):
        for field in attrs.fields(cls):
            if field.name == "id":
                assert is_identifier(field), f"{cls.__name__}.id is not marked as an id"


# --- suffixes: a plugin error naming the plugin ----------------------------------------------


@pytest.mark.parametrize("suffix", ["x/../../f", ".md", "md/", "CON", "a\nb", "y" * 41])
def test_a_bad_suffix_is_a_plugin_failure_naming_it(suffix: str) -> None:
    class Sneaky:
        @hookimpl
        def confdocs_register_exporters(self, register: Any) -> None:
            register(_Named(suffix))

    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Sneaky()])
    assert "named" not in host.exporters()
    (failure,) = host.failures
    assert failure.plugin == "Sneaky"
    assert "cannot register exporter" in failure.message
    assert "suffix" in failure.message


def test_a_bad_suffix_through_the_command_line(tmp_path: Path) -> None:
    class Sneaky:
        @hookimpl
        def confdocs_register_exporters(self, register: Any) -> None:
            register(_Named("x/../../../f"))

    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Sneaky()])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(MINIMAL), "-o", str(out), "-f", "named"], obj={"host": host}
    )
    # Not a typo but the plugin's failure (exit 1), which says why; nothing to write.
    assert result.exit_code == 1, result.stderr
    assert (
        "confdocs: error: format 'named' is not available because plugin 'Sneaky' failed: "
        "cannot register exporter 'named': " in result.stderr
    )
    assert "unknown format" not in result.stderr
    assert not out.exists() or not list(out.iterdir())
    assert not list(tmp_path.parent.glob("f*"))


def test_case_only_collisions_are_refused(tmp_path: Path) -> None:
    """On macOS and Windows ``Hague.md`` and ``hague.md`` are one file."""
    first = tmp_path / "Hague.yaml"
    second = tmp_path / "hague.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    first.write_text(text.replace("id: minimal-workshop", "id: Hague"), encoding="utf-8")
    second.write_text(text.replace("id: minimal-workshop", "id: hague"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(first), str(second), "-o", str(out), "-f", "md"])
    assert result.exit_code == 2, result.stderr
    assert "differ only in case" in result.stderr
    assert not out.exists()


def test_no_name_in_the_rule_is_a_path(tmp_path: Path) -> None:
    """Every accepted name, joined to a folder, stays in it (the rule's own guarantee)."""
    for name in TRICKY:
        if file_name_problem(name) is None:
            assert os.path.dirname(os.path.normpath(tmp_path / name)) == str(tmp_path)
