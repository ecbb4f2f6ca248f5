"""The installed collection, shared by the tests of this folder."""

import pytest

from collection_helpers import build_and_install


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the tarball and install it into an empty collections path: (tarball, collections, env)."""
    return build_and_install(tmp_path_factory.mktemp("build"))
