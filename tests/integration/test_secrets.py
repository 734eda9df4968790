"""No key, PassTicket or password in any output, result or process argv - for ALL six modules.

Every module runs with ``-vvv --diff`` (check mode first, then for real, and
on failure paths) against a simulated host whose commands are wrapped by
recorders: each process the modules start (tsocmd, the RACF exec, the ICSF
exec, the read exec, uname, date) and the module's Python interpreter write their argv (and,
for the two execs, their stdin) to a file. The test then proves the secrets
went where they must (the execs' stdin) and nowhere else: not in any argv, not
in ansible's stdout/stderr (which at -vvv holds every returned result and
diff), not in ansible's log file.
"""

import json
import os
import re
import secrets
import stat
import sys

from ansible_collections.mainframe.passticket.plugins.plugin_utils._passticket import generate

TICKET_TIME = 1700000000
SHIMS = ("tsocmd", "racfexec", "icsfhmac", "racfread", "uname", "date")
STDIN_SHIMS = ("racfexec", "icsfhmac", "racfread")

RECORDER = """#!{python}
import json, subprocess, sys
name, real, log = {name!r}, {real!r}, {log!r}
stdin = sys.stdin.read() if name in {stdin_shims!r} else None
with open(log, "a") as handle:
    handle.write(json.dumps({{"process": name, "argv": sys.argv, "stdin": stdin}}) + "\\n")
sys.exit(subprocess.run([real] + sys.argv[1:], input=stdin, text=True).returncode)
"""

PLAYBOOK = """
- name: Every module, with secrets
  hosts: zos
  gather_facts: false
  vars:
    hmac_key: "{hmac_key}"
    legacy_key: "{legacy_key}"
  tasks:
    - name: racf_class
      mainframe.passticket.racf_class:
        active: true
        raclist: true
        generic: true
    - name: icsf_hmac_key (check mode)
      mainframe.passticket.icsf_hmac_key:
        label: USRLCL.CKDS.CSM
        key: "{{{{ hmac_key }}}}"
      check_mode: true
    - name: icsf_hmac_key
      mainframe.passticket.icsf_hmac_key:
        label: USRLCL.CKDS.CSM
        key: "{{{{ hmac_key }}}}"
    - name: icsf_hmac_key replace
      mainframe.passticket.icsf_hmac_key:
        label: USRLCL.CKDS.CSM
        key: "{{{{ hmac_key | lower }}}}"
        update: always
    - name: racf_user (check mode)
      mainframe.passticket.racf_user:
        full_name: CSM user
      check_mode: true
    - name: racf_user
      mainframe.passticket.racf_user:
        full_name: CSM user
    - name: ptktdata_profile (check mode)
      mainframe.passticket.ptktdata_profile:
        name: IOSHMCSM.HOSTUSR
        eptkeylabel: USRLCL.CKDS.CSM
        type: upper
        timeout: 600
        legacy_key: "{{{{ legacy_key }}}}"
        appldata: CSM TO HYPERSWAP CONNECTION
      check_mode: true
    - name: ptktdata_profile
      mainframe.passticket.ptktdata_profile:
        name: IOSHMCSM.HOSTUSR
        eptkeylabel: USRLCL.CKDS.CSM
        type: upper
        timeout: 600
        legacy_key: "{{{{ legacy_key }}}}"
        appldata: CSM TO HYPERSWAP CONNECTION
    - name: ptktdata_profile, key replaced, encrypted
      mainframe.passticket.ptktdata_profile:
        name: IOSHMCSM.HOSTUSR
        legacy_key: "{{{{ legacy_key | lower }}}}"
        legacy_key_storage: encrypted
        legacy_key_update: always
    - name: ptktdata_profile, refused by RACF while carrying the key (the EPTKEYLABEL is not in the CKDS)
      mainframe.passticket.ptktdata_profile:
        name: IOSHMCSM.OTHER
        eptkeylabel: USRLCL.CKDS.MISSING
        legacy_key: "{{{{ legacy_key }}}}"
      register: refused_by_racf
      ignore_errors: true
    - name: ptktdata_profile, a bad key
      mainframe.passticket.ptktdata_profile:
        name: IOSHMCSM.HOSTUSR
        legacy_key: "{{{{ legacy_key[:15] }}}}Z"
        legacy_key_update: always
      register: bad_key
      ignore_errors: true
    - name: ICSF will refuse the next import
      ansible.builtin.command:
        argv: [{python}, {zossim}, fault, {host}, --fail, "IMPORT:1"]
      changed_when: false
    - name: icsf_hmac_key, refused by ICSF while carrying the key
      mainframe.passticket.icsf_hmac_key:
        label: USRLCL.CKDS.OTHER
        key: "{{{{ hmac_key }}}}"
      register: refused_by_icsf
      ignore_errors: true
    - name: The three failure paths failed
      ansible.builtin.assert:
        that:
          - refused_by_racf is failed
          - bad_key is failed
          - refused_by_icsf is failed
    - name: racf_refresh
      mainframe.passticket.racf_refresh:
    - name: passticket_info
      mainframe.passticket.passticket_info:
        profile: IOSHMCSM.HOSTUSR
        user: HOSTUSR
        label: USRLCL.CKDS.CSM
    - name: A PassTicket generated on the controller
      ansible.builtin.set_fact:
        ticket: "{{{{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=hmac_key, type='upper', time={ticket_time}) }}}}"
      no_log: true
    - name: The ticket was made
      ansible.builtin.assert:
        that:
          - ticket | length == 8
"""


