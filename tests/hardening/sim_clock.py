"""Advance the simulated clock of a routeros-sim router: the hardening role's rollback wait hook in tests.

    python tests/hardening/sim_clock.py HOST PORT [--source ADDRESS] SECONDS

Run as `hardening_rollback_wait_command`, it stands in for waiting out the rollback delay: the
router's scheduler fires the rollback job on its simulated clock. The role has just cut the
controller's address out, so the command connects from another loopback address (--source,
127.0.0.2 by default), which the test maps to a second management station with `/sim/client/set
source=127.0.0.2 address=...`, as an operator would have one.
"""

from __future__ import annotations

import argparse
import sys

import librouteros


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("seconds", type=int)
    parser.add_argument("--source", default="127.0.0.2")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="")
    args = parser.parse_args(argv)
    connect = librouteros.create_connection

    def from_source(address, timeout=None, source_address=None):
        return connect(address, timeout, (args.source, 0))

    # librouteros opens its socket with socket.create_connection and no source address of its own.
    librouteros.create_connection = from_source
    api = librouteros.connect(args.host, args.user, args.password, port=args.port, timeout=10)
    try:
        list(api("/sim/clock/advance", seconds=str(args.seconds)))
    finally:
        api.close()
    print("advanced the simulated clock by %d seconds" % args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
