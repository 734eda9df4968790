# -*- coding: utf-8 -*-
# Copyright: contributors to the mainframe.passticket collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test valid_passticket: is a PassTicket valid now (or at a given time)?

Documentation: valid_passticket.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.mainframe.passticket.plugins.plugin_utils._passticket import (
    ENHANCED,
    LEGACY,
    MIXED,
    PassTicketError,
    evaluate,
)

# RACF's validity windows: legacy +-10 minutes; enhanced TIMEOUT, default 60 s
DEFAULT_WINDOW = {LEGACY: 600, ENHANCED: 60}


def valid_passticket(ticket, user, appl, key, type=MIXED, algorithm=ENHANCED, window=None, now=None):  # pylint: disable=redefined-builtin
    """True when some second within now +- window generates ticket (see valid_passticket.yml)."""
    try:
        if window is None:
            window = DEFAULT_WINDOW.get(algorithm.lower() if isinstance(algorithm, str) else algorithm, 0)
        if now is None:
            now = int(time.time())
        key = key if isinstance(key, str) else to_text(key)
        return evaluate(ticket, user, appl, key, now, window, algorithm, type) is not None
    except PassTicketError as error:
        raise AnsibleFilterError("valid_passticket: %s" % error) from None


class TestModule:
    """PassTicket tests."""

    def tests(self):
        return {"valid_passticket": valid_passticket}
