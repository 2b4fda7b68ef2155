"""Registrations: the nominated participants, from a spreadsheet's CSV or a YAML list.

Columns: ``name, email, country, group, role, organisation``. ``country`` is an ISO code (may be
empty for organisation seats), ``group`` an invitation group or organisation allocation id,
``role`` a delegation role id (``prosecutor``, ``law-enforcement``, ``other``). Each row keeps
its line, so findings point at it.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import attrs

from .countries import is_country
from .errors import InputError, Location, Problem
from .sources import read_source, read_text

COLUMNS = ("name", "email", "country", "group", "role", "organisation")
REQUIRED = ("name", "email", "group", "role")
#: Most rows read from one file (``CONFDOCS_MAX_REGISTRATIONS`` overrides).
MAX_ROWS = 200_000
#: Largest registrations file read, in bytes.
MAX_BYTES = 64 * 1024 * 1024


@attrs.frozen
class Registration:
    name: str
    email: str
    group: str
    role: str
    country: str | None = None
    organisation: str | None = None
    line: int | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Registrations:
    file: str
    rows: tuple[Registration, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Registration]:
        return iter(self.rows)


def load_registrations(path: str | os.PathLike[str]) -> Registrations:
    """Read registrations from ``.csv`` (or ``.tsv``) or ``.yaml``/``.json``."""
    file = Path(path)
    if file.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _from_csv(file)
    return _from_mapping_file(file)


def _byte_limit() -> int:
    return int(os.environ.get("CONFDOCS_MAX_INPUT_BYTES", 0))


def _limit() -> int:
    return int(os.environ.get("CONFDOCS_MAX_REGISTRATIONS", MAX_ROWS))


def _from_csv(file: Path) -> Registrations:
    name = str(file)
    text = read_text(file, "registrations file", limit=max(MAX_BYTES, _byte_limit()))
    if not text.strip():
        raise InputError.at("registrations file is empty", name, 1, 1)
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise InputError.at(f"invalid CSV header: {exc}", name, 1, 1) from None
    problems: list[Problem] = []
    for column, head in enumerate(header, 1):
        if head not in COLUMNS:
            problems.append(
                Problem(
                    f"unknown column {head!r}; the columns are {', '.join(COLUMNS)}",
                    Location(name, 1, _column_offset(header_line, delimiter, column)),
                )
            )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(Problem(f"missing column(s) {', '.join(missing)}", Location(name, 1, 1)))
    if len(set(header)) != len(header):
        problems.append(Problem("a column is named twice", Location(name, 1, 1)))
    if problems:
        raise InputError(problems)
    rows: list[Registration] = []
    limit = _limit()
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError.at(f"invalid CSV: {exc}", name, line) from None
        if not any(v.strip() for v in values):
            line = reader.line_num + 1
            continue
        if len(rows) >= limit:
            raise InputError.at(
                f"more than {limit:,} registrations (set CONFDOCS_MAX_REGISTRATIONS to raise it)",
                name,
                line,
            )
        if len(values) != len(header):
            raise InputError.at(
                f"row has {len(values)} values but the header has {len(header)} columns",
                name,
                line,
                1,
                f"registrations[{len(rows)}]",
            )
        record: dict[str, object] = {h: v.strip() for h, v in zip(header, values, strict=True)}
        rows.append(_row(record, name, line, len(rows)))
        line = reader.line_num + 1
    return Registrations(name, tuple(rows))


def _column_offset(header_line: str, delimiter: str, column: int) -> int:
    parts = header_line.split(delimiter)
    return sum(len(p) + 1 for p in parts[: column - 1]) + 1


def _row(record: dict[str, object], file: str, line: int | None, index: int) -> Registration:
    path = f"registrations[{index}]"
    values: dict[str, str | None] = {}
    for key in COLUMNS:
        raw = record.get(key)
        if raw is not None and not isinstance(raw, str | int):
            raise InputError.at(f"{key}: expected text", file, line, None, f"{path}.{key}")
        text = str(raw).strip() if raw is not None else ""
        values[key] = text or None
    for key in REQUIRED:
        if values[key] is None:
            raise InputError.at(f"{key} is empty", file, line, None, f"{path}.{key}")
    country = values["country"]
    if country is not None:
        country = country.upper()
        if not is_country(country):
            raise InputError.at(
                f"{values['country']!r} is not an ISO 3166 alpha-2 country code",
                file,
                line,
                None,
                f"{path}.country",
            )
    return Registration(
        name=values["name"] or "",
        email=values["email"] or "",
        group=values["group"] or "",
        role=values["role"] or "",
        country=country,
        organisation=values["organisation"],
        line=line,
    )


def _from_mapping_file(file: Path) -> Registrations:
    source = read_source(file, "registrations file")
    data = source.data
    items = data.get("registrations")
    extra = [k for k in data if k != "registrations"]
    if extra:
        raise InputError(
            Problem(
                f"unknown key {extra[0]!r}; expected registrations",
                source.locate((extra[0],), key=True),
            )
        )
    if not isinstance(items, list):
        raise InputError(
            Problem("registrations: expected a list", source.locate(("registrations",)))
        )
    if len(items) > _limit():
        raise InputError(
            Problem(f"more than {_limit():,} registrations", source.locate(("registrations",)))
        )
    rows = []
    for index, item in enumerate(items):
        where = source.locate(("registrations", index))
        if not isinstance(item, dict):
            raise InputError(Problem("expected a mapping with name, email, group, role", where))
        for key in item:
            if key not in COLUMNS:
                raise InputError(
                    Problem(
                        f"unknown key {key!r}; allowed: {', '.join(COLUMNS)}",
                        source.locate(("registrations", index, key), key=True),
                    )
                )
        rows.append(_row(item, source.file, where.line, index))
    return Registrations(source.file, tuple(rows))
