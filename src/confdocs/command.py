"""The ``confdocs`` command's entry point: the collector is set for a command before the
command line is imported (importing click, attrs and the rest ran some fifteen collections at
CPython's usual threshold, walking the modules as they were made), then the command runs."""

from __future__ import annotations


def main() -> None:
    from .collector import tune_for_a_command

    tune_for_a_command()
    from .cli import main as command_line

    command_line()
