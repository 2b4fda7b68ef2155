"""What a plugin author's mistakes look like to the user: each names the plugin and says what
is wrong in one line, and the plugin's other work, and the other plugins', still happens.

A hook taking an argument it is not given, a misspelt hook, a format asked for whose plugin
failed, a validate() taking an argument it is not given, a validator returning a dict, a code
not in its ``codes``, a finding placed where the event has nothing.
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import confdocs
from confdocs import hookimpl, warning
from confdocs.cli import cli

from .conftest import MINIMAL, ROOT, confdocs_cli


class Good:
    name = "good"
    suffix = "good.txt"
    media_type = "text/plain"
    description = "the title"

    def render(self, view: Any, options: Any) -> bytes:
        return view.title.encode()


class GoodPlugin:
    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        register(Good())


class Signs:
    name = "roomsign"
    suffix = "roomsigns.txt"
    media_type = "text/plain"
    description = "room signs"

    def render(self, view: Any, options: Any) -> bytes:
        return b"signs"


class Evening:
    name = "kyiv"
    codes = {"kyiv.evening": "a session in the evening"}

    def validate(self, event: Any) -> Any:
        return [warning("kyiv.evening", "late", "title")]


class WrongArgument:
    """Its exporters' hook names an argument the hook does not have; its validators' is fine."""

    @hookimpl
    def confdocs_register_exporters(self, reg: Any) -> None:
        reg(Signs())

    @hookimpl
    def confdocs_register_validators(self, register: Any) -> None:
        register(Evening())


class Misspelt:
    @hookimpl
    def confdocs_register_exporter(self, register: Any) -> None:  # no "s"
        register(Signs())

    @hookimpl
    def confdocs_register_validators(self, register: Any) -> None:
        register(Evening())


WRONG_ARGUMENT = (
    "plugin 'roomsign': hook confdocs_register_exporters(reg): 'reg' is not an argument of this "
    "hook; it may take any of: register"
)


def host(*plugins: object, **names: object) -> Any:
    made = confdocs.get_plugin_manager(load_entrypoints=False, plugins=plugins)
    for name, plugin in names.items():
        made.register(plugin, name)
    return made


def build(tmp_path: Path, made: Any, *formats: str) -> Any:
    args = ["build", str(MINIMAL), "-o", str(tmp_path / "out")]
    for fmt in formats:
        args += ["-f", fmt]
    return CliRunner().invoke(cli, args, obj={"host": made})


def written(tmp_path: Path) -> list[str]:
    out = tmp_path / "out"
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


# --- a hook's argument names -------------------------------------------------------------


def test_a_wrong_hook_argument_is_one_line_naming_the_arguments_and_the_rest_works() -> None:
    made = host(GoodPlugin(), roomsign=WrongArgument())
    assert [str(f) for f in made.failures] == [WRONG_ARGUMENT]
    assert sorted(made.exporters()) == ["good"]
    # pluggy registers all of a plugin's hooks or none: the one refused is left out, and the
    # plugin's others still are
    assert sorted(made.validators()) == ["kyiv"]
    findings = confdocs.check(confdocs.load_event(MINIMAL), plugins=made)
    assert sorted((f.code, f.validator or "") for f in findings) == [
        ("kyiv.evening", "kyiv"),
        ("plugin.failed", ""),  # the failure, said by check too
    ]
    with pytest.raises(confdocs.PluginError, match="'reg' is not an argument of this hook"):
        confdocs.get_plugin_manager(load_entrypoints=False, plugins=[WrongArgument()], strict=True)


def test_a_misspelt_hook_says_which_it_may_mean_and_the_rest_works() -> None:
    made = host(misspelt=Misspelt())
    assert [str(f) for f in made.failures] == [
        "plugin 'misspelt': hook confdocs_register_exporter(register) is not a confdocs hook "
        "(is its name misspelt? did you mean confdocs_register_exporters?)"
    ]
    assert sorted(made.validators()) == ["kyiv"]
    assert [info.hooks for info in made.info()] == [("confdocs_register_validators",)]


def test_the_check_command_still_runs_the_validator_of_a_plugin_with_a_wrong_hook(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(MINIMAL)], obj={"host": host(roomsign=WrongArgument())}
    )
    assert "kyiv.evening" in result.stdout
    assert "\\n" not in result.stdout + result.stderr
    assert WRONG_ARGUMENT in result.stdout  # a plugin.failed warning among the findings


# --- a format asked for whose plugin failed ----------------------------------------------


def test_a_format_whose_plugin_failed_is_that_plugins_failure_and_the_others_build(
    tmp_path: Path,
) -> None:
    result = build(tmp_path, host(GoodPlugin(), roomsign=WrongArgument()), "roomsign", "good")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.splitlines() == [
        "confdocs: error: format 'roomsign' is not available because plugin 'roomsign' failed: "
        "hook confdocs_register_exporters(reg): 'reg' is not an argument of this hook; it may "
        "take any of: register"
    ]
    assert "Traceback" not in result.output
    assert written(tmp_path) == ["minimal-workshop.good.txt"]


def test_a_format_refused_at_registration_says_why(tmp_path: Path) -> None:
    class Evil(Signs):
        name = "evil"
        suffix = "../../evil.txt"

    class EvilPlugin:
        @hookimpl
        def confdocs_register_exporters(self, register: Any) -> None:
            register(Signs())
            register(Evil())

    result = build(tmp_path, host(GoodPlugin(), roomsign=EvilPlugin()), "evil", "good")
    assert result.exit_code == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(
        "confdocs: error: format 'evil' is not available because plugin 'roomsign' failed: "
        "cannot register exporter 'evil': '../../evil.txt' is not a valid suffix"
    ), line
    assert written(tmp_path) == ["minimal-workshop.good.txt"]


def test_a_typo_is_still_the_inputs_mistake_with_what_it_may_mean(tmp_path: Path) -> None:
    result = build(tmp_path, host(GoodPlugin()), "goood", "good")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        "confdocs: error: unknown format 'goood' (did you mean 'good'?); installed formats: good"
    ]
    assert written(tmp_path) == []


def test_a_typo_while_a_plugin_failed_is_still_the_inputs_mistake(tmp_path: Path) -> None:
    """A plugin failing is no reason to take a typo for its format: its warning comes first,
    then the typo, exit 2, nothing written."""
    result = build(tmp_path, host(GoodPlugin(), roomsign=WrongArgument()), "goood", "good")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"confdocs: warning: {WRONG_ARGUMENT}",
        "confdocs: error: unknown format 'goood' (did you mean 'good'?); installed formats: good",
    ]
    assert "Traceback" not in result.output
    assert written(tmp_path) == []


def test_an_unknown_format_while_a_plugin_failed_is_the_inputs_mistake(tmp_path: Path) -> None:
    result = build(tmp_path, host(GoodPlugin(), roomsign=WrongArgument()), "xyz")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"confdocs: warning: {WRONG_ARGUMENT}",
        "confdocs: error: unknown format 'xyz'; installed formats: good",
    ]
    assert written(tmp_path) == []


def test_an_unknown_format_beside_one_whose_plugin_failed_is_the_inputs_mistake(
    tmp_path: Path,
) -> None:
    """Input errors write nothing, whatever else was asked for."""
    made = host(GoodPlugin(), roomsign=WrongArgument())
    result = build(tmp_path, made, "roomsign", "xyz", "good")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "confdocs: error: unknown format 'xyz'; installed formats: good"
    )
    assert written(tmp_path) == []
    with pytest.raises(confdocs.UnknownFormatError, match="unknown format 'xyz'"):
        confdocs.build(confdocs.load_event(MINIMAL), ["roomsign", "xyz"], plugins=made)


# --- a plugin that fails to import, and the formats it declares -----------------------------

BROKEN_AGENDA = "import a_module_nobody_installed  # the plugin's own dependency is missing\n"


def install(site: Path, dist: str, text: str, modules: dict[str, str]) -> None:
    info = site / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(text)
    for name, source in modules.items():
        (site / f"{name}.py").write_text(source)


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """The plugin ``acme`` (provides ``agenda`` and ``agenda-pdf``, declared without importing
    it), whose import fails."""
    site = tmp_path / "site"
    install(
        site,
        "confdocs_acme",
        "[confdocs]\nacme = acme_plugin\n\n"
        "[confdocs.formats]\nagenda = acme_plugin\nagenda-pdf = acme_plugin\n",
        {"acme_plugin": BROKEN_AGENDA},
    )
    return site


def run_with(site: Path, tmp_path: Path, *formats: str) -> Any:
    env = {
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "CONFDOCS_LOAD_PLUGINS": "markdown,acme",
    }
    args = ["build", str(MINIMAL), "-o", str(tmp_path / "out")]
    for fmt in formats:
        args += ["-f", fmt]
    return confdocs_cli(*args, env=env, timeout=120)


def test_a_format_its_failed_plugin_declares_is_that_plugins_failure(
    broken_site: Path, tmp_path: Path
) -> None:
    result = run_with(broken_site, tmp_path, "agenda-pdf", "md")
    assert result.returncode == 1, result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("confdocs: error:")]
    assert line.startswith(
        "confdocs: error: format 'agenda-pdf' is not available because plugin 'acme' failed: "
        "failed to import acme_plugin: ModuleNotFoundError: "
    ), line
    assert "Traceback" not in result.stderr
    assert written(tmp_path) == ["minimal-workshop.md"]


def test_a_format_nobody_declares_while_a_plugin_failed_to_import_is_unknown(
    broken_site: Path, tmp_path: Path
) -> None:
    result = run_with(broken_site, tmp_path, "xyz", "md")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("confdocs: warning: plugin 'acme': failed to import acme_plugin")
    assert lines[-1] == "confdocs: error: unknown format 'xyz'; installed formats: md"
    assert written(tmp_path) == []


def test_formats_not_asked_for_are_unaffected_by_the_failure(tmp_path: Path) -> None:
    result = build(tmp_path, host(GoodPlugin(), roomsign=WrongArgument()), "good")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"confdocs: warning: {WRONG_ARGUMENT}"]
    assert written(tmp_path) == ["minimal-workshop.good.txt"]


# --- a validator's mistakes ----------------------------------------------------------------


def check(made: Any) -> Any:
    return CliRunner().invoke(cli, ["check", str(MINIMAL)], obj={"host": made})


def validator_plugin(validator: object) -> object:
    class Plugin:
        @hookimpl
        def confdocs_register_validators(self, register: Any) -> None:
            register(validator)

    return Plugin()


def place_of(function: Any, line: int | None = None) -> str:
    """``file:line`` of ``function``'s definition, or of ``line`` in its file."""
    return f"{inspect.getsourcefile(function)}:{line or function.__code__.co_firstlineno}"


