"""The ICSF exec line protocol client and the bundled exec file handling."""

import os
import stat

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._resources.icsf_hmac_key import read_key
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import icsf_exec as _icsf

KEY = "00" * 64


class FakeExec:
    """Stands in for run_exec: records (argv, stdin) and answers canned lines."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def __call__(self, argv, stdin_text):
        self.calls.append((list(argv), stdin_text))
        return 0, self.answers.pop(0)


def test_exists_found_with_its_length_window():
    fake = FakeExec(["some noise", "RC=0 REASON=0 FOUND MINLENGTH=61 MAXLENGTH=68"])
    store = _icsf.IcsfKeyStore(fake, "/x/icsfhmac")
    assert read_key(store, "USRLCL.CKDS.CSM") == {
        "label": "USRLCL.CKDS.CSM",
        "exists": True,
        "min_length": 61,
        "max_length": 68,
    }
    assert fake.calls == [(["/x/icsfhmac"], "EXISTS USRLCL.CKDS.CSM\n")]


@pytest.mark.parametrize(
    "line",
    [
        "RC=0 REASON=8 FOUND NULL TOKEN",
        "RC=0 REASON=0 FOUND LENGTH UNKNOWN",
        "RC=4 REASON=2078 FOUND MINLENGTH=32 MAXLENGTH=32",
    ],
)
def test_exists_found_without_a_window_or_as_a_clear_key(line):
    record = read_key(_icsf.IcsfKeyStore(FakeExec([line]), "/x"), "A.B")
    assert record["exists"] is True
    assert (record["min_length"], record["max_length"]) == ((32, 32) if "2078" in line else (None, None))


@pytest.mark.parametrize("size, window", [(32, (29, 36)), (64, (61, 68)), (128, (125, 132)), (256, (253, 256))])
def test_the_length_window_of_an_encrypted_hmac_token(size, window):
    assert _icsf.length_window(_icsf.payload_bits(size)) == window
    assert _icsf.payload_bits(32) == 640 and _icsf.payload_bits(256) == 2432


def test_exists_not_found():
    store = _icsf.IcsfKeyStore(FakeExec(["RC=8 REASON=10012 NOT FOUND"]), "/x")
    assert read_key(store, "A.B") == {"label": "A.B", "exists": False, "min_length": None, "max_length": None}


def test_exists_other_failure_raises_with_codes():
    store = _icsf.IcsfKeyStore(FakeExec(["RC=8 REASON=16004 NOT AUTHORIZED"]), "/x")
    with pytest.raises(_icsf.IcsfError, match="RC=8 REASON=16004") as error:
        read_key(store, "A.B")
    assert error.value.answer.reason == 16004


def test_import_and_replace_pass_the_key_on_stdin_only():
    fake = FakeExec(["RC=0 REASON=0 IMPORTED"], ["RC=0 REASON=0 REPLACED"])
    store = _icsf.IcsfKeyStore(fake, "/x")
    store.request("IMPORT A.B", KEY)
    store.request("REPLACE A.B", KEY)
    assert fake.calls == [(["/x"], "IMPORT A.B\n" + KEY + "\n"), (["/x"], "REPLACE A.B\n" + KEY + "\n")]


@pytest.mark.parametrize(
    "answer, reason",
    [
        ("RC=8 REASON=16036 LABEL ALREADY EXISTS", 16036),
        ("RC=8 REASON=72 KEY LENGTH MUST BE 32 TO 256 BYTES, REFUSED BEFORE ICSF", 72),
    ],
)
def test_import_failures(answer, reason):
    with pytest.raises(_icsf.IcsfError) as error:
        _icsf.IcsfKeyStore(FakeExec([answer]), "/x").request("IMPORT A.B", KEY)
    assert error.value.answer.reason == reason
    assert reason in (_icsf.REASON_LABEL_EXISTS, _icsf.REASON_BAD_KEY_LENGTH)


def test_delete_not_found_raises():
    with pytest.raises(_icsf.IcsfError, match="DELETE of label A.B failed: RC=8 REASON=10012"):
        _icsf.IcsfKeyStore(FakeExec(["RC=8 REASON=10012 NOT FOUND"]), "/x").delete("A.B")


def test_no_protocol_line_is_an_error():
    with pytest.raises(_icsf.IcsfError, match="no RC=/REASON= line"):
        read_key(_icsf.IcsfKeyStore(FakeExec(["CSNBKRR2 abended"]), "/x"), "A.B")


def test_configured_exec_is_used_as_is():
    with _icsf.icsf_exec_path({"PASSTICKET_ICSF_EXEC": "/site/icsf.rexx"}) as path:
        assert path == "/site/icsf.rexx"


def test_bundled_exec_is_private_and_removed():
    with _icsf.icsf_exec_path({}) as path:
        assert open(path).read() == _icsf.ICSF_EXEC_SOURCE
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    assert not os.path.exists(path)
    assert not os.path.exists(os.path.dirname(path))


def test_bundled_exec_takes_no_arguments_and_never_says_the_key():
    # it runs for real in tests/unit/rexx/test_icsf_exec.py; here: what it must never contain
    source = _icsf.ICSF_EXEC_SOURCE
    assert source.startswith("/* REXX */\n")
    assert "parse arg" not in source.split("describe: procedure", maxsplit=1)[0]
    assert "CSNBKRW2" not in source  # its parameter list is in no source
    said = [line.strip() for line in source.splitlines() if line.strip().startswith("say ")]
    assert said and not any("key" in line for line in said), said


def test_bundled_racf_exec_takes_no_arguments_and_never_says_the_command():
    # it runs for real in tests/unit/rexx/test_racf_exec.py; here: what it must never contain
    from ansible_collections.mainframe.passticket.plugins.module_utils._zos.racf_exec import RACF_EXEC_SOURCE

    assert RACF_EXEC_SOURCE.startswith("/* REXX */\n")
    assert "parse arg" not in RACF_EXEC_SOURCE
    said = [line.strip() for line in RACF_EXEC_SOURCE.splitlines() if line.strip().startswith("say ")]
    assert said and not any("command" in line.split("'")[-1] or "parm_list" in line for line in said), said
