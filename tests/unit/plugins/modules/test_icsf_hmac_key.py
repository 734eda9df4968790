"""icsf_hmac_key: plan, check mode, diff, warnings, races and the key's path (stdin only).

The ICSF exec is the bundled one, run for real under the REXX test bed
(tests/rexx) against the ICSF stand-ins over a dict CKDS.
"""

import json
import os
import sys
from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._resources import icsf_hmac_key as key_resource
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import icsf_exec
from ansible_collections.mainframe.passticket.plugins.modules import icsf_hmac_key
from module_harness import run_module

TESTS = Path(__file__).resolve().parents[3]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from rexx.harness import Harness  # noqa: E402  pylint: disable=wrong-import-position
from rexx.standins.icsf import register_icsf  # noqa: E402  pylint: disable=wrong-import-position
from simulator import icsf  # noqa: E402  pylint: disable=wrong-import-position

LABEL = "USRLCL.CKDS.CSM"
KEY = bytes(range(64)).hex()
KEY32 = "AB" * 32


class ExecCkds:
    """run_command for the module: runs the exec file it is given under Regina, over a dict CKDS.

    Records argv and stdin of every process; ``before_exec(verb)`` may change
    the CKDS just before a request runs (another job racing this one).
    """

    def __init__(self, records=None, fail_next=None, fault=None, before_exec=None):
        self.records = dict(records or {})
        self.ckds = icsf.Ckds(self.records, fault)
        self.fail_next = {} if fail_next is None else dict(fail_next)
        self.before_exec = before_exec
        self.processes = []

    def __call__(self, argv, data=None):
        self.processes.append({"argv": list(argv), "stdin": data})
        assert len(argv) == 1, argv
        with open(argv[0]) as handle:
            source = handle.read()
        assert source == icsf_exec.ICSF_EXEC_SOURCE
        if self.before_exec:
            self.before_exec(data.split()[0])
        harness = Harness()
        register_icsf(harness, self.ckds, self.fail_next)
        result = harness.run(source, stdin=data)
        return result.status, result.stdout, result.messages

    def verbs(self):
        return [process["stdin"].split()[0] for process in self.processes]


def run(args, ckds, monkeypatch, **kwargs):
    monkeypatch.delenv("PASSTICKET_ICSF_EXEC", raising=False)
    return run_module(icsf_hmac_key, args, ckds, monkeypatch=monkeypatch, **kwargs)


def window(size):
    return icsf_exec.length_window(icsf_exec.payload_bits(size))


@pytest.mark.parametrize(
    "before_exists, state, update, verb",
    [
        (False, "present", "on_create", "IMPORT"),
        (True, "present", "on_create", None),
        (True, "present", "always", "REPLACE"),
        (False, "present", "always", "IMPORT"),
        (True, "absent", "on_create", "DELETE"),
        (False, "absent", "on_create", None),
    ],
)
def test_plan(before_exists, state, update, verb):
    before = key_resource.key_record(LABEL, before_exists, window(32) if before_exists else None)
    want = key_resource.desired_key(
        {"label": LABEL.lower(), "state": state, "update": update, "key": KEY if state == "present" else None}
    )
    plan = key_resource.plan_key(before, want)
    assert plan.before == before
    assert plan.commands == ([] if verb is None else ["{0} {1}".format(verb, LABEL)])
    if state == "absent":
        assert plan.after == key_resource.key_record(LABEL, False)
    elif verb is None:
        assert plan.after == before
    else:
        assert plan.after == {"label": LABEL, "exists": True, "min_length": 61, "max_length": 68}
    assert KEY.upper() not in repr(plan)


def test_check_mode_only_asks_exists(monkeypatch):
    ckds = ExecCkds()
    outcome = run({"label": LABEL, "key": KEY.lower()}, ckds, monkeypatch, check_mode=True, diff=True)
    result = outcome.result
    assert result["changed"] is True
    assert ckds.verbs() == ["EXISTS"]
    assert ckds.records == {}
    assert result["commands"] == ["IMPORT " + LABEL]
    assert result["diff"]["before"] == key_resource.key_record(LABEL, False)
    assert result["diff"]["after"] == {"label": LABEL, "exists": True, "min_length": 61, "max_length": 68}


def test_import_passes_request_and_key_on_stdin_only_and_never_returns_the_key(monkeypatch):
    ckds = ExecCkds()
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch, diff=True)
    result = outcome.result
    assert result["changed"] is True
    assert ckds.records == {LABEL: KEY.upper()}
    assert ckds.processes[1]["stdin"] == "IMPORT {0}\n{1}\n".format(LABEL, KEY.upper())
    assert all(len(process["argv"]) == 1 for process in ckds.processes)
    assert KEY.upper() not in json.dumps(result).upper()
    assert KEY.upper() in outcome.no_log_values
    assert result["messages"] == ["RC=0 REASON=0 IMPORTED"]


def test_the_after_predicted_in_check_mode_is_what_exists_reads_after_the_import(monkeypatch):
    ckds = ExecCkds()
    predicted = run({"label": LABEL, "key": KEY}, ckds, monkeypatch, check_mode=True).result["after"]
    run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert run({"label": LABEL, "key": KEY}, ckds, monkeypatch).result["before"] == predicted


def test_existing_label_is_left_alone_on_create_without_warning_when_the_length_fits(monkeypatch):
    ckds = ExecCkds({LABEL: "AB" * 64})
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert outcome.result["changed"] is False
    assert ckds.verbs() == ["EXISTS"]
    assert ckds.records[LABEL] == "AB" * 64
    assert outcome.warnings == []


