"""The preview's state: what was built from the inputs as they last stood, and who waits for it.

A :class:`Preview` rebuilds in this process (plugins discovered once, templates compiled once,
cattrs' structure functions generated once), so a rebuild costs what a warm build costs. Each
rebuild makes new :class:`Snapshot` s, never changed afterwards; readers (the HTTP handlers) take
the current one without locking it, and waiters are woken when a newer one is published.

A rebuild publishes twice: first the outline and the findings (what the page shows), then the
same state with every other format (the downloads), so the page does not wait for the Word
document and the PDF to show the change.
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ConfdocsError, InputError, Problem

if TYPE_CHECKING:
    from ..building import BuildResult, Document
    from ..findings import Finding
    from ..plugins import PluginHost
    from ..plugins.protocols import ExportOptions

#: The format shown in the page; every other one is offered for download.
PREVIEW_FORMAT = "html"


@attrs.frozen
class Inputs:
    """What the preview is built from, as ``confdocs serve`` was told."""

    event: Path
    catalogs: tuple[str, ...] = ()
    registrations: Path | None = None
    template: Path | None = None
    #: The format ``template`` replaces the layout of.
    template_format: str = PREVIEW_FORMAT
    locale: str | None = None
    #: None: each format's own, as ``build`` has it (the outline internal, the documents that
    #: go outside public).
    audience: str | None = None

    def options(self) -> ExportOptions:
        options: ExportOptions = {"audience": self.audience} if self.audience else {}  # type: ignore[typeddict-item]
        if self.locale:
            options["locale"] = self.locale
        return options

    def own_files(self) -> list[Path]:
        """The files named on the command line (the includes come from loading)."""
        return [p for p in (self.event, self.registrations, self.template) if p is not None]

    def absolute(self) -> Inputs:
        """The same inputs with absolute paths (:func:`named`), as the preview keeps them: the
        folder it was started in may be removed and made again (a checkout, a copy)."""
        return attrs.evolve(
            self,
            event=named(self.event),
            catalogs=tuple(str(Path(c).resolve()) for c in self.catalogs),
            registrations=named(self.registrations) if self.registrations else None,
            template=named(self.template) if self.template else None,
        )


def named(path: str | Path) -> Path:
    """``path`` absolute, its folder's symbolic links followed but not the file's own: the
    file the user named. A watch on it sees the file replaced by a link and back, where one on
    the link's target would follow the target."""
    try:
        path = Path(path).absolute()
        return path.parent.resolve() / path.name
    except OSError:  # the working folder is gone: as it is
        return Path(path)


