"""An event file as it was in a git revision (``--against REV``), without a checkout.

The event file and the files beside it (its includes and the logos they name, from the same
revision) are read with ``git show REV:path`` into a temporary folder laid out as the repository
is, loaded from there, and named in messages and locations as ``REV:path``. The working tree is
not touched.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..errors import InputError, Location, Problem
from ..loading.events import LoadedEvent, load_event_with_sources
from ..loading.images import IMAGE_SUFFIXES, max_image_bytes
from ..loading.sources import MAX_INPUT_BYTES, SUFFIXES

#: Seconds one git command may take.
GIT_TIMEOUT = 60.0


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise InputError(Problem("--against needs git, which is not installed")) from None
    except subprocess.TimeoutExpired:
        raise InputError(
            Problem(f"git {args[0]} took longer than {GIT_TIMEOUT:g} s; nothing was compared")
        ) from None


def _fail(message: str, file: str) -> InputError:
    return InputError(Problem(message, Location(file)))


def read_revision(
    path: str | os.PathLike[str], revision: str, catalogs: Sequence[str | os.PathLike[str]] = ()
) -> LoadedEvent:
    """The event file ``path`` as git revision ``revision`` has it, with its includes from
    that revision. Problems name the files as ``REV:path``; raises
    :class:`~confdocs.errors.InputError` when the file is not in a repository or not in the
    revision."""
    name = str(path)
    if not revision or revision.startswith("-") or "\x00" in revision:
        raise _fail(f"{revision!r} is not a git revision", name)
    file = Path(path).resolve()
    if not file.parent.is_dir():
        raise _fail("the folder of the event file does not exist", name)
    found = _git(file.parent, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise _fail("--against: the event file is not in a git repository", name)
    top = Path(found.stdout.decode("utf-8", "replace").strip()).resolve()
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise _fail(f"--against: git knows no revision {revision!r}", name)
    relative = file.relative_to(top).as_posix()
    label = f"{revision}:{relative}"
    folders = [file.parent, *(Path(c).resolve() for c in catalogs)]
    wanted = sorted({_relative(f, top) for f in folders if _inside(f, top)})
    listed = _git(top, "ls-tree", "-r", "-z", "--name-only", revision, "--", *wanted)
    if listed.returncode != 0:
        raise _fail(f"--against: git cannot list revision {revision!r}", name)
    # Event files and catalogs, and the logos they may name, each with the most it may hold.
    input_limit = int(os.environ.get("CONFDOCS_MAX_INPUT_BYTES", MAX_INPUT_BYTES))
    limits = {
        **dict.fromkeys(SUFFIXES, input_limit),
        **dict.fromkeys(IMAGE_SUFFIXES, max_image_bytes()),
    }
    names = [
        n.decode("utf-8", "surrogateescape")
        for n in listed.stdout.split(b"\x00")
        if n and Path(n.decode("utf-8", "surrogateescape")).suffix.lower() in limits
    ]
    if relative not in names:
        raise _fail(f"--against: {relative} is not in revision {revision!r}", label)
    with tempfile.TemporaryDirectory(prefix="confdocs-revision-") as folder:
        root = Path(folder)
        for item in names:
            limit = limits[Path(item).suffix.lower()]
            size = _git(top, "cat-file", "-s", f"{revision}:{item}")
            if size.returncode != 0 or int(size.stdout.strip() or 0) > limit:
                continue  # too big to be an event, a catalog or a logo: left out, as if absent
            shown = _git(top, "show", f"{revision}:{item}")
            if shown.returncode != 0:
                continue
            target = root / item
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(shown.stdout)
        mapped = [root / _relative(f, top) for f in folders[1:] if _inside(f, top)]
        prefix = str(root) + os.sep
        try:
            loaded = load_event_with_sources(root / relative, mapped)
        except InputError as exc:
            raise InputError([_relabel(p, prefix, revision) for p in exc.problems]) from None
    sources = loaded.sources
    for source in [sources.main, *(s for entries in sources.origins.values() for s, _ in entries)]:
        source.file = _named(source.file, prefix, revision)
    sources.files = [_named(f, prefix, revision) for f in sources.files]
    return loaded


def _inside(folder: Path, top: Path) -> bool:
    return folder == top or folder.is_relative_to(top)


def _relative(folder: Path, top: Path) -> str:
    return folder.relative_to(top).as_posix() or "."


def _named(file: str, prefix: str, revision: str) -> str:
    if file.startswith(prefix):
        return f"{revision}:{Path(file[len(prefix) :]).as_posix()}"
    return file


def _relabel(problem: Problem, prefix: str, revision: str) -> Problem:
    if problem.location is None:
        return problem
    where = problem.location
    return attrs.evolve(
        problem, location=attrs.evolve(where, file=_named(where.file, prefix, revision))
    )
