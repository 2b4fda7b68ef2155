"""The shape of the code: plugins use the public API only, and the core has no import cycle
and imports only downwards (model → loading → view → diff → rendering → plugins → building →
CLI)."""

from __future__ import annotations

import ast
import importlib
import pydoc
from collections.abc import Iterator
from pathlib import Path

import pytest

import confdocs
from tests.conftest import HAGUE, ROOT

SRC = ROOT / "src"
CORE = SRC / "confdocs"
PUBLIC_PACKAGES = (
    "confdocs",
    "confdocs.model",
    "confdocs.view",
    "confdocs.rendering",
    "confdocs.limits",
    "confdocs.diff",
)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, root: Path) -> Iterator[tuple[str, list[str], int]]:
    """Every import of ``path`` (type-only and function-level ones too), as (absolute module,
    names imported from it, line)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target, [a.name for a in node.names], node.lineno


# -- plugins ------------------------------------------------------------------------------------


def plugin_files() -> list[Path]:
    return sorted((ROOT / "plugins").rglob("*.py")) + sorted(
        (ROOT / "examples" / "confdocs-example-plugin" / "src").rglob("*.py")
    )


def test_plugins_import_only_the_public_api() -> None:
    wrong = []
    for path in plugin_files():
        root = path.parent
        while (root / "__init__.py").exists():
            root = root.parent
        for target, names, line in imports(path, root):
            if not (target == "confdocs" or target.startswith("confdocs.")):
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            if target not in PUBLIC_PACKAGES:
                wrong.append(f"{where}: imports {target}")
                continue
            public = set(importlib.import_module(target).__all__)
            wrong += [f"{where}: {target}.{n} is not public" for n in names if n not in public]
    assert not wrong, "\n".join(wrong)


def test_plugins_use_one_another_only_through_what_they_list() -> None:
    """A built-in plugin may build on another's machinery (the documents per recipient render
    Word through confdocs_docx, PDFs through confdocs_pdf): only through names the other's
    module lists in its ``__all__``."""
    wrong = []
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        own = path.relative_to(ROOT / "plugins").parts[0]
        for target, names, line in imports(path, ROOT / "plugins"):
            top = target.split(".")[0]
            if not top.startswith("confdocs_") or top == own:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            public = set(getattr(importlib.import_module(target), "__all__", ()))
            if not names:
                wrong.append(f"{where}: imports {target} whole")
            wrong += [f"{where}: {target}.{n} is not in its __all__" for n in names
                      if n not in public]
    assert not wrong, "\n".join(wrong)


def test_the_public_packages_export_what_they_list() -> None:
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{package}.{name}"


# -- the core -----------------------------------------------------------------------------------


def core_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in CORE.rglob("*.py"):
        name = module_name(path, SRC)
        targets = graph.setdefault(name, set())
        for target, names, _ in imports(path, SRC):
            if not target.startswith("confdocs"):
                continue
            # Importing a module runs its packages first; that is not an edge of its own.
            found = [f"{target}.{n}" for n in names if is_module(f"{target}.{n}")]
            if not names or len(found) < len(names):
                found.append(target)
            targets.update(m for m in found if m != name and is_module(m))
    return graph


def is_module(name: str) -> bool:
    path = SRC / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_the_core_has_no_import_cycle() -> None:
    graph = core_graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            assert cycle is None, "import cycle: " + " → ".join(cycle)


#: The core's layers, lowest first: a module imports only from its own layer or below.
LAYERS = [
    {
        "confdocs",
        "confdocs.errors",
        "confdocs.collector",
        "confdocs.cachefolder",
        "confdocs.generated_code",
        "confdocs.kept_patterns",
        "confdocs.kept_locales",
    },
    {"confdocs.model"},
    {"confdocs.loading"},
    {"confdocs.view"},
    {"confdocs.diff"},
    {"confdocs.rendering", "confdocs.findings"},
    {"confdocs.plugins"},
    {"confdocs.output", "confdocs.building"},
    {"confdocs.authoring"},
    # The live preview builds and checks like the command line, and only `serve` imports it.
    {"confdocs.serve"},
    {"confdocs.cli", "confdocs.command", "confdocs.__main__"},
]


def layer(module: str) -> int:
    for depth in (2, 1):
        head = ".".join(module.split(".")[:depth])
        for number, members in enumerate(LAYERS):
            if head in members:
                return number
    raise AssertionError(f"{module} is in no layer")


def test_the_core_imports_only_downwards() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in core_graph().items()
        for target in targets
        if module != "confdocs" and layer(target) > layer(module)
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_no_two_classes_share_a_name_in_the_core() -> None:
    seen: dict[str, str] = {}
    twice = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                where = str(path.relative_to(ROOT))
                if node.name in seen:
                    twice.append(f"{node.name}: {seen[node.name]} and {where}")
                seen[node.name] = where
    assert not twice, twice


# -- the public API -----------------------------------------------------------------------------


def test_help_lists_the_api() -> None:
    text = pydoc.render_doc(confdocs, renderer=pydoc.plaintext)
    for name in ("load_event", "build", "check", "write_documents", "make_view", "hookimpl"):
        assert name in text
    assert set(confdocs.__all__) <= set(dir(confdocs))


def test_build_refuses_a_format_given_as_text(hague_event: object) -> None:
    with pytest.raises(confdocs.ConfdocsError, match=r"build\(event, \['md'\]\)"):
        confdocs.build(hague_event, "md")  # type: ignore[arg-type]


def test_a_bad_locale_from_python_is_a_confdocs_error(hague_event: object) -> None:
    with pytest.raises(confdocs.ConfdocsError, match="'xx_YY_ZZ' is not a locale"):
        confdocs.make_view(hague_event, "xx_YY_ZZ")  # type: ignore[arg-type]
    with pytest.raises(confdocs.ConfdocsError, match="is not a locale"):
        confdocs.build(hague_event, ["md"], {"locale": "klingon"})  # type: ignore[arg-type]


def test_check_places_findings_of_a_loaded_event_without_being_told() -> None:
    event = confdocs.load_event(HAGUE)
    findings = confdocs.check(event)
    [unallocated] = [f for f in findings if f.code == "programme.unallocated"]
    assert unallocated.file is not None and unallocated.file.endswith("event.yaml")
    assert unallocated.line is not None and unallocated.line > 100
