"""The garbage collector as confdocs sets it: paused while loading and rendering, back as it
was afterwards whatever happened; tuned for a command only in the command's own process."""

from __future__ import annotations

import gc
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
    assert out.stdout.split()[-2:] == [str(COMMAND_THRESHOLD), "True"]
    assert gc.get_threshold()[0] != COMMAND_THRESHOLD  # importing the CLI changes nothing
