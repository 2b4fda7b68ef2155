"""Draw the Hague example's placeholder logos (examples/hague-2019/logos/*.png).

Simple shapes of our own, not the organisations' emblems, which are protected: a coloured
tile with a white figure, 240 × 144 pixels. Deterministic, standard library only.

    python scripts/make_example_logos.py
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "hague-2019" / "logos"
WIDTH, HEIGHT = 240, 144
WHITE = (255, 255, 255)

Shape = Callable[[float, float], bool]


def ring(x: float, y: float) -> bool:
    return 30 <= math.hypot(x - 120, y - 72) <= 44


def bars(x: float, y: float) -> bool:
    return 36 <= y <= 108 and int((x - 60) // 20) % 2 == 0 and 60 <= x <= 180


def diamond(x: float, y: float) -> bool:
    return abs(x - 120) / 60 + abs(y - 72) / 44 <= 1 and abs(x - 120) / 40 + abs(y - 72) / 28 >= 1


def chevron(x: float, y: float) -> bool:
    return 0 <= (y - 40) - abs(x - 120) * 0.6 <= 22


LOGOS: dict[str, tuple[tuple[int, int, int], Shape]] = {
    "funder-a.png": ((0x1F, 0x4E, 0x9C), ring),
    "funder-b.png": ((0x6B, 0x2D, 0x8F), bars),
    "implementer.png": ((0x0B, 0x3A, 0x6E), diamond),
    "eurojust.png": ((0x00, 0x7A, 0x78), chevron),
    "glacy-plus.png": ((0xC2, 0x5B, 0x12), ring),
}


def png(colour: tuple[int, int, int], shape: Shape) -> bytes:
    rows = []
    for y in range(HEIGHT):
        row = bytearray([0])
        for x in range(WIDTH):
            edge = x < 4 or y < 4 or x >= WIDTH - 4 or y >= HEIGHT - 4
            row += bytes(WHITE if shape(x + 0.5, y + 0.5) and not edge else colour)
        rows.append(bytes(row))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, (colour, shape) in LOGOS.items():
        (FOLDER / name).write_bytes(png(colour, shape))
        print(f"wrote {FOLDER / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
