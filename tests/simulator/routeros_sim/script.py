"""The subset of the RouterOS v6 script language that /import, /system script and /system scheduler
run: what /export writes plus simple command scripts (see README.md, "Scripts", for the list).

``Interpreter(router).run(source)`` parses the whole source first (a syntax error runs nothing),
then executes it statement by statement through ``Router.execute``, so every write a script makes
is validated, audited and persisted like one from the API. Errors raise ``ScriptError`` carrying
the line number of the statement that failed. ``importing=True`` (``/import``) skips, with a
``script,warning`` log line, commands of menus the simulator does not have and the properties of
``unsimulated.PROPERTIES``, so a real router's export loads; scripts and scheduler jobs get no such
leniency.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import log
from .errors import Trap
from .menus import DIRECTORIES, MENU_BY_PATH, MENUS, SINGLE
from .unsimulated import PROPERTIES as UNSIMULATED_PROPERTIES
from .values import Bool

if TYPE_CHECKING:
    from .router import Router, SessionInfo

SCRIPTING = 3  # trap category of script errors (API manual, Errors)

# A runaway ``:while`` or a scheduler storm must not hang the server.
MAX_STEPS = 200_000
NOT_ENOUGH_PERMISSIONS = "not enough permissions (9)"

# Command directories that are not menus of their own (``/system backup save``).
EXTRA_DIRECTORIES = frozenset(("/system/backup",))
# Policy a command needs; anything else needs ``write``. Running a script needs only ``read``: the
# script then runs with its own policy, which the caller must cover (scripting.run_script).
VERB_POLICY = {"print": "read", "get": "read", "find": "read", "export": "read", "run": "read", "reboot": "reboot"}
LOG_LEVELS = ("debug", "info", "warning", "error")
# Words that name a command rather than a menu: /import takes any other word after a known menu
# (``/user group``, ``/ip hotspot profile``) for a menu the simulator does not have.
VERBS = frozenset(c for m in MENUS for c in m.commands) | frozenset(VERB_POLICY) | frozenset(("move", "export", "import", "save", "load"))

# ``:global`` variables live as long as the router object (RouterOS: until reboot).
_GLOBALS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class ScriptError(Exception):
    def __init__(self, message: str, line: int | None = None, category: int = SCRIPTING, located: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.category = category
        # The message already names the line it comes from (an error inside a nested script).
        self.located = located

    def describe(self) -> str:
        """``message (line N)``: the text /import and /system script run trap with."""
        return self.message if self.line is None or self.located else f"{self.message} (line {self.line})"

    def trap(self) -> Trap:
        return ScriptTrap(self.describe(), self.category, located=self.located or self.line is not None)


class ScriptTrap(Trap):
    """The trap of a failed /import or /system script run; a script that ran it reports it as is."""

    def __init__(self, message: str, category: int, located: bool) -> None:
        super().__init__(message, category)
        self.located = located


class _Return(Exception):
    def __init__(self, value: Any) -> None:
        super().__init__("return")
        self.value = value


# ------------------------------------------------------------------------------------------ syntax
# Words of a statement: Bare text, Str (quoted, with $var interpolation), Var, Sub ([command]),
# Expr ((expression)), Block ({statements}), Cat (adjacent pieces), Assign (name=value) and Cond
# (the condition of ``find``/``print where``).


@dataclass
class Bare:
    text: str


@dataclass
class Str:
    parts: list  # str or nodes


@dataclass
class Var:
    name: str


@dataclass
class Sub:
    body: list


@dataclass
class Expr:
    tree: tuple


@dataclass
class Block:
    body: list


@dataclass
class Cat:
    pieces: list


@dataclass
class Assign:
    name: str
    value: Any  # node or None


@dataclass
class Cond:
    tree: tuple | None


@dataclass
class Statement:
    words: list
    line: int


def _join_continuations(source: str) -> tuple[str, list[int]]:
    """Drop backslash-newline (and the next line's indentation), as RouterOS does inside and outside
    quotes; return the text and the source line of every character."""
    text = source.replace("\r\n", "\n").replace("\r", "\n") if "\r" in source else source
    out: list[str] = []
    lines: list[int] = []
    line = 1
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            if text[i + 1] == "\n":
                i += 2
                line += 1
                while i < n and text[i] in " \t":
                    i += 1
                continue
            out.append(c)
            out.append(text[i + 1])
            lines.extend((line, line))
            i += 2
            continue
        out.append(c)
        lines.append(line)
        if c == "\n":
            line += 1
        i += 1
    return "".join(out), lines


_IDENT_RE = re.compile(r"[A-Za-z0-9_]+")
_PROP_RE = re.compile(r"[A-Za-z0-9_.\-]+")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)*(?:/\d+)?")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\"": "\"", "\\": "\\", "$": "$", "?": "?", "_": " ", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_HEX = "0123456789ABCDEFabcdef"
_WORD_STOP = " \t\n;[]{}()\"$"
_CMP_OPS = ("!=", "<=", ">=", "=", "<", ">", "~")


class Parser:
    def __init__(self, source: str) -> None:
        self.text, self.lines = _join_continuations(source)
        self.pos = 0

    # --------------------------------------------------------------------- helpers

    def error(self, what: str = "syntax error") -> ScriptError:
        line = self.lines[min(self.pos, len(self.lines) - 1)] if self.lines else 1
        start = self.text.rfind("\n", 0, self.pos) + 1
        return ScriptError(f"{what} (line {line} column {self.pos - start + 1})")

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < len(self.text) else ""

    def startswith(self, s: str) -> bool:
        return self.text.startswith(s, self.pos)

    def keyword(self, word: str) -> bool:
        """``word`` as a whole word at the current position."""
        if not self.startswith(word):
            return False
        after = self.text[self.pos + len(word): self.pos + len(word) + 1]
        return after == "" or not (after.isalnum() or after in "_-")

    def skip_spaces(self, newlines: bool = False) -> None:
        chars = " \t\n" if newlines else " \t"
        while self.peek() and self.peek() in chars:
            self.pos += 1

    def line(self) -> int:
        return self.lines[min(self.pos, len(self.lines) - 1)] if self.lines else 1

    # --------------------------------------------------------------------- statements

    def parse(self) -> list[Statement]:
        return self.block(None)

    def block(self, closer: str | None) -> list[Statement]:
        body: list[Statement] = []
        while True:
            while self.peek() and self.peek() in " \t\n;":
                self.pos += 1
            c = self.peek()
            if not c:
                if closer:
                    raise self.error(f"missing {closer}")
                return body
            if c == closer:
                self.pos += 1
                return body
            if c in "]})":
                raise self.error()
            if c == "#":
                while self.peek() and self.peek() != "\n":
                    self.pos += 1
                continue
            body.append(self.statement())

    def statement(self) -> Statement:
        line = self.line()
        words: list = []
        while True:
            self.skip_spaces()
            c = self.peek()
            if not c or c in "\n;]}":
                break
            if c == ")":
                raise self.error()
            word = self.word(first=not words)
            words.append(word)
            builtin = isinstance(words[0], Bare) and words[0].text.startswith(":")
            if not builtin and isinstance(word, Bare) and word.text in ("find", "where"):
                words.append(Cond(self.condition()))
        return Statement(words, line)

    def word(self, first: bool = False) -> Any:
        start = self.pos
        if self.peek() not in "\"$[({" and self.peek():
            name = self.run(_WORD_STOP + "=")
            if self.peek() == "=" and name:
                self.pos += 1
                c = self.peek()
                if not c or c in " \t\n;]})":
                    return Assign(name, None)
                return Assign(name, self.value())
            self.pos = start
        return self.value()

    def value(self) -> Any:
        pieces = []
        while True:
            c = self.peek()
            if not c or c in " \t\n;]})":
                break
            if c == '"':
                pieces.append(self.string())
            elif c == "$":
                pieces.append(self.variable())
            elif c == "[":
                self.pos += 1
                pieces.append(Sub(self.block("]")))
            elif c == "(":
                self.pos += 1
                pieces.append(Expr(self.expression_list(")")))
            elif c == "{":
                self.pos += 1
                pieces.append(Block(self.block("}")))
            else:
                text = self.run(_WORD_STOP)
                if not text:
                    raise self.error()
                pieces.append(Bare(text))
        if not pieces:
            raise self.error()
        return pieces[0] if len(pieces) == 1 else Cat(pieces)

    def run(self, stop: str) -> str:
        start = self.pos
        while self.peek() and self.peek() not in stop:
            self.pos += 1
        return self.text[start: self.pos]

    def variable(self) -> Any:
        self.pos += 1  # $
        if self.peek() == "(":
            self.pos += 1
            return Expr(self.expression_list(")"))
        if self.peek() == "[":
            self.pos += 1
            return Sub(self.block("]"))
        match = _IDENT_RE.match(self.text, self.pos)
        if not match:
            raise self.error()
        self.pos = match.end()
        return Var(match.group())

    def string(self) -> Str:
        self.pos += 1  # opening quote
        parts: list = []
        chars: list[str] = []
        raw = bytearray()

        def flush_raw() -> None:
            if raw:
                chars.append(raw.decode("utf-8", "surrogateescape"))
                raw.clear()

        while True:
            c = self.peek()
            if not c:
                raise self.error("unterminated string")
            if c == '"':
                self.pos += 1
                break
            if c == "\\":
                nxt = self.peek(1)
                if nxt in _HEX and self.peek(2) and self.peek(2) in _HEX:
                    raw.append(int(nxt + self.peek(2), 16))
                    self.pos += 3
                    continue
                flush_raw()
                if nxt not in _ESCAPES:
                    raise self.error("bad escape")
                chars.append(_ESCAPES[nxt])
                self.pos += 2
                continue
            flush_raw()
            if c == "$" and (self.peek(1) in "([" or _IDENT_RE.match(self.peek(1) or " ")):
                if chars:
                    parts.append("".join(chars))
                    chars = []
                parts.append(self.variable())
                continue
            chars.append(c)
            self.pos += 1
        flush_raw()
        if chars:
            parts.append("".join(chars))
        return Str(parts)

    # --------------------------------------------------------------------- find conditions

    def condition(self) -> tuple | None:
        self.skip_spaces()
        if self.keyword("where"):
            self.pos += 5
        self.skip_spaces()
        if not self.peek() or self.peek() in "\n;]}":
            return None
        return self.cond_or()

    def _at_cond_end(self) -> bool:
        self.skip_spaces()
        return not self.peek() or self.peek() in "\n;]})"

    def cond_or(self) -> tuple:
        left = self.cond_and()
        while True:
            self.skip_spaces()
            if self.startswith("||"):
                self.pos += 2
            elif self.keyword("or"):
                self.pos += 2
            else:
                return left
            left = ("or", left, self.cond_and())

    def cond_and(self) -> tuple:
        left = self.cond_not()
        while not self._at_cond_end():
            if self.startswith("||") or self.keyword("or"):
                break
            if self.startswith("&&"):
                self.pos += 2
            elif self.keyword("and"):
                self.pos += 3
            left = ("and", left, self.cond_not())
        return left

    def cond_not(self) -> tuple:
        self.skip_spaces()
        if self.peek() == "!" and self.peek(1) != "=":
            self.pos += 1
            return ("not", self.cond_not())
        if self.keyword("not"):
            self.pos += 3
            return ("not", self.cond_not())
        if self.peek() == "(":
            self.pos += 1
            inner = self.cond_or()
            self.skip_spaces()
            if self.peek() != ")":
                raise self.error()
            self.pos += 1
            return inner
        match = _PROP_RE.match(self.text, self.pos)
        if not match:
            raise self.error()
        self.pos = match.end()
        prop = match.group()
        for op in _CMP_OPS:
            if self.startswith(op):
                self.pos += len(op)
                return ("cmp", prop, op, self.cond_value())
        return ("flag", prop)

    def cond_value(self) -> Any:
        c = self.peek()
        if c == '"':
            return self.string()
        if c == "$":
            return self.variable()
        if c == "[":
            self.pos += 1
            return Sub(self.block("]"))
        if c == "(":
            self.pos += 1
            return Expr(self.expression_list(")"))
        return Bare(self.run(" \t\n;[]{}()\""))

    # --------------------------------------------------------------------- expressions

    def expression_list(self, closer: str) -> tuple:
        items = [self.expr_or()]
        self.skip_spaces(True)
        while self.peek() == ",":
            self.pos += 1
            items.append(self.expr_or())
            self.skip_spaces(True)
        if self.peek() != closer:
            raise self.error()
        self.pos += 1
        return items[0] if len(items) == 1 else ("list", items)

    def _op(self, *ops: str) -> str | None:
        self.skip_spaces(True)
        for op in ops:
            if op.isalpha():
                if self.keyword(op):
                    self.pos += len(op)
                    return op
            elif self.startswith(op):
                if op == "." and self.peek(1) == ".":
                    continue
                if op in ("<", ">") and self.peek(1) == "=":
                    continue
                if op == "-" and self.peek(1) == ">":
                    continue
                self.pos += len(op)
                return op
        return None

    def expr_or(self) -> tuple:
        left = self.expr_and()
        while (op := self._op("||", "or")) is not None:
            left = ("or", left, self.expr_and())
        return left

    def expr_and(self) -> tuple:
        left = self.expr_cmp()
        while (op := self._op("&&", "and")) is not None:
            left = ("and", left, self.expr_cmp())
        return left

    def expr_cmp(self) -> tuple:
        left = self.expr_cat()
        op = self._op("!=", "<=", ">=", "=", "<", ">", "~", "in")
        if op is None:
            return left
        return ("bin", op, left, self.expr_cat())

    def expr_cat(self) -> tuple:
        left = self.expr_add()
        while self._op(".") is not None:
            left = ("bin", ".", left, self.expr_add())
        return left

    def expr_add(self) -> tuple:
        left = self.expr_mul()
        while (op := self._op("+", "-")) is not None:
            left = ("bin", op, left, self.expr_mul())
        return left

    def expr_mul(self) -> tuple:
        left = self.expr_unary()
        while (op := self._op("*", "/", "%")) is not None:
            left = ("bin", op, left, self.expr_unary())
        return left

    def expr_unary(self) -> tuple:
        self.skip_spaces(True)
        if self.peek() == "!" and self.peek(1) != "=":
            self.pos += 1
            return ("not", self.expr_unary())
        if self.peek() == "-" and self.peek(1).isdigit():
            self.pos += 1
            return ("neg", self.expr_unary())
        node = self.expr_primary()
        while self._op("->") is not None:
            node = ("index", node, self.expr_primary())
        return node

    def expr_primary(self) -> tuple:
        self.skip_spaces(True)
        c = self.peek()
        if c == '"':
            return ("node", self.string())
        if c == "$":
            return ("node", self.variable())
        if c == "[":
            self.pos += 1
            return ("node", Sub(self.block("]")))
        if c == "(":
            self.pos += 1
            return self.expression_list(")")
        match = _NUMBER_RE.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            text = match.group()
            return ("lit", int(text) if text.isdigit() else text)
        match = _IDENT_RE.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            word = match.group()
            return ("lit", {"true": True, "false": False}.get(word, word))
        raise self.error()


def parse(source: str) -> list[Statement]:
    try:
        return Parser(source).parse()
    except RecursionError:
        raise ScriptError("syntax error: nested too deep") from None


# ------------------------------------------------------------------------------------------ values


def display(value: Any) -> str:
    """A value as :put prints it and as it is sent to a command."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(display(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={display(v)}" for k, v in value.items())
    if isinstance(value, Block):
        return ""
    return str(value)