@attrs.frozen(slots=False)  # not slotted: ``message`` is computed once, on first use
class Snapshot:
    """One build of the inputs: its documents and findings, or why it could not be made."""

    version: int
    #: Wall-clock seconds the rebuild took.
    took: float
    #: Seconds since the epoch when it was finished.
    finished: float
    event_id: str | None = None
    title: str | None = None
    #: Every document built, by format name.
    documents: Mapping[str, Document] = attrs.field(factory=dict)
    findings: tuple[Finding, ...] = ()
    #: Why nothing could be built (a broken input, a broken template); empty when built.
    problems: tuple[Problem, ...] = ()
    #: Plugins or formats that failed while the others were built.
    failures: tuple[str, ...] = ()
    #: The files this build read: a change to any of them starts the next rebuild.
    files: tuple[Path, ...] = ()
    #: The event's folder: the page names files relative to it.
    folder: Path | None = None
    #: The snapshot whose outline this one shows (the first of a rebuild's two); 0: its own.
    outline_version: int = 0
    #: False while the other formats are still being built from the same state.
    complete: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def outline(self) -> Document | None:
        return self.documents.get(PREVIEW_FORMAT)

    @functools.cached_property
    def message(self) -> bytes:
        """The server-sent event that carries this snapshot to the page (made once, sent to
        every client)."""
        data = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        return f"event: state\nid: {self.version}\ndata: {data}\n\n".encode()

    def to_json(self) -> dict[str, Any]:
        """What the page receives: plain data, every text shown by the page as text."""
        return {
            "version": self.version,
            "ok": self.ok,
            "took_ms": round(self.took * 1000),
            "finished": time.strftime("%H:%M:%S", time.localtime(self.finished)),
            "event_id": self.event_id,
            "title": self.title,
            "outline": f"/outline?v={self.outline_version or self.version}"
            if self.outline is not None
            else None,
            "complete": self.complete,
            "downloads": [
                {
                    "format": doc.format,
                    "filename": doc.filename,
                    "media_type": doc.media_type,
                    "size": len(doc.data),
                    "url": f"/download/{doc.format}?v={self.version}",
                }
                for name, doc in sorted(self.documents.items())
                if name != PREVIEW_FORMAT
            ],
            "findings": [self._finding_json(f) for f in self.findings],
            "problems": [self._problem_json(p) for p in self.problems],
            "failures": list(self.failures),
            "files": [self._shown(f) for f in self.files],
        }

    def _shown(self, file: str | Path) -> str:
        """``file`` relative to the event's folder when it is inside it, else as it is (a
        link named as the user named it, not as its target)."""
        if self.folder is not None:
            with contextlib.suppress(ValueError):
                return str(named(file).relative_to(self.folder))
        return str(file)

    def _where(self, file: str | None, line: int | None, column: int | None = None) -> str:
        if file is None:
            return ""
        return ":".join([self._shown(file), *(str(n) for n in (line, column) if n is not None)])

    def _finding_json(self, finding: Finding) -> dict[str, Any]:
        return {**finding.to_json(), "where": self._where(finding.file, finding.line)}

    def _problem_json(self, problem: Problem) -> dict[str, Any]:
        at = problem.location
        return {
            "message": problem.message,
            "where": self._where(at.file, at.line, at.column) if at is not None else "",
            "path": at.path if at is not None else "",
        }


