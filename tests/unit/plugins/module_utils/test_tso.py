"""The TSO runner: argv vs. RACF exec, echo scrubbing, masking, message IDs."""

import os
import stat
import subprocess

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import Read
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import secret_command
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import ptktdata_profile as _racf_ptktdata
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.racf_user import (
    normalize_want,
    password_command,
    plan_user,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import (
    MASK,
    SecretCommand,
    SecretTransportError,
    TsoResult,
    TsoRunner,
    runner_for_module,
    stdin_from_devnull,
)

KEY = "0123456789ABCDEF"


class Recorder:
    """A run_command that echoes like tsocmd (command on stderr) and answers ``stdout``."""

    def __init__(self, stdout="", rc=0, stderr_extra=""):
        self.stdout, self.rc, self.stderr_extra = stdout, rc, stderr_extra
        self.calls = []

    def __call__(self, argv, data=None):
        self.calls.append((list(argv), data))
        echo = argv[1] if argv[0] == "tsocmd" else ""
        return self.rc, self.stdout, " " + echo + "\n" + self.stderr_extra


def test_plain_command_runs_tsocmd_with_an_argument_vector():
    host = Recorder("ICH14063I SETROPTS command complete.   \n")
    result = TsoRunner(host).run("SETROPTS CLASSACT(PTKTDATA)")
    assert host.calls == [(["tsocmd", "SETROPTS CLASSACT(PTKTDATA)"], None)]
    assert result == TsoResult(
        "SETROPTS CLASSACT(PTKTDATA)",
        0,
        ["ICH14063I SETROPTS command complete."],
        ["ICH14063I SETROPTS command complete."],
        ["ICH14063I"],
    )


def test_echo_is_dropped_other_stderr_lines_are_kept_masked():
    host = Recorder("", rc=12, stderr_extra="IKJ56500I COMMAND X NOT FOUND {0}\n".format(KEY.lower()))
    runner = TsoRunner(host, env={"PASSTICKET_RACF_EXEC": "/x/racfexec"})
    result = runner.run("SETROPTS LIST")
    assert result.lines == ["IKJ56500I COMMAND X NOT FOUND {0}".format(KEY.lower())]
    runner.add_secret(KEY)
    result = runner.run("SETROPTS LIST")
    assert result.lines == ["IKJ56500I COMMAND X NOT FOUND " + MASK]
    assert result.message_ids == ["IKJ56500I"]


def test_command_with_a_secret_goes_through_the_exec_on_stdin():
    host = Recorder("ICH11009I RACLISTED PROFILES FOR PTKTDATA WILL NOT REFLECT THE UPDATE(S) {0}\n".format(KEY))
    runner = TsoRunner(host, secrets=[KEY], env={"PASSTICKET_RACF_EXEC": "/site/racfexec"})
    command = secret_command("RALTER PTKTDATA APPL SSIGNON(KEYMASKED({0}))".format(KEY))
    result = runner.run(command)
    assert host.calls == [(["/site/racfexec"], command)]
    assert all(KEY not in " ".join(argv) for argv, _data in host.calls)
    assert result.command == "RALTER PTKTDATA APPL SSIGNON(KEYMASKED({0}))".format(MASK)
    assert KEY not in repr(result)
    assert runner.issued == [result.command]
    assert runner.results == [result]
    assert result.message_ids == ["ICH11009I"]


def test_masking_is_case_insensitive_and_longest_first():
    runner = TsoRunner(Recorder(), secrets=["abcd", "abcdef01"])
    assert runner.mask("X ABCDEF01 y abcd") == "X {0} y {0}".format(MASK)
    assert runner.mask(None) is None
    runner.add_secret(None)
    runner.add_secret("")
    assert runner.mask("nothing") == "nothing"


def test_bundled_exec_is_written_private_when_no_exec_is_configured(monkeypatch):
    host = Recorder("")
    runner = TsoRunner(host, secrets=[KEY], env={})
    runner.run(password_command("X", KEY))
    runner.run(password_command("Y", KEY))
    exec_path = host.calls[0][0][0]
    assert host.calls[1][0][0] == exec_path  # written once
    mode = stat.S_IMODE(os.stat(exec_path).st_mode)
    assert mode == 0o700
    with open(exec_path) as handle:
        assert handle.read().startswith("/* REXX */")
    assert stat.S_IMODE(os.stat(os.path.dirname(exec_path)).st_mode) == 0o700
    runner.close()
    assert not os.path.exists(exec_path)


def test_run_exec_masks_stdout_and_keeps_stderr_aside():
    calls = []

    def run_command(argv, data=None):
        calls.append((argv, data))
        return 0, "RC=0 REASON=0 IMPORTED {0}  \n".format(KEY), "trace {0}\n".format(KEY)

    runner = TsoRunner(run_command, secrets=[KEY])
    rc, lines = runner.run_exec(["/x/icsf", "IMPORT", "LABEL.A"], KEY)
    assert (rc, lines) == (0, ["RC=0 REASON=0 IMPORTED " + MASK])
    assert runner.last_exec_stderr == ["trace " + MASK]
    assert calls == [(["/x/icsf", "IMPORT", "LABEL.A"], KEY)]
    assert runner.issued == []


def test_messages_collects_every_command_in_order():
    runner = TsoRunner(Recorder(" ICH13003I X NOT FOUND\n"))
    runner.run("RLIST PTKTDATA X")
    runner.run("RLIST PTKTDATA Y")
    assert runner.messages == ["ICH13003I X NOT FOUND", "ICH13003I X NOT FOUND"]


def test_a_secret_command_goes_through_the_exec_even_when_its_secret_was_never_registered():
    host = Recorder("")
    runner = TsoRunner(host, env={"PASSTICKET_RACF_EXEC": "/site/racfexec"})  # forgot add_secret
    runner.run(password_command("HOSTUSR", "PW4TEST1"))
    assert host.calls == [(["/site/racfexec"], "ALTUSER HOSTUSR PASSWORD(PW4TEST1) NOEXPIRED")]
    assert runner.issued == ["ALTUSER HOSTUSR PASSWORD({0}) NOEXPIRED".format(MASK)]


def test_planners_that_forget_to_register_the_secret_never_reach_tsocmd():
    """The profile and user planners mark their secret commands; no secret is registered anywhere here."""
    host = Recorder("")
    runner = TsoRunner(host, env={"PASSTICKET_RACF_EXEC": "/site/racfexec"})
    profile_commands = _racf_ptktdata.plan_profile(
        "IOSHMCSM.HOSTUSR", Read(None, {}, []), _racf_ptktdata.desired_state({"legacy_key": KEY})
    ).commands
    user_commands = plan_user(Read(None, {}, []), normalize_want({"user": "HOSTUSR"}), "PW4TEST1").commands
    for command in profile_commands + user_commands:
        runner.run(command)
    assert any(KEY in (data or "") for dummy, data in host.calls)
    assert any("PW4TEST1" in (data or "") for dummy, data in host.calls)
    for argv, _data in host.calls:
        assert KEY not in " ".join(argv) and "PW4TEST1" not in " ".join(argv), argv
    assert not any(KEY in image or "PW4TEST1" in image for image in runner.issued)


@pytest.mark.parametrize(
    "image",
    [
        "RALTER PTKTDATA APPL SSIGNON(KEYMASKED({0}))".format(KEY),
        "RALTER PTKTDATA APPL SSIGNON(KEYENCRYPTED({0}))".format(KEY),
        "ALTUSER HOSTUSR PASSWORD(PW4TEST1) NOEXPIRED",
        "ALTUSER HOSTUSR PHRASE('a long pass phrase') NOEXPIRED",
    ],
)
def test_an_unmarked_command_with_a_secret_operand_is_refused_not_sent_to_tsocmd(image):
    host = Recorder("")
    runner = TsoRunner(host)
    with pytest.raises(SecretTransportError) as raised:
        runner.run(image)
    assert host.calls == [] and runner.issued == []
    assert KEY not in str(raised.value) and "PW4TEST1" not in str(raised.value)
    assert "pass phrase" not in str(raised.value)


def test_an_unmarked_command_holding_a_registered_secret_is_refused():
    host = Recorder("")
    runner = TsoRunner(host, secrets=["S3CRETDATA"])
    with pytest.raises(SecretTransportError) as raised:
        runner.run("ALTUSER HOSTUSR DATA('S3CRETDATA')")
    assert host.calls == [] and "S3CRETDATA" not in str(raised.value)


def test_the_renderers_mark_every_image_that_carries_a_secret():
    absent = Read(None, {}, [])
    define = _racf_ptktdata.plan_profile(
        "IOSHMCSM.HOSTUSR", absent, _racf_ptktdata.desired_state({"legacy_key": KEY})
    ).commands
    assert [isinstance(command, SecretCommand) for command in define] == [True]
    plain = _racf_ptktdata.plan_profile(
        "IOSHMCSM.HOSTUSR", absent, _racf_ptktdata.desired_state({"eptkeylabel": "A.B"})
    ).commands
    assert [isinstance(command, SecretCommand) for command in plain] == [False]
    assert isinstance(password_command("HOSTUSR", "PW4TEST1"), SecretCommand)


def test_stdin_from_devnull_gives_an_inheriting_child_an_empty_stdin():
    with stdin_from_devnull():
        child = subprocess.run(["cat"], stdout=subprocess.PIPE, timeout=30, check=True)
        fd0 = os.readlink("/proc/self/fd/0")
    assert child.stdout == b"" and fd0 == "/dev/null"
    assert os.readlink("/proc/self/fd/0") != "/dev/null" or not os.isatty(0)


class FakeModule:
    def __init__(self):
        self.no_log_values = set()
        self.calls = []

    def run_command(self, argv, data=None, use_unsafe_shell=True, environ_update=None):
        self.calls.append((argv, data, use_unsafe_shell, environ_update))
        return 0, "", ""


def test_runner_for_module_never_uses_a_shell_and_feeds_no_log_values():
    module = FakeModule()
    runner = runner_for_module(module, secrets=[KEY])
    runner.add_secret("s3cret")
    runner.run("SETROPTS LIST")
    assert module.no_log_values == {KEY, "s3cret"}
    argv, data, shell, environ = module.calls[0]
    assert argv == ["tsocmd", "SETROPTS LIST"] and data is None and shell is False
    assert environ["_BPXK_AUTOCVT"] == "ON"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("ICH14063I SETROPTS command complete.", "ICH14063I"),
        (" IKJ56702I INVALID CLASS, X", "IKJ56702I"),
        ("IRR52021I You are not authorized", "IRR52021I"),
        ("ICHD1234E", "ICHD1234E"),
        ("CLASS      NAME", None),
        ("XICH14063I", None),
    ],
)
def test_message_lines(line, expected):
    result = TsoResult.from_lines("X", 0, [line])
    assert result.message_ids == ([expected] if expected else [])
