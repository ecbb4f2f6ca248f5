"""Copy NUL-separated paths read from stdin (as `git ls-files -z` prints them) into a directory.

`make sanity` uses it to lay the checkout out as ansible_collections/soho/routeros, which
ansible-test requires. Paths git still lists but that were deleted in the work tree are skipped.
"""

import os
import shutil
import sys


def main(destination):
    for path in sys.stdin.buffer.read().decode().split("\0"):
        if not path or not os.path.isfile(path) or os.path.islink(path):
            continue
        target = os.path.join(destination, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(path, target)


if __name__ == "__main__":
    main(sys.argv[1])
