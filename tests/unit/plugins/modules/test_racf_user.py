"""racf_user: the have/want plan (pure) and the module against a scripted fake host."""

import json
import re

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import Read, UnreadableField
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import racf_user
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import SecretCommand
from ansible_collections.mainframe.passticket.plugins.modules import racf_user as racf_user_module
from module_harness import FIXTURES, RACF_EXEC, FakeHost, run_module


@pytest.fixture(autouse=True)
def listing_interface(monkeypatch):
    """The module tests read LISTUSER, chosen through the environment variable (the module's env source)."""
    monkeypatch.setenv("PASSTICKET_READ_INTERFACE", "listing")


# --- pure planning ------------------------------------------------------------


def want(**params):
    return racf_user.normalize_want(params)


def plan_user(have, wanted, password, unreadable=None):
    """The plan as (commands, after), from a Read of ``have``."""
    plan = racf_user.plan_user(Read(have, unreadable or {}, ["USER=HOSTUSR ..."]), wanted, password)
    assert plan.before == have
    return plan.commands, plan.after


def existing(**changes):
    state = {
        "user": "HOSTUSR",
        "name": "CSM USER",
        "owner": "SYS1",
        "default_group": "SYS1",
        "protected": False,
        "revoked": False,
        "attributes": [],
    }
    state.update(changes)
    return state


def test_new_user_gets_a_non_expired_password():
    commands, after = plan_user(None, want(full_name="Csm user", default_group="sys1", owner="sys1"), "PW1")
    assert commands == [
        "ADDUSER HOSTUSR NAME('CSM USER') DFLTGRP(SYS1) OWNER(SYS1)",
        "ALTUSER HOSTUSR PASSWORD(PW1) NOEXPIRED",
    ]
    assert after == existing()


def test_the_password_command_is_a_secret_command():
    commands, dummy = plan_user(existing(protected=True, attributes=["PROTECTED"]), want(), "PW1")
    assert [isinstance(command, SecretCommand) for command in commands] == [True]
    commands, dummy = plan_user(None, want(), "PW1")
    assert [isinstance(command, SecretCommand) for command in commands] == [False, True]


def test_a_compared_field_that_could_not_be_read_fails_before_any_command():
    with pytest.raises(UnreadableField, match="cannot read protected of user HOSTUSR"):
        plan_user(
            existing(protected=None), want(), "PW1", unreadable={"protected": "the listing has no ATTRIBUTES= line"}
        )
    # not compared when PROTECTED is allowed
    assert plan_user(
        existing(protected=None), want(allow_protected=True), "PW1", unreadable={"protected": "no ATTRIBUTES"}
    ) == ([], existing(protected=None))


def test_new_user_left_protected_when_allowed():
    commands, after = plan_user(None, want(allow_protected=True), "PW1")
    assert commands == ["ADDUSER HOSTUSR"]
    assert after == {
        "user": "HOSTUSR",
        "name": None,
        "owner": None,
        "default_group": None,
        "protected": True,
        "revoked": False,
        "attributes": ["PROTECTED"],
    }


def test_user_as_wanted_needs_nothing():
    have = existing()
    assert plan_user(have, want(full_name="csm user", owner="SYS1", default_group="SYS1"), "PW1") == ([], have)


def test_omitted_options_are_left_as_they_are():
    have = existing(owner="IBMUSER")
    assert plan_user(have, want(), "PW1") == ([], have)


def test_only_the_differences_are_altered():
    commands, after = plan_user(existing(), want(owner="IBMUSER", default_group="SYS1"), "PW1")
    assert commands == ["ALTUSER HOSTUSR OWNER(IBMUSER)"]
    assert after == existing(owner="IBMUSER")


def test_protected_user_gets_a_password_unless_allowed():
    have = existing(protected=True, attributes=["PROTECTED"])
    assert plan_user(have, want(), "PW1") == (["ALTUSER HOSTUSR PASSWORD(PW1) NOEXPIRED"], existing())
    assert plan_user(have, want(allow_protected=True), "PW1") == ([], have)


def test_revoked_user_is_resumed_only_when_asked():
    have = existing(revoked=True, attributes=["REVOKED"])
    assert plan_user(have, want(), "PW1") == ([], have)
    assert plan_user(have, want(resume=True), "PW1") == (["ALTUSER HOSTUSR RESUME"], existing())
    # resume of a user that is not revoked does nothing
    assert plan_user(existing(), want(resume=True), "PW1") == ([], existing())


