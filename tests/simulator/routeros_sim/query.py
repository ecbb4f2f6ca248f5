"""``print`` query words evaluated with the stack semantics of the API manual (MikroTik API manual, Queries).

``?name`` pushes "has the property", ``?-name`` "lacks it", ``?name=x`` / ``?=name=x`` equality,
``?<name=x`` / ``?>name=x`` comparison, ``?#`` applies operators: ``!`` negate the top, ``&`` and
``|`` combine the two top values, ``.`` duplicates the top, a number pushes a copy of the value at
that index. An entry matches when every value left on the stack is true.

Choices where the manual is silent: a stack index counts from the bottom (0 = first pushed);
comparison on a missing property is false; an operator without enough operands makes the whole
query invalid (``!trap`` "invalid query"), checked before any row is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import ARGUMENT, Trap
from .menus import Menu

Row = dict[str, str]
Predicate = Callable[[Row], bool]

_OPS_RE = re.compile(r"\d+|[!&|.]")


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


class Query:
    def __init__(self, words: list[str], menu: Menu | None) -> None:
        # Each step is either a predicate (push its result) or an operator string for the stack.
        self.steps: list[Predicate | str] = []
        for word in words:
            body = word[1:]
            if body.startswith("#"):
                ops = _OPS_RE.findall(body[1:])
                if "".join(ops) != body[1:]:
                    raise Trap("invalid query", ARGUMENT)
                self.steps.extend(ops)
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

        self._check_depth()

    def _check_depth(self) -> None:
        """Reject a query whose operators would run out of operands, whatever the rows hold."""
        depth = 0
        for step in self.steps:
            if not isinstance(step, str):
                depth += 1
                continue
            if step in ("&", "|"):
                needed, change = 2, -1
            elif step == "!":
                needed, change = 1, 0
            elif step == ".":
                needed, change = 1, 1
            else:
                needed, change = int(step) + 1, 1
            if depth < needed:
                raise Trap("invalid query", ARGUMENT)
            depth += change

    def matches(self, row: Row) -> bool:
        stack: list[bool] = []
        for step in self.steps:
            if not isinstance(step, str):
                stack.append(step(row))
            elif step == "!":
                stack.append(not stack.pop())
            elif step == "&":
                right, left = stack.pop(), stack.pop()
                stack.append(left and right)
            elif step == "|":
                right, left = stack.pop(), stack.pop()
                stack.append(left or right)
            elif step == ".":
                stack.append(stack[-1])
            else:
                stack.append(stack[int(step)])
        return all(stack)
