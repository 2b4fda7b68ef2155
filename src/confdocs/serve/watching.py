"""Watching the inputs with watchfiles and rebuilding the preview when one of them changes.

watchfiles (Rust's notify underneath, the watcher uvicorn uses for ``--reload``) groups the
events of one save into one batch: it yields once no further change came for ``STEP_MS``.
Folders are watched, not files: editors often save by writing a new file and renaming it over
the old one, which a watch on the old file would not see. Once a second the files' sizes and
times are compared as well, which catches what a watch cannot see (a change made while the
watch was being set up again for a new include, a network drive without notifications).

A watch follows its folder, not the folder's name: once the folder is removed (or moved) it
sees nothing more of the name, even when a folder of that name is made again (``rm -rf ev;
cp -a ev.keep ev``), and watchfiles only reports the folder's own path as deleted. So the watch
is set up anew on the folders as they now are when a watched folder is reported, or when, at a
batch or once a second, a folder went, came or has another inode.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISDIR
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .preview import Preview, Snapshot

#: Quiet time after a change before the batch is handed over (watchfiles' ``step``).
STEP_MS = 30
#: Longest a batch is held back while changes keep coming (watchfiles' ``debounce``).
DEBOUNCE_MS = 400
#: How often the files' sizes and times are compared when no change was notified.
CHECK_MS = 1000
#: Least time between two setups of the watch, whatever the folders do.
REARM_MS = 100
#: How often the folders are looked for while every one of them is gone.
GONE_MS = 250

#: A file's device, inode, size and modification time; None when it is missing.
Stamps = dict[Path, tuple[int, int, int, int] | None]
#: A folder's device and inode; None when it is missing.
Identities = dict[Path, tuple[int, int] | None]


class Watcher:
    """A thread that rebuilds ``preview`` when a file the last build read changes."""

    def __init__(
        self, preview: Preview, on_rebuild: Callable[[Snapshot, list[Path]], None] | None = None
    ) -> None:
        self.preview = preview
        self.on_rebuild = on_rebuild
        self._stop = threading.Event()
        #: Set once the first watch is in place: a change made after it is seen.
        self.ready = threading.Event()
        self._stamps = stamps(preview.current.files)
        self._thread = threading.Thread(target=self._run, name="confdocs-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self._watch()
            except Exception:  # a folder vanished under the watch: start again from the files
                self._stop.wait(0.5)
            self._stop.wait(max(0.0, REARM_MS / 1000 - (time.monotonic() - started)))

    def _watch(self) -> None:
        from watchfiles import watch

        files = set(self.preview.current.files)
        armed = identities(files)
        folders = sorted(f for f, identity in armed.items() if identity is not None)
        # A change made while no watch was in place (the folder was away) is seen now.
        self._compare(files)
        if not folders:  # every folder is gone: look again shortly
            self.ready.set()
            self._stop.wait(GONE_MS / 1000)
            return
        watched = set(folders)
        batches = watch(
            *folders,
            # The files' changes, and a watched folder's own removal or move.
            watch_filter=lambda _change, path: Path(path) in files or Path(path) in watched,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=_StopEvent(self._stop, self.ready),
            rust_timeout=CHECK_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
            recursive=False,
        )
        for batch in batches:
            paths = {Path(path) for _change, path in batch}
            if paths - watched:
                self._rebuild(sorted(paths - watched))
            elif not batch:  # a timeout: compare sizes and times instead
                self._compare(files)
            files.clear()
            files.update(self.preview.current.files)  # the includes may have changed
            # A folder removed or moved (which the watch no longer sees), or one that came:
            # watch the folders as they are now. A folder made again may have the inode of the
            # one removed, so its own event is what tells.
            if paths & watched or identities(files) != armed:
                return

    def _compare(self, files: Iterable[Path]) -> None:
        """Rebuild if a file's size, time or inode changed since the last build."""
        now = stamps(files)
        changed = [f for f, s in now.items() if self._stamps.get(f, s) != s]
        if changed:
            self._rebuild(changed)

    def _rebuild(self, changed: list[Path]) -> None:
        # Taken before the files are read: a write during the build is seen afterwards.
        self._stamps = stamps(self.preview.current.files)
        snapshot = self.preview.rebuild()
        self._stamps.update(
            {f: s for f, s in stamps(snapshot.files).items() if f not in self._stamps}
        )
        if self.on_rebuild is not None:
            self.on_rebuild(snapshot, changed)


class _StopEvent:
    """watchfiles' ``stop_event``. Its ``is_set`` is first asked once the watch is in place,
    which is the moment to say the watcher is ready."""

    def __init__(self, stop: threading.Event, ready: threading.Event) -> None:
        self.stop, self.ready = stop, ready

    def is_set(self) -> bool:
        self.ready.set()
        return self.stop.is_set()


def stamps(files: Iterable[Path]) -> Stamps:
    """Device, inode, size and modification time of each file, a link's target's (None when
    it is missing): a file replaced by a copy with the same size and time differs too."""
    out: Stamps = {}
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            out[file] = None
        else:
            out[file] = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return out


def identities(files: Iterable[Path]) -> Identities:
    """The device and inode of each file's folder (None when it is missing or not a folder)."""
    out: Identities = {}
    for folder in sorted({f.parent for f in files}):
        try:
            stat = folder.stat()
        except OSError:
            out[folder] = None
        else:
            out[folder] = (stat.st_dev, stat.st_ino) if S_ISDIR(stat.st_mode) else None
    return out
