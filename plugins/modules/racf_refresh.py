#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: racf_refresh
short_description: Refresh the in-storage profiles of a RACLISTed RACF class
version_added: 0.1.0
description:
  - Issues SETROPTS RACLIST(class) REFRESH so that profile changes (for example to C(PTKTDATA) profiles) take
    effect, and SETROPTS GENERIC(class) REFRESH too when O(generic=true).
  - Steps 3 and 6 of IBM's Copy Services Manager HyperSwap PassTicket procedure.
  - It always reports C(changed) when it runs, so use it as a handler notified by the tasks that changed profiles.
  - Needs the SPECIAL attribute (RACF answers C(ICH14015I) otherwise, and the task fails).
author:
  - mainframe.passticket maintainers (@mainframe-passticket)
extends_documentation_fragment:
  - mainframe.passticket.attributes
attributes:
  check_mode:
    support: full
    details:
      - In check mode nothing is issued; the task reports the commands it would issue, as changed.
  diff_mode:
    support: none
    details:
      - A refresh changes no state that RACF lists.
  idempotent:
    support: none
    details:
      - Every run refreshes and reports a change; notify it from the tasks that change profiles.
options:
  class:
    description:
      - The RACLISTed class to refresh, 1 to 8 characters C(A-Z), C(0-9), C(#), C(@), C($), not starting with a digit.
    type: str
    default: PTKTDATA
  generic:
    description:
      - Also refresh the class's in-storage generic profiles (SETROPTS GENERIC(class) REFRESH).
    type: bool
    default: false
notes:
  - When the class is not RACLISTed RACF answers C(ICH14070I) (the refresh had no effect); the task then succeeds
    with a warning.
seealso:
  - module: mainframe.passticket.racf_class
  - module: mainframe.passticket.ptktdata_profile
"""

EXAMPLES = r"""
# tasks
- name: Define the PassTicket profile
  mainframe.passticket.ptktdata_profile:
    name: IOSHMCSM.HOSTUSR
    eptkeylabel: USRLCL.CKDS.CSM
    type: upper
    timeout: 600
  notify: Refresh PTKTDATA

# handlers
- name: Refresh PTKTDATA
  mainframe.passticket.racf_refresh:
    class: PTKTDATA
"""

RETURN = r"""
commands:
  description: The RACF commands issued (or that would be issued in check mode).
  returned: always
  type: list
  elements: str
  sample: ["SETROPTS RACLIST(PTKTDATA) REFRESH"]
messages:
  description: The RACF message lines of every command run, in order (none in check mode).
  returned: always
  type: list
  elements: str
  sample: ["ICH14063I SETROPTS command complete."]
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.apply import apply_commands
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import validate_class
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    SETROPTS_REFRESH_NO_EFFECT,
    RacfCommandError,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.racf_refresh import (
    refresh_commands,
    without_effect,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module


def warn_without_effect(module, class_name, results):
    """Warn about each refresh RACF says had no effect (the class is not RACLISTed)."""
    for outcome in without_effect(results):
        module.warn(
            "{0} had no effect: class {1} is not RACLISTed ({2}).".format(
                outcome.command, class_name, SETROPTS_REFRESH_NO_EFFECT
            )
        )


def main():
    module = AnsibleModule(
        argument_spec={
            "class": dict(type="str", default="PTKTDATA"),
            "generic": dict(type="bool", default=False),
        },
        supports_check_mode=True,
    )
    try:
        class_name = validate_class(module.params["class"])
    except ValueError as error:
        module.fail_json(msg=str(error))
    runner = runner_for_module(module)
    try:
        applied = apply_commands(runner, refresh_commands(class_name, module.params["generic"]), module.check_mode)
    except RacfCommandError as error:
        # a refresh that did not run changed nothing; one that ran before the failure did
        warn_without_effect(module, class_name, error.results)
        module.fail_json(msg=str(error), changed=error.completed > 0, commands=error.commands, messages=runner.messages)
    warn_without_effect(module, class_name, applied.results)
    module.exit_json(changed=True, commands=applied.commands, messages=runner.messages)


if __name__ == "__main__":
    main()
