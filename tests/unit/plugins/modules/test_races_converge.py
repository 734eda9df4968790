"""Races converge: a create that finds its object already created re-reads it and carries on.

The modules run against a simulated host (the simulator's tsocmd and RACF exec,
as on the integration hosts). Right before the module's create reaches the
host, "another run" issues the same create as an operator would, so RACF
answers the module's create as z/OS does for an existing object (RDEFINE:
ICH10102I; ADDUSER: IKJ56702I INVALID USERID). The module must re-read, issue
only what the state it finds still needs, and succeed.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.apply import apply_commands
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    RacfCommandError,
    already_exists,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import TsoResult
from ansible_collections.mainframe.passticket.plugins.modules import ptktdata_profile, racf_user
from module_harness import run_module

REPO = Path(__file__).resolve().parents[4]
SIM_BIN = REPO / "tests" / "simulator" / "bin"


class SimulatedHost:
    """run_command for a module, answered by a simulated z/OS host; ``before_create`` runs first when a create arrives."""

    def __init__(self, host_dir, before_create=None):
        self.host_dir = host_dir
        self.before_create = before_create
        self.env = dict(os.environ, ZOSSIM_STATE=str(host_dir), PATH=str(SIM_BIN) + os.pathsep + os.environ["PATH"])

    def __call__(self, argv, data=None):
        image = argv[1] if argv[0] == "tsocmd" else (data or "")
        if self.before_create and re.match(r"(RDEFINE|ADDUSER) ", image):
            action, self.before_create = self.before_create, None
            action()
        program = str(SIM_BIN / os.path.basename(argv[0]))
        proc = subprocess.run(
            [sys.executable, program] + list(argv[1:]),
            input=data,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def host_dir(tmp_path):
    directory = tmp_path / "zos1"
    subprocess.run([sys.executable, str(SIM_BIN / "zossim"), "init", str(directory)], check=True, capture_output=True)
    return directory


def other_run(host_dir, command):
    """Another run (or an operator) issues ``command`` on the host."""

    def issue():
        env = dict(os.environ, ZOSSIM_STATE=str(host_dir))
        subprocess.run([sys.executable, str(SIM_BIN / "tsocmd"), command], env=env, capture_output=True, check=True)

    return issue


def show(host_dir):
    out = subprocess.run(
        [sys.executable, str(SIM_BIN / "zossim"), "show", str(host_dir)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def log(host_dir):
    out = subprocess.run(
        [sys.executable, str(SIM_BIN / "zossim"), "log", str(host_dir), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def run(module, args, host, monkeypatch):
    monkeypatch.setenv("PASSTICKET_RACF_EXEC", str(SIM_BIN / "racfexec"))
    return run_module(module, args, host, monkeypatch=monkeypatch)


def test_the_simulator_answers_a_create_of_an_existing_object_as_racf_does(host_dir):
    other_run(host_dir, "ADDUSER HOSTUSR")()
    other_run(host_dir, "RDEFINE PTKTDATA APPL")()
    host = SimulatedHost(host_dir)
    rc, out, dummy = host(["tsocmd", "ADDUSER HOSTUSR"])
    assert rc != 0 and "IKJ56702I INVALID USERID, HOSTUSR" in out
    rc, out, dummy = host(["tsocmd", "RDEFINE PTKTDATA APPL"])
    assert rc != 0 and "ICH10102I" in out


def test_adduser_race_converges(host_dir, monkeypatch):
    host = SimulatedHost(host_dir, before_create=other_run(host_dir, "ADDUSER HOSTUSR"))
    outcome = run(racf_user, {"user": "HOSTUSR"}, host, monkeypatch)
    assert not outcome.failed, outcome.result["msg"]
    # as if it had read the user the other run created: PROTECTED, so only the password is set
    assert outcome.result["before"]["protected"] is True
    assert outcome.result["commands"] == ["ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED"]
    assert outcome.result["changed"] is True
    user = show(host_dir)["users"]
    assert [u for u in user if u["id"] == "HOSTUSR"][0]["protected"] is False
    verbs = [record["verb"] for record in log(host_dir)]
    assert verbs.count("LISTUSER") == 2  # the first read, and the re-read after the refused ADDUSER


def test_adduser_race_where_the_other_run_did_everything(host_dir, monkeypatch):
    host = SimulatedHost(host_dir, before_create=other_run(host_dir, "ADDUSER HOSTUSR"))
    outcome = run(racf_user, {"user": "HOSTUSR", "allow_protected": True}, host, monkeypatch)
    assert not outcome.failed
    assert outcome.result["changed"] is False and outcome.result["commands"] == []


def test_rdefine_race_converges(host_dir, monkeypatch):
    host = SimulatedHost(host_dir, before_create=other_run(host_dir, "RDEFINE PTKTDATA APPL APPLDATA('OTHER')"))
    outcome = run(ptktdata_profile, {"name": "APPL", "appldata": "MINE", "uacc": "NONE"}, host, monkeypatch)
    assert not outcome.failed, outcome.result["msg"]
    assert outcome.result["before"]["appldata"] == "OTHER"
    assert outcome.result["commands"] == ["RALTER PTKTDATA APPL APPLDATA('MINE')"]
    assert outcome.result["after"]["appldata"] == "MINE" and outcome.result["changed"] is True
    assert outcome.result["refresh_needed"] is False  # PTKTDATA is not RACLISTed on a fresh host


def test_rdefine_race_where_the_other_run_did_the_same(host_dir, monkeypatch):
    host = SimulatedHost(host_dir, before_create=other_run(host_dir, "RDEFINE PTKTDATA APPL APPLDATA('MINE')"))
    outcome = run(ptktdata_profile, {"name": "APPL", "appldata": "MINE"}, host, monkeypatch)
    assert not outcome.failed
    assert outcome.result["changed"] is False and outcome.result["commands"] == []


# -- apply_commands itself


class Runner:
    """A runner whose commands answer from a script; records the commands."""

    def __init__(self, answers):
        self.answers = answers
        self.commands = []

    def mask(self, command):
        return command

    def run(self, command):
        self.commands.append(command)
        rc, lines = self.answers.get(command, (0, []))
        return TsoResult.from_lines(command, rc, lines)


def test_a_conflict_replans_once_and_a_persisting_conflict_fails():
    runner = Runner({"ADDUSER HOSTUSR": (8, ["IKJ56702I INVALID USERID, HOSTUSR"])})
    calls = []

    def replan_to(commands):
        def replan():
            calls.append(1)
            return commands

        return replan

    applied = apply_commands(
        runner, ["ADDUSER HOSTUSR", "ALTUSER HOSTUSR NOEXPIRED"], False, replan=replan_to(["ALTUSER HOSTUSR NOEXPIRED"])
    )
    assert applied.commands == ["ALTUSER HOSTUSR NOEXPIRED"] and len(calls) == 1
    # still absent after the re-read (for example a group of that name): the create's failure stands
    with pytest.raises(RacfCommandError, match="IKJ56702I"):
        apply_commands(runner, ["ADDUSER HOSTUSR"], False, replan=replan_to(["ADDUSER HOSTUSR"]))
    # without a replan hook, as before
    with pytest.raises(RacfCommandError):
        apply_commands(runner, ["ADDUSER HOSTUSR"], False)
    # other failures are never re-planned
    failing = Runner({"RALTER PTKTDATA APPL UACC(NONE)": (8, ["ICH11102I APPL NOT DEFINED TO CLASS PTKTDATA"])})
    with pytest.raises(RacfCommandError):
        apply_commands(failing, ["RALTER PTKTDATA APPL UACC(NONE)"], False, replan=replan_to([]))


@pytest.mark.parametrize(
    "command, lines, expected",
    [
        ("RDEFINE PTKTDATA APPL", ["ICH10102I APPL ALREADY DEFINED TO CLASS PTKTDATA."], True),
        ("ADDUSER HOSTUSR", ["IKJ56702I INVALID USERID, HOSTUSR"], True),
        ("RALTER PTKTDATA APPL", ["ICH10102I APPL ALREADY DEFINED TO CLASS PTKTDATA."], False),
        ("ADDUSER HOSTUSR", ["ICH01005I NOT AUTHORIZED TO ADD USER HOSTUSR"], False),
        ("RDEFINE PTKTDATA APPL", ["ICH10103I NOT AUTHORIZED TO DEFINE APPL"], False),
    ],
)
def test_already_exists(command, lines, expected):
    assert already_exists(TsoResult.from_lines(command, 8, lines)) is expected
