"""The plugin host: a fresh manager each time, plugins loaded one by one, names in every failure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import confdocs
from confdocs import hookimpl
from confdocs.findings import Finding, Severity
from confdocs.plugins import get_plugin_manager

from .conftest import MINIMAL, confdocs_cli


class TextExporter:
    name = "txt"
    suffix = "txt"
    media_type = "text/plain"
    description = "The title, as plain text."

    def render(self, view: Any, options: Any) -> bytes:
        return view.title.encode()


class TextPlugin:
    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(TextExporter())


class SameNamePlugin:
    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(TextExporter())


class TitleValidator:
    name = "title-length"
    codes = {"title.long": "a title longer than 10 characters"}

    def validate(self, event: Any, registrations: Any) -> list[Finding]:
        if len(event.title) > 10:
            return [Finding(Severity.WARNING, "title.long", "the title is long", "title")]
        return []


class ValidatorPlugin:
    @hookimpl
    def confdocs_register_validators(self, register: Any) -> None:
        register(TitleValidator())


class MisspeltPlugin:
    @hookimpl
    def confdocs_register_exporter(self, register: Any) -> None:  # no "s": no such hook
        raise AssertionError("never called")


class RaisingPlugin:
    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        raise RuntimeError("boom")


class BadExporterPlugin:
    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(object())


def host(*plugins: object) -> confdocs.plugins.PluginHost:
    return get_plugin_manager(load_entrypoints=False, plugins=plugins)


def test_each_manager_is_fresh() -> None:
    first = host(TextPlugin())
    second = host()
    assert "txt" in first.exporters()
    assert second.exporters() == {}


def test_registered_exporter_builds() -> None:
    event = confdocs.load_event(MINIMAL)
    result = confdocs.build(event, ["txt"], plugins=host(TextPlugin()))
    assert result.ok
    [doc] = result.documents
    assert doc.filename == f"{event.id}.txt"
    assert doc.data == event.title.encode()


def test_duplicate_format_names_both_plugins() -> None:
    h = host(TextPlugin(), SameNamePlugin())
    h.exporters()
    [failure] = h.failures
    assert "'txt'" in failure.message
    assert {failure.plugin, failure.message.split("plugin ")[-1].strip("'")} == {
        "TextPlugin",
        "SameNamePlugin",
    }


def test_misspelt_hook_is_reported_by_check_pending() -> None:
    h = host(MisspeltPlugin(), TextPlugin())
    assert [f.plugin for f in h.failures] == ["MisspeltPlugin"]
    assert "confdocs_register_exporter" in h.failures[0].message
    assert "txt" in h.exporters()  # the others still load


def test_strict_raises_with_the_plugin_name() -> None:
    with pytest.raises(confdocs.PluginError, match="MisspeltPlugin"):
        get_plugin_manager(load_entrypoints=False, plugins=[MisspeltPlugin()], strict=True)


@pytest.mark.parametrize("plugin", [RaisingPlugin(), BadExporterPlugin()])
def test_failing_registration_is_named_and_isolated(plugin: object) -> None:
    h = host(plugin, TextPlugin())
    assert "txt" in h.exporters()
    assert [f.plugin for f in h.failures] == [type(plugin).__name__]


def test_validators_run_with_paths_and_places() -> None:
    from confdocs.loading import load_event_with_sources

    loaded = load_event_with_sources(MINIMAL)
    event = confdocs.model.Event(**{**_fields(loaded.event), "title": "A very long title"})
    findings = confdocs.check(event, plugins=host(ValidatorPlugin()), sources=loaded.sources)
    [finding] = findings
    assert finding.code == "title.long"
    assert finding.validator == "title-length"
    assert finding.file == str(MINIMAL) and finding.line is not None


def test_a_raising_validator_is_a_finding_not_a_crash() -> None:
    class Broken:
        name = "broken"
        codes = {"x.y": "never"}

        def validate(self, event: Any, registrations: Any) -> list[Finding]:
            raise ValueError("oops")

    class Plugin:
        @hookimpl
        def confdocs_register_validators(self, register: Any) -> None:
            register(Broken())

    findings = confdocs.check(confdocs.load_event(MINIMAL), plugins=host(Plugin()))
    assert [(f.code, f.severity) for f in findings] == [("plugin.failed", Severity.ERROR)]
    assert "broken" in findings[0].message and "oops" in findings[0].message


def test_extend_view_and_labels_hooks() -> None:
    class Extra:
        @hookimpl
        def confdocs_extend_view(self, event: Any, view: Any) -> dict[str, Any]:
            return {"slots": sum(len(d.slots) for d in view.programme)}

        @hookimpl
        def confdocs_labels(self, locale: str) -> dict[str, str]:
            return {"programme": "Agenda"} if locale.startswith("en") else {}

    view = confdocs.prepare_view(confdocs.load_event(MINIMAL), plugins=host(Extra()))
    assert view.extra["slots"] >= 1
    assert view.labels["programme"] == "Agenda"


def test_load_plugins_env_picks_and_empty_loads_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFDOCS_LOAD_PLUGINS", "")
    assert get_plugin_manager().pm.get_plugins() == set()
    monkeypatch.setenv("CONFDOCS_LOAD_PLUGINS", "markdown")
    names = [name for name, _ in get_plugin_manager().pm.list_name_plugin()]
    assert names == ["markdown"]


def test_broken_entry_point_is_reported_and_others_load(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    info = tmp_path / "confdocs_broken-0.1.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[confdocs]\nbroken = no_such_module_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("CONFDOCS_LOAD_PLUGINS", raising=False)
    h = get_plugin_manager()
    assert [f.plugin for f in h.failures if f.plugin == "broken"] == ["broken"]
    assert "no_such_module_xyz" in h.failures[0].message
    assert h.pm.get_plugin("markdown") is not None


def test_plugins_command_lists_builtins_with_versions(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("plugins", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    plugins = data["plugins"] if isinstance(data, dict) else data
    by_name = {p["name"]: p for p in plugins}
    for name in ("markdown", "html", "docx", "quota", "timing"):
        assert by_name[name]["version"] == confdocs.__version__
    text = run_cli("plugins")
    assert text.returncode == 0
    assert "markdown 0.1.0" in text.stdout


def _fields(obj: Any) -> dict[str, Any]:
    import attrs

    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))}


def test_public_build_is_the_function_even_after_the_cli_is_imported() -> None:
    import confdocs.cli

    assert callable(confdocs.build) and confdocs.build.__module__ == "confdocs.building"
    assert callable(confdocs.check)


def test_an_implementation_takes_only_the_arguments_it_names(hague_event: Any) -> None:
    class OneArgument:
        @hookimpl
        def confdocs_extend_view(self, view: Any) -> dict[str, Any]:
            return {"days": len(view.programme)}

    class NoArgument:
        @hookimpl
        def confdocs_labels(self) -> dict[str, str]:
            return {"programme": "Agenda"}

    plugins = host(OneArgument(), NoArgument())
    view = confdocs.prepare_view(hague_event, plugins=plugins)
    assert view.extra == {"days": 3}
    assert view.labels["programme"] == "Agenda"
    assert not plugins.failures


def test_a_failing_hook_is_named_and_the_others_still_run(hague_event: Any) -> None:
    class Broken:
        @hookimpl
        def confdocs_extend_view(self, view: Any) -> dict[str, Any]:
            raise RuntimeError("boom")

    class Fine:
        @hookimpl
        def confdocs_extend_view(self, event: Any, view: Any) -> dict[str, Any]:
            return {"fine": event.id}

    plugins = host(Broken(), Fine())
    view = confdocs.prepare_view(hague_event, plugins=plugins)
    assert view.extra == {"fine": "hague-2019"}
    [failure] = plugins.failures
    assert "Broken" in failure.plugin and "boom" in failure.message


def test_extend_view_gets_the_event_as_the_audience_may_see_it(hague_event: Any) -> None:
    seen: list[Any] = []

    class Looks:
        @hookimpl
        def confdocs_extend_view(self, event: Any) -> None:
            seen.append(event)

    confdocs.prepare_view(hague_event, {"audience": "public"}, host(Looks()))
    assert all(p.mobile is None for p in seen[0].people)
    assert any(p.mobile for p in hague_event.people)


def test_tracing_prints_each_hook_call(tmp_path: Path) -> None:
    result = confdocs_cli(
        "build", str(MINIMAL), "-f", "md", "-o", str(tmp_path),
        env={"CONFDOCS_TRACE_PLUGINS": "1", "CONFDOCS_LOAD_PLUGINS": "markdown"},
    )
    assert result.returncode == 0, result.stderr
    assert "confdocs trace: confdocs_register_exporters → plugin 'markdown' (register)" in result.stderr
    assert "returned" in result.stderr and " ms" in result.stderr


def test_a_validator_takes_the_timeline_when_it_names_it(hague_event: Any) -> None:
    class Gaps:
        name = "gaps"
        codes = {"gaps.open": "a slot that is a moment (an end-of-day marker)"}

        def validate(self, timeline: Any) -> Any:
            for slot in timeline.slots():
                if slot.start is not None and slot.end == slot.start:
                    yield confdocs.info("gaps.open", "a moment", slot.path)

    class Registers:
        @hookimpl
        def confdocs_register_validators(self, register: Any) -> None:
            register(Gaps())

    findings = confdocs.check(hague_event, plugins=host(Registers()))
    assert [f.path for f in findings] == ["programme.days[1].slots[15]"]  # End of day 1
    assert findings[0].line is not None
