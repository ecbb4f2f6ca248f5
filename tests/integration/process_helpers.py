# -*- coding: utf-8 -*-
"""The router processes of soho.routeros.api connections running on this machine, found from /proc."""

import os

from ansible_collections.soho.routeros.plugins.plugin_utils import router_process


def router_processes(prefix):
    """The pids of router processes with a command-line argument that starts with ``prefix`` (their socket's path)."""
    found = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as handle:
                argv = handle.read().split(b'\0')
        except OSError:
            continue
        if router_process.MARK.encode() in argv and any(word.startswith(str(prefix).encode()) for word in argv):
            found.append(int(pid))
    return found
