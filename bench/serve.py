"""(6) ``confdocs serve``: from saving the event file to the page showing the change.

A copy of the Hague example is served by ``confdocs serve`` in its own process, as a user runs
it; its title is edited again and again (a new title each time, so every format changes), and
each edit is timed from just before the file is written until:

- **browser**: headless Chromium, with the preview page open, shows the new title in the outline
  frame (the page's own script received the update event and loaded the new outline), checked
  in the page every 5 ms; skipped when Chromium is missing;
- **SSE client**: an HTTP client on the page's event stream has received the update event and
  then fetched the new outline, as the page does.

Edits are spaced so that each is its own rebuild. The server's own time to the outline (from
the update event that carries it: a rebuild publishes the outline first, then every format) is
shown beside them: the rest is noticing the change and delivering it.
"""

from __future__ import annotations

import http.client
import re
import shutil
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.measure import median

ROOT = Path(__file__).resolve().parent.parent
HAGUE = ROOT / "examples" / "hague-2019" / "event.yaml"
TITLE_LINE = re.compile(r'^title: "[^"\n]*', re.M)
#: Seconds between two edits, so that each is rebuilt on its own.
PAUSE_S = 0.4
#: Longest one edit may take to show before the run is called failed.
EDIT_TIMEOUT_S = 10.0

Result = dict[str, Any]


def retitle(event: Path, title: str) -> None:
    """Save ``event`` with a new title (the first line of the title is replaced)."""
    text = event.read_text("utf-8")
    changed, count = TITLE_LINE.subn(f'title: "{title}', text, count=1)
    if count != 1:
        raise RuntimeError(f"{event} has no 'title: \"…' line to change")
    event.write_text(changed, "utf-8")


def save_to_update(command: list[str], tmp: Path, edits: int, browser: str | None) -> Result:
    """Median save → update over ``edits`` edits, with an SSE client and (when ``browser``
    names Chromium) with a real browser."""
    from tests.browser import ServeProcess

    folder = tmp / "serve" / "hague-2019"
    shutil.copytree(HAGUE.parent, folder)
    event = folder / HAGUE.name
    server = ServeProcess(command, event)
    result: Result = {"edits": edits}
    try:
        result["sse"] = _summary(_with_sse_client(server.url, event, edits))
        if browser is None:
            result["browser"] = {"skipped": "Chromium is not installed"}
        else:
            result["browser"] = _summary(_with_browser(browser, server.url, event, edits))
    finally:
        code = server.stop()
    if code != 0:
        raise RuntimeError(f"confdocs serve exited {code}: {''.join(server.output)[-500:]}")
    return result


def _summary(runs: list[tuple[float, float]]) -> Result:
    shown = [s for s, _ in runs]
    return {
        "median_s": median(shown),
        "min_s": min(shown),
        "max_s": max(shown),
        "rebuild_s": median([r for _, r in runs]),
        "runs": shown,
    }


def _with_sse_client(url: str, event: Path, edits: int) -> list[tuple[float, float]]:
    from tests.browser import next_state

    address = urlsplit(url)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    stream = http.client.HTTPConnection(host, port, timeout=EDIT_TIMEOUT_S)
    stream.request("GET", "/events")
    response = stream.getresponse()
    state = next_state(response)
    runs = []
    try:
        for n in range(1, edits + 1):
            marker = f"Edited for the bench, SSE {n}"
            time.sleep(PAUSE_S)
            start = time.perf_counter()
            retitle(event, marker)
            deadline = start + EDIT_TIMEOUT_S
            while not (state["ok"] and state["title"].startswith(marker)):
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"no update with {marker!r} within {EDIT_TIMEOUT_S:g} s")
                state = next_state(response)
            page = http.client.HTTPConnection(host, port, timeout=EDIT_TIMEOUT_S)
            page.request("GET", state["outline"])
            body = page.getresponse().read()
            page.close()
            shown = time.perf_counter() - start
            if marker.encode() not in body:
                raise RuntimeError(f"the outline after the update lacks {marker!r}")
            runs.append((shown, state["took_ms"] / 1000))
    finally:
        stream.close()
    return runs


OUTLINE_TEXT = "document.getElementById('outline').contentDocument.body.innerText"


def _with_browser(chromium: str, url: str, event: Path, edits: int) -> list[tuple[float, float]]:
    from tests.browser import Browser

    runs = []
    with Browser(chromium) as browser:
        browser.goto(url)
        browser.wait_for("document.body.dataset.shown", timeout=30)
        for n in range(1, edits + 1):
            marker = f"Edited for the bench, browser {n}"
            time.sleep(PAUSE_S)
            start = time.perf_counter()
            retitle(event, marker)
            browser.wait_for(f"{OUTLINE_TEXT}.includes({marker!r})", timeout=EDIT_TIMEOUT_S)
            shown = time.perf_counter() - start
            took = browser.evaluate(
                "Number(document.body.dataset.outlineTook || document.body.dataset.took)"
            )
            runs.append((shown, took / 1000))
    return runs


def measure(command: list[str], tmp: Path, edits: int, chromium: str | None) -> Result:
    """:func:`save_to_update`, or why it could not be measured."""
    try:
        return save_to_update(command, tmp, edits, chromium)
    except Exception as exc:
        return {"failed": f"{type(exc).__name__}: {str(exc)[:300]}"}
