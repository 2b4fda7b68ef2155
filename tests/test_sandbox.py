"""User templates run sandboxed: no attribute tricks, no files outside the template's folder,
no operation that exhausts memory. Each attempt is a TemplateError naming the template, never a
crash and never the secret in the output.

Through confdocs.rendering.templating (make_environment, render, file_loader) and through
``confdocs build --template`` for the Markdown and HTML formats.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import confdocs
from confdocs.cli import cli
from confdocs.errors import TemplateError
from confdocs.rendering.templating import file_loader, make_environment, render

from .conftest import MINIMAL

SECRET = "TOPSECRET-6f1c"

ESCAPES = {
    "class_mro": "{{ x.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__base__.__subclasses__() }}",
    "function_globals": "{{ f.__globals__ }}",
    "cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "lipsum": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "joiner": "{{ joiner.__init__.__globals__ }}",
    "namespace": "{{ namespace.__init__.__globals__ }}",
    "self_context": "{{ self._TemplateReference__context }}",
    "self_globals": "{{ self.__init__.__globals__ }}",
    "self_dict": "{{ self.__dict__ }}",
    "range_globals": "{{ range.__globals__ }}",
    "loop_cycle_globals": "{% for i in [1] %}{{ loop.cycle.__globals__ }}{% endfor %}",
    "attr_filter": "{{ x|attr('__class__') }}",
    "format_attribute": "{{ '{0.__class__.__mro__}'.format(x) }}",
    "format_map_attribute": "{{ '{x.__class__}'.format_map({'x': x}) }}",
    "percent_format": "{{ '%s' % x.__class__ }}",
    "dict_update": "{{ d.update({'a': 1}) }}",
    "list_append": "{{ l.append(1) }}",
    "config": "{{ config.items() }}",
    "request": "{{ request.application.__globals__ }}",
    "getattr_string": "{{ x['__class__'] }}",
    "import_os": "{% import 'os' as os %}{{ os.system('id') }}",
}

FILES = {
    "include_absolute": "{% include '/etc/passwd' %}",
    "include_parent": "{% include '../secret.txt' %}",
    "import_parent": "{% import '../secret.txt' as m %}",
    "from_import_parent": "{% from '../secret.txt' import x %}",
    "extends_parent": "{% extends '../secret.txt' %}",
    "include_symlink": "{% include 'link.txt' %}",
    "include_symlinked_folder": "{% include 'linked/secret.txt' %}",
}

RESOURCES = {
    "string_repeat": "{{ ('a' * 10**10)|length }}",
    "list_repeat": "{{ ([1] * 10**10)|length }}",
    "joined_repeat": "{{ ['x']|join('') * 10**10 }}",
    "power": "{{ 10 ** 100000000 }}",
    "center": "{{ 'a'|center(10**10)|length }}",
    "indent": "{{ 'a\nb'|indent(10**9)|length }}",
    # Widths a template may give, on many lines: sized before the filter runs.
    "indent_every_line": "{{ ('a\n' * 4000)|indent(1000000)|length }}",
    "indent_by_name": "{{ ('a\n' * 4000)|indent(width=1000000)|length }}",
    # Items cost memory beyond their letters: a split is sized before it runs.
    "split_words": (
        "{% set s = 'ab ' * 1000000 %}{% set s = s ~ s ~ s ~ s %}{% set s = s ~ s %}"
        "{{ s.split()|length }}"
    ),
    "splitlines": "{% set s = 'a\n' * 10000000 %}{{ s.splitlines()|length }}",
    "list_of_letters": "{% set s = 'a' * 10000000 %}{{ s|list|length }}",
    # Cutting a long word copies what is left of it at every cut: minutes, not memory.
    "wordwrap_long_word": "{{ ('a' * 1000000)|wordwrap(1)|length }}",
    "batch": "{{ [1]|batch(10**10, 0)|list|length }}",
    "slice": "{{ [1]|slice(10**9)|list|length }}",
    "ljust": "{{ 'a'.ljust(10**10)|length }}",
    "expandtabs": "{{ '\t'.expandtabs(10**10)|length }}",
    "percent_width": "{{ '%10000000000s' % 'a' }}",
    "percent_star": "{{ '%*s' % (10**10, 'a') }}",
    "format_width": "{{ '{:>10000000000}'.format('a') }}",
    "format_nested_width": "{{ '{:{}}'.format('a', 10**10) }}",
    "format_filter": "{{ '%10000000000s'|format('a') }}",
    "range": "{{ range(10**9)|list|length }}",
    "nested_loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx"
        "{% endfor %}{% endfor %}"
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A template folder beside a secret, with links pointing out of it."""
    (tmp_path / "secret.txt").write_text(SECRET)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "link.txt").symlink_to(tmp_path / "secret.txt")
    (templates / "linked").symlink_to(tmp_path)
    return templates


