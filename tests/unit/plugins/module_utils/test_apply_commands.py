"""apply_commands: the changing commands of a module, run in order or only listed in check mode."""

import re

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.apply import AppliedCommands, apply_commands
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import read_listing
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import secret_command
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import RacfCommandError
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import MASK, TsoRunner

KEY = "0123456789ABCDEF"
RACF_EXEC = "/site/bin/racfexec"
DEFINE = secret_command("RDEFINE PTKTDATA APPL SSIGNON(KEYMASKED({0}))".format(KEY))
REFRESH = "SETROPTS RACLIST(PTKTDATA) REFRESH"
ALTER = "RALTER PTKTDATA APPL APPLDATA('X')"
DEFINED = (
    "ICH10006I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE ADDITION(S) UNTIL A SETROPTS REFRESH IS ISSUED."
)
COMPLETE = "ICH14063I SETROPTS command complete."
NOT_AUTHORIZED = "ICH14015I NOT AUTHORIZED TO REFRESH RACLIST CLASS PTKTDATA"


class ScriptedHost:
    """A run_command answering (rc, stdout) by the first regex that matches the command; records every command."""

    def __init__(self, answers):
        self.answers = answers
        self.commands = []

    def __call__(self, argv, data=None):
        command = argv[1] if argv[0] == "tsocmd" else data
        self.commands.append(command)
        for pattern, rc, stdout in self.answers:
            if re.match(pattern, command):
                return rc, stdout + "\n", ""
        raise AssertionError("unexpected command {0!r}".format(command))


def runner_for(host):
    return TsoRunner(host, secrets=[KEY], env={"PASSTICKET_RACF_EXEC": RACF_EXEC})


def test_check_mode_issues_nothing_and_lists_the_masked_images():
    host = ScriptedHost([])
    runner = runner_for(host)
    applied = apply_commands(runner, [DEFINE, REFRESH], check_mode=True)
    assert applied == AppliedCommands(["RDEFINE PTKTDATA APPL SSIGNON(KEYMASKED({0}))".format(MASK), REFRESH], [])
    assert host.commands == [] and runner.issued == [] and runner.results == []


def test_no_commands_issue_nothing():
    host = ScriptedHost([])
    assert apply_commands(runner_for(host), [], check_mode=False) == AppliedCommands([], [])
    assert host.commands == []


def test_all_commands_run_in_order_and_return_their_results():
    host = ScriptedHost([(r"RDEFINE ", 0, DEFINED), (r"SETROPTS ", 0, COMPLETE)])
    runner = runner_for(host)
    applied = apply_commands(runner, [DEFINE, REFRESH], check_mode=False)
    assert host.commands == [DEFINE, REFRESH]  # the secret reached the host (on the exec's stdin), only there
    assert applied.commands == ["RDEFINE PTKTDATA APPL SSIGNON(KEYMASKED({0}))".format(MASK), REFRESH]
    assert [result.command for result in applied.results] == applied.commands
    assert [result.message_ids for result in applied.results] == [["ICH10006I"], ["ICH14063I"]]
    assert KEY not in repr(applied)


@pytest.mark.parametrize("failing, completed", [(0, 0), (1, 1), (2, 2)])
def test_first_failure_stops_the_sequence_and_reports_what_completed(failing, completed):
    commands = [DEFINE, REFRESH, ALTER]
    answers = [(re.escape(command), 0, DEFINED) for command in commands]
    answers[failing] = (re.escape(commands[failing]), 8, NOT_AUTHORIZED)
    host = ScriptedHost(answers)
    runner = runner_for(host)
    with pytest.raises(RacfCommandError) as raised:
        apply_commands(runner, commands, check_mode=False)
    error = raised.value
    assert host.commands == commands[: failing + 1]  # nothing after the failing command
    assert error.completed == completed
    assert [result.command for result in error.results] == [runner.mask(command) for command in commands[:completed]]
    assert error.commands == [runner.mask(command) for command in commands[: failing + 1]]
    assert error.result.message_ids == ["ICH14015I"]
    assert NOT_AUTHORIZED in str(error)
    assert KEY not in str(error) and KEY not in repr(error.commands) and KEY not in repr(error.results)


def test_a_failure_message_fails_even_with_rc_zero():
    host = ScriptedHost([(r"SETROPTS ", 0, NOT_AUTHORIZED)])
    with pytest.raises(RacfCommandError) as raised:
        apply_commands(runner_for(host), [REFRESH, ALTER], check_mode=False)
    assert (raised.value.completed, raised.value.commands) == (0, [REFRESH])


def test_other_failures_carry_no_commands():
    host = ScriptedHost([(r"RLIST ", 8, "ICH13003I APPL NOT FOUND")])
    with pytest.raises(RacfCommandError) as raised:
        read_listing(runner_for(host), "RLIST PTKTDATA APPL", lambda text: text)
    assert (raised.value.completed, raised.value.commands, raised.value.results) == (0, [], [])
