"""The `unsupported` exec targets (zos_exec_racf, zos_exec_icsf) against a simulated host.

On a test LPAR they prove what docs/reference/zos-execs.md lists as
UNCONFIRMED; here they run through the simulator's shims, which run the same
exec text under the REXX test bed, so the tasks themselves are known to be
right before anyone runs them on z/OS.
"""

from pathlib import Path

INTEGRATION = Path(__file__).resolve().parent
READ_ONLY_VERBS = ("LISTUSER", "RLIST", "SETROPTS", "EXISTS")


def test_exec_targets_on_a_simulated_host(tmp_path, make_host, inventory, ansible_playbook, host_log, host_state):
    host = make_host("zos1")
    playbook = tmp_path / "exec_targets.yml"
    playbook.write_text(
        """
- name: The exec targets
  hosts: zos
  gather_facts: false
  tasks:
    - name: Run a target's tasks
      ansible.builtin.include_tasks: "{0}/targets/{{{{ item }}}}/tasks/main.yml"
      loop: [zos_exec_racf, zos_exec_icsf]
""".format(INTEGRATION)
    )
    ansible_playbook(playbook, inventory(host), env={"ANSIBLE_LIBRARY": str(INTEGRATION / "library")})
    log = host_log(host)
    racf_through_exec = [entry["command"] for entry in log if entry["transport"] == "racfexec"]
    assert racf_through_exec == ["LISTUSER", "SETROPTS LIST", "RLIST FACILITY PTKTTEST.NO.SUCH.PROFILE"]
    assert [entry["verb"] for entry in log if entry["transport"] == "icsf"] == [
        "DELETE",
        "EXISTS",
        "IMPORT",
        "EXISTS",
        "IMPORT",
        "REPLACE",
        "EXISTS",
        "REPLACE",
        "DELETE",
        "DELETE",
    ]
    assert host_state(host)["ckds"] == []
