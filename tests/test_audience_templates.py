"""A user template in a public build cannot reach any internal value, by any path.

For each templated format, a template walks everything it receives (every variable, every
attribute of every part, every item of every list and mapping, the view's file form and
``extra``) and prints every string it meets. Built for the internal audience it prints the
Hague contacts' internal values, so the walk reaches them; built for the public it prints
none of them.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

import confdocs
from confdocs import hookimpl
from confdocs import view as view_module


def internal_values(event: Any) -> set[str]:
    """Every value a person of ``event`` marked internal."""
    values = set()
    for person in event.people:
        for name in person.internal:
            value = getattr(person, name)
            if value:
                values.add(value)
    return values


def attribute_names() -> list[str]:
    """Every field and property name of the view's parts and rich text, and where a
    markdown-it token keeps its text."""
    names: set[str] = set()
    for value in vars(view_module).values():
        if isinstance(value, type) and attrs.has(value):
            names |= {f.name for f in attrs.fields(value) if not f.name.startswith("_")}
            names |= {n for n, v in vars(value).items() if isinstance(v, property)}
    # A token's text is in its content and its children; its other fields are markup.
    names |= {"content", "children"}
    return sorted(names - {"labels"})


WALKER = """\
{%- macro walk(x, depth) -%}
{%- if depth < 40 -%}
{%- if x is string -%}{{ x }}|
{%- elif x is mapping -%}{%- for k, v in x.items() -%}{{ k }}|{{ walk(v, depth + 1) }}{%- endfor -%}
{%- elif x is iterable -%}{%- for v in x -%}{{ walk(v, depth + 1) }}{%- endfor -%}
{%- elif x is not none and x is not number and x is not boolean -%}
{%- for name in NAMES -%}{%- if x[name] is defined -%}{{ walk(x[name], depth + 1) }}{%- endif -%}{%- endfor -%}
{%- endif -%}
{%- endif -%}
{%- endmacro -%}
{%- set NAMES = __NAMES__ -%}
{{ walk(view, 0) }}
{{ walk(view.file_form(), 0) }}
{{ walk(extra, 0) }}
{{ walk(labels.as_dict(), 0) }}
"""


class Extra:
    """A plugin that copies what it can of the event it is given into ``extra``."""

    @hookimpl
    def confdocs_extend_view(self, event: Any) -> dict[str, Any]:
        return {"people": [attrs.asdict(p) for p in event.people]}


def build(event: Any, fmt: str, template: Path, audience: str) -> str:
    host = confdocs.get_plugin_manager(plugins=[Extra()])
    options = {"template": str(template), "audience": audience}
    result = confdocs.build(event, [fmt], options, plugins=host)  # type: ignore[arg-type]
    assert not result.failures, result.failures
    return result.documents[0].data.decode("utf-8")


@pytest.fixture(scope="module")
def walker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("walker")
    path = folder / "walk.j2"
    path.write_text(WALKER.replace("__NAMES__", repr(attribute_names())), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_template_walking_everything_reaches_no_internal_value(
    hague_event: Any, walker: Path, fmt: str
) -> None:
    secrets = internal_values(hague_event)
    assert len(secrets) >= 2, "the Hague contacts mark their mobiles internal"
    inside = build(hague_event, fmt, walker, "internal")
    assert all(s in inside for s in secrets), "the walk reaches every value when allowed"
    outside = build(hague_event, fmt, walker, "public")
    assert len(outside) > 10_000, "the walk went through the whole view"
    leaked = [s for s in secrets if s in outside]
    assert not leaked, f"a public build shows {leaked}"


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return [str(value)] if hasattr(value, "__html__") or hasattr(value, "plain") else []


def test_the_word_template_receives_no_internal_value(hague_event: Any) -> None:
    from confdocs_docx.context import build_context
    from confdocs_docx.values import Recorder

    secrets = internal_values(hague_event)
    for audience, expect in (("internal", True), ("public", False)):
        view = confdocs.prepare_view(hague_event, {"audience": audience})  # type: ignore[typeddict-item]
        context = " ".join(strings(build_context(view, None, Recorder())))
        for secret in secrets:
            assert (secret in context) is expect, (audience, secret)


def test_the_word_document_of_a_public_build_holds_no_internal_value(hague_event: Any) -> None:
    [doc] = confdocs.build(hague_event, ["docx"], {"audience": "public"}).documents
    with zipfile.ZipFile(io.BytesIO(doc.data)) as archive:
        xml = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert not [s for s in internal_values(hague_event) if s in xml]
