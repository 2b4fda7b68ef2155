"""The preview's HTTP server: the standard library's threading server and server-sent events.

It serves only what it holds in memory: the page (three files shipped in ``static/``), the
current snapshot's documents by format name, and the stream of snapshots. No part of a URL is
ever joined to a path on disk. Connections are bounded (``MAX_CONNECTIONS``, of which
``MAX_STREAMS`` may be event streams); a request line and its headers must arrive within
``REQUEST_TIMEOUT_S`` in all, and when every connection is taken the one that has waited longest
for its request is closed to make room, so slow or idle clients cannot keep others out. Every
response says ``no-store``: a preview is never cached. Only requests whose ``Host`` names this
server are answered (DNS rebinding), whatever address it listens on.
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import json
import socket
import sys
import threading
import time
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from .preview import Preview

#: Open connections at once (each is a thread). When all are taken, the one that has waited
#: longest for its request (an idle keep-alive, a slow client) is closed to make room; when
#: every one is being answered, a new one gets 503.
MAX_CONNECTIONS = 32
#: Open event streams (browser tabs showing the preview) at once; more get 503.
MAX_STREAMS = 8
#: Seconds between keep-alive comments on an idle event stream (also how soon a stream
#: notices that its tab was closed).
KEEPALIVE_S = 15.0
#: Seconds a request line and its headers may take in all, from the moment the connection is
#: ready to read it (opened, or the previous answer sent); also the longest a write may wait.
REQUEST_TIMEOUT_S = 10.0
#: Longest the accepting thread waits for the slot of a connection it closed to make room.
EVICT_WAIT_S = 1.0
#: What a connection gets when every slot is busy answering.
_BUSY = b"503 too many connections: close other previews, then reload\n"
BUSY_REPLY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: %d\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n%s"
) % (len(_BUSY), _BUSY)

#: The page's own files: name in the URL → (file in static/, media type).
STATIC = {
    "/": ("page.html", "text/html; charset=utf-8"),
    "/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/page.css": ("page.css", "text/css; charset=utf-8"),
}
#: The page runs only its own script; frames show only this server's documents.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
#: The outline runs no script at all, even when opened on its own.
OUTLINE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin allow-popups "
    "allow-popups-to-escape-sandbox"
)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address, or localhost) is reachable only from this machine:
    127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104. A name other than localhost is not known to be."""
    if host.strip("[]").lower() == "localhost":
        return True
    address = _ip(host.strip("[]"))
    return address is not None and address.is_loopback


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """``text`` as an IP address (an IPv4-mapped IPv6 one as its IPv4), or None."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def host_names(bound: str, loopback: bool, allowed: Iterable[str] = ()) -> frozenset[str]:
    """The names (lower case) a ``Host`` header may give besides an IP address: localhost,
    the name ``--host`` gave, ``allowed`` (``--allow-host``) and, when listening beyond
    loopback, this machine's name and full name, which other machines may use to reach it."""
    names = {"localhost", *(n.lower().rstrip(".") for n in allowed)}
    if _ip(bound.strip("[]")) is None and bound:
        names.add(bound.lower().rstrip("."))
    if not loopback:
        machine = socket.gethostname()
        names.update({machine, machine.split(".")[0], socket.getfqdn()})
    return frozenset(n.lower().rstrip(".") for n in names if n)


def _split_host(value: str) -> tuple[str, str] | None:
    """A ``Host`` header's name (an IPv6 address without its brackets) and port ("" when it
    has none); None when it is neither ``name[:port]`` nor ``[IPv6][:port]``."""
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        if not bracket or ":" not in name or (rest and not rest.startswith(":")):
            return None
        return name, rest[1:]
    name, _, port = value.partition(":")
    return None if ":" in port else (name, port)


