"""icsf_hmac_key: plan, check mode, diff and the key's path (stdin only) with a fake ICSF exec."""
import json
import os

import pytest

from ansible_collections.mainframe.passticket.plugins.modules import icsf_hmac_key
from module_harness import run_module

ICSF_EXEC = "/site/bin/icsfhmac"
LABEL = "USRLCL.CKDS.CSM"
KEY = bytes(range(64)).hex()


class FakeCkds:
    """The ICSF exec protocol over a dict; records argv and stdin of every process."""

    def __init__(self, records=None, fail=None):
        self.records = dict(records or {})
        self.fail = fail or {}
        self.processes = []

    def __call__(self, argv, data=None):
        self.processes.append({"argv": list(argv), "stdin": data})
        assert argv[0] == ICSF_EXEC
        verb, label = argv[1], argv[2]
        if verb in self.fail:
            return 8, self.fail[verb] + "\n", ""
        if verb == "EXISTS":
            if label in self.records:
                return 0, "RC=0 REASON=0 FOUND LENGTH={0}\n".format(len(self.records[label]) // 2), ""
            return 8, "RC=8 REASON=10012 NOT FOUND\n", ""
        if verb == "IMPORT":
            if label in self.records:
                return 8, "RC=8 REASON=3028 LABEL ALREADY EXISTS\n", ""
            self.records[label] = data.strip()
            return 0, "RC=0 REASON=0 IMPORTED\n", ""
        if verb == "REPLACE":
            self.records[label] = data.strip()
            return 0, "RC=0 REASON=0 REPLACED\n", ""
        if verb == "DELETE":
            del self.records[label]
            return 0, "RC=0 REASON=0 DELETED\n", ""
        raise AssertionError(argv)

    def verbs(self):
        return [process["argv"][1] for process in self.processes]


def run(args, ckds, monkeypatch, **kwargs):
    monkeypatch.setenv("PASSTICKET_ICSF_EXEC", ICSF_EXEC)
    return run_module(icsf_hmac_key, args, ckds, monkeypatch=monkeypatch, **kwargs)


@pytest.mark.parametrize("before_exists, state, update, verb", [
    (False, "present", "on_create", "IMPORT"),
    (True, "present", "on_create", None),
    (True, "present", "always", "REPLACE"),
    (False, "present", "always", "IMPORT"),
    (True, "absent", "on_create", "DELETE"),
    (False, "absent", "on_create", None),
])
def test_plan(before_exists, state, update, verb):
    before = {"label": LABEL, "exists": before_exists, "length": 32 if before_exists else None}
    planned, after = icsf_hmac_key.plan_key(before, state, update, KEY if state == "present" else None)
    assert planned == verb
    if state == "absent":
        assert after == {"label": LABEL, "exists": False, "length": None}
    elif verb is None:
        assert after == before
    else:
        assert after == {"label": LABEL, "exists": True, "length": 64}


def test_check_mode_only_asks_exists(monkeypatch):
    ckds = FakeCkds()
    outcome = run({"label": "usrlcl.ckds.csm", "key": KEY.lower()}, ckds, monkeypatch, check_mode=True, diff=True)
    result = outcome.result
    assert result["changed"] is True
    assert ckds.verbs() == ["EXISTS"]
    assert ckds.records == {}
    assert result["commands"] == ["IMPORT " + LABEL]
    assert result["diff"]["before"] == {"label": LABEL, "exists": False, "length": None}
    assert result["diff"]["after"] == {"label": LABEL, "exists": True, "length": 64}


def test_import_passes_the_key_on_stdin_only_and_never_returns_it(monkeypatch):
    ckds = FakeCkds()
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch, diff=True)
    result = outcome.result
    assert result["changed"] is True
    assert ckds.records == {LABEL: KEY.upper()}
    assert ckds.processes[1] == {"argv": [ICSF_EXEC, "IMPORT", LABEL], "stdin": KEY.upper()}
    assert all(KEY.upper() not in " ".join(process["argv"]).upper() for process in ckds.processes)
    assert KEY.upper() not in json.dumps(result).upper()
    assert KEY.upper() in outcome.no_log_values
    assert result["messages"] == ["RC=0 REASON=0 IMPORTED"]


def test_existing_label_is_left_alone_on_create(monkeypatch):
    ckds = FakeCkds({LABEL: "AB" * 32})
    result = run({"label": LABEL, "key": KEY}, ckds, monkeypatch).result
    assert result["changed"] is False
    assert ckds.verbs() == ["EXISTS"]
    assert ckds.records[LABEL] == "AB" * 32


def test_update_always_replaces_in_place(monkeypatch):
    ckds = FakeCkds({LABEL: "AB" * 32})
    result = run({"label": LABEL, "key": KEY, "update": "always"}, ckds, monkeypatch).result
    assert result["changed"] is True
    assert ckds.verbs() == ["EXISTS", "REPLACE"]  # never DELETE then IMPORT
    assert ckds.records[LABEL] == KEY.upper()


def test_absent_deletes(monkeypatch):
    ckds = FakeCkds({LABEL: KEY})
    result = run({"label": LABEL, "state": "absent"}, ckds, monkeypatch).result
    assert result["changed"] is True
    assert result["after"] == {"label": LABEL, "exists": False, "length": None}
    assert ckds.records == {}


@pytest.mark.parametrize("args, message", [
    ({"label": LABEL, "key": "00" * 31}, "64 to 512 hex digits"),
    ({"label": LABEL, "key": "00" * 257}, "64 to 512 hex digits"),
    ({"label": LABEL, "key": "G" * 64}, "hex digits"),
    ({"label": "1BAD.LABEL", "key": KEY}, "ICSF key label"),
    ({"label": "A" * 65, "key": KEY}, "ICSF key label"),
    ({"label": LABEL}, "key"),
])
def test_bad_input_fails_before_any_request(monkeypatch, args, message):
    ckds = FakeCkds()
    outcome = run(args, ckds, monkeypatch)
    assert outcome.failed
    assert message in outcome.result["msg"]
    assert ckds.processes == []
    assert "G" * 64 not in outcome.result["msg"]


def test_icsf_failure_is_reported_with_codes(monkeypatch):
    ckds = FakeCkds(fail={"IMPORT": "RC=8 REASON=16004 NOT AUTHORIZED"})
    outcome = run({"label": LABEL, "key": KEY}, ckds, monkeypatch)
    assert outcome.failed
    assert "RC=8 REASON=16004" in outcome.result["msg"]
    assert outcome.result["icsf_reason_code"] == 16004
    assert outcome.result["commands"] == ["IMPORT " + LABEL]
    assert outcome.result["changed"] is False


def test_bundled_exec_is_used_and_removed_without_the_environment_variable(monkeypatch):
    seen = []

    def ckds(argv, data=None):
        seen.append(argv[0])
        with open(argv[0]) as handle:
            assert handle.readline().startswith("/* REXX */")
        return 8, "RC=8 REASON=10012 NOT FOUND\n", ""

    monkeypatch.delenv("PASSTICKET_ICSF_EXEC", raising=False)
    result = run_module(icsf_hmac_key, {"label": LABEL, "state": "absent"}, ckds, monkeypatch=monkeypatch).result
    assert result["changed"] is False
    assert not os.path.exists(seen[0])
