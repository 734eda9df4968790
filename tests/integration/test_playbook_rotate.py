"""Playbook mainframe.passticket.rotate_key against simulated hosts."""

import time

from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket
from role_helpers import PLAYBOOKS, changes, new_key, recap, write_host_vars, write_vars

OLD_LABEL = "USRLCL.CKDS.CSM"
NEW_LABEL = "USRLCL.CKDS.CSM2"


def _signs_on(zossim, host, key):
    ticket = _passticket.generate("HOSTUSR", "IOSHMCSM", key, int(time.time()), ptype=_passticket.UPPER)
    return (
        zossim("evaluate", host, "--user", "HOSTUSR", "--appl", "IOSHMCSM", "--ticket", ticket, check=False).returncode
        == 0
    )


def _labels(host_state, host):
    return sorted(k["label"] for k in host_state(host)["ckds"])


def test_rotation_order_leaves_no_window_and_recovers_from_a_failed_refresh(
    tmp_path, make_host, inventory, ansible_playbook, host_state, host_log, zossim
):
    rotated = make_host("rotated")  # a plain rotation
    refresh_fails = make_host("refresh_fails")  # the refresh after the switch fails
    not_set_up = make_host("not_set_up")  # nothing to rotate
    inv = inventory(rotated, refresh_fails, not_set_up)
    old_key, rotated_key = new_key(), new_key()
    ansible_playbook(
        PLAYBOOKS / "csm_hyperswap.yml", inv, "--limit", "rotated,refresh_fails", *write_vars(tmp_path, old_key)
    )
    for host in (rotated, refresh_fails):
        assert _signs_on(zossim, host, old_key)
    zossim("fault", refresh_fails, "--fail", "SETROPTS")  # rotation's first SETROPTS is the refresh
    before = {host: len(host_log(host)) for host in (rotated, refresh_fails, not_set_up)}

    rotate = write_vars(
        tmp_path,
        passticket_setup_rotate_label=NEW_LABEL,
        passticket_setup_rotate_key=rotated_key,
        passticket_setup_rotate_grace_period=0,
    )
    run = ansible_playbook(PLAYBOOKS / "rotate_key.yml", inv, "-vvv", *rotate, check=False)
    output = run.stdout + run.stderr
    assert rotated_key not in output and rotated_key.lower() not in output and old_key not in output

    # new label, switch, refresh at once, only then retire the old label
    assert recap(run.stdout)["rotated"]["failed"] == 0
    assert changes(host_log(rotated)[before[rotated] :]) == [
        "IMPORT " + NEW_LABEL,
        "RALTER PTKTDATA IOSHMCSM.HOSTUSR SSIGNON(EPTKEYLABEL(" + NEW_LABEL + "))",
        "SETROPTS RACLIST(PTKTDATA) REFRESH",
        "DELETE " + OLD_LABEL,
    ]
    assert _labels(host_state, rotated) == [NEW_LABEL]
    assert _signs_on(zossim, rotated, rotated_key)
    assert not _signs_on(zossim, rotated, old_key)

    # a failed refresh: the switch is not in effect, so the old label stays and the old key still works
    assert recap(run.stdout)["refresh_fails"]["failed"] == 1
    assert "run again with -e passticket_setup_force_refresh=true" in output
    assert _labels(host_state, refresh_fails) == [OLD_LABEL, NEW_LABEL]
    assert _signs_on(zossim, refresh_fails, old_key)

    # no profile: fails before any change
    assert recap(run.stdout)["not_set_up"]["failed"] == 1
    assert "set it up first" in output
    assert changes(host_log(not_set_up)) == []

    # again: nothing to do where it worked; the documented recovery where the refresh failed
    write_host_vars(
        inv, "refresh_fails", passticket_setup_force_refresh=True, passticket_setup_rotate_old_label=OLD_LABEL
    )
    before = {host: len(host_log(host)) for host in (rotated, refresh_fails)}
    again = ansible_playbook(PLAYBOOKS / "rotate_key.yml", inv, "--limit", "rotated,refresh_fails", *rotate)
    assert recap(again.stdout)["rotated"]["changed"] == 0
    assert changes(host_log(rotated)[before[rotated] :]) == []
    assert changes(host_log(refresh_fails)[before[refresh_fails] :]) == [
        "SETROPTS RACLIST(PTKTDATA) REFRESH",
        "DELETE " + OLD_LABEL,
    ]
    assert _signs_on(zossim, refresh_fails, rotated_key)
