"""Integration: racf_class, racf_refresh and ptktdata_profile on simulated z/OS hosts.

Each test runs one target (tests/integration/targets/<name>/tasks/main.yml)
through tests/integration/run_target.yml, once, on three fresh hosts:

- ``zos1``: a SPECIAL caller; the target's main path (check mode -> apply ->
  check mode again -> apply again, absent, bad input);
- ``nospecial``: a caller without SPECIAL (``passticket_test_case: nospecial``);
- ``faulty``: a host whose next command of one verb fails
  (``passticket_test_case: faulty``): the run fails clearly, the next converges.

The target's own assertions check the results; this driver checks what the
hosts received and hold (``zossim log`` / ``zossim show``).
"""

from pathlib import Path

import pytest

RUN_TARGET = Path(__file__).resolve().parent / "run_target.yml"
WRITE_VERBS = {"RDEFINE", "RALTER", "RDELETE", "PERMIT", "ADDUSER", "ALTUSER", "DELUSER"}


def is_write(entry):
    return entry["verb"] in WRITE_VERBS or (
        entry["verb"] == "SETROPTS" and entry["command"].strip().upper() != "SETROPTS LIST"
    )


@pytest.fixture
def three_hosts(tmp_path, make_host, inventory, zossim):
    """Hosts zos1, nospecial and faulty (next ``fault_verb`` command fails), and their inventory."""

    def make(fault_verb):
        hosts = {
            "zos1": make_host("zos1"),
            "nospecial": make_host("nospecial", "--no-special"),
            "faulty": make_host("faulty"),
        }
        zossim("fault", hosts["faulty"], "--fail", "{0}:1".format(fault_verb))
        path = inventory(*hosts.values())
        host_vars = tmp_path / "host_vars"
        host_vars.mkdir()
        for name in ("nospecial", "faulty"):
            (host_vars / (name + ".yml")).write_text("passticket_test_case: {0}\n".format(name))
        return hosts, path

    return make


def run_target(ansible_playbook, inventory_path, target, *extra):
    proc = ansible_playbook(RUN_TARGET, inventory_path, "-e", "target=" + target, *extra)
    assert "failed=0" in proc.stdout and "unreachable=0" in proc.stdout
    return proc


def test_racf_class(three_hosts, ansible_playbook, host_state, host_log):
    hosts, inventory_path = three_hosts("SETROPTS")
    run_target(ansible_playbook, inventory_path, "racf_class")

    writes = [entry["command"] for entry in host_log(hosts["zos1"]) if is_write(entry)]
    # check mode wrote nothing; the second apply wrote nothing: one SETROPTS in all
    assert writes == ["SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA) GENERIC(PTKTDATA)"]
    classes = host_state(hosts["zos1"])["classes"]
    assert all("PTKTDATA" in classes[field] for field in ("active", "raclist", "generic"))

    # without SPECIAL: refused, nothing changed
    assert "PTKTDATA" not in host_state(hosts["nospecial"])["classes"]["active"]
    assert [entry["rc"] for entry in host_log(hosts["nospecial"]) if is_write(entry)] == [8]

    # the failed run left the host as it was; the next one converged with one write
    # (the failing SETROPTS is the SETROPTS LIST read on the listing path, the change itself after an IRRXUTIL read)
    faulty_log = host_log(hosts["faulty"])
    assert next(entry for entry in faulty_log if entry["verb"] == "SETROPTS")["rc"] == 8
    assert [entry["command"] for entry in faulty_log if is_write(entry) and entry["rc"] == 0] == [
        "SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)"
    ]
    assert "PTKTDATA" in host_state(hosts["faulty"])["classes"]["raclist"]


def test_racf_refresh(three_hosts, ansible_playbook, host_log):
    hosts, inventory_path = three_hosts("SETROPTS")
    run_target(ansible_playbook, inventory_path, "racf_refresh")

    refreshes = [entry["command"] for entry in host_log(hosts["zos1"]) if entry["command"].endswith("REFRESH")]
    # the check-mode task issued none
    assert refreshes == [
        "SETROPTS RACLIST(PTKTDATA) REFRESH",
        "SETROPTS RACLIST(PTKTDATA) REFRESH",
        "SETROPTS GENERIC(PTKTDATA) REFRESH",
    ]
    assert [(entry["command"], entry["rc"]) for entry in host_log(hosts["nospecial"])] == [
        ("SETROPTS RACLIST(PTKTDATA) REFRESH", 8)
    ]
    assert [entry["rc"] for entry in host_log(hosts["faulty"])] == [8, 0]


def test_ptktdata_profile(three_hosts, ansible_playbook, host_state, host_log):
    hosts, inventory_path = three_hosts("RDEFINE")
    legacy_key = "0A1B2C3D4E5F6A7B"
    proc = run_target(
        ansible_playbook, inventory_path, "ptktdata_profile", "-e", "passticket_test_legacy_key=" + legacy_key, "-v"
    )
    assert legacy_key not in proc.stdout and legacy_key not in proc.stderr

    log = host_log(hosts["zos1"])
    writes = [entry for entry in log if is_write(entry)]
    # RDEFINE (apply), RALTER timeout+appldata, RALTER key always, RALTER key encrypted, RDELETE, plus the clean-up
    # RDELETE that finds nothing is not issued: the check-mode runs and the repeated runs wrote nothing
    assert [entry["verb"] for entry in writes] == ["RDEFINE", "RALTER", "RALTER", "RALTER", "RDELETE"]
    # the key reached RACF only through the RACF exec's stdin, never tsocmd's argv
    keyed = [entry for entry in log if legacy_key in entry["command"]]
    assert len(keyed) == 3 and all(entry["transport"] == "racfexec" for entry in keyed)
    assert all(legacy_key not in entry["command"] for entry in log if entry["transport"] == "tsocmd")
    assert writes[1]["command"].startswith(
        "RALTER PTKTDATA PTKTTEST.PTKTUSR APPLDATA('IT''S A TEST'') UACC(ALTER) OWNER(EVIL) DATA(''(X)')"
    )
    state = host_state(hosts["zos1"])
    assert state["profiles"] == [] and state["ckds"] == []

    # without SPECIAL: RDEFINE refused, nothing defined
    assert [(entry["verb"], entry["rc"]) for entry in host_log(hosts["nospecial"]) if is_write(entry)] == [
        ("RDEFINE", 8)
    ]
    assert host_state(hosts["nospecial"])["profiles"] == []

    # the refused RDEFINE left nothing behind; the next run defined the profile once
    faulty_writes = [(entry["verb"], entry["rc"]) for entry in host_log(hosts["faulty"]) if is_write(entry)]
    assert faulty_writes == [("RDEFINE", 8), ("RDEFINE", 0), ("RDELETE", 0)]
