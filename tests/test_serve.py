"""``confdocs serve``: the live preview, in headless Chromium and through plain HTTP.

Every loop here is bounded in count and time; the servers and browsers are stopped at the end.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import os
import re
import select
import shutil
import socket
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import Browser, ServeProcess, next_state
from tests.conftest import HAGUE, ROOT, require_tool

TITLE = "International conference on online investigations"


@pytest.fixture
def hague_copy(tmp_path: Path) -> Path:
    """A copy of examples/hague-2019 (event and catalogs) to edit."""
    target = tmp_path / "hague-2019"
    shutil.copytree(HAGUE.parent, target)
    return target / HAGUE.name


def retitle(event: Path, title: str) -> None:
    text = event.read_text("utf-8")
    changed, count = re.subn(rf'^title: "{TITLE}', f'title: "{title}', text, count=1, flags=re.M)
    assert count == 1, "the Hague title line moved"
    event.write_text(changed, "utf-8")


def set_title(event: Path, title: str) -> None:
    """Give ``event`` the title ``title``, whatever its title was."""
    text = event.read_text("utf-8")
    changed, count = re.subn(r'^title: "[^"]*"', f'title: "{title}"', text, count=1, flags=re.M)
    assert count == 1, "no title line"
    event.write_text(changed, "utf-8")


def line_of(event: Path, start: str) -> int:
    lines = event.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


# -- in headless Chromium ---------------------------------------------------------------------

OUTLINE_TEXT = "document.getElementById('outline').contentDocument.body.innerText"


def test_the_page_follows_the_file_without_reloading(hague_copy: Path) -> None:
    chromium = require_tool("chromium")
    server = ServeProcess([sys.executable, "-m", "confdocs"], hague_copy)
    try:
        with Browser(chromium) as browser:
            browser.send("Page.enable")
            browser.goto(server.url)
            browser.wait_for(f"{OUTLINE_TEXT}.includes({TITLE!r})", timeout=30)
            browser.evaluate("window.notReloaded = true")
            # The findings, with file:line, beside the outline; downloads of the other formats.
            where = browser.wait_for(
                "[...document.querySelectorAll('#findings .where')].map(e => e.textContent)"
            )
            assert any(re.fullmatch(r".+\.yaml:\d+", w) for w in where), where
            # The findings wrap in their column: no sideways scrolling (a trial's long paths
            # and codes ran out of it).
            aside = "document.querySelector('aside')"
            assert browser.evaluate(f"{aside}.scrollWidth <= {aside}.clientWidth") is True
            size = browser.evaluate(
                "fetch(document.querySelector('#downloads a[data-format=docx]').href)"
                ".then(r => r.arrayBuffer()).then(b => b.byteLength)"
            )
            assert size > 10_000

            retitle(hague_copy, "Live preview check")
            browser.wait_for(f"{OUTLINE_TEXT}.includes('Live preview check')")
            assert browser.evaluate("window.notReloaded") is True

            # A broken file: the error with file:line:col in place of the outline.
            line = line_of(hague_copy, "start:")
            text = hague_copy.read_text("utf-8")
            hague_copy.write_text(text.replace("start: 2019-09-30", "start: 2019-13-45"), "utf-8")
            problems = browser.wait_for(
                "document.body.dataset.state === 'broken' && "
                "document.getElementById('outline').hidden && "
                "document.getElementById('problem-list').innerText"
            )
            assert re.search(rf"event\.yaml:{line}:\d+", problems), problems
            assert "2019-13-45" in problems

            # Fixed: the outline comes back, still without a reload.
            hague_copy.write_text(text.replace("Live preview check", "Fixed again"), "utf-8")
            browser.wait_for(
                "document.body.dataset.state === 'ok' && "
                f"!document.getElementById('outline').hidden && "
                f"{OUTLINE_TEXT}.includes('Fixed again')"
            )
            assert browser.evaluate("window.notReloaded") is True
            assert browser.evaluate("document.getElementById('problems').hidden") is True
    finally:
        code = server.stop()
    assert code == 0, "".join(server.output)
    assert "stopped serving" in "".join(server.output)


# -- through HTTP, the server in this process ---------------------------------------------------


@pytest.fixture
def service(hague_copy: Path) -> Iterator[Any]:
    from confdocs.serve import Inputs, PreviewService

    registrations = hague_copy.parent / "registrations.csv"
    with PreviewService(Inputs(hague_copy, registrations=registrations)) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        yield running
    thread.join(10)
    assert not thread.is_alive()


def get(
    service: Any, path: str, host: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", service.server.port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def wait_for_state(service: Any, check: Any, timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / 0.02)):
        state = json.loads(get(service, "/state")[2])
        if check(state) or time.monotonic() > deadline:
            return state  # type: ignore[no-any-return]
        time.sleep(0.02)
    return state  # type: ignore[no-any-return]


def test_it_serves_only_what_it_built(service: Any) -> None:
    status, headers, body = get(service, "/")
    assert status == 200 and b"/page.js" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    state = json.loads(get(service, "/state")[2])
    assert state["ok"] and state["event_id"] == "hague-2019"
    status, headers, body = get(service, "/outline")
    assert status == 200 and TITLE.encode() in body
    assert "sandbox" in headers["Content-Security-Policy"]
    formats = {d["format"] for d in state["downloads"]}
    assert {"docx", "md", "ics"} <= formats and "html" not in formats
    status, headers, body = get(service, "/download/md")
    assert status == 200 and "hague-2019.md" in headers["Content-Disposition"]
    for path in (
        "/download/../../../etc/passwd",
        "/download/%2e%2e%2fevent.yaml",
        "/../event.yaml",
        "/event.yaml",
        "/static/page.js",
        "/catalog/people.yaml",
    ):
        assert get(service, path)[0] == 404, path


def test_head_answers_what_get_would_without_the_body(service: Any) -> None:
    """Link checkers and ``curl -I`` ask with HEAD (it answered 501)."""
    for path in ("/", "/state", "/outline", "/download/docx", "/events"):
        status, headers, body = get(service, path, method="HEAD")
        assert status == 200 and body == b"", path
        if path != "/events":
            assert int(headers["Content-Length"]) == len(get(service, path)[2]), path
    assert get(service, "/nothing", method="HEAD")[0] == 404
    assert get(service, "/state", host="attacker.example", method="HEAD")[0] == 421


def test_other_host_names_are_refused(service: Any) -> None:
    # A page elsewhere that points its name at 127.0.0.1 (DNS rebinding) reads nothing.
    assert get(service, "/state", host="attacker.example:80")[0] == 421
    assert get(service, "/state", host=f"localhost:{service.server.port}")[0] == 200


def test_other_host_names_are_refused_beyond_loopback_too(hague_copy: Path) -> None:
    """Listening on every address, the preview still answers only the names this machine is
    reached by: a page elsewhere that points its name here (DNS rebinding) reads nothing."""
    from confdocs.serve import Inputs, PreviewService

    inputs = Inputs(hague_copy)
    with PreviewService(inputs, host="0.0.0.0", allow_hosts=["Preview.Example"]) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        port = running.server.port
        assert not running.loopback
        for host in ("evil.example", "preview.example.evil", "localhost.evil.example"):
            status, _, body = get(running, "/download/md", host=f"{host}:{port}")
            assert status == 421 and b"--allow-host" in body, host
        assert get(running, "/state", host="10.1.2.3:1")[0] == 421  # another port
        for host in ("127.0.0.1", "192.0.2.7", "[::1]", "localhost", socket.gethostname()):
            assert get(running, "/state", host=f"{host}:{port}")[0] == 200, host
        assert get(running, "/download/md", host=f"preview.example:{port}")[0] == 200
    thread.join(10)


def test_loopback_is_what_the_socket_is_bound_to(hague_copy: Path) -> None:
    """127.1 and ::ffff:127.0.0.1 are loopback: no warning, and the Host check as on
    127.0.0.1."""
    from confdocs.serve import Inputs, PreviewService

    hosts = ["127.1", "localhost"] + (["::ffff:127.0.0.1"] if socket.has_ipv6 else [])
    for host in hosts:
        with PreviewService(Inputs(hague_copy), host=host) as running:
            assert running.loopback, host
            thread = threading.Thread(target=running.serve_forever, daemon=True)
            thread.start()
            port = running.server.port
            assert get(running, "/state", host=f"evil.example:{port}")[0] == 421, host
            assert get(running, "/state", host=f"127.0.0.1:{port}")[0] == 200, host
        thread.join(10)


def test_slow_clients_cannot_keep_others_out(service: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """More clients than there are connections, each sending a header line now and then and
    never ending its request (slowloris): another client is still answered at once, and each
    slow one is closed once its request's time is up, however often it sends a line."""
    from confdocs.serve import server

    deadline_s = 1.5
    monkeypatch.setattr(server, "REQUEST_TIMEOUT_S", deadline_s)
    slow: list[socket.socket] = []
    closed: dict[socket.socket, tuple[float, bytes]] = {}
    try:
        started = time.monotonic()
        for _ in range(server.MAX_CONNECTIONS + 4):
            connection = socket.create_connection(("127.0.0.1", service.server.port), timeout=5)
            connection.sendall(b"GET /state HTTP/1.1\r\n")
            slow.append(connection)
        asked = time.monotonic()
        status, _, body = get(service, "/state")
        answered = time.monotonic() - asked
        assert status == 200 and json.loads(body)["ok"]
        assert answered < 1.0, f"answered after {answered:.2f} s"
        # A line at least every 0.3 s (each well within the time a read may take), for at
        # most 6 s.
        sent = 0.0
        for _ in range(1000):
            open_ = [c for c in slow if c not in closed]
            if not open_ or time.monotonic() - started > 6:
                break
            if time.monotonic() - sent > 0.3:
                sent = time.monotonic()
                for connection in open_:
                    with contextlib.suppress(OSError):
                        connection.sendall(b"X-Slow: yes\r\n")
            readable, _, _ = select.select(open_, [], [], 0.1)
            for connection in readable:
                with contextlib.suppress(OSError):
                    closed[connection] = (time.monotonic() - started, connection.recv(100))
        assert len(closed) == len(slow), f"{len(slow) - len(closed)} slow clients still open"
        last = max(at for at, _ in closed.values())
        assert last < deadline_s + 1.5, f"the last slow client was closed after {last:.2f} s"
        assert {data for _, data in closed.values()} == {b""}  # none was answered
        assert get(service, "/state")[0] == 200
    finally:
        for connection in slow:
            connection.close()


