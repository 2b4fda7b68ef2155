"""The garbage collector as confdocs sets it: paused while loading and rendering, back as it
was afterwards whatever happened; tuned for a command only in the command's own process."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from typing import Any

import pytest

import confdocs
from confdocs import hookimpl
from confdocs.collector import COMMAND_THRESHOLD, paused
from tests.conftest import MINIMAL


class Watching:
    """An exporter that notes whether the collector ran while it rendered."""

    name = "watching"
    suffix = "txt"
    media_type = "text/plain"
    description = "notes the collector's state"

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.enabled: list[bool] = []

    def render(self, view: Any, options: Any) -> bytes:
        self.enabled.append(gc.isenabled())
        if self.fail:
            raise RuntimeError("failed on purpose")
        return b"ok"


class Plugin:
    def __init__(self, exporter: Watching) -> None:
        self.exporter = exporter

    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(self.exporter)


def test_paused_restores_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()


@pytest.mark.parametrize("fail", [False, True])
def test_exporters_render_with_the_collector_paused(fail: bool) -> None:
    exporter = Watching(fail)
    host = confdocs.get_plugin_manager(load_entrypoints=False, plugins=[Plugin(exporter)])
    result = confdocs.build(confdocs.load_event(MINIMAL), ["watching"], None, host)
    assert exporter.enabled == [False]
    assert bool(result.failures) is fail
    assert gc.isenabled()


def test_loading_and_the_view_leave_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from confdocs.view import compose

    event = confdocs.load_event(MINIMAL)
    assert gc.isenabled()
    seen: list[bool] = []
    real = compose._make_view
    monkeypatch.setattr(compose, "_make_view", lambda *a: seen.append(gc.isenabled()) or real(*a))
    confdocs.make_view(event)
    assert seen == [False] and gc.isenabled()


def test_the_command_tunes_the_collector_in_its_own_process() -> None:
    code = (
        "import gc, sys; from confdocs.cli import main\n"
        "try:\n    main(['--version'])\n"
        "except SystemExit:\n    print(gc.get_threshold()[0], gc.isenabled())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # The command ran in this process and ended: the collector runs again for what follows.
    assert out.stdout.split()[-2:] == [str(COMMAND_THRESHOLD), "True"]
    assert gc.get_threshold()[0] != COMMAND_THRESHOLD  # importing the CLI changes nothing


#: A command run in a new process through its entry point, noting each collection and
#: whether it ran while the command started (tuned, not yet started); it prints what it saw
#: and the collector's state.
_WATCHED_COMMAND = """
import gc, json, sys
seen = []
def note(phase, info):
    if phase == "start":  # a collection, and whether the command was starting then
        collector = sys.modules.get("confdocs.collector")
        seen.append([info["generation"], bool(getattr(collector, "_waiting", False))])
gc.callbacks.append(note)
from confdocs.command import main
sys.argv = ["confdocs", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps({"seen": seen, "enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}))
"""


def _watched(*args: str) -> dict[str, Any]:
    import json

    done = subprocess.run(
        [sys.executable, "-c", _WATCHED_COMMAND, *args],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_command_starts_without_collections_and_collects_after(tmp_path: Any) -> None:
    """Importing the command line, the plugins and the formats' libraries, loading the event
    and building it run no collection (the start-up's objects live as long as the command);
    after the first build what is there is frozen and the collector is on again, for the
    events that follow."""
    from tests.conftest import HAGUE

    events = []
    for n in (1, 2):  # a batch: the second is built with the collector on
        copy = tmp_path / f"event-{n}.yaml"
        copy.write_text(
            HAGUE.read_text(encoding="utf-8").replace("id: hague-2019", f"id: hague-{n}", 1),
            encoding="utf-8",
        )
        for folder in ("catalog", "logos"):
            if not (tmp_path / folder).exists():
                shutil.copytree(HAGUE.parent / folder, tmp_path / folder)
        events.append(str(copy))
    out = _watched("build", *events, "-f", "docx", "-f", "html", "-o", str(tmp_path / "out"))
    assert (tmp_path / "out" / "hague-2.docx").exists()
    assert not [g for g, starting in out["seen"] if starting], out["seen"]
    # The interpreter's start, one after the first build and the second event's load: some
    # twenty when the collector ran through the start-up.
    assert len(out["seen"]) <= 8, out["seen"]
    assert out["enabled"] and out["frozen"] > 50_000  # the start-up, out of every collection


def test_a_command_that_loads_no_event_collects_as_it_goes(tmp_path: Any) -> None:
    """``new`` (like a plugin's command, which may run long) has the collector from its
    start: only the commands that say when they have started wait for it."""
    out = _watched("new", str(tmp_path / "draft"))
    assert (tmp_path / "draft" / "event.yaml").exists()
    assert not [g for g, starting in out["seen"] if starting]
    assert out["enabled"]


def test_serve_collects_its_rebuilds(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` runs for hours: the collector is on once its first build is made."""
    from click.testing import CliRunner

    import confdocs.collector as collector
    import confdocs.serve as serve_module
    from confdocs.cli import cli

    states: list[bool] = []

    class Service:
        loopback = True
        url = "http://127.0.0.1:1/"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.preview = type("Preview", (), {"current": None})()

        def __enter__(self) -> Service:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def serve_forever(self) -> None:
            states.append(gc.isenabled())
            raise KeyboardInterrupt

    monkeypatch.setattr(serve_module, "PreviewService", Service)
    monkeypatch.setattr("confdocs.cli._report_rebuild", lambda *a: None)
    enabled = gc.isenabled()
    try:
        gc.disable()
        monkeypatch.setattr(collector, "_waiting", True)
        result = CliRunner().invoke(cli, ["serve", str(MINIMAL)])
    finally:
        if enabled:
            gc.enable()
    assert result.exit_code == 0, result.output
    assert states == [True]
