"""Broken plugins: each fault is reported by plugin name and the other formats still build.

An exporter that raises, returns a str instead of bytes or takes longer than
CONFDOCS_EXPORT_TIMEOUT; a plugin whose import fails; a misspelt hook. Through the library and
through ``confdocs build`` (exit 1 with the others written; with ``--strict`` nothing written).
"""

from __future__ import annotations

import os
import subprocess
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import confdocs
from confdocs import hookimpl
from confdocs.cli import cli

from .conftest import MINIMAL, confdocs_cli


class Exporter:
    """A tiny exporter; ``behaviour`` decides how it misbehaves."""

    media_type = "text/plain"
    description = "test exporter"

    def __init__(self, name: str, behaviour: str = "ok", release: threading.Event | None = None):
        self.name = name
        self.suffix = f"{name}.txt"
        self.behaviour = behaviour
        self.release = release or threading.Event()

    def render(self, view: Any, options: Any) -> Any:
        if self.behaviour == "raise":
            raise RuntimeError("the template engine exploded")
        if self.behaviour == "str":
            return f"{view.title}"
        if self.behaviour == "none":
            return None
        if self.behaviour == "slow":
            self.release.wait(30)
            return b"too late"
        return f"{self.name}: {view.title}".encode()


def plugin(name: str, *exporters: Exporter) -> object:
    class Plugin:
        @hookimpl
        def confdocs_register_exporters(self, register: Any) -> None:
            for exporter in exporters:
                register(exporter)

    Plugin.__name__ = name
    return Plugin()


@pytest.fixture
def release() -> Any:
    """Lets slow exporters finish when the test ends, so no thread outlives it long."""
    event = threading.Event()
    yield event
    event.set()


def host_with(fault: str, release: threading.Event) -> Any:
    return confdocs.get_plugin_manager(
        load_entrypoints=False,
        plugins=[
            plugin("good_plugin", Exporter("alpha"), Exporter("omega")),
            plugin("faulty_plugin", Exporter("broken", fault, release)),
        ],
    )


FAULTS = {
    "raise": "raised RuntimeError: the template engine exploded",
    "str": "render() returned str, not bytes",
    "none": "render() returned NoneType, not bytes",
    "slow": "took longer than 0.3 s and was abandoned",
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_library_reports_the_plugin_and_builds_the_rest(
    fault: str, release: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFDOCS_EXPORT_TIMEOUT", "0.3")
    event = confdocs.load_event(MINIMAL)
    started = time.monotonic()
    result = confdocs.build(event, None, {}, host_with(fault, release))
    assert time.monotonic() - started < 5
    assert [d.format for d in result.documents] == ["alpha", "omega"]
    assert not result.ok
    (failure,) = result.failures
    assert failure.plugin == "faulty_plugin"
    # Said once: the plugin, the format, what went wrong (not "format 'broken': plugin
    # 'broken': …", the format named again as if it were a plugin).
    assert failure.message == f"format 'broken': {FAULTS[fault]}"
    assert str(failure) == f"plugin 'faulty_plugin': format 'broken': {FAULTS[fault]}"


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_cli_writes_the_others_and_exits_1(
    fault: str, release: threading.Event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFDOCS_EXPORT_TIMEOUT", "0.3")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(MINIMAL), "-o", str(out)], obj={"host": host_with(fault, release)}
    )
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "plugin 'faulty_plugin'" in result.stderr
    assert FAULTS[fault] in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if FAULTS[fault] in x]
    assert line.count("plugin ") == 1 and line.count("'broken'") == 1, line
    written = sorted(p.name for p in out.iterdir())
    assert written == ["minimal-workshop.alpha.txt", "minimal-workshop.omega.txt"]
    assert (out / "minimal-workshop.alpha.txt").read_text().startswith("alpha: Workshop")


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_cli_strict_writes_nothing(
    fault: str, release: threading.Event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFDOCS_EXPORT_TIMEOUT", "0.3")
    out = tmp_path / "out"
    out.mkdir()
    (out / "minimal-workshop.alpha.txt").write_text("from an earlier build")
    result = CliRunner().invoke(
        cli,
        ["build", str(MINIMAL), "-o", str(out), "--strict"],
        obj={"host": host_with(fault, release)},
    )
    assert result.exit_code != 0
    assert "plugin 'faulty_plugin'" in result.stderr
    assert "nothing was written" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["minimal-workshop.alpha.txt"]
    assert (out / "minimal-workshop.alpha.txt").read_text() == "from an earlier build"


def test_misspelt_hook_is_reported_through_the_cli(tmp_path: Path) -> None:
    class Misspelt:
        @hookimpl
        def confdocs_register_exporter(self, register: Any) -> None:  # no "s"
            raise AssertionError("never called")

    host = confdocs.get_plugin_manager(
        load_entrypoints=False, plugins=[plugin("good_plugin", Exporter("alpha")), Misspelt()]
    )
    (failure,) = host.failures
    assert failure.plugin == "Misspelt"
    assert "confdocs_register_exporter" in failure.message
    assert "misspelt" in failure.message
    result = CliRunner().invoke(
        cli, ["build", str(MINIMAL), "-o", str(tmp_path / "o")], obj={"host": host}
    )
    assert "plugin 'Misspelt'" in result.stderr
    assert (tmp_path / "o" / "minimal-workshop.alpha.txt").exists()
    with pytest.raises(confdocs.PluginError, match="Misspelt"):
        confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Misspelt()], strict=True)