def test_checks_run_with_the_registrations(service: Any) -> None:
    state = json.loads(get(service, "/state")[2])
    assert any(f["where"] for f in state["findings"])
    assert any(f.endswith("registrations.csv") for f in state["files"])
    assert any(f.endswith("people.yaml") for f in state["files"])


def test_a_broken_include_is_shown_and_watched(service: Any, hague_copy: Path) -> None:
    people = hague_copy.parent / "catalog" / "people.yaml"
    good = people.read_text("utf-8")
    people.write_text(good + "\n  - [unclosed\n", "utf-8")
    state = wait_for_state(service, lambda s: not s["ok"])
    assert not state["ok"] and state["outline"] is None
    assert any("people.yaml:" in p["where"] for p in state["problems"]), state["problems"]
    assert get(service, "/outline")[0] == 404
    people.write_text(good, "utf-8")
    state = wait_for_state(service, lambda s: s["ok"])
    assert state["ok"] and state["outline"]


def replace(path: Path, by: Path | None = None, link_to: Path | None = None) -> None:
    """Put a file or a symbolic link in ``path``'s place as editors and ``mv -f`` do: made
    beside it, then renamed over it."""
    new = path.with_name(path.name + ".new")
    if link_to is not None:
        new.symlink_to(link_to)
    else:
        assert by is not None
        shutil.copyfile(by, new)
    os.replace(new, path)