def write_recorders(host_dir, zossim_bin, record_dir):
    """A recorder per shim, and an interpreter wrapper that puts them in the simulator's place."""
    sim_bin = str(zossim_bin.parent)
    log = str(record_dir / "processes.jsonl")
    for name in SHIMS:
        path = record_dir / name
        path.write_text(
            RECORDER.format(
                python=sys.executable, name=name, real=os.path.join(sim_bin, name), log=log, stdin_shims=STDIN_SHIMS
            )
        )
        path.chmod(stat.S_IRWXU)
    host_python = (host_dir / "python").read_text()
    assert host_python.count(sim_bin) >= 3, "the host's interpreter wrapper changed; adapt the recorder"
    wrapper = host_python.replace(sim_bin, str(record_dir)).replace(
        "\nexec ", "\nprintf '%s\\n' \"$0 $*\" >> {0}\nexec ".format(record_dir / "interpreter.txt"), 1
    )
    interpreter = record_dir / "python"
    interpreter.write_text(wrapper)
    interpreter.chmod(stat.S_IRWXU)
    return interpreter


def test_no_secret_anywhere(tmp_path, make_host, zossim_bin, ansible_playbook, host_log):
    host = make_host("zos1")
    record_dir = tmp_path / "recorders"
    record_dir.mkdir()
    interpreter = write_recorders(host, zossim_bin, record_dir)
    inventory = tmp_path / "inventory.yml"
    inventory.write_text(
        json.dumps(
            {
                "zos": {
                    "hosts": {"zos1": {"ansible_connection": "local", "ansible_python_interpreter": str(interpreter)}}
                }
            }
        )
    )
    hmac_key = secrets.token_hex(64).upper()
    legacy_key = secrets.token_hex(8).upper()
    playbook = tmp_path / "secrets.yml"
    ansible_log = tmp_path / "ansible.log"
    playbook.write_text(
        PLAYBOOK.format(
            hmac_key=hmac_key,
            legacy_key=legacy_key,
            ticket_time=TICKET_TIME,
            python=json.dumps(sys.executable),
            zossim=json.dumps(str(zossim_bin)),
            host=json.dumps(str(host)),
        )
    )
    result = ansible_playbook(playbook, inventory, "-vvv", "--diff", env={"ANSIBLE_LOG_PATH": str(ansible_log)})

    processes = [json.loads(line) for line in (record_dir / "processes.jsonl").read_text().splitlines()]
    interpreters = (record_dir / "interpreter.txt").read_text()
    passwords = set()
    for process in processes:  # wherever the password went, find it
        passwords.update(re.findall(r"PASSWORD\((\w+)\)", " ".join(process["argv"]) + (process["stdin"] or "")))
    passwords.discard("********")
    # the secrets did reach the host (so the scan below is not vacuous)
    assert passwords, "racf_user set no password"
    assert any(
        hmac_key in (process["stdin"] or "").upper() for process in processes if process["process"] == "icsfhmac"
    )
    assert any(
        legacy_key in (process["stdin"] or "").upper() for process in processes if process["process"] == "racfexec"
    )
    ticket = generate("HOSTUSR", "IOSHMCSM", hmac_key, TICKET_TIME, ptype="upper")

    secret_values = [hmac_key, legacy_key, ticket] + sorted(passwords)
    places = {
        "ansible stdout": result.stdout,
        "ansible stderr": result.stderr,
        "ansible log": ansible_log.read_text(),
        "process argv": "\n".join(" ".join(process["argv"]) for process in processes),
        "interpreter argv": interpreters,
    }
    for place, text in places.items():
        for value in secret_values:
            assert value not in text.upper(), "a secret appears in the {0}".format(place)
    # tsocmd never carried a secret-bearing command: those went through the RACF exec
    assert not any(
        re.search(r"KEYMASKED|KEYENCRYPTED|PASSWORD\(", " ".join(process["argv"]))
        for process in processes
        if process["process"] == "tsocmd"
    )
    assert any("KEYMASKED(" in (process["stdin"] or "") for process in processes)
    # RACF records the password masked (as in SMF); the modules never hand it anywhere else
    assert all(value not in entry["command"] for entry in host_log(host) for value in passwords)
