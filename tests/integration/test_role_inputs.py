"""Every input of the passticket_setup role is checked before any task can change a host.

One fresh simulated host per role variable, each given one bad value in its
host_vars; one playbook run for all of them. Each host must stop with a
one-line message naming its variable, without ansible-core's argument-spec
dump, and its command log must hold reads only (the input check itself runs
on the controller, so it holds nothing at all).
"""

import json
import re

from role_helpers import PLAYBOOKS, is_read, new_key, recap, write_host_vars, write_vars

CSM = PLAYBOOKS / "csm_hyperswap.yml"
ROTATE = PLAYBOOKS / "rotate_key.yml"
VERIFY = PLAYBOOKS / "verify.yml"
FATAL = re.compile(r"^fatal: \[(?P<host>[^\]]+)\]: FAILED! => (?P<result>\{.*\})$", re.MULTILINE)

# variable -> a bad value (each host gets exactly one)
BAD_MAIN = {
    "application": "IOSHMCSM\n",
    "user": "",
    "profile": "IOSHMCSM.HOSTUSR) UACC(ALTER",
    "min_zos_release": "02.04) X",
    "oa62931_required": "perhaps",
    "oa62931_installed": "maybe",
    "require_special": [],
    "clock_margin": -1,
    "user_manage": "sometimes",
    "user_via_iwnracf5": 2,
    "iwnracf5_job": "SYS1.CSM.SAMPLIB(IWNRACF5) X",
    "user_full_name": "CSM\nUSER",
    "user_default_group": "SYS1 SPECIAL",
    "user_owner": "ho\u00dftusr",
    "user_allow_protected": "protected",
    "user_resume": "resume",
    "class_generic": "generic",
    "enhanced": "enhanced",
    "key_label": "USRLCL.1CSM",
    "key": "\ufb00" * 64,
    "key_update": "sometimes",
    "type": "lower",
    "timeout": 601,
    "replay": "twice",
    "appldata": "CSM\n",
    "uacc": "ALL",
    "owner": "ho\u017ftu\u017fr",
    "legacy_key": "0123456789ABCDE\x85",
    "legacy_key_storage": "clear",
    "legacy_keylabel": "A..B",
    "legacy_key_update": "never",
    "force_refresh": "now",
}
# rules between variables, and the CKDS read of step 0
BAD_COMBINATIONS = {
    "legacy_both": (
        {"legacy_key": "0123456789ABCDEF", "legacy_keylabel": "USRLCL.DES"},
        "passticket_setup_legacy_keylabel",
    ),
    "legacy_none": ({"enhanced": False}, "passticket_setup_legacy_key"),
    "iwnracf5_unnamed": ({"user_via_iwnracf5": True}, "passticket_setup_iwnracf5_job"),
    "no_key_no_label": ({"key": None}, "passticket_setup_key"),
}


def _failures(output):
    """{host: msg} of the failed hosts of a run."""
    return {match.group("host"): json.loads(match.group("result"))["msg"] for match in FATAL.finditer(output)}


def _assert_stopped(run, hosts, expected, host_state, host_log, initial, reads_allowed=True):
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "argument_spec_data" not in output and "Validation of arguments failed" not in output
    failures = _failures(run.stdout)
    for host in hosts:
        message = failures.get(host.name)
        assert message is not None, "{0} did not fail:\n{1}".format(host.name, output[-3000:])
        assert expected[host.name] in message, (host.name, message)
        assert "\n" not in message
        assert recap(run.stdout)[host.name]["failed"] == 1
        assert host_state(host) == initial[host]
        log = host_log(host)
        assert all(is_read(record) for record in log), log
        if not reads_allowed:
            assert log == [], log


def _prefixed(values):
    return {"passticket_setup_" + name: value for name, value in values.items()}


def test_each_bad_role_input_stops_the_run_naming_its_variable_before_any_change(
    tmp_path, make_host, inventory, ansible_playbook, host_state, host_log
):
    key = new_key()
    cases = {}
    for name, value in BAD_MAIN.items():
        cases[name.replace("_", "-")] = ({name: value}, "passticket_setup_" + name, False)
    for host_name, (values, variable) in BAD_COMBINATIONS.items():
        cases[host_name.replace("_", "-")] = (values, variable, host_name == "no_key_no_label")
    hosts = [make_host(host_name) for host_name in cases]
    inv = inventory(*hosts)
    for host in hosts:
        values = {"key": key, "oa62931_installed": True}
        values.update(cases[host.name][0])
        write_host_vars(inv, host.name, **_prefixed(values))
    initial = {h: host_state(h) for h in hosts}

    run = ansible_playbook(
        CSM, inv, "--forks", "10", *write_vars(tmp_path, passticket_setup_oa62931_installed=None), check=False
    )
    output = run.stdout + run.stderr
    assert key not in output and key.lower() not in output
    for host in hosts:
        # the input check runs on the controller: nothing reached the host, except step 0's read of the label
        _assert_stopped(
            run,
            [host],
            {host.name: cases[host.name][1]},
            host_state,
            host_log,
            initial,
            reads_allowed=cases[host.name][2],
        )
    assert "ICSF key label USRLCL.CKDS.CSM is not in the CKDS" in _failures(run.stdout)["no-key-no-label"]


def test_rotate_and_verify_check_their_inputs_first(
    tmp_path, make_host, inventory, ansible_playbook, host_state, host_log
):
    cases = {
        "rotate-label": (
            ROTATE,
            {"rotate_label": "USRLCL.1CSM", "rotate_key": new_key()},
            "passticket_setup_rotate_label",
        ),
        "rotate-key": (
            ROTATE,
            {"rotate_label": "USRLCL.CKDS.CSM2", "rotate_key": ["0B" * 64]},
            "passticket_setup_rotate_key",
        ),
        "rotate-unset": (ROTATE, {}, "passticket_setup_rotate_label must be set"),
        "rotate-same": (
            ROTATE,
            {"rotate_label": "USRLCL.CKDS.CSM2", "rotate_key": new_key(), "rotate_old_label": "usrlcl.ckds.csm2"},
            "passticket_setup_rotate_old_label",
        ),
        "rotate-grace": (
            ROTATE,
            {"rotate_label": "USRLCL.CKDS.CSM2", "rotate_key": new_key(), "rotate_grace_period": "600s"},
            "passticket_setup_rotate_grace_period",
        ),
        "verify-url": (VERIFY, {"verify_url": "http://host/\nX"}, "passticket_setup_verify_url"),
        "verify-user": (VERIFY, {"user": "ho\u00dftusr"}, "passticket_setup_user"),
        "verify-timeout": (VERIFY, {"timeout": "0"}, "passticket_setup_timeout"),
    }
    for playbook in (ROTATE, VERIFY):
        hosts = [make_host(name) for name, case in cases.items() if case[0] == playbook]
        inv = inventory(*hosts)
        for host in hosts:
            write_host_vars(inv, host.name, **_prefixed(cases[host.name][1]))
        initial = {h: host_state(h) for h in hosts}
        run = ansible_playbook(playbook, inv, check=False)
        _assert_stopped(
            run, hosts, {h.name: cases[h.name][2] for h in hosts}, host_state, host_log, initial, reads_allowed=False
        )
        (tmp_path / "host_vars").rename(tmp_path / "host_vars-{0}".format(playbook.stem))
