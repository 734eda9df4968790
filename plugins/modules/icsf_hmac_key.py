#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: icsf_hmac_key
short_description: Ensure the ICSF HMAC key of enhanced PassTickets under a CKDS label
version_added: 0.1.0
description:
  - Ensures an HMAC key (algorithm HMAC, key type MAC, usage GENERATE) exists in the ICSF CKDS under a label, by
    importing clear key material supplied by the caller, or that no record has the label.
  - The label is what a PTKTDATA profile names in SSIGNON(EPTKEYLABEL(label)); the same clear key bytes go to the
    PassTicket client (Copy Services Manager, or this collection's C(mainframe.passticket.passticket) lookup).
  - On z/OS the work is done by an ICSF exec (ICSF callable services CSNBKTB2, CSNBKPI2, CSNBKRC2, CSNBKRR2 and
    CSNBKRD through C(ADDRESS LINKPGM)). The request and the key reach it on standard input, never on a command line.
    The exec is the one named by the environment variable E(PASSTICKET_ICSF_EXEC) on the host, else the bundled REXX
    exec, which is written to a directory only the caller can read and removed afterwards.
  - ICSF does not reveal key material, so an existing record cannot be compared with O(key); O(update) decides. The
    token of an existing record only bounds its key length to an 8-byte window (RV(before.min_length) to
    RV(before.max_length)); when O(update=on_create) leaves a key whose window rules out the length of O(key), the
    task warns, naming the label and how to replace the key.
  - When another run creates the label between this task's read and its import (ICSF reason code 16036), the task
    reads the label again and carries on as if it had read that state first.
author:
  - mainframe.passticket maintainers (@mainframe-passticket)
extends_documentation_fragment:
  - mainframe.passticket.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  idempotent:
    support: partial
    details:
      - With O(update=always) and O(state=present) every run replaces the key and reports a change.
options:
  label:
    description:
      - The CKDS label, up to 64 characters from C(A-Z), C(0-9), C(#), C($), C(@) and periods between qualifiers, the
        first one not a digit, for example C(USRLCL.CKDS.CSM).
    type: str
    required: true
  key:
    description:
      - The clear HMAC key as hex digits, 32 to 256 bytes (64 to 512 hex digits; 64 bytes recommended).
      - Required when O(state=present). Never logged, returned or shown in a diff.
    type: str
  state:
    description:
      - V(present) imports the key when no record has the label; V(absent) deletes the record.
    type: str
    choices: [present, absent]
    default: present
  update:
    description:
      - V(on_create) imports the key only when the label does not exist (an existing record is left alone).
      - V(always) also replaces the key of an existing record; the task then always reports a change, since the old
        key cannot be read to compare. The exec builds the new token first, keeps the old one (CSNBKRR2), deletes the
        record (CSNBKRD) and creates it with the new token (CSNBKRC2); if that create fails, it writes the old token
        back, so the label never ends up missing or holding a half-made key.
    type: str
    choices: [on_create, always]
    default: on_create
notes:
  - The caller needs CSFSERV access to the ICSF services above and CSFKEYS access to the label.
  - The bundled REXX exec runs in the collection's tests under Regina REXX, against stand-ins that enforce the
    parameter lists IBM documents. What is still to be proven on an LPAR (listed in the collection's
    docs/reference/zos-execs.md) is exercised by the C(unsupported) integration targets C(icsf_hmac_key) and
    C(zos_exec_icsf).
seealso:
  - module: mainframe.passticket.ptktdata_profile
  - module: mainframe.passticket.passticket_info
"""

EXAMPLES = r"""
- name: Ensure the enhanced PassTicket key of CSM
  mainframe.passticket.icsf_hmac_key:
    label: USRLCL.CKDS.CSM
    key: "{{ csm_passticket_key_hex }}"

- name: Rotate the key in place
  mainframe.passticket.icsf_hmac_key:
    label: USRLCL.CKDS.CSM
    key: "{{ new_key_hex }}"
    update: always

- name: Remove the key record
  mainframe.passticket.icsf_hmac_key:
    label: USRLCL.CKDS.CSM
    state: absent
"""

RETURN = r"""
before:
  description:
    - The record before the task. C(min_length) and C(max_length) bound the key length in bytes, as far as the token
      tells it (an encrypted HMAC token gives an 8-byte window); null when unknown or when the label does not exist.
  returned: always
  type: dict
  sample: {label: USRLCL.CKDS.CSM, exists: false, min_length: null, max_length: null}
  contains:
    label:
      description: The CKDS label.
      type: str
    exists:
      description: Whether a record has the label.
      type: bool
    min_length:
      description: The shortest key length in bytes the record's token allows; null when unknown or absent.
      type: int
    max_length:
      description: The longest key length in bytes the record's token allows; null when unknown or absent.
      type: int
after:
  description: The record after the task (predicted in check mode), as RV(before) describes it.
  returned: always
  type: dict
  sample: {label: USRLCL.CKDS.CSM, exists: true, min_length: 61, max_length: 68}
commands:
  description:
    - The ICSF exec requests that changed the record (or would, in check mode), as C(VERB LABEL); never the key.
      The task reports a change exactly when this list is not empty.
    - An C(IMPORT) refused because another run created the label since the read (reason code 16036) is not listed;
      its answer is in RV(messages). When the task fails, the list holds the requests made, the failed one last.
  returned: always
  type: list
  elements: str
  sample: ["IMPORT USRLCL.CKDS.CSM"]
messages:
  description: The ICSF exec's answers to those requests, C(RC=<rc> REASON=<reason> <text>).
  returned: always
  type: list
  elements: str
  sample: ["RC=0 REASON=0 IMPORTED"]
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._resources.icsf_hmac_key import (
    apply_key,
    desired_key,
    key_differs_warning,
    plan_key,
    read_key,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.icsf_exec import (
    IcsfError,
    IcsfKeyStore,
    icsf_exec_path,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import runner_for_module


def main():
    module = AnsibleModule(
        argument_spec=dict(
            label=dict(type="str", required=True),
            key=dict(type="str", no_log=True),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            update=dict(type="str", default="on_create", choices=["on_create", "always"]),
        ),
        required_if=[("state", "present", ["key"])],
        supports_check_mode=True,
    )
    runner = runner_for_module(module)
    runner.add_secret(module.params["key"])
    try:
        want = desired_key(module.params)
    except ValueError as error:
        module.fail_json(msg=str(error))
    if "key" in want:
        runner.add_secret(want["key"].secret)

    result = dict(changed=False, before=None, after=None, commands=[], messages=[])
    with icsf_exec_path(run_command=runner.run_command) as exec_path:
        store = IcsfKeyStore(runner.run_exec, exec_path)
        before = None
        try:
            before = read_key(store, want["label"])
            plan = plan_key(before, want)
            if not module.check_mode:
                plan = apply_key(store, plan, want)
        except IcsfError as error:
            result.update(before=before, after=None, changed=False, commands=store.requests, messages=store.messages)
            module.fail_json(
                msg=str(error),
                icsf_return_code=error.answer and error.answer.rc,
                icsf_reason_code=error.answer and error.answer.reason,
                **result,
            )
    result.update(
        before=plan.before,
        after=plan.after,
        commands=plan.commands,
        changed=bool(plan.commands),
        messages=store.messages,
    )
    warning = key_differs_warning(plan.before, want)
    if warning:
        module.warn(warning)
    if module._diff:
        result["diff"] = dict(before=plan.before, after=plan.after)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