def argument(value: Any) -> str:
    """A value as an API argument: lists become comma lists (``.id=*1,*2``)."""
    if isinstance(value, list):
        return ",".join(argument(v) for v in value)
    return display(value)


def truth(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "yes")
    return bool(value)


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    return None


def compare(op: str, left: Any, right: Any) -> bool:
    if op == "~":
        try:
            return re.search(display(right), display(left)) is not None
        except re.error:
            raise ScriptError("invalid regular expression") from None
    if isinstance(left, bool) or isinstance(right, bool):
        a, b = truth(left), truth(right)
    elif _number(left) is not None and _number(right) is not None:
        a, b = _number(left), _number(right)
    else:
        a, b = display(left), display(right)
    return {"=": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


def arithmetic(op: str, left: Any, right: Any) -> Any:
    a, b = _number(left), _number(right)
    if a is None or b is None:
        raise ScriptError(f"cannot apply {op} to non-numbers")
    if op in ("/", "%") and b == 0:
        raise ScriptError("division by zero")
    return {"+": a + b, "-": a - b, "*": a * b, "/": int(a / b), "%": a % b}[op]


# ------------------------------------------------------------------------------------------ runtime


@dataclass
class _Frame:
    variables: dict[str, Any] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)


def known_path(path: str) -> bool:
    return path in MENU_BY_PATH or path in DIRECTORIES or path in EXTRA_DIRECTORIES


