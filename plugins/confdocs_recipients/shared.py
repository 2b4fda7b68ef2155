"""The shapes of these plugins' exporters: a format made per recipient, and one made whole,
each naming the function that renders it (imported when first used, so discovering the
plugins stays fast)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

__all__ = ["DOCX", "PerRecipient", "Whole", "of_registrants", "template"]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _renderer(path: str) -> Callable[..., bytes]:
    module, _, function = path.partition(":")
    made: Callable[..., bytes] = getattr(importlib.import_module(module), function)
    return made


def template(name: str) -> bytes:
    """One of the default templates and layouts shipped in ``templates/``."""
    return resources.files("confdocs_recipients").joinpath("templates", name).read_bytes()


def of_registrants(part: str) -> Callable[[View], Sequence[Any]]:
    """Who a format made of the registrants is for: ``view.registrants.<part>`` (none without
    registrations)."""

    def recipients(view: View) -> Sequence[Any]:
        made: Sequence[Any] = getattr(view.registrants, part) if view.registrants else ()
        return made

    return recipients


#: What the documents of this plugin are for: people outside the organisation (authorities,
#: participants), so a build that names no audience leaves out the fields marked internal.
AUDIENCE = "public"


class PerRecipient:
    """A :class:`confdocs.RecipientExporter`: ``recipients(view)`` reads them from the view;
    ``renderer`` (``module:function``) renders some of them into one file."""

    audience = AUDIENCE

    def __init__(
        self,
        name: str,
        suffix: str,
        media_type: str,
        description: str,
        recipients: Callable[[View], Sequence[Any]],
        renderer: str,
        needs_registrations: bool = True,
    ) -> None:
        self.name = name
        self.suffix = suffix
        self.media_type = media_type
        self.description = description
        self.needs_registrations = needs_registrations
        self._recipients = recipients
        self._renderer = renderer

    def recipients(self, view: View) -> Sequence[Any]:
        return self._recipients(view)

    def render_recipients(
        self, view: View, recipients: Sequence[Any], options: ExportOptions
    ) -> bytes:
        return _renderer(self._renderer)(view, recipients, options)


class Whole:
    """A :class:`confdocs.Exporter` made of the registrants, rendered by ``renderer``."""

    needs_registrations = True
    audience = AUDIENCE

    def __init__(self, name: str, suffix: str, media_type: str, description: str,
                 renderer: str) -> None:
        self.name = name
        self.suffix = suffix
        self.media_type = media_type
        self.description = description
        self._renderer = renderer

    def render(self, view: View, options: ExportOptions) -> bytes:
        return _renderer(self._renderer)(view, options)
