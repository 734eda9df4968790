"""Harness for the module unit tests in this directory.

``run_module`` runs a module's main() with arguments and a fake
``run_command``; ``FakeHost`` scripts the host's answers and records every
process started (argv and stdin), with tsocmd's stderr echo as on z/OS.
"""

import json
import re
from pathlib import Path

import pytest
from ansible.module_utils import basic

try:  # ansible-core >= 2.19
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core 2.16 .. 2.18
    import contextlib
    from unittest import mock

    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, "_ANSIBLE_ARGS", json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()):
            yield


FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"
RACF_EXEC = "/site/bin/racfexec"


class ModuleExit(Exception):
    def __init__(self, failed, result):
        super(ModuleExit, self).__init__(result.get("msg", ""))
        self.failed = failed
        self.result = result


class FakeHost:
    """Answers commands from ``answers``: list of (regex on the command image, rc, stdout).

    Records every process: argv and stdin. tsocmd echoes the command on stderr, as on z/OS.
    """

    def __init__(self, answers):
        self.answers = answers
        self.processes = []

    def __call__(self, argv, data=None):
        self.processes.append({"argv": list(argv), "stdin": data})
        command = argv[1] if argv[0] == "tsocmd" else (data or "")
        for pattern, rc, stdout in self.answers:
            if re.match(pattern, command):
                return rc, stdout, (command + "\n" if argv[0] == "tsocmd" else "")
        raise AssertionError("unexpected command {0!r}".format(argv))

    def commands(self):
        return [
            process["argv"][1] if process["argv"][0] == "tsocmd" else process["stdin"] for process in self.processes
        ]


def run_module(module, args, host, check_mode=False, diff=False, monkeypatch=None):
    """Run ``module.main()``; return (ModuleExit, the AnsibleModule's no_log_values)."""
    captured = {}

    def exit_json(self, **result):
        captured["no_log_values"] = set(self.no_log_values)
        raise ModuleExit(False, result)

    def fail_json(self, **result):
        captured["no_log_values"] = set(self.no_log_values)
        raise ModuleExit(True, result)

    def warn(self, warning):
        captured.setdefault("warnings", []).append(warning)

    def run_command(self, argv, data=None, **kwargs):
        assert kwargs.get("use_unsafe_shell", False) is False
        assert isinstance(argv, list)
        return host(argv, data)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    monkeypatch.setattr(basic.AnsibleModule, "warn", warn)
    monkeypatch.setattr(basic.AnsibleModule, "run_command", run_command)
    monkeypatch.setenv("PASSTICKET_RACF_EXEC", RACF_EXEC)
    full_args = dict(
        args,
        _ansible_check_mode=check_mode,
        _ansible_diff=diff,
        _ansible_remote_tmp="/tmp",
        _ansible_keep_remote_files=False,
    )
    with patch_module_args(full_args):
        with pytest.raises(ModuleExit) as outcome:
            module.main()
    outcome.value.no_log_values = captured.get("no_log_values", set())
    outcome.value.warnings = captured.get("warnings", [])
    return outcome.value
