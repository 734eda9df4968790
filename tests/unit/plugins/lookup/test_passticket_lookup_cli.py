# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lookup through the real ``ansible`` command line, as an operator runs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
ENHANCED_KEY = bytes(range(64)).hex()
SECRET_KEY = ("5EC2E7" * 30)[:128]


def ansible(*args, cwd):
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_DEPRECATION_WARNINGS="0")
    return subprocess.run([str(BIN / "ansible"), "localhost"] + list(args), cwd=str(cwd), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120, check=False)


@pytest.mark.parametrize("algorithm, key, user, appl, expected", [
    ("enhanced", ENHANCED_KEY, "HOSTUSR", "IOSHMCSM", "3MS55PXF"),
    ("legacy", "0123456789ABCDEF", "IBMUSER", "TSOAPPL", "SJ34FUB5"),
])
def test_ansible_debug_prints_the_calibration_ticket(tmp_path, algorithm, key, user, appl, expected):
    extra = "" if algorithm == "enhanced" else ", algorithm='legacy'"
    msg = "msg={{ lookup('mainframe.passticket.passticket', '%s', appl='%s', key=KEY, type='upper', time=1700000000%s) }}" % (
        user, appl, extra)
    result = ansible("-m", "debug", "-e", "KEY=" + key, "-a", msg, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"msg": "%s"' % expected in result.stdout


def test_key_from_ansible_vault(tmp_path):
    password_file = tmp_path / "vault-password"
    password_file.write_text("correct horse battery staple\n")
    encrypted = subprocess.run(
        [str(BIN / "ansible-vault"), "encrypt_string", "--vault-password-file", str(password_file),
         "--name", "passticket_key", "--stdin-name", "passticket_key"],
        input=ENHANCED_KEY, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=True,
        cwd=str(tmp_path)).stdout
    assert ENHANCED_KEY not in encrypted
    (tmp_path / "vault.yml").write_text(encrypted)
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', type='upper', time=1700000000) }}"
    result = ansible("-m", "debug", "-e", "@vault.yml", "--vault-password-file", str(password_file), "-a", msg, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"msg": "3MS55PXF"' in result.stdout


def test_key_from_environment_as_an_awx_credential_injects_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PASSTICKET_KEY", ENHANCED_KEY)
    monkeypatch.setenv("PASSTICKET_APPL", "IOSHMCSM")
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', type='upper', time=1700000000) }}"
    result = ansible("-m", "debug", "-a", msg, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"msg": "3MS55PXF"' in result.stdout


def test_a_bad_key_fails_without_showing_it(tmp_path):
    bad_key = SECRET_KEY[:127]  # odd number of digits
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=KEY) }}"
    result = ansible("-m", "debug", "-e", "KEY=" + bad_key, "-a", msg, cwd=tmp_path)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "even number of hex digits" in output
    assert "5ec2e7" not in output.lower()


def test_site_defaults_from_ansible_cfg(tmp_path):
    (tmp_path / "ansible.cfg").write_text("[passticket_lookup]\ntype = upper\nalgorithm = enhanced\n")
    msg = "msg={{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=KEY, time=1700000000) }}"
    result = ansible("-m", "debug", "-e", "KEY=" + ENHANCED_KEY, "-a", msg, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"msg": "3MS55PXF"' in result.stdout
