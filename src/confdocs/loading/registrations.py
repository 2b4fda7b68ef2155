"""Registrations: the nominated participants, from a spreadsheet's CSV or a YAML list.

Columns: ``name, email, country, group, role, organisation, attendance`` and, for the documents
made for each participant, ``id, title, family_name, consent, language, attended, phone``.
``country`` is an ISO code (may be empty for organisation seats), ``group`` an invitation group
or organisation allocation id, ``role`` a delegation role id (``prosecutor``,
``law-enforcement``, ``other``; may be empty for an organisation's representatives, who have no
place in a delegation), ``attendance`` ``in-person`` (the default, when empty or absent) or
``online`` (the online seats on top of the in-person ones), also in the words of the shipped
languages (:data:`ATTENDANCE_WORDS`: ``presencial``, ``en línea``).

``id`` names the participant's own files (a portable id; made from the name when empty),
``title`` is how letters and badges address them ("Dr", "Judge"), ``family_name`` the part of
``name`` that is the family name (printed in capitals with ``surname_style: upper``),
``consent`` ``yes`` when they agreed to be named on the participant list (anything else,
empty included, leaves them off it: consent is never assumed), ``language`` the language of
correspondence (a locale: ``fr``, ``pt_BR``; their certificate is in it), ``attended`` the days
they were there (``2019-09-30 2019-10-01``: dates separated by spaces, commas or semicolons)
and ``phone`` a contact number (like ``email``, for the organisers only: no document prints
it). Each row keeps its line, so findings point at it.

CSV files are UTF-8 (a BOM is allowed) with a header row; the delimiter is a comma, semicolon
or tab, whichever the header uses (spreadsheets in many locales export semicolons). Quoted
values may hold newlines; a row's line is where it starts. Every problem in the file is
reported at once (up to :data:`MAX_PROBLEMS`), each with file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import attrs

from ..display import shown
from ..errors import InputError, Location, Problem
from ..limits import INPUT_BYTES, REGISTRATIONS
from ..model.codes import is_country, is_locale, not_a_country
from ..model.names import id_problem
from ..model.units import parse_date
from .sources import iter_lines, read_source

COLUMNS = (
    "name", "email", "country", "group", "role", "organisation", "attendance",
    "id", "title", "family_name", "consent", "language", "attended", "phone", "gender",
)
REQUIRED = ("name", "email", "group")
#: The columns a row cannot do without. An ``email`` is the organisers' and no document
#: prints it: a row without one, or with one that is not an address, is kept, and ``check``
#: warns of it at the row (``registrations.email-missing``, ``registrations.email-invalid``).
REQUIRED_VALUES = ("name", "group")
#: Other spellings of column names that spreadsheets use.
ALIASES = {
    "e-mail": "email",
    "mail": "email",
    "organization": "organisation",
    "family name": "family_name",
    "surname": "family_name",
    "salutation": "title",
    "telephone": "phone",
    "sex": "gender",
}
#: What a ``gender`` cell may say for the wording to agree with it, in English or a language
#: confdocs ships (``f``/``m`` as forms abbreviate them). Anything else, empty, ``x`` or
#: ``non-binary`` among them, keeps the documents' neutral wording: the column only changes
#: words, so a value it does not know is a warning (``registrations.gender-unknown``), never
#: a row refused.
GENDERS = {"female": "female", "male": "male", "woman": "female", "man": "male",
           "f": "female", "m": "male", "femme": "female", "homme": "male", "h": "male",
           "mujer": "female", "hombre": "male", "mulher": "female", "homem": "male",
           "frau": "female", "mann": "male", "weiblich": "female", "männlich": "male",
           "أنثى": "female", "ذكر": "male", "féminin": "female", "masculin": "male",
           "femenino": "female", "masculino": "male", "feminino": "female",
           # Ukrainian: the person ("жінка"), the form's "Стать: жіноча / чоловіча" and its
           # abbreviations ("Ж / Ч", "жін. / чол.").
           "жінка": "female", "чоловік": "male", "жіноча": "female", "чоловіча": "male",
           "ж": "female", "ч": "male", "жін.": "female", "чол.": "male", "жін": "female",
           "чол": "male"}
#: Values that say the neutral wording is wanted: no warning.
NEUTRAL = frozenset({"", "neutral", "x", "other", "non-binary", "nonbinary", "nb", "divers",
                     "diverse", "autre", "otro", "outro", "prefer not to say", "інша", "інше"})
ATTENDANCE = ("in-person", "online")
#: What an ``attendance`` cell may say, in English or a language confdocs ships (a form filled
#: in Spanish says presencial or en línea), as for consent and gender; empty is in person.
ATTENDANCE_WORDS = {
    "": "in-person", "in-person": "in-person", "in person": "in-person",
    "on site": "in-person", "on-site": "in-person", "onsite": "in-person",
    "online": "online", "on-line": "online", "virtual": "online",
    # fr
    "présentiel": "in-person", "en présentiel": "in-person", "sur place": "in-person",
    "en ligne": "online", "distanciel": "online", "à distance": "online",
    # es
    "presencial": "in-person", "en persona": "in-person",
    "en línea": "online", "en linea": "online", "a distancia": "online",
    # pt, pt_BR
    "em pessoa": "in-person", "remoto": "online", "a distância": "online",
    "à distância": "online", "em linha": "online",
    # de
    "vor ort": "in-person", "präsenz": "in-person", "in präsenz": "in-person",
    "virtuell": "online",
    # ar
    "حضوري": "in-person", "حضوريا": "in-person", "حضورياً": "in-person",
    "عن بعد": "online", "عن بُعد": "online", "عبر الإنترنت": "online", "افتراضي": "online",
    # uk
    "очно": "in-person", "особисто": "in-person", "наживо": "in-person",
    "онлайн": "online", "дистанційно": "online",
}
#: The words of :data:`ATTENDANCE_WORDS`, as a refused attendance says them.
_ATTENDANCE_SAID = ("or presencial/en línea, présentiel/en ligne, vor Ort/online, "
                    "حضوري/عن بعد, очно/онлайн; empty is in-person")
#: What a ``consent`` cell may say, in English or a language confdocs ships (a form filled
#: in Spanish says sí); empty is no: consent is never assumed.
CONSENT = {"yes": True, "y": True, "true": True, "1": True,
           "no": False, "n": False, "false": False, "0": False, "": False,
           "sí": True, "si": True, "oui": True, "non": False, "sim": True, "não": False,
           "nao": False, "ja": True, "nein": False, "نعم": True, "لا": False, "так": True,
           "ні": False}
def _gender(cell: str) -> str | None:
    """``female`` or ``male`` for a word of :data:`GENDERS`; None for one of :data:`NEUTRAL`;
    else the cell as written (kept neutral, and warned of)."""
    said = cell.lower()
    return GENDERS.get(said, None if said in NEUTRAL else cell)


#: The other words for yes and no, as a refused consent says them: a French form says oui.
_WORDS = "or oui/non, sí/no, sim/não, ja/nein, نعم/لا, так/ні, 1/0; empty is no"
_DAYS = re.compile(r"[\s,;]+")
#: Most rows read from one file (``CONFDOCS_MAX_REGISTRATIONS`` overrides).
MAX_ROWS = int(REGISTRATIONS.default)
#: Largest registrations file read, in bytes.
MAX_BYTES = 64 * 1024 * 1024
#: Most problems collected before giving up on a file.
MAX_PROBLEMS = 50

_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
#: Country codes repeat in every file: ask CLDR once per code.
_is_country = functools.lru_cache(maxsize=1024)(is_country)
_is_locale = functools.lru_cache(maxsize=256)(is_locale)


def is_email(text: str) -> bool:
    """Does ``text`` look like an e-mail address (something, an at sign, something)?"""
    return _EMAIL.fullmatch(text) is not None


@attrs.frozen
class Registration:
    name: str
    email: str
    group: str
    #: The delegation role; None for an organisation's representative registered without one.
    role: str | None = None
    country: str | None = None
    organisation: str | None = None
    line: int | None = attrs.field(default=None, eq=False)
    #: ``in-person`` or ``online``.
    attendance: str = "in-person"
    #: Names the participant's own files (a badge, a certificate); made from the name when None.
    id: str | None = None
    #: How they are addressed: "Dr", "Judge".
    title: str | None = None
    #: The part of ``name`` that is the family name (capitals with ``surname_style: upper``).
    family_name: str | None = None
    #: They agreed to be named on the participant list. Never assumed.
    consent: bool = False
    #: The language of correspondence, a locale (``fr``, ``pt_BR``).
    language: str | None = None
    #: The days they attended.
    attended: tuple[dt.date, ...] = ()
    #: A contact number, for the organisers only.
    phone: str | None = None
    #: ``female`` or ``male`` when the row says it: the documents' wording agrees with it
    #: (Arabic "حضرت" on a woman's certificate); None for the neutral wording; any other
    #: value as written, which keeps it neutral too.
    gender: str | None = None

    @property
    def online(self) -> bool:
        return self.attendance == "online"


@attrs.frozen
class Registrations:
    file: str
    rows: tuple[Registration, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Registration]:
        return iter(self.rows)


def load_registrations(path: str | os.PathLike[str]) -> Registrations:
    """Read registrations from ``.csv`` (or ``.tsv``) or ``.yaml``/``.json``.

    Raises :class:`~confdocs.errors.InputError` listing every problem with file and line.
    """
    file = Path(path)
    if file.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _from_csv(file)
    return _from_mapping_file(file)


def _byte_limit() -> int:
    return int(INPUT_BYTES.value()) if os.environ.get(INPUT_BYTES.env) else 0


def _limit() -> int:
    return int(REGISTRATIONS.value())


class RegistrationsError(InputError):
    """Rows of a registrations file that cannot be read (a consent that is not yes or no, a
    country that is not a code), with the rows that can: ``read``, each at its place among
    the file's rows in ``positions``. ``confdocs check`` runs the checks on those, so that
    a file's mistakes are told at once, not the rows' values first and their roles after."""

    def __init__(
        self, problems: list[Problem], read: Registrations, positions: tuple[int, ...]
    ) -> None:
        super().__init__(problems)
        self.read = read
        self.positions = positions


class _Problems:
    """Problems found so far; stops the read once there are too many to be useful."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.items.append(problem)
        if len(self.items) >= MAX_PROBLEMS:
            self.items.append(Problem(f"stopped after {MAX_PROBLEMS} problems"))
            raise InputError(self.items)

    def raise_any(self) -> None:
        if self.items:
            raise InputError(self.items)

    def raise_with(self, file: str, indexed: list[tuple[int, Registration]]) -> None:
        """Raise the problems found, with the rows that were read well."""
        if self.items:
            read = Registrations(file, tuple(row for _, row in indexed))
            raise RegistrationsError(self.items, read, tuple(index for index, _ in indexed))