def test_an_event_file_replaced_by_a_link_and_back_is_seen(
    service: Any, hague_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    kept = tmp_path / "event.yaml.keep"
    shutil.copyfile(hague_copy, kept)
    replace(hague_copy, link_to=outside)
    state = wait_for_state(service, lambda s: not s["ok"])
    assert [p["where"] for p in state["problems"]] == ["event.yaml:1:1"], state["problems"]
    assert "mapping" in state["problems"][0]["message"]
    # A regular file again: the preview follows the name, not where the link led.
    retitle(kept, "Back from the link")
    replace(hague_copy, by=kept)
    state = wait_for_state(service, lambda s: s["ok"])
    assert state["ok"] and state["title"].startswith("Back from the link"), state["problems"]
    set_title(hague_copy, "Edited after")
    state = wait_for_state(service, lambda s: s["title"].startswith("Edited after"))
    assert state["title"].startswith("Edited after")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_an_include_replaced_by_a_link_to_a_device_and_back_is_seen(
    service: Any, hague_copy: Path, tmp_path: Path
) -> None:
    people = hague_copy.parent / "catalog" / "people.yaml"
    kept = tmp_path / "people.yaml.keep"
    shutil.copyfile(people, kept)
    replace(people, link_to=Path("/dev/zero"))
    state = wait_for_state(service, lambda s: not s["ok"])
    assert not state["ok"] and state["problems"][0]["where"].startswith("event.yaml:")
    assert "'catalog/people.yaml'" in state["problems"][0]["message"], state["problems"]
    assert "catalog/people.yaml" in state["files"]
    replace(people, by=kept)
    state = wait_for_state(service, lambda s: s["ok"])
    assert state["ok"], state["problems"]
    people.write_text(people.read_text("utf-8") + "\n# edited\n", "utf-8")
    version = state["version"]
    state = wait_for_state(service, lambda s: s["version"] > version and s["complete"])
    assert state["version"] > version and state["ok"]


def test_an_include_that_is_a_link_is_watched_by_its_name(hague_copy: Path) -> None:
    """catalog/people.yaml, a link to a file beside it, replaced by a regular file (a checkout
    that no longer has the link): the preview reads the new file."""
    from confdocs.serve import Inputs, PreviewService

    people = hague_copy.parent / "catalog" / "people.yaml"
    real = people.with_name("people.real.yaml")
    people.rename(real)
    people.symlink_to(real.name)
    with PreviewService(Inputs(hague_copy)) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        assert b"Alexander" in get(running, "/outline")[2]
        changed = people.with_name("people.changed.yaml")
        text = real.read_text("utf-8").replace("given_name: Alexander", "given_name: Linkless")
        changed.write_text(text, "utf-8")
        os.replace(changed, people)
        state = wait_for_state(running, lambda s: s["version"] > 1 and s["complete"])
        assert state["ok"] and b"Linkless" in get(running, "/outline")[2], state["problems"]
    thread.join(10)


def test_an_event_folder_removed_and_made_again_is_watched_again(
    hague_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cd ev && confdocs serve event.yaml``, then ``rm -rf ev; cp -a ev.keep ev`` from
    outside: the page says the file is gone, then follows the new folder's file."""
    from confdocs.serve import Inputs, PreviewService

    folder = hague_copy.parent
    kept = tmp_path / "kept"
    shutil.copytree(folder, kept)
    monkeypatch.chdir(folder)
    with PreviewService(Inputs(Path(hague_copy.name))) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        monkeypatch.chdir(tmp_path)  # the folder it was started in is not the one it is in
        shutil.rmtree(folder)
        state = wait_for_state(running, lambda s: not s["ok"])
        assert [(p["where"], p["message"]) for p in state["problems"]] == [
            ("event.yaml", "event file not found")
        ], state["problems"]
        assert state["outline"] is None and get(running, "/outline")[0] == 404
        retitle(kept / hague_copy.name, "Made again")
        shutil.copytree(kept, folder)  # as cp -a: the times are kept
        state = wait_for_state(running, lambda s: s["ok"])
        assert state["ok"] and state["title"].startswith("Made again"), state["problems"]
        for title in ("Edited in the new folder", "Edited once more"):
            set_title(hague_copy, title)
            state = wait_for_state(running, lambda s, t=title: s["title"].startswith(t))
            assert state["title"].startswith(title), state
    thread.join(10)


def test_a_folder_replaced_at_once_is_watched_at_once(
    hague_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watch follows its folder, not the folder's name: after ``rm -rf ev; cp -a ev.keep ev``
    the new folder is watched, and an edit is seen at once, not when the sizes and times are
    next compared (here every 5 s)."""
    from confdocs.serve import Inputs, PreviewService, watching

    monkeypatch.setattr(watching, "CHECK_MS", 5000)
    folder = hague_copy.parent
    kept = tmp_path / "kept"
    shutil.copytree(folder, kept)
    with PreviewService(Inputs(hague_copy)) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        shutil.rmtree(folder)
        shutil.copytree(kept, folder)
        state = wait_for_state(running, lambda s: s["version"] > 1 and s["ok"] and s["complete"])
        assert state["ok"], state["problems"]
        time.sleep(0.5)  # the batch of the copy is handed over, the watch set up again
        set_title(hague_copy, "Seen at once")
        edited = time.monotonic()
        state = wait_for_state(running, lambda s: s["title"] == "Seen at once", timeout=4)
        took = time.monotonic() - edited
        assert state["title"] == "Seen at once" and took < 2, f"seen after {took:.2f} s"
    thread.join(10)


def test_the_stream_sends_each_new_state(service: Any, hague_copy: Path) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", service.server.port, timeout=10)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type", "").startswith("text/event-stream")
    first = next_state(response)
    retitle(hague_copy, "Streamed title")
    second = next_state(response)
    connection.close()
    assert second["version"] > first["version"] and second["title"].startswith("Streamed title")


def test_streams_are_bounded(service: Any) -> None:
    from confdocs.serve import server

    connections = []
    try:
        for _ in range(server.MAX_STREAMS):
            connection = http.client.HTTPConnection("127.0.0.1", service.server.port, timeout=10)
            connection.request("GET", "/events")
            assert connection.getresponse().status == 200
            connections.append(connection)
        assert get(service, "/events")[0] == 503
    finally:
        for connection in connections:
            connection.close()


def test_loopback_addresses() -> None:
    from confdocs.serve.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]")
    assert is_loopback("localhost") and is_loopback("127.0.0.2")
    assert is_loopback("::ffff:127.0.0.1") and is_loopback("[::ffff:127.0.0.1]")
    assert not is_loopback("::ffff:192.0.2.1") and not is_loopback("my-laptop")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1") and not is_loopback("")


def test_listening_beyond_loopback_is_warned_about(hague_copy: Path) -> None:
    server = ServeProcess(
        [sys.executable, "-m", "confdocs"],
        hague_copy,
        *("--host", "0.0.0.0", "--allow-host", "preview.example"),
    )
    assert server.stop() == 0
    output = "".join(server.output)
    assert "warning: listening on 0.0.0.0, beyond this machine" in output
    assert "preview.example" in output and "--allow-host NAME" in output
    # 127.1 is loopback: no warning.
    server = ServeProcess([sys.executable, "-m", "confdocs"], hague_copy, "--host", "127.1")
    assert server.stop() == 0
    assert "warning" not in "".join(server.output)


def test_an_allowed_host_with_a_port_is_refused(run_cli: Any) -> None:
    result = run_cli("serve", str(HAGUE), "--allow-host", "preview.example:8000")
    assert result.returncode == 2
    assert "'preview.example:8000' is not a host name" in result.stderr
    assert "without a port" in result.stderr


def test_a_missing_event_file_is_refused(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("serve", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_the_template_is_watched_too(hague_copy: Path, tmp_path: Path) -> None:
    from confdocs.serve import Inputs, PreviewService

    source = Path(__file__).parent.parent / "plugins/confdocs_html/templates/outline.html.j2"
    template = tmp_path / "mine.html.j2"
    original = source.read_text("utf-8")
    template.write_text(original, "utf-8")
    with PreviewService(Inputs(hague_copy, template=template)) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        assert str(template.resolve()) in {str(f) for f in running.preview.current.files}
        template.write_text(original.replace("<body", "<body data-mine='yes'", 1), "utf-8")
        state = wait_for_state(running, lambda s: s["version"] > 1)
        assert state["ok"] and b"data-mine='yes'" in get(running, "/outline")[2]
        template.write_text(original + "{{ no_such_variable }}", "utf-8")
        state = wait_for_state(running, lambda s: not s["ok"])
        assert not state["ok"] and "no_such_variable" in state["problems"][0]["message"]
    thread.join(10)


def _content(data: bytes) -> object:
    """A document's bytes; for a zip (docx), its members' names and bytes, because each member
    carries the time it was written (to 2 s), and two builds can straddle a tick."""
    if not data.startswith(b"PK\x03\x04"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def test_the_preview_is_what_build_writes() -> None:
    import confdocs
    from confdocs.plugins.protocols import is_per_recipient
    from confdocs.serve import Inputs, Preview

    host = confdocs.get_plugin_manager()
    options = {"locale": "fr", "audience": "public"}
    preview = Preview(Inputs(HAGUE, locale="fr", audience="public"), host)
    built = confdocs.build(confdocs.load_event(HAGUE), None, options, host)  # type: ignore[arg-type]
    assert preview.current.ok
    # The documents made per recipient (the letters) are left to build: the preview is of
    # the outline.
    exporters = host.exporters()
    assert {
        d.format: _content(d.data)
        for d in built.documents
        if not is_per_recipient(exporters[d.format].item)
    } == {name: _content(doc.data) for name, doc in preview.current.documents.items()}
    assert "letters" in {d.format for d in built.documents}
    assert b'<html lang="fr" dir="ltr">' in preview.current.documents["html"].data


def test_the_preview_gives_each_format_the_audience_build_gives_it() -> None:
    """Without --audience the preview, as build, makes the outline from the internal view and
    the documents that go outside (the participant list, the badges …) from the public one."""
    import confdocs
    from confdocs.plugins.protocols import audience_of, is_per_recipient
    from confdocs.serve import Inputs, Preview

    host = confdocs.get_plugin_manager()
    registrations = HAGUE.parent / "registrations.csv"
    preview = Preview(Inputs(HAGUE, registrations=registrations), host)
    event = confdocs.load_event(HAGUE)
    built = confdocs.build(event, None, None, host, confdocs.load_registrations(registrations))
    exporters = host.exporters()
    shown = {name: _content(doc.data) for name, doc in preview.current.documents.items()}
    assert {
        d.format: _content(d.data)
        for d in built.documents
        if not is_per_recipient(exporters[d.format].item)
    } == shown
    outside = [n for n in shown if audience_of(exporters[n].item, {}) == "public"]
    assert "participant-list" in outside and "html" not in outside
    assert b"Mob" in preview.current.documents["html"].data  # the internal outline


def test_a_rebuild_shows_the_outline_before_the_other_formats(hague_copy: Path) -> None:
    import confdocs
    from confdocs.serve import Inputs, Preview

    preview = Preview(Inputs(hague_copy), confdocs.get_plugin_manager())
    assert preview.current.complete and preview.current.version == 1
    retitle(hague_copy, "Two steps")
    outline, everything = (s.to_json() for s in preview._make())
    assert outline["title"].startswith("Two steps") and outline["findings"]
    assert outline["complete"] is False and outline["downloads"] == []
    assert everything["complete"] is True and len(everything["downloads"]) > 3
    # The same outline: the page does not load it again.
    assert everything["outline"] == outline["outline"] == f"/outline?v={outline['version']}"
    assert everything["version"] == outline["version"] + 1
def test_a_bilingual_preview_shows_the_two_languages_side_by_side() -> None:
    import confdocs
    from confdocs.serve import Inputs, Preview

    tunis = ROOT / "examples" / "tunis-2025" / "event.yaml"
    host = confdocs.get_plugin_manager()
    preview = Preview(Inputs(tunis, locale="fr+ar"), host)
    assert preview.current.ok, preview.current.problems
    assert sorted(preview.current.documents) == ["docx", "html", "md", "pdf"]
    page = preview.current.documents["html"].data.decode()
    assert '<div class="bi-side" lang="ar" dir="rtl">' in page
    built = confdocs.build(confdocs.load_event(tunis), ["html"], {"locale": "fr+ar"}, host)
    assert built.documents[0].data == preview.current.documents["html"].data
