# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""z/OS facts read from z/OS UNIX commands (z/OS side: standard library only).

``run_command`` is injectable: any callable ``run_command(argv) -> (rc, stdout,
stderr)``, such as ``AnsibleModule.run_command``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

RELEASE_COMMAND = ["uname", "-Irsv"]
UTC_CLOCK_COMMAND = ["date", "-u", "+%s"]

# `uname -Irsv` prints e.g. "z/OS 02.05 00 8561"; the exact format is
# provisional, so only the first NN.NN is relied on.
_RELEASE = re.compile(r"\b(\d{2}\.\d{2})\b")
_EPOCH_SECONDS = re.compile(r"^\s*(\d+)\s*$")


class ZosFactError(Exception):
    """A z/OS UNIX command failed or printed something unexpected."""


def parse_release(text):
    """``'z/OS 02.05 00 8561'`` -> ``'02.05'``."""
    match = _RELEASE.search(text)
    if not match:
        raise ZosFactError("cannot find a release NN.NN in the output of {0}: {1!r}".format(" ".join(RELEASE_COMMAND), text.strip()))
    return match.group(1)


def parse_utc_seconds(text):
    """``'1700000000\\n'`` -> ``1700000000``."""
    match = _EPOCH_SECONDS.match(text)
    if not match:
        raise ZosFactError("expected UTC epoch seconds from {0}, got {1!r}".format(" ".join(UTC_CLOCK_COMMAND), text.strip()))
    return int(match.group(1))


def _output_of(run_command, argv):
    rc, stdout, stderr = run_command(argv)
    if rc != 0:
        raise ZosFactError("{0} failed with rc {1}: {2}".format(" ".join(argv), rc, (stderr or stdout).strip()))
    return stdout


def zos_release(run_command):
    """The z/OS release of the host, e.g. ``'02.05'``."""
    return parse_release(_output_of(run_command, RELEASE_COMMAND))


def utc_time(run_command):
    """The host's UTC clock in epoch seconds."""
    return parse_utc_seconds(_output_of(run_command, UTC_CLOCK_COMMAND))
