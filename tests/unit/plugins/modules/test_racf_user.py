"""racf_user: the have/want plan (pure) and the module against a scripted fake host."""
import json
import re

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils import _racf_user as racf_user
from ansible_collections.mainframe.passticket.plugins.modules import racf_user as racf_user_module

from module_harness import FIXTURES, RACF_EXEC, FakeHost, run_module


# --- pure planning ------------------------------------------------------------

def want(**params):
    return racf_user.normalize_want(params)


def existing(**changes):
    state = {"user": "HOSTUSR", "name": "CSM USER", "owner": "SYS1", "default_group": "SYS1",
             "protected": False, "revoked": False, "attributes": []}
    state.update(changes)
    return state


def test_new_user_gets_a_non_expired_password():
    commands, after = racf_user.plan_user(None, want(full_name="Csm user", default_group="sys1", owner="sys1"), "PW1")
    assert commands == ["ADDUSER HOSTUSR NAME('CSM USER') DFLTGRP(SYS1) OWNER(SYS1)", "ALTUSER HOSTUSR PASSWORD(PW1) NOEXPIRED"]
    assert after == existing()


def test_new_user_left_protected_when_allowed():
    commands, after = racf_user.plan_user(None, want(allow_protected=True), "PW1")
    assert commands == ["ADDUSER HOSTUSR"]
    assert after == {"user": "HOSTUSR", "name": None, "owner": None, "default_group": None,
                     "protected": True, "revoked": False, "attributes": ["PROTECTED"]}


def test_user_as_wanted_needs_nothing():
    have = existing()
    assert racf_user.plan_user(have, want(full_name="csm user", owner="SYS1", default_group="SYS1"), "PW1") == ([], have)


def test_omitted_options_are_left_as_they_are():
    have = existing(owner="IBMUSER")
    assert racf_user.plan_user(have, want(), "PW1") == ([], have)


def test_only_the_differences_are_altered():
    commands, after = racf_user.plan_user(existing(), want(owner="IBMUSER", default_group="SYS1"), "PW1")
    assert commands == ["ALTUSER HOSTUSR OWNER(IBMUSER)"]
    assert after == existing(owner="IBMUSER")


def test_protected_user_gets_a_password_unless_allowed():
    have = existing(protected=True, attributes=["PROTECTED"])
    assert racf_user.plan_user(have, want(), "PW1") == (["ALTUSER HOSTUSR PASSWORD(PW1) NOEXPIRED"], existing())
    assert racf_user.plan_user(have, want(allow_protected=True), "PW1") == ([], have)


def test_revoked_user_is_resumed_only_when_asked():
    have = existing(revoked=True, attributes=["REVOKED"])
    assert racf_user.plan_user(have, want(), "PW1") == ([], have)
    assert racf_user.plan_user(have, want(resume=True), "PW1") == (["ALTUSER HOSTUSR RESUME"], existing())
    # resume of a user that is not revoked does nothing
    assert racf_user.plan_user(existing(), want(resume=True), "PW1") == ([], existing())


def test_absent():
    assert racf_user.plan_user(existing(), want(state="absent"), "PW1") == (["DELUSER HOSTUSR"], None)
    assert racf_user.plan_user(None, want(state="absent"), "PW1") == ([], None)


def test_quotes_in_the_name_cannot_add_an_operand():
    commands, dummy = racf_user.plan_user(None, want(full_name="O'BRIEN) SPECIAL(", allow_protected=True), "PW1")
    assert commands == ["ADDUSER HOSTUSR NAME('O''BRIEN) SPECIAL(')"]


@pytest.mark.parametrize("params, message", [
    ({"user": "1HOSTUSR"}, "invalid user "),
    ({"user": "HOST USR"}, "invalid user "),
    ({"owner": "SYS1 SPECIAL"}, "owner"),
    ({"default_group": "TOOLONGGRP"}, "default group"),
    ({"full_name": "A" * 21}, "at most 20"),
    ({"full_name": "TAB\tNAME"}, "printable"),
    ({"full_name": "   "}, "must not be blank"),
    ({"full_name": ""}, "must not be empty"),
    ({"user": ""}, "user must not be empty"),
])
def test_bad_input_is_rejected_before_any_command(params, message):
    with pytest.raises(ValueError, match=message):
        want(**params)


def test_generated_passwords():
    passwords = set(racf_user.generate_password() for dummy in range(200))
    assert len(passwords) == 200
    for password in passwords:
        assert re.match(r"^[A-Z][A-Z0-9]{7}$", password)
        assert any(character.isdigit() for character in password)


# --- the module against a fake host ---------------------------------------------

def first_block_output(name):
    """Output lines of the first ``### command:`` block of a reference file."""
    blocks = (FIXTURES / name).read_text().split("### command:")[1:]
    return "\n".join(line for line in blocks[0].splitlines()[1:] if not line.startswith("###")) + "\n"


LISTUSER_REAL = first_block_output("listuser.txt")
NOT_FOUND = (r"LISTUSER SQUIDWRD$", 16, first_block_output("listuser_not_found.txt"))
ADDUSER_OK = (r"ADDUSER ", 0, first_block_output("adduser_ok.txt"))
ALTUSER_OK = (r"ALTUSER ", 0, "")


