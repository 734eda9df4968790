"""The irrxutil_extract target against simulated hosts: the read exec behind real module runs.

The target (tests/integration/targets/irrxutil_extract) proves on a test LPAR
what the IRRXUTIL read exec relies on; here it runs against a fresh simulated
host, where the racfread shim runs the same exec under the REXX test bed, and
against a host without IRRXUTIL, where the probe must report it unavailable.
"""

from pathlib import Path

INTEGRATION = Path(__file__).resolve().parent
LIBRARY = {"ANSIBLE_LIBRARY": str(INTEGRATION / "library")}


def test_target_on_a_fresh_host(make_host, inventory, ansible_playbook, host_log, host_state):
    host = make_host("zos1")
    before = host_state(host)
    # the modules that set up and remove the test objects read through listings here, so that every extract
    # in the log is one of the probe's
    ansible_playbook(
        INTEGRATION / "run_target.yml",
        inventory(host),
        "-e",
        "target=irrxutil_extract",
        env=dict(LIBRARY, PASSTICKET_READ_INTERFACE="listing"),
    )
    extracts = [entry["command"] for entry in host_log(host) if entry["transport"] == "irrxutil"]
    assert extracts == [
        "IRRXUTIL EXTRACT _SETROPTS _SETROPTS",
        "IRRXUTIL EXTRACT USER IBMUSER",
        "IRRXUTIL EXTRACT USER PTKTXTR1",
        "IRRXUTIL EXTRACT USER PTKTXTR#",
        "IRRXUTIL EXTRACT PTKTDATA PTKTXTR.PTKTXTR1",
        "IRRXUTIL EXTRACT PTKTDATA PTKTXTR.PTKTXTR1X",
        "IRRXUTIL EXTRACT PTKTDATA PTKTXTR.PTKTXTR1",
    ]
    after = host_state(host)
    assert after["users"] == before["users"] and after["ckds"] == [] and after["profiles"] == []


def test_probe_reports_irrxutil_unavailable(make_host, inventory, ansible_adhoc, host_log):
    host = make_host("zos1", "--no-irrxutil")
    proc = ansible_adhoc(
        "zos", inventory(host), "racf_extract_probe", '{"requests": [{"type": "_SETROPTS"}]}', env=LIBRARY, check=False
    )
    assert proc.returncode != 0 and "REXX error 43 Routine not found" in proc.stdout
    assert '"unavailable": true' in proc.stdout
    assert host_log(host) == []
