"""The hooks confdocs calls, and the markers plugins use.

Each hook's docstring is its documentation; ``docs/plugins.md`` gives each a section with a
runnable example, and a test checks that none is missing. Hooks are always called with keyword
arguments; an argument may be added later, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from ..diff import Change
    from ..model import Event
    from ..view import View
    from .protocols import Exporter, Validator

hookspec = pluggy.HookspecMarker("confdocs")
hookimpl = pluggy.HookimplMarker("confdocs")


@hookspec
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output formats.

    Called once when a plugin manager is made. Call ``register(exporter)`` for each
    :class:`confdocs.Exporter` the plugin provides; a format name already taken is refused
    with an error naming both plugins. Return nothing.
    """


@hookspec
def confdocs_register_validators(register: Callable[[Validator], None]) -> None:
    """Register checks.

    Called once when a plugin manager is made. Call ``register(validator)`` for each
    :class:`confdocs.Validator`; ``confdocs check`` runs them all. Return nothing.
    """


@hookspec
def confdocs_extend_view(
    event: Event, view: View, languages: tuple[str, ...]
) -> Mapping[str, Any] | None:
    """Add to the format-neutral view before any exporter renders it.

    Called once per view, after the core made ``view``: once per build, twice for a
    bilingual one (a view per language). ``event`` is the event as the view's audience may see
    it (in a public build, without what was marked internal); ``languages`` the build's
    languages (``("fr",)``, or ``("fr", "en")`` for a bilingual document; ``view.locale`` is
    the one of this view). Return a mapping; its items are added to ``view.extra`` (templates
    see them as ``extra``). Return None to add nothing. A key two plugins both return is an
    error naming both.
    """


@hookspec
def confdocs_register_commands(cli: click.Group) -> None:
    """Add sub-commands to the ``confdocs`` command line.

    Called when the CLI starts. Decorate functions with ``@cli.command()``. Return nothing.
    """


@hookspec
def confdocs_labels(locale: str) -> Mapping[str, str] | None:
    """Labels ("Programme", "Coffee break" …) for ``locale``, to add or override.

    Called when a view is made for that locale. Return a mapping from label key to text, or
    None. Later plugins override earlier ones; the built-in catalogs come first.
    """


@hookspec
def confdocs_diff(
    old: Event, new: Event, old_view: View, new_view: View
) -> Iterable[Change] | None:
    """What changed between two versions in what the plugin adds or knows.

    Called when two versions are compared (``confdocs diff``, ``build --changes-since``),
    after the core found its own changes. ``old`` and ``new`` are the two versions (as the
    audience may see them); ``old_view`` and ``new_view`` their views, with what plugins added
    to ``extra``. Return :class:`confdocs.diff.Change` objects (a ``kind`` starting with the
    plugin's name, a ``message``, a ``path`` or ``old_path`` when the change sits in the event
    file), or None. They join the change list every format shows.
    """
