"""passticket_info: subsets, clock difference, read-only commands; and its action plugin."""

import json
from pathlib import Path
from unittest import mock

import pytest

from ansible_collections.mainframe.passticket.plugins.action import passticket_info as passticket_info_action
from ansible_collections.mainframe.passticket.plugins.modules import passticket_info
from module_harness import FakeHost, run_module

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"
ICSF_EXEC = "/site/bin/icsfhmac"


def fixture_output(name):
    return "\n".join(line for line in (FIXTURES / name).read_text().splitlines() if not line.startswith("###")) + "\n"


CALLER = fixture_output("listuser.txt").replace("ATTRIBUTES=NONE", "ATTRIBUTES=SPECIAL")
SSIGNON_RLIST = (
    fixture_output("rlist_base.txt").replace("ELIJTEST   TESTING", "PTKTDATA   IOSHMCSM.HOSTUSR")
    + """
SSIGNON INFORMATION
-------------------
Enhanced PassTicket: Key label = USRLCL.CKDS.CSM
Enhanced PassTicket: Type = UPPER
Enhanced PassTicket: Timeout = 600
Enhanced PassTicket: Replay allowed = No
"""
)


@pytest.fixture(autouse=True)
def listing_interface(monkeypatch):
    """These tests read listings, chosen through the environment variable (the module's env source)."""
    monkeypatch.setenv("PASSTICKET_READ_INTERFACE", "listing")


class FakeZos(FakeHost):
    """tsocmd answers plus uname, date and the ICSF exec."""

    def __call__(self, argv, data=None):
        if argv[0] == "uname":
            self.processes.append({"argv": list(argv), "stdin": data})
            return 0, "z/OS 05.00 02\n", ""
        if argv[0] == "date":
            self.processes.append({"argv": list(argv), "stdin": data})
            return 0, "1700000100\n", ""
        if argv[0] == ICSF_EXEC:
            self.processes.append({"argv": list(argv), "stdin": data})
            return 0, "RC=0 REASON=0 FOUND MINLENGTH=61 MAXLENGTH=68\n", ""
        return super(FakeZos, self).__call__(argv, data)


ANSWERS = [
    (r"LISTUSER$", 0, CALLER),
    (r"SETROPTS LIST$", 0, fixture_output("setropts_list.txt")),
    (r"RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON$", 0, SSIGNON_RLIST),
    (r"RLIST PTKTDATA NOPE.HOSTUSR SSIGNON$", 4, "ICH13003I NOPE.HOSTUSR NOT FOUND\n"),
    (r"LISTUSER SQUIDWRD$", 0, fixture_output("listuser.txt")),
    (r"LISTUSER HOSTUSR$", 4, "ICH30001I UNABLE TO LOCATE USER    ENTRY HOSTUSR\n"),
]


def run(args, host, monkeypatch, **kwargs):
    monkeypatch.setenv("PASSTICKET_ICSF_EXEC", ICSF_EXEC)
    return run_module(passticket_info, args, host, monkeypatch=monkeypatch, **kwargs)


@pytest.mark.parametrize(
    "params, subsets",
    [
        ({}, ["release", "clock", "caller", "class"]),
        ({"user": "HOSTUSR", "label": "A.B"}, ["release", "clock", "caller", "class", "user", "label"]),
        ({"gather_subset": ["clock"], "user": "HOSTUSR"}, ["clock"]),
        ({"gather_subset": ["user", "release"], "user": "HOSTUSR"}, ["release", "user"]),
    ],
)
def test_subsets(params, subsets):
    assert passticket_info.subsets_to_gather(params) == subsets


def test_subset_without_its_option_is_an_error():
    with pytest.raises(ValueError, match="profile"):
        passticket_info.subsets_to_gather({"gather_subset": ["profile"]})


def test_everything_in_one_call(monkeypatch):
    host = FakeZos(ANSWERS)
    outcome = run(
        {"profile": "ioshmcsm.hostusr", "user": "squidwrd", "label": "usrlcl.ckds.csm", "controller_time": 1700000000},
        host,
        monkeypatch,
        check_mode=True,
    )
    result = outcome.result
    assert not outcome.failed
    assert result["changed"] is False
    assert result["zos_release"] == "2.5"
    assert result["zos_uname"] == "z/OS 05.00 02"
    assert result["utc_time"] == 1700000100
    assert result["clock_difference"] == 100
    assert result["caller"] == {"user": "SQUIDWRD", "special": True}
    assert result["class"] == {"class": "PTKTDATA", "active": True, "raclist": True, "generic": True}
    assert result["profile"]["name"] == "IOSHMCSM.HOSTUSR"
    assert result["profile"]["ssignon"]["eptkeylabel"] == "USRLCL.CKDS.CSM"
    assert result["profile"]["ssignon"]["timeout"] == 600
    assert result["user"]["user"] == "SQUIDWRD"
    assert result["user"]["protected"] is False
    assert result["label"] == {"label": "USRLCL.CKDS.CSM", "exists": True, "min_length": 61, "max_length": 68}
    assert result["commands"] == [
        "LISTUSER",
        "SETROPTS LIST",
        "RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON",
        "LISTUSER SQUIDWRD",
    ]
    # read-only: no command that changes anything
    assert not any(
        command.split()[0] in ("ADDUSER", "ALTUSER", "RDEFINE", "RALTER", "SETROPTS") and command != "SETROPTS LIST"
        for command in host.commands()
        if command
    )


