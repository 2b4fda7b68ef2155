"""Headless Chromium driven through the DevTools protocol over a pipe (no extra library).

``--remote-debugging-pipe`` makes Chromium read commands from file descriptor 3 and write
answers to descriptor 4, one JSON message each, ended by a NUL byte (what Puppeteer's
``pipe: true`` uses). No port is opened, so nothing else on the machine can drive it.
Every wait is bounded in time.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-extensions",
    "--remote-debugging-pipe",
]


class BrowserError(RuntimeError):
    pass


class Browser:
    """One Chromium with a fresh profile and one page; ``evaluate`` runs JavaScript in it."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="confdocs-chromium-"))
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def descriptors() -> None:  # in the child: its ends become fds 3 and 4
            read = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            write = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=descriptors,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._answers: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=1000)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = ""
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
            self.session = attached["sessionId"]
        except BaseException:
            self.close()
            raise

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:  # answers only; events are not asked for
                    self._answers.put(message, timeout=self.timeout)

    def send(
        self, method: str, params: dict[str, Any] | None = None, timeout: float | None = None
    ) -> dict[str, Any]:
        self._next_id += 1
        wanted = self._next_id
        message: dict[str, Any] = {"id": wanted, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        while (left := deadline - time.monotonic()) > 0:
            try:
                answer = self._answers.get(timeout=left)
            except queue.Empty:
                break
            if answer.get("id") == wanted:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
        raise BrowserError(f"{method}: no answer within {limit:g} s")

    def evaluate(self, expression: str, timeout: float | None = None) -> Any:
        """The value of ``expression`` (awaited when it is a promise)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            timeout,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def goto(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def wait_for(self, condition: str, timeout: float = 10.0) -> Any:
        """Wait in the page until the JavaScript ``condition`` is true-ish (checked every 5 ms),
        and return its value; :class:`BrowserError` after ``timeout`` seconds."""
        ms = int(timeout * 1000)
        script = f"""new Promise((resolve, reject) => {{
            const until = performance.now() + {ms};
            const check = () => {{
                let value = null;
                try {{ value = ({condition}); }} catch (error) {{ value = null; }}
                if (value) resolve(value);
                else if (performance.now() > until) reject(new Error("timed out"));
                else setTimeout(check, 5);
            }};
            check();
        }})"""
        try:
            return self.evaluate(script, timeout + 5)
        except BrowserError as exc:
            raise BrowserError(f"not true within {timeout:g} s: {condition}") from exc

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class ServeProcess:
    """``confdocs serve EVENT --port 0 …`` in a new process, as a user runs it; ``url`` is the
    address it printed. :meth:`stop` sends Ctrl-C (SIGINT) and waits for a clean exit."""

    def __init__(self, command: list[str], event: Path, *args: str, timeout: float = 60) -> None:
        self.process = subprocess.Popen(
            [*command, "serve", str(event), "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue(maxsize=10_000)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.output: list[str] = []
        self.url = self._wait_for_url(timeout)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line, timeout=10)

    def _wait_for_url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            self.output.append(line)
            if line.startswith("Serving ") and " at http://" in line:
                return line.split(" at ", 1)[1].split()[0]
        self.stop()
        raise RuntimeError(f"confdocs serve printed no address: {''.join(self.output)}")

    def stop(self, timeout: float = 20) -> int:
        """Ctrl-C; the exit code. Killed (and reported by the code) if it does not stop."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self._reader.join(5)
        while not self.lines.empty():
            self.output.append(self.lines.get_nowait())
        return self.process.returncode


def next_state(response: Any) -> dict[str, Any]:
    """The next ``state`` event read from a preview's event stream (an ``HTTPResponse``)."""
    for _ in range(10_000):  # lines of one event at most; a keep-alive comment is one line
        line = response.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            state: dict[str, Any] = json.loads(line[6:])
            return state
    raise BrowserError("the event stream ended without a state")
