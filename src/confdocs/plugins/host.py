"""The plugin host: a fresh pluggy manager, plugins loaded one by one, what each provides.

There is no global manager. ``get_plugin_manager()`` makes one; tests make their own with
``load_entrypoints=False`` and register small class plugins. Built-in plugins are found through
the ``confdocs`` entry-point group exactly as a third party's are.
"""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import pluggy

from ..errors import PluginError
from ..findings import Validator
from ..model.names import suffix_problem
from . import hookspecs
from .protocols import Exporter

if TYPE_CHECKING:
    import click

    from ..model import Event
    from ..view import View

ENTRY_POINT_GROUP = "confdocs"
T = TypeVar("T")


@attrs.frozen
class PluginFailure:
    """A plugin that could not load or whose hook failed: named, with the reason."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.message}"


@attrs.frozen
class Provided(Generic[T]):
    """Something a plugin registered, and which plugin it was."""

    plugin: str
    item: T


@attrs.frozen
class PluginInfo:
    name: str
    version: str | None
    distribution: str | None
    hooks: tuple[str, ...]
    formats: tuple[str, ...]
    checks: tuple[str, ...]


class PluginHost:
    """A pluggy manager with confdocs' plugins loaded, and what they registered."""

    def __init__(self, pm: pluggy.PluginManager, strict: bool = False) -> None:
        self.pm = pm
        self.strict = strict
        self.failures: list[PluginFailure] = []
        #: The distribution of each plugin loaded from an entry point; its metadata is read
        #: only when asked for (``versions``), as reading it costs start-up time.
        self._distributions: dict[str, importlib.metadata.Distribution | None] = {}
        self._versions: dict[str, tuple[str | None, str | None]] = {}
        self._exporters: dict[str, Provided[Exporter]] | None = None
        self._validators: dict[str, Provided[Validator]] | None = None

    # -- loading ---------------------------------------------------------------------------

    def fail(self, plugin: str, message: str) -> None:
        if self.strict:
            raise PluginError(plugin, message)
        self.failures.append(PluginFailure(plugin, message))

    def register(self, plugin: object, name: str | None = None) -> None:
        """Register one plugin (a module or an object with hookimpls), checking its hooks."""
        name = name or getattr(plugin, "__name__", None) or type(plugin).__name__
        try:
            self.pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self.fail(name, f"cannot register: {exc}")
            return
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(plugin)
            self.fail(name, f"{exc} (is a hook name misspelt?)")
            return
        self._exporters = self._validators = None

    def load_entrypoints(self, only: Iterable[str] | None = None) -> None:
        wanted = None if only is None else set(only)
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if wanted is not None and ep.name not in wanted:
                continue
            if self.pm.get_plugin(ep.name) is not None:
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # a broken plugin must not take the others down
                self.fail(ep.name, f"failed to import {ep.value}: {type(exc).__name__}: {exc}")
                continue
            self._distributions[ep.name] = ep.dist
            self.register(plugin, ep.name)

    @property
    def versions(self) -> dict[str, tuple[str | None, str | None]]:
        """Version and distribution name of each plugin loaded from an entry point."""
        for name, dist in self._distributions.items():
            if name not in self._versions:
                self._versions[name] = (
                    dist.version if dist else None,
                    dist.metadata["Name"] if dist else None,
                )
        return self._versions

    # -- what plugins provide ------------------------------------------------------------

    def _collect(
        self, hook: Any, kind: str, check: Callable[[Any], str | None]
    ) -> dict[str, Provided[Any]]:
        found: dict[str, Provided[Any]] = {}
        for impl in reversed(hook.get_hookimpls()):
            plugin = impl.plugin_name

            def register(item: Any, plugin: str = plugin) -> None:
                problem = check(item)
                if problem:
                    raise PluginError(plugin, f"cannot register {kind} {item!r}: {problem}")
                if item.name in found:
                    other = found[item.name].plugin
                    raise PluginError(
                        plugin,
                        f"{kind} name {item.name!r} is already registered by plugin {other!r}",
                    )
                found[item.name] = Provided(plugin, item)

            try:
                impl.function(register=register)
            except PluginError as exc:
                self.fail(plugin, str(exc).split(": ", 1)[1])
            except Exception as exc:
                self.fail(plugin, f"{hook.name} raised {type(exc).__name__}: {exc}")
        return found

    def exporters(self) -> dict[str, Provided[Exporter]]:
        """Every registered exporter by format name."""
        if self._exporters is None:
            self._exporters = self._collect(
                self.pm.hook.confdocs_register_exporters, "exporter", _check_exporter
            )
        return self._exporters

    def validators(self) -> dict[str, Provided[Validator]]:
        if self._validators is None:
            self._validators = self._collect(
                self.pm.hook.confdocs_register_validators, "validator", _check_validator
            )
        return self._validators

    def extend_view(self, event: Event, view: View) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        owners: dict[str, str] = {}
        for impl in reversed(self.pm.hook.confdocs_extend_view.get_hookimpls()):
            try:
                result = impl.function(event=event, view=view)
            except Exception as exc:
                self.fail(
                    impl.plugin_name, f"confdocs_extend_view raised {type(exc).__name__}: {exc}"
                )
                continue
            if result is None:
                continue
            if not isinstance(result, Mapping):
                self.fail(impl.plugin_name, "confdocs_extend_view must return a mapping or None")
                continue
            for key, value in result.items():
                if key in owners:
                    self.fail(
                        impl.plugin_name,
                        f"view key {key!r} is already added by plugin {owners[key]!r}",
                    )
                    continue
                owners[key] = impl.plugin_name
                extra[key] = value
        return extra

    def labels(self, locale: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for impl in reversed(self.pm.hook.confdocs_labels.get_hookimpls()):
            try:
                result = impl.function(locale=locale)
            except Exception as exc:
                self.fail(impl.plugin_name, f"confdocs_labels raised {type(exc).__name__}: {exc}")
                continue
            if isinstance(result, Mapping):
                out.update({str(k): str(v) for k, v in result.items()})
            elif result is not None:
                self.fail(impl.plugin_name, "confdocs_labels must return a mapping or None")
        return out

    def register_commands(self, cli: click.Group) -> None:
        for impl in reversed(self.pm.hook.confdocs_register_commands.get_hookimpls()):
            try:
                impl.function(cli=cli)
            except Exception as exc:
                self.fail(
                    impl.plugin_name,
                    f"confdocs_register_commands raised {type(exc).__name__}: {exc}",
                )

    def info(self) -> list[PluginInfo]:
        """Each plugin: name, version, hooks, and the formats and checks it provides."""
        exporters, validators = self.exporters(), self.validators()
        out = []
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda p: str(p[0])):
            if plugin is None:
                continue
            hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or []))
            version, dist = self.versions.get(str(name), (None, None))
            out.append(
                PluginInfo(
                    name=str(name),
                    version=version or getattr(plugin, "__version__", None),
                    distribution=dist,
                    hooks=hooks,
                    formats=tuple(sorted(k for k, v in exporters.items() if v.plugin == name)),
                    checks=tuple(
                        sorted(
                            c for v in validators.values() if v.plugin == name for c in v.item.codes
                        )
                    ),
                )
            )
        return out


