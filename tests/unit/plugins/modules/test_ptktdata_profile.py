"""ptktdata_profile against a scripted fake host: RDEFINE/RALTER/RDELETE, check and diff modes, secrets, errors."""

import json
import re

import pytest

from ansible_collections.mainframe.passticket.plugins.modules import ptktdata_profile
from module_harness import RACF_EXEC, FakeHost, run_module

KEY = "0123456789abcdef"
NAME = "IOSHMCSM.HOSTUSR"
NOT_FOUND = "ICH13003I IOSHMCSM.HOSTUSR NOT FOUND\n"
ADDED = (
    "ICH10006I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE ADDITION(S) UNTIL A SETROPTS REFRESH IS ISSUED.\n"
)
UPDATED = (
    "ICH11009I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE UPDATE(S) UNTIL A SETROPTS REFRESH IS ISSUED.\n"
)
CSM = {
    "name": NAME,
    "eptkeylabel": "USRLCL.CKDS.CSM",
    "type": "upper",
    "timeout": 600,
    "appldata": "CSM TO HYPERSWAP CONNECTION",
}


# the reported SSIGNON form; the key label and Type lines follow its grammar (UNCONFIRMED)
ENHANCED_LINES = (
    "Enhanced PassTicket: Key label = USRLCL.CKDS.CSM",
    "Enhanced PassTicket: Type = UPPER",
    "Enhanced PassTicket: Timeout = 600",
    "Enhanced PassTicket: Replay allowed = No",
)


@pytest.fixture(autouse=True)
def listing_interface(monkeypatch):
    """These tests read RLIST, chosen through the environment variable (the module's env source)."""
    monkeypatch.setenv("PASSTICKET_READ_INTERFACE", "listing")


def listing(appldata="CSM TO HYPERSWAP CONNECTION", ssignon=ENHANCED_LINES):
    """RLIST output: base layout [real]; SSIGNON lines in the reported form."""
    lines = [
        "CLASS      NAME",
        "-----      ----",
        "PTKTDATA   " + NAME,
        "",
        "LEVEL  OWNER      UNIVERSAL ACCESS  YOUR ACCESS  WARNING",
        "-----  --------   ----------------  -----------  -------",
        " 00    SYSADM          NONE              ALTER    NO",
        "",
        "INSTALLATION DATA",
        "-----------------",
        "NONE",
        "",
        "APPLICATION DATA",
        "----------------",
        appldata,
        "",
        "AUDITING",
        "--------",
        "FAILURES(READ)",
        "",
        "NOTIFY",
        "------",
        "NO USER TO BE NOTIFIED",
    ]
    if ssignon:
        lines += ["", "SSIGNON INFORMATION", "-------------------"] + list(ssignon)
    return "\n".join(lines) + "\n"


class SequenceHost(FakeHost):
    """Answers in order: each command must match the next (regex, rc, stdout)."""

    def __call__(self, argv, data=None):
        self.processes.append({"argv": list(argv), "stdin": data})
        command = argv[1] if argv[0] == "tsocmd" else (data or "")
        assert self.answers, "unexpected command {0!r}".format(command)
        pattern, rc, stdout = self.answers.pop(0)
        assert re.match(pattern, command), "{0!r} does not match {1!r}".format(command, pattern)
        return rc, stdout, (command + "\n" if argv[0] == "tsocmd" else "")