def test_absent():
    assert plan_user(existing(), want(state="absent"), "PW1") == (["DELUSER HOSTUSR"], None)
    assert plan_user(None, want(state="absent"), "PW1") == ([], None)


def test_quotes_in_the_name_cannot_add_an_operand():
    commands, dummy = plan_user(None, want(full_name="O'BRIEN) SPECIAL(", allow_protected=True), "PW1")
    assert commands == ["ADDUSER HOSTUSR NAME('O''BRIEN) SPECIAL(')"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"user": "1HOSTUSR"}, "invalid user "),
        ({"user": "HOST USR"}, "invalid user "),
        ({"owner": "SYS1 SPECIAL"}, "owner"),
        ({"default_group": "TOOLONGGRP"}, "default group"),
        ({"full_name": "A" * 21}, "at most 20"),
        ({"full_name": "TAB\tNAME"}, "printable"),
        ({"full_name": "   "}, "must not be blank"),
        ({"full_name": ""}, "must not be empty"),
        ({"user": ""}, "user must not be empty"),
    ],
)
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
    outcome = run_module(
        racf_user_module, {"user": "squidwrd"}, host, check_mode=True, diff=True, monkeypatch=monkeypatch
    )
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
    assert result["messages"] == [
        "ICH30001I UNABLE TO LOCATE USER    ENTRY SQUIDWRD",
        "ICH01024I User SQUIDWRD is defined as PROTECTED.",
    ]
    password_process = host.processes[-1]
    password = re.search(r"PASSWORD\((\w+)\)", password_process["stdin"]).group(1)
    assert password_process["argv"] == [RACF_EXEC]
    assert all(password not in " ".join(process["argv"]) for process in host.processes)
    assert password not in json.dumps(result)
    assert password in outcome.no_log_values
    assert result["commands"] == ["ADDUSER SQUIDWRD", "ALTUSER SQUIDWRD PASSWORD(********) NOEXPIRED"]


def test_real_listing_as_wanted_is_unchanged(monkeypatch):
    host = FakeHost([(r"LISTUSER SQUIDWRD$", 0, LISTUSER_REAL)])
    outcome = run_module(
        racf_user_module,
        {"user": "SQUIDWRD", "full_name": "Squidward", "owner": "leonard"},
        host,
        monkeypatch=monkeypatch,
    )
    assert outcome.result["changed"] is False
    assert outcome.result["commands"] == []
    assert outcome.result["before"] == outcome.result["after"]
    assert host.commands() == ["LISTUSER SQUIDWRD"]


def test_revoked_user_is_reported(monkeypatch):
    revoked = LISTUSER_REAL.replace("ATTRIBUTES=NONE", "ATTRIBUTES=REVOKED")
    outcome = run_module(
        racf_user_module, {"user": "SQUIDWRD"}, FakeHost([(r"LISTUSER", 0, revoked)]), monkeypatch=monkeypatch
    )
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
    outcome = run_module(
        racf_user_module, {"user": "SQUIDWRD", "owner": "SYS1) SPECIAL"}, host, monkeypatch=monkeypatch
    )
    assert outcome.failed
    assert host.processes == []


def test_failure_after_a_change_reports_the_change(monkeypatch):
    host = FakeHost([NOT_FOUND, ADDUSER_OK, (r"ALTUSER ", 8, "ICH21005I NOT AUTHORIZED TO ALTER SQUIDWRD\n")])
    outcome = run_module(racf_user_module, {"user": "SQUIDWRD"}, host, monkeypatch=monkeypatch)
    assert outcome.failed
    assert outcome.result["changed"] is True
    assert outcome.result["commands"] == ["ADDUSER SQUIDWRD", "ALTUSER SQUIDWRD PASSWORD(********) NOEXPIRED"]
    assert "ICH21005I" in outcome.result["msg"]
    assert outcome.result["messages"] == [
        "ICH30001I UNABLE TO LOCATE USER    ENTRY SQUIDWRD",
        "ICH01024I User SQUIDWRD is defined as PROTECTED.",
        "ICH21005I NOT AUTHORIZED TO ALTER SQUIDWRD",
    ]


# --- both read interfaces ---------------------------------------------------------
import fake_extract  # noqa: E402

