"""The racfread shim: the product's read exec under the REXX test bed, against the simulated host."""

import json
import subprocess

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import extract
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import TsoRunner
from sim_helpers import BIN, TESTS

KEY = "0123456789ABCDEF"


def define_profile(host):
    host.ok("RDEFINE PTKTDATA IOSHMCSM SSIGNON(KEYMASKED({0})) APPLDATA('NO REPLAY PROTECTION')".format(KEY))


def test_shim_runs_the_exec_and_logs_each_extract(make_sim):
    host = make_sim("--ptktdata-active", "--user", "HOSTUSR:protected")
    define_profile(host)
    proc = host.shim("racfread", stdin="USER HOSTUSR\n_SETROPTS _SETROPTS\nPTKTDATA IOSHMCSM\nPTKTDATA NOPE\n")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == read_exec.PROTOCOL_HEADER and lines[-1] == "DONE 4"
    assert "SSIGNON.KEYMASK=<present>" in lines and KEY not in proc.stdout + proc.stderr
    records = host.log()[1:]  # after the RDEFINE
    assert [(r["transport"], r["verb"], r["command"], r["rc"]) for r in records] == [
        ("irrxutil", "EXTRACT", "IRRXUTIL EXTRACT USER HOSTUSR", 0),
        ("irrxutil", "EXTRACT", "IRRXUTIL EXTRACT _SETROPTS _SETROPTS", 0),
        ("irrxutil", "EXTRACT", "IRRXUTIL EXTRACT PTKTDATA IOSHMCSM", 0),
        ("irrxutil", "EXTRACT", "IRRXUTIL EXTRACT PTKTDATA NOPE", 4),
    ]
    assert host.zossim("log", host.path).stdout.splitlines()[-1] == "IRRXUTIL EXTRACT PTKTDATA NOPE"


def test_not_authorized_extract_is_logged_with_rc_8(make_sim):
    host = make_sim("--radmin-deny", "IRR.RADMIN.LISTUSER")
    proc = host.shim("racfread", stdin="USER IBMUSER\n")
    assert "STATUS NOT_AUTHORIZED" in proc.stdout.splitlines()
    assert [(r["command"], r["rc"]) for r in host.log()] == [("IRRXUTIL EXTRACT USER IBMUSER", 8)]


def test_no_irrxutil_host_gives_routine_not_found_and_logs_nothing(make_sim):
    host = make_sim("--no-irrxutil")
    proc = host.shim("racfread", stdin="USER IBMUSER\n")
    assert proc.stdout.splitlines() == [
        read_exec.PROTOCOL_HEADER,
        "BEGIN USER IBMUSER",
        "UNAVAILABLE 43 Routine not found",
    ]
    assert proc.returncode == 4 and host.log() == []
    assert host.state()["irrxutil"] is False


def test_shim_takes_no_arguments(sim):
    proc = sim.shim("racfread", "USER", "IBMUSER")
    assert proc.returncode == 90 and "takes no arguments" in proc.stderr


def test_extract_through_a_module_runner_finds_the_shim_like_the_modules_do(make_sim):
    """TsoRunner.run_exec in a process with the host's environment (the inventory wrapper's)."""
    host = make_sim("--ptktdata-active", "--user", "HOSTUSR:protected")
    define_profile(host)
    host.zossim("inventory", host.path)
    probe = """
import json, subprocess, sys
sys.path.insert(0, {collections!r})
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import TsoRunner
def run_command(argv, data=None):
    proc = subprocess.run(argv, input=data, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr
results = read_exec.extract(TsoRunner(run_command), [("USER", "HOSTUSR"), ("PTKTDATA", "IOSHMCSM")])
print(json.dumps([r.segments for r in results]))
""".format(collections=str(TESTS.parent / ".build" / "collections"))
    out = subprocess.run(
        [str(host.path / "python"), "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    user, ptkt = json.loads(out.stdout)
    assert user["BASE"]["PROTECTD"] == "TRUE" and ptkt["SSIGNON"] == {"KEYMASK": extract.PRESENT}
    extracts = [r["command"] for r in host.log()][-2:]
    assert extracts == ["IRRXUTIL EXTRACT USER HOSTUSR", "IRRXUTIL EXTRACT PTKTDATA IOSHMCSM"]


def test_extract_falls_back_cleanly_on_a_no_irrxutil_host(make_sim):
    host = make_sim("--no-irrxutil")

    def run_command(argv, data=None):
        proc = host.shim("racfread", stdin=data)
        return proc.returncode, proc.stdout, proc.stderr

    with pytest.raises(extract.ExtractUnavailable, match="REXX error 43 Routine not found"):
        read_exec.extract(
            TsoRunner(run_command), [("USER", "IBMUSER")], environ={read_exec.READ_EXEC_ENV: str(BIN / "racfread")}
        )
