"""confdocs: model a conference once, build every document from it.

The public API::

    from confdocs import load_event, build, hookimpl

Names are imported lazily, so ``import confdocs`` stays fast for command-line use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "confdocs.plugins.hookspecs",
    "hookspec": "confdocs.plugins.hookspecs",
    "load_event": "confdocs.loading",
    "dump_event": "confdocs.loading",
    "load_registrations": "confdocs.loading.registrations",
    "Registration": "confdocs.loading.registrations",
    "build": "confdocs.building",
    "write_documents": "confdocs.building",
    "Document": "confdocs.building",
    "check": "confdocs.building",
    "get_plugin_manager": "confdocs.plugins",
    "Exporter": "confdocs.plugins.protocols",
    "ExportOptions": "confdocs.plugins.protocols",
    "Validator": "confdocs.findings",
    "Finding": "confdocs.findings",
    "Severity": "confdocs.findings",
    "View": "confdocs.view",
    "make_view": "confdocs.view",
    "ConfdocsError": "confdocs.errors",
    "InputError": "confdocs.errors",
    "PluginError": "confdocs.errors",
    "TemplateError": "confdocs.errors",
    "Problem": "confdocs.errors",
    "Location": "confdocs.errors",
    "model": "confdocs.model",
}

__all__ = [
    "ConfdocsError",
    "Document",
    "ExportOptions",
    "Exporter",
    "Finding",
    "InputError",
    "Location",
    "PluginError",
    "Problem",
    "Registration",
    "Severity",
    "TemplateError",
    "Validator",
    "View",
    "__version__",
    "build",
    "check",
    "dump_event",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "load_event",
    "load_registrations",
    "make_view",
    "model",
    "write_documents",
]

if TYPE_CHECKING:
    from . import model
    from .building import Document, build, check, write_documents
    from .errors import (
        ConfdocsError,
        InputError,
        Location,
        PluginError,
        Problem,
        TemplateError,
    )
    from .findings import Finding, Severity, Validator
    from .loading import dump_event, load_event
    from .loading.registrations import Registration, load_registrations
    from .plugins import get_plugin_manager
    from .plugins.hookspecs import hookimpl, hookspec
    from .plugins.protocols import Exporter, ExportOptions
    from .view import View, make_view


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'confdocs' has no attribute {name!r}")
    value = importlib.import_module(module)
    if name != "model":
        value = getattr(value, name)
    globals()[name] = value
    return value
