"""The IRRXUTIL read exec's protocol: requests, output parsing, extract() with an injected runner."""

import os

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import extract
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    PRESENT,
    STATUS_FOUND,
    STATUS_NOT_FOUND,
    ExtractError,
    ExtractRequest,
    ExtractUnavailable,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import exec_file as _exec_file
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec

KEY = "0123456789ABCDEF"
USER = ExtractRequest("USER", "HOSTUSR")
SETR = ExtractRequest("_SETROPTS", None)
PTKT = ExtractRequest("PTKTDATA", "IOSHMCSM")

USER_BLOCK = """BEGIN USER HOSTUSR
RC 0 0 0 0 0
STATUS FOUND
PROFILE HOSTUSR
GENERIC FALSE
SEGMENT BASE
BASE.OWNER=IBMUSER
BASE.SPECIAL=FALSE
BASE.PROTECTD=TRUE
BASE.REVOKEFL=FALSE
BASE.DFLTGRP=SYS1
BASE.CONNECTS=1
BASE.CGROUP.0=1
BASE.CGROUP.1=SYS1
BASE.CREVOKE.0=1
BASE.CREVOKE.1=
END USER HOSTUSR"""

SETR_BLOCK = """BEGIN _SETROPTS _SETROPTS
RC 0 0 0 0 0
STATUS FOUND
PROFILE _SETROPTS
GENERIC FALSE
SEGMENT BASE
BASE.CLASSACT_CT=3
BASE.CLASSACT.0=3
BASE.CLASSACT.1=DATASET
BASE.CLASSACT.2=USER
BASE.CLASSACT.3=PTKTDATA
BASE.RACLIST_CT=1
BASE.RACLIST.0=1
BASE.RACLIST.1=PTKTDATA
BASE.GLOBAL_CT=0
BASE.GLOBAL.0=0
BASE.GENLIST_CT=
END _SETROPTS _SETROPTS"""

PTKT_BLOCK = """BEGIN PTKTDATA IOSHMCSM
RC 0 0 0 0 0
STATUS FOUND
PROFILE IOSHMCSM
GENERIC FALSE
SEGMENT BASE
BASE.OWNER=IBMUSER
BASE.UACC=NONE
BASE.APPLDATA=NO REPLAY PROTECTION=YES
SEGMENT SSIGNON
SSIGNON.KEYMASK=<present>
SSIGNON.PTKEYLAB=USRLCL.CKDS.CSM
SSIGNON.PTTYPE=UPPER
SSIGNON.PTTIMEO=600
SSIGNON.PTREPLAY=FALSE
END PTKTDATA IOSHMCSM"""


def output(*blocks, done=None):
    lines = [read_exec.PROTOCOL_HEADER]
    for block in blocks:
        lines += block.splitlines()
    lines.append("DONE {0}".format(len(blocks) if done is None else done))
    return lines


def test_requests_render_one_line_each_and_setropts_names_itself():
    assert read_exec.render_requests([USER, SETR, PTKT]) == "USER HOSTUSR\n_SETROPTS _SETROPTS\nPTKTDATA IOSHMCSM\n"


@pytest.mark.parametrize(
    "request_",
    [
        ("USER", "hostusr"),
        ("USER", "TOOLONGID"),
        ("user", "HOSTUSR"),
        ("USER", ""),
        ("USER", None),
        ("PTKTDATA", "IOS HMCSM"),
        ("PTKTDATA", "A\nB"),
        ("PTKTDATA", "X" * 247),
        ("DATASET", "SYS1.X"),
        ("_SETROPTS", "_SETROPTS"),
        ("PTKT DATA", "X"),
        ("", "X"),
    ],
)
def test_requests_are_validated_as_given(request_):
    with pytest.raises(ValueError):
        read_exec.render_requests([USER, request_])