def test_create_in_check_mode_reads_only_and_hides_the_key(monkeypatch):
    fake = SequenceHost([(r"RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON$", 4, NOT_FOUND)])
    args = dict(CSM, legacy_key=KEY)
    outcome = run_module(ptktdata_profile, args, fake, check_mode=True, diff=True, monkeypatch=monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is True
    assert outcome.result["commands"] == [
        "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('CSM TO HYPERSWAP CONNECTION') "
        "SSIGNON(KEYMASKED(********) EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) TIMEOUT(600))"
    ]
    assert outcome.result["diff"]["before"] is None
    assert outcome.result["diff"]["after"]["ssignon"] == {
        "legacy_key": "masked",
        "legacy_keylabel": None,
        "eptkeylabel": "USRLCL.CKDS.CSM",
        "type": "UPPER",
        "timeout": 600,
        "replay": False,
    }
    assert outcome.result["refresh_needed"] is True
    assert KEY.upper() not in json.dumps(outcome.result).upper()
    assert KEY in outcome.no_log_values or KEY.upper() in outcome.no_log_values
    assert len(fake.processes) == 1


def test_create_sends_the_key_only_through_the_exec_stdin(monkeypatch):
    fake = SequenceHost(
        [
            (r"RLIST ", 4, NOT_FOUND),
            (r"RDEFINE PTKTDATA IOSHMCSM.HOSTUSR .*KEYMASKED\(0123456789ABCDEF\)", 0, ADDED),
        ]
    )
    outcome = run_module(ptktdata_profile, dict(CSM, legacy_key=KEY), fake, diff=True, monkeypatch=monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is True
    rdefine = fake.processes[1]
    assert rdefine["argv"] == [RACF_EXEC] and KEY.upper() in rdefine["stdin"]
    assert all(KEY.upper() not in " ".join(p["argv"]).upper() for p in fake.processes)
    assert fake.processes[0]["argv"][0] == "tsocmd" and len(fake.processes) == 2
    assert outcome.result["after"]["owner"] is None  # predicted: RACF chooses the owner of a new profile
    assert outcome.result["after"]["ssignon"]["legacy_key"] == "masked"
    assert outcome.result["refresh_needed"] is True
    assert outcome.result["messages"] == [NOT_FOUND.strip(), ADDED.strip()]
    assert KEY.upper() not in json.dumps(outcome.result).upper()


def test_equal_profile_is_left_alone(monkeypatch):
    fake = SequenceHost([(r"RLIST ", 0, listing())])
    outcome = run_module(ptktdata_profile, dict(CSM, type="UPPER".lower()), fake, diff=True, monkeypatch=monkeypatch)
    assert (outcome.result["changed"], outcome.result["commands"], outcome.result["refresh_needed"]) == (
        False,
        [],
        False,
    )
    assert outcome.result["diff"]["before"] == outcome.result["diff"]["after"]


def test_only_the_difference_is_altered(monkeypatch):
    fake = SequenceHost([(r"RLIST ", 0, listing(appldata="OLD")), (r"RALTER ", 0, UPDATED)])
    outcome = run_module(ptktdata_profile, dict(CSM, timeout=600), fake, monkeypatch=monkeypatch)
    assert fake.commands()[1] == "RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('CSM TO HYPERSWAP CONNECTION')"
    assert fake.processes[1]["argv"][0] == "tsocmd"
    assert (
        outcome.result["before"]["appldata"] == "OLD"
        and outcome.result["after"]["appldata"] == "CSM TO HYPERSWAP CONNECTION"
    )


def test_hostile_appldata_stays_one_quoted_operand(monkeypatch):
    hostile = "X') UACC(ALTER) OWNER(EVIL) DATA('(Y)"
    fake = SequenceHost([(r"RLIST ", 0, listing()), (r"RALTER ", 0, UPDATED)])
    outcome = run_module(ptktdata_profile, {"name": NAME, "appldata": hostile}, fake, monkeypatch=monkeypatch)
    assert fake.commands()[1] == "RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('X'') UACC(ALTER) OWNER(EVIL) DATA(''(Y)')"
    assert not outcome.failed


def test_absent(monkeypatch):
    fake = SequenceHost(
        [(r"RLIST ", 0, listing()), (r"RDELETE PTKTDATA IOSHMCSM.HOSTUSR$", 0, "ICH12002I RACLISTED ... DELETION(S)\n")]
    )
    outcome = run_module(ptktdata_profile, {"name": NAME, "state": "absent"}, fake, diff=True, monkeypatch=monkeypatch)
    assert outcome.result["changed"] is True and outcome.result["after"] is None
    assert outcome.result["refresh_needed"] is True
    fake = SequenceHost([(r"RLIST ", 4, NOT_FOUND)])
    outcome = run_module(ptktdata_profile, {"name": NAME, "state": "absent"}, fake, monkeypatch=monkeypatch)
    assert (outcome.result["changed"], outcome.result["commands"]) == (False, [])


def test_not_allowed_to_view_ssignon_fails_before_writing(monkeypatch):
    fake = SequenceHost(
        [(r"RLIST ", 0, listing(ssignon=()) + "IRR52021I You are not authorized to view SSIGNON segments.\n")]
    )
    outcome = run_module(ptktdata_profile, CSM, fake, monkeypatch=monkeypatch)
    assert outcome.failed and "IRR52021I" in outcome.result["msg"]
    assert "cannot read eptkeylabel, type, timeout of PTKTDATA profile IOSHMCSM.HOSTUSR" in outcome.result["msg"]
    assert len(fake.processes) == 1 and outcome.result["changed"] is False


@pytest.mark.parametrize(
    "line",
    [
        "Enhanced PassTicket: Timeout = sixty",
        "Enhanced PassTicket: Replay allowed = Maybe",
        "Enhanced PassTicket: Something new = 1",
        "SOMETHING RACF PRINTS THAT NOBODY EXPECTED",
    ],
)
def test_an_ssignon_line_it_cannot_interpret_fails_before_writing(monkeypatch, line):
    fake = SequenceHost([(r"RLIST ", 0, listing(ssignon=ENHANCED_LINES[:2] + (line,)))])
    outcome = run_module(ptktdata_profile, CSM, fake, monkeypatch=monkeypatch)
    assert outcome.failed and outcome.result["changed"] is False and len(fake.processes) == 1
    assert "cannot read" in outcome.result["msg"] and "PTKTDATA profile IOSHMCSM.HOSTUSR" in outcome.result["msg"]
    assert line in outcome.result["msg"]


def test_failed_rdefine_reports_racf_message_and_no_change(monkeypatch):
    fake = SequenceHost(
        [(r"RLIST ", 4, NOT_FOUND), (r"RDEFINE ", 8, "ICH10103I NOT AUTHORIZED TO DEFINE IOSHMCSM.HOSTUSR.\n")]
    )
    outcome = run_module(ptktdata_profile, dict(CSM, legacy_key=KEY), fake, monkeypatch=monkeypatch)
    assert outcome.failed and "ICH10103I NOT AUTHORIZED TO DEFINE" in outcome.result["msg"]
    assert outcome.result["changed"] is False
    assert "********" in outcome.result["msg"] and KEY.upper() not in json.dumps(outcome.result).upper()


def test_racf_echoing_the_key_is_masked(monkeypatch):
    # whatever RACF prints, a registered secret never reaches the result
    fake = SequenceHost(
        [(r"RLIST ", 4, NOT_FOUND), (r"RDEFINE ", 12, "IKJ56702I INVALID KEYMASKED, {0}\n".format(KEY.upper()))]
    )
    outcome = run_module(ptktdata_profile, dict(CSM, legacy_key=KEY), fake, monkeypatch=monkeypatch)
    assert outcome.failed
    assert KEY.upper() not in json.dumps(outcome.result).upper()
    assert "IKJ56702I INVALID KEYMASKED, ********" in outcome.result["messages"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"name": "APPL.*"}, "invalid PTKTDATA profile name"),
        ({"name": NAME, "legacy_key": "0123"}, "legacy_key must be 16 hex digits"),
        ({"name": NAME, "timeout": 601}, "invalid timeout"),
        ({"name": NAME, "eptkeylabel": "LABEL) KEYMASKED(00"}, "invalid eptkeylabel"),
        ({"name": NAME, "appldata": "A" * 256}, "at most 255"),
        ({"name": NAME, "uacc": "all"}, "invalid uacc"),
        ({"name": NAME, "legacy_key": KEY, "legacy_keylabel": "A.B"}, "mutually exclusive"),
    ],
)
def test_bad_input_fails_before_any_command(monkeypatch, args, message):
    fake = SequenceHost([])
    outcome = run_module(ptktdata_profile, args, fake, monkeypatch=monkeypatch)
    assert outcome.failed and message in outcome.result["msg"]
    assert fake.processes == []


