"""``confdocs build`` with several event files: one process, one file per event and format,
a progress bar on a terminal, and ids that clash refused before anything is written."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import confdocs
from confdocs.cli import cli
from confdocs.plugins.protocols import needs_registrations

from .conftest import MINIMAL, ROOT

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def fmt() -> str:
    """A format that builds the minimal event, so the test does not hang on every exporter."""
    host = confdocs.get_plugin_manager()
    event = confdocs.load_event(MINIMAL)
    for name in ("json", "md", "html", *sorted(host.exporters())):
        if name in host.exporters() and confdocs.build(event, [name], None, host).ok:
            return name
    pytest.skip("no installed format builds the minimal event")


def _events(folder: Path, ids: list[str]) -> list[str]:
    text = MINIMAL.read_text(encoding="utf-8")
    paths = []
    for n, event_id in enumerate(ids):
        path = folder / f"event-{n}" / "event.yaml"
        path.parent.mkdir(parents=True)
        new, count = re.subn(r"^id: minimal-workshop", f"id: {event_id}", text, flags=re.M)
        assert count == 1
        path.write_text(new, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_three_events_build_in_one_call(tmp_path: Path, run_cli: RunCli, fmt: str) -> None:
    events = _events(tmp_path, ["spring", "summer", "autumn"])
    out = tmp_path / "out"
    result = run_cli("build", *events, "-o", str(out), "-f", fmt)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    suffix = confdocs.get_plugin_manager().exporters()[fmt].item.suffix
    assert written == sorted(f"{i}.{suffix}" for i in ("spring", "summer", "autumn"))
    assert result.stdout.count("wrote ") == 3
    # Each file is its own event's, not a copy of the first.
    for event_id in ("spring", "summer", "autumn"):
        assert event_id.encode() in (out / f"{event_id}.{suffix}").read_bytes()
    assert "Building" not in result.stderr  # no progress bar when stderr is not a terminal


def test_every_format_of_every_event_is_written(tmp_path: Path, run_cli: RunCli) -> None:
    host = confdocs.get_plugin_manager()
    event = confdocs.load_event(MINIMAL)
    def writes_a_file(name: str) -> bool:
        if needs_registrations(host.exporters()[name].item):
            return False  # the minimal example has no registrations
        result = confdocs.build(event, [name], None, host)
        return result.ok and bool(result.documents)  # no letters: it invites no one

    formats = [n for n in sorted(host.exporters()) if writes_a_file(n)]
    if len(formats) < 2:
        pytest.skip("fewer than two working formats installed")
    events = _events(tmp_path, ["one", "two", "three"])
    args = [a for name in formats for a in ("-f", name)]
    result = run_cli("build", *events, "-o", str(tmp_path / "out"), *args)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").iterdir())) == 3 * len(formats)


def test_two_events_with_one_id_are_refused_before_writing(
    tmp_path: Path, run_cli: RunCli, fmt: str
) -> None:
    events = _events(tmp_path, ["spring", "summer", "spring"])
    out = tmp_path / "out"
    result = run_cli("build", *events, "-o", str(out), "-f", fmt)
    assert result.returncode == 2
    assert "'spring'" in result.stderr
    assert events[0] in result.stderr and events[2] in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


class _Exporter:
    def __init__(self, name: str, suffix: str) -> None:
        self.name, self.suffix = name, suffix
        self.media_type, self.description = "text/plain", name

    def render(self, view: Any, options: Any) -> bytes:
        return b"x"


class _ClashingSuffixes:
    @confdocs.hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(_Exporter("plain", "txt"))
        register(_Exporter("extra", "x.txt"))


def test_file_names_that_collide_across_events_are_refused(tmp_path: Path) -> None:
    # Event "e" in format "extra" and event "e.x" in format "plain" are both "e.x.txt".
    events = _events(tmp_path, ["e", "e.x"])
    out = tmp_path / "out"
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[_ClashingSuffixes()])
    result = CliRunner().invoke(
        cli, ["build", *events, "-o", str(out)], obj={"host": host}, catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    assert "e.x.txt" in result.output
    assert not out.exists()


def test_many_events_show_a_progress_bar_on_a_terminal(tmp_path: Path, fmt: str) -> None:
    events = _events(tmp_path, [f"event-{n}" for n in range(6)])
    primary, secondary = pty.openpty()
    try:
        process = subprocess.run(
            [
                sys.executable,
                "-m",
                "confdocs",
                "build",
                *events,
                "-o",
                str(tmp_path / "out"),
                "-f",
                fmt,
            ],
            stdout=subprocess.PIPE,
            stderr=secondary,
            cwd=ROOT,
            env={**os.environ, "COLUMNS": "100"},
            timeout=120,
            check=False,
        )
        os.close(secondary)
        secondary = -1
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if secondary != -1:
            os.close(secondary)
        os.close(primary)
    stderr = b"".join(chunks).decode(errors="replace")
    assert process.returncode == 0, stderr
    assert "Building" in stderr
    assert len(list((tmp_path / "out").iterdir())) == 6
