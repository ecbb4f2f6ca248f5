"""Build the collection tarball and install it the way users do, away from the checkout."""

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def build_and_install(tmp):
    """The tarball `ansible-galaxy collection build` makes, installed into an empty collections path in ``tmp``.

    Returns (tarball, collections path, environment that finds the installed collection and not the checkout)."""
    run(str(BIN / "ansible-galaxy"), "collection", "build", "--output-path", str(tmp), str(ROOT))
    tarballs = list(tmp.glob("soho-routeros-*.tar.gz"))
    assert len(tarballs) == 1
    collections = tmp / "collections"
    # Outside the checkout and its ansible.cfg, which already provide soho.routeros.
    (tmp / "ansible.cfg").write_text("[defaults]\n")
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_CONFIG=str(tmp / "ansible.cfg"))
    run(str(BIN / "ansible-galaxy"), "collection", "install", "--offline", "-p", str(collections), str(tarballs[0]),
        env=env, cwd=tmp)
    return tarballs[0], collections, env