# -- steady state and misreads on both read paths ------------------------------------------
import fake_extract  # noqa: E402

EXTRACT_CSM = fake_extract.found(
    "PTKTDATA",
    NAME,
    {
        "BASE": {"OWNER": "SYSADM", "UACC": "NONE", "APPLDATA": "CSM TO HYPERSWAP CONNECTION"},
        "SSIGNON": {"PTKEYLAB": "USRLCL.CKDS.CSM", "PTTYPE": "UPPER", "PTTIMEO": "600", "PTREPLAY": "FALSE"},
    },
)


def test_steady_state_through_irrxutil_is_one_extract_and_no_command(monkeypatch):
    calls = fake_extract.install(monkeypatch, [EXTRACT_CSM])
    fake = SequenceHost([])
    outcome = run_module(
        ptktdata_profile, dict(CSM, replay=False, read_interface="irrxutil"), fake, monkeypatch=monkeypatch
    )
    assert not outcome.failed and outcome.result["changed"] is False and outcome.result["read_interface"] == "irrxutil"
    assert calls == [[("PTKTDATA", NAME)]] and fake.processes == []


def test_steady_state_through_the_reported_listing(monkeypatch):
    fake = SequenceHost([(r"RLIST ", 0, listing())])
    outcome = run_module(ptktdata_profile, dict(CSM, replay=False), fake, monkeypatch=monkeypatch)
    assert not outcome.failed and outcome.result["changed"] is False and outcome.result["read_interface"] == "listing"


