# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the filter mainframe.passticket.passticket_time."""

import random

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.mainframe.passticket.plugins.filter.passticket import FilterModule, passticket_time
from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket as engine

ENHANCED_KEY = bytes(range(64)).hex()
T = 1700000000


def test_registered_name():
    assert FilterModule().filters() == {"passticket_time": passticket_time}


@pytest.mark.parametrize("ticket, ptype", [("3MS55PXF", "upper"), ("7nrrjv2W", "mixed")])
def test_calibration_tickets(ticket, ptype):
    assert passticket_time(ticket, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, type=ptype) == T
    assert passticket_time(ticket, "hostusr", "ioshmcsm", ENHANCED_KEY.upper(), ptype.upper()) == T


def test_every_mixed_text_decodes_so_a_wrong_type_gives_an_implausible_time():
    # TYPE(MIXED) encodes all 2**48 values, so an UPPER ticket read as MIXED decodes to some time; the
    # documentation tells users to pass the profile's TYPE. Here it lands far from the generation time.
    assert abs(passticket_time("3MS55PXF", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, type="mixed") - T) > 10**6


def test_default_type_is_mixed():
    assert passticket_time("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) == T


@pytest.mark.parametrize("ptype", ["upper", "mixed"])
def test_round_trip_random_keys_and_times(ptype):
    rng = random.Random(1123)
    for _attempt in range(50):
        key = rng.randbytes(rng.randint(32, 256)).hex()
        when = rng.randint(0, 2**32 - 1)
        ticket = engine.generate("HOSTUSR", "IOSHMCSM", key, when, "enhanced", ptype)
        assert passticket_time(ticket, "HOSTUSR", "IOSHMCSM", key, type=ptype) == when


@pytest.mark.parametrize(
    "ticket, user, key, ptype, message",
    [
        ("3MS55PX!", "HOSTUSR", ENHANCED_KEY, "mixed", "not an enhanced TYPE.MIXED. PassTicket"),
        ("7nrrjv2", "HOSTUSR", ENHANCED_KEY, "mixed", "not an enhanced TYPE.MIXED. PassTicket"),
        ("ZZZZZZZZ", "HOSTUSR", ENHANCED_KEY, "upper", "not an enhanced TYPE.UPPER. PassTicket"),
        ("7nrrjv2W", "HOSTUSR", ENHANCED_KEY, "upper", "not an enhanced TYPE.UPPER. PassTicket"),
        ("7nrrjv2W", "1HOST", ENHANCED_KEY, "mixed", "user ID must be"),
        ("7nrrjv2W", "HOSTUSR", ("5EC2E7" * 30)[:62], "mixed", "32 to 256 bytes"),
        ("7nrrjv2W", "HOSTUSR", ENHANCED_KEY, "lower", "type must be one of"),
    ],
)
def test_errors(ticket, user, key, ptype, message):
    with pytest.raises(AnsibleFilterError, match="passticket_time: .*" + message) as caught:
        passticket_time(ticket, user, "IOSHMCSM", key, type=ptype)
    assert "5ec2e7" not in str(caught.value).lower()
    assert ENHANCED_KEY not in str(caught.value).lower()
