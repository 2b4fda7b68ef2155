"""The safety corpus: what the file-based corpus (tests/bad_inputs/) cannot hold.

Named pipes and devices, template files that would exhaust memory or time, Word templates that
are zip bombs, plugins that misbehave, a file system that fails, output meant for a terminal.
Each case builds what it needs in a temporary folder and runs the command line (in this process
through click's runner, or in a real process where a hang is possible), then checks what every
case must: the exit code; exactly one message with its place; no traceback; no file written
outside the output folder; no temporary file left; and, for a refused input, nothing written.
Each bound is exceeded with its variable set low, so each case takes well under a second.
"""

from __future__ import annotations

import errno
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import confdocs
from confdocs import hookimpl
from confdocs.cli import cli
from confdocs.findings import Finding, Severity, info
from confdocs.output import TEMP_PREFIX
from confdocs.rendering import templating

from .conftest import MINIMAL, confdocs_cli

EVENT = MINIMAL.read_text(encoding="utf-8")


@attrs.frozen
class Run:
    """How a case runs: CLI arguments, extra environment, a plugin host, a real process."""

    args: list[str]
    env: dict[str, str] = attrs.field(factory=dict)
    host: Any = None
    process: bool = False
    #: Done inside the run (in this process), for faults of the file system.
    patch: Callable[[pytest.MonkeyPatch], None] | None = None


@attrs.frozen
class Case:
    make: Callable[[Path], Run]
    code: int
    #: The message line starts with this (``{tmp}`` is the case's folder; "" for any start).
    place: str
    fragment: str
    #: Which stream holds the message.
    stream: str = "stderr"
    #: Files the output folder holds afterwards.
    written: tuple[str, ...] = ()


def _event(tmp: Path, extra: str = "", name: str = "event.yaml") -> Path:
    path = tmp / name
    path.write_text(EVENT + extra, encoding="utf-8")
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _fifo_template(tmp: Path, fmt: str, name: str) -> Run:
    template = str(_fifo(tmp / name))
    args = ["build", str(_event(tmp)), "-o", _out(tmp), "-f", fmt, "--template", template]
    return Run(args, process=True)


def _out(tmp: Path) -> str:
    return str(tmp / "out")


def _template(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _build_with_template(tmp: Path, fmt: str, name: str, text: str, **env: str) -> Run:
    template = _template(tmp, name, text)
    return Run(
        ["build", str(_event(tmp)), "-o", _out(tmp), "-f", fmt, "--template", str(template)],
        env,
    )


def _docx_template(tmp: Path, parts: dict[str, bytes], name: str = "mine.docx") -> Path:
    """The default template's archive with ``parts`` added or replaced."""
    from confdocs_docx.exporter import default_template_bytes

    source = zipfile.ZipFile(io.BytesIO(default_template_bytes()))
    path = tmp / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item))
        for part, data in parts.items():
            target.writestr(part, data)
    return path


def _docx_build(tmp: Path, template: Path, **env: str) -> Run:
    return Run(
        ["build", str(_event(tmp)), "-o", _out(tmp), "-f", "docx", "--template", str(template)],
        env,
    )


# --- plugins that misbehave -------------------------------------------------------------------


class _Exporter:
    media_type = "text/plain"
    description = "test exporter"

    def __init__(self, name: str, render: Callable[[Any, Any], Any]) -> None:
        self.name = name
        self.suffix = f"{name}.txt"
        self._render = render

    def render(self, view: Any, options: Any) -> Any:
        return self._render(view, options)


class _Plugin:
    def __init__(self, *exporters: Any, validators: tuple[Any, ...] = ()) -> None:
        self.exporters = exporters
        self.validators = validators

    @hookimpl
    def confdocs_register_exporters(self, register: Any) -> None:
        for exporter in self.exporters:
            register(exporter)

    @hookimpl
    def confdocs_register_validators(self, register: Any) -> None:
        for validator in self.validators:
            register(validator)


