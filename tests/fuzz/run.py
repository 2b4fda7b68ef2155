"""Fuzz confdocs' loaders with atheris for a bounded time (``make fuzz``; not in CI).

Each target gets the raw bytes as a file: YAML, TOML and JSON event files, and registrations as
CSV and YAML. Anything but a loaded result or an :class:`InputError` is a crash: atheris stops,
writes ``crash-*`` into tests/fuzz/crashes/ and the input should become a case in
tests/bad_inputs/ (with its expected message in tests/test_bad_inputs.py).

    python tests/fuzz/run.py                 # every target, FUZZ_SECONDS (60) each
    python tests/fuzz/run.py yaml 10         # one target, 10 seconds
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {
    "yaml": ("event", ".yaml"),
    "toml": ("event", ".toml"),
    "json": ("event", ".json"),
    "csv": ("registrations", ".csv"),
    "registrations-yaml": ("registrations", ".yaml"),
}


def fuzz_one(target: str, seconds: int) -> int:
    """Run one target in its own process (atheris takes over the process)."""
    crashes = HERE / "crashes"
    crashes.mkdir(exist_ok=True)
    corpus = HERE / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = _seeds(target)
    command = [
        sys.executable,
        str(Path(__file__)),
        "--child",
        target,
        str(corpus),
        str(seeds),
        f"-max_total_time={seconds}",
        f"-artifact_prefix={crashes}/{target}-",
        "-rss_limit_mb=2048",
        "-timeout=10",
        "-max_len=65536",
    ]
    print(f"fuzzing {target} for {seconds} s", flush=True)
    return subprocess.run(command).returncode


def _seeds(target: str) -> Path:
    """The examples and the bad-input corpus, as a seed folder for this target's suffix."""
    root = HERE.parent.parent
    suffix = TARGETS[target][1]
    folder = HERE / "seeds" / target
    folder.mkdir(parents=True, exist_ok=True)
    kind = TARGETS[target][0]
    sources = list((root / "tests" / "bad_inputs").rglob(f"*{suffix}"))
    if kind == "event":
        sources += list((root / "examples").rglob(f"*{suffix}"))
    for index, path in enumerate(sorted(sources)):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 65536:
            is_registration = path.name.startswith("reg_")
            if is_registration == (kind == "registrations"):
                (folder / f"{index:04d}{suffix}").write_bytes(path.read_bytes())
    return folder


def child(target: str, args: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import confdocs
        from confdocs.errors import InputError

    kind, suffix = TARGETS[target]
    folder = Path(tempfile.mkdtemp(prefix="confdocs-fuzz-"))
    path = folder / f"input{suffix}"

    def one_input(data: bytes) -> None:
        path.write_bytes(data)
        try:
            if kind == "event":
                confdocs.load_event(path)
            else:
                confdocs.load_registrations(path)
        except InputError:
            pass

    atheris.Setup([sys.argv[0], *args], one_input)
    atheris.Fuzz()


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
        return 0
    only = sys.argv[1:2] or list(TARGETS)
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else int(os.environ.get("FUZZ_SECONDS", 60))
    failed = [target for target in only if fuzz_one(target, seconds) != 0]
    if failed:
        print(f"crashes in: {', '.join(failed)}; see {HERE / 'crashes'}", file=sys.stderr)
        return 1
    print("no crashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