def _check_exporter(item: Any) -> str | None:
    for attr in ("name", "suffix", "media_type"):
        if not isinstance(getattr(item, attr, None), str) or not getattr(item, attr):
            return f"an exporter needs a non-empty text attribute {attr!r}"
    if not callable(getattr(item, "render", None)):
        return "an exporter needs a render(view, options) method"
    return suffix_problem(item.suffix)


def _check_validator(item: Any) -> str | None:
    if not isinstance(getattr(item, "name", None), str):
        return "a validator needs a text attribute 'name'"
    if not isinstance(getattr(item, "codes", None), Mapping):
        return "a validator needs 'codes', a mapping from code to description"
    if not callable(getattr(item, "validate", None)):
        return "a validator needs a validate(event, registrations) method"
    return None


def get_plugin_manager(
    load_entrypoints: bool = True,
    plugins: Iterable[object] = (),
    strict: bool = False,
) -> PluginHost:
    """A new plugin host.

    ``load_entrypoints`` loads the plugins installed in the ``confdocs`` entry-point group; the
    environment variable ``CONFDOCS_LOAD_PLUGINS`` (``markdown,html``) picks some of them, and
    an empty value loads none. ``plugins`` are registered as well (objects or modules with
    hookimpls). With ``strict``, a plugin that fails raises :class:`PluginError` instead of
    being reported in ``host.failures``.
    """
    pm = pluggy.PluginManager("confdocs")
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm, strict=strict)
    if load_entrypoints:
        env = os.environ.get("CONFDOCS_LOAD_PLUGINS")
        only = None if env is None else [p.strip() for p in env.split(",") if p.strip()]
        host.load_entrypoints(only)
    for plugin in plugins:
        host.register(plugin)
    return host