def _from_csv(file: Path) -> Registrations:
    name = str(file)
    # Read line by line, so a huge file costs the rows kept, not the whole text twice.
    lines = iter_lines(file, "registrations file", limit=max(MAX_BYTES, _byte_limit()))
    first = next(lines, None)
    if first is not None and "\r" in first.rstrip("\r\n"):
        # Lines ended by a carriage return alone (Excel's "CSV (Macintosh)"): split them so.
        lines = _split_at_carriage_returns(itertools.chain([first], lines))
        first = next(lines, None)
    if first is None or not first.strip():
        empty = first is None or not any(line.strip() for line in lines)
        message = "registrations file is empty" if empty else "the first line must be the header"
        raise InputError.at(message, name, 1, 1)
    header_line = first.rstrip("\r\n")
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
    try:
        raw_header = next(reader)
    except csv.Error as exc:
        raise InputError.at(f"invalid CSV header: {_csv_message(exc)}", name, 1, 1) from None
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in raw_header]
    problems = _Problems()
    for column, head in enumerate(header, 1):
        if head not in COLUMNS:
            problems.add(
                Problem(
                    f"unknown column {shown(raw_header[column - 1].strip())}; "
                    f"the columns are {', '.join(COLUMNS)}",
                    Location(name, 1, _column_offset(header_line, delimiter, column)),
                )
            )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.add(Problem(f"missing column(s) {', '.join(missing)}", Location(name, 1, 1)))
    if len(set(header)) != len(header):
        twice = next(h for h in header if header.count(h) > 1)
        problems.add(Problem(f"the column {shown(twice)} is there twice", Location(name, 1, 1)))
    problems.raise_any()
    rows: list[Registration] = []
    indexed: list[tuple[int, Registration]] = []
    limit = _limit()
    width = len(header)
    # A column the file lacks reads the empty value appended to each row.
    positions = [header.index(c) if c in header else width for c in COLUMNS]
    index = 0  # of the data row, blank rows not counted, as in the paths of findings
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.add(Problem(f"invalid CSV: {_csv_message(exc)}", Location(name, line)))
            break
        if not "".join(values).strip():
            line = reader.line_num + 1
            continue
        if index >= limit:
            raise InputError.at(
                f"more than {limit:,} registrations (set CONFDOCS_MAX_REGISTRATIONS to raise it)",
                name,
                line,
            )
        if len(values) != width:
            problems.add(
                Problem(
                    f"row has {len(values)} values but the header has {width} columns",
                    Location(name, line, 1, f"registrations[{index}]"),
                )
            )
        else:
            values.append("")
            cells = [values[i].strip() for i in positions]
            row, wrong = _make(cells, line)
            if row is not None:
                rows.append(row)
                indexed.append((index, row))
            for key, message in wrong:
                where = Location(name, line, None, f"registrations[{index}].{key}")
                problems.add(Problem(message, where))
        index += 1
        line = reader.line_num + 1
    # Every mistake of the file in one report: the rows' own, then the ids given twice.
    for problem in _repeated_ids(
        indexed, lambda index, row: Location(name, row.line, None, f"registrations[{index}].id")
    ):
        problems.add(problem)
    problems.raise_with(name, indexed)
    return Registrations(name, tuple(rows))