def test_check_mode_reads_only_and_predicts(monkeypatch):
    host = FakeHost([NOT_FOUND])
    outcome = run_module(racf_user_module, {"user": "squidwrd"}, host, check_mode=True, diff=True, monkeypatch=monkeypatch)
    assert not outcome.failed
    result = outcome.result
    assert result["changed"] is True
    assert host.commands() == ["LISTUSER SQUIDWRD"]
    assert result["commands"] == ["ADDUSER SQUIDWRD", "ALTUSER SQUIDWRD PASSWORD(********) NOEXPIRED"]
    assert result["diff"] == {"before": None, "after": result["after"]}
    assert result["after"]["protected"] is False


def test_apply_keeps_the_password_out_of_argv_and_result(monkeypatch):
    host = FakeHost([NOT_FOUND, ADDUSER_OK, ALTUSER_OK])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD"}, host, diff=True, monkeypatch=monkeypatch)
    result = outcome.result
    assert result["changed"] is True
    # every command's message lines, the LISTUSER read included
    assert result["messages"] == ["ICH30001I UNABLE TO LOCATE USER    ENTRY SQUIDWRD", "ICH01024I User SQUIDWRD is defined as PROTECTED."]
    password_process = host.processes[-1]
    password = re.search(r"PASSWORD\((\w+)\)", password_process["stdin"]).group(1)
    assert password_process["argv"] == [RACF_EXEC]
    assert all(password not in " ".join(process["argv"]) for process in host.processes)
    assert password not in json.dumps(result)
    assert password in outcome.no_log_values
    assert result["commands"] == ["ADDUSER SQUIDWRD", "ALTUSER SQUIDWRD PASSWORD(********) NOEXPIRED"]


def test_real_listing_as_wanted_is_unchanged(monkeypatch):
    host = FakeHost([(r"LISTUSER SQUIDWRD$", 0, LISTUSER_REAL)])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD", "full_name": "Squidward", "owner": "leonard"}, host,
                         monkeypatch=monkeypatch)
    assert outcome.result["changed"] is False
    assert outcome.result["commands"] == []
    assert outcome.result["before"] == outcome.result["after"]
    assert host.commands() == ["LISTUSER SQUIDWRD"]


def test_revoked_user_is_reported(monkeypatch):
    revoked = LISTUSER_REAL.replace("ATTRIBUTES=NONE", "ATTRIBUTES=REVOKED")
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD"}, FakeHost([(r"LISTUSER", 0, revoked)]), monkeypatch=monkeypatch)
    assert outcome.result["revoked"] is True
    assert outcome.result["changed"] is False
    assert "REVOKED" in outcome.warnings[0]


def test_failing_command_fails_with_racf_message_and_what_ran(monkeypatch):
    host = FakeHost([NOT_FOUND, (r"ADDUSER ", 8, "ICH01005I NOT AUTHORIZED TO ADD USER SQUIDWRD\n")])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD"}, host, monkeypatch=monkeypatch)
    assert outcome.failed
    assert "ICH01005I NOT AUTHORIZED TO ADD USER SQUIDWRD" in outcome.result["msg"]
    assert outcome.result["commands"] == ["ADDUSER SQUIDWRD"]
    assert outcome.result["changed"] is False
    assert len(host.processes) == 2  # the password command was not attempted


def test_listing_that_is_not_a_listing_fails_instead_of_meaning_absent(monkeypatch):
    host = FakeHost([(r"LISTUSER", 8, "ICH30005I NOT AUTHORIZED TO LIST SQUIDWRD\n")])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD"}, host, monkeypatch=monkeypatch)
    assert outcome.failed
    assert "NOT AUTHORIZED TO LIST" in outcome.result["msg"]
    assert host.commands() == ["LISTUSER SQUIDWRD"]


def test_bad_input_fails_without_any_command(monkeypatch):
    host = FakeHost([])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD", "owner": "SYS1) SPECIAL"}, host, monkeypatch=monkeypatch)
    assert outcome.failed
    assert host.processes == []


def test_failure_after_a_change_reports_the_change(monkeypatch):
    host = FakeHost([NOT_FOUND, ADDUSER_OK, (r"ALTUSER ", 8, "ICH21005I NOT AUTHORIZED TO ALTER SQUIDWRD\n")])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD"}, host, monkeypatch=monkeypatch)
    assert outcome.failed
    assert outcome.result["changed"] is True
    assert outcome.result["commands"] == ["ADDUSER SQUIDWRD", "ALTUSER SQUIDWRD PASSWORD(********) NOEXPIRED"]
    assert "ICH21005I" in outcome.result["msg"]
    assert outcome.result["messages"] == ["ICH30001I UNABLE TO LOCATE USER    ENTRY SQUIDWRD", "ICH01024I User SQUIDWRD is defined as PROTECTED.",
                                          "ICH21005I NOT AUTHORIZED TO ALTER SQUIDWRD"]
