"""The bundled RACF exec (RACF_EXEC_SOURCE, exactly as shipped) under Regina, against the IRRSEQ00 stand-in."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._zos.racf_exec import RACF_EXEC_SOURCE
from rexx.harness import Harness, InterfaceViolation
from rexx.standins.irrseq00 import output_blocks, register_irrseq00

SECRET_COMMAND = "RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(KEYMASKED(0123456789ABCDEF))"


class Racf(object):
    """A scripted RACF: answers (rc, lines) per command, records what it ran."""

    def __init__(self, rc=0, lines=()):
        self.rc = rc
        self.lines = list(lines)
        self.ran = []

    def __call__(self, image):
        self.ran.append(image)
        return self.rc, self.lines


def run(stdin, racf, block_capacity=1024):
    harness = Harness()
    standin = register_irrseq00(harness, racf, block_capacity)
    return harness.run(RACF_EXEC_SOURCE, stdin=stdin), standin, harness


def test_success_prints_nothing_but_the_racf_messages_and_exits_0():
    racf = Racf(0, [])
    result, standin, dummy = run(SECRET_COMMAND + "\n", racf)
    assert (result.status, result.stdout, result.messages) == (0, "", "")
    assert racf.ran == [SECRET_COMMAND] and standin.images == [SECRET_COMMAND]


def test_output_spread_over_several_chained_blocks_is_printed_in_order():
    lines = ["ICH14063I SETROPTS command complete.", ""] + ["LINE {0:03d} OF THE OUTPUT".format(n) for n in range(40)]
    lines[20] = ""
    result, dummy, harness = run("SETROPTS RACLIST(PTKTDATA) REFRESH\n", Racf(0, lines), block_capacity=100)
    assert result.lines == lines and result.status == 0
    blocks = harness.storage.areas()
    assert len(blocks) > 5 and {subpool for dummy, dummy, subpool in blocks} == {127}


def test_the_command_image_block_is_never_printed():
    message = (
        "ICH11009I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE UPDATE(S) UNTIL A SETROPTS REFRESH IS ISSUED."
    )
    result, dummy, dummy = run(SECRET_COMMAND + "\n", Racf(0, [message]))
    assert "0123456789ABCDEF" not in result.stdout and "KEYMASKED" not in result.stdout
    assert result.lines[0].startswith("ICH11009I")


def test_a_failed_command_8_16_8_exits_8_with_the_racf_message_printed():
    message = "ICH21001I NOSUCH NOT DEFINED TO RACF"
    result, dummy, dummy = run("ALTUSER NOSUCH PASSWORD(SECRET1) NOEXPIRED\n", Racf(8, [message]))
    assert (result.status, result.lines) == (8, [message])
    assert "SECRET1" not in result.stdout


@pytest.mark.parametrize("rc", [4, 12])
def test_the_exit_status_is_the_commands_return_code(rc):
    assert run("RLIST PTKTDATA NOPE\n", Racf(rc, ["ICH13003I NOPE NOT FOUND"]))[0].status == rc


def test_an_over_long_command_is_refused_before_irrseq00():
    racf = Racf()
    result, standin, dummy = run("ALTUSER X DATA('" + "A" * 4090 + "')\n", racf)
    assert (result.status, result.lines) == (12, ["IRRSEQ00 COMMAND LONGER THAN 4096 CHARACTERS, NOT RUN"])
    assert racf.ran == [] and result.calls == []


def test_a_command_of_exactly_4096_characters_runs():
    command = "ALTUSER X DATA('" + "A" * (4096 - 18) + "')"
    assert len(command) == 4096
    racf = Racf()
    assert run(command + "\n", racf)[0].status == 0 and racf.ran == [command]


def test_no_command_is_refused():
    racf = Racf()
    result = run("\n", racf)[0]
    assert (result.status, result.lines, racf.ran) == (12, ["IRRSEQ00 NO COMMAND ON STANDARD INPUT, NOT RUN"], [])


def test_irrseq00_not_found_by_linkpgm_is_an_error_not_a_success():
    harness = Harness()
    result = harness.run(RACF_EXEC_SOURCE, stdin="LISTUSER\n")
    assert (result.status, result.lines) == (12, ["IRRSEQ00 COULD NOT BE CALLED, LINKPGM RC=-3"])


def test_an_r_admin_failure_of_its_own_is_reported_with_its_codes():
    harness = Harness()

    @harness.program("IRRSEQ00")
    def not_authorized(call):
        for index, value in ((2, 8), (4, 8), (6, 0)):
            call.params[index].set_fullword(value)
        return 8

    result = harness.run(RACF_EXEC_SOURCE, stdin="LISTUSER\n")
    assert (result.status, result.lines) == (12, ["IRRSEQ00 SAF RC=8 RACF RC=8 RACF REASON=0"])


def test_the_parameter_list_is_the_documented_one():
    result, dummy, dummy = run("LISTUSER\n", Racf())
    assert result.calls == [
        (
            "IRRSEQ00",
            [
                "WORK_AREA",
                "ALET",
                "SAF_RC",
                "ALET",
                "RACF_RC",
                "ALET",
                "RACF_RSN",
                "FUNCTION_CODE",
                "PARM_LIST",
                "USERID",
                "ACEE",
                "OUT_SUBPOOL",
                "OUT_MESSAGE",
            ],
        )
    ]


@pytest.mark.parametrize(
    "change, rule",
    [
        (("out_subpool   = d2c(127, 1)", "out_subpool   = d2c(0, 1)"), "unpredictable results"),
        (("function_code = '05'x", "function_code = '01'x"), "X'05'"),
        (("userid        = '00'x", "userid        = '08'x"), "RACF_userID must have length 0"),
        (("work_area     = copies('00'x, 1024)", "work_area     = copies('00'x, 1000)"), "Work_area"),
        (("out_message   = '00000000'x", "out_message   = '0000'x"), "Out_message_strings"),
        (("parm_list     = d2c(length(command), 2)", "parm_list     = d2c(length(command) + 5, 2)"), "holds"),
    ],
)
def test_the_stand_in_refuses_a_departure_from_the_parameter_list(change, rule):
    harness = Harness()
    register_irrseq00(harness, Racf())
    assert change[0] in RACF_EXEC_SOURCE
    with pytest.raises(InterfaceViolation, match=rule):
        harness.run(RACF_EXEC_SOURCE.replace(change[0], change[1]), stdin="LISTUSER\n")


def test_blocks_are_laid_out_as_documented():
    harness = Harness()
    first = output_blocks(harness.storage, "LU", ["AB", "CDE"], 127)
    header = harness.storage.read(first, 16)
    second = int.from_bytes(header[0:4], "big")
    assert header[4:8] == b"RCMD" and header[8] == 127
    assert int.from_bytes(header[12:16], "big") == 16 + 2 + 2 - 1  # last data byte
    obtained = int.from_bytes(header[9:12], "big")
    assert obtained % 8 == 0 and 8 <= obtained - 20 <= 15
    assert harness.storage.read(first + 16, 4) == b"\x00\x02LU"
    assert harness.storage.read(first + 20, obtained - 20) == bytes(obtained - 20)
    header2 = harness.storage.read(second, 16)
    assert header2[0:4] == b"\x00\x00\x00\x00" and header2[4:8] == b"RMSG"
    assert harness.storage.read(second + 16, 9) == b"\x00\x02AB\x00\x03CDE"
