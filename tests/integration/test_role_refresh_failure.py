"""The passticket_setup role (playbook csm_hyperswap) when its final PTKTDATA refresh fails."""

import time

from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket
from role_helpers import PLAYBOOKS, changes, new_key, recap, write_vars

CSM = PLAYBOOKS / "csm_hyperswap.yml"
PROFILE = "IOSHMCSM.HOSTUSR"
REFRESH = "SETROPTS RACLIST(PTKTDATA) REFRESH"


def _signs_on(zossim, host, key):
    """A freshly generated enhanced PassTicket is accepted by the host's RACLISTed PTKTDATA profiles."""
    ticket = _passticket.generate("HOSTUSR", "IOSHMCSM", key, int(time.time()), ptype=_passticket.UPPER)
    return (
        zossim("evaluate", host, "--user", "HOSTUSR", "--appl", "IOSHMCSM", "--ticket", ticket, check=False).returncode
        == 0
    )


def test_a_failed_refresh_fails_the_run_with_instructions_and_a_forced_refresh_converges(
    tmp_path, make_host, inventory, ansible_playbook, host_state, host_log, zossim
):
    fresh = make_host("fresh")
    inv = inventory(fresh)
    key = new_key()
    extra = write_vars(tmp_path, key)
    # only the refresh fails: the SETROPTS LIST and SETROPTS CLASSACT before it pass through
    zossim("fault", fresh, "--fail", "SETROPTS:1", "--match", r"RACLIST\(PTKTDATA\)\s+REFRESH")

    run = ansible_playbook(CSM, inv, *extra, check=False)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert recap(run.stdout)["fresh"]["failed"] == 1
    assert "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS." in output
    assert "profile changes are in the RACF database but not in effect" in output
    assert "-e passticket_setup_force_refresh=true" in output
    first_changes = changes(host_log(fresh))
    assert any(c.startswith("SETROPTS CLASSACT(PTKTDATA)") for c in first_changes)
    assert any(c.startswith("RDEFINE PTKTDATA " + PROFILE) for c in first_changes)
    assert first_changes[-1] == REFRESH
    state = host_state(fresh)
    assert state["faults"]["SETROPTS"]["remaining"] == 0
    # the profile is defined, but the in-storage copy RACF checks tickets against does not have it
    assert [p["name"] for p in state["profiles"] if p["class"] == "PTKTDATA"] == [PROFILE]
    assert PROFILE not in state["raclisted"].get("PTKTDATA", [])
    assert not _signs_on(zossim, fresh, key)
    failed_run = len(host_log(fresh))

    # the cause is fixed (the fault is used up); the run the message asks for refreshes and changes nothing else
    again = ansible_playbook(CSM, inv, "-e", "passticket_setup_force_refresh=true", *extra)
    assert recap(again.stdout)["fresh"]["failed"] == 0
    assert changes(host_log(fresh)[failed_run:]) == [REFRESH]
    assert PROFILE in host_state(fresh)["raclisted"]["PTKTDATA"]
    assert _signs_on(zossim, fresh, key)
