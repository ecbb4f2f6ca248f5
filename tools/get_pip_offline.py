"""Offline stand-in for the pip bootstrap script that ansible-test downloads.

ansible-test bootstraps pip into each sanity virtual environment by running a cached copy of
get-pip.py (~/.ansible/test/cache/get_pip_<version>.py). These machines cannot reach the host it
is downloaded from, so the Makefile installs this file in its place: it seeds pip from the
interpreter's own ensurepip wheel and then lets that pip install the requested version from the
package index.
"""

import subprocess
import sys

# Options that only get-pip.py understands; pip itself would reject them.
GET_PIP_ONLY = {"--no-setuptools", "--no-wheel"}


def main():
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"], stdout=subprocess.DEVNULL)
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY]
    return subprocess.call([sys.executable, "-m", "pip", "install", "--quiet"] + args)


if __name__ == "__main__":
    sys.exit(main())