def _render(folder: Path, text: str) -> str:
    (folder / "user.j2").write_text(text)
    loader, name = file_loader(folder / "user.j2")
    env = make_environment(loader)
    return render(env, name, {"x": 1, "f": render, "d": {}, "l": []})


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_attribute_escapes_are_refused(case: str, folder: Path) -> None:
    with pytest.raises(TemplateError, match=r"^template user\.j2") as caught:
        _render(folder, ESCAPES[case])
    assert "line 1" in str(caught.value) or "not allowed" in str(caught.value)


@pytest.mark.parametrize("case", sorted(FILES))
def test_files_outside_the_template_folder_are_refused(case: str, folder: Path) -> None:
    with pytest.raises(TemplateError, match=r"^template user\.j2") as caught:
        _render(folder, FILES[case])
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("{% include '/etc/passwd' %}",
         "no template /etc/passwd to include in the template's folder"),
        ("{% include 'missing.j2' %}", "no template missing.j2 to include in the template's folder"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
         "it calls itself without end (a macro or include that recurses)"),
        ("{% include 'user.j2' %}", "it calls itself without end (a macro or include that recurses)"),
    ],
    ids=["absolute-include", "missing-include", "recursive-macro", "recursive-include"],
)
def test_a_template_mistake_says_what_is_wrong(folder: Path, text: str, reason: str) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(folder, text)
    assert caught.value.reason == reason
    assert str(caught.value) == f"template user.j2, line 1: {reason}"


def test_files_inside_the_template_folder_are_fine(folder: Path) -> None:
    (folder / "part.j2").write_text("{% macro hi(n) %}hello {{ n }}{% endmacro %}")
    (folder / "base.j2").write_text("[{% block body %}{% endblock %}]")
    text = (
        "{% extends 'base.j2' %}{% import 'part.j2' as p %}"
        "{% block body %}{{ p.hi('you') }} {{ '%-5s|' % 'ab' }} {{ 'x' * 3 }}{% endblock %}"
    )
    assert _render(folder, text) == "[hello you ab   | xxx]"