# --- plugins that fail to import, installed as real distributions on sys.path ------------


def _install(site: Path, dist: str, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    info = site / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[confdocs]\n{lines}")
    for name, source in modules.items():
        (site / f"{name}.py").write_text(textwrap.dedent(source))


GOOD_MODULE = """
    from confdocs import hookimpl

    class Shout:
        name = "shout"
        suffix = "shout.txt"
        media_type = "text/plain"
        description = "The title in capitals."

        def render(self, view, options):
            return view.title.upper().encode()

    @hookimpl
    def confdocs_register_exporters(register):
        register(Shout())
"""

BROKEN_MODULE = """
    import a_module_nobody_installed  # the plugin's own dependency is missing
"""

SYNTAX_ERROR_MODULE = """
    def oops(:
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    _install(site, "confdocs_good", {"good": "tp_good"}, {"tp_good": GOOD_MODULE})
    _install(site, "confdocs_broken", {"broken": "tp_broken"}, {"tp_broken": BROKEN_MODULE})
    _install(site, "confdocs_typo", {"typo": "tp_typo"}, {"tp_typo": SYNTAX_ERROR_MODULE})
    _install(site, "confdocs_gone", {"gone": "tp_gone_module"}, {})
    return site


def test_plugins_that_fail_to_import_are_reported_and_the_rest_load(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("CONFDOCS_LOAD_PLUGINS", "good,broken,typo,gone")
    host = confdocs.get_plugin_manager()
    assert sorted(host.exporters()) == ["shout"]
    failures = {f.plugin: f.message for f in host.failures}
    assert sorted(failures) == ["broken", "gone", "typo"]
    assert "ModuleNotFoundError" in failures["broken"]
    assert "a_module_nobody_installed" in failures["broken"]
    assert "SyntaxError" in failures["typo"]
    assert "tp_gone_module" in failures["gone"]
    with pytest.raises(confdocs.PluginError, match="'broken'"):
        confdocs.get_plugin_manager(strict=True)


def test_a_broken_plugin_through_the_command_line(site: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "CONFDOCS_LOAD_PLUGINS": "good,broken",
    }
    out = tmp_path / "out"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return confdocs_cli(*args, env=env, timeout=120)

    listing = run("plugins")
    assert listing.returncode == 0, listing.stderr
    assert "good" in listing.stdout and "shout" in listing.stdout
    assert "plugin 'broken': failed to import tp_broken" in listing.stderr
    assert "Traceback" not in listing.stderr

    # The broken plugin was asked for nothing (every format is what the others provide): a
    # warning, and the exit code stays 0 so that CI can trust it.
    built = run("build", str(MINIMAL), "-o", str(out))
    assert built.returncode == 0, built.stderr
    assert "confdocs: warning: plugin 'broken'" in built.stderr
    assert (out / "minimal-workshop.shout.txt").read_text() == "WORKSHOP ON ELECTRONIC EVIDENCE"

    strict = run("build", str(MINIMAL), "-o", str(tmp_path / "strict"), "--strict")
    assert strict.returncode != 0
    assert "broken" in strict.stderr
    assert "Traceback" not in strict.stderr
    assert not (tmp_path / "strict").exists()


# --- registering: each exporter on its own ------------------------------------------------


class _Evil:
    name = "evil"
    suffix = "../../evil.txt"
    media_type = "text/plain"

    def render(self, view: Any, options: Any) -> bytes:
        return b"evil"


class _Nameless:
    suffix = "x.txt"
    media_type = "text/plain"

    def render(self, view: Any, options: Any) -> bytes:
        return b"?"


class _Exploding:
    """Reading its name raises: the check must not let that stop the next registration."""

    @property
    def name(self) -> str:
        raise RuntimeError("no name today")


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        (_Evil(), "exporter 'evil': '../../evil.txt' is not a valid suffix"),
        (_Nameless(), "exporter of type tests.test_plugin_faults._Nameless: an exporter needs"),
        (_Exploding(), "exporter of type tests.test_plugin_faults._Exploding: RuntimeError: no"),
        (Exporter("alpha"), "exporter 'alpha': the name is already registered by plugin 'agenda'"),
    ],
)
@pytest.mark.parametrize("bad_first", [True, False])
def test_a_bad_exporter_is_refused_alone_and_the_others_register(
    bad: Any, named: str, bad_first: bool
) -> None:
    good = [Exporter("alpha"), Exporter("good")]
    calls = [bad, *good] if bad_first else [*good, bad]
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[plugin("agenda", *calls)])
    assert sorted(host.exporters()) == ["alpha", "good"]
    (failure,) = host.failures
    assert failure.plugin == "agenda"
    assert failure.message.startswith(f"cannot register {named}"), failure.message
    assert " at 0x" not in failure.message, "an object's address names nothing"


def test_a_bad_exporter_does_not_hide_the_next_through_the_command_line(tmp_path: Path) -> None:
    host = confdocs.get_plugin_manager(
        load_entrypoints=False, plugins=[plugin("agenda", _Evil(), Exporter("good"))]
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(MINIMAL), "-o", str(out), "-f", "good"], obj={"host": host}
    )
    assert "Traceback" not in result.stderr
    assert "plugin 'agenda': cannot register exporter 'evil': '../../evil.txt' is not" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["minimal-workshop.good.txt"]
    assert not (tmp_path / "evil.txt").exists()
