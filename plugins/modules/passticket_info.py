#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: passticket_info
short_description: Read the z/OS facts PassTickets depend on, in one call
version_added: 0.1.0
description:
  - Reads, without changing anything, what PassTicket sign-on on a z/OS host depends on, in one call, so a play can
    check the prerequisites of IBM's Copy Services Manager HyperSwap procedure before and after setting it up.
  - The z/OS release (C(uname -Irsv)); the host's UTC clock (C(date -u +%s)) and its difference from the
    controller's, since tickets fail when the clocks differ by more than the validity window; the caller and whether
    it is SPECIAL (C(LISTUSER)); the PTKTDATA class state (C(SETROPTS LIST)); a PTKTDATA profile's settings
    (C(RLIST PTKTDATA profile SSIGNON)); the PassTicket user's status (C(LISTUSER user)); whether an ICSF CKDS label
    exists (the ICSF exec's C(EXISTS)).
  - The action plugin of the same name fills O(controller_time) with the controller's UTC clock when it is omitted.
author:
  - mainframe.passticket maintainers (@mainframe-passticket)
extends_documentation_fragment:
  - mainframe.passticket.attributes
  - mainframe.passticket.attributes.info_module
options:
  gather_subset:
    description:
      - What to read. V(profile), V(user) and V(label) need the option of the same name.
      - Default is V(release), V(clock), V(caller), V(class), and each of V(profile), V(user), V(label) whose option is
        given.
    type: list
    elements: str
    choices: [release, clock, caller, class, profile, user, label]
  class:
    description:
      - The RACF class whose state is read (V(class) subset).
    type: str
    default: PTKTDATA
  profile:
    description:
      - A PTKTDATA profile to read, for example C(IOSHMCSM.HOSTUSR) (always in class C(PTKTDATA), whatever O(class)
        says).
    type: str
  user:
    description:
      - A RACF user to read, for example C(HOSTUSR).
    type: str
  label:
    description:
      - An ICSF CKDS label to look up, for example C(USRLCL.CKDS.CSM).
    type: str
  controller_time:
    description:
      - The controller's UTC clock in epoch seconds, to compute RV(clock_difference).
      - Filled by the action plugin when omitted (the seconds the module takes to reach the host count as
        difference).
    type: int
notes:
  - The caller needs the authority to list what it asks for; without it the task fails with RACF's message rather
    than reporting a profile or user as absent.
seealso:
  - module: mainframe.passticket.racf_class
  - module: mainframe.passticket.ptktdata_profile
  - module: mainframe.passticket.racf_user
  - module: mainframe.passticket.icsf_hmac_key
"""

EXAMPLES = r"""
- name: Read what PassTicket sign-on depends on
  mainframe.passticket.passticket_info:
    profile: IOSHMCSM.HOSTUSR
    user: HOSTUSR
    label: USRLCL.CKDS.CSM
  register: zos

- name: Stop when the clocks differ by more than the ticket validity
  ansible.builtin.assert:
    that:
      - zos.zos_release is version('2.4', '>=')
      - zos.clock_difference | abs < 600
      - zos.class.active and zos.class.raclist
      - not zos.user.protected and not zos.user.revoked
      - zos.label.exists

- name: Only the clock
  mainframe.passticket.passticket_info:
    gather_subset: [clock]
"""

RETURN = r"""
zos_release:
  description:
    - The z/OS version and release as V.R, read from C(uname -Irsv), which prints C(z/OS RR.00 VV) (z/OS 2.5 prints
      C(z/OS 05.00 02), z/OS 3.1 C(z/OS 01.00 03)).
    - Compare it with the C(version) test, which compares numerically (3.1 is above 2.5).
  returned: when V(release) is gathered
  type: str
  sample: "2.5"
zos_uname:
  description: The line C(uname -Irsv) printed, as read.
  returned: when V(release) is gathered
  type: str
  sample: "z/OS 05.00 02"
  version_added: 1.1.0
utc_time:
  description: The host's UTC clock, epoch seconds.
  returned: when V(clock) is gathered
  type: int
  sample: 1700000000
clock_difference:
  description: Host clock minus controller clock, seconds (null without O(controller_time)).
  returned: when V(clock) is gathered
  type: int
  sample: 2
caller:
  description: The user the module runs as, and whether it has the SPECIAL attribute.
  returned: when V(caller) is gathered
  type: dict
  sample: {user: IBMUSER, special: true}
class:
  description: The state of the class.
  returned: when V(class) is gathered
  type: dict
  sample: {class: PTKTDATA, active: true, raclist: true, generic: false}
profile:
  description: The profile as M(mainframe.passticket.ptktdata_profile) returns it in RV(ignore:before), null when absent.
  returned: when V(profile) is gathered
  type: dict
  sample:
    class: PTKTDATA
    name: IOSHMCSM.HOSTUSR
    owner: IBMUSER
    uacc: NONE
    appldata: CSM TO HYPERSWAP CONNECTION
    ssignon: {legacy_key: null, legacy_keylabel: null, eptkeylabel: USRLCL.CKDS.CSM, type: UPPER, timeout: 600,
              replay: false}
user:
  description: The user as M(mainframe.passticket.racf_user) returns it in RV(ignore:before), null when absent.
  returned: when V(user) is gathered
  type: dict
  sample: {user: HOSTUSR, name: UNKNOWN, owner: SYS1, default_group: SYS1, protected: false, revoked: false,
           attributes: []}
label:
  description: Whether the ICSF CKDS label exists, and the key length in bytes the ICSF exec reports.
  returned: when V(label) is gathered
  type: dict
  sample: {label: USRLCL.CKDS.CSM, exists: true, length: 64}
commands:
  description: The RACF commands issued (all read-only).
  returned: always
  type: list
  elements: str
  sample: ["LISTUSER", "SETROPTS LIST", "RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON", "LISTUSER HOSTUSR"]
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._icsf import IcsfError, IcsfKeyStore, icsf_exec_path
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_command import (
    validate_class,
    validate_label,
    validate_profile_name,
    validate_user_id,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import RacfCommandError
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_ptktdata import read_profile
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_setropts import read_class_state
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_user import read_caller, read_user
from ansible_collections.mainframe.passticket.plugins.module_utils._tso import runner_for_module
from ansible_collections.mainframe.passticket.plugins.module_utils._zos_facts import ZosFactError, utc_time, zos_release

SUBSETS = ("release", "clock", "caller", "class", "profile", "user", "label")
SUBSETS_NEEDING_OPTION = ("profile", "user", "label")


def subsets_to_gather(params):
    """The subsets asked for, or the default: all that the given options allow. Raises ValueError."""
    if not params.get("gather_subset"):
        return [subset for subset in SUBSETS if subset not in SUBSETS_NEEDING_OPTION or params.get(subset)]
    missing = [subset for subset in params["gather_subset"] if subset in SUBSETS_NEEDING_OPTION and not params.get(subset)]
    if missing:
        raise ValueError("gather_subset {0} needs the option(s) of the same name".format(", ".join(missing)))
    return [subset for subset in SUBSETS if subset in params["gather_subset"]]


def read_label(runner, label):
    with icsf_exec_path() as exec_path:
        return IcsfKeyStore(runner.run_exec, exec_path).exists(label)


def main():
    module = AnsibleModule(
        argument_spec={
            "gather_subset": dict(type="list", elements="str", choices=list(SUBSETS)),
            "class": dict(type="str", default="PTKTDATA"),
            "profile": dict(type="str"),
            "user": dict(type="str"),
            "label": dict(type="str"),
            "controller_time": dict(type="int"),
        },
        supports_check_mode=True,
    )
    params = module.params
    try:
        subsets = subsets_to_gather(params)
        class_name = validate_class(params["class"])
        profile = params["profile"] and validate_profile_name(params["profile"])
        user = params["user"] and validate_user_id(params["user"])
        label = params["label"] and validate_label(params["label"])
    except ValueError as error:
        module.fail_json(msg=str(error))

    runner = runner_for_module(module)

    facts = {}
    try:
        if "release" in subsets:
            release = zos_release(module.run_command)
            facts.update(zos_release=str(release), zos_uname=release.raw)
        if "clock" in subsets:
            facts["utc_time"] = utc_time(module.run_command)
            controller_time = params["controller_time"]
            facts["clock_difference"] = None if controller_time is None else facts["utc_time"] - controller_time
        if "caller" in subsets:
            facts["caller"] = read_caller(runner)
        if "class" in subsets:
            facts["class"] = read_class_state(runner, class_name)
        if "profile" in subsets:
            facts["profile"] = read_profile(runner, profile)
        if "user" in subsets:
            facts["user"] = read_user(runner, user)
        if "label" in subsets:
            facts["label"] = read_label(runner, label)
    except (RacfCommandError, IcsfError, ZosFactError) as error:
        module.fail_json(msg=str(error), commands=runner.issued, **facts)
    module.exit_json(changed=False, commands=runner.issued, **facts)


if __name__ == "__main__":
    main()
