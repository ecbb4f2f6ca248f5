"""``print`` query words evaluated with the stack semantics of the API manual (MikroTik API manual, Queries).

``?name`` pushes "has the property", ``?-name`` "lacks it", ``?name=x`` / ``?=name=x`` equality,
``?<name=x`` / ``?>name=x`` comparison, ``?#`` applies operators left to right: ``!`` negates the
top, ``&`` and ``|`` combine the two top values, ``.`` pushes a copy of the top (after an index it
does nothing), an index (0 = the top) pushes a copy of the value there, and an index that ends the
word replaces all values with that one. The stack starts with infinitely many true values, so an
operator never runs out of operands. An entry matches when every value on the stack is true.

Choices where the manual is silent: comparison on a missing property is false; after an index
that ends the word the stack holds that value over infinitely many true ones again; a ``?#`` word
with other characters is an invalid query (``!trap`` "invalid query").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import ARGUMENT, Trap
from .menus import Menu

Row = dict[str, str]
Predicate = Callable[[Row], bool]

_OPS_RE = re.compile(r"(\d+)(\.?)|([!&|.])")


def _normalise(menu: Menu | None, name: str, value: str) -> str:
    """Parse the query value like an argument so ``yes`` finds ``true`` and ``600s`` finds ``10m``."""
    field = menu.by_name.get(name) if menu else None
    if field is None or not value:
        return value
    try:
        return field.type.parse(value)
    except ValueError:
        return value


def _sort_key(menu: Menu | None, name: str, value: str) -> tuple:
    field = menu.by_name.get(name) if menu else None
    try:
        return field.type.sort_key(value) if field else (1, 0, value)
    except ValueError:
        return (1, 0, value)


def _compare(menu: Menu | None, name: str, value: str, less: bool) -> Predicate:
    def predicate(row: Row) -> bool:
        if name not in row:
            return False
        mine, theirs = _sort_key(menu, name, row[name]), _sort_key(menu, name, value)
        return mine < theirs if less else mine > theirs

    return predicate


def _equals(menu: Menu | None, name: str, value: str) -> Predicate:
    wanted = _normalise(menu, name, value)
    return lambda row: row.get(name) == wanted


# Operators of a ``?#`` word after parsing: ("copy", n), ("all", n), ("!",), ("&",), ("|",), (".",).
Op = tuple


def _operators(body: str) -> list[Op]:
    ops: list[Op] = []
    position = 0
    for match in _OPS_RE.finditer(body):
        if match.start() != position:
            break
        position = match.end()
        digits, _dot, operator = match.groups()
        if digits is None:
            ops.append((operator,))
        else:
            ops.append(("all" if position == len(body) and not _dot else "copy", int(digits)))
    if position != len(body):
        raise Trap("invalid query", ARGUMENT)
    return ops


class Query:
    def __init__(self, words: list[str], menu: Menu | None) -> None:
        # Each step is either a predicate (push its result) or a ``?#`` operator.
        self.steps: list[Predicate | Op] = []
        for word in words:
            body = word[1:]
            if body.startswith("#"):
                self.steps.extend(_operators(body[1:]))
            elif body.startswith("-"):
                name = body[1:]
                self.steps.append(lambda row, name=name: name not in row)
            elif body[:1] in ("<", ">"):
                name, _sep, value = body[1:].partition("=")
                self.steps.append(_compare(menu, name, value, body[0] == "<"))
            else:
                if body.startswith("="):
                    body = body[1:]
                name, has_value, value = body.partition("=")
                if has_value:
                    self.steps.append(_equals(menu, name, value))
                else:
                    self.steps.append(lambda row, name=name: name in row)

    def matches(self, row: Row) -> bool:
        stack: list[bool] = []  # above the infinitely many true values

        def pop() -> bool:
            return stack.pop() if stack else True

        def at(index: int) -> bool:
            return stack[-1 - index] if index < len(stack) else True

        for step in self.steps:
            if not isinstance(step, tuple):
                stack.append(step(row))
                continue
            operator = step[0]
            if operator == "!":
                stack.append(not pop())
            elif operator in ("&", "|"):
                right, left = pop(), pop()
                stack.append(left and right if operator == "&" else left or right)
            elif operator == ".":
                stack.append(at(0))
            elif operator == "copy":
                stack.append(at(step[1]))
            else:
                stack[:] = [at(step[1])]
        return all(stack)