def _good(view: Any, options: Any) -> bytes:
    return f"{view.title}\n".encode()


def _host(*exporters: Any, validators: tuple[Any, ...] = (), name: str = "faulty") -> Any:
    host = confdocs.get_plugin_manager(load_entrypoints=False)
    host.register(_Plugin(_Exporter("good", _good)), "fine")
    host.register(_Plugin(*exporters, validators=validators), name)
    return host


def _raise(exc: BaseException) -> Callable[[Any, Any], Any]:
    def render(view: Any, options: Any) -> Any:
        raise exc

    return render


def _own_template(text: str) -> Callable[[Any, Any], Any]:
    """An exporter with a broken template of its own (not the user's)."""

    def render(view: Any, options: Any) -> bytes:
        from jinja2 import DictLoader

        env = templating.make_environment(DictLoader({"own.j2": text}))
        return templating.render(env, "own.j2", {"title": view.title}).encode()

    return render


def _exporter_build(tmp: Path, host: Any, *formats: str, strict: bool = False) -> Run:
    args = ["build", str(_event(tmp)), "-o", _out(tmp)]
    for fmt in formats:
        args += ["-f", fmt]
    return Run([*args, *(["--strict"] if strict else [])], host=host)


class _Validator:
    codes = {"odd.thing": "something odd"}

    def __init__(self, name: str, validate: Callable[[Any, Any], Any]) -> None:
        self.name = name
        self._validate = validate

    def validate(self, event: Any, registrations: Any) -> Any:
        return self._validate(event, registrations)


def _check_with(tmp: Path, validate: Callable[[Any, Any], Any], **env: str) -> Run:
    host = _host(validators=(_Validator("odd", validate),))
    return Run(["check", str(_event(tmp))], env, host=host)


def _slow(event: Any, registrations: Any) -> Any:
    import time

    time.sleep(5)
    return []


def _many(event: Any, registrations: Any) -> Any:
    while True:
        yield info("odd.thing", "again")


# --- the file system failing --------------------------------------------------------------------


def _failing(function: str, code: int) -> Callable[[pytest.MonkeyPatch], None]:
    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, function, fail)

    return patch