def test_parse_found_objects_scalars_lists_and_secrets():
    results = read_exec.parse_read_output([USER, SETR, PTKT], 0, output(USER_BLOCK, SETR_BLOCK, PTKT_BLOCK))
    user, setr, ptkt = results
    assert user.status == STATUS_FOUND and user.type == "USER" and user.profile == "HOSTUSR"
    assert user.segments["BASE"]["PROTECTD"] == "TRUE"
    assert user.segments["BASE"]["CONNECTS"] == "1"
    assert user.segments["BASE"]["CGROUP"] == ["SYS1"]
    assert user.segments["BASE"]["CREVOKE"] == [""]
    assert setr.profile is None
    assert setr.segments["BASE"]["CLASSACT"] == ["DATASET", "USER", "PTKTDATA"]
    assert setr.segments["BASE"]["RACLIST"] == ["PTKTDATA"]
    assert setr.segments["BASE"]["GLOBAL"] == []
    assert setr.segments["BASE"]["GENLIST"] == []  # a _CT header without occurrences or sub-field
    assert ptkt.segments["BASE"]["APPLDATA"] == "NO REPLAY PROTECTION=YES"  # split at the first '='
    assert ptkt.segments["SSIGNON"] == {
        "KEYMASK": PRESENT,
        "PTKEYLAB": "USRLCL.CKDS.CSM",
        "PTTYPE": "UPPER",
        "PTTIMEO": "600",
        "PTREPLAY": "FALSE",
    }
    assert ptkt.raw[0] == "RC 0 0 0 0 0" and "SSIGNON.PTTIMEO=600" in ptkt.raw


def test_a_missing_segment_is_simply_absent():
    block = "\n".join(line for line in PTKT_BLOCK.splitlines() if not line.startswith(("SEGMENT SSIGNON", "SSIGNON.")))
    (ptkt,) = read_exec.parse_read_output([PTKT], 0, output(block))
    assert set(ptkt.segments) == {"BASE"}


def test_not_found():
    block = "BEGIN PTKTDATA IOSHMCSM\nRC 12 12 4 4 4\nSTATUS NOT_FOUND\nEND PTKTDATA IOSHMCSM"
    (result,) = read_exec.parse_read_output([PTKT], 0, output(block))
    assert result.status == STATUS_NOT_FOUND and result.segments == {}
    assert result.raw == ["RC 12 12 4 4 4", "STATUS NOT_FOUND"]


def test_not_authorized_names_the_object_and_the_facility_profile():
    block = "BEGIN USER HOSTUSR\nRC 12 12 8 8 24\nSTATUS NOT_AUTHORIZED\nEND USER HOSTUSR"
    with pytest.raises(ExtractError) as error:
        read_exec.parse_read_output([USER], 0, output(block))
    text = str(error.value)
    assert "USER profile HOSTUSR" in text and "IRR.RADMIN.LISTUSER" in text and "12 12 8 8 24" in text
    assert error.value.request == USER and error.value.status == "NOT_AUTHORIZED"


def test_radmin_error_shows_the_return_numbers():
    block = "BEGIN PTKTDATA IOSHMCSM\nRC 12 12 4 4 12\nSTATUS ERROR\nEND PTKTDATA IOSHMCSM"
    with pytest.raises(ExtractError, match=r"PTKTDATA profile IOSHMCSM.*R_admin failed.*12 12 4 4 12"):
        read_exec.parse_read_output([PTKT], 0, output(block))


def test_unavailable_when_irrxutil_cannot_be_called():
    lines = [read_exec.PROTOCOL_HEADER, "BEGIN USER HOSTUSR", "UNAVAILABLE 43 Routine not found"]
    with pytest.raises(ExtractUnavailable, match="REXX error 43 Routine not found"):
        read_exec.parse_read_output([USER], 4, lines)


def test_unavailable_when_the_exec_did_not_run():
    with pytest.raises(ExtractUnavailable, match="(?s)did not run.*rc=127.*not found"):
        read_exec.parse_read_output([USER], 127, [], stderr=["sh: racfread.rexx: not found"])


