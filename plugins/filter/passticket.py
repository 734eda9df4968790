# -*- coding: utf-8 -*-
# Copyright: contributors to the mainframe.passticket collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter passticket_time: the UTC time an enhanced PassTicket was generated for.

Documentation: passticket_time.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.mainframe.passticket.plugins.plugin_utils._passticket import (
    MIXED,
    PassTicketError,
    ticket_time,
)


def passticket_time(ticket, user, appl, key, type=MIXED):  # pylint: disable=redefined-builtin
    """The UTC epoch second an enhanced ticket was generated for (see passticket_time.yml)."""
    try:
        return ticket_time(ticket, user, appl, key if isinstance(key, str) else to_text(key), type)
    except PassTicketError as error:
        raise AnsibleFilterError("passticket_time: %s" % error) from None


class FilterModule:
    """PassTicket filters."""

    def filters(self):
        return {"passticket_time": passticket_time}
