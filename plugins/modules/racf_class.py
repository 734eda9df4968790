#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: racf_class
short_description: Ensure a RACF general resource class is active, RACLISTed and generic (or not)
version_added: 0.1.0
description:
  - Reads the class settings once, through the R_admin extract of C(_SETROPTS) (IRRXUTIL) or C(SETROPTS LIST) (see
    O(read_interface)), and issues at most one C(SETROPTS) command with only the keywords that are missing
    (C(CLASSACT), C(RACLIST), C(GENERIC) or their C(NO) forms). RACF has no "already active" message, so reading
    first is the only way to be idempotent.
  - Reading through IRRXUTIL needs READ access to C(IRR.RADMIN.SETROPTS.LIST) in the FACILITY class.
  - Step 2 of IBM's Copy Services Manager HyperSwap PassTicket procedure is
    SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA).
  - Runs on the z/OS host through C(tsocmd) (argument vector, never a shell). Changing options needs the SPECIAL
    attribute.
author:
  - mainframe.passticket maintainers (@mainframe-passticket)
extends_documentation_fragment:
  - mainframe.passticket.attributes
  - mainframe.passticket.read_interface
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  idempotent:
    support: full
options:
  class:
    description:
      - The RACF general resource class, 1 to 8 characters C(A-Z), C(0-9), C(#), C(@), C($), not starting with a digit.
    type: str
    default: PTKTDATA
  active:
    description:
      - Whether the class is active (C(SETROPTS CLASSACT)/C(NOCLASSACT)). Omitted means leave as is.
    type: bool
  raclist:
    description:
      - Whether the class profiles are held in storage (C(SETROPTS RACLIST)/C(NORACLIST)). Omitted means leave as is.
    type: bool
  generic:
    description:
      - Whether generic profile checking is on for the class (C(SETROPTS GENERIC)/C(NOGENERIC)), as listed under
        C(GENERIC PROFILE CLASSES). Generic C(IRRPTAUTH.*) profiles need it. Omitted means leave as is.
    type: bool
seealso:
  - module: mainframe.passticket.racf_refresh
  - module: mainframe.passticket.ptktdata_profile
"""

EXAMPLES = r"""
- name: Activate and RACLIST the PassTicket class (SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA))
  mainframe.passticket.racf_class:
    class: PTKTDATA
    active: true
    raclist: true

- name: Also allow generic IRRPTAUTH.* profiles
  mainframe.passticket.racf_class:
    class: PTKTDATA
    generic: true
"""

RETURN = r"""
before:
  description: The class before the task, as read.
  returned: always
  type: dict
  sample: {class: PTKTDATA, active: false, raclist: false, generic: false}
after:
  description: The class after the task (predicted in check mode).
  returned: always
  type: dict
  sample: {class: PTKTDATA, active: true, raclist: true, generic: false}
commands:
  description: The changing RACF command issued, or that would be issued in check mode; empty when nothing differs.
  returned: always
  type: list
  elements: str
  sample: ["SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)"]
messages:
  description: The RACF message lines of every command run, the C(SETROPTS LIST) read included, in order.
  returned: always
  type: list
  elements: str
  sample: ["ICH14063I SETROPTS command complete."]
read_interface:
  description: The interface that answered the read, V(irrxutil) (R_admin extract) or V(listing) (C(SETROPTS LIST)).
  returned: when the class was read
  type: str
  sample: irrxutil
  version_added: 0.2.0
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.apply import apply_commands
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import (
    read_interface_argument,
    read_objects,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import UnreadableField
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import ExtractError, ExtractUnavailable
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import RacfCommandError
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.racf_class import (
    class_source,
    plan_class,
    want_class,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module


def main():
    module = AnsibleModule(
        argument_spec={
            "class": dict(type="str", default="PTKTDATA"),
            "active": dict(type="bool"),
            "raclist": dict(type="bool"),
            "generic": dict(type="bool"),
            "read_interface": read_interface_argument(),
        },
        supports_check_mode=True,
    )
    try:
        source = class_source(module.params["class"])
        want = want_class(module.params)
    except ValueError as error:
        module.fail_json(msg=str(error))

    runner = runner_for_module(module)
    result = dict(changed=False, before=None, after=None, commands=[], messages=[], read_interface=None)
    try:
        [read], result["read_interface"] = read_objects(runner, module.params["read_interface"], [source])
        plan = plan_class(read, want)
        result.update(before=plan.before, after=plan.before)
        applied = apply_commands(runner, plan.commands, module.check_mode)
        result.update(changed=bool(plan.commands), after=plan.after, commands=applied.commands)
    except RacfCommandError as error:
        # a failed SETROPTS changes nothing; the next run reads again and converges
        result.update(changed=error.completed > 0, commands=error.commands, messages=runner.messages)
        module.fail_json(msg=str(error), **result)
    except (UnreadableField, ExtractError, ExtractUnavailable) as error:
        result.update(messages=runner.messages)
        module.fail_json(msg=str(error), **result)
    result["messages"] = runner.messages
    if module._diff:
        result["diff"] = dict(before=result["before"], after=result["after"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
