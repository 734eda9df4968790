"""The role's change record: per host, the RACF/ICSF commands a run issued (or --check would), secrets masked.

It is printed at the default verbosity and kept as the fact passticket_setup_change_record; both must
match what the simulated host received (its command log), run after run.
"""

import importlib.util
import json

from role_helpers import PLAYBOOKS, REPO, changes, new_key, write_vars

# the demo's reader of the printed record: one reader, proven here against the host's log
_DEMO_SPEC = importlib.util.spec_from_file_location("run_demo", str(REPO / "tests" / "demo" / "run_demo.py"))
_DEMO = importlib.util.module_from_spec(_DEMO_SPEC)
_DEMO_SPEC.loader.exec_module(_DEMO)
printed_records = _DEMO.change_records


def _playbook_keeping_the_facts(tmp_path):
    """csm_hyperswap, then a play that writes each host's change record fact to a file on the controller."""
    records = tmp_path / "records"
    records.mkdir()
    play = tmp_path / "csm_and_record.yml"
    play.write_text(
        """---
- name: The CSM procedure
  ansible.builtin.import_playbook: {csm}
- name: Keep the change records
  hosts: zos
  gather_facts: false
  tasks:
    - name: Write the fact
      ansible.builtin.copy:
        content: "{{{{ passticket_setup_change_record | to_json }}}}"
        dest: "{records}/{{{{ inventory_hostname }}}}.json"
        mode: "0600"
      delegate_to: localhost
      check_mode: false
""".format(csm=PLAYBOOKS / "csm_hyperswap.yml", records=records)
    )
    return play, records


def _fact(records, host):
    return json.loads((records / "{0}.json".format(host)).read_text())


def test_each_run_records_what_each_host_received(tmp_path, make_host, inventory, ansible_playbook, host_log):
    fresh = make_host("fresh")
    half = make_host("half", "--ptktdata-active")
    inv = inventory(fresh, half)
    key = new_key()
    extra = write_vars(tmp_path, key)
    play, records = _playbook_keeping_the_facts(tmp_path)

    # --check: the record predicts the commands, and says so
    check = ansible_playbook(play, inv, "--check", *extra)
    predicted = {host.name: _fact(records, host.name) for host in (fresh, half)}
    shown = printed_records(check.stdout)
    for host in (fresh, half):
        assert predicted[host.name]["check_mode"] is True
        assert shown[host.name][0].startswith(
            "{0}: {1} RACF/ICSF command(s) --check would issue".format(host.name, len(predicted[host.name]["commands"]))
        )
        assert not changes(host_log(host))  # --check changed nothing
    assert "SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)" in predicted["fresh"]["commands"]
    assert "SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)" not in predicted["half"]["commands"]

    # run 1: the record is exactly what each host received, in order, secrets masked; one refresh
    first = ansible_playbook(play, inv, *extra)
    shown = printed_records(first.stdout)
    for host in (fresh, half):
        record = _fact(records, host.name)
        received = changes(host_log(host))
        assert record["commands"] == received
        assert record["commands"] == predicted[host.name]["commands"]  # --check predicted it
        assert record["check_mode"] is False and record["refreshed"] is True
        assert record["commands"][-1] == "SETROPTS RACLIST(PTKTDATA) REFRESH"
        assert [step["step"] for step in record["steps"]] == ["1 user", "2-3 class", "4 key", "5 profile", "6 refresh"]
        assert shown[host.name][0] == "{0}: {1} RACF/ICSF command(s) issued; PTKTDATA refresh: ran".format(
            host.name, len(received)
        )
        assert [line.split(": ", 1)[1] for line in shown[host.name][1:]] == received
        assert any(line.startswith("step 5 profile: RDEFINE PTKTDATA IOSHMCSM.HOSTUSR ") for line in shown[host.name])
    assert "ALTUSER HOSTUSR PASSWORD(********) NOEXPIRED" in _fact(records, "fresh")["commands"]
    for text in (check.stdout, first.stdout, str([_fact(records, h) for h in ("fresh", "half")])):
        assert key not in text and key.lower() not in text

    # run 2: nothing to change, and the record says so
    received = {host: len(changes(host_log(host))) for host in (fresh, half)}
    second = ansible_playbook(play, inv, *extra)
    for host in (fresh, half):
        assert len(changes(host_log(host))) == received[host]
        record = _fact(records, host.name)
        assert record["commands"] == [] and record["refreshed"] is False
        assert printed_records(second.stdout)[host.name] == [
            "{0}: 0 RACF/ICSF command(s) issued; PTKTDATA refresh: no".format(host.name)
        ]


def test_a_forced_refresh_is_recorded(tmp_path, make_host, inventory, ansible_playbook):
    host = make_host("zos1")
    inv = inventory(host)
    extra = write_vars(tmp_path, new_key())
    ansible_playbook(PLAYBOOKS / "csm_hyperswap.yml", inv, *extra)
    forced = ansible_playbook(PLAYBOOKS / "csm_hyperswap.yml", inv, *extra, "-e", "passticket_setup_force_refresh=true")
    assert printed_records(forced.stdout)["zos1"] == [
        "zos1: 1 RACF/ICSF command(s) issued; PTKTDATA refresh: ran",
        "step 6 refresh: SETROPTS RACLIST(PTKTDATA) REFRESH",
    ]