def test_a_wrong_validate_argument_names_those_it_may_take_placed_at_the_method() -> None:
    class Misnamed:
        name = "kyiv"
        codes = {"kyiv.evening": "a session in the evening"}

        def validate(self, evnt: Any, timeline: Any) -> Any:
            return []

    result = check(host(roomsign=validator_plugin(Misnamed())))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    at = lines.index(f"  {'plugin.failed':<30} {place_of(Misnamed.validate)}")
    assert lines[at + 1] == (
        "      validator 'kyiv' of plugin 'roomsign' failed: validate(evnt, timeline): 'evnt' is "
        "not an argument of validate(); it may take any of: event, registrations, timeline"
    )


def test_a_raising_validator_is_placed_at_the_line_that_raised() -> None:
    class Raising:
        name = "kyiv"
        codes = {"kyiv.evening": "a session in the evening"}

        def validate(self, event: Any) -> Any:
            rooms: dict[str, Any] = {}
            return rooms["main"]

    [finding] = confdocs.check(
        confdocs.load_event(MINIMAL), plugins=host(roomsign=validator_plugin(Raising()))
    )
    assert finding.code == "plugin.failed"
    assert finding.message == "validator 'kyiv' of plugin 'roomsign' failed: KeyError: 'main'"
    raised = Raising.validate.__code__.co_firstlineno + 2
    assert f"{finding.file}:{finding.line}" == place_of(Raising.validate, raised)


