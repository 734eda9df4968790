# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the test plugin mainframe.passticket.valid_passticket, and of both Jinja plugins in a real run."""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket as engine
from ansible_collections.mainframe.passticket.plugins.test.passticket import (
    TestModule as PluginTests,  # not a pytest class
)
from ansible_collections.mainframe.passticket.plugins.test.passticket import valid_passticket

ENHANCED_KEY = bytes(range(64)).hex()
LEGACY_KEY = "0123456789ABCDEF"
T = 1700000000


def test_registered_name():
    assert PluginTests().tests() == {"valid_passticket": valid_passticket}


@pytest.mark.parametrize("ptype", ["upper", "mixed"])
def test_enhanced_accepts_at_the_window_edges_and_rejects_just_outside(ptype):
    rng = random.Random(42)
    for _attempt in range(40):
        key = rng.randbytes(rng.randint(32, 256)).hex()
        when = rng.randint(600, 2**32 - 601)
        window = rng.randint(1, 600)
        ticket = engine.generate("HOSTUSR", "IOSHMCSM", key, when, "enhanced", ptype)
        for now, expected in (
            (when + window, True),
            (when - window, True),
            (when, True),
            (when + window + 1, False),
            (when - window - 1, False),
        ):
            assert valid_passticket(ticket, "HOSTUSR", "IOSHMCSM", key, type=ptype, window=window, now=now) is expected


def test_legacy_accepts_at_the_window_edges_and_rejects_just_outside():
    for now, expected in ((T + 600, True), (T - 600, True), (T + 601, False), (T - 601, False)):
        assert (
            valid_passticket("SJ34FUB5", "IBMUSER", "TSOAPPL", LEGACY_KEY, algorithm="legacy", window=600, now=now)
            is expected
        )


def test_default_windows_are_racf_defaults():
    # legacy: RACF's fixed +-10 minutes
    assert valid_passticket("SJ34FUB5", "IBMUSER", "TSOAPPL", LEGACY_KEY, algorithm="legacy", now=T + 600)
    assert not valid_passticket("SJ34FUB5", "IBMUSER", "TSOAPPL", LEGACY_KEY, algorithm="legacy", now=T + 601)
    # enhanced: RACF's default TIMEOUT(60)
    assert valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, now=T + 60)
    assert not valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, now=T + 61)


def test_default_now_is_the_controller_clock(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: T + 30.9)
    assert valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, window=30)
    assert not valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, window=29)


def test_wrong_user_type_or_key_is_not_valid():
    assert not valid_passticket("7nrrjv2W", "HOSTUSX", "IOSHMCSM", ENHANCED_KEY, now=T)
    assert not valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, type="upper", now=T)
    assert not valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", "ff" + ENHANCED_KEY[2:], now=T)
    assert not valid_passticket("not a ticket", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, now=T)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(key=("5EC2E7" * 30)[:62]), "32 to 256 bytes"),
        (dict(key=LEGACY_KEY + "5EC2E7", algorithm="legacy"), "exactly 16 hex digits"),
        (dict(algorithm="md5"), "algorithm must be one of"),
        (dict(window=-1), "window must be between"),
        (dict(now="yesterday"), "now must be an integer"),
    ],
)
def test_errors(kwargs, message):
    arguments = dict(key=ENHANCED_KEY)
    arguments.update(kwargs)
    with pytest.raises(AnsibleFilterError, match="valid_passticket: .*" + message) as caught:
        valid_passticket("7nrrjv2W", "HOSTUSR", "IOSHMCSM", **arguments)
    assert "5ec2e7" not in str(caught.value).lower()


def test_filter_and_test_in_a_real_ansible_run(tmp_path):
    template = (
        "msg=\"{{ '3MS55PXF' | mainframe.passticket.passticket_time('HOSTUSR', 'IOSHMCSM', KEY, type='upper') }}"
        " {{ '3MS55PXF' is mainframe.passticket.valid_passticket('HOSTUSR', 'IOSHMCSM', KEY, type='upper', window=600, now=1700000600) }}"
        " {{ '3MS55PXF' is mainframe.passticket.valid_passticket('HOSTUSR', 'IOSHMCSM', KEY, type='upper', window=600, now=1700000601) }}\""
    )
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "ansible"),
            "localhost",
            "-m",
            "debug",
            "-e",
            "KEY=" + ENHANCED_KEY,
            "-a",
            template,
        ],
        cwd=str(tmp_path),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"msg": "1700000000 True False"' in result.stdout


def test_filter_and_test_take_a_vaulted_key(tmp_path):
    password_file = tmp_path / "vault-password"
    password_file.write_text("correct horse battery staple\n")
    bin_dir = Path(sys.executable).parent
    encrypted = subprocess.run(
        [
            str(bin_dir / "ansible-vault"),
            "encrypt_string",
            "--vault-password-file",
            str(password_file),
            "--stdin-name",
            "vaulted_key",
        ],
        input=ENHANCED_KEY,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        check=True,
    ).stdout
    (tmp_path / "vault.yml").write_text(encrypted)
    template = (
        "msg=\"{{ '7nrrjv2W' | mainframe.passticket.passticket_time('HOSTUSR', 'IOSHMCSM', vaulted_key) }}"
        " {{ '7nrrjv2W' is mainframe.passticket.valid_passticket('HOSTUSR', 'IOSHMCSM', vaulted_key, now=1700000000) }}\""
    )
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0")
    result = subprocess.run(
        [
            str(bin_dir / "ansible"),
            "localhost",
            "-m",
            "debug",
            "-e",
            "@vault.yml",
            "--vault-password-file",
            str(password_file),
            "-a",
            template,
        ],
        cwd=str(tmp_path),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert '"msg": "1700000000 True"' in result.stdout
