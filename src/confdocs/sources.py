"""Reading input files into plain data, remembering where every value stood.

YAML, TOML and JSON all become the same thing: plain Python data (dicts, lists, strings,
numbers, booleans, None) and a :class:`Source` that maps a path inside the document to its line
and column. Nothing here knows about events; the loaders structure the data afterwards.

YAML is read safely and strictly: no tags beyond the core schema, no duplicate keys, bounded
alias expansion (no "billion laughs") and bounded nesting. The YAML 1.1 surprises are switched
off: ``NO`` (Norway) stays a string, ``10:30`` stays a string.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from .errors import InputError, Location

PathKey = tuple[str | int, ...]

#: Largest input file read, in bytes (``CONFDOCS_MAX_INPUT_BYTES`` overrides).
MAX_INPUT_BYTES = 10 * 1024 * 1024
#: Most values one file may expand to, counting each alias expansion again.
MAX_NODES = 1_000_000
#: Deepest nesting of lists and mappings.
MAX_DEPTH = 64

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


def format_path(path: Iterable[str | int]) -> str:
    """``("programme", "days", 1, "start")`` → ``programme.days[1].start``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@attrs.define
class Source:
    """Plain data read from one file, with the position of each value and key."""

    file: str
    data: Any
    values: dict[PathKey, tuple[int, int]] = attrs.field(factory=dict)
    keys: dict[PathKey, tuple[int, int]] = attrs.field(factory=dict)
    text: str = ""

    def locate(self, path: PathKey, key: bool = False) -> Location:
        """Where ``path`` stands; for a missing value, the nearest enclosing one."""
        table = self.keys if key else self.values
        probe = path
        while True:
            if probe in table:
                line, col = table[probe]
                return Location(self.file, line, col, format_path(path))
            if key and probe in self.values:
                line, col = self.values[probe]
                return Location(self.file, line, col, format_path(path))
            if not probe:
                break
            probe = probe[:-1]
        line_col = self._search(path)
        return Location(self.file, line_col[0], line_col[1], format_path(path))

    def _search(self, path: PathKey) -> tuple[int | None, int | None]:
        # TOML has no positions: find each key of the path in turn, from where its parent
        # was found, which is right for hand-written files.
        names = [p for p in path if isinstance(p, str)]
        if not self.text:
            return None, None
        lines = self.text.splitlines()
        found: tuple[int, int] = (1, 1)
        start = 0
        for name in names:
            key = re.escape(name)
            pattern = re.compile(rf'(?:^|[\s{{,.\[])("?{key}"?\s*=|\[\[?[^\]]*\b{key}\]\]?)')
            for number in range(start, len(lines)):
                match = pattern.search(lines[number])
                if match:
                    found = (number + 1, match.start(1) + 1)
                    start = number
                    break
        return found


def read_text(path: Path, what: str = "file", limit: int | None = None) -> str:
    """Read a UTF-8 text file (a UTF-8 BOM is allowed); anything else is an :class:`InputError`."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError.at(f"{what} is a folder, not a file", name)
        size = path.stat().st_size
        if limit is None:
            limit = int(os.environ.get("CONFDOCS_MAX_INPUT_BYTES", MAX_INPUT_BYTES))
        if size > limit:
            raise InputError.at(
                f"{what} is {size:,} bytes, more than the limit of {limit:,} "
                "(set CONFDOCS_MAX_INPUT_BYTES to raise it)",
                name,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError.at(f"{what} not found", name) from None
    except PermissionError:
        raise InputError.at(f"{what} cannot be read (permission denied)", name) from None
    except OSError as exc:
        raise InputError.at(f"{what} cannot be read: {exc.strerror}", name) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at(f"{what} is UTF-16; save it as UTF-8", name, 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.at(
            f"{what} is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            name,
            line,
            column,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError.at(f"{what} holds a NUL character; is it a text file?", name, line)
    return text


def read_source(path: Path, what: str = "file") -> Source:
    """Read and parse ``path`` by its suffix (.yaml/.yml, .toml, .json)."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError.at(
            f"unknown file type {path.suffix or '(none)'!r}: use .yaml, .yml, .toml or .json",
            str(path),
        )
    text = read_text(path, what)
    if not text.strip() or (kind == "yaml" and _only_comments(text)):
        raise InputError.at(f"{what} is empty", str(path), 1, 1)
    if kind == "toml":
        source = parse_toml(text, str(path))
    elif kind == "json":
        source = parse_json(text, str(path))
    else:
        source = parse_yaml(text, str(path))
    if not isinstance(source.data, dict):
        raise InputError.at(
            f"{what} must hold a mapping (key: value) at the top, not {_kind(source.data)}",
            str(path),
            1,
            1,
        )
    return source


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"a single value ({type(value).__name__})"


