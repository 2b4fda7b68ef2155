"""Reading input files into plain data, remembering where every value stood.

YAML, TOML and JSON all become the same thing: plain Python data (dicts, lists, strings,
numbers, booleans, None) and a :class:`Source` that maps a path inside the document to its line
and column. Nothing here knows about events; the loaders structure the data afterwards.

YAML is read safely and strictly: no tags beyond the core schema, no duplicate keys, bounded
alias expansion (no "billion laughs", no "string bomb") and bounded nesting. The YAML 1.1
surprises are switched off: ``NO`` (Norway) stays a string, ``10:30`` stays a string.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from ..display import shown
from ..errors import InputError, Location
from ..limits import ALIAS_TEXT, INPUT_BYTES
from ..model.walk import PathKey
from .files import open_regular

#: Largest input file read, in bytes (``CONFDOCS_MAX_INPUT_BYTES`` overrides).
MAX_INPUT_BYTES = int(INPUT_BYTES.default)
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
    handle, limit = _open(path, what, limit)
    try:
        with handle:
            # Never more than the limit, even when the size lied (a pipe, a growing file).
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError.at(f"{what} cannot be read: {exc.strerror}", name) from None
    if len(raw) > limit:
        raise InputError.at(
            f"{what} is more than the limit of {limit:,} bytes "
            "(set CONFDOCS_MAX_INPUT_BYTES to raise it)",
            name,
        )
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
        if _looks_like_utf16(raw):
            raise InputError.at(f"{what} is UTF-16 (without a BOM); save it as UTF-8", name, 1, 1)
        at = text.index("\x00")
        line, column = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        raise InputError.at(f"{what} holds a NUL character; is it a text file?", name, line, column)
    return text


def iter_lines(path: Path, what: str = "file", limit: int | None = None) -> Iterator[str]:
    """The lines of a UTF-8 text file (ends kept), read as they are needed.

    For files too big to hold at once, such as registrations: the same checks as
    :func:`read_text` (size, UTF-16, UTF-8, NUL), each raised as an :class:`InputError` with its
    line and column when iteration reaches it. The size is checked before the first line and the
    bytes counted while reading, so no more than ``limit`` bytes are ever read.
    """
    handle, limit = _open(path, what, limit)
    return _lines(handle, str(path), what, limit)


def _open(path: Path, what: str, limit: int | None) -> tuple[BinaryIO, int]:
    """``path`` opened for reading, and the byte limit in force; a missing or unreadable file,
    one that is not a regular file, or one too large is an :class:`InputError` (the size is
    checked before anything is read)."""
    name = str(path)
    if limit is None:
        limit = int(INPUT_BYTES.value())
    handle = open_regular(path, what)
    size = os.fstat(handle.fileno()).st_size
    if size > limit:
        handle.close()
        raise InputError.at(
            f"{what} is {size:,} bytes, more than the limit of {limit:,} "
            "(set CONFDOCS_MAX_INPUT_BYTES to raise it)",
            name,
        )
    return handle, limit


def _lines(handle: BinaryIO, name: str, what: str, limit: int) -> Iterator[str]:
    with handle:
        total = 0
        for number, raw in enumerate(handle, 1):
            total += len(raw)
            if total > limit:
                raise InputError.at(f"{what} is more than the limit of {limit:,} bytes", name)
            if number == 1:
                if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(raw):
                    raise InputError.at(f"{what} is UTF-16; save it as UTF-8", name, 1, 1)
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError.at(
                    f"{what} is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
                    name,
                    number,
                    exc.start + 1,
                ) from None
            if "\x00" in line:
                raise InputError.at(
                    f"{what} holds a NUL character; is it a text file?",
                    name,
                    number,
                    line.index("\x00") + 1,
                )
            yield line


def _looks_like_utf16(raw: bytes) -> bool:
    # ASCII text in UTF-16 has a NUL in every other byte, all on one side.
    head = raw[:512]
    even, odd = head[0::2], head[1::2]
    return len(head) >= 4 and (even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd))


def read_source(path: Path, what: str = "file") -> Source:
    """Read and parse ``path`` by its suffix (.yaml/.yml, .toml, .json)."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError.at(
            f"unknown file type {shown(path.suffix or '(none)')}: use .yaml, .yml, .toml or .json",
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
    if kind == "json":  # the YAML builder and parse_toml bound nesting themselves
        _check_depth(source.data, str(path))
    if not isinstance(source.data, dict):
        raise InputError.at(
            f"{what} must hold a mapping (key: value) at the top, not {_kind(source.data)}",
            str(path),
            1,
            1,
        )
    return source