class _Connection:
    """An open connection, as its thread and the accepting thread share it."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        #: When it started waiting for its request (monotonic); None while it is answered.
        self.waiting_since: float | None = time.monotonic()
        #: Closed to make room: it is not answered.
        self.evicted = False


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server with a bound on connections, serving one :class:`Preview`.

    ``allow_hosts``: names besides localhost, the IP addresses and (beyond loopback) this
    machine's names that a request's ``Host`` may give (``--allow-host``)."""

    daemon_threads = True
    block_on_close = False
    #: Connections the system holds until they are accepted (socketserver's 5 dropped a burst:
    #: a client whose connection is dropped tries again only a second later).
    request_queue_size = 2 * MAX_CONNECTIONS

    def __init__(
        self, preview: Preview, host: str, port: int, allow_hosts: Iterable[str] = ()
    ) -> None:
        self.preview = preview
        host = host.strip("[]")
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._streams = threading.BoundedSemaphore(MAX_STREAMS)
        self._lock = threading.Lock()
        self._connections: dict[socket.socket, _Connection] = {}
        self._static: dict[str, bytes] = {}
        super().__init__((host, port), PreviewHandler)
        self.port = int(self.server_address[1])
        # What the socket is bound to, not what --host said: 127.1 and ::ffff:127.0.0.1 are
        # loopback too, and a name may lead anywhere.
        self.loopback = is_loopback(str(self.server_address[0]))
        # A web page elsewhere may point its own name at this machine (DNS rebinding) and
        # read the preview through the visitor's browser: only the names this machine answers
        # to are accepted, on loopback or not.
        self.host_names = host_names(host, self.loopback, allow_hosts)

    def host_allowed(self, value: str) -> bool:
        """Whether a ``Host`` header names this server: an IP address, or one of
        :attr:`host_names`, with this server's port (or none, on port 80)."""
        split = _split_host(value)
        if split is None:
            return False
        name, port = split
        if port != str(self.port) and not (port == "" and self.port == 80):
            return False
        # No page can point an address at this machine: rebinding needs a name.
        return _ip(name) is not None or name.lower().rstrip(".") in self.host_names

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False) and not (
            self._evict_longest_waiting() and self._slots.acquire(timeout=EVICT_WAIT_S)
        ):
            with contextlib.suppress(OSError):
                request.setblocking(False)  # a full buffer must not hold the accepting thread
                request.send(BUSY_REPLY)
            self.shutdown_request(request)
            return
        with self._lock:
            self._connections[request] = _Connection(request)
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._forget(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._forget(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exception(), ConnectionError | TimeoutError):
            return  # the client went away (a closed tab, a reset): nothing to report
        super().handle_error(request, client_address)

    def tracked(self, request: socket.socket) -> _Connection:
        with self._lock:
            return self._connections.get(request) or _Connection(request)

    def start_waiting(self, connection: _Connection) -> bool:
        """``connection`` waits for its next request; False if it was closed to make room."""
        with self._lock:
            if connection.evicted:
                return False
            connection.waiting_since = time.monotonic()
            return True

    def stop_waiting(self, connection: _Connection) -> bool:
        """``connection`` has its request and is answered; False if it was closed to make room
        meanwhile (it must not be answered then)."""
        with self._lock:
            connection.waiting_since = None
            return not connection.evicted

    def _evict_longest_waiting(self) -> bool:
        """Close the connection that has waited longest for its request; False if every one
        is being answered."""
        with self._lock:
            waiting = [c for c in self._connections.values() if c.waiting_since is not None]
            if not waiting:
                return False
            oldest = min(waiting, key=lambda c: c.waiting_since or 0.0)
            oldest.evicted, oldest.waiting_since = True, None
        with contextlib.suppress(OSError):
            oldest.sock.shutdown(socket.SHUT_RDWR)  # its thread's read returns at once
        return True

    def _forget(self, request: Any) -> None:
        with self._lock:
            self._connections.pop(request, None)
        self._slots.release()

    def static(self, name: str) -> bytes:
        if name not in self._static:
            files = resources.files("confdocs.serve").joinpath("static")
            self._static[name] = files.joinpath(name).read_bytes()
        return self._static[name]

    def open_stream(self) -> bool:
        return self._streams.acquire(blocking=False)

    def close_stream(self) -> None:
        self._streams.release()


class _RequestReader(io.RawIOBase):
    """The socket as the handler reads it: while a request is awaited, each read may wait only
    for what is left of the request's time, so a client sending a header line every few
    seconds is cut off at the deadline like a silent one."""

    def __init__(self, connection: _Connection) -> None:
        super().__init__()
        self.connection = connection
        #: When the request being read must be in (monotonic); None once it is.
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        sock = self.connection.sock
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no request within {REQUEST_TIMEOUT_S:g} s")
            sock.settimeout(left)
        count = sock.recv_into(buffer)
        if self.connection.evicted:
            raise TimeoutError("closed to make room for a newer connection")
        return count


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(REQUEST_TIMEOUT_S)  # for writes; reads have the deadline
        self.rfile.close()  # read through the deadline instead
        self.state = self.server.tracked(self.connection)
        self.reader = _RequestReader(self.state)
        self.rfile = io.BufferedReader(self.reader)

    def handle_one_request(self) -> None:
        if not self.server.start_waiting(self.state):
            self.close_connection = True
            return
        self.reader.deadline = time.monotonic() + REQUEST_TIMEOUT_S
        try:
            super().handle_one_request()
        finally:
            self.reader.deadline = None

    def parse_request(self) -> bool:
        """The request line and the headers are read; the rest of the time is the answer's."""
        parsed = super().parse_request()
        self.reader.deadline = None
        if not self.server.stop_waiting(self.state):
            raise TimeoutError("closed to make room for a newer connection")
        self.connection.settimeout(REQUEST_TIMEOUT_S)
        return parsed

    def version_string(self) -> str:
        return "confdocs-serve"

    def do_GET(self) -> None:
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or not self.server.host_allowed(hosts[0]):
            given = repr(hosts[0][:100]) if len(hosts) == 1 else f"{len(hosts)} Host headers"
            self._error(
                HTTPStatus.MISDIRECTED_REQUEST,
                f"unknown Host {given}: open the address confdocs serve printed, or start it "
                "with --allow-host NAME to answer to NAME",
            )
            return
        path = urlsplit(self.path).path
        if path in STATIC:
            name, media_type = STATIC[path]
            policy = PAGE_POLICY if path == "/" else None
            self._send(HTTPStatus.OK, media_type, self.server.static(name), policy)
        elif path == "/events":
            self._events()
        elif path == "/state":
            self._state()
        elif path == "/outline":
            self._outline()
        elif path.startswith("/download/"):
            self._download(path.removeprefix("/download/"))
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found")

    def do_HEAD(self) -> None:
        # What GET would answer, without its body (link checkers, curl -I); the update stream
        # answers its headers and closes.
        self.do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the command line reports rebuilds, not requests

    def _state(self) -> None:
        data = json.dumps(self.server.preview.current.to_json(), ensure_ascii=False).encode()
        self._send(HTTPStatus.OK, "application/json; charset=utf-8", data)

    def _outline(self) -> None:
        snapshot = self.server.preview.current
        doc = snapshot.outline
        if doc is None:
            self._error(HTTPStatus.NOT_FOUND, "no outline: the input is broken or html failed")
            return
        self._send(HTTPStatus.OK, doc.media_type, doc.data, OUTLINE_POLICY)

    def _download(self, name: str) -> None:
        doc = self.server.preview.current.documents.get(name)
        if doc is None:
            self._error(HTTPStatus.NOT_FOUND, f"no document in the format {name!r}")
            return
        self._send(
            HTTPStatus.OK,
            doc.media_type,
            doc.data,
            OUTLINE_POLICY,
            {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(doc.filename)}"},
        )

    def _events(self) -> None:
        server = self.server
        if self.command == "HEAD":
            self._send(HTTPStatus.OK, "text/event-stream; charset=utf-8", b"")
            return
        if not server.open_stream():
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many open previews")
            return
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            preview = server.preview
            snapshot = preview.current
            # The page retries after this many ms when the stream breaks (a restarted server).
            self.wfile.write(b"retry: 1000\n\n" + snapshot.message)
            self.wfile.flush()
            while not preview.closed:
                newer = preview.wait_newer(snapshot.version, KEEPALIVE_S)
                if newer is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    snapshot = newer
                    self.wfile.write(snapshot.message)
                self.wfile.flush()
        except OSError:
            pass  # the tab was closed
        finally:
            server.close_stream()
            self.close_connection = True

    def _send(
        self,
        status: HTTPStatus,
        media_type: str,
        data: bytes,
        policy: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{status.value} {message}\n".encode())
