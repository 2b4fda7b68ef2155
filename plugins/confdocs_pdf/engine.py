"""Typst, through the ``typst`` package (typst-py): the layout and its data in a private folder,
compiled to a tagged PDF/UA-1 with the fonts pip installed.

The default layout is compiled in this process. A user's ``--template`` is compiled in a child
process with a time limit and no network (Typst would fetch ``@preview`` packages: the proxy
variables point at a closed port), reading only the private folder, and its output size bounded.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["LayoutError", "compile_pdf", "font_paths"]

#: PDF standards every build targets: PDF/UA-1 (accessible), which Typst enforces (a missing
#: title, alt text or a skipped heading level is an error).
STANDARDS = ["ua-1"]
DEFAULT_TEMPLATE = "outline.typ"


class LayoutError(Exception):
    """Typst refused the layout: its message, with the file and line when it gives them."""


def font_paths() -> tuple[str, ...]:
    """The font folders: the pip-installed Noto Sans (Latin, Greek, Cyrillic) and Amiri
    (Arabic), and the folders ``CONFDOCS_PDF_FONT_PATH`` names (for other scripts)."""
    import fontpkg_amiri
    import fontpkg_noto_sans

    extra = [p for p in os.environ.get("CONFDOCS_PDF_FONT_PATH", "").split(os.pathsep) if p]
    return (str(fontpkg_noto_sans.ROOT / "files"), str(fontpkg_amiri.ROOT / "files"), *extra)


def _fonts() -> Any:
    return _fonts_in(font_paths())


@functools.cache
def _fonts_in(paths: tuple[str, ...]) -> Any:
    import typst

    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=list(paths)
    )


def default_layout(name: str = DEFAULT_TEMPLATE) -> bytes:
    return resources.files("confdocs_pdf").joinpath("templates", name).read_bytes()


def compile_pdf(
    data: dict[str, Any],
    stamp: dt.datetime,
    layout: bytes | None = None,
    files: Mapping[str, bytes] | None = None,
    default: bytes | None = None,
) -> bytes:
    """The PDF of ``data`` with the default layout (the outline's, or ``default``: another
    shipped layout, compiled here too), or with ``layout`` (a user's, compiled in a child
    process); ``files`` (the images ``data`` names, by relative path) are put beside it."""
    with tempfile.TemporaryDirectory(prefix="confdocs-pdf-") as folder:
        root = Path(folder)
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        for name, content in (files or {}).items():
            path = root / name
            if not path.resolve().is_relative_to(root.resolve()):  # our names, but be sure
                raise ValueError(f"file {name!r} is outside the layout's folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        own = default if default is not None else default_layout()
        (root / "main.typ").write_bytes(layout if layout is not None else own)
        if layout is None:
            return _compile(root, stamp)
        return _compile_apart(root, stamp)


def _compile(root: Path, stamp: dt.datetime) -> bytes:
    import typst

    try:
        pdf = typst.compile(
            str(root / "main.typ"),
            root=str(root),
            font_paths=_fonts(),
            ignore_system_fonts=True,
            pdf_standards=STANDARDS,  # type: ignore[arg-type]
            timestamp=stamp,
            package_cache_path=str(root / "packages"),
        )
    except typst.TypstError as exc:
        message = _message(exc, root)
        if "could not be displayed" in message:
            message = f"{NO_FONT} (Typst: {message})"
        raise LayoutError(message) from None
    except BaseException as exc:  # Typst's own fault (a Rust panic) is a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise LayoutError(_panic_message(exc, root)) from None
    assert isinstance(pdf, bytes)
    return pdf


NO_FONT = (
    "no font for some of the text: the PDF's fonts cover Latin, Greek, Cyrillic and Arabic; "
    "name a folder of fonts for the others with CONFDOCS_PDF_FONT_PATH"
)


def _panic_message(exc: BaseException, root: Path) -> str:
    """What to say when Typst stops with an internal fault. It does so laying out characters
    no font has (unassigned and private-use code points, found by hypothesis): said as the
    missing font they are, naming a few; otherwise Typst's fault as it is."""
    import unicodedata

    try:
        text = (root / "data.json").read_text("utf-8")
    except OSError:
        text = ""
    odd = sorted({c for c in text if unicodedata.category(c) in ("Cn", "Co")})
    if odd:
        named = ", ".join(f"U+{ord(c):04X}" for c in odd[:5]) + (" …" if len(odd) > 5 else "")
        return f"{NO_FONT} (Typst stopped on characters no font has: {named})"
    return f"Typst stopped while laying out the document (its fault: {str(exc)[:200]})"


def _message(exc: Any, root: Path) -> str:
    text = str(getattr(exc, "message", "") or exc)
    where = str(getattr(exc, "diagnostic", "") or "")
    hints = list(getattr(exc, "hints", None) or [])
    shown = " ".join(part for part in (text, where.replace(str(root) + os.sep, "")) if part)
    if hints:
        shown += " (" + "; ".join(hints) + ")"
    return " ".join(shown.split())


def _compile_apart(root: Path, stamp: dt.datetime) -> bytes:
    from confdocs.limits import PDF_BYTES, TEMPLATE_SECONDS

    seconds = float(TEMPLATE_SECONDS.value())
    limit = int(PDF_BYTES.value())
    closed = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "HTTPS_PROXY": closed,
        "HTTP_PROXY": closed,
        "https_proxy": closed,
        "http_proxy": closed,
        "NO_PROXY": "",
        "no_proxy": "",
    }
    out = root / "out.pdf"
    command = [sys.executable, "-m", "confdocs_pdf.engine", str(root), str(int(stamp.timestamp()))]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, timeout=seconds, cwd=root, check=False
        )
    except subprocess.TimeoutExpired:
        raise LayoutError(
            f"the layout took longer than {seconds:g} s "
            f"(set {TEMPLATE_SECONDS.env} to allow more)"
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LayoutError(message[-1] if message else f"typst exited with {done.returncode}")
    if not out.exists():
        raise LayoutError("the layout made no PDF")
    if out.stat().st_size > limit:
        raise LayoutError(
            f"the PDF is larger than {limit:,} bytes (set {PDF_BYTES.env} to allow more)"
        )
    return out.read_bytes()


def main(argv: list[str]) -> int:
    """The child process: compile ``root/main.typ`` to ``root/out.pdf``; the message on
    standard error and exit 1 when Typst refuses it."""
    root = Path(argv[0])
    stamp = dt.datetime.fromtimestamp(int(argv[1]), dt.UTC)
    try:
        pdf = _compile(root, stamp)
    except LayoutError as exc:
        print(exc, file=sys.stderr)
        return 1
    (root / "out.pdf").write_bytes(pdf)
    shutil.rmtree(root / "packages", ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover - the child process
    raise SystemExit(main(sys.argv[1:]))
