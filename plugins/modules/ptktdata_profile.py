#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ptktdata_profile
short_description: Manage a RACF PTKTDATA (PassTicket key) profile
version_added: 0.1.0
description:
  - Ensures a discrete C(PTKTDATA) profile (C(APPL), C(APPL.USER), C(APPL.GROUP) or C(APPL.GROUP.USER)) with its
    C(SSIGNON) segment, that is an enhanced PassTicket key label (C(EPTKEYLABEL)) with C(TYPE), C(TIMEOUT) and C(REPLAY),
    and/or a legacy key (C(KEYMASKED), C(KEYENCRYPTED) or C(KEYLABEL)).
  - Reads the profile once, through the R_admin extract (IRRXUTIL) or C(RLIST PTKTDATA name SSIGNON) (see
    O(read_interface)). Issues C(RDEFINE) when the profile is absent, C(RALTER) with only the differing operands when
    it is present, nothing when it is as wanted, C(RDELETE) for O(state=absent). Omitted options are left as they are.
  - When a field it must compare cannot be read (the SSIGNON segment is not visible to the caller, the extract lacks
    the field, or the listing holds an SSIGNON line it cannot interpret), the task fails before any change; the message
    names the field and the profile and shows the lines read (never key material).
  - Step 5 of IBM's Copy Services Manager HyperSwap PassTicket procedure. RACF uses the change only after
    SETROPTS RACLIST(PTKTDATA) REFRESH (module M(mainframe.passticket.racf_refresh)); RV(refresh_needed) tells.
  - All names and values are validated before any command; strings are quoted (single quotes, doubled inside), so
    no input can add an operand. A command that carries the legacy key goes to RACF on the standard input of the RACF
    exec, never on a command line; the key is masked as C(********) everywhere.
  - Reading the C(SSIGNON) segment needs the SPECIAL, AUDITOR or ROAUDIT attribute (RLIST answers C(IRR52021I)
    otherwise; R_admin leaves the segment out), and reading through IRRXUTIL needs READ access to
    C(IRR.RADMIN.RLIST) in the FACILITY class. Without it the task fails before changing anything.
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
    details:
      - The diff shows how RACF holds a legacy key (C(masked), C(encrypted), C(label)), never key material.
  idempotent:
    support: partial
    details:
      - With O(legacy_key) and O(legacy_key_update=always) the key is written, and the task changed, on every run.
