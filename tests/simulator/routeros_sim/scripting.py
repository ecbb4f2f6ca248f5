"""Commands served by the scripting part of the simulator, ahead of the menu model: ``/export``
(and ``/<menu>/export``), ``/import``, ``/system script run``, ``/system backup save|load``,
``/file set`` and ``/file print file=``. ``dispatch`` returns None for every other command."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from . import backup, files
from .errors import Trap, UnknownCommand, missing_values, no_such_item, unknown_parameter
from .menus import DEFAULT_POLICY
from .script import NOT_ENOUGH_PERMISSIONS, Interpreter, ScriptError, known_path

if TYPE_CHECKING:
    from .router import Item, Reply, Router, SessionInfo

DONE: list = [("!done", {})]
# Scripts that run scripts: deeper than this is a loop.
MAX_NESTING = 16
EXPORT_FLAGS = ("compact", "verbose", "terse", "hide-sensitive")
NO_SUCH_FILE = "failure: no such file"

# Per router, the policies of the scripts running now, innermost last.
_running: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def dispatch(router: Router, command: str, attrs: dict[str, str], session: SessionInfo | None) -> list[Reply] | None:
    handler = COMMANDS.get(command)
    if handler is not None:
        return handler(router, attrs, session)
    if command.endswith("/export"):
        return _export(router, command[: -len("/export")], attrs)
    if command == "/file/print" and "file" in attrs:
        return _print_to_file(router, attrs)
    return None


def _export(router: Router, path: str, attrs: dict[str, str]) -> list[Reply]:
    from .export import export_text

    if path and not known_path(path):
        raise UnknownCommand(path.rsplit("/", 1)[-1])
    if any(name != "file" and name not in EXPORT_FLAGS for name in attrs):
        raise unknown_parameter()
    name = attrs.get("file")
    if not name:
        # Without file= the v6 API answers just !done.
        return DONE
    if not name.endswith(".rsc"):
        name += ".rsc"
    files.write(router, name, export_text(router, path, hide_sensitive="hide-sensitive" in attrs))
    router.save()
    return DONE


def _import(router: Router, attrs: dict[str, str], session: SessionInfo | None) -> list[Reply]:
    if any(name not in ("file-name", "verbose") for name in attrs):
        raise unknown_parameter()
    if not attrs.get("file-name"):
        raise missing_values(["file-name"])
    source = files.read(router, attrs["file-name"])
    if source is None:
        raise Trap(NO_SUCH_FILE)
    try:
        Interpreter(router, session, importing=True).run(source)
    except ScriptError as error:
        raise error.trap() from None
    return DONE


def _run(router: Router, attrs: dict[str, str], session: SessionInfo | None) -> list[Reply]:
    ref = attrs.pop(".id", None) or attrs.pop("number", None) or attrs.pop("numbers", None)
    if attrs:
        raise unknown_parameter()
    if not ref:
        raise missing_values(["number"])
    script = next((s for s in router.items("/system/script") if s.get(".id", "").lower() == ref.lower() or s.get("name") == ref), None)
    if script is None:
        raise no_such_item()
    try:
        run_script(router, script, session)
    except ScriptError as error:
        raise error.trap() from None
    finally:
        router.save()
    return DONE


def run_script(router: Router, script: Item, session: SessionInfo | None = None, caller_policy: set[str] | None = None) -> Interpreter:
    """Run a /system script entry with its policy. The caller - a scheduler entry (``caller_policy``)
    or a script running it - must hold every policy the script has, unless the script says
    ``dont-require-permissions=yes``; an API user runs it as is."""
    policy = set(script.get("policy", DEFAULT_POLICY).split(","))
    running = _running.get(router) or []
    if caller_policy is None and running:
        caller_policy = running[-1]
    if caller_policy is not None and script.get("dont-require-permissions") != "true" and not policy <= caller_policy:
        raise ScriptError(NOT_ENOUGH_PERMISSIONS)
    script["run-count"] = str(int(script.get("run-count", "0")) + 1)
    script["last-started"] = router.clock.stamp()
    return run_source(router, script.get("source", ""), policy, session)


def run_source(router: Router, source: str, policy: set[str], session: SessionInfo | None = None) -> Interpreter:
    """Run script text with ``policy``; scripts it runs in turn are checked against that policy."""
    running = _running.setdefault(router, [])
    if len(running) >= MAX_NESTING:
        raise ScriptError("scripts nested too deep")
    interpreter = Interpreter(router, session, policy)
    running.append(policy)
    try:
        interpreter.run(source)
    finally:
        running.pop()
    return interpreter


def _file_set(router: Router, attrs: dict[str, str], session: SessionInfo | None) -> list[Reply]:
    files.set_contents(router, attrs)
    return DONE


def _print_to_file(router: Router, attrs: dict[str, str]) -> list[Reply]:
    """v6 ``/file print file=NAME`` writes the listing to NAME.txt (the usual way to create a text
    file, whose contents can then be set)."""
    name = attrs.pop("file")
    if attrs:
        raise unknown_parameter()
    if not name.endswith(".txt"):
        name += ".txt"
    listing = "".join(f"{f.get('name')} {f.get('type')} {f.get('size', '0')} {f.get('creation-time', '')}\n" for f in router.items(files.PATH))
    files.write(router, name, listing)
    router.save()
    return DONE


COMMANDS = {
    "/import": _import,
    "/system/script/run": _run,
    "/system/backup/save": backup.save,
    "/system/backup/load": backup.load,
    "/file/set": _file_set,
}
