# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""z/OS facts read from z/OS UNIX commands (z/OS side: standard library only).

``run_command`` is injectable: any callable ``run_command(argv) -> (rc, stdout,
stderr)``, such as ``AnsibleModule.run_command``.

``uname -Irsv`` prints the real product name, release and version fields:
``z/OS RR.00 VV`` (docs/reference/zos-interfaces.md, "uname"; ibm_zos_core's
dependency checker parses it the same way). z/OS 2.5 prints ``z/OS 05.00 02``,
z/OS 2.4 ``z/OS 04.00 02``, z/OS 3.1 ``z/OS 01.00 03`` (UNCONFIRMED for 3.1:
no sample; same pattern). So the V.R of the product is ``int(VV).int(RR)``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from collections import namedtuple

RELEASE_COMMAND = ["uname", "-Irsv"]
UTC_CLOCK_COMMAND = ["date", "-u", "+%s"]

# "z/OS RR.00 VV" [S74 dependency_checker.py]: release field RR.00, version field VV
_UNAME_RELEASE = re.compile(r"^\s*z/OS\s+(?P<release>\d+)\.(?P<modification>\d+)\s+(?P<version>\d+)\b")
_EPOCH_SECONDS = re.compile(r"^\s*(\d+)\s*$")


class ZosFactError(Exception):
    """A z/OS UNIX command failed or printed something unexpected."""


class ZosRelease(namedtuple("ZosRelease", ["version", "release", "raw"])):
    """A z/OS product level: ``version`` 2, ``release`` 5, ``raw`` the uname line (or the text given).

    Ordered numerically by (version, release): 3.1 is above 2.5. ``str()`` is ``"2.5"``.
    """

    __slots__ = ()

    @property
    def key(self):
        return (self.version, self.release)

    def __str__(self):
        return "{0}.{1}".format(self.version, self.release)


def parse_release(text):
    """``'z/OS 05.00 02'`` (``uname -Irsv``) -> ``ZosRelease(2, 5, 'z/OS 05.00 02')``."""
    line = (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""
    match = _UNAME_RELEASE.match(line)
    if not match:
        raise ZosFactError(
            "cannot read a z/OS release from the output of {0}: expected 'z/OS RR.00 VV', got {1!r}".format(
                " ".join(RELEASE_COMMAND), line
            )
        )
    return ZosRelease(int(match.group("version")), int(match.group("release")), line)


def parse_utc_seconds(text):
    """``'1700000000\\n'`` -> ``1700000000``."""
    match = _EPOCH_SECONDS.match(text)
    if not match:
        raise ZosFactError(
            "expected UTC epoch seconds from {0}, got {1!r}".format(" ".join(UTC_CLOCK_COMMAND), text.strip())
        )
    return int(match.group(1))


def _output_of(run_command, argv):
    rc, stdout, stderr = run_command(argv)
    if rc != 0:
        raise ZosFactError("{0} failed with rc {1}: {2}".format(" ".join(argv), rc, (stderr or stdout).strip()))
    return stdout


def zos_release(run_command):
    """The z/OS release of the host as a ZosRelease (``str()`` gives ``'2.5'``)."""
    return parse_release(_output_of(run_command, RELEASE_COMMAND))


def utc_time(run_command):
    """The host's UTC clock in epoch seconds."""
    return parse_utc_seconds(_output_of(run_command, UTC_CLOCK_COMMAND))
