"""The running preview: the build, the watcher and the HTTP server, started and stopped together."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .preview import Inputs, Preview, Snapshot
from .server import PreviewServer
from .watching import Watcher

if TYPE_CHECKING:
    from ..plugins import PluginHost


#: Longest the service waits at start for the watch to be in place.
WATCH_START_S = 5.0


class PreviewService:
    """Builds ``inputs`` once, listens on ``host``:``port`` (0: a free port) and rebuilds on
    every change; :meth:`serve_forever` answers requests until :meth:`close` or Ctrl-C.
    Requests are answered when their ``Host`` is an IP address, localhost, this machine's name
    (listening beyond loopback) or one of ``allow_hosts``.

    ::

        with PreviewService(Inputs(Path("event.yaml"))) as service:
            print(service.url)
            service.serve_forever()
    """

    def __init__(
        self,
        inputs: Inputs,
        host: str = "127.0.0.1",
        port: int = 0,
        plugins: PluginHost | None = None,
        on_rebuild: Callable[[Snapshot, list[Path]], None] | None = None,
        allow_hosts: Sequence[str] = (),
    ) -> None:
        if plugins is None:
            from ..plugins import get_plugin_manager

            plugins = get_plugin_manager()
        self.preview = Preview(inputs, plugins)
        # OSError: the port is taken
        self.server = PreviewServer(self.preview, host, port, allow_hosts)
        #: Whether the address listened on is reachable only from this machine.
        self.loopback = self.server.loopback
        self.watcher = Watcher(self.preview, on_rebuild)
        self.watcher.start()
        # Returned only once a change would be seen (bounded: the watcher also compares the
        # files' times once a second, so a slow start misses nothing for long).
        self.watcher.ready.wait(WATCH_START_S)
        self._serving = False

    @property
    def url(self) -> str:
        host = str(self.server.server_address[0])
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.server.port}/"

    def serve_forever(self) -> None:
        self._serving = True
        try:
            self.server.serve_forever(poll_interval=0.25)
        finally:
            self._serving = False

    def close(self) -> None:
        """Stop watching, end every event stream, stop listening."""
        self.preview.close()
        self.watcher.stop()
        if self._serving:  # serve_forever runs in another thread: ask it to return
            self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> PreviewService:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
