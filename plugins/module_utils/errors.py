# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one exception the collection raises: its message is a sentence a user can act on."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class RouterOSError(Exception):
    """Bad input, a failed connection, or a refusal by the router, as one clean sentence."""