@pytest.fixture
def memory_cap() -> object:
    """A 2 GB address-space cap, so a template that escaped the bounds fails fast here."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = 2 * 1024**3
    if hard != resource.RLIM_INFINITY and hard < cap:
        cap = hard
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize("case", sorted(RESOURCES))
def test_templates_cannot_exhaust_memory(case: str, folder: Path, memory_cap: object) -> None:
    with pytest.raises(TemplateError, match=r"^template user\.j2"):
        _render(folder, RESOURCES[case])


def test_the_sized_filters_still_do_their_work(folder: Path) -> None:
    text = (
        "{{ 'x\ny'|indent(2) }}|{{ 'x\ny'|indent(width='- ', first=true) }}|"
        "{{ ('word ' * 100)|wordwrap(20)|length }}|{{ 'a b  c'.split()|length }}|"
        "{{ 'a,b,c'.split(',', 1)|length }}|{{ 'abc'|list|length }}|"
        "{{ 'a\nb'.splitlines()|length }}"
    )
    assert _render(folder, text) == "x\n  y|- x\n- y|499|3|2|3|2"


def test_undefined_variables_are_errors_not_blanks(folder: Path) -> None:
    with pytest.raises(TemplateError, match="unknown variable: 'titel' is undefined"):
        _render(folder, "{{ titel }}")


# --- through the command line -------------------------------------------------------------

FORMATS = {"md": "outline.md.j2", "html": "outline.html.j2"}


def _formats() -> list[str]:
    available = confdocs.get_plugin_manager().exporters()
    return [name for name in FORMATS if name in available]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    "attack",
    [
        ESCAPES["class_mro"],
        ESCAPES["cycler"],
        ESCAPES["self_context"],
        FILES["include_parent"],
        FILES["include_symlink"],
        RESOURCES["string_repeat"],
    ],
)
def test_template_option_runs_sandboxed(fmt: str, attack: str, folder: Path) -> None:
    if fmt not in _formats():
        pytest.skip(f"the {fmt} exporter is not installed")
    template = folder / FORMATS[fmt]
    template.write_text("{{ view.title }}\n" + attack + "\n")
    out = folder.parent / "out"
    result = CliRunner().invoke(
        cli,
        ["build", str(MINIMAL), "-o", str(out), "-f", fmt, "--template", str(template)],
    )
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    assert FORMATS[fmt] in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert not out.exists() or not any(out.iterdir())


def test_template_option_in_a_real_process(folder: Path) -> None:
    if "md" not in _formats():
        pytest.skip("the md exporter is not installed")
    template = folder / "outline.md.j2"
    template.write_text("{{ cycler.__init__.__globals__.os.popen('echo pwned').read() }}")
    out = folder.parent / "out"
    args = ["build", str(MINIMAL), "-o", str(out), "-f", "md", "--template", str(template)]
    result = subprocess.run(
        [sys.executable, "-m", "confdocs", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "pwned" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_remembered_answers_are_the_sandboxs_own() -> None:
    """The environment remembers, per class and name, whether an attribute is safe: asked
    again, in any order, on objects of the same classes, it answers as Jinja's sandbox does,
    and an abstract base class registering a class makes it ask again."""
    import collections.abc

    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = make_environment(None)
    jinja = ImmutableSandboxedEnvironment()

    class Mapping:
        def keys(self) -> list[str]:
            return []

        def clear(self) -> None: ...

        def update(self) -> None: ...

    objects: list[object] = [{}, [], set(), "", 1, Mapping(), render, Mapping, (i for i in ())]
    names = ["keys", "clear", "update", "append", "upper", "mro", "gi_frame", "__class__", "_x"]
    for _ in range(2):
        for obj in objects:
            for name in names:
                assert env.is_safe_attribute(obj, name, None) == jinja.is_safe_attribute(
                    obj, name, None
                ), (obj, name)
    assert env.is_safe_attribute(Mapping(), "clear", None)
    collections.abc.MutableMapping.register(Mapping)
    assert not env.is_safe_attribute(Mapping(), "clear", None)
    assert not jinja.is_safe_attribute(Mapping(), "clear", None)
    assert env.is_safe_attribute(Mapping(), "keys", None)

    class Disguised:
        """An object that says it is a list: the sandbox's isinstance believes it."""

        @property  # type: ignore[misc]
        def __class__(self) -> type:
            return list

    assert not env.is_safe_attribute(Disguised(), "append", None)
    assert not jinja.is_safe_attribute(Disguised(), "append", None)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_only_the_plugins_own_layouts_render_outside_the_sandbox(
    fmt: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin's own layout is its code (confdocs.rendering.templating, ``trusted``); any
    ``--template`` is the sandbox's, whatever it holds."""
    from jinja2.sandbox import SandboxedEnvironment

    if fmt not in confdocs.get_plugin_manager().exporters():
        pytest.skip(f"the {fmt} exporter is not installed")
    asked: list[str] = []
    real = SandboxedEnvironment.getattr

    def counting(self: object, obj: object, attribute: str) -> object:
        asked.append(attribute)
        return real(self, obj, attribute)  # type: ignore[arg-type]

    monkeypatch.setattr(SandboxedEnvironment, "getattr", counting)
    event = confdocs.load_event(MINIMAL)
    assert confdocs.build(event, [fmt]).ok
    assert asked == [], "the built-in layout went through the sandbox"
    if fmt == "docx":
        from confdocs_docx.exporter import default_template_bytes

        template = folder / "mine.docx"
        template.write_bytes(default_template_bytes())
    else:
        template = folder / FORMATS[fmt]
        template.write_text("{{ view.title }} {{ view.id }}\n")
    assert confdocs.build(event, [fmt], {"template": str(template)}).ok
    assert asked, "a user's template went round the sandbox"


def test_trust_follows_the_loader(folder: Path) -> None:
    """Only the loader layout_loader gives a plugin's own layouts is trusted by default; a
    user's file, or any other loader, is sandboxed unless said otherwise."""
    from jinja2 import DictLoader, PackageLoader
    from jinja2.sandbox import SandboxedEnvironment

    from confdocs.rendering import layout_loader

    own, _ = layout_loader(None, "confdocs_markdown", "outline.md.j2")
    (folder / "mine.md.j2").write_text("{{ title }}")
    users, _ = layout_loader(str(folder / "mine.md.j2"), "confdocs_markdown", "outline.md.j2")
    assert not isinstance(make_environment(own), SandboxedEnvironment)
    for loader in (users, PackageLoader("confdocs_markdown", "templates"), DictLoader({}), None):
        assert isinstance(make_environment(loader), SandboxedEnvironment)
    assert not isinstance(make_environment(None, trusted=True), SandboxedEnvironment)
    assert isinstance(make_environment(own, trusted=False), SandboxedEnvironment)
