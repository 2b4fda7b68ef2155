"""Atomic output: an interrupted or failed build leaves no partial file under an output name,
no temporary file, and the files of an earlier build untouched or wholly replaced.

The build renders every document in memory, stages them as temporary files beside the targets
and renames them only when all are written (src/confdocs/building.py, output.py). Interruptions are
tried in a real process killed with SIGTERM while it renders, while it stages and while it
renames.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import confdocs
from confdocs import hookimpl
from confdocs.cli import cli
from confdocs.output import STALE_TEMP_SECONDS, TEMP_PREFIX, OutputError, staged

from .conftest import MINIMAL, ROOT

OLD = b"old build\n"
NAMES = ["minimal-workshop.quick.txt", "minimal-workshop.slow.txt"]


def _earlier_build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (out / name).write_bytes(OLD)
    (out / "notes.txt").write_bytes(b"not ours\n")


def _assert_untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == sorted([*NAMES, "notes.txt"])
    for name in NAMES:
        assert (out / name).read_bytes() == OLD
    assert (out / "notes.txt").read_bytes() == b"not ours\n"


def _no_temporaries(out: Path) -> None:
    assert not [p.name for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]


# --- in this process ----------------------------------------------------------------------


class Quick:
    name = "quick"
    suffix = "quick.txt"
    media_type = "text/plain"
    description = "renders at once"

    def render(self, view: Any, options: Any) -> bytes:
        return b"new " * 10_000


class Raising(Quick):
    name = "slow"
    suffix = "slow.txt"

    def render(self, view: Any, options: Any) -> bytes:
        raise RuntimeError("failed after the others rendered")


class Plugin:
    def __init__(self, *exporters: Any) -> None:
        self.exporters = exporters

    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        for exporter in self.exporters:
            register(exporter)


def test_exporter_raising_after_others_rendered_strict(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _earlier_build(out)
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Plugin(Quick(), Raising())])
    result = CliRunner().invoke(
        cli, ["build", str(MINIMAL), "-o", str(out), "--strict"], obj={"host": host}
    )
    assert result.exit_code == 1
    _assert_untouched(out)
    _no_temporaries(out)


def test_exporter_raising_after_others_rendered_writes_whole_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _earlier_build(out)
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Plugin(Quick(), Raising())])
    result = CliRunner().invoke(cli, ["build", str(MINIMAL), "-o", str(out)], obj={"host": host})
    assert result.exit_code == 1
    assert (out / NAMES[0]).read_bytes() == b"new " * 10_000  # wholly replaced
    assert (out / NAMES[1]).read_bytes() == OLD  # the failed format's old file is untouched
    _no_temporaries(out)


def test_failure_while_staging_touches_no_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _earlier_build(out)
    calls = []
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match=r"slow\.txt: No space left on device \(ENOSPC\)"):
        confdocs.write_documents(
            [
                confdocs.Document("quick", NAMES[0], "text/plain", b"new"),
                confdocs.Document("slow", NAMES[1], "text/plain", b"new"),
            ],
            out,
        )
    _assert_untouched(out)
    _no_temporaries(out)


def test_error_inside_the_staged_block_renames_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _earlier_build(out)
    with pytest.raises(KeyboardInterrupt), staged([(out / n, b"new") for n in NAMES]):
        raise KeyboardInterrupt
    _assert_untouched(out)
    _no_temporaries(out)


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    document = confdocs.Document("q", "a.txt", "text/plain", b"x")
    (path,) = confdocs.write_documents([document], tmp_path)
    assert path.stat().st_mode & 0o777 == 0o644


# --- a real process, interrupted with SIGTERM ---------------------------------------------

SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    import confdocs
    import confdocs.cli
    import confdocs.plugins
    from confdocs import hookimpl

    out, phase, marker, event = sys.argv[1:5]

    def ready():
        Path(marker).write_text("ready")

    class Quick:
        name = "quick"
        suffix = "quick.txt"
        media_type = "text/plain"
        description = "renders at once"

        def render(self, view, options):
            return b"new " * 250_000  # 1 MB

    class Slow(Quick):
        name = "slow"
        suffix = "slow.txt"

        def render(self, view, options):
            if phase == "render":
                ready()
                time.sleep(60)
            return b"new " * 250_000

    class Plugin:
        @hookimpl
        def confdocs_register_exporters(self, register):
            register(Quick())
            register(Slow())

    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Plugin()])
    confdocs.plugins.get_plugin_manager = lambda **kwargs: host

    if phase == "stage":
        real_fsync = os.fsync
        def slow_fsync(fd):
            real_fsync(fd)
            ready()
            time.sleep(60)
        os.fsync = slow_fsync
    if phase == "rename":
        real_replace = os.replace
        def slow_replace(source, target):
            real_replace(source, target)
            if not Path(marker).exists():
                ready()
                time.sleep(3)  # SIGTERM arrives here, between two renames
        os.replace = slow_replace

    confdocs.cli.main(["build", event, "-o", out])
    """
)