def _failing_mkstemp(code: int) -> Callable[[pytest.MonkeyPatch], None]:
    """Creating a file in a folder without write permission fails as the file is made."""

    def patch(monkeypatch: pytest.MonkeyPatch) -> None:
        import tempfile

        def fail(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(code, os.strerror(code))

        monkeypatch.setattr(tempfile, "mkstemp", fail)

    return patch


def _plain_build(tmp: Path, out: Path | None = None, **kwargs: Any) -> Run:
    return Run(["build", str(_event(tmp)), "-o", str(out or tmp / "out"), "-f", "md"], **kwargs)


# --- terminal-safe output -------------------------------------------------------------------------

ESCAPE = "\x1b]0;pwned\x07\x1b[2J\u202e"


def _echo_names(event: Any, registrations: Any) -> Any:
    for person in event.people:
        yield info("odd.thing", f"{person.given_name} {person.family_name} is odd", "people[0]")


DOUBLING = "{% set s = 'ab' %}\n" + "{% set s = s ~ s %}\n" * 30 + "{{ s|length }}\n"

CASES: dict[str, Case] = {
    # --- only regular files are read, refused by position, without blocking
    "fifo_event": Case(
        lambda t: Run(["check", str(_fifo(t / "pipe.yaml"))], process=True),
        2, "{tmp}/pipe.yaml: ", "event file is a named pipe (FIFO), not a regular file",
    ),
    "fifo_include": Case(
        lambda t: (
            _fifo(t / "people.yaml"),
            Run(["check", str(_event(t, "include: [people.yaml]\n"))], process=True),
        )[1],
        2, "{tmp}/event.yaml:", "included file 'people.yaml' is a named pipe (FIFO)",
    ),
    "fifo_registrations": Case(
        lambda t: Run(["check", str(MINIMAL), "-r", str(_fifo(t / "regs.csv"))], process=True),
        2, "{tmp}/regs.csv: ", "registrations file is a named pipe (FIFO), not a regular file",
    ),
    "fifo_template": Case(
        lambda t: _fifo_template(t, "html", "mine.html.j2"),
        2, "{tmp}/mine.html.j2: ", "template is a named pipe (FIFO), not a regular file",
    ),
    "fifo_docx_template": Case(
        lambda t: _fifo_template(t, "docx", "mine.docx"),
        2, "{tmp}/mine.docx: ", "template is a named pipe (FIFO), not a regular file",
    ),
    "device_event": Case(
        lambda t: (
            (t / "zero.yaml").symlink_to("/dev/zero"),
            Run(["check", str(t / "zero.yaml")], process=True),
        )[1],
        2, "{tmp}/zero.yaml: ", "event file is a character device, not a regular file",
    ),
    # --- bounds of a user's template (exceeded with the variable set low)
    "template_string_doubling": Case(
        lambda t: _build_with_template(
            t, "md", "grow.md.j2", DOUBLING, CONFDOCS_MAX_TEMPLATE_OUTPUT="100000"
        ),
        2, "{tmp}/grow.md.j2:", "a value of 131,072 characters or items, more than the 100,000",
    ),
    "template_output_size": Case(
        lambda t: _build_with_template(
            t, "html", "big.html.j2", "{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}",
            CONFDOCS_MAX_TEMPLATE_OUTPUT="100000",
        ),
        2, "{tmp}/big.html.j2: ", "output longer than 100,000 characters",
    ),
    "template_text_made": Case(
        lambda t: _build_with_template(
            t, "md", "many.md.j2", "\n{{ range(100000)|map('center', 999999)|list|length }}",
            CONFDOCS_MAX_TEMPLATE_TEXT="10000000",
        ),
        2, "{tmp}/many.md.j2:2: ", "made more than 10,000,000 characters of text",
    ),
    "template_block_growth": Case(
        lambda t: _build_with_template(
            t, "md", "block.md.j2",
            "{% set s = 'x' * 10000 %}{% set t %}\n{% for i in range(100000) %}{{ s }}"
            "{% endfor %}{% endset %}{{ t|length }}",
            CONFDOCS_MAX_TEMPLATE_TEXT="1000000",
        ),
        2, "{tmp}/block.md.j2:2: ", "made more than 1,000,000 characters of text",
    ),
    "template_replace_squares": Case(
        lambda t: _build_with_template(
            t, "md", "square.md.j2", "{% set s = 'a' * 100000 %}\n{{ s.replace('a', s) }}"
        ),
        2, "{tmp}/square.md.j2:2: ", "replace would make 10,000,000,000 characters",
    ),
    "template_time": Case(
        lambda t: _build_with_template(
            t, "html", "slow.html.j2",
            "start\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
            "{% endfor %}",
            CONFDOCS_TEMPLATE_TIMEOUT="0.3",
        ),
        2, "{tmp}/slow.html.j2:2: ", "took longer than 0.3 s and was stopped",
    ),
    "template_recursion_time": Case(
        lambda t: _build_with_template(
            t, "md", "fork.md.j2",
            "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}\n"
            "{{ m(60) }}",
            CONFDOCS_TEMPLATE_TIMEOUT="0.3",
        ),
        2, "{tmp}/fork.md.j2:1: ", "took longer than 0.3 s and was stopped",
    ),
    "template_file_too_big": Case(
        lambda t: _build_with_template(
            t, "md", "huge.md.j2", "x" * 5000, CONFDOCS_MAX_INPUT_BYTES="4000"
        ),
        2, "{tmp}/huge.md.j2: ", "template is 5,000 bytes, more than the limit of 4,000",
    ),
    # --- a user's template error is the user's: exit 2, the template file and line
    "template_divides_by_zero": Case(
        lambda t: _build_with_template(t, "html", "zero.html.j2", "a\nb\n{{ 1 / 0 }}\n"),
        2, "{tmp}/zero.html.j2:3: ", "ZeroDivisionError: division by zero",
    ),
    "template_unknown_variable": Case(
        lambda t: _build_with_template(t, "md", "typo.md.j2", "{{ title }}\n{{ titel }}\n"),
        2, "{tmp}/typo.md.j2:2: ", "unknown variable: 'titel' is undefined",
    ),
    "template_syntax_error": Case(
        lambda t: _build_with_template(t, "html", "syntax.html.j2", "ok\n{% if %}\n"),
        2, "{tmp}/syntax.html.j2:2: ", "Expected an expression",
    ),
    # --- a Word template: its file, its unpacked size, its ratio (a zip bomb)
    "docx_zip_bomb": Case(
        lambda t: _docx_build(t, _docx_template(t, {"word/bomb.xml": b"\0" * 30_000_000})),
        2, "{tmp}/mine.docx: ", "its part word/bomb.xml unpacks 1,0",
    ),
    "docx_unpacked_size": Case(
        lambda t: _docx_build(
            t, _docx_template(t, {}), CONFDOCS_MAX_DOCX_UNPACKED_BYTES="50000"
        ),
        2, "{tmp}/mine.docx: ", "bytes, more than the limit of 50,000 (a zip bomb",
    ),
    "docx_file_size": Case(
        lambda t: _docx_build(t, _docx_template(t, {}), CONFDOCS_MAX_DOCX_TEMPLATE_BYTES="1000"),
        2, "{tmp}/mine.docx: ", "template is more than the limit of 1,000 bytes",
    ),
    "docx_not_a_zip": Case(
        lambda t: _docx_build(t, _template(t, "mine.docx", "not a zip")),
        2, "{tmp}/mine.docx: ", "not a .docx: File is not a zip file",
    ),
    # --- a plugin's own fault is the plugin's: named, the other formats still build (exit 1)
    "plugin_template_broken": Case(
        lambda t: _exporter_build(
            t, _host(_Exporter("layout", _own_template("{{ title }}\n{{ 1 / 0 }}")))
        ),
        1, "confdocs: error: plugin 'faulty': format 'layout': ",
        "TemplateError: template own.j2, line 2: ZeroDivisionError",
        written=("minimal-workshop.good.txt",),
    ),
    "plugin_raises_confdocs_error": Case(
        lambda t: _exporter_build(
            t, _host(_Exporter("mine", _raise(confdocs.ConfdocsError("no luck"))))
        ),
        1, "confdocs: error: plugin 'faulty': format 'mine': ", "raised ConfdocsError: no luck",
        written=("minimal-workshop.good.txt",),
    ),
    "plugin_raises_system_exit": Case(
        lambda t: _exporter_build(t, _host(_Exporter("mine", _raise(SystemExit(0))))),
        1, "confdocs: error: plugin 'faulty': format 'mine': ", "raised SystemExit: 0",
        written=("minimal-workshop.good.txt",),
    ),
    "plugin_raises_input_error": Case(
        lambda t: _exporter_build(
            t,
            _host(_Exporter("mine", _raise(confdocs.InputError.at("bad venue", "event.yaml", 3)))),
        ),
        2, "event.yaml:3: ", "format 'mine' of plugin 'faulty': bad venue",
    ),
    # A format asked for whose registration was refused is its plugin's failure: named, with
    # why, and the other formats asked for still build (exit 1)
    "plugin_bad_suffix_requested": Case(
        lambda t: _exporter_build(
            t, _host(_Sneaky()), "sneaky", "good"
        ),
        1, "confdocs: error: format 'sneaky' is not available because plugin 'faulty' failed: ",
        "cannot register exporter 'sneaky': 'x/../../f' is not a valid suffix",
        written=("minimal-workshop.good.txt",),
    ),
    # --- exit codes CI can trust
    "unrelated_broken_plugin_is_a_warning": Case(
        lambda t: _exporter_build(t, _host(_Sneaky()), "good"),
        0, "confdocs: warning: plugin 'faulty': ", "'x/../../f' is not a valid suffix",
        written=("minimal-workshop.good.txt",),
    ),
    "unrelated_broken_plugin_strict": Case(
        lambda t: _exporter_build(t, _host(_Sneaky()), "good", strict=True),
        1, "confdocs: error: plugin 'faulty': ", "'x/../../f' is not a valid suffix",
    ),
    "requested_format_fails": Case(
        lambda t: _exporter_build(t, _host(_Exporter("mine", _raise(RuntimeError("x")))), "mine"),
        1, "confdocs: error: plugin 'faulty': format 'mine': ", "raised RuntimeError: x",
    ),
    # --- validators are isolated as exporters are: findings naming the plugin, exit 1
    "validator_system_exit": Case(
        lambda t: _check_with(t, _raise(SystemExit(0))),
        1, "      validator 'odd' of plugin 'faulty' ", "failed: SystemExit: 0", stream="stdout",
    ),
    "validator_keyboard_interrupt": Case(
        lambda t: _check_with(t, _raise(KeyboardInterrupt())),
        1, "      validator 'odd' of plugin 'faulty' ", "failed: KeyboardInterrupt",
        stream="stdout",
    ),
    "validator_severity_as_text": Case(
        lambda t: _check_with(t, lambda e, r: [Finding("error", "odd.thing", "x")]),  # type: ignore[arg-type]
        1, "      validator 'odd' of plugin 'faulty' ", "a finding whose severity is 'error' (str)",
        stream="stdout",
    ),
    "validator_returns_none": Case(
        lambda t: _check_with(t, lambda e, r: None),
        1, "      validator 'odd' of plugin 'faulty' ", "validate() returned NoneType, not findings",
        stream="stdout",
    ),
    "validator_yields_a_mapping": Case(
        lambda t: _check_with(t, lambda e, r: [{"severity": "error"}]),
        1, "      validator 'odd' of plugin 'faulty' ", "returned {'severity': 'error'} (dict)",
        stream="stdout",
    ),
    "validator_line_as_text": Case(
        lambda t: _check_with(t, lambda e, r: [Finding(Severity.INFO, "odd.thing", "x", line="3")]),  # type: ignore[arg-type]
        1, "      validator 'odd' of plugin 'faulty' ", "a finding whose line is str",
        stream="stdout",
    ),
    "validator_too_slow": Case(
        lambda t: _check_with(t, _slow, CONFDOCS_CHECK_TIMEOUT="0.3"),
        1, "      validator 'odd' of plugin 'faulty' ", "took longer than 0.3 s and was abandoned",
        stream="stdout",
    ),
    "validator_endless": Case(
        lambda t: _check_with(t, _many, CONFDOCS_MAX_FINDINGS="50"),
        1, "      validator 'odd' of plugin 'faulty' ", "reported more than 50 findings",
        stream="stdout",
    ),
    # --- the file system fails: one message, path and cause, exit 3, nothing half-written
    "output_under_a_file": Case(
        lambda t: (
            (t / "file").write_text("x"),
            _plain_build(t, t / "file" / "out"),
        )[1],
        3, "confdocs: error: cannot write {tmp}/file/out: ", "Not a directory (ENOTDIR)",
    ),
    "output_name_too_long": Case(
        lambda t: _plain_build(t, t / ("d" * 300)),
        3, "confdocs: error: cannot write {tmp}/ddd", "File name too long (ENAMETOOLONG)",
    ),
    "output_disk_full": Case(
        lambda t: _plain_build(t, patch=_failing("fsync", errno.ENOSPC)),
        3, "confdocs: error: cannot write {tmp}/out/minimal-workshop.md: ",
        "No space left on device (ENOSPC); the disk is full",
    ),
    "output_read_only": Case(
        lambda t: _plain_build(t, patch=_failing("replace", errno.EROFS)),
        3, "confdocs: error: cannot write {tmp}/out/minimal-workshop.md: ",
        "Read-only file system (EROFS)",
    ),
    "output_permission_denied": Case(
        lambda t: _plain_build(t, patch=_failing_mkstemp(errno.EACCES)),
        3, "confdocs: error: cannot write {tmp}/out/minimal-workshop.md: ",
        "Permission denied (EACCES); no permission to write there",
    ),
    # --- output safe for a terminal
    "escapes_in_check_output": Case(
        lambda t: Run(
            ["check", str(_escaped_event(t))],
            host=_host(validators=(_Validator("odd", _echo_names),)),
        ),
        0, "      Jane\\x1b]0;pwned\\x07\\x1b[2J\\u202e Doe", "is odd", stream="stdout",
    ),
    "escapes_in_plugin_failure": Case(
        lambda t: _exporter_build(t, _host(_Exporter("mine", _raise(RuntimeError(ESCAPE))))),
        1, "confdocs: error: plugin 'faulty': ", "RuntimeError: \\x1b]0;pwned\\x07\\x1b[2J\\u202e",
        written=("minimal-workshop.good.txt",),
    ),
    "megabyte_value_is_cut": Case(
        lambda t: Run(["check", str(_replaced(t, "start: 2024-03-12", "start: " + "k" * 1_000_000))]),
        2, "{tmp}/event.yaml:17:8: start: ", "expected a date as YYYY-MM-DD, got 'kkkkkkkk",
    ),
}


class _Sneaky:
    name = "sneaky"
    suffix = "x/../../f"
    media_type = "text/plain"
    description = "a suffix that leaves the folder"

    def render(self, view: Any, options: Any) -> bytes:
        return b"escaped"


def _escaped_event(tmp: Path) -> Path:
    path = tmp / "event.yaml"
    text = EVENT.replace("given_name: Jane", f'given_name: "Jane{_yaml_escape(ESCAPE)}"')
    path.write_text(text, encoding="utf-8")
    return path


def _replaced(tmp: Path, old: str, new: str) -> Path:
    path = tmp / "event.yaml"
    path.write_text(EVENT.replace(old, new), encoding="utf-8")
    return path


def _yaml_escape(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if not p.is_dir()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_safety_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    tmp = tmp_path / "case"
    tmp.mkdir()
    monkeypatch.delenv("CONFDOCS_LOAD_PLUGINS", raising=False)
    run = case.make(tmp)
    before = _files(tmp_path)
    if run.process:
        result = confdocs_cli(*run.args, env=run.env, timeout=60)
        code, stdout, stderr = result.returncode, result.stdout, result.stderr
    else:
        for key, value in run.env.items():
            monkeypatch.setenv(key, value)
        with monkeypatch.context() as patched:
            if run.patch is not None:
                run.patch(patched)
            outcome = CliRunner().invoke(cli, run.args, obj={"host": run.host} if run.host else None)
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), repr(
            outcome.exception
        )
        code, stdout, stderr = outcome.exit_code, outcome.stdout, outcome.stderr
    assert code == case.code, f"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    assert "Traceback" not in stdout + stderr
    text = stdout if case.stream == "stdout" else stderr
    place = case.place.replace("{tmp}", str(tmp))
    hits = [line for line in text.splitlines() if case.fragment in line]
    assert len(hits) == 1, f"one message with {case.fragment!r} expected:\n{text}"
    assert hits[0].startswith(place) or (place.startswith(" ") and place.strip() in hits[0]), (
        f"{hits[0]!r} should start with {place!r}"
    )
    assert all(len(line) <= 1200 for line in (stdout + stderr).splitlines()), "a line too long"
    if case.stream == "stderr" and code == 2:
        problems = [line for line in stderr.splitlines() if not line.startswith("confdocs: ")]
        assert len(problems) <= 1, stderr
    assert "\x1b" not in stdout + stderr and "\u202e" not in stdout + stderr
    # Nothing outside the output folder, nothing half-written, nothing for a refused input.
    out = tmp / "out"
    added = _files(tmp_path) - before
    assert all(p.parent == out for p in added), sorted(added)
    assert not [p for p in _files(tmp_path) if p.name.startswith(TEMP_PREFIX)]
    assert sorted(p.name for p in added) == sorted(case.written), sorted(added)


# --- the same failures of a real file system, where this machine can make them ---------------------

REAL = {
    # a 16 KB file system: the Hague outline's documents do not fit
    "full": ("mount -t tmpfs -o size=16k tmpfs {dir}", "{dir}/out", "(ENOSPC); the disk is full"),
    "read-only": ("mount -t tmpfs -o ro tmpfs {dir}", "{dir}/out", "(EROFS); the file system is"),
}


@pytest.mark.parametrize("kind", sorted(REAL))
def test_a_real_file_system_failure(kind: str, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    if not shutil.which("unshare"):
        pytest.skip("unshare is not installed")
    mount, out, fragment = REAL[kind]
    folder = tmp_path / "mnt"
    folder.mkdir()
    # A private mount namespace: the mount is gone when the process ends.
    script = (
        f"{mount.format(dir=folder)} && exec {sys.executable} -m confdocs build "
        f"{MINIMAL.parent.parent / 'hague-2019' / 'event.yaml'} -o {out.format(dir=folder)}"
    )
    try:
        result = subprocess.run(
            ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120
        )
    except OSError as exc:  # pragma: no cover - no namespaces here
        pytest.skip(f"cannot make a private mount: {exc}")
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"cannot make a private mount: {result.stderr.strip()}")
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"confdocs: error: cannot write {folder}/out"), line
    assert fragment in line
    assert "Traceback" not in result.stderr
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