_CR_LINES = re.compile(r"[^\r]*\r|[^\r]+")


def _split_at_carriage_returns(chunks: Iterator[str]) -> Iterator[str]:
    for chunk in chunks:
        yield from _CR_LINES.findall(chunk)


def _csv_message(exc: csv.Error) -> str:
    """The csv module's message, in words a spreadsheet user knows."""
    text = str(exc)
    if text.startswith("new-line character seen in unquoted field"):
        return (
            "a line break inside a value that is not in quotes (are the file's line ends "
            "mixed? save it again from the spreadsheet)"
        )
    return text


def _column_offset(header_line: str, delimiter: str, column: int) -> int:
    parts = header_line.split(delimiter)
    return sum(len(p) + 1 for p in parts[: column - 1]) + 1


def _row(
    record: Mapping[str, object],
    locate: Callable[[str | None], Location],
    problems: _Problems,
    line: int | None,
) -> Registration | None:
    """One registration from a mapping (a YAML item), or None after adding its problems."""
    cells = []
    ok = True
    for key in COLUMNS:
        raw = record.get(key)
        if key == "consent" and isinstance(raw, bool):
            raw = "yes" if raw else "no"
        elif key == "attended" and isinstance(raw, list) and all(
            isinstance(day, str) for day in raw
        ):
            raw = " ".join(raw)
        if isinstance(raw, bool) or (raw is not None and not isinstance(raw, str | int)):
            expected = "a list of dates" if key == "attended" else "text"
            problems.add(Problem(f"{key}: expected {expected}", locate(key)))
            ok = False
        cells.append(str(raw).strip() if isinstance(raw, str | int) else "")
    if not ok:
        return None
    row, wrong = _make(cells, line)
    for key, message in wrong:
        problems.add(Problem(message, locate(key)))
    return row


