"""The plugin host: a fresh pluggy manager, plugins loaded one by one, what each provides.

There is no global manager. ``get_plugin_manager()`` makes one; tests make their own with
``load_entrypoints=False`` and register small class plugins. Built-in plugins are found through
the ``confdocs`` entry-point group exactly as a third party's are.

Every hook is called through pluggy, so an implementation takes any subset of the hook's
arguments. Each plugin's implementation is called on its own (through a pluggy hook caller that
holds only that plugin), so one failing plugin is reported by name and the others still run,
and a registration knows which plugin made it. ``CONFDOCS_TRACE_PLUGINS=1`` prints every hook
call to standard error: which plugin, how long it took, what it returned.
"""

from __future__ import annotations

import difflib
import inspect
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import pluggy

from ..display import shown
from ..errors import PluginError
from ..model.names import suffix_problem
from . import hookspecs
from .entrypoints import EntryPoint, entry_points
from .protocols import Exporter, Validator, is_per_recipient

if TYPE_CHECKING:
    import click

    from ..diff import Change
    from ..model import Event
    from ..view import View

ENTRY_POINT_GROUP = "confdocs"
#: The formats a distribution's plugins provide, ``format = module[:attribute]`` (the value of
#: the plugin's entry point): read only when a plugin failed, to know its formats without
#: importing it.
FORMATS_GROUP = "confdocs.formats"
T = TypeVar("T")


@attrs.frozen
class PluginFailure:
    """A plugin that could not load or whose hook failed: named, with the reason."""

    plugin: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.message}"


@attrs.frozen
class UnavailableFormat(PluginFailure):
    """A format asked for that no plugin provides, while the plugin known to provide it failed
    to load or register (``causes``): that plugin's failure, not a typo."""

    format: str
    causes: tuple[PluginFailure, ...]
    #: An installed format whose name is close to the one asked for, if any.
    close: str | None = None

    def __str__(self) -> str:
        if len({c.plugin for c in self.causes}) == 1:
            reasons = "; ".join(c.message for c in self.causes)
            why = f"because plugin {self.causes[0].plugin!r} failed: {reasons}"
        else:
            listed = "; ".join(str(c) for c in self.causes)
            why = f"and plugins that may provide it failed: {listed}"
        mean = f" (or did you mean {self.close!r}?)" if self.close else ""
        return f"format {self.format!r} is not available {why}{mean}"


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


