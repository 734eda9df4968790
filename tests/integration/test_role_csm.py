"""The passticket_setup role (playbook csm_hyperswap) against simulated z/OS hosts."""

import re
from collections import Counter

from role_helpers import PLAYBOOKS, changes, is_read, new_key, recap, write_host_vars, write_vars

CSM = PLAYBOOKS / "csm_hyperswap.yml"
# one read per object in a steady run: the caller's LISTUSER and ICSF EXISTS, then the user, the class settings and
# the profile through IRRXUTIL (read_interface auto)
STEADY_READS = ["EXISTS", "EXTRACT", "EXTRACT", "EXTRACT", "LISTUSER"]
PROFILE = "IOSHMCSM.HOSTUSR"
LABEL = "USRLCL.CKDS.CSM"


def _profile(state, name=PROFILE):
    found = [p for p in state["profiles"] if p["class"] == "PTKTDATA" and p["name"] == name]
    return found[0] if found else None


def _user(state, user_id="HOSTUSR"):
    found = [u for u in state["users"] if u["id"] == user_id]
    return found[0] if found else None


def _assert_converged(state):
    assert "PTKTDATA" in state["classes"]["active"] and "PTKTDATA" in state["classes"]["raclist"]
    profile = _profile(state)
    assert profile["appldata"] == "CSM TO HYPERSWAP CONNECTION"
    assert profile["ssignon"]["eptkeylabel"] == LABEL
    assert profile["ssignon"]["type"] == "UPPER"
    assert profile["ssignon"]["timeout"] == 600
    # the refresh happened: the profile is in the in-storage (RACLISTed) copy
    assert PROFILE in state["raclisted"]["PTKTDATA"]
    user = _user(state)
    assert not user["protected"] and not user["revoked"]
    assert [k for k in state["ckds"] if k["label"] == LABEL] == [{"label": LABEL, "length": 64}]


def _assert_no_secret(key, *texts):
    for text in texts:
        assert key not in text and key.lower() not in text


def test_check_then_converge_then_steady_state(tmp_path, make_host, inventory, ansible_playbook, host_state, host_log):
    fresh = make_host("fresh")
    half = make_host("half", "--ptktdata-active")
    hosts = (fresh, half)
    inv = inventory(*hosts)
    key = new_key()
    extra = write_vars(tmp_path, key)
    initial = {h: host_state(h) for h in hosts}

    # --check: reads only, changes nothing, predicts the changes
    check = ansible_playbook(CSM, inv, "--check", "--diff", "-vvv", *extra)
    _assert_no_secret(key, check.stdout, check.stderr)
    for host in hosts:
        assert host_state(host) == initial[host]
        assert all(is_read(record) for record in host_log(host)), changes(host_log(host))
    predicted = recap(check.stdout)
    assert predicted["fresh"]["changed"] > predicted["half"]["changed"] > 0
    assert "RDEFINE PTKTDATA" in check.stdout
    checked = {h: len(host_log(h)) for h in hosts}

    # run 1: converges, as predicted, with -vvv showing no key material
    first = ansible_playbook(CSM, inv, "--diff", "-vvv", *extra)
    _assert_no_secret(key, first.stdout, first.stderr)
    done = recap(first.stdout)
    for host in hosts:
        assert done[host.name]["changed"] == predicted[host.name]["changed"]
        _assert_converged(host_state(host))
        _assert_no_secret(key, str(host_log(host)))
    fresh_changes = changes(host_log(fresh)[checked[fresh] :])
    half_changes = changes(host_log(half)[checked[half] :])
    assert any(c.startswith("SETROPTS CLASSACT(PTKTDATA)") for c in fresh_changes)
    # half-configured host: only the missing steps, and one refresh
    assert not any("CLASSACT" in c for c in half_changes)
    for commands in (fresh_changes, half_changes):
        assert sum(1 for c in commands if "REFRESH" in c) == 1
        assert commands[-1] == "SETROPTS RACLIST(PTKTDATA) REFRESH"
        assert any(c.startswith("RDEFINE PTKTDATA " + PROFILE) for c in commands)
        assert "IMPORT " + LABEL in commands
    converged = {h: len(host_log(h)) for h in hosts}

    # run 2: nothing to do, reads only, at most one read per object
    second = ansible_playbook(CSM, inv, *extra)
    for host in hosts:
        assert recap(second.stdout)[host.name]["changed"] == 0
        steady = host_log(host)[converged[host] :]
        assert all(is_read(record) for record in steady), changes(steady)
        repeated = [command for command, n in Counter(r["command"] for r in steady).items() if n > 1]
        assert not repeated
        assert sorted(r["verb"] for r in steady) == STEADY_READS


