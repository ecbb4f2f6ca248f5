"""The fault, interruption and secret matrices run playbooks with the helpers of the role tests."""

import os
import sys

ROLES_TESTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "roles")
if ROLES_TESTS not in sys.path:
    sys.path.insert(0, ROLES_TESTS)
