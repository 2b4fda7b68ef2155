"""Logos the event names: each file found inside the event's folder, read once, and checked to
be a whole PNG or JPEG image of bounded size, before any document is made.

A missing file, a file that is not an image, a truncated or corrupt one, or one too large is an
input error at the line of its ``file:`` key. The check reads the image's structure itself
(PNG chunks and their CRCs, the compressed pixels; JPEG segments up to the end of the image),
so no imaging library is needed and nothing is decoded beyond what is checked.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ..errors import Location, Problem
from ..model import Event, Image, Logo
from ..model.walk import PathKey

#: Largest logo file read, in bytes (``CONFDOCS_MAX_IMAGE_BYTES`` overrides).
MAX_IMAGE_BYTES = 2 * 1024 * 1024
#: Largest width or height of a logo, in pixels.
MAX_IMAGE_SIDE = 4096
#: What logo files are usually called: ``--against REV`` reads these from the revision (the
#: loader itself goes by the bytes, whatever the name).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


class ImageProblem(Exception):
    """Why a file is not a usable logo."""


def max_image_bytes() -> int:
    value = os.environ.get("CONFDOCS_MAX_IMAGE_BYTES", "")
    return int(value) if value.isdigit() else MAX_IMAGE_BYTES


def read_image(path: str | os.PathLike[str]) -> Image:
    """The image in ``path``, checked; :class:`ImageProblem` says what is wrong."""
    file = Path(path)
    if not file.exists():
        raise ImageProblem("no such file")
    if not file.is_file():
        raise ImageProblem("is not a regular file")
    limit = max_image_bytes()
    size = file.stat().st_size
    if size > limit:
        raise ImageProblem(f"is {size:,} bytes; a logo may have {limit:,} at most")
    data = file.read_bytes()
    return image_of(data)


def image_of(data: bytes) -> Image:
    """``data`` as a checked :class:`Image`, PNG or JPEG."""
    if data.startswith(_PNG):
        width, height = _check_png(data)
        media_type = "image/png"
    elif data.startswith(_JPEG):
        width, height = _check_jpeg(data)
        media_type = "image/jpeg"
    else:
        raise ImageProblem("is not a PNG or JPEG image (logos are PNG or JPEG files)")
    if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
        raise ImageProblem(
            f"is {width} × {height} pixels; a logo may be {MAX_IMAGE_SIDE} pixels a side at most"
        )
    return Image(media_type, width, height, data)


def _check_png(data: bytes) -> tuple[int, int]:
    position = len(_PNG)
    width = height = 0
    pixels = zlib.decompressobj()
    expected = unpacked = 0
    seen_end = False
    first = True
    while position < len(data):
        if position + 8 > len(data):
            raise ImageProblem("is a truncated PNG image")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        crc = data[position + 8 + length : position + 12 + length]
        if len(body) < length or len(crc) < 4:
            raise ImageProblem("is a truncated PNG image")
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ImageProblem(f"is a corrupt PNG image (its {kind.decode('latin-1')} chunk)")
        if first:
            if kind != b"IHDR" or length != 13:
                raise ImageProblem("is a corrupt PNG image (no header)")
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE):
                return width, height  # image_of says the size is refused
            expected = _png_data_size(width, height, depth, colour, interlace)
            first = False
        elif kind == b"IDAT":
            unpacked += _unpacked(pixels, body, expected - unpacked)
        elif kind == b"IEND":
            seen_end = True
            break
        position += 12 + length
    if first or not seen_end:
        raise ImageProblem("is a truncated PNG image")
    if not pixels.eof or unpacked < expected:
        raise ImageProblem("is a truncated PNG image (its pixels end early)")
    return width, height


#: Bytes of pixels unpacked at a time while a PNG is checked (then let go).
_UNPACK_STEP = 1 << 20


def _unpacked(pixels: Any, body: bytes, room: int) -> int:
    """Feed ``body`` to the PNG's pixel stream, a step at a time, and count what it unpacks;
    more than ``room`` (what the header's size and format hold) is refused as it appears."""
    made = 0
    pending = body
    try:
        while pending and not pixels.eof:
            made += len(pixels.decompress(pending, _UNPACK_STEP))
            if made > room:
                raise ImageProblem(
                    "is a corrupt PNG image (more pixels than its size holds: a bomb?)"
                )
            pending = pixels.unconsumed_tail
    except zlib.error:
        raise ImageProblem("is a corrupt PNG image (its pixels)") from None
    return made


#: Samples per pixel of each PNG colour type (grey, RGB, palette, grey and alpha, RGBA).
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
#: Adam7's passes: where each starts and how far apart its pixels are, across and down.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))  # fmt: skip


def _png_data_size(width: int, height: int, depth: int, colour: int, interlace: int) -> int:
    """The bytes of pixel data a PNG of this header holds, each row with its filter byte."""
    channels = _CHANNELS.get(colour)
    if channels is None or depth not in (1, 2, 4, 8, 16):
        raise ImageProblem("is a corrupt PNG image (its header)")

    def rows(across: int, down: int) -> int:
        return down * (1 + (across * channels * depth + 7) // 8) if across and down else 0

    if not interlace:
        return rows(width, height)
    return sum(
        rows((width - x + dx - 1) // dx, (height - y + dy - 1) // dy)
        for x, y, dx, dy in _ADAM7
    )


#: JPEG markers that start a frame and so give the image's size.
_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _check_jpeg(data: bytes) -> tuple[int, int]:
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise ImageProblem("is a truncated JPEG image (no end of image)")
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise ImageProblem("is a corrupt JPEG image")
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _FRAMES:
            if position + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        if marker == 0xDA:  # the scan starts before any frame header
            break
        position += 2 + length
    raise ImageProblem("is a corrupt JPEG image (no frame header)")


def logo_places(event: Event) -> Iterator[tuple[PathKey, Logo]]:
    """Every logo of ``event`` with its path."""
    for name in ("funder_logos", "implementer_logos"):
        for i, logo in enumerate(getattr(event.header, name)):
            yield ("header", name, i), logo
    for i, org in enumerate(event.organisations):
        if org.logo is not None:
            yield ("organisations", i, "logo"), org.logo


def attach_images(
    event: Event,
    folder_of: Callable[[PathKey], Path],
    locate: Callable[[PathKey], Location],
    roots: list[Path],
) -> tuple[Event, list[Problem]]:
    """``event`` with each logo's image read (``folder_of`` a path's file's folder), and the
    problems found; logos outside ``roots`` (the event's folder, catalog folders) are refused
    as includes are. A logo named by a catalog is then written relative to the event file
    (``roots[0]``), as the merged event's file form holds it."""
    problems: list[Problem] = []
    images: dict[PathKey, tuple[str, Image]] = {}
    for path, logo in logo_places(event):
        where = locate((*path, "file"))
        if not logo.alt.strip():
            problems.append(
                Problem("a logo needs its alt text: what it says, in words", locate((*path, "alt")))
            )
        target = (folder_of(path) / logo.file).resolve()
        if not any(target.is_relative_to(root) for root in roots):
            message = f"logo {logo.file!r} leaves the event's folder; put it beside the event"
            problems.append(Problem(message, where))
            continue
        try:
            image = read_image(target)
        except ImageProblem as exc:
            problems.append(Problem(f"logo {logo.file!r} {exc}", where))
        except OSError as exc:
            problems.append(Problem(f"logo {logo.file!r} cannot be read ({exc.strerror})", where))
        else:
            images[path] = (Path(os.path.relpath(target, roots[0])).as_posix(), image)
    if problems or not images:
        return event, problems
    return _with_images(event, images), []


def _with_images(event: Event, images: dict[PathKey, tuple[str, Image]]) -> Event:
    def read(logo: Logo, path: PathKey) -> Logo:
        file, image = images[path]
        return attrs.evolve(logo, file=file, image=image)

    def logos(name: str) -> tuple[Logo, ...]:
        return tuple(
            read(logo, ("header", name, i)) for i, logo in enumerate(getattr(event.header, name))
        )

    header = attrs.evolve(
        event.header,
        funder_logos=logos("funder_logos"),
        implementer_logos=logos("implementer_logos"),
    )
    organisations = tuple(
        attrs.evolve(org, logo=read(org.logo, ("organisations", i, "logo")))
        if org.logo is not None
        else org
        for i, org in enumerate(event.organisations)
    )
    return attrs.evolve(event, header=header, organisations=organisations)
