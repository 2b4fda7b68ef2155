"""A user's Word template checked as the archive it is, before python-docx unpacks it.

A ``.docx`` is a zip archive; one crafted to unpack to gigabytes (a zip bomb) would take
python-docx minutes and all the memory there is. The sizes the archive declares are what
zipfile will unpack at most (it stops there and checks the CRC), so they are checked first:
the file itself (``CONFDOCS_MAX_DOCX_TEMPLATE_BYTES``), all its parts unpacked
(``CONFDOCS_MAX_DOCX_UNPACKED_BYTES``), and how many times larger a part unpacks than it is
stored (``CONFDOCS_MAX_DOCX_RATIO``, for parts of more than a megabyte: XML packs about ten
times smaller, a bomb thousands).
"""

from __future__ import annotations

import io
import zipfile

from confdocs import TemplateError
from confdocs.limits import DOCX_RATIO, DOCX_TEMPLATE_BYTES, DOCX_UNPACKED_BYTES, MIB
from confdocs.rendering import template_bytes

from .entities import check_entities

#: Parts smaller than this unpacked are not checked for their ratio.
RATIO_FROM = MIB


def read_user_template(path: str, label: str) -> bytes:
    """The template file's bytes, once its archive is known to unpack within the limits and
    its XML to hold no entity reference Word cannot read (:mod:`.entities`)."""
    data = template_bytes(path, int(DOCX_TEMPLATE_BYTES.value()))
    check_archive(data, label)
    check_entities(data, label)
    return data


def check_archive(data: bytes, label: str) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TemplateError(
            f"template {label} is not a Word .docx file ({exc})", label, None, f"not a .docx: {exc}"
        ) from None
    unpacked = sum(info.file_size for info in infos)
    most = int(DOCX_UNPACKED_BYTES.value())
    if unpacked > most:
        _refuse(
            label,
            f"its parts unpack to {unpacked:,} bytes, more than the limit of {most:,} "
            f"(a zip bomb? set {DOCX_UNPACKED_BYTES.env} to raise it)",
        )
    ratio = float(DOCX_RATIO.value())
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > ratio * max(info.compress_size, 1):
            times = info.file_size / max(info.compress_size, 1)
            _refuse(
                label,
                f"its part {info.filename} unpacks {times:,.0f} times larger than it is stored, "
                f"more than the limit of {ratio:g} (a zip bomb? set {DOCX_RATIO.env} to raise it)",
            )


def _refuse(label: str, reason: str) -> None:
    raise TemplateError(f"template {label}: {reason}", label, None, reason)
