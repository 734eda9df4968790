"""racf_user, icsf_hmac_key and passticket_info against simulated z/OS hosts.

The integration targets (tests/integration/targets/<module>) hold the
check -> apply -> check -> apply -> absent sequences and assert on the task
results; the same tasks run on a real z/OS host (see their README). Here they
run on a fresh simulated host, and the host's own record (``zossim log`` and
``zossim show``) proves what was and was not written. The error paths need a
simulator (no SPECIAL, injected failures, a revoked user, a skewed clock) and
live in one playbook below, to keep ansible-playbook runs few.
"""

from pathlib import Path

TARGETS = Path(__file__).resolve().parent / "targets"
READ_ONLY_VERBS = ("LISTUSER", "RLIST", "EXISTS", "EXTRACT")  # EXTRACT: an IRRXUTIL read


def changing_commands(log):
    return [
        (entry["command"], entry["transport"])
        for entry in log
        if entry["verb"] not in READ_ONLY_VERBS and entry["command"] != "SETROPTS LIST"
    ]


def write_playbook(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_targets_on_a_fresh_host(tmp_path, make_host, inventory, ansible_playbook, host_log, host_state):
    host = make_host("zos1")
    before = host_state(host)
    playbook = write_playbook(
        tmp_path,
        "targets.yml",
        """
- name: Integration targets of racf_user, icsf_hmac_key and passticket_info
  hosts: zos
  gather_facts: false
  tasks:
    - name: Run a target's tasks (as run_target.yml does, three targets in one run)
      ansible.builtin.include_tasks: "{0}/{{{{ item }}}}/tasks/main.yml"
      loop: [racf_user, icsf_hmac_key, passticket_info]
""".format(TARGETS),
    )
    ansible_playbook(playbook, inventory(host))

    # check-mode and no-change runs wrote nothing: each change reached the host exactly once
    assert changing_commands(host_log(host)) == [
        ("ADDUSER PTKTTST1 NAME('PASSTICKET TEST') DFLTGRP(SYS1)", "tsocmd"),
        ("ALTUSER PTKTTST1 PASSWORD(********) NOEXPIRED", "racfexec"),
        ("ALTUSER PTKTTST1 NAME('PASSTICKET USER')", "tsocmd"),
        ("ADDUSER PTKTTST1", "tsocmd"),  # the target's check of RACF's answer to ADDUSER of an existing user (refused)
        ("DELUSER PTKTTST1", "tsocmd"),
        ("IMPORT PASSTICKET.TEST.HMAC", "icsf"),
        ("REPLACE PASSTICKET.TEST.HMAC", "icsf"),
        ("DELETE PASSTICKET.TEST.HMAC", "icsf"),
    ]
    after = host_state(host)
    assert after["users"] == before["users"]
    assert after["ckds"] == before["ckds"] == []


ERROR_PATHS = """
- name: Not SPECIAL - the user is refused and nothing is left behind
  hosts: nospecial
  gather_facts: false
  tasks:
    - name: Create HOSTUSR without authority
      mainframe.passticket.racf_user:
        full_name: CSM user
      register: refused
      ignore_errors: true
    - name: The failure says why and what ran
      ansible.builtin.assert:
        that:
          - refused is failed
          - refused is not changed
          - "'ICH01005I NOT AUTHORIZED TO ADD USER HOSTUSR' in refused.msg"
          - refused.commands == ["ADDUSER HOSTUSR NAME('CSM USER')"]
          - refused.before is none

- name: A failing command, then a run that converges
  hosts: faulty
  gather_facts: false
  tasks:
    - name: Create HOSTUSR; the password command fails
      mainframe.passticket.racf_user:
      register: half
      ignore_errors: true
    - name: Run again
      mainframe.passticket.racf_user:
      register: converge
    - name: Import a key; ICSF refuses once
      mainframe.passticket.icsf_hmac_key:
        label: USRLCL.CKDS.CSM
        key: "{{ '01' * 64 }}"
      register: import_refused
      ignore_errors: true
    - name: Import again
      mainframe.passticket.icsf_hmac_key:
        label: USRLCL.CKDS.CSM
        key: "{{ '01' * 64 }}"
      register: import_converge
    - name: The failures are clear and the second runs finish the job
      ansible.builtin.assert:
        that:
          - half is failed
          - half is changed
          - "'ICH21005I' in half.msg"
          - half.commands == ['ADDUSER HOSTUSR', 'ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED']
          - converge is changed
          - converge.before.protected
          - converge.commands == ['ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED']
          - converge.after.protected is false
          - import_refused is failed
          - "'RC=8 REASON=16004' in import_refused.msg"
          - import_refused.icsf_reason_code == 16004
          - import_converge is changed
          - import_converge.commands == ['IMPORT USRLCL.CKDS.CSM']

- name: A revoked user and a skewed clock
  hosts: revoked
  gather_facts: false
  tasks:
    - name: Ensure HOSTUSR, not asking to resume it
      mainframe.passticket.racf_user:
      register: reported
    - name: Resume it (check mode)
      mainframe.passticket.racf_user:
        resume: true
      check_mode: true
      register: resume_check
    - name: Resume it
      mainframe.passticket.racf_user:
        resume: true
      register: resumed
    - name: Read the clock
      mainframe.passticket.passticket_info:
        gather_subset: [clock]
      register: clock
    - name: Reported, then resumed; the clock difference is the skew
      ansible.builtin.assert:
        that:
          - reported is not changed
          - reported.revoked
          - resume_check is changed
          - resume_check.commands == ['ALTUSER HOSTUSR RESUME']
          - resumed is changed
          - resumed.commands == ['ALTUSER HOSTUSR RESUME']
          - resumed.revoked is false
          - clock.clock_difference >= 295 and clock.clock_difference <= 330
"""


def test_error_paths(tmp_path, make_host, inventory, ansible_playbook, zossim, host_state, host_log):
    nospecial = make_host("nospecial", "--no-special")
    faulty = make_host("faulty")
    revoked = make_host("revoked", "--user", "HOSTUSR:revoked", "--clock-skew", "300")
    zossim("fault", faulty, "--fail", "ALTUSER:1")
    zossim("fault", faulty, "--fail", "IMPORT:1")
    nospecial_before = host_state(nospecial)

    result = ansible_playbook(
        write_playbook(tmp_path, "errors.yml", ERROR_PATHS), inventory(nospecial, faulty, revoked)
    )
    assert "REVOKED: it cannot sign on" in result.stdout + result.stderr  # the warning

    assert host_state(nospecial)["users"] == nospecial_before["users"]
    faulty_users = dict((user["id"], user) for user in host_state(faulty)["users"])
    assert faulty_users["HOSTUSR"]["protected"] is False
    assert host_state(faulty)["ckds"] == [{"label": "USRLCL.CKDS.CSM", "length": 64}]
    revoked_users = dict((user["id"], user) for user in host_state(revoked)["users"])
    assert revoked_users["HOSTUSR"]["revoked"] is False
    # the check-mode resume wrote nothing: RESUME reached the host once
    assert [entry["command"] for entry in host_log(revoked) if entry["verb"] == "ALTUSER"] == ["ALTUSER HOSTUSR RESUME"]
