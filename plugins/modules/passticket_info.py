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
    it is SPECIAL (C(LISTUSER), always a listing); the PTKTDATA class state, a PTKTDATA profile's settings and the
    PassTicket user's status, all in one read through the R_admin extract (IRRXUTIL) or through C(SETROPTS LIST),
    C(RLIST PTKTDATA profile SSIGNON) and C(LISTUSER user) (see O(read_interface)); whether an ICSF CKDS label
    exists (the ICSF exec's C(EXISTS)).
  - RV(read_authority) lists the FACILITY profiles the caller needs READ access to for the extract reads
    (C(IRR.RADMIN.SETROPTS.LIST), C(IRR.RADMIN.RLIST), C(IRR.RADMIN.LISTUSER)).
  - The action plugin of the same name fills O(controller_time) with the controller's UTC clock when it is omitted.
author:
  - mainframe.passticket maintainers (@mainframe-passticket)
extends_documentation_fragment:
  - mainframe.passticket.attributes
  - mainframe.passticket.attributes.info_module
  - mainframe.passticket.read_interface
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
  version_added: 0.2.0
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
  sample: {user: HOSTUSR, name: null, owner: SYS1, default_group: SYS1, protected: false, revoked: false,
           attributes: []}
label:
  description:
    - Whether the ICSF CKDS label exists, and the key length window in bytes its token allows (C(min_length) to
      C(max_length), null when unknown), as M(mainframe.passticket.icsf_hmac_key) returns it.
  returned: when V(label) is gathered
  type: dict
  sample: {label: USRLCL.CKDS.CSM, exists: true, min_length: 61, max_length: 68}
read_interface:
  description: The interface that answered the class, profile and user reads, V(irrxutil) or V(listing).
  returned: when V(class), V(profile) or V(user) is gathered
  type: str
  sample: irrxutil
  version_added: 0.2.0
read_authority:
  description:
    - The FACILITY profiles the caller needs READ access to, so that the gathered class, profile and user can be read
      through the R_admin extract (a prerequisite report; the module does not check the access itself).
  returned: always
  type: list
  elements: dict
  sample: [{class: FACILITY, profile: IRR.RADMIN.RLIST, access: READ, for: the extract of a general resource profile (PTKTDATA)}]
  version_added: 0.2.0
commands:
  description: The RACF commands issued (all read-only).
  returned: always
  type: list
  elements: str
  sample: ["LISTUSER", "SETROPTS LIST", "RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON", "LISTUSER HOSTUSR"]
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import (
    read_interface_argument,
    read_objects,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import UnreadableField, check_readable
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    ExtractError,
    ExtractUnavailable,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    read_authority as extract_read_authority,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import validate_label
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import RacfCommandError
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.icsf_hmac_key import read_key
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.ptktdata_profile import profile_source
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.racf_class import class_source
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.racf_user import read_caller, user_source
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.facts import ZosFactError, utc_time, zos_release
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.icsf_exec import (
    IcsfError,
    IcsfKeyStore,
    icsf_exec_path,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module

SUBSETS = ("release", "clock", "caller", "class", "profile", "user", "label")
SUBSETS_NEEDING_OPTION = ("profile", "user", "label")
# the extract type each RACF subset is read through, for the READ access report (``_racf.extract.read_authority``)
EXTRACT_TYPE_OF_SUBSET = (("class", "_SETROPTS"), ("profile", "PTKTDATA"), ("user", "USER"))


def read_authority(subsets):
    """The FACILITY profiles (READ) the extract reads of ``subsets`` need, for the prerequisite report."""
    return extract_read_authority(
        [extract_type for subset, extract_type in EXTRACT_TYPE_OF_SUBSET if subset in subsets]
    )


def subsets_to_gather(params):
    """The subsets asked for, or the default: all that the given options allow. Raises ValueError."""
    if not params.get("gather_subset"):
        return [subset for subset in SUBSETS if subset not in SUBSETS_NEEDING_OPTION or params.get(subset)]
    missing = [
        subset for subset in params["gather_subset"] if subset in SUBSETS_NEEDING_OPTION and not params.get(subset)
    ]
    if missing:
        raise ValueError("gather_subset {0} needs the option(s) of the same name".format(", ".join(missing)))
    return [subset for subset in SUBSETS if subset in params["gather_subset"]]


def read_label(runner, label):
    with icsf_exec_path(run_command=runner.run_command) as exec_path:
        return read_key(IcsfKeyStore(runner.run_exec, exec_path), label)


def read_racf(runner, read_interface, subsets, sources):
    """The class, profile and user states asked for, in one read (one extract process); the interface that answered.

    A field that could not be read fails the task: a report must not show it as unset.
    """
    wanted = [(subset, sources[subset]) for subset in ("class", "profile", "user") if subset in subsets]
    if not wanted:
        return {}, None
    reads, interface = read_objects(runner, read_interface, [source for _subset, source in wanted])
    facts = {}
    for (subset, source), read in zip(wanted, reads):
        check_readable(
            sorted(read.unreadable), read, "{0} {1}".format(subset, source.request.profile or source.request.type)
        )
        facts[subset] = read.state
    return facts, interface


def main():
    module = AnsibleModule(
        argument_spec={
            "gather_subset": dict(type="list", elements="str", choices=list(SUBSETS)),
            "class": dict(type="str", default="PTKTDATA"),
            "profile": dict(type="str"),
            "user": dict(type="str"),
            "label": dict(type="str"),
            "controller_time": dict(type="int"),
            "read_interface": read_interface_argument(),
        },
        supports_check_mode=True,
    )
    params = module.params
    try:
        subsets = subsets_to_gather(params)
        sources = {"class": class_source(params["class"])}
        # an empty value is an error (the validators refuse it), never "not given"
        if params["profile"] is not None:
            sources["profile"] = profile_source(params["profile"])
        if params["user"] is not None:
            sources["user"] = user_source(params["user"])
        label = None if params["label"] is None else validate_label(params["label"], "label")
    except ValueError as error:
        module.fail_json(msg=str(error))

    runner = runner_for_module(module)

    facts = {"read_authority": read_authority(subsets)}
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
        racf, interface = read_racf(runner, params["read_interface"], subsets, sources)
        facts.update(racf)
        if interface:
            facts["read_interface"] = interface
        if "label" in subsets:
            facts["label"] = read_label(runner, label)
    except (RacfCommandError, IcsfError, ZosFactError, UnreadableField, ExtractError, ExtractUnavailable) as error:
        module.fail_json(msg=str(error), commands=runner.issued, **facts)
    module.exit_json(changed=False, commands=runner.issued, **facts)


if __name__ == "__main__":
    main()
