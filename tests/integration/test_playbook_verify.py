"""Playbooks mainframe.passticket.verify and connect_example against simulated hosts."""

import contextlib
import os
import re
import subprocess

import pytest

from role_helpers import PLAYBOOKS, REPO, changes, new_key, sign_on_service, tso, write_host_vars, write_vars


@pytest.fixture
def served():
    """Start sign-on services for hosts (role_helpers.sign_on_service); all stop at the end of the test."""
    with contextlib.ExitStack() as stack:
        yield lambda host_dir: stack.enter_context(sign_on_service(host_dir))


def _forget_the_refresh(host, key):
    """Steps 4 and 5 done by hand, step 6 (the refresh) forgotten: the RACF database is right, the in-storage copy not."""
    icsf = subprocess.run(
        [str(REPO / "tests" / "simulator" / "bin" / "icsfhmac")],
        input="IMPORT USRLCL.CKDS.CSM\n" + key + "\n",
        env=dict(os.environ, ZOSSIM_STATE=str(host)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert icsf.returncode == 0, icsf.stdout
    assert (
        tso(
            host,
            "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) TIMEOUT(600)) "
            "APPLDATA('CSM TO HYPERSWAP CONNECTION')",
        ).returncode
        == 0
    )


def test_verify_finds_drift_and_a_forgotten_refresh_then_connect_signs_on_once(
    tmp_path, make_host, inventory, ansible_playbook, host_log, served
):
    healthy = make_host("healthy")
    drifted = make_host("drifted")
    stale = make_host("stale", "--ptktdata-active", "--user", "HOSTUSR")
    hosts = (healthy, drifted, stale)
    inv = inventory(*hosts)
    key = new_key()
    extra = write_vars(tmp_path, key)
    ansible_playbook(PLAYBOOKS / "csm_hyperswap.yml", inv, "--limit", "healthy,drifted", *extra)
    _forget_the_refresh(stale, key)
    # a security administrator alters a profile by hand
    assert tso(drifted, "RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(TIMEOUT(60))").returncode == 0
    assert tso(drifted, "SETROPTS RACLIST(PTKTDATA) REFRESH").returncode == 0
    urls = {host.name: served(host) for host in (healthy, stale)}
    for name, url in urls.items():
        write_host_vars(inv, name, passticket_setup_verify_url=url)
    before = {host: len(host_log(host)) for host in hosts}

    run = ansible_playbook(PLAYBOOKS / "verify.yml", inv, "-vvv", *extra, check=False)
    assert run.returncode == 2
    assert key not in run.stdout and key.lower() not in run.stdout
    assert re.search(r"healthy: OK .*live sign-on passed", run.stdout)
    assert "drifted: DRIFT - TIMEOUT is 60, wanted 600 " in run.stdout
    assert "stale: DRIFT - live sign-on with a fresh PassTicket failed (HTTP 401)" in run.stdout
    for host in hosts:  # read-only
        assert changes(host_log(host)[before[host] :]) == []

    # the documented cure for a forgotten refresh
    ansible_playbook(
        PLAYBOOKS / "csm_hyperswap.yml", inv, "--limit", "stale", "-e", "passticket_setup_force_refresh=true", *extra
    )
    cured = ansible_playbook(PLAYBOOKS / "verify.yml", inv, "--limit", "stale", *extra)
    assert re.search(r"stale: OK .*live sign-on passed", cured.stdout)

    # the connection example: one sign-on with a fresh ticket, and the same ticket refused the second time
    connect = ansible_playbook(
        PLAYBOOKS / "connect_example.yml",
        inv,
        "--limit",
        "healthy",
        "-e",
        "passticket_connect_url=" + urls["healthy"],
        "-e",
        "passticket_connect_demonstrate_replay=true",
        "-vvv",
        *extra,
    )
    assert "HOSTUSR signed on to {0}: HTTP 200".format(urls["healthy"]) in connect.stdout
    assert "The same PassTicket sent again was refused: HTTP 401" in connect.stdout
    assert key not in connect.stdout and key.lower() not in connect.stdout