@pytest.mark.parametrize(
    "line, option, value",
    [
        ("Enhanced PassTicket: Timeout = 60", "timeout", 600),
        ("Enhanced PassTicket: Replay allowed = Yes", "replay", False),
        ("Enhanced PassTicket: Type = MIXED", "type", "upper"),
        ("Enhanced PassTicket: Key label = OTHER.LABEL", "eptkeylabel", "USRLCL.CKDS.CSM"),
    ],
)
def test_the_listing_path_reads_each_field(monkeypatch, line, option, value):
    """A listing showing another value makes exactly that operand differ: a misread field would not."""
    lines = [entry for entry in ENHANCED_LINES if entry.split("=", maxsplit=1)[0] != line.split("=", maxsplit=1)[0]] + [
        line
    ]
    fake = SequenceHost([(r"RLIST ", 0, listing(ssignon=tuple(lines)))])
    outcome = run_module(
        ptktdata_profile, {"name": NAME, option: value}, fake, check_mode=True, monkeypatch=monkeypatch
    )
    keyword = {
        "timeout": "TIMEOUT(600)",
        "replay": "REPLAY(NO)",
        "type": "TYPE(UPPER)",
        "eptkeylabel": "EPTKEYLABEL(USRLCL.CKDS.CSM)",
    }
    assert outcome.result["commands"] == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON({0})".format(keyword[option])]


def test_irrxutil_without_a_visible_ssignon_segment_fails_changing_nothing(monkeypatch):
    fake_extract.install(
        monkeypatch, [fake_extract.found("PTKTDATA", NAME, {"BASE": {"OWNER": "SYSADM", "UACC": "NONE"}})]
    )
    fake = SequenceHost([])
    outcome = run_module(ptktdata_profile, dict(CSM, read_interface="irrxutil"), fake, monkeypatch=monkeypatch)
    assert outcome.failed and outcome.result["changed"] is False and fake.processes == []
    assert "may not read SSIGNON" in outcome.result["msg"] and "BASE.OWNER=SYSADM" in outcome.result["msg"]
    assert outcome.result["commands"] == []


def test_irrxutil_without_the_compared_field_fails_changing_nothing(monkeypatch):
    segments = {
        "BASE": {"OWNER": "SYSADM", "UACC": "NONE"},
        "SSIGNON": {"PTKEYLAB": "USRLCL.CKDS.CSM", "PTTYPE": "UPPER"},
    }
    fake_extract.install(monkeypatch, [fake_extract.found("PTKTDATA", NAME, segments)])
    outcome = run_module(
        ptktdata_profile,
        {"name": NAME, "timeout": 600, "read_interface": "irrxutil"},
        SequenceHost([]),
        monkeypatch=monkeypatch,
    )
    assert outcome.failed and "cannot read timeout of PTKTDATA profile IOSHMCSM.HOSTUSR" in outcome.result["msg"]
    assert "PTTIMEO" in outcome.result["msg"]


def test_irrxutil_create_and_the_key_never_in_the_result(monkeypatch):
    fake_extract.install(monkeypatch, [fake_extract.not_found("PTKTDATA", NAME)])
    fake = SequenceHost([(r"RDEFINE ", 0, ADDED)])
    outcome = run_module(
        ptktdata_profile, dict(CSM, legacy_key=KEY, read_interface="irrxutil"), fake, monkeypatch=monkeypatch
    )
    assert outcome.result["changed"] is True and outcome.result["before"] is None
    assert fake.processes[0]["argv"] == [RACF_EXEC]
    assert KEY.upper() not in json.dumps(outcome.result).upper()


def test_an_unreadable_ssignon_that_is_not_compared_is_a_warning_not_a_failure(monkeypatch):
    fake = SequenceHost(
        [
            (
                r"RLIST ",
                0,
                listing(appldata="OLD", ssignon=()) + "IRR52021I You are not authorized to view SSIGNON segments.\n",
            ),
            (r"RALTER ", 0, UPDATED),
        ]
    )
    outcome = run_module(ptktdata_profile, {"name": NAME, "appldata": "NEW"}, fake, monkeypatch=monkeypatch)
    assert not outcome.failed and outcome.result["commands"] == ["RALTER PTKTDATA IOSHMCSM.HOSTUSR APPLDATA('NEW')"]
    assert "could not read" in outcome.warnings[0] and "IRR52021I" in outcome.warnings[0]
