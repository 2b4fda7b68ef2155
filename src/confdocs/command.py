"""The ``confdocs`` command's entry point: the collector is set for a command before the
command line is imported (importing click, attrs and the rest ran some fifteen collections at
CPython's usual threshold, walking the modules as they were made), and the allocator for its
renders (:mod:`confdocs.allocator`); then the command runs."""

from __future__ import annotations


def main() -> None:
    from . import allocator, collector

    collector.tune_for_a_command()
    allocator.tune_for_a_command()
    from .cli import main as command_line

    command_line()
