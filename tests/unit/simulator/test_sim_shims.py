"""The z/OS UNIX command shims, run as processes exactly as the modules run them."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from sim_helpers import BIN

KEY32 = "AB" * 32


def test_tsocmd_echoes_to_stderr_prints_output_and_exits_with_rc(sim):
    proc = sim.shim("tsocmd", "RLIST PTKTDATA NOPE")
    assert (proc.returncode, proc.stdout, proc.stderr) == (4, "ICH13003I NOPE NOT FOUND\n", "RLIST PTKTDATA NOPE\n")


def test_racfexec_reads_stdin_never_echoes_and_logs_like_tsocmd(sim):
    image = "RDEFINE PTKTDATA IOSHMCSM SSIGNON(KEYMASKED(0123456789ABCDEF))"
    proc = sim.shim("racfexec", stdin=image + "\n")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    # KEYMASKED values stay in the command image: that is what z/OS records
    assert [(r["transport"], r["command"], r["rc"]) for r in sim.log()] == [("racfexec", image, 0)]
    proc = sim.shim("racfexec", stdin="RLIST PTKTDATA IOSHMCSM SSIGNON\n")
    assert "KEYMASKED DATA NOT DISPLAYABLE" in proc.stdout and proc.stderr == ""


@pytest.mark.parametrize(
    "shim, args, stdin",
    [
        ("tsocmd", ["LISTUSER"], None),
        ("racfexec", [], "LISTUSER\n"),
        ("icsfhmac", [], "EXISTS A.B\n"),
        ("uname", ["-Irsv"], None),
        ("date", ["-u", "+%s"], None),
    ],
)
def test_shims_fail_clearly_without_a_host(sim, shim, args, stdin):
    proc = sim.shim(shim, *args, stdin=stdin, env={"ZOSSIM_STATE": ""})
    assert proc.returncode == 90 and "ZOSSIM_STATE is not set" in proc.stderr
    proc = sim.shim(shim, *args, stdin=stdin, env={"ZOSSIM_STATE": str(sim.path.parent / "nohost")})
    assert proc.returncode == 90 and "not a simulated host" in proc.stderr


def icsfhmac(sim, verb, label, key=None):
    """Run the icsfhmac shim (the real ICSF exec under Regina) with the request on stdin."""
    stdin = "{0} {1}\n".format(verb, label) + ("" if key is None else key + "\n")
    return sim.shim("icsfhmac", stdin=stdin)


def test_icsfhmac_runs_the_real_icsf_exec_over_the_hosts_ckds(sim):
    def icsf(verb, label, key=None):
        proc = icsfhmac(sim, verb, label, key)
        return proc.returncode, proc.stdout.strip()

    assert icsf("EXISTS", "USRLCL.CKDS.CSM") == (8, "RC=8 REASON=10012 NOT FOUND")
    assert icsf("IMPORT", "USRLCL.CKDS.CSM", KEY32) == (0, "RC=0 REASON=0 IMPORTED")
    assert icsf("EXISTS", "USRLCL.CKDS.CSM") == (0, "RC=0 REASON=0 FOUND MINLENGTH=29 MAXLENGTH=36")
    assert icsf("IMPORT", "USRLCL.CKDS.CSM", KEY32) == (8, "RC=8 REASON=16036 LABEL ALREADY EXISTS")
    assert icsf("REPLACE", "USRLCL.CKDS.CSM", "CD" * 256) == (0, "RC=0 REASON=0 REPLACED")
    assert icsf("EXISTS", "USRLCL.CKDS.CSM") == (0, "RC=0 REASON=0 FOUND MINLENGTH=253 MAXLENGTH=256")
    assert sim.raw_state()["ckds"] == {"USRLCL.CKDS.CSM": "CD" * 256}
    assert icsf("IMPORT", "SHORT.KEY", "AB" * 31)[1].startswith("RC=8 REASON=72 ")
    assert icsf("IMPORT", "LONG.KEY", "AB" * 257)[1].startswith("RC=8 REASON=72 ")
    assert icsf("IMPORT", "NOT.HEX", "ZZ" * 32)[1] == "RC=8 REASON=0 KEY IS NOT HEX"
    assert icsf("IMPORT", "NO.KEY", "")[1] == "RC=8 REASON=0 KEY IS NOT HEX"
    for label in ("1ABC", "A..B", "lower.case", "A-B"):
        assert icsf("IMPORT", label, KEY32) == (8, "RC=8 REASON=10004 CSNBKRC2 FAILED"), label
    assert icsf("IMPORT", "A" * 65, KEY32)[1].startswith("RC=8 REASON=0 LABEL MUST BE")
    assert icsf("REPLACE", "MISSING", KEY32) == (8, "RC=8 REASON=10012 NOT FOUND")
    assert icsf("DELETE", "USRLCL.CKDS.CSM") == (0, "RC=0 REASON=0 DELETED")
    assert icsf("DELETE", "USRLCL.CKDS.CSM") == (8, "RC=8 REASON=10012 NOT FOUND")
    log = json.dumps(sim.log()) + sim.zossim("show", sim.path).stdout
    assert "ABAB" not in log and "CDCD" not in log
    assert [record["command"] for record in sim.log()][:2] == ["EXISTS USRLCL.CKDS.CSM", "IMPORT USRLCL.CKDS.CSM"]


def test_icsfhmac_takes_no_arguments(sim):
    proc = sim.shim("icsfhmac", "EXISTS", "A.B", stdin="")
    assert proc.returncode == 90 and "takes no arguments" in proc.stderr


def test_icsf_faults(sim):
    sim.zossim("fault", sim.path, "--fail", "IMPORT:1")
    proc = icsfhmac(sim, "IMPORT", "A.B", KEY32)
    assert (proc.returncode, proc.stdout.strip()) == (8, "RC=8 REASON=16004 CSNBKTB2 FAILED")
    sim.zossim("fault", sim.path, "--fail", "IMPORT", "--mode", "racf-inactive")
    assert icsfhmac(sim, "IMPORT", "A.B", KEY32).stdout.strip() == "RC=12 REASON=0 CSNBKTB2 FAILED"
    assert icsfhmac(sim, "IMPORT", "A.B", KEY32).returncode == 0


def test_icsf_fault_with_match_applies_to_the_matching_label_only(sim):
    sim.zossim("fault", sim.path, "--fail", "IMPORT", "--match", r"\.CSM$")
    assert icsfhmac(sim, "IMPORT", "USRLCL.CKDS.OTHER", KEY32).returncode == 0
    proc = icsfhmac(sim, "IMPORT", "USRLCL.CKDS.CSM", KEY32)
    assert (proc.returncode, proc.stdout.strip()) == (8, "RC=8 REASON=16004 CSNBKTB2 FAILED")
    assert icsfhmac(sim, "IMPORT", "USRLCL.CKDS.CSM", KEY32).returncode == 0


def test_racfexec_runs_the_real_racf_exec_and_prints_only_racf_messages(sim):
    proc = sim.shim("racfexec", stdin="RLIST PTKTDATA NOPE\n")
    assert (proc.returncode, proc.stdout) == (4, "ICH13003I NOPE NOT FOUND\n")
    proc = sim.shim("racfexec", stdin="ALTUSER NOSUCH PASSWORD(PW4TEST1) NOEXPIRED\n")
    assert proc.returncode == 8 and "PW4TEST1" not in proc.stdout + proc.stderr
    assert proc.stdout.split()[0].startswith("ICH")
    proc = sim.shim("racfexec", stdin="ALTUSER X DATA('" + "A" * 4090 + "')\n")
    assert (proc.returncode, proc.stdout) == (12, "IRRSEQ00 COMMAND LONGER THAN 4096 CHARACTERS, NOT RUN\n")
    assert [record["command"] for record in sim.log()][-1].startswith("ALTUSER NOSUCH")
    assert sim.shim("racfexec", "ARG", stdin="LISTUSER\n").returncode == 90


def test_uname_and_date_answer_the_host_and_pass_everything_else_through(make_sim, capsys):
    host = make_sim("--release", "3.1", "--clock-skew", "-3600")
    capsys.readouterr()
    # the real layout "z/OS RR.00 VV" [spec zos-interfaces.md section 5]
    assert host.shim("uname", "-Irsv").stdout == "z/OS 01.00 03\n"
    assert (
        host.shim("uname", "-s").stdout
        == subprocess.run(["uname", "-s"], capture_output=True, text=True, check=True).stdout
    )
    before = int(subprocess.run(["date", "-u", "+%s"], capture_output=True, text=True, check=True).stdout)
    simulated = int(host.shim("date", "-u", "+%s").stdout)
    assert -3600 - 5 <= simulated - before <= -3600 + 5
    assert host.shim("date", "-u", "+%Y").stdout.strip().isdigit()


@pytest.mark.parametrize(
    "given, printed", [("2.5", "z/OS 05.00 02"), ("02.04", "z/OS 04.00 02"), ("2.3", "z/OS 03.00 02")]
)
def test_uname_prints_the_release_in_the_real_layout(make_sim, capsys, given, printed):
    host = make_sim("--release", given)
    capsys.readouterr()
    assert host.shim("uname", "-Irsv").stdout == printed + "\n"


def test_concurrent_commands_never_corrupt_the_state(sim):
    """20 parallel tsocmd processes: every effect lands, the state stays valid."""

    def define(number):
        return sim.shim("tsocmd", "RDEFINE PTKTDATA APPL{0:02d}".format(number)).returncode

    with ThreadPoolExecutor(max_workers=20) as pool:
        assert list(pool.map(define, range(20))) == [0] * 20
    names = sorted(p["name"] for p in sim.state()["profiles"])
    assert names == ["APPL{0:02d}".format(n) for n in range(20)]
    assert len(sim.log()) == 20 and not [f for f in os.listdir(sim.path) if f.startswith(".state-")]


def test_inventory_wrapper_runs_python_with_the_host_environment(sim, tmp_path):
    text = sim.zossim("inventory", sim.path).stdout
    assert "zos:" in text and '"zos1":' in text and "ansible_connection: local" in text
    wrapper = sim.path / "python"
    assert '"{0}"'.format(wrapper) in text
    probe = (
        "import os, shutil, subprocess; print(os.environ['ZOSSIM_STATE']); print(shutil.which('tsocmd'));"
        "print(os.environ['PASSTICKET_ICSF_EXEC']); print(os.environ['PASSTICKET_RACF_EXEC']);"
        "print(subprocess.run(['uname', '-Irsv'], capture_output=True, text=True).stdout.strip())"
    )
    lines = subprocess.run(
        [str(wrapper), "-c", probe], capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"}
    ).stdout.splitlines()
    assert lines == [str(sim.path), str(BIN / "tsocmd"), str(BIN / "icsfhmac"), str(BIN / "racfexec"), "z/OS 05.00 02"]
    assert (
        subprocess.run(
            [str(wrapper), "-c", "import sys; print(sys.executable)"], capture_output=True, text=True, check=True
        ).stdout.strip()
        == sys.executable
    )


def test_init_refuses_an_existing_host_and_show_omits_secrets(sim):
    proc = sim.zossim("init", sim.path, check=False)
    assert proc.returncode == 2 and "already holds" in proc.stderr
    assert sim.zossim("show", sim.path.parent / "nothing", check=False).returncode == 2
