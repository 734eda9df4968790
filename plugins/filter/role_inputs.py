# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter passticket_setup_input_problems: the role's input check, on the controller.

Documentation: passticket_setup_input_problems.yml next to this file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.mainframe.passticket.plugins.plugin_utils._role_inputs import input_problems


def passticket_setup_input_problems(values, entry_point="main"):
    """One line per invalid role variable (see passticket_setup_input_problems.yml)."""
    if not isinstance(values, Mapping):
        raise AnsibleFilterError("passticket_setup_input_problems: the input must be a dictionary of role variables")
    try:
        return input_problems(entry_point, dict((name, _plain(value)) for name, value in values.items()))
    except ValueError as error:
        raise AnsibleFilterError("passticket_setup_input_problems: {0}".format(error)) from None


def _plain(value):
    """A vaulted value as the text it holds (ansible-core 2.16 passes AnsibleVaultEncryptedUnicode, not str)."""
    if type(value).__name__ in ("AnsibleVaultEncryptedUnicode", "EncryptedString"):
        return to_text(value)
    return value


class FilterModule:
    """The role's input check."""

    def filters(self):
        return {"passticket_setup_input_problems": passticket_setup_input_problems}