class Preview:
    """Builds the inputs on demand and hands the newest :class:`Snapshot` to whoever waits."""

    def __init__(self, inputs: Inputs, host: PluginHost) -> None:
        self.inputs = inputs.absolute()
        self.host = host
        self._changed = threading.Condition()
        self._closed = False
        self._version = 0
        self._last = Snapshot(0, 0.0, 0.0)  # what a first, failed build keeps: nothing
        *_, self.current = self._make(outline_first=False)  # nobody is waiting yet

    def rebuild(self) -> Snapshot:
        """Build again from the files as they are now, and publish the result: the outline
        first, then every format. Returns the last snapshot published."""
        for snapshot in self._make():
            with self._changed:
                self.current = snapshot
                self._changed.notify_all()
        return snapshot

    def wait_newer(self, version: int, timeout: float) -> Snapshot | None:
        """The current snapshot once it is newer than ``version``; None on timeout or close."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self.current.version != version, timeout)
            if self._closed or self.current.version == version:
                return None
            return self.current

    def close(self) -> None:
        """Wake every waiter for good: the server is stopping."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def _make(self, outline_first: bool = True) -> Iterator[Snapshot]:
        """The snapshots of one rebuild: the outline (with the findings), then everything; one
        snapshot only when the input is broken, there is nothing else to build, or not
        ``outline_first``."""
        started = time.perf_counter()
        first: Snapshot | None = None
        try:
            for fields in self._build(outline_first):
                first = self._snapshot(started, first, **fields)
                yield first
            return
        except InputError as exc:
            fields = self._broken(exc.problems)
        except ConfdocsError as exc:
            fields = self._broken([Problem(str(exc))])
        except Exception as exc:  # a bug must not stop the server: show it, keep watching
            fields = self._broken([Problem(f"confdocs failed: {type(exc).__name__}: {exc}")])
        yield self._snapshot(started, None, **fields)

    def _snapshot(self, started: float, first: Snapshot | None, **fields: Any) -> Snapshot:
        self._version += 1
        snapshot = Snapshot(
            version=self._version,
            took=time.perf_counter() - started,
            finished=time.time(),
            folder=self.inputs.event.parent,
            outline_version=first.version if first is not None else 0,
            **fields,
        )
        self._last = snapshot
        return snapshot

    def _build(self, outline_first: bool) -> Iterator[dict[str, Any]]:
        from ..building import (
            build_options,
            check,
            makes_bilingual,
            render_documents,
            views_by_audience,
            with_audience,
            without_refused,
        )
        from ..loading import load_event_with_sources
        from ..plugins.protocols import audience_of, is_per_recipient, needs_registrations

        inputs = self.inputs
        loaded = load_event_with_sources(inputs.event, inputs.catalogs)
        registrations = None
        if inputs.registrations is not None:
            from ..loading.registrations import load_registrations

            registrations = load_registrations(inputs.registrations)
        findings = check(loaded.event, registrations, self.host, loaded.sources)
        if registrations is not None:  # as build leaves them out (the findings say why)
            registrations, _ = without_refused(
                registrations, findings, lambda fewer: check(loaded.event, fewer, self.host)
            )
        options = build_options(inputs.options())
        templated: ExportOptions = {**options, "template": str(inputs.template)}
        bilingual = len(options.get("languages", ())) == 2
        exporters = self.host.exporters()
        # A template changes no view; each audience the formats render for has one, made when
        # a format first needs it (as build makes them).
        view_for = views_by_audience(loaded.event, options, self.host, registrations)

        def made(names: Sequence[str]) -> list[BuildResult]:
            event, host = loaded.event, self.host
            results = []
            for name in names:
                audience = audience_of(exporters[name].item, options)
                user_template = inputs.template is not None and name == inputs.template_format
                given = with_audience(templated if user_template else options, audience)
                results.append(render_documents(event, view_for(audience), [name], given, host))
            return results

        def fields(results: Sequence[BuildResult], complete: bool) -> dict[str, Any]:
            documents = {doc.format: doc for result in results for doc in result.documents}
            failures = dict.fromkeys(str(f) for result in results for f in result.failures)
            return {
                "event_id": loaded.event.id,
                "title": loaded.event.title,
                "documents": documents,
                "findings": tuple(findings),
                "failures": tuple(failures),
                "files": _unique(
                    [*inputs.own_files(), *map(Path, loaded.sources.files + loaded.sources.links)]
                ),
                "complete": complete,
            }

        # Formats made from the registrations are shown when there are registrations; those
        # made per recipient (46 letters …) are left to `confdocs build`: the preview is of the
        # outline, and they would double its rebuild.
        names = [
            n
            for n in sorted(exporters)
            if (registrations is not None or not needs_registrations(exporters[n].item))
            and not is_per_recipient(exporters[n].item)
            # A bilingual preview (--locale fr+en): the formats that make bilingual documents.
            and (not bilingual or makes_bilingual(exporters[n].item))
        ]
        shown = [n for n in names if n == PREVIEW_FORMAT]
        rest = [n for n in names if n != PREVIEW_FORMAT]
        first = made(shown)
        if outline_first and shown and rest:
            yield fields(first, complete=False)
        yield fields([*first, *made(rest)], complete=True)

    def _broken(self, problems: Sequence[Problem]) -> dict[str, Any]:
        """A snapshot's fields when nothing could be built. It watches what the last build
        read, the files named on the command line and the files the problems are in (a
        broken include is one); it keeps the last title, so the page still says which event."""
        named = [Path(p.location.file) for p in problems if p.location is not None]
        return {
            "problems": tuple(problems),
            "files": _unique([*self.inputs.own_files(), *self._last.files, *named]),
            "event_id": self._last.event_id,
            "title": self._last.title,
        }


def _unique(paths: Sequence[Path]) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(named(p) for p in paths))
