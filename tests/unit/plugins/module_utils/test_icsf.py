"""The ICSF exec line protocol client and the bundled exec file handling."""
import os
import stat

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils import _icsf

KEY = "00" * 64


class FakeExec:
    """Stands in for run_exec: records (argv, stdin) and answers canned lines."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def __call__(self, argv, stdin_text):
        self.calls.append((list(argv), stdin_text))
        return 0, self.answers.pop(0)


def test_exists_found_with_length():
    fake = FakeExec(["some noise", "RC=0 REASON=0 FOUND LENGTH=64"])
    store = _icsf.IcsfKeyStore(fake, "/x/icsfhmac")
    assert store.exists("USRLCL.CKDS.CSM") == {"label": "USRLCL.CKDS.CSM", "exists": True, "length": 64}
    assert fake.calls == [(["/x/icsfhmac", "EXISTS", "USRLCL.CKDS.CSM"], None)]


def test_exists_not_found():
    store = _icsf.IcsfKeyStore(FakeExec(["RC=8 REASON=10012 NOT FOUND"]), "/x")
    assert store.exists("A.B") == {"label": "A.B", "exists": False, "length": None}


def test_exists_other_failure_raises_with_codes():
    store = _icsf.IcsfKeyStore(FakeExec(["RC=8 REASON=16004 NOT AUTHORIZED"]), "/x")
    with pytest.raises(_icsf.IcsfError, match="RC=8 REASON=16004") as error:
        store.exists("A.B")
    assert error.value.answer.reason == 16004


def test_import_and_replace_pass_the_key_on_stdin_only():
    fake = FakeExec(["RC=0 REASON=0 IMPORT DONE"], ["RC=0 REASON=0 REPLACE DONE"])
    store = _icsf.IcsfKeyStore(fake, "/x")
    store.import_key("A.B", KEY)
    store.replace_key("A.B", KEY)
    assert fake.calls == [(["/x", "IMPORT", "A.B"], KEY), (["/x", "REPLACE", "A.B"], KEY)]
    assert all(KEY not in arg for argv, dummy in fake.calls for arg in argv)


@pytest.mark.parametrize("answer, reason", [
    ("RC=8 REASON=3028 LABEL EXISTS", _icsf.REASON_LABEL_EXISTS),
    ("RC=8 REASON=2045 BAD KEY LENGTH", _icsf.REASON_BAD_KEY_LENGTH),
])
def test_import_failures(answer, reason):
    with pytest.raises(_icsf.IcsfError) as error:
        _icsf.IcsfKeyStore(FakeExec([answer]), "/x").import_key("A.B", KEY)
    assert error.value.answer.reason == reason


def test_delete_not_found_raises():
    with pytest.raises(_icsf.IcsfError, match="DELETE of label A.B failed: RC=8 REASON=10012"):
        _icsf.IcsfKeyStore(FakeExec(["RC=8 REASON=10012 NOT FOUND"]), "/x").delete("A.B")


def test_no_protocol_line_is_an_error():
    with pytest.raises(_icsf.IcsfError, match="no RC=/REASON= line"):
        _icsf.IcsfKeyStore(FakeExec(["CSNBKRR2 abended"]), "/x").exists("A.B")


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


def test_bundled_exec_reads_the_key_from_stdin_and_knows_every_verb():
    source = _icsf.ICSF_EXEC_SOURCE
    assert source.startswith("/* REXX */")
    assert "parse pull key_hex" in source
    for verb in ("EXISTS", "IMPORT", "REPLACE", "DELETE"):
        assert "'{0}'".format(verb) in source
    for service in ("CSNBKTB2", "CSNBKPI2", "CSNBKRC2", "CSNBKRW2", "CSNBKRR2", "CSNBKRD"):
        assert service in source
    said = [line.strip() for line in source.splitlines() if line.strip().startswith("say ")]
    assert said and not any("key" in line for line in said), said


def test_bundled_racf_exec_reads_its_command_from_stdin_and_never_echoes_it():
    # the RACF exec (module_utils/_racf_exec.py) is the ICSF exec's sibling; it cannot run off z/OS either
    from ansible_collections.mainframe.passticket.plugins.module_utils._racf_exec import RACF_EXEC_SOURCE

    assert RACF_EXEC_SOURCE.startswith("/* REXX */")
    assert "parse pull command" in RACF_EXEC_SOURCE
    assert "address linkpgm 'IRRSEQ00" in RACF_EXEC_SOURCE
    assert "function     = '05'x" in RACF_EXEC_SOURCE  # ADMN_RUN_COMD
    said = [line.strip() for line in RACF_EXEC_SOURCE.splitlines() if line.strip().startswith("say ")]
    assert said and not any("command" in line for line in said), said