def test_a_validator_returning_a_dict_is_said_to() -> None:
    class Mapping:
        name = "kyiv"
        codes = {"kyiv.x": "x"}

        def validate(self) -> Any:
            return {"kyiv.x": "bad"}

    result = check(host(roomsign=validator_plugin(Mapping())))
    assert result.exit_code == 1, result.output
    assert (
        "      validator 'kyiv' of plugin 'roomsign' validate() returned a dict, not findings: "
        "return (or yield) confdocs.Finding objects, made with confdocs.error, warning or info"
    ) in result.stdout.splitlines()
    assert "(str), not a Finding" not in result.stdout


def test_a_code_not_in_codes_is_kept_and_its_author_warned() -> None:
    class Undeclared:
        name = "kyiv"
        codes = {"kyiv.evening": "a session in the evening"}

        def validate(self) -> Any:
            return [warning("kyiv.other", "not declared", "title")] * 2

    result = check(host(roomsign=validator_plugin(Undeclared())))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert sum(line.startswith("  kyiv.other ") for line in lines) == 2  # the findings stay
    at = lines.index(f"  {'plugin.unknown-code':<30} {place_of(Undeclared.validate)}")
    assert lines[at + 1] == (
        "      validator 'kyiv' of plugin 'roomsign' reported the code 'kyiv.other', which its "
        "codes do not list (kyiv.evening): add it there, with a line saying what it finds"
    )
    assert sum("plugin.unknown-code" in line for line in lines) == 1  # once per code


