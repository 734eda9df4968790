# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lookup mainframe.passticket.passticket through the real ``ansible`` and ``ansible-playbook``.

What can differ by ansible-core (run on the lowest and the newest core): how a
vaulted value reaches a lookup (AnsibleVaultEncryptedUnicode on 2.16,
EncryptedString on 2.19 and later), whether variables reach it templated, how
a deprecation warning is shown, the option system (env, ansible.cfg).

The tickets are checked against the specification's vectors
(passticket-algorithms.md, "Calibration vectors"): user HOSTUSR, application
IOSHMCSM, key 00 01 ... 3F, T = 1700000000 give 3MS55PXF (TYPE(UPPER)) and
7nrrjv2W (TYPE(MIXED)); IBMUSER/TSOAPPL with the DES key 0123456789ABCDEF
gives SJ34FUB5.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
ENHANCED_KEY = bytes(range(64)).hex()
SECRET_KEY = ("5EC2E7" * 30)[:128]
T = 1700000000
VAULT_PASSWORD = "correct horse battery staple"


def run(tool, *args, cwd, env=None, input_text=None):
    full_env = dict(
        os.environ,
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
        ANSIBLE_DEPRECATION_WARNINGS="1",
    )
    full_env.update(env or {})
    return subprocess.run(
        [str(BIN / tool)] + [str(a) for a in args],
        cwd=str(cwd),
        env=full_env,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def adhoc(*args, cwd, env=None):
    return run("ansible", "localhost", *args, cwd=cwd, env=env)


def encrypt_string(tmp_path, name, value):
    """``ansible-vault encrypt_string`` of value (from stdin, never on argv) as the YAML of variable name."""
    password_file = tmp_path / "vault-password"
    password_file.write_text(VAULT_PASSWORD + "\n")
    proc = run(
        "ansible-vault",
        "encrypt_string",
        "--vault-password-file",
        password_file,
        "--stdin-name",
        name,
        cwd=tmp_path,
        input_text=value,
    )
    assert proc.returncode == 0, proc.stderr
    assert value not in proc.stdout and "$ANSIBLE_VAULT" in proc.stdout
    return proc.stdout, password_file


def inventory_with_group_vars(tmp_path, group_vars):
    """localhost in group zos, with group_vars/zos/vars.yml holding ``group_vars`` (YAML text)."""
    (tmp_path / "inventory.yml").write_text(
        "zos:\n  hosts:\n    localhost:\n      ansible_connection: local\n"
        "      ansible_python_interpreter: %s\n" % sys.executable
    )
    (tmp_path / "group_vars" / "zos").mkdir(parents=True)
    (tmp_path / "group_vars" / "zos" / "vars.yml").write_text(group_vars)
    return tmp_path / "inventory.yml"


PLAYBOOK = """
- name: Tickets from the lookup, with the inventory's variables
  hosts: zos
  gather_facts: false
  tasks:
    - name: A ticket for the role's user, application, type and key (no term, no option)
      ansible.builtin.set_fact:
        ticket_of_the_role_user: "{{ lookup('mainframe.passticket.passticket', time=%(T)d) }}"
      no_log: true
    - name: A ticket for a user given as a term
      ansible.builtin.set_fact:
        ticket_of_the_term: "{{ lookup('mainframe.passticket.passticket', 'HOSTUSR', time=%(T)d) }}"
      no_log: true
    - name: Show both (test key only)
      ansible.builtin.debug:
        msg: "tickets {{ ticket_of_the_role_user }} {{ ticket_of_the_term }}"
""" % {"T": T}


def test_encrypt_string_key_in_group_vars(tmp_path):
    """The key as an encrypt_string value in group_vars, read through passticket_setup_key, at -vvv."""
    vaulted, password_file = encrypt_string(tmp_path, "passticket_setup_key", ENHANCED_KEY)
    inventory = inventory_with_group_vars(
        tmp_path,
        vaulted + "passticket_setup_application: IOSHMCSM\n"
        "passticket_setup_type: upper\npassticket_setup_user: HOSTUSR\n",
    )
    (tmp_path / "play.yml").write_text(PLAYBOOK)
    proc = run(
        "ansible-playbook", "-i", inventory, "play.yml", "--vault-password-file", password_file, "-vvv", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "tickets 3MS55PXF 3MS55PXF" in proc.stdout
    output = (proc.stdout + proc.stderr).lower()
    assert ENHANCED_KEY not in output and ENHANCED_KEY[:24] not in output
    assert "is deprecated; name it" not in output


def test_encrypt_string_key_behind_a_template_and_from_extra_vars_file(tmp_path):
    """passticket_setup_key: "{{ vault_csm_key }}" (the role README's pattern), the vaulted value in -e @file."""
    vaulted, password_file = encrypt_string(tmp_path, "vault_csm_key", ENHANCED_KEY)
    (tmp_path / "vault.yml").write_text(vaulted)
    inventory = inventory_with_group_vars(
        tmp_path,
        'passticket_setup_key: "{{ vault_csm_key }}"\n'
        "passticket_setup_application: IOSHMCSM\npassticket_setup_type: mixed\n"
        "passticket_setup_user: '{{ csm_user }}'\ncsm_user: HOSTUSR\n",
    )
    (tmp_path / "play.yml").write_text(PLAYBOOK)
    proc = run(
        "ansible-playbook",
        "-i",
        inventory,
        "play.yml",
        "-e",
        "@vault.yml",
        "--vault-password-file",
        password_file,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "tickets 7nrrjv2W 7nrrjv2W" in proc.stdout


def test_a_wrong_encrypt_string_key_fails_without_showing_it(tmp_path):
    vaulted, password_file = encrypt_string(tmp_path, "passticket_setup_key", SECRET_KEY[:127])
    inventory = inventory_with_group_vars(
        tmp_path,
        vaulted + "passticket_setup_application: IOSHMCSM\n"
        "passticket_setup_type: upper\npassticket_setup_user: HOSTUSR\n",
    )
    # no no_log here: the task's error must say what is wrong, and still not show the key
    (tmp_path / "play.yml").write_text(
        "- hosts: zos\n  gather_facts: false\n  tasks:\n    - ansible.builtin.debug:\n"
        "        msg: \"{{ lookup('mainframe.passticket.passticket', time=%d) }}\"\n" % T
    )
    proc = run(
        "ansible-playbook", "-i", inventory, "play.yml", "--vault-password-file", password_file, "-vvv", cwd=tmp_path
    )
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "even number of hex digits" in output
    assert "5ec2e7" not in output.lower()


@pytest.mark.parametrize(
    "old, new, value",
    [
        ("passticket_key", "passticket_setup_key", ENHANCED_KEY),
        ("passticket_appl", "passticket_setup_application", "IOSHMCSM"),
        ("passticket_type", "passticket_setup_type", "upper"),
    ],
)
def test_an_old_variable_name_works_with_a_deprecation_warning(tmp_path, old, new, value):
    variables = {
        "passticket_setup_key": ENHANCED_KEY,
        "passticket_setup_application": "IOSHMCSM",
        "passticket_setup_type": "upper",
    }
    del variables[new]
    variables[old] = value
    extra = " ".join("%s=%s" % item for item in variables.items())
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', time=%d) }}" % T
    proc = adhoc("-m", "debug", "-e", extra, "-a", msg, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"msg": "3MS55PXF"' in proc.stdout
    warning = " ".join((proc.stdout + proc.stderr).split())
    assert "[DEPRECATION WARNING]" in warning
    assert (
        "the variable %s of the lookup mainframe.passticket.passticket is deprecated; name it %s" % (old, new)
        in warning
    )
    assert "1.0.0" in warning


def test_csm_without_a_type_is_refused_on_the_command_line(tmp_path):
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=KEY) }}"
    proc = adhoc("-m", "debug", "-e", "KEY=" + SECRET_KEY, "-a", msg, cwd=tmp_path)
    assert proc.returncode != 0
    output = " ".join((proc.stdout + proc.stderr).split())
    assert "Copy Services Manager supports only TYPE(UPPER)" in output
    assert "passticket_setup_type" in output
    assert "5ec2e7" not in output.lower()


# ------------------------------------------------------------ as an operator runs it (moved from tests/unit)


@pytest.mark.parametrize(
    "algorithm, key, user, appl, expected",
    [
        ("enhanced", ENHANCED_KEY, "HOSTUSR", "IOSHMCSM", "3MS55PXF"),
        ("legacy", "0123456789ABCDEF", "IBMUSER", "TSOAPPL", "SJ34FUB5"),
    ],
)
def test_ansible_debug_prints_the_calibration_ticket(tmp_path, algorithm, key, user, appl, expected):
    extra = "" if algorithm == "enhanced" else ", algorithm='legacy'"
    msg = "msg={{ lookup('mainframe.passticket.passticket', '%s', appl='%s', key=KEY, type='upper', time=%d%s) }}" % (
        user,
        appl,
        T,
        extra,
    )
    proc = adhoc("-m", "debug", "-e", "KEY=" + key, "-a", msg, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"msg": "%s"' % expected in proc.stdout


def test_key_from_environment_as_an_awx_credential_may_inject_it(tmp_path):
    env = {"PASSTICKET_KEY": ENHANCED_KEY, "PASSTICKET_APPL": "IOSHMCSM", "PASSTICKET_TYPE": "upper"}
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', time=%d) }}" % T
    proc = adhoc("-m", "debug", "-a", msg, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert '"msg": "3MS55PXF"' in proc.stdout


def test_a_bad_key_fails_without_showing_it(tmp_path):
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', type='upper', key=KEY) }}"
    proc = adhoc("-m", "debug", "-e", "KEY=" + SECRET_KEY[:127], "-a", msg, cwd=tmp_path)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "even number of hex digits" in output
    assert "5ec2e7" not in output.lower()


def test_site_defaults_from_ansible_cfg(tmp_path):
    (tmp_path / "ansible.cfg").write_text("[passticket_lookup]\ntype = upper\nalgorithm = enhanced\n")
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=KEY, time=%d) }}" % T
    proc = adhoc("-m", "debug", "-e", "KEY=" + ENHANCED_KEY, "-a", msg, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"msg": "3MS55PXF"' in proc.stdout


# ------------------------------------------------------------ the benchmark still runs (no timing asserted)


def test_the_lookup_benchmark_runs_and_prints_its_table():
    env = dict(os.environ, BENCH_LOOKUP_USERS="20", BENCH_LOOKUP_ROUNDS="2")
    proc = subprocess.run(
        [sys.executable, str(REPO / "tests" / "benchmarks" / "bench_passticket_lookup.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert "| measure | TYPE(UPPER) us | x floor | TYPE(MIXED) us | x floor |" in lines
    assert any(line.startswith("| **lookup's own cost per ticket** (lookup - items) |") for line in lines)
    assert any(
        line.startswith("Target: the lookup's own cost per enhanced ticket <= 1.2 x the floor: ") for line in lines
    )