def test_unmet_prerequisites_and_a_missing_optional_collection_fail_before_any_change(
    tmp_path, make_host, inventory, ansible_playbook, host_state, host_log
):
    skewed = make_host("skewed", "--clock-skew", "900")
    small_skew = make_host("small_skew", "--clock-skew", "-560")
    not_special = make_host("not_special", "--no-special")
    old = make_host("old", "--release", "2.3")
    no_ptf = make_host("no_ptf")
    # asks for IBM's IWNRACF5 job, but ibm.ibm_zos_core (optional) is not installed
    iwnracf5 = make_host("iwnracf5")
    hosts = (skewed, small_skew, not_special, old, no_ptf, iwnracf5)
    inv = inventory(*hosts)
    for host in hosts:
        write_host_vars(
            inv,
            host.name,
            passticket_setup_oa62931_installed=host is not no_ptf,
            passticket_setup_user_via_iwnracf5=host is iwnracf5,
            passticket_setup_iwnracf5_job="SYS1.CSM.SAMPLIB(IWNRACF5)" if host is iwnracf5 else None,
        )
    initial = {h: host_state(h) for h in hosts}

    run = ansible_playbook(
        CSM,
        inv,
        "--limit",
        "!iwnracf5",
        *write_vars(tmp_path, new_key(), passticket_setup_oa62931_installed=None),
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert re.search(r"The z/OS clock differs from the controller clock by 9[0-9][0-9] seconds", output)
    # 560 s + the 60 s margin exceed the 600 s window
    assert re.search(r"The z/OS clock differs from the controller clock by -5[0-9][0-9] seconds", output)
    assert "does not have the RACF SPECIAL attribute" in output
    assert "z/OS release 2.3 is below 02.04" in output
    assert "IOS APAR OA62931 are not asserted as installed" in output
    for host in hosts[:-1]:
        assert recap(run.stdout)[host.name]["failed"] == 1
        assert host_state(host) == initial[host]
        assert all(is_read(record) for record in host_log(host))

    # Ansible stops when an included file names a module it cannot find: only asked-for, and before any change
    iwnracf5_run = ansible_playbook(CSM, inv, "--limit", "iwnracf5", *write_vars(tmp_path, new_key()), check=False)
    assert iwnracf5_run.returncode != 0
    assert "ibm.ibm_zos_core.zos_job_submit" in iwnracf5_run.stdout + iwnracf5_run.stderr
    assert host_state(iwnracf5) == initial[iwnracf5]


def test_user_problems_and_a_failed_command_then_the_next_run_converges(
    tmp_path, make_host, inventory, ansible_playbook, host_state, host_log, zossim
):
    protected = make_host("protected", "--user", "HOSTUSR:protected")
    revoked = make_host("revoked", "--user", "HOSTUSR:revoked")
    faulty = make_host("faulty")
    inv = inventory(protected, revoked, faulty)
    extra = write_vars(tmp_path, new_key())
    zossim("fault", faulty, "--fail", "RDEFINE")

    run = ansible_playbook(CSM, inv, *extra, check=False)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    # a PROTECTED user gets a password nobody knows, so it can sign on with PassTickets
    assert recap(run.stdout)["protected"]["failed"] == 0
    _assert_converged(host_state(protected))
    # a REVOKED user stops the run on that host, before any change
    assert recap(run.stdout)["revoked"]["failed"] == 1
    assert "User HOSTUSR is REVOKED" in output and "passticket_setup_user_resume" in output
    assert changes(host_log(revoked)) == []
    # a command failing mid-run fails the run with RACF's own message
    assert recap(run.stdout)["faulty"]["failed"] == 1
    assert "ICH10103I NOT AUTHORIZED TO DEFINE IOSHMCSM.HOSTUSR" in output
    assert _profile(host_state(faulty)) is None

    again = ansible_playbook(CSM, inv, "-e", "passticket_setup_user_resume=true", *extra)
    assert recap(again.stdout)["protected"]["changed"] == 0
    for host in (revoked, faulty):
        assert recap(again.stdout)[host.name]["changed"] > 0
        _assert_converged(host_state(host))