def _check_depth(data: Any, file: str) -> None:
    """Refuse data nested deeper than :data:`MAX_DEPTH`, without recursing."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError.at(f"nesting deeper than {MAX_DEPTH} levels", file)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


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
    import tomllib  # here: its regular expressions cost a YAML event's load a few ms

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, col = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        message = re.sub(r"\s*\(at end of document\)", " at the end of the file", message)
        raise InputError.at(f"invalid TOML: {message}", file, line, col) from None
    except RecursionError:
        raise InputError.at(f"nesting deeper than {MAX_DEPTH} levels", file) from None
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise _long_number(text, file) from None
    _check_depth(data, file)
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
        raise InputError.at(f"duplicate key {shown(exc.key)}", file, line, column) from None
    except RecursionError:
        raise InputError.at(f"nesting deeper than {MAX_DEPTH} levels", file, 1, 1) from None
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise _long_number(text, file) from None
    source = Source(file, data, text=text)
    try:  # JSON is YAML: borrow the YAML composer for positions.
        positioned = parse_yaml(text, file)
        source.values, source.keys = positioned.values, positioned.keys
    except InputError:
        pass
    return source


_MAX_DIGITS = 4300  # Python's own limit on int(text)


def _long_number(text: str, file: str) -> InputError:
    match = re.search(rf"\d{{{_MAX_DIGITS + 1},}}", text)
    line = column = None
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return InputError.at(f"a number of more than {_MAX_DIGITS:,} digits", file, line, column)


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


def parse_yaml(text: str, file: str, *, paths: bool = True) -> Source:
    """The YAML ``text`` of ``file``, each value with its place. A syntax error is an input
    error at its line and column and, with ``paths``, the path of the mapping or list it is
    in (see :func:`_path_before`)."""
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
        if exc.context and problem.startswith("but "):  # "expected a single document … but …"
            problem = f"{exc.context}, {problem}"
        hint = ""
        if "\t" in text and ("tab" in problem or "\t" in _line(text, mark)):
            hint = " (tabs cannot indent YAML; use spaces)"
        elif problem in _INDENTATION_PROBLEMS and mark is not None:
            hint = " (is this line indented as the lines above it?)"
        elif (
            problem.startswith("mapping values are not allowed")
            and mark is not None
            and ": " in _line(text, mark)[: mark.column]  # a value went before: "a: b: c"
        ):
            hint = " (a text with ': ' in it must be quoted: title: \"Opening: welcome\")"
        raise InputError.at(
            f"invalid YAML: {problem}{hint}",
            file,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            _path_before(text, file, mark, exc.context_mark) if paths else "",
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError.at(
            f"invalid YAML: character U+{ord(character):04X} is not allowed in YAML text",
            file,
            line,
            column,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.at(f"invalid YAML: {str(exc).splitlines()[0]}", file) from None
    except RecursionError:
        raise InputError.at(f"nesting deeper than {MAX_DEPTH} levels", file, 1, 1) from None
    source = Source(file, None, text=text)
    if node is None:
        return source
    builder = _PositionedTree(file, source)
    if _ANCHOR.search(text):  # an alias repeats an anchored value: without anchors, none
        builder.refuse_bombs(node)
        builder.refuse_string_bombs(node, text)
    source.data = builder.build(node, (), 0)
    return source


#: PyYAML's words for a line indented unlike the mapping or list it is in.
_INDENTATION_PROBLEMS = frozenset(
    {"did not find expected key", "did not find expected '-' indicator"}
)


def _path_before(text: str, file: str, mark: Any, context: Any) -> str:
    """The document path of the mapping or list a syntax error is in (the one PyYAML was
    reading, ``context``), found by reading the lines above the error, which are often a
    document of their own; "" when they are not, or nothing is above the error."""
    if mark is None or context is None or mark.line == 0:
        return ""
    above = "\n".join(text.split("\n", mark.line)[: mark.line])
    try:
        source = parse_yaml(above, file, paths=False)
    except InputError:
        return ""
    wanted = (context.line + 1, context.column + 1)
    found = [path for path, place in source.values.items() if place == wanted]
    return format_path(max(found, key=lambda path: len(tuple(path)))) if found else ""


#: What an anchor (``&name``) looks like in YAML text: every anchor matches, and so may some
#: text ("Q&A"), which only costs the alias checks. build() still counts values and depth.
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")


class _TooDeep(Exception):
    pass


def _alias_mark(text: str, number: int) -> tuple[int | None, int | None]:
    """Line and column of the ``number``-th alias of a YAML text (composing forgets them)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        seen = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                seen += 1
                mark = event.start_mark
                if seen == number and mark is not None:
                    return mark.line + 1, mark.column + 1
    finally:
        loader.dispose()
    return None, None  # pragma: no cover - the composer met as many aliases


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


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        return [item[1] if isinstance(item, tuple) else item for item in value]
    return []


