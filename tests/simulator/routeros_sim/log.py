"""The memory log (``/log print``): what ``:log`` writes and where scheduler errors go."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .router import Router

# RouterOS keeps 1000 lines in its default memory log action (``/system logging action``).
LOG_LINES = 1000


def write(router: Router, topics: str, message: str) -> None:
    """Append one entry; ``time`` is the simulated clock's full stamp (``nov/29/2026 12:00:00``)."""
    entries = router.items("/log")
    entries.append({".id": router.new_id(), "time": router.clock.stamp(), "topics": topics, "message": message})
    del entries[:-LOG_LINES]