class Interpreter:
    """Runs scripts on ``router``. ``policy`` (a set of policy names, None for no restriction)
    limits commands: reading needs ``read``, writing ``write``, rebooting ``reboot``."""

    def __init__(self, router: Router, session: SessionInfo | None = None, policy: set[str] | None = None, importing: bool = False) -> None:
        self.router = router
        self.session = session
        self.policy = policy
        # /import of an export: what the simulator does not emulate is skipped with a warning.
        self.importing = importing
        self.line = 0
        self.output: list[str] = []
        self.frames: list[_Frame] = []
        self.steps = 0
        self.globals: dict[str, Any] = _GLOBALS.setdefault(router, {})

    def run(self, source: str, path: str = "") -> Any:
        body = parse(source)
        self.frames.append(_Frame())
        try:
            return self.block(body, path)
        except _Return as ret:
            return ret.value
        except RecursionError:
            raise ScriptError("script nested too deep") from None
        finally:
            self.frames.pop()

    # --------------------------------------------------------------------- execution

    def block(self, body: list[Statement], path: str) -> Any:
        result = None
        context = [path]
        for statement in body:
            self.steps += 1
            if self.steps > MAX_STEPS:
                raise ScriptError("script step limit exceeded", statement.line)
            self.line = statement.line
            try:
                result = self.statement(statement, context)
            except ScriptError as error:
                if error.line is None:
                    error.line = statement.line
                raise
            except Trap as trap:
                raise ScriptError(trap.message, statement.line, trap.category, getattr(trap, "located", False)) from None
        return result

    def scoped(self, block: Any, path: str, variables: dict[str, Any] | None = None) -> Any:
        if not isinstance(block, Block):
            raise ScriptError("expected a {...} block")
        self.frames.append(_Frame(dict(variables or {})))
        try:
            return self.block(block.body, path)
        finally:
            self.frames.pop()

    def statement(self, statement: Statement, context: list[str]) -> Any:
        words = statement.words
        if not words:
            return None
        head = words[0]
        if isinstance(head, Bare) and head.text.startswith(":"):
            return self.builtin(head.text[1:], words[1:], context[0])
        if isinstance(head, Bare):
            if self.importing:
                unknown = self.unsimulated_menu(context[0], words)
                if unknown is not None:
                    menu, command = unknown
                    if command:
                        self.warn(menu, "menu not simulated, command skipped")
                    else:
                        context[0] = menu  # its commands are skipped in turn
                    return None
            path, rest = self.navigate(context[0], words)
            if not rest:
                context[0] = path
                return None
            verb = rest[0]
            if not isinstance(verb, Bare):
                raise ScriptError("syntax error")
            return self.command(path, verb.text, rest[1:])
        if len(words) > 1:
            raise ScriptError("syntax error")
        return self.evaluate(head, context[0])

    def navigate(self, path: str, words: list) -> tuple[str, list]:
        """Split leading menu words (``/ip address``, ``/ip/address``, ``firewall filter`` relative to
        the current menu) from the command that follows."""
        rest = list(words)
        first = rest[0].text
        if first.startswith("/"):
            path = ""
            parts = [p for p in first.split("/") if p]
            for i, part in enumerate(parts):
                candidate = f"{path}/{part}"
                if not known_path(candidate):
                    if i != len(parts) - 1:
                        raise ScriptError(f"bad command name {part}")
                    rest[0] = Bare(part)
                    return path, rest
                path = candidate
            rest.pop(0)
        while rest and isinstance(rest[0], Bare):
            word = rest[0].text
            if word == "..":
                path = path.rsplit("/", 1)[0]
            elif known_path(f"{path}/{word}"):
                path = f"{path}/{word}"
            else:
                break
            rest.pop(0)
        return path, rest

    def unsimulated_menu(self, path: str, words: list) -> tuple[str, bool] | None:
        """For a statement of /import: the menu it names that the simulator does not have, and
        whether a command follows on the line; None for a known menu (or a command of one)."""
        tokens: list = list(words)
        first = tokens[0].text
        if first.startswith("/"):
            path = ""
            tokens[:1] = [Bare(part) for part in first.split("/") if part]
        for n, token in enumerate(tokens):
            if not isinstance(token, Bare):
                break
            word = token.text
            if path and not known_path(path):
                return path, True
            if word == "..":
                path = path.rsplit("/", 1)[0]
            elif known_path(f"{path}/{word}"):
                path = f"{path}/{word}"
            elif word in VERBS:
                return None
            else:
                unknown = path
                rest = tokens[n:]
                while rest and isinstance(rest[0], Bare) and rest[0].text not in VERBS:
                    unknown += "/" + rest.pop(0).text
                return unknown, bool(rest)
        return (path, False) if path and not known_path(path) else None

    def warn(self, path: str, what: str) -> None:
        menu = "/" + path[1:].replace("/", " ")
        log.write(self.router, "script,warning", f"import line {self.line}: {menu}: {what}")

    # --------------------------------------------------------------------- evaluation

    def evaluate(self, node: Any, path: str, literal: bool = False) -> Any:
        if node is None:
            return None
        if isinstance(node, Bare):
            if literal:
                return node.text
            if re.fullmatch(r"-?\d+", node.text):
                return int(node.text)
            return {"true": True, "false": False}.get(node.text, node.text)
        if isinstance(node, Str):
            return "".join(p if isinstance(p, str) else display(self.evaluate(p, path)) for p in node.parts)
        if isinstance(node, Var):
            return self.lookup(node.name)
        if isinstance(node, Sub):
            self.frames.append(_Frame())
            try:
                return self.block(node.body, path)
            finally:
                self.frames.pop()
        if isinstance(node, Expr):
            return self.expression(node.tree, path)
        if isinstance(node, Block):
            return node
        if isinstance(node, Cat):
            return "".join(display(self.evaluate(p, path, literal=True)) for p in node.pieces)
        raise ScriptError("syntax error")

    def expression(self, tree: tuple, path: str) -> Any:
        kind = tree[0]
        if kind == "lit":
            return tree[1]
        if kind == "node":
            return self.evaluate(tree[1], path)
        if kind == "list":
            return [self.expression(t, path) for t in tree[1]]
        if kind == "not":
            return not truth(self.expression(tree[1], path))
        if kind == "neg":
            return -arithmetic("+", 0, self.expression(tree[1], path))
        if kind == "and":
            return truth(self.expression(tree[1], path)) and truth(self.expression(tree[2], path))
        if kind == "or":
            return truth(self.expression(tree[1], path)) or truth(self.expression(tree[2], path))
        if kind == "index":
            container, key = self.expression(tree[1], path), self.expression(tree[2], path)
            if isinstance(container, dict):
                return container.get(display(key))
            if isinstance(container, list) and _number(key) is not None and 0 <= _number(key) < len(container):
                return container[_number(key)]
            return None
        op, left_tree, right_tree = tree[1:]
        left, right = self.expression(left_tree, path), self.expression(right_tree, path)
        if op == ".":
            return display(left) + display(right)
        if op == "in":
            return display(left) in [display(v) for v in right] if isinstance(right, list) else display(left) in display(right)
        if op in ("+", "-", "*", "/", "%"):
            return arithmetic(op, left, right)
        return compare(op, left, right)

    def lookup(self, name: str) -> Any:
        for frame in reversed(self.frames):
            if name in frame.variables:
                return frame.variables[name]
        if name in self.globals:
            return self.globals[name]
        raise ScriptError(f"undefined variable {name}")

    def assign(self, name: str, value: Any) -> None:
        for frame in reversed(self.frames):
            if name in frame.globals:
                self.globals[name] = value
                return
            if name in frame.variables:
                frame.variables[name] = value
                return
        if name in self.globals:
            self.globals[name] = value
            return
        raise ScriptError(f"undefined variable {name}")

    def array(self, block: Block, path: str) -> list | dict:
        """``{1;2;3}`` is a list, ``{"jan"="01";feb="02"}`` an associative array (keys sorted, as
        v6 keeps them)."""
        values: list = []
        keyed: dict[str, Any] = {}
        for statement in block.body:
            if len(statement.words) != 1:
                raise ScriptError("bad array element", statement.line)
            word = statement.words[0]
            if isinstance(word, Assign):
                keyed[word.name] = self.evaluate(word.value, path)
            elif isinstance(word, Cat) and isinstance(word.pieces[1], Bare) and word.pieces[1].text.startswith("="):
                rest = ([Bare(word.pieces[1].text[1:])] if len(word.pieces[1].text) > 1 else []) + word.pieces[2:]
                value = None if not rest else self.evaluate(rest[0] if len(rest) == 1 else Cat(rest), path)
                keyed[display(self.evaluate(word.pieces[0], path))] = value
            else:
                values.append(self.evaluate(word, path))
        if not keyed:
            return values
        keyed.update({str(i): v for i, v in enumerate(values)})
        return dict(sorted(keyed.items()))

    # --------------------------------------------------------------------- builtins

    def builtin(self, name: str, words: list, path: str) -> Any:
        named = {w.name: w.value for w in words if isinstance(w, Assign)}
        positional = [w for w in words if not isinstance(w, Assign)]

        def arg(i: int, default: Any = None) -> Any:
            return self.evaluate(positional[i], path) if i < len(positional) else default

        if name in ("local", "global", "set"):
            if not positional or not isinstance(positional[0], Bare):
                raise ScriptError(f"bad variable name for :{name}")
            var = positional[0].text
            value = self.array(positional[1], path) if len(positional) > 1 and isinstance(positional[1], Block) else arg(1)
            if name == "local":
                self.frames[-1].variables[var] = value
            elif name == "global":
                self.frames[-1].globals.add(var)
                if len(positional) > 1 or var not in self.globals:
                    self.globals[var] = value
            else:
                self.assign(var, value)
            return None
        if name == "put":
            self.output.append(display(arg(0)))
            return None
        if name == "log":
            level = positional[0].text if positional and isinstance(positional[0], Bare) else ""
            if level not in LOG_LEVELS:
                raise ScriptError("bad log level")
            log.write(self.router, f"script,{level}", display(arg(1, "")))
            return None
        if name == "if":
            if truth(arg(0)):
                return self.scoped(named.get("do"), path)
            if "else" in named:
                return self.scoped(named["else"], path)
            return None
        if name == "foreach":
            names = positional[0].text.split(",") if positional and isinstance(positional[0], Bare) else []
            if len(names) not in (1, 2) or "in" not in named or "do" not in named:
                raise ScriptError("bad :foreach")
            items = self.evaluate(named["in"], path)
            if isinstance(items, dict):
                pairs = list(items.items())
            else:
                pairs = list(enumerate(items if isinstance(items, list) else ([] if items is None else [items])))
            for key, item in pairs:
                self.scoped(named["do"], path, {names[0]: item} if len(names) == 1 else {names[0]: key, names[1]: item})
            return None
        if name == "for":
            var = positional[0].text if positional and isinstance(positional[0], Bare) else None
            if var is None or "do" not in named:
                raise ScriptError("bad :for")
            start = _number(self.evaluate(named.get("from"), path) or 0)
            stop = _number(self.evaluate(named.get("to"), path) or 0)
            step = _number(self.evaluate(named.get("step"), path) or (1 if stop >= start else -1))
            if start is None or stop is None or not step:
                raise ScriptError("bad :for")
            i = start
            while (i <= stop) if step > 0 else (i >= stop):
                self.scoped(named["do"], path, {var: i})
                i += step
            return None
        if name == "while":
            while truth(arg(0)):
                self.steps += 1
                if self.steps > MAX_STEPS:
                    raise ScriptError("script step limit exceeded")
                self.scoped(named.get("do"), path)
            return None
        if name == "do":
            body = positional[0] if positional else named.get("command")
            try:
                result = self.scoped(body, path)
                if "while" in named:
                    while truth(self.evaluate(named["while"], path)):
                        result = self.scoped(body, path)
                return result
            except ScriptError:
                if "on-error" not in named:
                    raise
                return self.scoped(named["on-error"], path)
        if name == "return":
            raise _Return(arg(0))
        if name == "error":
            raise ScriptError(display(arg(0)))
        if name == "delay":
            return None
        if name == "len":
            value = arg(0)
            return len(value) if isinstance(value, (list, dict)) else len(display(value))
        if name == "pick":
            value, start, end = arg(0), _number(arg(1, 0)), arg(2)
            end_n = _number(end) if end is not None else None
            if start is None or (end is not None and end_n is None):
                raise ScriptError("bad :pick")
            start = max(start, 0)
            if isinstance(value, list):
                return value[start] if end_n is None and start < len(value) else (value[start:end_n] if end_n is not None else None)
            text = display(value)
            return text[start: start + 1] if end_n is None else text[start:end_n]
        if name == "find":
            haystack, needle, start = arg(0), arg(1), _number(arg(2, -1))
            if start is None:
                raise ScriptError("bad :find")
            if isinstance(haystack, list):
                for i, item in enumerate(haystack):
                    if i > start and display(item) == display(needle):
                        return i
                return None
            index = display(haystack).find(display(needle), start + 1)
            return None if index < 0 else index
        if name == "tostr":
            return display(arg(0))
        if name == "tonum":
            value = _number(arg(0))
            if value is None:
                raise ScriptError("cannot convert to number")
            return value
        if name == "tobool":
            return truth(arg(0))
        if name == "toarray":
            value = arg(0)
            return value if isinstance(value, list) else ([] if value in (None, "") else display(value).split(","))
        if name == "typeof":
            value = arg(0)
            kinds = (
                ("nil", value is None),
                ("bool", isinstance(value, bool)),
                ("num", isinstance(value, int)),
                ("array", isinstance(value, (list, dict))),
                ("code", isinstance(value, Block)),
            )
            for kind, test in kinds:
                if test:
                    return kind
            return "id" if display(value).startswith("*") else "str"
        raise ScriptError(f"bad command name {name}")

    # --------------------------------------------------------------------- commands

    def need(self, policy: str) -> None:
        if self.policy is not None and policy not in self.policy:
            raise ScriptError(NOT_ENOUGH_PERMISSIONS)

    def command(self, path: str, verb: str, words: list) -> Any:
        self.need(VERB_POLICY.get(verb, "write"))
        cond = next((w.tree for w in words if isinstance(w, Cond)), None)
        attrs = {w.name: argument(self.evaluate(w.value, path, literal=True)) for w in words if isinstance(w, Assign)}
        positional = [self.evaluate(w, path, literal=True) for w in words if not isinstance(w, (Assign, Cond))]
        menu = MENU_BY_PATH.get(path)
        if self.importing and menu is not None:
            skipped = [name for name in attrs if name not in menu.by_name and name in UNSIMULATED_PROPERTIES.get(path, ())]
            if skipped:
                for name in skipped:
                    del attrs[name]
                self.warn(path, f"{', '.join(skipped)} not simulated, skipped")
        if verb == "find":
            return [row[".id"] for row in self.rows(path) if ".id" in row and self.matches(cond, row, path)]
        if verb == "print":
            return self.print(path, cond, positional)
        if verb == "get":
            return self.get(path, positional, attrs)
        if verb == "export":
            from .scripting import EXPORT_FLAGS

            # The flags are words of their own (export hide-sensitive file=x); one that is not a flag is refused below.
            flags = [w for w in positional if display(w) in EXPORT_FLAGS]
            positional = [w for w in positional if w not in flags]
            attrs.update((display(w), "") for w in flags)
            if "file" not in attrs and not positional:
                from .export import export_text

                self.output.append(export_text(self.router, path, hide_sensitive="hide-sensitive" in attrs))
                return None
        if verb == "import" and positional:
            attrs.setdefault("file-name", display(positional.pop(0)))
        if verb == "move":
            if positional:
                attrs["numbers"] = self.ids(path, positional.pop(0))
            if positional:
                attrs["destination"] = self.ids(path, positional.pop(0))
        elif positional and verb not in ("add", "export", "import"):
            target = self.ids(path, positional.pop(0))
            if not target:
                if self.importing:
                    self.warn(path, f"no entry matches, {verb} skipped")  # an export of other hardware (wlan2)
                return None  # set/remove on an empty [find] does nothing
            attrs[".id"] = target
            if verb == "unset" and positional:
                attrs["value-name"] = display(positional.pop(0))
        elif verb in ("set", "remove", "enable", "disable", "unset") and "numbers" in attrs:
            attrs["numbers"] = self.ids(path, attrs["numbers"])
            if not attrs["numbers"]:
                return None
        if positional:
            raise ScriptError("expected end of command")
        replies = self.router.execute(f"{path}/{verb}", attrs, session=self.session)
        return replies[-1][1].get("ret") if replies else None

    def rows(self, path: str) -> list[dict[str, str]]:
        return [attrs for word, attrs in self.router.execute(f"{path}/print", {}, session=self.session) if word == "!re"]

    def ids(self, path: str, target: Any) -> str:
        """``.id`` argument for a target: a list from find, an id, a name, or a print number."""
        refs = target if isinstance(target, list) else display(target).split(",")
        rows = None
        out = []
        for ref in refs:
            ref = display(ref)
            if ref.isdigit():
                rows = rows if rows is not None else self.rows(path)
                if int(ref) >= len(rows) or ".id" not in rows[int(ref)]:
                    raise ScriptError("no such item")
                ref = rows[int(ref)][".id"]
            out.append(ref)
        return ",".join(out)

    def matches(self, cond: tuple | None, row: dict[str, str], path: str) -> bool:
        if cond is None:
            return True
        kind = cond[0]
        if kind == "and":
            return self.matches(cond[1], row, path) and self.matches(cond[2], row, path)
        if kind == "or":
            return self.matches(cond[1], row, path) or self.matches(cond[2], row, path)
        if kind == "not":
            return not self.matches(cond[1], row, path)
        if kind == "flag":
            return row.get(cond[1]) == "true"
        prop, op, node = cond[1:]
        value = self.evaluate(node, path, literal=True)
        if isinstance(value, bool):
            value = display(value)
        menu = MENU_BY_PATH.get(path)
        f = menu.by_name.get(prop) if menu else None
        if f is not None and op in ("=", "!=") and isinstance(value, str) and value:
            try:
                value = f.type.parse(value)
            except (ValueError, TypeError):
                pass
        current = row.get(prop, "")
        if current in ("true", "false") and isinstance(value, str) and value.lower() in ("yes", "no", "true", "false"):
            value = "true" if value.lower() in ("yes", "true") else "false"
        if op in ("<", ">", "<=", ">=") and f is not None and current and display(value):
            try:
                a, b = f.type.sort_key(current), f.type.sort_key(display(value))
                return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
            except (ValueError, TypeError):
                pass
        return compare(op, current, value)

    def get(self, path: str, positional: list, attrs: dict[str, str]) -> Any:
        menu = MENU_BY_PATH.get(path)
        rows = self.rows(path)
        if menu is not None and menu.kind == SINGLE:
            if len(positional) != 1:
                raise ScriptError("expected property name")
            row, prop = (rows[0] if rows else {}), display(positional[0])
        else:
            if len(positional) != 2:
                raise ScriptError("expected item and property name")
            ref, prop = display(positional[0]), display(positional[1])
            name_field = menu.name_field if menu else "name"
            if ref.isdigit():
                row = rows[int(ref)] if int(ref) < len(rows) else None
            else:
                row = next((r for r in rows if r.get(".id") == ref or (name_field and r.get(name_field) == ref)), None)
            if row is None:
                raise ScriptError("no such item")
        if menu is not None and prop not in menu.by_name and prop != ".id":
            raise ScriptError(f"unknown property {prop}")
        value = row.get(prop)
        if value in ("true", "false") and menu is not None and prop in menu.by_name and isinstance(menu.by_name[prop].type, Bool):
            return value == "true"
        return value

    def print(self, path: str, cond: tuple | None, flags: list) -> Any:
        rows = [r for r in self.rows(path) if self.matches(cond, r, path)]
        if "count-only" in [display(f) for f in flags]:
            return len(rows)
        for number, row in enumerate(rows):
            self.output.append(f"{number:2d} " + " ".join(f'{k}="{v}"' for k, v in row.items() if k != ".id"))
        return None