class _PositionedTree:
    """Turns composed YAML nodes into plain data, recording positions and refusing surprises."""

    def __init__(self, file: str, source: Source) -> None:
        self.file = file
        self.source = source
        self.count = 0

    def fail(self, message: str, node: Any) -> InputError:
        mark = node.start_mark
        return InputError.at(message, self.file, mark.line + 1, mark.column + 1)

    def refuse_bombs(self, root: Any) -> None:
        """Count values with aliases expanded, each shared node once: a "billion laughs" is
        refused in time proportional to the file, at the value that passes the limit."""
        sizes: dict[int, int] = {}
        open_nodes: set[int] = set()

        def size(node: Any, depth: int) -> int:
            known = sizes.get(id(node))
            if known is not None:
                return known
            if id(node) in open_nodes:  # met again inside itself: it would never end
                raise self.fail(
                    "this value contains itself through an alias (a recursive anchor); "
                    "an alias may only repeat a value written before it, outside it",
                    node,
                )
            open_nodes.add(id(node))
            total = 1
            if depth <= MAX_DEPTH:  # deeper is refused by build()
                for child in _children(node):
                    total += size(child, depth + 1)
                    if total > MAX_NODES:
                        break
            open_nodes.discard(id(node))
            sizes[id(node)] = total
            return total

        if size(root, 0) <= MAX_NODES:
            return
        node, depth, remaining = root, 0, MAX_NODES
        while remaining:
            remaining -= 1
            for child in _children(node):
                child_size = size(child, depth + 1)
                if child_size > remaining:
                    node, depth = child, depth + 1
                    break
                remaining -= child_size
            else:  # pragma: no cover - the sizes say a child must overflow
                break
        raise self.fail(f"file expands to more than {MAX_NODES:,} values (an alias bomb?)", node)

    def refuse_string_bombs(self, root: Any, text: str) -> None:
        """Bound the text aliases repeat: a value counts once where it is written, and again,
        in full, at every alias of it (its scalars and those of its own aliases, summed once
        per node). A 4 MB note repeated by 300 aliases is refused at the alias that passes
        the limit, before any value is built, in time proportional to the file."""
        limit = int(ALIAS_TEXT.value())
        sizes: dict[int, int] = {}

        def size(node: Any, depth: int) -> int:
            known = sizes.get(id(node))
            if known is not None:
                return known
            sizes[id(node)] = 0  # a node inside itself is refused as too deep by build()
            if isinstance(node.value, str):
                total = len(node.value)
            else:
                total = 0
                if depth <= MAX_DEPTH:  # deeper is refused by build()
                    for item in node.value:
                        for child in item if isinstance(item, tuple) else (item,):
                            total += size(child, depth + 1)
            sizes[id(node)] = total
            return total

        seen = {id(root)}
        aliases = repeated = 0

        def walk(node: Any, path: PathKey, depth: int) -> None:
            nonlocal aliases, repeated
            if isinstance(node.value, str):
                return
            for index, item in enumerate(node.value):
                pairs: list[tuple[Any, PathKey]]
                if isinstance(item, tuple):
                    key, value = item
                    name = str(key.value) if isinstance(key.value, str) else index
                    pairs = [(key, path), (value, (*path, name))]
                else:
                    pairs = [(item, (*path, index))]
                for child, where in pairs:
                    if id(child) not in seen:
                        seen.add(id(child))
                        if depth + 1 > MAX_DEPTH:
                            raise _TooDeep  # build() refuses it, at its place
                        walk(child, where, depth + 1)
                        continue
                    # Met again: an alias, the n-th of the file as the parser gives them.
                    aliases += 1
                    repeated += size(child, depth + 1)
                    if repeated > limit:
                        line, column = _alias_mark(text, aliases)
                        raise InputError.at(
                            f"aliases repeat more than {limit:,} characters of text (an alias "
                            "bomb? set CONFDOCS_MAX_ALIAS_TEXT to raise the limit)",
                            self.file,
                            line,
                            column,
                            format_path(where),
                        )

        try:
            walk(root, (), 0)
        except _TooDeep:
            return

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
                    raise self.fail(f"duplicate key {shown(key)}", key_node)
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
            digits = value.replace("_", "")
            if len(digits) > _MAX_DIGITS:
                raise self.fail(f"a number of more than {_MAX_DIGITS:,} digits", node)
            return int(digits)
        if (
            tag == "tag:yaml.org,2002:float"
            and _FLOAT.match(value)
            and value not in (".", "-.", "+.")
        ):
            return float(value.replace("_", ""))
        # 10:30 (sexagesimal), 0x1F, .inf and friends stay text; the model decides.
        return value
