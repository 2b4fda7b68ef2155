"""The C allocator as a command sets it for its renders (confdocs.allocator): set once, at
the command's first render, and never by the library alone."""

from __future__ import annotations

import ctypes
import subprocess
import sys

import pytest

import confdocs
from confdocs import allocator
from tests.conftest import MINIMAL


class FakeC:
    """A C library whose ``mallopt`` notes what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.mallopt = self.Function(self.calls)

    class Function:
        def __init__(self, calls: list[tuple[int, int]]) -> None:
            self.calls = calls

        def __call__(self, option: int, value: int) -> int:
            self.calls.append((option, value))
            return 1


@pytest.fixture
def fake_c(monkeypatch: pytest.MonkeyPatch) -> FakeC:
    fake = FakeC()
    monkeypatch.setattr(ctypes, "CDLL", lambda name: fake)
    monkeypatch.setattr(allocator, "_is_glibc", lambda: True)
    monkeypatch.setattr(allocator, "_wanted", False)
    return fake


def _build() -> None:
    result = confdocs.build(confdocs.load_event(MINIMAL), ["md", "html"])
    assert not result.failures and len(result.documents) == 2


def test_a_command_sets_the_allocator_at_its_first_render_only(fake_c: FakeC) -> None:
    allocator.tune_for_a_command()
    assert fake_c.calls == []  # a command that renders nothing does not load ctypes for it
    _build()
    assert fake_c.calls == [(allocator.M_TOP_PAD, allocator.TOP_PAD)]
    _build()  # later renders (more events, serve's rebuilds) leave it as it is
    assert fake_c.calls == [(allocator.M_TOP_PAD, allocator.TOP_PAD)]


def test_the_library_alone_leaves_the_allocator_as_it_finds_it(fake_c: FakeC) -> None:
    _build()
    assert fake_c.calls == []


def test_other_c_libraries_are_left_alone(fake_c: FakeC, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(allocator, "_is_glibc", lambda: False)
    allocator.tune_for_a_command()
    assert allocator.before_rendering() is False
    assert fake_c.calls == []


_COMMAND = """
import sys
from confdocs import allocator
from confdocs.command import main
sys.argv = ["confdocs", "--version"]
try:
    main()
except SystemExit:
    pass
print(allocator._wanted, allocator._is_glibc(), allocator.before_rendering(),
      allocator.before_rendering())
"""


def test_the_entry_point_asks_for_it_and_glibc_takes_it() -> None:
    """Through the real C library, in a process of its own: the entry point asks for the
    setting, the first render makes it (on glibc, which accepts it), the next does nothing."""
    done = subprocess.run(
        [sys.executable, "-c", _COMMAND], capture_output=True, text=True, check=True, timeout=60
    )
    wanted, glibc, first, second = done.stdout.split()[-4:]
    assert wanted == "True"
    assert first == glibc  # set where glibc is the C library, and only there
    assert second == "False"


def test_a_format_made_per_recipient_sets_it_too(fake_c: FakeC) -> None:
    """Letters render through their own path (a file per recipient): the first render of a
    command is theirs here."""
    from tests.conftest import HAGUE

    allocator.tune_for_a_command()
    result = confdocs.build(confdocs.load_event(HAGUE), ["letters"])
    assert not result.failures and result.documents
    assert fake_c.calls == [(allocator.M_TOP_PAD, allocator.TOP_PAD)]