def _make(cells: list[str], line: int | None) -> tuple[Registration | None, list[tuple[str, str]]]:
    """A registration from stripped cells in :data:`COLUMNS` order, or what is wrong with them.

    Kept lean: it runs once per row of files with a hundred thousand rows.
    """
    (name, email, country, group, role, organisation, attendance,
     ident, title, family, consent, language, attended, phone, gender) = cells
    said = attendance.lower()
    attendance = ATTENDANCE_WORDS.get(" ".join(said.split()), said)
    agreed = CONSENT.get(consent.lower())
    wrong: list[tuple[str, str]] = []
    if ident or family or language or attended or agreed is None:
        wrong = _personal_problems(name, ident, family, consent, agreed, language, attended)
    if (
        not wrong
        and name
        and group
        and attendance in ATTENDANCE
    ):
        code = country.upper()
        if not country or _is_country(code):
            return Registration(
                name, email, group, role or None, code or None, organisation or None, line,
                attendance, ident or None, title or None, family or None, bool(agreed),
                language.replace("-", "_") or None, _days(attended) if attended else (),
                phone or None, _gender(gender),
            ), []
    wrong += [(key, f"{key} is empty") for key, value in zip(COLUMNS, cells, strict=True)
              if key in REQUIRED_VALUES and not value]
    if country and not _is_country(country.upper()):
        wrong.append(("country", not_a_country(country)))
    if attendance not in ATTENDANCE:
        wrong.append(
            ("attendance", f"{shown(attendance)} is not an attendance; write in-person or online "
                           f"({_ATTENDANCE_SAID})")
        )
    return None, wrong


