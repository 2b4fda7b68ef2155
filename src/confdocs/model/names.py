"""Names are data: the one rule for ids and file suffixes, so any of them is a safe file name.

An id (of the event, a person, an organisation, a slot, a room, a group …) and an exporter's
file suffix are *portable file-name slugs*:

- ASCII letters, digits, ``-``, ``_`` and ``.``, starting with a letter or a digit;
- no ``..``, and no dot at the end (Windows drops it);
- not a name Windows reserves for devices (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM1`` …
  ``LPT9``, in any case, with or without a suffix);
- at most :data:`~confdocs.limits.ID_LENGTH` characters for an id,
  :data:`~confdocs.limits.SUFFIX_LENGTH` for a suffix.

Documents are named ``<event id>.<suffix>`` (``<event id>.<recipient id>.<suffix>`` for one
document per recipient), so such a name never leaves the output folder,
never makes a sub-folder or a hidden file, and means the same file on Linux, macOS and Windows.
The fields that hold ids say so in their metadata (``confdocs.model.fields.IDENTIFIER``), and
loading checks every one of them with :func:`id_problem`.
"""

from __future__ import annotations

import re
import unicodedata

from ..display import shown
from ..limits import ID_LENGTH, SUFFIX_LENGTH

_ALLOWED = re.compile(r"[A-Za-z0-9._-]")
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_RESERVED = re.compile(r"(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?")
RULE = "letters a-z and A-Z, digits, '-', '_' and '.', starting with a letter or a digit"


def id_problem(value: str, what: str = "id") -> str | None:
    """What is wrong with ``value`` as an id, or None when it is a good one."""
    return _problem(value, what, ID_LENGTH)


def suffix_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a file suffix (``md``, ``schedule.json``), or None."""
    return _problem(value, "suffix", SUFFIX_LENGTH)


def file_name_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a document's file name, or None: ``<id>.<suffix>``, or
    ``<id>.<recipient id>.<suffix>`` for a document per recipient (at most 242 characters,
    within the 255 every common file system allows)."""
    return _problem(value, "file name", 2 * (ID_LENGTH + 1) + SUFFIX_LENGTH)


def _problem(value: str, what: str, longest: int) -> str | None:
    if _SLUG.fullmatch(value) and ".." not in value and not value.endswith("."):
        if len(value) > longest:
            return f"the {what} {shown(value)} is longer than {longest} characters"
        if _RESERVED.fullmatch(value):
            return (
                f"the {what} {shown(value)} is a name Windows reserves for a device; "
                "choose another"
            )
        return None
    if not value:
        return f"the {what} is empty; use {RULE}"
    bad = sorted({c for c in value if not _ALLOWED.fullmatch(c)})
    if bad:
        listed = " ".join(shown(c) for c in bad[:8])
        reason = f"it holds {listed}"
    elif ".." in value:
        reason = "it holds '..'"
    elif value.endswith("."):
        reason = "it ends with a dot"
    else:
        reason = f"it starts with {shown(value[0])}"
    hint = suggestion(value, longest)
    return (
        f"{shown(value)} is not a valid {what}: {reason}; use {RULE}"
        + (f" (such as {hint!r})" if hint else "")
    )


def without_accents(text: str) -> str:
    """``text`` with its accents and other combining marks left out ("Hélène" → "Helene",
    the vowel marks of Arabic or Hebrew too), letters of their own kept ("Ø", "ł"): names
    compared as a keyboard without accents writes them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def in_latin_letters(text: str) -> str:
    """``text`` written in Latin letters, each script's as anyascii writes them ("Ірина
    Бондаренко" → "Irina Bondarenko", "Łukasz" → "Lukasz"); Latin text without accents is
    unchanged."""
    from anyascii import anyascii

    return str(anyascii(unicodedata.normalize("NFC", text)))


def suggestion(value: str, longest: int = ID_LENGTH) -> str | None:
    """A valid name close to ``value`` (``café Agora`` → ``cafe-Agora``, ``Олена Коваленко``
    → ``Olena-Kovalenko``, ``سلمى الطرابلسي`` → ``slma-ltrblsy``), or None. Letters of every
    script are written in Latin ones (anyascii): a name in Arabic, Cyrillic or Georgian letters
    gave nothing, and a participant's files were "participant-3"."""
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFC", value))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text)
    slug = re.sub(r"\.{2,}", ".", slug)
    slug = re.sub(r"^[^A-Za-z0-9]+", "", slug)[:longest].rstrip(".-_")
    if not slug or _problem(slug, "id", longest) is not None:
        return None
    return slug