# --- TOML and JSON -------------------------------------------------------------------------


def parse_toml(text: str, file: str) -> Source:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, col = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        message = re.sub(r"\s*\(at end of document\)", " at the end of the file", message)
        raise InputError.at(f"invalid TOML: {message}", file, line, col) from None
    return Source(file, _strip_toml_dates(data), text=text)


def _strip_toml_dates(value: Any) -> Any:
    # TOML has native dates and times; the model reads them from text like every other format.
    if isinstance(value, dict):
        return {k: _strip_toml_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_toml_dates(v) for v in value]
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


def parse_json(text: str, file: str) -> Source:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _DuplicateKey(key)
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError.at(f"invalid JSON: {exc.msg}", file, exc.lineno, exc.colno) from None
    except _DuplicateKey as exc:
        line, column = _json_key_line(text, exc.key)
        raise InputError.at(f"duplicate key {exc.key!r}", file, line, column) from None
    except RecursionError:
        raise InputError.at(f"nesting deeper than {MAX_DEPTH} levels", file, 1, 1) from None
    source = Source(file, data, text=text)
    try:  # JSON is YAML: borrow the YAML composer for positions.
        positioned = parse_yaml(text, file)
        source.values, source.keys = positioned.values, positioned.keys
    except InputError:
        pass
    return source


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _json_key_line(text: str, key: str) -> tuple[int | None, int | None]:
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    if second < 0:
        return None, None
    line = text.count("\n", 0, second) + 1
    return line, second - (text.rfind("\n", 0, second) + 1) + 1


# --- YAML ----------------------------------------------------------------------------------


def parse_yaml(text: str, file: str) -> Source:
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = ""
        if "\t" in text and ("tab" in problem or "\t" in _line(text, mark)):
            hint = " (tabs cannot indent YAML; use spaces)"
        raise InputError.at(
            f"invalid YAML: {problem}{hint}",
            file,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(f"invalid YAML: {exc}", file) from None
    except RecursionError:
        raise InputError.at(f"nesting deeper than {MAX_DEPTH} levels", file, 1, 1) from None
    source = Source(file, None, text=text)
    if node is None:
        return source
    builder = _Builder(file, source)
    source.data = builder.build(node, (), 0)
    return source


def _line(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    return lines[mark.line] if mark.line < len(lines) else ""


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$")
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions and refusing surprises."""

    def __init__(self, file: str, source: Source) -> None:
        self.file = file
        self.source = source
        self.count = 0

    def fail(self, message: str, node: Any) -> InputError:
        mark = node.start_mark
        return InputError.at(message, self.file, mark.line + 1, mark.column + 1)

    def build(self, node: Any, path: PathKey, depth: int) -> Any:
        import yaml

        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                f"file expands to more than {MAX_NODES:,} values (an alias bomb?)", node
            )
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", node)
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in ("tag:yaml.org,2002:seq",):
                raise self.fail(f"unsupported YAML tag {node.tag}", node)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self.fail(f"unsupported YAML tag {node.tag}", node)
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail("YAML merge keys (<<) are not supported", key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail("a key must be plain text", key_node)
                key = str(key_node.value)
                if key in out:
                    raise self.fail(f"duplicate key {key!r}", key_node)
                self.source.keys[(*path, key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        raise self.fail("unsupported YAML node", node)  # pragma: no cover

    def scalar(self, node: Any) -> Any:
        tag, value = node.tag, node.value
        if tag not in _SCALAR_TAGS:
            raise self.fail(f"unsupported YAML tag {tag}", node)
        if node.style not in (None, "") or tag in (
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:timestamp",
        ):
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            # Only true/false: YAML 1.1 would read the country code NO (Norway) as false.
            lowered = value.lower()
            return lowered == "true" if lowered in ("true", "false") else value
        if tag == "tag:yaml.org,2002:int" and _INT.match(value):
            return int(value.replace("_", ""))
        if (
            tag == "tag:yaml.org,2002:float"
            and _FLOAT.match(value)
            and value not in (".", "-.", "+.")
        ):
            return float(value.replace("_", ""))
        # 10:30 (sexagesimal), 0x1F, .inf and friends stay text; the model decides.
        return value
