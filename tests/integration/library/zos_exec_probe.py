# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only module: run one of the collection's bundled execs with a given stdin, as the modules do.

Used by the ``unsupported`` integration targets zos_exec_racf and zos_exec_icsf
(tests/integration/targets), which prove on a test LPAR what the REXX test bed
cannot (docs/reference/zos-execs.md). Found by playbooks in tests/integration
through its ``library`` directory (or ANSIBLE_LIBRARY).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: zos_exec_probe
short_description: Run a bundled exec of mainframe.passticket with a given standard input (test only)
description:
  - Writes the bundled exec the way the modules do (IBM-1047 and tagged on z/OS, mode 0700), or uses the one named by
    E(PASSTICKET_RACF_EXEC) / E(PASSTICKET_ICSF_EXEC), runs it with no arguments and O(stdin), and returns its exit
    status and output.
options:
  exec:
    description: Which exec.
    type: str
    required: true
    choices: [racf, icsf]
  stdin:
    description: Its standard input (a command, or a request and a test key).
    type: str
    required: true
author:
  - mainframe.passticket maintainers (@mainframe-passticket)
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.mainframe.passticket.plugins.module_utils._zos.exec_file import exec_path
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.icsf_exec import icsf_exec_path
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.racf_exec import RACF_EXEC_ENV, RACF_EXEC_SOURCE
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import ZOS_ENVIRONMENT


def main():
    module = AnsibleModule(
        argument_spec=dict(
            exec=dict(type="str", required=True, choices=["racf", "icsf"]),
            stdin=dict(type="str", required=True, no_log=True),
        ),
        supports_check_mode=False,
    )
    which = module.params["exec"]

    def run_command(argv, data=None):
        return module.run_command(argv, data=data, use_unsafe_shell=False, environ_update=dict(ZOS_ENVIRONMENT))

    path_context = (
        icsf_exec_path(run_command=run_command)
        if which == "icsf"
        else exec_path(RACF_EXEC_ENV, RACF_EXEC_SOURCE, "racfexec.rexx", run_command=run_command)
    )
    with path_context as path:
        rc, stdout, stderr = module.run_command(
            [path], data=module.params["stdin"], use_unsafe_shell=False, environ_update=dict(ZOS_ENVIRONMENT)
        )
    # "status", not "rc": a non-zero rc would make ansible call the task failed
    module.exit_json(
        changed=False,
        status=rc,
        stdout_lines=[line.rstrip() for line in stdout.splitlines()],
        stderr_lines=stderr.splitlines(),
        bundled="passticket-exec-" in path,
    )


if __name__ == "__main__":
    main()
