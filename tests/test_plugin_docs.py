"""docs/plugins.md documents every hook, with its exact signature, and its examples run."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import confdocs
from confdocs.plugins import hookspecs

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugins.md"
HOOKS = sorted(
    name for name, obj in vars(hookspecs).items() if name.startswith("confdocs_") and callable(obj)
)


def sections() -> dict[str, str]:
    """Each ``## heading`` of the guide and its text."""
    text = GUIDE.read_text("utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def signature(name: str) -> str:
    """The hook's signature as the spec writes it (annotations are strings there)."""
    function = getattr(hookspecs, name)
    params = ", ".join(
        f"{p.name}: {p.annotation}" for p in inspect.signature(function).parameters.values()
    )
    return f"{name}({params}) -> {inspect.signature(function).return_annotation}"


def test_there_are_hooks_to_document() -> None:
    assert "confdocs_register_exporters" in HOOKS and len(HOOKS) >= 5


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_section(hook: str) -> None:
    assert hook in sections(), f"docs/plugins.md has no '## {hook}' section"


@pytest.mark.parametrize("hook", HOOKS)
def test_each_section_gives_the_exact_signature(hook: str) -> None:
    text = sections().get(hook, "")
    assert f"**Signature:** `{signature(hook)}`" in text, signature(hook)


@pytest.mark.parametrize("hook", HOOKS)
def test_each_section_says_arguments_when_and_return(hook: str) -> None:
    text = sections().get(hook, "")
    for heading in ("**Arguments:**", "**When it fires:**", "**Return:**"):
        assert heading in text, f"{hook}: {heading} missing"
    for parameter in inspect.signature(getattr(hookspecs, hook)).parameters:
        assert f"`{parameter}`" in text.split("**When it fires:**")[0]


@pytest.mark.parametrize("hook", HOOKS)
def test_each_section_has_an_example_that_uses_the_hook(hook: str) -> None:
    blocks = python_blocks(sections().get(hook, ""))
    assert blocks, f"{hook}: no runnable example"
    assert any(f"def {hook}(" in block for block in blocks)
    assert any("get_plugin_manager(load_entrypoints=False" in block for block in blocks)


EXAMPLES = [
    pytest.param(block, id=f"{title}-{n}")
    for title, text in sections().items()
    for n, block in enumerate(python_blocks(text))
]


@pytest.mark.parametrize("code", EXAMPLES)
def test_examples_run(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "confdocs_docs_example"}
    exec(compile(code, str(GUIDE), "exec"), namespace)
    host = namespace.get("host")
    assert host is not None, "an example makes a plugin manager named host"
    if "host.failures" not in code:  # an example of a plugin's mistake asserts its failures
        assert not host.failures, host.failures  # type: ignore[attr-defined]


def test_the_guide_names_every_builtin_format() -> None:
    formats = confdocs.get_plugin_manager().exporters()
    intro = GUIDE.read_text("utf-8").split("## ")[0]
    for name in ("ics", "schedule-json", "schedule-xml", "json"):
        assert name in formats
        assert f"`{name}`" in intro
