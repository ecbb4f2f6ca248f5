"""The router's clock: wall time plus an offset that tests move forward with /sim/clock/advance."""

from __future__ import annotations

import time

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class SimClock:
    def __init__(self, offset: float = 0.0) -> None:
        self.offset = offset
        self.boot_time = self.now()

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def reboot(self) -> None:
        self.boot_time = self.now()

    def uptime(self) -> int:
        return int(self.now() - self.boot_time)

    def date(self, at: float | None = None) -> str:
        """v6 date form, ``nov/29/2026``."""
        t = time.gmtime(self.now() if at is None else at)
        return f"{MONTHS[t.tm_mon - 1]}/{t.tm_mday:02d}/{t.tm_year}"

    def time(self, at: float | None = None) -> str:
        return time.strftime("%H:%M:%S", time.gmtime(self.now() if at is None else at))

    def stamp(self, at: float | None = None) -> str:
        """``nov/29/2026 23:46:10`` as in ``/user active`` ``when``."""
        return f"{self.date(at)} {self.time(at)}"
