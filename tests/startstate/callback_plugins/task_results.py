"""Writes every task result of a run as one JSON line to the file named by STARTSTATE_RESULTS.

The start-state matrix reads the ``commands`` a --check run predicted from it; the default stdout
callback shows only the ones of changed tasks, and not in a form worth parsing.
"""

from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: task_results
type: aggregate
short_description: task results as JSON lines, for the start-state tests
description: Appends host, task, action, changed and commands of every result to $STARTSTATE_RESULTS.
requirements: [enabled in ANSIBLE_CALLBACKS_ENABLED]
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_results"
    CALLBACK_NEEDS_ENABLED = True

    def _record(self, result, status):
        path = os.environ.get("STARTSTATE_RESULTS")
        if not path:
            return
        data = result._result  # pylint: disable=protected-access
        items = data.get("results") if isinstance(data.get("results"), list) else [data]
        commands = [line for item in items if isinstance(item, dict) for line in item.get("commands") or []]
        line = {"host": result._host.get_name(), "task": result._task.get_name(),  # pylint: disable=protected-access
                "action": result._task.action, "status": status,  # pylint: disable=protected-access
                "changed": bool(data.get("changed")), "commands": commands}
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(line) + "\n")

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")
