"""Value types of the v6 scheduler's ``start-date`` (``may/28/2022``) and ``start-time``
(``03:00:00`` or ``startup``), so that other forms (ISO dates, v7's ``2022-05-28``) are refused
with ``invalid value for argument start-date`` as a v6 router refuses them."""

from __future__ import annotations

import calendar
import re

from .clock import MONTHS
from .values import ValueType

_DATE_RE = re.compile(r"^([A-Za-z]{3})/(\d{1,2})/(\d{4})$")
_TIME_RE = re.compile(r"^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$")


class V6Date(ValueType):
    def parse(self, text: str) -> str:
        match = _DATE_RE.match(text)
        if not match or match.group(1).lower() not in MONTHS:
            raise ValueError(text)
        month, day, year = MONTHS.index(match.group(1).lower()) + 1, int(match.group(2)), int(match.group(3))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(text)
        return f"{MONTHS[month - 1]}/{day:02d}/{year}"

    def sort_key(self, printed: str) -> tuple:
        month, day, year = printed.split("/")
        return (0, int(year) * 10000 + (MONTHS.index(month) + 1) * 100 + int(day), "")


class V6Time(ValueType):
    def parse(self, text: str) -> str:
        if text == "startup":
            return text
        match = _TIME_RE.match(text)
        if not match:
            raise ValueError(text)
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError(text)
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


V6_DATE = V6Date()
V6_TIME = V6Time()
