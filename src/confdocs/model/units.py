"""Times of day and durations as people write them: ``09h00``, ``9:30``, ``10 mins``, ``1h30``."""

from __future__ import annotations

import datetime as dt
import re

from ..display import shown

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[h:.]\s*(\d{2})?)?\s*$", re.IGNORECASE)
_DURATION = re.compile(
    r"^\s*(?:(?P<h>\d+)\s*(?:h|hours?|hrs?)\s*)?(?:(?P<m>\d+)\s*(?:m|mins?|minutes?)?)?\s*$",
    re.IGNORECASE,
)
_ISO_DURATION = re.compile(r"^P?T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?$", re.IGNORECASE)


def parse_time(value: object) -> dt.time:
    """``09h00``, ``9h``, ``09:00``, ``9.30`` → :class:`datetime.time`; raises ValueError."""
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a time of day such as 09:00 or 09h00, got {shown(value)}")
    match = _TIME.match(value)
    if not match:
        raise ValueError(f"{shown(value)} is not a time of day; write it as 09:00 or 09h00")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"{shown(value)} is not a time of day: hours run 0-23 and minutes 0-59")
    return dt.time(hour, minute)


def parse_duration(value: object) -> int:
    """``10``, ``10 mins``, ``1h30``, ``PT10M`` → minutes; raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration in minutes, got {shown(value)}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"a duration cannot be negative ({value})")
        return value
    if isinstance(value, str):
        for pattern in (_DURATION, _ISO_DURATION):
            match = pattern.match(value)
            if match and (match.group("h") or match.group("m")):
                return int(match.group("h") or 0) * 60 + int(match.group("m") or 0)
    raise ValueError(f"{shown(value)} is not a duration; write minutes (10), 10 mins or 1h30")


def parse_date(value: object) -> dt.date:
    """An ISO date, ``2019-09-30``; raises ValueError naming what is wrong."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {shown(value)}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"{shown(value)} is not a date: {exc}") from None


def format_clock(value: dt.time) -> str:
    """The file form of a time: ``09:00``."""
    return f"{value.hour:02d}:{value.minute:02d}"


def add_minutes(value: dt.time, minutes: int) -> dt.time:
    """``value`` plus ``minutes``, capped at the end of the day."""
    total = min(value.hour * 60 + value.minute + minutes, 23 * 60 + 59)
    return dt.time(total // 60, total % 60)


def minutes_of(value: dt.time) -> int:
    return value.hour * 60 + value.minute
