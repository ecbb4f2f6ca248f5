"""``!trap`` replies as exceptions raised by the router model.

Categories follow the API manual (MikroTik API manual, Errors): 0 missing item or command, 1 argument
value, 2 interrupted, 4 general (the ``failure: ...`` texts and login failures).
"""

from __future__ import annotations

MISSING = 0
ARGUMENT = 1
INTERRUPTED = 2
GENERAL = 4


class Trap(Exception):
    def __init__(self, message: str, category: int = GENERAL) -> None:
        super().__init__(message)
        self.message = message
        self.category = category

    def replies(self) -> list[tuple[str, dict[str, str]]]:
        return [("!trap", {"category": str(self.category), "message": self.message})]


class UnknownCommand(Trap):
    """An unknown menu or command: v6 answers two traps."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no such command or directory ({name})", MISSING)

    def replies(self) -> list[tuple[str, dict[str, str]]]:
        return super().replies() + [("!trap", {"category": str(MISSING), "message": "no such command prefix"})]


def no_such_item() -> Trap:
    return Trap("no such item", MISSING)


def invalid_value(name: str) -> Trap:
    return Trap(f"invalid value for argument {name}", ARGUMENT)


def unknown_parameter() -> Trap:
    return Trap("unknown parameter", ARGUMENT)


def missing_values(names: list[str]) -> Trap:
    # The v6 wording is not verified; the v7 text is used.
    return Trap(f"missing value(s) of argument(s) {' '.join(names)}", ARGUMENT)


def no_match(name: str) -> Trap:
    return Trap(f"input does not match any value of {name}", ARGUMENT)


CANNOT_CHANGE_BUILTIN = "failure: cannot change builtin"
CANNOT_CHANGE_DYNAMIC = "failure: can not change dynamic"
