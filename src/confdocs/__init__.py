"""confdocs: model a conference once, build every document from it.

Loading and writing events
    ``load_event(path)``, ``load_event_with_sources(path)``, ``dump_event(event)``,
    ``load_registrations(path)``; the model's classes are in ``confdocs.model``.
Building and checking
    ``build(event, ["md", "html"], {"locale": "fr"})`` → ``BuildResult``;
    ``write_documents(result.documents, "out/")``; ``check(event, registrations)`` → findings;
    ``prepare_view(event, options)`` gives the view a build renders.
The view (``confdocs.view``)
    ``make_view(event, locale, audience)``, ``View`` and its parts, ``timeline(event)``,
    ``display_name(person, settings)``, ``for_audience(event, "public")``,
    ``for_language(event, "fr")``.
Versions (``confdocs.diff``)
    ``compare(old, new)`` → ``Comparison`` (the changes, and the view that shows them);
    ``build(event, formats, previous=old)`` shows them in every format that can;
    ``diff_events(old, new)``, ``apply_changes(old, changes)``, ``Change``.
Plugins
    ``hookimpl``, ``get_plugin_manager()``, the protocols ``Exporter`` and ``Validator``,
    ``ExportOptions``, ``Finding`` with ``error``/``warning``/``info``; what renderers share is
    in ``confdocs.rendering``.
Errors
    ``ConfdocsError`` and its kinds ``InputError`` (with ``problems``, each a ``Problem`` at a
    ``Location``), ``PluginError``, ``TemplateError``.

Names are imported when first used, so ``import confdocs`` stays fast for the command line;
``dir(confdocs)`` and ``help(confdocs)`` list them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "confdocs.plugins.hookspecs",
    "hookspec": "confdocs.plugins.hookspecs",
    "load_event": "confdocs.loading",
    "load_event_with_sources": "confdocs.loading",
    "LoadedEvent": "confdocs.loading",
    "SourceMap": "confdocs.loading",
    "dump_event": "confdocs.loading",
    "load_registrations": "confdocs.loading",
    "Registration": "confdocs.loading",
    "Registrations": "confdocs.loading",
    "build": "confdocs.building",
    "check": "confdocs.building",
    "prepare_view": "confdocs.building",
    "prepare_bilingual_view": "confdocs.building",
    "write_documents": "confdocs.building",
    "Document": "confdocs.building",
    "Skipped": "confdocs.building",
    "MissingRegistrationsError": "confdocs.building",
    "BuildResult": "confdocs.building",
    "UnknownFormatError": "confdocs.building",
    "compare": "confdocs.building",
    "Comparison": "confdocs.building",
    "Change": "confdocs.diff",
    "diff_events": "confdocs.diff",
    "apply_changes": "confdocs.diff",
    "get_plugin_manager": "confdocs.plugins",
    "PluginHost": "confdocs.plugins",
    "PluginFailure": "confdocs.plugins",
    "Exporter": "confdocs.plugins.protocols",
    "BilingualExporter": "confdocs.plugins.protocols",
    "ExportOptions": "confdocs.plugins.protocols",
    "Recipient": "confdocs.plugins.protocols",
    "RecipientExporter": "confdocs.plugins.protocols",
    "Validator": "confdocs.plugins.protocols",
    "Finding": "confdocs.findings",
    "Severity": "confdocs.findings",
    "error": "confdocs.findings",
    "warning": "confdocs.findings",
    "info": "confdocs.findings",
    "View": "confdocs.view",
    "BilingualView": "confdocs.view",
    "make_view": "confdocs.view",
    "timeline": "confdocs.view",
    "Timeline": "confdocs.view",
    "display_name": "confdocs.view",
    "for_audience": "confdocs.view",
    "for_language": "confdocs.view",
    "ConfdocsError": "confdocs.errors",
    "InputError": "confdocs.errors",
    "PluginError": "confdocs.errors",
    "TemplateError": "confdocs.errors",
    "Problem": "confdocs.errors",
    "Location": "confdocs.errors",
    "counted": "confdocs.display",
    "printable": "confdocs.display",
    "json_printable": "confdocs.display",
    "shown": "confdocs.display",
}
#: Sub-packages a plugin may import besides the names above.
_PACKAGES = ("model", "view", "rendering", "limits", "diff")

__all__ = [
    "BilingualExporter",
    "BilingualView",
    "BuildResult",
    "Change",
    "Comparison",
    "ConfdocsError",
    "Document",
    "ExportOptions",
    "Exporter",
    "Finding",
    "InputError",
    "LoadedEvent",
    "Location",
    "MissingRegistrationsError",
    "PluginError",
    "PluginFailure",
    "PluginHost",
    "Problem",
    "Recipient",
    "RecipientExporter",
    "Registration",
    "Registrations",
    "Severity",
    "Skipped",
    "SourceMap",
    "TemplateError",
    "Timeline",
    "UnknownFormatError",
    "Validator",
    "View",
    "__version__",
    "apply_changes",
    "build",
    "check",
    "compare",
    "counted",
    "diff",
    "diff_events",
    "display_name",
    "dump_event",
    "error",
    "for_audience",
    "for_language",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "info",
    "json_printable",
    "limits",
    "load_event",
    "load_event_with_sources",
    "load_registrations",
    "make_view",
    "model",
    "prepare_bilingual_view",
    "prepare_view",
    "printable",
    "rendering",
    "shown",
    "timeline",
    "view",
    "warning",
    "write_documents",
]

if TYPE_CHECKING:
    from . import diff, limits, model, rendering, view
    from .building import (
        BuildResult,
        Comparison,
        Document,
        MissingRegistrationsError,
        Skipped,
        UnknownFormatError,
        build,
        check,
        compare,
        prepare_bilingual_view,
        prepare_view,
        write_documents,
    )
    from .diff import Change, apply_changes, diff_events
    from .display import json_printable, printable, shown
    from .errors import (
        ConfdocsError,
        InputError,
        Location,
        PluginError,
        Problem,
        TemplateError,
    )
    from .findings import Finding, Severity, error, info, warning
    from .loading import (
        LoadedEvent,
        Registration,
        Registrations,
        SourceMap,
        dump_event,
        load_event,
        load_event_with_sources,
        load_registrations,
    )
    from .plugins import PluginFailure, PluginHost, get_plugin_manager
    from .plugins.hookspecs import hookimpl, hookspec
    from .plugins.protocols import (
        BilingualExporter,
        Exporter,
        ExportOptions,
        Recipient,
        RecipientExporter,
        Validator,
    )
    from .view import (
        BilingualView,
        Timeline,
        View,
        display_name,
        for_audience,
        for_language,
        make_view,
        timeline,
    )


def __getattr__(name: str) -> Any:
    if name in _PACKAGES:
        value = importlib.import_module(f"confdocs.{name}")
    else:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'confdocs' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
