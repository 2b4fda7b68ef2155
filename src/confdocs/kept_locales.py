"""Babel's locale data, merged once and kept in the cache folder.

Babel keeps CLDR's data of each locale in a pickle of its own, holding only what differs from
the locale it inherits from: the first use of ``en_GB`` unpickles Babel's global data (to find
the parent), then ``root``, ``en``, ``en_001`` and ``en_GB``, merging each into a copy of the
one before. That took about 17 ms of a cold ``confdocs build`` of the Hague example in docx,
html and md, for two locales (``en`` and ``en_GB``); one merged locale unpickles in about
2 ms. :func:`keep_locale_data` keeps each merged locale in ``$XDG_CACHE_HOME/confdocs/locales``,
and the next command takes it from there.

How: every reader of Babel's data, Babel's own included, calls ``babel.localedata.load``
(a public function) through its module, so for the command only (the library, imported by
other programs, is left alone) the module's ``load`` is one that returns the kept data of a
locale, and otherwise has Babel load it, keeping what it returns for the next process. A
locale is always the same dict within a process, as Babel promises. Unmerged loads
(``merge_inherited=False``) and names that are not plain locale identifiers go to Babel.

The files hold pickles, which run code as they load: they are kept as
:mod:`confdocs.generated_code` keeps its own (the checks of :mod:`confdocs.cachefolder`, the
digest of each body), and named by Babel's version, its data files and Python's version, so
updating Babel makes new ones. ``CONFDOCS_TEMPLATE_CACHE=off`` turns it off with the rest of
the cache.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import re
import sys
import threading
from collections.abc import Callable
from typing import Any

from .cachefolder import Folder, Once, cache_root, package_file, path_stamp

#: Files kept (a language each); the oldest go first beyond this.
MAX_LANGUAGES = 64
#: How each file starts; its name, the digest of the rest and the pickle follow.
MAGIC = b"confdocs-locale-1\n"
#: The names that are kept: locale identifiers as Babel's files are named.
_NAME = re.compile(r"[A-Za-z]{2,8}(?:_[A-Za-z0-9]{1,8}){0,3}")

_ONCE = Once()


def keep_locale_data() -> None:
    """Take Babel's merged locale data from the cache folder, and keep what Babel loads for
    the next process (see the module's text). For the command line, once per process; does
    nothing when the cache is off or its folder cannot be used safely."""
    if not _ONCE.first():
        return
    root = cache_root()
    if root is None:
        return
    stamps = _stamps()
    if stamps is None:
        return
    folder = Folder(root / "locales", max_entries=MAX_LANGUAGES)
    if folder.refused:
        return
    from babel import localedata

    kept = _KeptLocales(localedata.load, folder, stamps)
    localedata.load = kept.load
    atexit.register(kept.save)


class _KeptLocales:
    """``babel.localedata.load``, taking merged locales from the folder and keeping new ones.

    A file holds the locales of one language (``en``, ``en_001``, ``en_GB`` …), pickled
    together: a merged locale shares with its parent whatever it does not change, so the
    language's locales take hardly more than one of them to load."""

    def __init__(self, original: Callable[..., dict[str, Any]], folder: Folder, stamps: str):
        self.original = original
        self.folder = folder
        self.stamps = stamps
        self.loaded: dict[str, dict[str, Any]] = {}
        self.read: set[str] = set()
        self.made: set[str] = set()
        self.lock = threading.RLock()  # Babel's own load calls itself for the parent

    def load(self, name: Any, merge_inherited: bool = True) -> dict[str, Any]:
        if merge_inherited is not True or type(name) is not str or not _NAME.fullmatch(name):
            return self.original(name, merge_inherited)
        with self.lock:
            data = self.loaded.get(name)
            if data is None:
                self._read(_language(name))
                data = self.loaded.get(name)
            if data is None:
                data = self.loaded[name] = self.original(name)
                self.made.add(_language(name))
            return data

    def file_name(self, language: str) -> str:
        digest = hashlib.blake2b(f"{language}\n{self.stamps}".encode(), digest_size=12)
        return f"locales-{language}-{digest.hexdigest()}"

    def _read(self, language: str) -> None:
        """The kept locales of ``language``, once."""
        if language in self.read:
            return
        self.read.add(language)
        body = self.folder.read_sealed(self.file_name(language), MAGIC)
        if body is None:
            return
        try:
            kept = pickle.loads(body)
        except Exception:  # checked by its digest, so not expected; never the user's problem
            return
        if isinstance(kept, dict):
            for name, data in kept.items():
                if type(name) is str and _language(name) == language and type(data) is dict:
                    self.loaded.setdefault(name, data)

    def save(self) -> None:
        """At exit: the locales of each language of which Babel loaded one in this process."""
        with self.lock:  # a thread of serve's may still be loading one
            made, loaded = set(self.made), dict(self.loaded)
        for language in made:
            kept = {n: d for n, d in loaded.items() if _language(n) == language}
            try:
                body = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # something pickle cannot write: that language is not kept
                continue
            self.folder.write_sealed(self.file_name(language), MAGIC, body)


def _language(name: str) -> str:
    return name.split("_", 1)[0]


def _stamps() -> str | None:
    """What the kept data depends on: Python's version, and Babel's package, global data and
    folder of locale data (by size and time), found without importing Babel; None when Babel
    is not found."""
    init = package_file("babel")
    if init is None:
        return None
    package = os.path.dirname(init)
    files = [init, os.path.join(package, "global.dat"), os.path.join(package, "locale-data")]
    stamps = [path_stamp(file) for file in files]
    return None if None in stamps else repr([sys.version, *zip(files, stamps, strict=True)])
