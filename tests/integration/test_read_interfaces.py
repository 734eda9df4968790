"""Steady state through each read interface: the role converges, then reports changed=0 reading only.

``passticket_setup_read_interface`` pins the interface (issue 10): the listing
path, and the IRRXUTIL path (the product's read exec under the REXX test bed,
with the simulator's IRRXUTIL stand-in).
"""

from role_helpers import PLAYBOOKS, new_key, recap, write_vars

CSM = PLAYBOOKS / "csm_hyperswap.yml"


def _is_extract(record):
    return record["command"].upper().startswith("IRRXUTIL")


def _converge_then_steady(tmp_path, make_host, inventory, ansible_playbook, host_state, host_log, interface):
    host = make_host("zos1")
    inv = inventory(host)
    extra = write_vars(tmp_path, new_key(), passticket_setup_read_interface=interface)
    first = ansible_playbook(CSM, inv, *extra)
    assert recap(first.stdout)["zos1"]["changed"] > 0
    converged_state, converged = host_state(host), len(host_log(host))
    second = ansible_playbook(CSM, inv, "-v", *extra)
    assert recap(second.stdout)["zos1"]["changed"] == 0
    assert host_state(host) == converged_state
    assert '"read_interface": "{0}"'.format(interface) in second.stdout
    return host_log(host)[converged:]


def test_steady_state_through_listings(tmp_path, make_host, inventory, ansible_playbook, host_state, host_log):
    steady = _converge_then_steady(tmp_path, make_host, inventory, ansible_playbook, host_state, host_log, "listing")
    assert not [record for record in steady if _is_extract(record)]
    assert sorted(record["verb"] for record in steady) == ["EXISTS", "LISTUSER", "LISTUSER", "RLIST", "SETROPTS"]


def test_steady_state_through_irrxutil(tmp_path, make_host, inventory, ansible_playbook, host_state, host_log):
    steady = _converge_then_steady(tmp_path, make_host, inventory, ansible_playbook, host_state, host_log, "irrxutil")
    assert [record for record in steady if _is_extract(record)]
    # the profile, the class settings and the user were read through the extract, not listed
    assert not [record for record in steady if record["verb"] == "RLIST" or record["command"] == "SETROPTS LIST"]
