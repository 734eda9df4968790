# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Steps 3 and 6: ``SETROPTS RACLIST(PTKTDATA) REFRESH``, so that RACF uses the profiles as changed.

z/OS side: standard library only, Python 3.9+. A refresh changes no state
RACF lists, so it has no table: the plan is the refresh command(s), and the
module ``racf_refresh`` reports ``changed`` whenever it runs (a handler).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import setropts_refresh
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    SETROPTS_REFRESH_NO_EFFECT,
    has_message,
)


def refresh_commands(class_name, generic=False):
    """The refresh command images for ``class_name``: RACLIST, and GENERIC too when ``generic``."""
    commands = [setropts_refresh(class_name)]
    if generic:
        commands.append(setropts_refresh(class_name, generic=True))
    return commands


def without_effect(results):
    """The refreshes among ``results`` that RACF says had no effect (the class is not RACLISTed: ICH14070I)."""
    return [outcome for outcome in results if has_message(outcome, SETROPTS_REFRESH_NO_EFFECT)]
