# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters that parse RACF listings, for playbooks that already run RACF commands
(for example with ``ibm.ibm_zos_core.zos_tso_command``). The modules of this
collection use the same parsers.

- ``racf_setropts_list``: ``SETROPTS LIST`` text -> dict of class lists
  (``active_classes``, ``raclist_classes``, ``generic_profile_classes``,
  ``generic_command_classes``, ``global_checking_classes``,
  ``genlist_classes``, ``global_raclist_only``, ...).
- ``racf_rlist``: ``RLIST`` text -> list of profiles (``[]`` when not found).
- ``racf_listuser``: ``LISTUSER`` text -> dict of the first user (None when not found).

Each accepts the text as a string, as a list of lines, or as one item of
``zos_tso_command``'s ``output`` (a dict with ``content``), e.g.
``{{ result.output[0] | mainframe.passticket.racf_rlist }}``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.listuser import parse_listuser
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.setropts_list import parse_setropts_list
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.ptktdata_profile import (
    parse_profile_listing,
)


def listing_text(data, filter_name):
    """The listing as one string, from a string, a list of lines or a dict with ``content``."""
    if isinstance(data, dict):
        if "content" not in data:
            raise AnsibleFilterError(
                "{0}: a dict input needs a 'content' key (an item of zos_tso_command's output)".format(filter_name)
            )
        data = data["content"]
    if isinstance(data, str):
        return to_text(data)
    if isinstance(data, (list, tuple)) and all(isinstance(line, str) for line in data):
        return "\n".join(to_text(line) for line in data)
    raise AnsibleFilterError(
        "{0}: expected the listing as a string or a list of lines, got {1}".format(filter_name, type(data).__name__)
    )


def _parsing_filter(parse, filter_name):
    def parse_listing(data):
        try:
            return parse(listing_text(data, filter_name))
        except ValueError as error:
            raise AnsibleFilterError("{0}: {1}".format(filter_name, error)) from None

    parse_listing.__name__ = filter_name
    parse_listing.__doc__ = parse.__doc__
    return parse_listing


racf_setropts_list = _parsing_filter(parse_setropts_list, "racf_setropts_list")
racf_rlist = _parsing_filter(parse_profile_listing, "racf_rlist")
racf_listuser = _parsing_filter(parse_listuser, "racf_listuser")


class FilterModule(object):
    """RACF listing parsers."""

    def filters(self):
        return {
            "racf_setropts_list": racf_setropts_list,
            "racf_rlist": racf_rlist,
            "racf_listuser": racf_listuser,
        }
