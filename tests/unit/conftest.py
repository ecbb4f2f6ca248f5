"""The unit tests mirror the collection (module_utils/, action/, tools/); they share fake_routeros.py here."""

import os
import sys

UNIT_DIR = os.path.dirname(os.path.abspath(__file__))
if UNIT_DIR not in sys.path:
    sys.path.insert(0, UNIT_DIR)
