#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: racf_user
short_description: Ensure the RACF user that signs on with PassTickets
version_added: 0.1.0
description:
  - Ensures a RACF user exists (C(ADDUSER)/C(ALTUSER)) or not (C(DELUSER)) on z/OS. It is the user the PassTicket
    profile names, C(HOSTUSR) by default in IBM's Copy Services Manager HyperSwap procedure.
  - A PROTECTED user (one without a password) cannot sign on with a PassTicket. Unless O(allow_protected=true), a
    PROTECTED user gets a random password that is generated on the host and never disclosed, set with C(NOEXPIRED) so
    no password change is forced. That command carries a secret, so it goes through the RACF exec on standard input,
    never on a command line.
  - Reads the user once, through the R_admin extract (IRRXUTIL) or C(LISTUSER user) (see O(read_interface)), issues
    only the commands that make a difference, and reports a REVOKED user. A field it must compare that cannot be read
    fails the task before any change.
  - Reading through IRRXUTIL needs READ access to C(IRR.RADMIN.LISTUSER) in the FACILITY class.
  - Runs on the z/OS host through C(tsocmd); the caller needs the RACF authority of the commands (typically SPECIAL, or
    ownership of the user).
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
  user:
    description:
      - The RACF user ID, 1 to 8 characters from C(A-Z), C(0-9), C(#), C(@), C($), not starting with a digit.
      - Checked as given (lower case is accepted and upper-cased once the value passed); an empty value is an error,
        never the default.
    type: str
    default: HOSTUSR
  state:
    description:
      - V(present) defines the user when missing and aligns the given options; V(absent) deletes it (C(DELUSER)).
    type: str
    choices: [present, absent]
    default: present
  full_name:
    description:
      - The user's name (C(NAME)), at most 20 printable characters. RACF stores it in upper case.
      - Omitted means leave as is (a new user gets RACF's default).
    type: str
  default_group:
    description:
      - The default group (C(DFLTGRP)). Omitted means leave as is; a new user then gets the caller's current group.
    type: str
  owner:
    description:
      - The owner of the user profile (C(OWNER)), a user or group. Omitted means leave as is; a new user is then owned
        by the caller.
    type: str
  allow_protected:
    description:
      - V(false) (default) gives a PROTECTED user a random, never disclosed, non-expired password so it can sign on
        with PassTickets.
      - V(true) leaves the user PROTECTED (and a new user is defined PROTECTED). Use it only when the user's tickets
        are evaluated, never used to sign on.
    type: bool
    default: false
  resume:
    description:
      - V(true) resumes a REVOKED user (C(ALTUSER user RESUME)). With V(false) a REVOKED user is reported in
        RV(revoked) and in a warning, and left revoked.
    type: bool
    default: false
notes:
  - The random password is generated with Python's C(secrets) on the host, registered as a secret (masked as
    C(********) in RV(commands) and hidden from logs) and never returned.
  - A site password rule (SETROPTS PASSWORD(RULEn)) stricter than 8 letters and digits, starting with a letter,
    makes the password command fail; the user is then left PROTECTED and the task fails with RACF's message.
seealso:
  - module: mainframe.passticket.ptktdata_profile
  - module: mainframe.passticket.passticket_info
"""

EXAMPLES = r"""
- name: Ensure the CSM PassTicket user HOSTUSR, able to sign on with PassTickets
  mainframe.passticket.racf_user:
    user: HOSTUSR
    full_name: CSM HYPERSWAP USER
    default_group: SYS1
    owner: SYS1

- name: Resume the user if it has been revoked (for example after failed PassTicket attempts)
  mainframe.passticket.racf_user:
    user: HOSTUSR
    resume: true

- name: Remove the user
  mainframe.passticket.racf_user:
    user: HOSTUSR
    state: absent
"""

RETURN = r"""
before:
  description:
    - The user before the task, as read, or V(null) when it did not exist.
    - C(before.name) is V(null) for a user without a name (C(LISTUSER) prints C(NAME=UNKNOWN)).
  returned: always
  type: dict
  sample:
    user: HOSTUSR
    name: null
    owner: SYS1
    default_group: SYS1
    protected: true
    revoked: false
    attributes: [PROTECTED]
after:
  description:
    - The user after the task (predicted in check mode), or V(null) when absent.
    - Values RACF chooses itself for a new user (owner, default group, name when not given) are V(null).
  returned: always
  type: dict
  sample:
    user: HOSTUSR
    name: null
    owner: SYS1
    default_group: SYS1
    protected: false
    revoked: false
    attributes: []
commands:
  description: The RACF commands issued (or that would be issued in check mode); secrets are replaced by C(********).
  returned: always
  type: list
  elements: str
  sample: ["ADDUSER HOSTUSR DFLTGRP(SYS1) OWNER(SYS1)", "ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED"]
messages:
  description: The RACF message lines of every command run, the C(LISTUSER) read included, in order.
  returned: always
  type: list
  elements: str
  sample: ["ICH30001I UNABLE TO LOCATE USER    ENTRY HOSTUSR", "ICH01024I User HOSTUSR is defined as PROTECTED."]
revoked:
  description: Whether the user is REVOKED after the task (a revoked user cannot sign on).
  returned: always
  type: bool
  sample: false
read_interface:
  description: The interface that answered the read, V(irrxutil) (R_admin extract) or V(listing) (C(LISTUSER)).
  returned: when the user was read
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
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.racf_user import (
    DEFAULT_USER,
    generate_password,
    normalize_want,
    plan_user,
    user_source,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module


def main():
    module = AnsibleModule(
        argument_spec=dict(
            user=dict(type="str", default=DEFAULT_USER),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            full_name=dict(type="str"),
            default_group=dict(type="str"),
            owner=dict(type="str"),
            allow_protected=dict(type="bool", default=False),
            resume=dict(type="bool", default=False),
            read_interface=read_interface_argument(),
        ),
        supports_check_mode=True,
    )
    try:
        want = normalize_want(module.params)
        source = user_source(want["user"])
    except ValueError as error:
        module.fail_json(msg=str(error))

    runner = runner_for_module(module)
    password = generate_password()
    runner.add_secret(password)
    result = dict(changed=False, before=None, after=None, commands=[], messages=[], revoked=False, read_interface=None)
    try:
        [read], result["read_interface"] = read_objects(runner, module.params["read_interface"], [source])
        plan = plan_user(read, want, password)
        result.update(before=read.state, after=plan.after, revoked=bool(plan.after and plan.after["revoked"]))

        def replan():
            # another run created the user after the read: carry on from what RACF holds now
            [fresh], dummy_interface = read_objects(runner, result["read_interface"], [source])
            fresh_plan = plan_user(fresh, want, password)
            result.update(
                before=fresh.state,
                after=fresh_plan.after,
                revoked=bool(fresh_plan.after and fresh_plan.after["revoked"]),
            )
            return fresh_plan.commands

        applied = apply_commands(runner, plan.commands, module.check_mode, replan=replan)
        result.update(changed=bool(applied.commands), commands=applied.commands)
    except RacfCommandError as error:
        # what ran is reported; the next run reads the user again and converges
        result.update(after=None, changed=error.completed > 0, commands=error.commands, messages=runner.messages)
        module.fail_json(msg=str(error), **result)
    except (UnreadableField, ExtractError, ExtractUnavailable) as error:
        result.update(after=None, messages=runner.messages)
        module.fail_json(msg=str(error), **result)
    result["messages"] = runner.messages

    if result["revoked"]:
        module.warn(
            "RACF user {0} is REVOKED: it cannot sign on, with a PassTicket or otherwise. "
            "Set resume=true to resume it.".format(want["user"])
        )
    if module._diff:
        result["diff"] = dict(before=result["before"], after=result["after"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