def test_noise_before_the_header_is_ignored():
    (user,) = read_exec.parse_read_output([USER], 0, ["some login banner"] + output(USER_BLOCK))
    assert user.segments["BASE"]["OWNER"] == "IBMUSER"


def test_a_secret_value_never_leaves_the_parser():
    block = PTKT_BLOCK.replace("SSIGNON.KEYMASK=<present>", "SSIGNON.KEYMASK=" + KEY).replace(
        "SSIGNON.PTTIMEO=600", "SSIGNON.PTTIMEO=600\nSSIGNON.SSKEY=" + KEY
    )
    (ptkt,) = read_exec.parse_read_output([PTKT], 0, output(block))
    assert ptkt.segments["SSIGNON"]["KEYMASK"] == PRESENT
    assert ptkt.segments["SSIGNON"]["SSKEY"] == PRESENT  # a key segment's unknown field: presence only
    assert KEY not in repr(ptkt)
    broken = block.replace("END PTKTDATA", "BOGUS\nEND PTKTDATA")
    with pytest.raises(ExtractError) as error:
        read_exec.parse_read_output([PTKT], 0, output(broken))
    assert KEY not in str(error.value) and KEY not in repr(error.value.raw)


def test_unprintable_value_leaves_the_field_unread():
    block = PTKT_BLOCK.replace("BASE.APPLDATA=NO REPLAY PROTECTION=YES", "UNPRINTABLE BASE.APPLDATA")
    (ptkt,) = read_exec.parse_read_output([PTKT], 0, output(block))
    assert "APPLDATA" not in ptkt.segments["BASE"] and "UNPRINTABLE BASE.APPLDATA" in ptkt.raw


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda lines: lines[:-1], "stopped after 1 of 1"),  # no DONE
        (lambda lines: lines[:-3], "ends inside the object"),  # cut inside
        (lambda lines: lines[:-1] + ["DONE 2"], "answered 1 of 1"),
        (
            lambda lines: [line.replace("BEGIN USER HOSTUSR", "BEGIN USER OTHER") for line in lines],
            "answered 'BEGIN USER OTHER'",
        ),
        (lambda lines: [line.replace("STATUS FOUND", "STATUS MAYBE") for line in lines], "expected a status"),
        (lambda lines: [line.replace("RC 0 0 0 0 0", "XRC 0") for line in lines], "return numbers"),
        (
            lambda lines: [line.replace("BASE.OWNER=IBMUSER", "BASE OWNER IBMUSER") for line in lines],
            "cannot read line",
        ),
        (lambda lines: [line.replace("BASE.CGROUP.1=SYS1", "BASE.CGROUP.2=SYS1") for line in lines], "out of order"),
        (lambda lines: [line.replace("BASE.CGROUP.0=1", "BASE.CGROUP.0=2") for line in lines], "announced 2 values"),
        (lambda lines: [line.replace("BASE.DFLTGRP=SYS1", "BASE.OWNER=SYS1") for line in lines], "given twice"),
        (lambda lines: [line.replace("BASE.DFLTGRP=SYS1", "TSO.PROC=X") for line in lines], "outside its segment"),
        (lambda lines: [line.replace("PROFILE HOSTUSR", "PROFILE HOSTUS*") for line in lines], "returned profile"),
        (lambda lines: [line.replace("GENERIC FALSE", "GENERIC TRUE") for line in lines], "generic profile answered"),
        (lambda lines: lines[:1] + ["ABORT BAD REQUEST USER"] + lines[1:], "exec failed"),
    ],
)
def test_malformed_output_fails_with_the_reason(change, message):
    with pytest.raises(ExtractError, match=message):
        read_exec.parse_read_output([USER], 0, change(output(USER_BLOCK)))