def test_an_existing_key_whose_length_window_rules_out_the_given_key_is_left_with_a_warning(monkeypatch):
    ckds = ExecCkds({LABEL: KEY32})
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is False
    assert ckds.records[LABEL] == KEY32
    assert len(outcome.warnings) == 1
    warning = outcome.warnings[0]
    assert LABEL in warning and "29 to 36 bytes" in warning and "64-byte" in warning
    assert "update: always" in warning and "playbooks/rotate_key.yml" in warning


def test_update_always_replaces_the_key(monkeypatch):
    ckds = ExecCkds({LABEL: KEY32})
    result = run({"label": LABEL, "key": KEY, "update": "always"}, ckds, monkeypatch).result
    assert result["changed"] is True
    assert ckds.verbs() == ["EXISTS", "REPLACE"]
    assert ckds.records[LABEL] == KEY.upper()
    assert result["messages"] == ["RC=0 REASON=0 REPLACED"]


def test_a_replace_whose_create_fails_fails_the_task_with_the_old_key_in_place(monkeypatch):
    ckds = ExecCkds({LABEL: KEY32}, fail_next={"CSNBKRC2": (8, 16004)})
    outcome = run({"label": LABEL, "key": KEY, "update": "always"}, ckds, monkeypatch)
    assert outcome.failed and outcome.result["icsf_reason_code"] == 16004
    assert "OLD KEY RESTORED" in outcome.result["msg"]
    assert ckds.records[LABEL] == KEY32


def test_a_label_created_by_another_run_since_the_read_is_read_again_and_left(monkeypatch):
    def other_run_creates_it(verb):
        if verb == "IMPORT":
            ckds.records[LABEL] = KEY.upper()

    ckds = ExecCkds(before_exec=other_run_creates_it)
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert not outcome.failed, outcome.result
    assert ckds.verbs() == ["EXISTS", "IMPORT", "EXISTS"]
    assert outcome.result["changed"] is False
    assert outcome.result["before"] == {"label": LABEL, "exists": True, "min_length": 61, "max_length": 68}
    assert outcome.result["messages"] == ["RC=8 REASON=16036 LABEL ALREADY EXISTS"]
    # the plan that took effect: nothing (changed = bool(commands))
    assert outcome.result["commands"] == []
    assert outcome.warnings == []


def test_a_raced_label_whose_window_rules_out_the_key_warns(monkeypatch):
    def other_run_creates_it(verb):
        if verb == "IMPORT":
            ckds.records[LABEL] = KEY32

    ckds = ExecCkds(before_exec=other_run_creates_it)
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is False
    assert ckds.records[LABEL] == KEY32
    assert len(outcome.warnings) == 1 and LABEL in outcome.warnings[0]


def test_a_raced_label_with_update_always_is_replaced(monkeypatch):
    def other_run_creates_it(verb):
        if verb == "IMPORT":
            ckds.records[LABEL] = KEY32

    ckds = ExecCkds(before_exec=other_run_creates_it)
    outcome = run({"label": LABEL, "key": KEY, "update": "always"}, ckds, monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is True
    assert ckds.verbs() == ["EXISTS", "IMPORT", "EXISTS", "REPLACE"]
    assert outcome.result["commands"] == ["REPLACE " + LABEL]
    assert outcome.result["before"]["min_length"] == 29 and outcome.result["after"]["min_length"] == 61
    assert ckds.records[LABEL] == KEY.upper()


def test_absent_deletes(monkeypatch):
    ckds = ExecCkds({LABEL: KEY})
    result = run({"label": LABEL, "state": "absent"}, ckds, monkeypatch).result
    assert result["changed"] is True
    assert result["after"] == key_resource.key_record(LABEL, False)
    assert ckds.records == {}


def test_absent_of_a_missing_label_changes_nothing(monkeypatch):
    ckds = ExecCkds()
    result = run({"label": LABEL, "state": "absent"}, ckds, monkeypatch).result
    assert result["changed"] is False and ckds.verbs() == ["EXISTS"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"label": LABEL, "key": "00" * 31}, "64 to 512 hex digits"),
        ({"label": LABEL, "key": "00" * 257}, "64 to 512 hex digits"),
        ({"label": LABEL, "key": "G" * 64}, "hex digits"),
        ({"label": "1BAD.LABEL", "key": KEY}, "ICSF key label"),
        ({"label": "A" * 65, "key": KEY}, "ICSF key label"),
        ({"label": LABEL}, "key"),
    ],
)
def test_bad_input_fails_before_any_request(monkeypatch, args, message):
    ckds = ExecCkds()
    outcome = run(args, ckds, monkeypatch)
    assert outcome.failed
    assert message in outcome.result["msg"]
    assert ckds.processes == []
    assert "G" * 64 not in outcome.result["msg"]


def test_icsf_failure_is_reported_with_codes(monkeypatch):
    ckds = ExecCkds(fail_next={"CSNBKRC2": (8, 16004)})
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert outcome.failed
    assert "RC=8 REASON=16004" in outcome.result["msg"]
    assert outcome.result["icsf_reason_code"] == 16004
    assert outcome.result["commands"] == ["IMPORT " + LABEL]
    assert outcome.result["changed"] is False
    assert ckds.records == {}


def test_the_bundled_exec_file_is_removed_afterwards(monkeypatch):
    ckds = ExecCkds()
    run({"label": LABEL, "state": "absent"}, ckds, monkeypatch)
    assert not os.path.exists(ckds.processes[0]["argv"][0])