SQUIDWRD_BASE = {
    "NAME": "SQUIDWARD",
    "OWNER": "LEONARD",
    "DFLTGRP": "SYS1",
    "SPECIAL": "FALSE",
    "OPER": "FALSE",
    "AUDITOR": "FALSE",
    "ROAUDIT": "FALSE",
    "REST": "FALSE",
    "PROTECTD": "FALSE",
    "REVOKEFL": "FALSE",
}
AS_LISTED = {"user": "SQUIDWRD", "full_name": "Squidward", "owner": "leonard", "default_group": "sys1"}


def squidwrd(**fields):
    return fake_extract.found("USER", "SQUIDWRD", {"BASE": dict(SQUIDWRD_BASE, **fields)})


def test_steady_state_through_irrxutil_matches_the_listing(monkeypatch):
    calls = fake_extract.install(monkeypatch, [squidwrd()])
    host = FakeHost([(r"LISTUSER SQUIDWRD$", 0, LISTUSER_REAL)])
    through_extract = run_module(
        racf_user_module, dict(AS_LISTED, read_interface="irrxutil"), host, monkeypatch=monkeypatch
    )
    assert through_extract.result["changed"] is False and through_extract.result["read_interface"] == "irrxutil"
    assert calls == [[("USER", "SQUIDWRD")]] and host.processes == []
    through_listing = run_module(
        racf_user_module, dict(AS_LISTED, read_interface="listing"), host, monkeypatch=monkeypatch
    )
    assert through_listing.result["changed"] is False
    assert through_listing.result["before"] == through_extract.result["before"]


@pytest.mark.parametrize(
    "field, value, command",
    [
        ("PROTECTD", "TRUE", "ALTUSER SQUIDWRD PASSWORD(********) NOEXPIRED"),
        ("OWNER", "SYS1", "ALTUSER SQUIDWRD OWNER(LEONARD)"),
        ("DFLTGRP", "OTHER", "ALTUSER SQUIDWRD DFLTGRP(SYS1)"),
        ("NAME", "PATRICK", "ALTUSER SQUIDWRD NAME('SQUIDWARD')"),
    ],
)
def test_each_user_extract_field(monkeypatch, field, value, command):
    fake_extract.install(monkeypatch, [squidwrd(**{field: value})])
    outcome = run_module(
        racf_user_module,
        dict(AS_LISTED, read_interface="irrxutil"),
        FakeHost([]),
        check_mode=True,
        monkeypatch=monkeypatch,
    )
    assert outcome.result["commands"] == [command]


def test_revoked_through_irrxutil_is_resumed_when_asked(monkeypatch):
    fake_extract.install(monkeypatch, [squidwrd(REVOKEFL="TRUE")])
    outcome = run_module(
        racf_user_module,
        dict(AS_LISTED, resume=True, read_interface="irrxutil"),
        FakeHost([]),
        check_mode=True,
        monkeypatch=monkeypatch,
    )
    assert outcome.result["before"]["revoked"] is True and outcome.result["before"]["attributes"] == ["REVOKED"]
    assert outcome.result["commands"] == ["ALTUSER SQUIDWRD RESUME"]


def test_an_extract_without_protectd_fails_before_any_change(monkeypatch):
    base = dict(SQUIDWRD_BASE)
    del base["PROTECTD"]
    fake_extract.install(monkeypatch, [fake_extract.found("USER", "SQUIDWRD", {"BASE": base})])
    host = FakeHost([])
    outcome = run_module(racf_user_module, dict(AS_LISTED, read_interface="irrxutil"), host, monkeypatch=monkeypatch)
    assert outcome.failed and host.processes == []
    assert "cannot read protected of user SQUIDWRD" in outcome.result["msg"] and "PROTECTD" in outcome.result["msg"]


def test_a_listing_without_attributes_fails_before_any_change(monkeypatch):
    listing = "\n".join(line for line in LISTUSER_REAL.splitlines() if "ATTRIBUTES=" not in line or "CONNECT" in line)
    host = FakeHost([(r"LISTUSER SQUIDWRD$", 0, listing)])
    outcome = run_module(racf_user_module, AS_LISTED, host, monkeypatch=monkeypatch)
    assert outcome.failed and host.commands() == ["LISTUSER SQUIDWRD"]
    assert (
        "cannot read protected of user SQUIDWRD" in outcome.result["msg"] and "USER=SQUIDWRD" in outcome.result["msg"]
    )