options:
  name:
    description:
      - The profile name, C(APPL), C(APPL.USER), C(APPL.GROUP) or C(APPL.GROUP.USER); each qualifier 1 to 8 characters
        C(A-Z), C(0-9), C(#), C(@), C($), not starting with a digit. Key profiles must be discrete (no generic characters).
    type: str
    required: true
  state:
    description:
      - V(present) defines or aligns the profile; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  eptkeylabel:
    description:
      - ICSF CKDS label of the enhanced PassTicket (HMAC) key, up to 64 characters; qualifiers separated by single periods,
        each starting with C(A-Z), C(#), C($) or C(@), then C(A-Z), C(0-9), C(#), C($), C(@) (ICSF refuses C(USRLCL.1CSM)).
        The label must exist in the CKDS (module M(mainframe.passticket.icsf_hmac_key)).
    type: str
  type:
    description:
      - Alphabet of enhanced PassTickets (C(TYPE)). RACF's default is V(mixed); Copy Services Manager supports only
        V(upper).
    type: str
    choices: [upper, mixed]
  timeout:
    description:
      - Validity of an enhanced PassTicket in seconds (C(TIMEOUT)), 1 to 600. RACF's default is 60.
    type: int
  replay:
    description:
      - Whether an enhanced PassTicket may be used again within O(timeout) (C(REPLAY)). RACF's default is V(false).
    type: bool
  legacy_key:
    description:
      - Legacy (DES) PassTicket key, exactly 16 hex digits and nothing else (no blanks), stored as O(legacy_key_storage).
      - RACF never displays a key, so it cannot be compared; O(legacy_key_update) decides when it is written.
      - Mutually exclusive with O(legacy_keylabel).
    type: str
  legacy_key_storage:
    description:
      - How RACF stores O(legacy_key), C(KEYMASKED) (V(masked)) or C(KEYENCRYPTED) (V(encrypted)).
    type: str
    choices: [masked, encrypted]
    default: masked
  legacy_key_update:
    description:
      - V(on_create) writes O(legacy_key) only when RACF holds no legacy key in that storage (a new profile, a profile
        without a legacy key, or one holding it differently).
      - V(always) writes it on every run (the task is then always changed).
    type: str
    choices: [on_create, always]
    default: on_create
  legacy_keylabel:
    description:
      - ICSF label of a legacy key (C(SSIGNON KEYLABEL)), instead of O(legacy_key). Same rules as O(eptkeylabel).
    type: str
  appldata:
    description:
      - Application data (C(APPLDATA)), up to 255 printable ASCII characters, not blank, kept as given (case included);
        no control characters or line breaks anywhere.
      - An empty string removes it (C(NOAPPLDATA)). For legacy PassTickets C(NO REPLAY PROTECTION) allows reuse.
    type: str
  uacc:
    description:
      - Universal access (C(UACC)), one of C(NONE), C(READ), C(UPDATE), C(CONTROL), C(ALTER), C(EXECUTE), in any case.
        A new profile gets RACF's default (C(NONE) for C(PTKTDATA)) when omitted.
    type: str
  owner:
    description:
      - Owner of the profile (C(OWNER)), a RACF user or group. A new profile is owned by the caller when omitted.
    type: str
notes:
  - RLIST's SSIGNON lines are read in the form reported from a real system (C(Legacy PassTicket) or
    C(Enhanced PassTicket), a colon, the field words, C(:) or C(=), the value), field words matched tolerantly;
    the lines for C(KEYMASKED), C(KEYLABEL), the enhanced
    key label and C(TYPE) are not confirmed by a sample. The field names of the extract (C(PTKEYLAB), C(PTTYPE),
    C(PTTIMEO), C(PTREPLAY), C(KEYLABEL), and C(KEYMASK)/C(KEYCRYPT) of which only the presence is read) are not
    confirmed by a capture either. Validate on a test LPAR with the collection's C(unsupported) integration targets.
seealso:
  - module: mainframe.passticket.racf_refresh
  - module: mainframe.passticket.icsf_hmac_key
  - module: mainframe.passticket.racf_class
"""

EXAMPLES = r"""
- name: Enhanced PassTicket profile of IBM's Copy Services Manager procedure
  mainframe.passticket.ptktdata_profile:
    name: IOSHMCSM.HOSTUSR
    eptkeylabel: USRLCL.CKDS.CSM
    type: upper
    timeout: 600
    appldata: CSM TO HYPERSWAP CONNECTION
  notify: Refresh PTKTDATA

- name: Legacy key from Ansible Vault, written only when the profile has none
  mainframe.passticket.ptktdata_profile:
    name: TSOAPPL
    legacy_key: "{{ vault_tsoappl_legacy_key }}"
    legacy_key_storage: masked
    legacy_key_update: on_create
  notify: Refresh PTKTDATA

- name: Remove a profile
  mainframe.passticket.ptktdata_profile:
    name: IOSHMCSM.HOSTUSR
    state: absent
  notify: Refresh PTKTDATA
"""

RETURN = r"""
before:
  description:
    - The profile before the task, as read, or V(null) when it did not exist. Never key material.
    - C(before.ssignon) is V(null) when the profile has no SSIGNON segment, or when it could not be read and the task
      did not need it (a warning says so).
  returned: always
  type: dict
  sample:
    class: PTKTDATA
    name: IOSHMCSM.HOSTUSR
    owner: SYSADM
    uacc: NONE
    appldata: null
    ssignon: null
after:
  description:
    - The profile after the task, as predicted from the read and the commands (the same in check mode), or V(null) when
      absent.
    - Values RACF chooses itself for a new profile (the owner) are V(null).
  returned: always
  type: dict
  sample:
    class: PTKTDATA
    name: IOSHMCSM.HOSTUSR
    owner: SYSADM
    uacc: NONE
    appldata: CSM TO HYPERSWAP CONNECTION
    ssignon:
      legacy_key: null
      legacy_keylabel: null
      eptkeylabel: USRLCL.CKDS.CSM
      type: UPPER
      timeout: 600
      replay: false
commands:
  description: The changing RACF commands issued, or that would be issued in check mode; secrets replaced by C(********).
  returned: always
  type: list
  elements: str
  sample: ["RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('CSM TO HYPERSWAP CONNECTION') SSIGNON(TYPE(UPPER) TIMEOUT(600))"]
messages:
  description: The RACF message lines of every command run, the C(RLIST) read included, in order.
  returned: always
  type: list
  elements: str
  sample: ["ICH11009I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE UPDATE(S) UNTIL A SETROPTS REFRESH IS ISSUED."]
refresh_needed:
  description:
    - Whether SETROPTS RACLIST(PTKTDATA) REFRESH is needed for the change to take effect (RACF said so with
      C(ICH10006I), C(ICH11009I) or C(ICH12002I)). In check mode, whether anything would change.
  returned: always
  type: bool
  sample: true
read_interface:
  description: The interface that answered the read, V(irrxutil) (R_admin extract) or V(listing) (C(RLIST)).
  returned: when the profile was read
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
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    REFRESH_NEEDED_IDS,
    RacfCommandError,
    has_message,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.ptktdata_profile import (
    desired_state,
    plan_profile,
    profile_source,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module


def refresh_needed(results):
    """Whether RACF said a command needs SETROPTS RACLIST(PTKTDATA) REFRESH to take effect."""
    return any(has_message(outcome, *REFRESH_NEEDED_IDS) for outcome in results)


def warn_unreadable(module, read, name):
    """Warn about fields that could not be read and were not compared (the task did not need them)."""
    if read.state is not None and read.unreadable:
        module.warn(
            "PTKTDATA profile {0}: could not read {1} ({2}); the task did not compare them.".format(
                name, ", ".join(sorted(read.unreadable)), "; ".join(sorted(set(read.unreadable.values())))
            )
        )


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            eptkeylabel=dict(type="str", no_log=False),
            type=dict(type="str", choices=["upper", "mixed"]),
            timeout=dict(type="int"),
            replay=dict(type="bool"),
            legacy_key=dict(type="str", no_log=True),
            legacy_key_storage=dict(type="str", no_log=False, default="masked", choices=["masked", "encrypted"]),
            legacy_key_update=dict(type="str", no_log=False, default="on_create", choices=["on_create", "always"]),
            legacy_keylabel=dict(type="str", no_log=False),
            appldata=dict(type="str"),
            uacc=dict(type="str"),
            owner=dict(type="str"),
            read_interface=read_interface_argument(),
        ),
        mutually_exclusive=[("legacy_key", "legacy_keylabel")],
        supports_check_mode=True,
    )
    params = module.params
    runner = runner_for_module(module, secrets=[params["legacy_key"]])
    try:
        source = profile_source(params["name"])
        want = desired_state(params)
    except ValueError as error:
        module.fail_json(msg=str(error))
    legacy_key = want.get("ssignon", {}).get("legacy_key")
    runner.add_secret(legacy_key.secret if legacy_key else None)
    name = source.request.profile

    result = dict(
        changed=False, before=None, after=None, commands=[], messages=[], refresh_needed=False, read_interface=None
    )
    try:
        [read], result["read_interface"] = read_objects(runner, params["read_interface"], [source])
        plan = plan_profile(name, read, want, params["state"])
        result.update(before=read.state, after=plan.after)

        def replan():
            # another run defined the profile after the read: carry on from what RACF holds now
            [fresh], dummy_interface = read_objects(runner, result["read_interface"], [source])
            fresh_plan = plan_profile(name, fresh, want, params["state"])
            result.update(before=fresh.state, after=fresh_plan.after)
            return fresh_plan.commands

        try:
            applied = apply_commands(runner, plan.commands, module.check_mode, replan=replan)
        except RacfCommandError as error:
            result.update(
                changed=error.completed > 0, commands=error.commands, refresh_needed=refresh_needed(error.results)
            )
            raise
        result.update(
            changed=bool(applied.commands),
            commands=applied.commands,
            refresh_needed=bool(applied.commands) if module.check_mode else refresh_needed(applied.results),
        )
    except (RacfCommandError, UnreadableField, ExtractError, ExtractUnavailable, ValueError) as error:
        # RACF applies a command whole or not at all: the next run reads the profile again and converges
        result.update(messages=runner.messages)
        module.fail_json(msg=str(error), **result)
    warn_unreadable(module, read, name)
    result["messages"] = runner.messages
    if module._diff:
        result["diff"] = dict(before=result["before"], after=result["after"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
