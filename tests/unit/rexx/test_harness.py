"""The harness's own rules: LINKPGM storage, RC, STORAGE(), functions, stdin/stdout."""

import pytest

from rexx.harness import Harness, InterfaceViolation, RexxCallError


@pytest.fixture
def harness():
    return Harness()


def test_say_and_parse_pull_use_the_given_stdin_and_null_lines_at_end_of_file(harness):
    source = "/* REXX */\nparse pull one\nparse pull two\nparse pull three\nsay '['one']['two']['three']'\n"
    result = harness.run(source, stdin="first line\nsecond\n")
    assert result.stdout == "[first line][second][]\n"
    assert (result.status, result.rexx_error, result.messages) == (0, None, "")


def test_exit_status_is_the_exit_value_mod_256(harness):
    assert harness.run("/* REXX */\nexit 8\n").status == 8
    assert harness.run("/* REXX */\nexit 300\n").status == 44


def test_linkpgm_passes_storage_and_writes_back_changed_contents_of_the_same_length(harness):
    seen = []

    @harness.program("PGM")
    def program(call):
        seen.append([(p.position, p.name, p.data) for p in call.params])
        call.params[0].set_fullword(call.params[0].fullword() + 1)
        call.params[1].store(b"XY", offset=1)
        return 0

    source = (
        "/* REXX */\ncount = '00000005'x\ntext = 'abcd'\naddress linkpgm 'PGM count text unset'\n"
        "say rc c2d(count) length(count) text length(text)\n"
    )
    result = harness.run(source)
    assert result.lines == ["0 6 4 aXYd 4"]
    assert seen == [[(1, "COUNT", b"\x00\x00\x00\x05"), (2, "TEXT", b"abcd"), (3, "UNSET", b"UNSET")]]
    assert result.calls == [("PGM", ["COUNT", "TEXT", "UNSET"])]


def test_an_output_that_does_not_fit_the_storage_given_fails(harness):
    @harness.program("PGM")
    def program(call):
        call.params[0].store(b"123456")

    with pytest.raises(InterfaceViolation, match="never its length"):
        harness.run("/* REXX */\nv = 'abc'\naddress linkpgm 'PGM v'\nsay 'not reached'\n")


def test_a_violation_halts_the_exec_at_the_next_clause(harness):
    @harness.program("PGM")
    def program(call):
        call.violation("the rule")

    with pytest.raises(InterfaceViolation, match="PGM: the rule") as raised:
        harness.run("/* REXX */\naddress linkpgm 'PGM'\nsay 'not reached'\n")
    assert "not reached" not in str(raised.value)


def test_a_fullword_must_be_four_bytes(harness):
    @harness.program("PGM")
    def program(call):
        call.params[0].fullword("return_code")

    with pytest.raises(InterfaceViolation, match=r"return_code: parameter 1 \(RC_VAR, 3 bytes\) must be 4 bytes"):
        harness.run("/* REXX */\nrc_var = '000000'x\naddress linkpgm 'PGM rc_var'\n")


def test_rc_is_the_programs_return_code_and_minus_3_for_an_unknown_program(harness):
    harness.register_program("EIGHT", lambda call: 8)
    result = harness.run("/* REXX */\naddress linkpgm 'EIGHT'\nsay rc\naddress linkpgm 'NOSUCH a'\nsay rc\n")
    assert result.lines == ["8", "-3"]


def test_storage_reads_simulated_storage_and_writes_return_the_old_contents(harness):
    address = harness.storage.allocate(b"HELLO WORLD", subpool=127)
    source = (
        "/* REXX */\nsay storage('{0:X}', 5)\nsay storage('{1:X}', 5, 'THERE')\nsay storage('{0:X}', 11)\n"
        "say length(storage('{0:X}', 0)) storage('{0:X}')\n".format(address, address + 6)
    )
    assert harness.run(source).lines == ["HELLO", "WORLD", "HELLO THERE", "0 H"]
    assert harness.storage.read(address, 11) == b"HELLO THERE"
    assert harness.storage.areas() == [(address, 11, 127)]


@pytest.mark.parametrize(
    "call, rule",
    [
        ("storage('{end:X}', 1)", "outside any allocated area"),
        ("storage('{start:X}', 12)", "outside any allocated area"),
        ("storage('123456789', 1)", "1 to 8 hexadecimal digits"),
        ("storage('FFFFFFFF', 1)", "above the 31-bit line"),
        ("storage('{start:X}', -1)", "non-negative whole number"),
    ],
)
def test_storage_outside_allocated_areas_or_malformed_is_a_violation(harness, call, rule):
    start = harness.storage.allocate(b"HELLO WORLD")
    with pytest.raises(InterfaceViolation, match=rule):
        harness.run("/* REXX */\nsay " + call.format(start=start, end=start + 11) + "\n")


def test_a_function_not_registered_is_rexx_error_43():
    result = Harness(builtins=()).run("/* REXX */\nsay storage('A00000', 1)\nsay 'not reached'\n")
    assert (result.rexx_error, result.stdout) == (43, "")
    assert "STORAGE" in result.messages
    harness = Harness()
    harness.unregister_function("STORAGE")
    assert harness.run("/* REXX */\nx = storage('A00000')\n").rexx_error == 43


def test_an_external_function_gets_its_arguments_and_sets_stems_through_the_variable_pool(harness):
    @harness.function("FILLSTEM")
    def fill(call):
        prefix = call.get_variable("PREFIX")
        call.set_variable("OUT.0", "2")
        call.set_variable("OUT.1", prefix + b"-one")
        call.set_variable("OUT.2", b"\x00two")
        call.drop_variable("GONE")
        return "0 " + repr(call.args)

    source = "/* REXX */\nprefix = 'p'\ngone = 'x'\nr = fillstem('a', , 'c')\nsay r\nsay out.0 out.1 c2x(out.2) gone\n"
    assert harness.run(source).lines == ["0 [b'a', None, b'c']", "2 p-one 0074776F GONE"]


def test_a_function_raising_rexx_call_error_is_rexx_error_40(harness):
    @harness.function("BAD")
    def bad(call):
        raise RexxCallError("wrong arguments")

    result = harness.run("/* REXX */\nx = bad()\nsay 'not reached'\n")
    assert result.rexx_error == 40 and result.stdout == ""


def test_a_host_command_to_the_shell_is_a_violation(harness):
    with pytest.raises(InterfaceViolation, match="host command to the SH environment"):
        harness.run("/* REXX */\n'rm -rf /tmp/nothing'\nsay 'not reached'\n")
    # the next run is not halted by the previous violation
    assert harness.run("/* REXX */\nsay 'fine'\n").lines == ["fine"]


def test_a_stand_in_bug_fails_the_run_instead_of_crossing_into_c(harness):
    @harness.program("PGM")
    def program(call):
        return {}["missing"]

    with pytest.raises(InterfaceViolation, match="KeyError"):
        harness.run("/* REXX */\naddress linkpgm 'PGM'\n")