def _interrupt(
    tmp_path: Path, phase: str, signum: int = signal.SIGTERM
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path / "out"
    _earlier_build(out)
    marker = tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(out), phase, str(marker), str(MINIMAL)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached the phase"
        time.sleep(0.02)
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    return out, subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("phase", ["render", "stage"])
def test_sigterm_before_the_renames_leaves_the_earlier_build(
    tmp_path: Path, phase: str, signum: int
) -> None:
    """SIGHUP (the terminal closed) is handled as SIGTERM is."""
    out, result = _interrupt(tmp_path, phase, signum)
    assert result.returncode == 128 + signum, result.stderr
    assert "Traceback" not in result.stderr
    _assert_untouched(out)
    _no_temporaries(out)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_during_the_renames_replaces_the_build_wholly(tmp_path: Path, signum: int) -> None:
    out, result = _interrupt(tmp_path, "rename", signum)
    assert result.returncode == 128 + signum, result.stderr
    assert "Traceback" not in result.stderr
    for name in NAMES:
        assert (out / name).read_bytes() == b"new " * 250_000
    assert (out / "notes.txt").read_bytes() == b"not ours\n"
    _no_temporaries(out)


# --- temporary files a killed build left ----------------------------------------------------


def _aged(path: Path, seconds: float) -> Path:
    if not path.exists() and not path.is_symlink():
        path.write_bytes(b"left over")
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def test_stale_temporary_files_of_our_own_kind_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = _aged(out / f"{TEMP_PREFIX}killed.tmp", STALE_TEMP_SECONDS + 60)
    fresh = out / f"{TEMP_PREFIX}running.tmp"  # another build, staging right now
    fresh.write_bytes(b"x")
    folder = out / f"{TEMP_PREFIX}folder.tmp"
    folder.mkdir()
    _aged(folder, STALE_TEMP_SECONDS + 60)
    other = _aged(out / "notes.tmp", STALE_TEMP_SECONDS + 60)
    (out / f"{TEMP_PREFIX}link.tmp").symlink_to(other)
    _aged(out / f"{TEMP_PREFIX}link.tmp", STALE_TEMP_SECONDS + 60)
    confdocs.write_documents([confdocs.Document("q", "a.txt", "text/plain", b"x")], out)
    assert not old.exists()
    assert fresh.exists() and folder.is_dir() and other.exists()
    assert (out / f"{TEMP_PREFIX}link.tmp").is_symlink()


def test_a_killed_build_leaves_its_temporary_files_to_the_next(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the next build into the folder removes what it left."""
    out, result = _interrupt(tmp_path, "stage", signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    left = [p for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert left, "the kill came while a temporary file existed"
    for path in left:
        _aged(path, STALE_TEMP_SECONDS + 1)
    rebuilt = CliRunner().invoke(cli, ["build", str(MINIMAL), "-o", str(out), "-f", "md"])
    assert rebuilt.exit_code == 0, rebuilt.stderr
    _no_temporaries(out)