def test_absent_profile_and_user_are_null(monkeypatch):
    result = run(
        {"profile": "NOPE.HOSTUSR", "user": "HOSTUSR", "gather_subset": ["profile", "user"]},
        FakeZos(ANSWERS),
        monkeypatch,
    ).result
    assert result["profile"] is None
    assert result["user"] is None
    assert "zos_release" not in result


def test_clock_difference_is_null_without_controller_time(monkeypatch):
    result = run({"gather_subset": ["clock"]}, FakeZos(ANSWERS), monkeypatch).result
    assert result["utc_time"] == 1700000100
    assert result["clock_difference"] is None


def test_refused_listing_fails_rather_than_reading_absent(monkeypatch):
    host = FakeZos([(r"LISTUSER HOSTUSR$", 8, "ICH30005I NOT AUTHORIZED TO LIST HOSTUSR\n")])
    outcome = run({"user": "HOSTUSR", "gather_subset": ["user"]}, host, monkeypatch)
    assert outcome.failed
    assert "ICH30005I" in outcome.result["msg"]


def test_action_plugin_fills_controller_time_only_when_omitted():
    def action_with(args):
        task = mock.MagicMock(args=args, async_val=0)
        action = passticket_info_action.ActionModule(
            task, mock.MagicMock(), mock.MagicMock(), loader=None, templar=None, shared_loader_obj=None
        )
        action._execute_module = mock.MagicMock(return_value={"changed": False})
        return action

    action = action_with({"user": "HOSTUSR"})
    with (
        mock.patch.object(passticket_info_action.ActionBase, "run", return_value={}),
        mock.patch.object(passticket_info_action.time, "time", return_value=1700000000.7),
    ):
        assert action.run(task_vars={}) == {"changed": False}
    kwargs = action._execute_module.call_args.kwargs
    assert kwargs["module_name"] == "mainframe.passticket.passticket_info"
    assert kwargs["module_args"] == {"user": "HOSTUSR", "controller_time": 1700000000}

    action = action_with({"controller_time": 5})
    with mock.patch.object(passticket_info_action.ActionBase, "run", return_value={}):
        action.run(task_vars={})
    assert action._execute_module.call_args.kwargs["module_args"] == {"controller_time": 5}
    json.dumps(kwargs)


# -- one extract for class, profile and user; the authority report -----------------------
import fake_extract  # noqa: E402


def test_irrxutil_reads_class_profile_and_user_in_one_extract(monkeypatch):
    calls = fake_extract.install(
        monkeypatch,
        [
            fake_extract.found(
                "_SETROPTS",
                None,
                {"BASE": {"CLASSACT": ["DATASET", "PTKTDATA"], "RACLIST": ["PTKTDATA"], "GENERIC_CT": "0"}},
            ),
            fake_extract.found(
                "PTKTDATA",
                "IOSHMCSM.HOSTUSR",
                {
                    "BASE": {"OWNER": "IBMUSER", "UACC": "NONE", "APPLDATA": "CSM TO HYPERSWAP CONNECTION"},
                    "SSIGNON": {
                        "PTKEYLAB": "USRLCL.CKDS.CSM",
                        "PTTYPE": "UPPER",
                        "PTTIMEO": "600",
                        "PTREPLAY": "FALSE",
                    },
                },
            ),
            fake_extract.not_found("USER", "HOSTUSR"),
        ],
    )
    host = FakeZos(ANSWERS)
    result = run(
        {"profile": "IOSHMCSM.HOSTUSR", "user": "HOSTUSR", "read_interface": "irrxutil"}, host, monkeypatch
    ).result
    assert calls == [[("_SETROPTS", None), ("PTKTDATA", "IOSHMCSM.HOSTUSR"), ("USER", "HOSTUSR")]]
    assert result["read_interface"] == "irrxutil"
    assert result["class"] == {"class": "PTKTDATA", "active": True, "raclist": True, "generic": False}
    assert result["profile"]["ssignon"]["timeout"] == 600 and result["user"] is None
    # the caller is always read from a listing: an extract needs its user ID
    assert result["commands"] == ["LISTUSER"]


def test_the_prerequisite_report_names_the_facility_profiles(monkeypatch):
    result = run({"profile": "IOSHMCSM.HOSTUSR", "user": "SQUIDWRD"}, FakeZos(ANSWERS), monkeypatch).result
    assert [entry["profile"] for entry in result["read_authority"]] == [
        "IRR.RADMIN.SETROPTS.LIST",
        "IRR.RADMIN.RLIST",
        "IRR.RADMIN.LISTUSER",
    ]
    assert all(entry["class"] == "FACILITY" and entry["access"] == "READ" for entry in result["read_authority"])
    assert run({"gather_subset": ["clock"]}, FakeZos(ANSWERS), monkeypatch).result["read_authority"] == []


def test_an_unreadable_ssignon_fails_the_report(monkeypatch):
    answers = [
        (
            r"RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON$",
            0,
            SSIGNON_RLIST.replace("Enhanced PassTicket: Timeout = 600", "Enhanced PassTicket: Timeout = soon"),
        )
    ] + ANSWERS
    outcome = run({"profile": "IOSHMCSM.HOSTUSR", "gather_subset": ["profile"]}, FakeZos(answers), monkeypatch)
    assert outcome.failed and "Timeout = soon" in outcome.result["msg"]
