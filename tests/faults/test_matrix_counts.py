"""The rows of the matrices in tests/faults in the "Test matrices" table of tests/README.md count their cases."""

from __future__ import annotations

import os
import re

from test_connection_cuts import CUTS
from test_interrupt import POINTS
from test_secrets import PLACES, SECRETS

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")


def test_the_readme_table_counts_the_cases_of_each_matrix():
    with open(README, encoding="utf-8") as stream:
        text = stream.read()
    section = text[text.index("## Test matrices"):]
    counts = dict(re.findall(r"^\| [^|`]+: `(tests/faults/[^`]+)`.*\| (\d+) \|$", section, re.M))
    assert counts == {
        "tests/faults/cuts.yml": str(len(CUTS)),
        "tests/faults/interrupts.yml": str(len(POINTS)),
        "tests/faults/secrets.yml": str(len(SECRETS) * len(PLACES)),
    }
