"""confdocs-glance: the programme at a glance (format ``glance``) and two checks (``glance``).

An example of a third-party confdocs plugin. confdocs finds it through the entry point
``glance = "confdocs_glance"`` in the group ``confdocs`` (see ``pyproject.toml``) and calls the
hook implementations below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from confdocs import hookimpl

from .exporter import GlanceExporter
from .validator import GlanceValidator

if TYPE_CHECKING:
    from confdocs import Exporter, Validator

__version__ = "0.1.0"
__all__ = ["GlanceExporter", "GlanceValidator"]


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(GlanceExporter())


@hookimpl
def confdocs_register_validators(register: Callable[[Validator], None]) -> None:
    register(GlanceValidator())
