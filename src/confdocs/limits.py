"""Every bound on what a user's file can make confdocs use, with the variable that moves it.

docs/limits.md lists each of them and what happens beyond it; a test checks that every
variable below is there. A limit is read from the environment each time it is needed, so a
test (or a long-running program) may change it; a value that is not a positive number is a
:class:`~confdocs.errors.ConfdocsError` naming the variable, not a traceback.
"""

from __future__ import annotations

import math
import os

import attrs

from .errors import ConfdocsError

__all__ = [
    "ALIAS_TEXT",
    "ALL",
    "CHECK_SECONDS",
    "DOCX_RATIO",
    "DOCX_TEMPLATE_BYTES",
    "DOCX_UNPACKED_BYTES",
    "EXPORT_SECONDS",
    "FINDINGS",
    "ID_LENGTH",
    "INPUT_BYTES",
    "MARKDOWN_NESTING",
    "MIB",
    "PDF_BYTES",
    "REGISTRATIONS",
    "SUFFIX_LENGTH",
    "TEMPLATE_OUTPUT",
    "TEMPLATE_SECONDS",
    "TEMPLATE_TEXT",
    "Limit",
]


@attrs.frozen
class Limit:
    """A bound: its environment variable, its default and the unit it counts in."""

    env: str
    default: int | float
    unit: str
    what: str

    def value(self) -> int | float:
        """The bound in force: the environment's value, else the default."""
        raw = os.environ.get(self.env)
        if raw is None or not raw.strip():
            return self.default
        try:
            number = float(raw) if isinstance(self.default, float) else int(raw)
        except ValueError:
            number = math.nan
        if not number > 0 or math.isinf(number):
            kind = "a number" if isinstance(self.default, float) else "a whole number"
            raise ConfdocsError(f"{self.env} must be {kind} of {self.unit} above 0, got {raw!r}")
        return number


MIB = 1024 * 1024

INPUT_BYTES = Limit(
    "CONFDOCS_MAX_INPUT_BYTES", 10 * MIB, "bytes", "an event file, an included catalog, a template"
)
ALIAS_TEXT = Limit(
    "CONFDOCS_MAX_ALIAS_TEXT",
    10 * MIB,
    "characters",
    "the text YAML aliases repeat in one file, each expansion counted again",
)
REGISTRATIONS = Limit("CONFDOCS_MAX_REGISTRATIONS", 200_000, "rows", "registrations in one file")
MARKDOWN_MARKS = Limit(
    "CONFDOCS_MAX_MARKDOWN_MARKS",
    100_000,
    "characters",
    "the characters of one Markdown text that may open markup (* _ ` [ ] ! < > ~ | \\ # &)",
)
TEMPLATE_OUTPUT = Limit(
    "CONFDOCS_MAX_TEMPLATE_OUTPUT",
    50_000_000,
    "characters",
    "what a template renders, and any one value it makes",
)
TEMPLATE_TEXT = Limit(
    "CONFDOCS_MAX_TEMPLATE_TEXT",
    200_000_000,
    "characters",
    "the text a template's operations make in all while it renders (joins, repetitions, "
    "filters, calls), kept or not",
)
TEMPLATE_SECONDS = Limit("CONFDOCS_TEMPLATE_TIMEOUT", 60.0, "seconds", "one template's rendering")
EXPORT_SECONDS = Limit("CONFDOCS_EXPORT_TIMEOUT", 120.0, "seconds", "one exporter's render()")
CHECK_SECONDS = Limit("CONFDOCS_CHECK_TIMEOUT", 120.0, "seconds", "one validator's validate()")
FINDINGS = Limit("CONFDOCS_MAX_FINDINGS", 10_000, "findings", "what one validator reports")
DOCX_TEMPLATE_BYTES = Limit(
    "CONFDOCS_MAX_DOCX_TEMPLATE_BYTES", 20 * MIB, "bytes", "a Word template file (--template)"
)
DOCX_UNPACKED_BYTES = Limit(
    "CONFDOCS_MAX_DOCX_UNPACKED_BYTES",
    200 * MIB,
    "bytes",
    "a Word template's parts once decompressed, in all",
)
DOCX_RATIO = Limit(
    "CONFDOCS_MAX_DOCX_RATIO",
    100,
    "times",
    "how many times larger a Word template's parts are decompressed than compressed",
)

PDF_BYTES = Limit(
    "CONFDOCS_MAX_PDF_BYTES", 200 * MIB, "bytes", "the PDF a user's Typst layout makes"
)

#: Every limit above, for the documentation test and ``docs/limits.md``.
ALL: tuple[Limit, ...] = (
    INPUT_BYTES,
    ALIAS_TEXT,
    REGISTRATIONS,
    MARKDOWN_MARKS,
    TEMPLATE_OUTPUT,
    TEMPLATE_TEXT,
    TEMPLATE_SECONDS,
    EXPORT_SECONDS,
    CHECK_SECONDS,
    FINDINGS,
    DOCX_TEMPLATE_BYTES,
    DOCX_UNPACKED_BYTES,
    DOCX_RATIO,
    PDF_BYTES,
)

#: Deepest nesting of block quotes and lists in Markdown (markdown-it's ``maxNesting``, which
#: counts a list as two levels: the list and its item). Deeper text would be dropped by the
#: parser, so loading refuses it.
MARKDOWN_NESTING = 20
#: Longest id (event, person, session …), in characters; see :mod:`confdocs.model.names`.
ID_LENGTH = 100
#: Longest file suffix an exporter may register.
SUFFIX_LENGTH = 40