class HookManager(pluggy.PluginManager):
    """pluggy's manager, leaving out the hook implementations confdocs refused (one taking an
    argument its hook does not have, one of a hook that does not exist): pluggy registers all
    of a plugin's hooks or none, and a plugin's other hooks should still work."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        #: The attributes left out of each plugin object, by its id.
        self.left_out: dict[int, frozenset[str]] = {}

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if name in self.left_out.get(id(plugin), frozenset()):
            return None
        return super().parse_hookimpl_opts(plugin, name)


class PluginHost:
    """A pluggy manager with confdocs' plugins loaded, and what they registered."""

    def __init__(self, pm: pluggy.PluginManager, strict: bool = False) -> None:
        self.pm = pm
        self.strict = strict
        self.failures: list[PluginFailure] = []
        #: The entry point of each plugin loaded from one; its distribution's metadata is read
        #: only when asked for (``versions``), as reading it costs start-up time.
        self._entry_points: dict[str, EntryPoint] = {}
        self._versions: dict[str, tuple[str | None, str | None]] = {}
        self._exporters: dict[str, Provided[Exporter]] | None = None
        self._validators: dict[str, Provided[Validator]] | None = None
        self._callers: dict[tuple[str, str], Any] = {}
        #: Failures that may have cost formats (a plugin that did not load or register, its
        #: exporters' hook refused or failing), and the formats refused at registration.
        self._format_failures: list[PluginFailure] = []
        self._refused_formats: dict[str, PluginFailure] = {}
        #: Every entry point a plugin was loaded from or failed to load from, by its name.
        self._tried: dict[str, EntryPoint] = {}
        self._declarations: dict[str, tuple[str, ...]] | None = None
        if os.environ.get("CONFDOCS_TRACE_PLUGINS", "").strip() not in ("", "0"):
            trace_hook_calls(pm)

    # -- loading ---------------------------------------------------------------------------

    def fail(self, plugin: str, message: str, hides_formats: bool = False) -> PluginFailure:
        """Record that ``plugin`` failed (raise it, when strict); ``hides_formats``: the
        failure may be why a format is not installed (see :meth:`unavailable`)."""
        if self.strict:
            raise PluginError(plugin, message)
        failure = PluginFailure(plugin, message)
        self.failures.append(failure)
        if hides_formats:
            self._format_failures.append(failure)
        return failure

    def register(self, plugin: object, name: str | None = None) -> None:
        """Register one plugin (a module or an object with hookimpls), checking its hooks: a
        hook implementation that takes an argument its hook does not have, or whose hook does
        not exist, is reported and left out, and the plugin's other hooks still register."""
        name = name or getattr(plugin, "__name__", None) or type(plugin).__name__
        implemented, refused = self._hook_problems(plugin)
        for hook_name, problem in refused.values():
            self.fail(name, problem, hides_formats=hook_name == EXPORTERS_HOOK)
        if refused:
            if len(refused) == implemented:
                return  # nothing of it is left to register
            if not isinstance(self.pm, HookManager):  # a plain pluggy manager: all or nothing
                self.fail(name, "its other hooks are not registered either", hides_formats=True)
                return
            self.pm.left_out[id(plugin)] = frozenset(refused)
        try:
            self.pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            self.fail(name, f"cannot register: {_one_line(exc)}", hides_formats=True)
            return
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(plugin)
            self.fail(name, f"{_one_line(exc)} (is a hook name misspelt?)", hides_formats=True)
            return
        self._exporters = self._validators = None
        self._callers.clear()

    def _hook_problems(self, plugin: object) -> tuple[int, dict[str, tuple[str, str]]]:
        """How many hook implementations ``plugin`` has, and those pluggy would refuse, by
        attribute: the hook's name and what is wrong, in one line that names the arguments
        the hook may take (pluggy's own message spans lines and names none of them)."""
        implemented = 0
        refused: dict[str, tuple[str, str]] = {}
        for attr in dir(plugin):
            try:
                opts = self.pm.parse_hookimpl_opts(plugin, attr)
                method = getattr(plugin, attr) if opts is not None else None
            except Exception:  # pluggy's register reports what it cannot read
                continue
            if opts is None or not callable(method):
                continue
            implemented += 1
            hook_name = opts.get("specname") or attr
            hook = getattr(self.pm.hook, hook_name, None)
            if hook is None or not hook.has_spec() or hook.spec is None:
                if opts.get("optionalhook"):
                    continue
                known = [n for n in dir(hookspecs) if n.startswith("confdocs_")]
                close = difflib.get_close_matches(hook_name, known, n=1)
                hint = f"did you mean {close[0]}?" if close else "the hooks: " + ", ".join(known)
                refused[attr] = (
                    close[0] if close else hook_name,
                    f"hook {hook_name}{_signature(method)} is not a confdocs hook (is its name "
                    f"misspelt? {hint})",
                )
                continue
            allowed = [*hook.spec.argnames, *hook.spec.kwargnames]
            impl = pluggy.HookImpl(plugin, "", method, opts)
            wrong = [a for a in impl.argnames if a not in allowed]
            if wrong:
                names = ", ".join(repr(a) for a in wrong)
                what = "is not an argument" if len(wrong) == 1 else "are not arguments"
                refused[attr] = (
                    hook_name,
                    f"hook {hook_name}{_signature(method)}: {names} {what} of this hook; it may "
                    f"take any of: {', '.join(allowed)}",
                )
        return implemented, refused

    def load_entrypoints(self, only: Iterable[str] | None = None) -> None:
        wanted = None if only is None else set(only)
        for ep in entry_points(ENTRY_POINT_GROUP):
            if wanted is not None and ep.name not in wanted:
                continue
            if self.pm.get_plugin(ep.name) is not None:
                continue
            self._tried.setdefault(ep.name, ep)
            try:
                plugin = ep.load()
            except Exception as exc:  # a broken plugin must not take the others down
                self.fail(
                    ep.name,
                    f"failed to import {ep.value}: {type(exc).__name__}: {_one_line(exc)}",
                    hides_formats=True,
                )
                continue
            self._entry_points[ep.name] = ep
            self.register(plugin, ep.name)

    @property
    def versions(self) -> dict[str, tuple[str | None, str | None]]:
        """Version and distribution name of each plugin loaded from an entry point."""
        for name, ep in self._entry_points.items():
            if name not in self._versions:
                dist = ep.dist
                self._versions[name] = (
                    dist.version if dist else None,
                    dist.metadata["Name"] if dist else None,
                )
        return self._versions

    # -- calling hooks ---------------------------------------------------------------------

    def each(self, hook_name: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call hook ``hook_name`` through pluggy, one plugin at a time, in pluggy's order;
        yield (plugin name, result) for each plugin that returned without raising. A plugin
        that raises is recorded in :attr:`failures` by name, and the others still run."""
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            for result in self.each_of(hook_name, impl.plugin_name, **kwargs):
                yield impl.plugin_name, result

    def _caller(self, hook_name: str, plugin: str) -> Any:
        """A pluggy hook caller for ``hook_name`` that holds only ``plugin``'s implementation:
        called with keywords, it passes the implementation just the arguments it names."""
        key = (hook_name, plugin)
        caller = self._callers.get(key)
        if caller is None:
            others = [
                p
                for name, p in self.pm.list_name_plugin()
                if name != plugin and p is not None
            ]
            caller = self._callers[key] = self.pm.subset_hook_caller(hook_name, others)
        return caller

    # -- what plugins provide ------------------------------------------------------------

    def _collect(
        self, hook_name: str, kind: str, check: Callable[[Any], str | None]
    ) -> dict[str, Provided[Any]]:
        found: dict[str, Provided[Any]] = {}
        current: list[str] = []

        def register(item: Any) -> None:
            # Each registration on its own: a bad one is a failure of the plugin, named by
            # its name (or its type), and returns, so the plugin's next ones still register.
            plugin = current[-1]
            try:
                problem = check(item)
            except Exception as exc:  # a property that raises: the plugin's, not ours
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                failure = self.fail(
                    plugin,
                    f"cannot register {kind} {_named(item)}: {problem}",
                    hides_formats=kind == "exporter",
                )
                named = _name_of(item)
                if kind == "exporter" and named is not None:
                    self._refused_formats.setdefault(named, failure)
                return
            if item.name in found:
                other = found[item.name].plugin
                self.fail(
                    plugin,
                    f"cannot register {kind} {_named(item)}: the name is already registered "
                    f"by plugin {other!r}",
                )
                return
            found[item.name] = Provided(plugin, item)

        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            current.append(impl.plugin_name)
            before = len(self.failures)
            for _ in self.each_of(hook_name, impl.plugin_name, register=register):
                pass
            if hook_name == EXPORTERS_HOOK:  # the hook raised: formats may be missing
                for failure in self.failures[before:]:
                    if failure not in self._format_failures:
                        self._format_failures.append(failure)
        return found

    def each_of(self, hook_name: str, plugin: str, **kwargs: Any) -> Iterator[Any]:
        """Call one plugin's implementation of ``hook_name`` through pluggy; yield its result
        (nothing when it raised, which is recorded in :attr:`failures`)."""
        try:
            results = self._caller(hook_name, plugin)(**kwargs)
        except PluginError as exc:
            self.fail(exc.plugin, str(exc).split(": ", 1)[1])
            return
        except Exception as exc:
            self.fail(plugin, f"{hook_name} raised {type(exc).__name__}: {exc}")
            return
        yield results[0] if results else None

    def exporters(self) -> dict[str, Provided[Exporter]]:
        """Every registered exporter by format name."""
        if self._exporters is None:
            self._exporters = self._collect(
                "confdocs_register_exporters", "exporter", _check_exporter
            )
        return self._exporters

    def unavailable(self, fmt: str) -> UnavailableFormat | None:
        """Why format ``fmt``, which no plugin provides, is missing, when a failed plugin is
        known to provide it: it registered ``fmt`` and had it refused, declares it (the
        ``confdocs.formats`` entry points of its distribution), or is named as it is. None
        otherwise: ``fmt`` is then not a format confdocs knows (a typo, or a plugin not
        installed), even while some other plugin failed, whose formats nobody knows."""
        exporters = self.exporters()
        if fmt in exporters or not self._format_failures:
            return None
        refused = self._refused_formats.get(fmt)
        if refused is not None:
            causes: list[PluginFailure] = [refused]
        else:
            declared = self._declared().get(fmt, ())
            owners = {fmt, *(name for name, ep in self._tried.items() if ep.value in declared)}
            causes = [f for f in self._format_failures if f.plugin in owners]
        if not causes:
            return None
        close = difflib.get_close_matches(fmt, sorted(exporters), n=1)
        plugins = ", ".join(dict.fromkeys(c.plugin for c in causes))
        return UnavailableFormat(
            plugins, "", fmt, tuple(causes), close[0] if close else None
        )

    def _declared(self) -> dict[str, tuple[str, ...]]:
        """The entry point values that declare each format (``confdocs.formats``), read the
        first time a format is missing while a plugin failed."""
        if self._declarations is None:
            values: dict[str, tuple[str, ...]] = {}
            for ep in entry_points(FORMATS_GROUP):
                values[ep.name] = (*values.get(ep.name, ()), ep.value)
            self._declarations = values
        return self._declarations

    def validators(self) -> dict[str, Provided[Validator]]:
        if self._validators is None:
            self._validators = self._collect(
                "confdocs_register_validators", "validator", _check_validator
            )
        return self._validators

    def extend_view(
        self, event: Event, view: View, languages: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """What plugins add to ``view.extra`` (``event`` is the event as the view's audience
        may see it; ``languages`` the build's, the view's locale alone when not given)."""
        extra: dict[str, Any] = {}
        owners: dict[str, str] = {}
        calls = self.each(
            "confdocs_extend_view", event=event, view=view, languages=languages or (view.locale,)
        )
        for plugin, result in calls:
            if result is None:
                continue
            if not isinstance(result, Mapping):
                self.fail(plugin, "confdocs_extend_view must return a mapping or None")
                continue
            for key, value in result.items():
                if key in owners:
                    other = owners[key]
                    self.fail(plugin, f"view key {key!r} is already added by plugin {other!r}")
                    continue
                owners[key] = plugin
                extra[key] = value
        return extra

    def diff(self, old: Event, new: Event, old_view: View, new_view: View) -> list[Change]:
        """What plugins find changed between two versions (``confdocs_diff``), in plugin
        order; a result that is not changes is reported as a failure of its plugin."""
        from ..diff import Change

        found: list[Change] = []
        for plugin, result in self.each(
            "confdocs_diff", old=old, new=new, old_view=old_view, new_view=new_view
        ):
            if result is None:
                continue
            items = list(result) if isinstance(result, Iterable) else [result]
            wrong = [item for item in items if not isinstance(item, Change)]
            if wrong:
                self.fail(
                    plugin,
                    "confdocs_diff must return confdocs.diff.Change objects, "
                    f"not {type(wrong[0]).__name__}",
                )
                continue
            found.extend(items)
        return found

    def labels(self, locale: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for plugin, result in self.each("confdocs_labels", locale=locale):
            if isinstance(result, Mapping):
                out.update({str(k): str(v) for k, v in result.items()})
            elif result is not None:
                self.fail(plugin, "confdocs_labels must return a mapping or None")
        return out

    def register_commands(self, cli: click.Group) -> None:
        for _ in self.each("confdocs_register_commands", cli=cli):
            pass

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


def trace_hook_calls(pm: pluggy.PluginManager) -> None:
    """Print each hook call to standard error: the hook, the plugin, the arguments it named,
    how long it took and what it returned (``CONFDOCS_TRACE_PLUGINS=1``)."""
    started: list[float] = []

    def before(hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        started.append(time.perf_counter())

    def after(
        outcome: Any, hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]
    ) -> None:
        took = (time.perf_counter() - started.pop()) * 1000 if started else 0.0
        for impl in impls:
            named = ", ".join(impl.argnames) or "no arguments"
            exc = outcome.exception
            result = (
                f"raised {type(exc).__name__}: {exc}"
                if exc is not None
                else f"returned {_short(outcome.get_result())}"
            )
            print(
                f"confdocs trace: {hook_name} → plugin {impl.plugin_name!r} ({named}) "
                f"{result} in {took:.1f} ms",
                file=sys.stderr,
            )

    pm.add_hookcall_monitoring(before, after)


def _short(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else value
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


#: The hook whose failure may be why a format is missing.
EXPORTERS_HOOK = "confdocs_register_exporters"


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line (pluggy's span several)."""
    return "; ".join(part.strip() for part in str(exc).splitlines() if part.strip())


def _signature(method: Any) -> str:
    """``(reg)``: the arguments a hook implementation takes, as written."""
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return "(…)"
    return f"({', '.join(parameters)})"


def _name_of(item: Any) -> str | None:
    try:
        name = getattr(item, "name", None)
    except Exception:  # a property that raises
        return None
    return name if isinstance(name, str) and name else None


def _named(item: Any) -> str:
    """An exporter or validator as a message names it: ``'docx'`` by its ``name``, else by
    its type (``of type agenda.Evil``), never by its repr (an object's address)."""
    name = _name_of(item)
    if name is not None:
        return shown(name)
    kind = type(item)
    return f"of type {kind.__module__}.{kind.__qualname__}"


def _check_exporter(item: Any) -> str | None:
    for attr in ("name", "suffix", "media_type"):
        if not isinstance(getattr(item, attr, None), str) or not getattr(item, attr):
            return f"an exporter needs a non-empty text attribute {attr!r}"
    if not callable(getattr(item, "render", None)) and not is_per_recipient(item):
        return (
            "an exporter needs a render(view, options) method, or recipients(view) and "
            "render_recipients(view, recipients, options) for a document per recipient"
        )
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
    pm = HookManager("confdocs")
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm, strict=strict)
    if load_entrypoints:
        env = os.environ.get("CONFDOCS_LOAD_PLUGINS")
        only = None if env is None else [p.strip() for p in env.split(",") if p.strip()]
        host.load_entrypoints(only)
    for plugin in plugins:
        host.register(plugin)
    return host