def test_a_finding_at_an_item_the_event_lacks_warns_its_author() -> None:
    days = len(confdocs.load_event(MINIMAL).programme.days)

    class Misplaced:
        name = "kyiv"
        codes = {"kyiv.evening": "a session in the evening"}

        def validate(self) -> Any:
            yield warning("kyiv.evening", "late", f"programme.days[{days + 7}].slots[0]")
            yield warning("kyiv.evening", "late", "programme.days[0]")  # there: no warning
            yield warning("kyiv.evening", "late", "programme.days[0].slots[99]")

    result = check(host(roomsign=validator_plugin(Misplaced())))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert sum(line.startswith("  kyiv.evening ") for line in lines) == 3
    at = lines.index(f"  {'plugin.unknown-path':<30} {place_of(Misplaced.validate)}")
    assert lines[at + 1] == (
        f"      validator 'kyiv' of plugin 'roomsign' placed a finding at programme.days"
        f"[{days + 7}].slots[0] (and 1 more finding), which the event does not have "
        f"(programme.days has {days} item{'s' if days != 1 else ''}); it is shown at the "
        "nearest part that exists"
    )


def test_each_built_in_plugin_declares_the_formats_it_registers() -> None:
    """So that a built-in plugin that fails to load is blamed for its own formats only."""
    import tomllib

    from confdocs.plugins.entrypoints import entry_points

    with (ROOT / "pyproject.toml").open("rb") as file:
        groups = tomllib.load(file)["project"]["entry-points"]
    built_in = groups["confdocs"]
    registered = {
        fmt: built_in[provided.plugin]
        for fmt, provided in confdocs.get_plugin_manager().exporters().items()
        if provided.plugin in built_in
    }
    assert groups["confdocs.formats"] == registered
    installed = {ep.name: ep.value for ep in entry_points("confdocs.formats")}
    assert installed.items() >= registered.items()  # the metadata is this pyproject's