def test_exec_source_carries_the_field_lists_from_one_place():
    source = read_exec.RACF_READ_EXEC_SOURCE
    assert source.startswith("/* REXX */\n") and source.endswith("\n")
    assert "secret_fields = 'KEYMASK KEYCRYPT'" in source
    assert "rd_shown.rd_key_segment = 'KEYLABEL PTKEYLAB PTTYPE PTTIMEO PTREPLAY'" in source
    assert "@" not in source.replace("'@'", "")  # every placeholder filled
    assert max(len(line) for line in source.splitlines()) <= 80  # z/OS UNIX allows 2048; keep it listable
    source.encode("ascii")
    assert "\t" not in source and "\r" not in source
    assert _exec_file.exec_text(source) == source
    assert "trace off" in source


def test_on_zos_the_read_exec_is_written_in_ibm1047(tmp_path):
    tagged = []
    path = str(tmp_path / "racfread.rexx")
    _exec_file.write_exec(
        path,
        read_exec.RACF_READ_EXEC_SOURCE,
        platform="zos",
        run_command=lambda argv: tagged.append(argv[-1]) or (0, "", ""),
    )
    data = open(path, "rb").read()
    assert data == _exec_file.encode_ibm1047(read_exec.RACF_READ_EXEC_SOURCE) and data.endswith(b"\x15")
    assert tagged == [path]


def test_required_facility():
    assert extract.required_facility("USER") == "IRR.RADMIN.LISTUSER"
    assert extract.required_facility("_SETROPTS") == "IRR.RADMIN.SETROPTS.LIST"
    assert extract.required_facility("PTKTDATA") == "IRR.RADMIN.RLIST"


class FakeRunner:
    """Stands in for TsoRunner.run_exec; remembers what the exec file held when it ran."""

    last_exec_stderr = ()

    def __init__(self, lines, rc=0):
        self.lines = lines
        self.rc = rc
        self.calls = []
        self.exec_text = None

    def run_exec(self, argv, stdin_text):
        self.calls.append((list(argv), stdin_text))
        if os.path.exists(argv[0]):
            with open(argv[0]) as handle:
                self.exec_text = handle.read()
            self.exec_mode = os.stat(argv[0]).st_mode & 0o777
        return self.rc, list(self.lines)


def test_extract_runs_the_bundled_exec_once_with_requests_on_stdin_only():
    runner = FakeRunner(output(USER_BLOCK, PTKT_BLOCK))
    results = read_exec.extract(runner, [USER, PTKT], environ={})
    assert [r.status for r in results] == [STATUS_FOUND, STATUS_FOUND]
    ((argv, stdin_text),) = runner.calls
    assert len(argv) == 1 and argv[0].endswith("/racfread.rexx") and stdin_text == "USER HOSTUSR\nPTKTDATA IOSHMCSM\n"
    assert runner.exec_text == read_exec.RACF_READ_EXEC_SOURCE and runner.exec_mode == 0o700
    assert not os.path.exists(argv[0])  # removed after the run


def test_extract_uses_the_configured_exec():
    runner = FakeRunner(output(USER_BLOCK))
    read_exec.extract(runner, [("USER", "HOSTUSR")], environ={read_exec.READ_EXEC_ENV: "/site/racfread"})
    assert runner.calls == [(["/site/racfread"], "USER HOSTUSR\n")]


def test_extract_validates_before_running():
    runner = FakeRunner([])
    with pytest.raises(ValueError):
        read_exec.extract(runner, [USER, ("USER", "bad id")], environ={})
    assert runner.calls == []


def test_on_zos_extract_tags_the_read_exec_through_the_runner(monkeypatch):
    runner = FakeRunner(output(USER_BLOCK))
    tagged = []
    runner.run_command = lambda argv, data=None: tagged.append(list(argv)) or (0, "", "")
    ran = []
    runner.run_exec = lambda argv, stdin_text: ran.append(argv[0]) or (0, output(USER_BLOCK))
    monkeypatch.setattr(_exec_file.sys, "platform", "zos")
    read_exec.extract(runner, [USER], environ={})
    assert tagged == [["chtag", "-tc", "IBM-1047", ran[0]]]
