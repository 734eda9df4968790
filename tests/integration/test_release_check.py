"""The role's minimum-release check on hosts whose uname -Irsv prints the real layout (z/OS RR.00 VV)."""

from role_helpers import PLAYBOOKS, new_key, recap, write_vars

CSM = PLAYBOOKS / "csm_hyperswap.yml"


def test_the_minimum_release_accepts_2_4_2_5_3_1_and_rejects_2_3(tmp_path, make_host, inventory, ansible_playbook):
    hosts = [
        make_host("v24", "--release", "2.4"),
        make_host("v25", "--release", "2.5"),
        make_host("v31", "--release", "3.1"),
        make_host("v23", "--release", "2.3"),
    ]
    run = ansible_playbook(CSM, inventory(*hosts), "--check", *write_vars(tmp_path, new_key()), check=False)
    output = run.stdout + run.stderr
    outcome = recap(run.stdout)
    for accepted in ("v24", "v25", "v31"):
        assert outcome[accepted]["failed"] == 0, accepted
    assert outcome["v23"]["failed"] == 1
    assert "z/OS release 2.3 is below 02.04" in output
    assert "z/OS release 3.1" not in output and "z/OS release 2.4 " not in output