def _personal_problems(
    name: str,
    ident: str,
    family: str,
    consent: str,
    agreed: bool | None,
    language: str,
    attended: str,
) -> list[tuple[str, str]]:
    """What is wrong with the columns the documents made for each participant read."""
    wrong = []
    if ident:
        problem = id_problem(ident)
        if problem:
            wrong.append(("id", problem))
    if family and name and not _within(family, name):
        wrong.append(
            ("family_name", f"{shown(family)} is not part of the name {shown(name)}; write the "
             "family name as the name column writes it")
        )
    if agreed is None:
        wrong.append(("consent", f"{shown(consent)} is not a consent; write yes or no ({_WORDS})"))
    if language and not _is_locale(language.replace("-", "_")):
        wrong.append(
            ("language", f"{shown(language)} is not a language CLDR knows; write a code such as "
             "en, fr, es or pt_BR")
        )
    for day in _DAYS.split(attended.strip()) if attended.strip() else ():
        try:
            parse_date(day)
        except ValueError as exc:
            wrong.append(("attended", f"{exc} (days are separated by spaces, commas or "
                          "semicolons)"))
            break
    return wrong


def _within(family: str, name: str) -> bool:
    """Is ``family`` a whole part of ``name`` (case aside)?"""
    pattern = rf"(?<!\w){re.escape(family.casefold())}(?!\w)"
    return re.search(pattern, name.casefold()) is not None


def _days(attended: str) -> tuple[dt.date, ...]:
    if not attended:
        return ()
    return tuple(sorted({parse_date(day) for day in _DAYS.split(attended.strip()) if day}))


def _repeated_ids(
    rows: list[tuple[int, Registration]], locate: Callable[[int, Registration], Location]
) -> list[Problem]:
    """Rows that give an id an earlier row gave (case aside: one file on macOS and Windows);
    ``rows`` are the rows read, each with its index in the file."""
    seen: dict[str, Registration] = {}
    problems = []
    for index, row in rows:
        if row.id is None:
            continue
        first = seen.setdefault(row.id.casefold(), row)
        if first is not row:
            where = f" (line {first.line})" if first.line is not None else ""
            problems.append(
                Problem(
                    f"the id {shown(row.id)} is given to {shown(first.name)}{where} already; "
                    "each participant's id names their own files",
                    locate(index, row),
                )
            )
    return problems


def _from_mapping_file(file: Path) -> Registrations:
    source = read_source(file, "registrations file")
    data = source.data
    items = data.get("registrations")
    extra = [k for k in data if k != "registrations"]
    if extra:
        raise InputError(
            Problem(
                f"unknown key {shown(extra[0])}; expected registrations",
                source.locate((extra[0],), key=True),
            )
        )
    if not isinstance(items, list):
        raise InputError(
            Problem("expected a list of registrations", source.locate(("registrations",)))
        )
    if len(items) > _limit():
        raise InputError(
            Problem(f"more than {_limit():,} registrations", source.locate(("registrations",)))
        )
    problems = _Problems()
    rows = []
    indexed: list[tuple[int, Registration]] = []
    for index, item in enumerate(items):
        where = source.locate(("registrations", index))
        if not isinstance(item, dict):
            problems.add(Problem("expected a mapping with name, email, group, role", where))
            continue
        unknown = [key for key in item if key not in COLUMNS]
        for key in unknown:
            problems.add(
                Problem(
                    f"unknown key {shown(key)}; allowed: {', '.join(COLUMNS)}",
                    source.locate(("registrations", index, key), key=True),
                )
            )
        if unknown:
            continue

        def locate(key: str | None, index: int = index) -> Location:
            return source.locate(("registrations", index, *((key,) if key else ())))

        row = _row(item, locate, problems, where.line)
        if row is not None:
            rows.append(row)
            indexed.append((index, row))
    for problem in _repeated_ids(
        indexed, lambda index, row: source.locate(("registrations", index, "id"))
    ):
        problems.add(problem)
    problems.raise_with(source.file, indexed)
    return Registrations(source.file, tuple(rows))