def test_a_real_folder_without_permission(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    if not shutil.which("setpriv") or os.geteuid() != 0:
        pytest.skip("needs setpriv and root to run as another user")
    tmp_path.chmod(0o755)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
         "confdocs", "build", str(MINIMAL), "-f", "md", "-o", str(locked)],
        capture_output=True, text=True, timeout=120,
        # That user cannot use root's template cache (a warning of its own, tested apart).
        env={**os.environ, "CONFDOCS_TEMPLATE_CACHE": "off"},
    )
    if "ModuleNotFoundError" in result.stderr or "Permission denied: '" in result.stderr:
        pytest.skip("the environment is not readable by another user")
    assert result.returncode == 3, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"confdocs: error: cannot write {locked}"), line
    assert "Permission denied (EACCES)" in line
    assert list(locked.iterdir()) == []


# --- what the commands print is escaped, in text and in JSON --------------------------------------

GROUPS = """participants:
  groups:
    - id: g
      project: "Project\\e[31m red\\u202e"
      countries: [FR, PT]
"""


@pytest.mark.parametrize("args", [["quota"], ["quota", "--format", "json"],
                                  ["check", "--format", "json"]])
def test_quota_and_json_output_are_escaped(args: list[str], tmp_path: Path) -> None:
    event = _event(tmp_path, GROUPS)
    import confdocs_quota

    host = _host(validators=(_Validator("odd", _echo_names),))
    host.register(confdocs_quota, "quota")
    text = EVENT.replace("given_name: Jane", f'given_name: "Jane{_yaml_escape(ESCAPE)}"')
    event.write_text(text + GROUPS, encoding="utf-8")
    result = CliRunner().invoke(cli, [args[0], str(event), *args[1:]], obj={"host": host})
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    if args[0] == "quota" and "json" not in args:
        assert "Project\\x1b[31m red\\u202e" in result.stdout
    else:
        import json

        json.loads(result.stdout)  # escaping keeps it JSON
        assert "\\u001b" in result.stdout and "\\u202e" in result.stdout
