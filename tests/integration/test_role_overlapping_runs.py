"""Overlapping runs: two csm_hyperswap runs at once on the same fresh hosts both succeed and converge.

A scheduled job that fails because another one just did the same work is
noise an operator learns to ignore. Ten fresh simulated hosts are ten trials:
two ansible-playbook processes start together over all of them (as many forks
as hosts). On its own the simulator answers in milliseconds, so one run
usually gets ahead and the other only reads what it did. So that every trial
is a real check-then-act race, the hosts' z/OS commands pass through a start
line (race_gate/gate.py): a create (ADDUSER, RDEFINE, and the ICSF IMPORT)
waits until the other run has issued the same create, which it does because
it too read "absent". One of the two creates is then refused as z/OS refuses a
create of an existing object, and that run must carry on from what it finds.

Both runs must succeed on every host; every host must end in the state a
single run gives a fresh host; and every host must have seen both creates of
each gated verb (the race happened).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from role_helpers import PLAYBOOKS, SIM_BIN, new_key, recap, write_vars

CSM = PLAYBOOKS / "csm_hyperswap.yml"
TRIALS = 10
BIN_DIR = Path(sys.executable).parent
GATE = Path(__file__).resolve().parent / "race_gate" / "gate.py"
SHIMS = tuple(sorted(path.name for path in SIM_BIN.iterdir() if path.name != "zossim"))  # every shim the modules run


def _comparable(state):
    """The host state without what differs between any two runs (dates, clocks, logs)."""
    users = [
        {field: value for field, value in user.items() if field not in ("created", "passdate", "lastused")}
        for user in state["users"]
    ]
    return {
        "classes": state["classes"],
        "profiles": state["profiles"],
        "raclisted": state["raclisted"],
        "users": users,
        "ckds": state["ckds"],
    }


def _gate_bin(tmp_path):
    """Wrappers named like the simulator's shims that run them through the start line."""
    directory = tmp_path / "gate-bin"
    directory.mkdir()
    for shim in SHIMS:
        path = directory / shim
        path.write_text('#!/bin/sh\nexec "{0}" "{1}" {2} "$@"\n'.format(sys.executable, GATE, shim))
        path.chmod(0o755)
    return directory


def _gated_inventory(inventory_path, hosts, gate_bin, verbs):
    """The inventory with each host's interpreter wrapper sending its z/OS commands through the gate."""
    text = inventory_path.read_text()
    for host in hosts:
        wrapper = (host / "python").read_text().replace(str(SIM_BIN), str(gate_bin))
        gate_env = (
            "".join(
                "{0}={1}; export {0}\n".format(name, value)
                for name, value in (
                    ("RACE_GATE_DIR", host / "race-gate"),
                    ("RACE_GATE_VERBS", '"{0}"'.format(" ".join(verbs))),
                    ("RACE_GATE_SIM_BIN", SIM_BIN),
                    ("RACE_GATE_TIMEOUT", 20),
                )
            )
            + "exec "
        )
        gated = host / "python-gated"
        gated.write_text(wrapper.replace("\nexec ", "\n" + gate_env, 1))
        gated.chmod(0o755)
        text = text.replace('"{0}"'.format(host / "python"), '"{0}"'.format(gated))
    path = inventory_path.parent / "inventory-gated.yml"
    path.write_text(text)
    return path


def _start(inventory, extra):
    env = dict(os.environ, ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1")
    argv = [str(BIN_DIR / "ansible-playbook"), "-i", str(inventory), str(CSM), "--forks", str(TRIALS)] + extra
    return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


LABEL = "USRLCL.CKDS.CSM"


def _create_label(ansible_adhoc, inv, tmp_path, key):
    """The site's crypto administrators created the key label (through the module, whatever the exec protocol)."""
    ansible_adhoc(
        "all",
        inv,
        "mainframe.passticket.icsf_hmac_key",
        "label={0} key={{{{ admin_key }}}}".format(LABEL),
        *write_vars(tmp_path, admin_key=key, passticket_setup_oa62931_installed=None),
    )


@pytest.mark.parametrize(
    "verbs, key_given",
    [
        # the label exists (created by the crypto administrators): the races are RACF's, ADDUSER and RDEFINE
        pytest.param(("ADDUSER", "RDEFINE"), False, id="racf-creates"),
        # the role imports the key too: the ICSF IMPORT races as well (converges with the issue 9 work on icsf_hmac_key)
        pytest.param(("ADDUSER", "RDEFINE", "IMPORT"), True, id="racf-and-icsf-creates"),
    ],
)
def test_two_overlapping_runs_both_succeed_with_the_state_of_one(
    tmp_path, make_host, inventory, ansible_playbook, ansible_adhoc, host_state, host_log, verbs, key_given
):
    key = new_key()
    extra = write_vars(tmp_path, key if key_given else None)

    single = make_host("single")
    if not key_given:
        _create_label(ansible_adhoc, inventory(single), tmp_path, key)
    ansible_playbook(CSM, inventory(single), *extra)
    expected = _comparable(host_state(single))

    hosts = [make_host("trial{0:02d}".format(trial)) for trial in range(TRIALS)]
    plain_inventory = inventory(*hosts)
    if not key_given:
        _create_label(ansible_adhoc, plain_inventory, tmp_path, key)
    inv = _gated_inventory(plain_inventory, hosts, _gate_bin(tmp_path), verbs)
    runs = [_start(inv, extra), _start(inv, extra)]
    outputs = [run.communicate(timeout=900)[0] for run in runs]
    fatal = [line[:400] for output in outputs for line in output.splitlines() if line.startswith("fatal:")]
    for run, output in zip(runs, outputs):
        assert key not in output and key.lower() not in output
        assert run.returncode == 0, "\n".join(fatal)
        summary = recap(output)
        for host in hosts:
            assert summary[host.name]["failed"] == 0 and summary[host.name]["unreachable"] == 0, "\n".join(fatal)
    for host in hosts:
        assert _comparable(host_state(host)) == expected, host.name
        issued = [record["verb"] for record in host_log(host)]
        for verb in verbs:
            assert issued.count(verb) == 2, (host.name, verb, issued)  # both runs issued it: the race happened
