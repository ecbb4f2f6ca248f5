"""The case counts of tests/README.md's "Test matrices" table are the number of cases in each matrix's file."""

from __future__ import annotations

import os
import re

import yaml

TESTS = os.path.dirname(os.path.abspath(__file__))


def cases(path: str) -> int:
    with open(os.path.join(TESTS, path)) as handle:
        data = yaml.safe_load(handle)
    # The bad-input file groups its cases.
    return sum(len(group) for group in data.values()) if all(isinstance(v, list) for v in data.values()) else len(data)


def test_every_matrix_has_its_case_count_in_the_readme():
    with open(os.path.join(TESTS, "README.md")) as handle:
        rows = re.findall(r"^\| [^|]*\(`tests/([^`]+)`\) \|[^|]*\| (\d+) \|$", handle.read(), re.M)
    assert len(rows) == 3, rows
    assert dict(rows) == dict((path, str(cases(path))) for path, count in rows)
