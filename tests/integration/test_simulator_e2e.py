"""End to end through the simulator's own commands, and Ansible reaching simulated hosts."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / "tests" / "simulator" / "bin"
sys.path.insert(0, str(REPO / "plugins" / "plugin_utils"))
import _passticket  # noqa: E402  pylint: disable=import-error,wrong-import-position

KEY = os.urandom(64).hex()


def shim(host_dir, name, *args, stdin=None):
    env = dict(os.environ, ZOSSIM_STATE=str(host_dir))
    env["PATH"] = "{0}:{1}:{2}".format(BIN, Path(sys.executable).parent, env.get("PATH", ""))
    proc = subprocess.run(
        [str(BIN / name)] + list(args), input=stdin, capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, (name, args, proc.stdout, proc.stderr)
    return proc.stdout


def test_enhanced_passticket_lifecycle(make_host, zossim, host_state):
    host = make_host("zos1", "--user", "HOSTUSR")
    shim(host, "icsfhmac", stdin="IMPORT USRLCL.CKDS.CSM\n" + KEY + "\n")
    shim(host, "tsocmd", "SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA) GENERIC(PTKTDATA)")
    shim(
        host,
        "tsocmd",
        "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) "
        "TIMEOUT(600)) APPLDATA('CSM HyperSwap') UACC(NONE)",
    )
    host_now = int(shim(host, "date", "-u", "+%s"))
    ticket = _passticket.generate("HOSTUSR", "IOSHMCSM", KEY, host_now, "enhanced", "upper")

    def evaluate():
        return zossim("evaluate", host, "--user", "HOSTUSR", "--appl", "IOSHMCSM", "--ticket", ticket, check=False)

    before_refresh = evaluate()
    assert before_refresh.returncode != 0 and "no PTKTDATA profile" in before_refresh.stdout
    shim(host, "tsocmd", "SETROPTS RACLIST(PTKTDATA) REFRESH")
    assert evaluate().returncode == 0
    replay = evaluate()
    assert replay.returncode != 0 and "replay" in replay.stdout
    # a fresh ticket, judged by a host whose clock runs beyond TIMEOUT ahead
    ticket = _passticket.generate("HOSTUSR", "IOSHMCSM", KEY, host_now + 1, "enhanced", "upper")
    zossim("clock", host, "--skew", "660")  # TIMEOUT(600) plus a margin for the seconds this test takes
    skewed = evaluate()
    assert skewed.returncode != 0 and "not valid" in skewed.stdout
    zossim("clock", host, "--skew", "0")
    assert evaluate().returncode == 0
    state = host_state(host)
    assert state["profiles"][0]["ssignon"]["eptkeylabel"] == "USRLCL.CKDS.CSM"
    assert KEY.upper() not in json.dumps(state)


def test_playbook_and_adhoc_reach_each_simulated_host(
    make_host, inventory, ansible_playbook, ansible_adhoc, host_log, tmp_path
):
    hosts = [make_host("zos1"), make_host("zos2", "--release", "3.1")]
    inv = inventory(*hosts)
    playbook = tmp_path / "probe.yml"
    playbook.write_text("""
- hosts: zos
  gather_facts: false
  tasks:
    - name: Ask RACF who we are
      ansible.builtin.command: tsocmd LISTUSER
      register: caller
      changed_when: false
    - name: Ask for the release
      ansible.builtin.command: uname -Irsv
      register: release
      changed_when: false
    - name: Show both
      ansible.builtin.debug:
        msg: "{{ inventory_hostname }} {{ release.stdout }} {{ caller.stdout_lines[0].split()[0] }}"
""")
    out = ansible_playbook(playbook, inv).stdout
    assert "zos1 z/OS 05.00 02 USER=IBMUSER" in out
    assert "zos2 z/OS 01.00 03 USER=IBMUSER" in out
    adhoc = ansible_adhoc("zos2", inv, "ansible.builtin.command", "tsocmd 'RLIST PTKTDATA NONE'", check=False)
    assert "ICH13003I NONE NOT FOUND" in adhoc.stdout
    assert [r["command"] for r in host_log(hosts[0])] == ["LISTUSER"]
    assert [r["command"] for r in host_log(hosts[1])] == ["LISTUSER", "RLIST PTKTDATA NONE"]


def test_adhoc_module_run_reaches_the_simulated_host(make_host, inventory, ansible_adhoc, host_log):
    """Ad-hoc runs have no play environment: the interpreter wrapper carries the host."""
    hosts = [make_host("zos1", "--ptktdata-active"), make_host("zos2", "--release", "3.1")]
    out = ansible_adhoc("zos", inventory(*hosts), "mainframe.passticket.passticket_info", "", "-o").stdout
    results = {
        line.split(" | ")[0]: json.loads(line.split(" => ", 1)[1]) for line in out.splitlines() if " => " in line
    }
    assert results["zos1"]["zos_release"] == "2.5" and results["zos1"]["class"]["raclist"] is True
    assert results["zos2"]["zos_release"] == "3.1" and results["zos2"]["class"]["active"] is False
    assert all(r["verb"] in ("LISTUSER", "SETROPTS", "EXTRACT") for host in hosts for r in host_log(host))
