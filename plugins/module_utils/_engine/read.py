# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Reading objects: through R_admin extract (IRRXUTIL) in one exec process, or through listings.

z/OS side: standard library only, Python 3.9+.

``read_objects(runner, read_interface, sources)`` reads every object a module
needs and says which interface answered; each ``Source`` knows how to turn an
extract result or a listing into a ``_engine.table.Read``. ``read_listing``
runs one listing command and parses it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import ExtractError, ExtractUnavailable
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import RacfCommandError, check_result
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec

READ_INTERFACES = ("auto", "irrxutil", "listing")
READ_INTERFACE_ENV = "PASSTICKET_READ_INTERFACE"
IRRXUTIL = "irrxutil"
LISTING = "listing"


class Source(namedtuple("Source", ["request", "from_extract", "from_listing"])):
    """One object a module reads: ``request`` (an ExtractRequest), ``from_extract(result) -> Read``, ``from_listing(runner) -> Read``."""

    __slots__ = ()


def read_interface_argument():
    """The argument spec of ``read_interface``: choices, default ``auto``, environment variable PASSTICKET_READ_INTERFACE."""
    from ansible.module_utils.basic import env_fallback

    return dict(
        type="str", choices=list(READ_INTERFACES), default="auto", fallback=(env_fallback, [READ_INTERFACE_ENV])
    )


def validate_read_interface(value):
    if value not in READ_INTERFACES:
        raise ValueError("read_interface must be one of {0}".format(", ".join(READ_INTERFACES)))
    return value


def read_objects(runner, read_interface, sources):
    """Read every source, through IRRXUTIL (one exec process for all) or through listings.

    ``auto`` tries the extract and falls back to listings when IRRXUTIL cannot
    be called (``ExtractUnavailable``); ``irrxutil`` and ``listing`` use only
    that interface. An extract that ran and failed (``ExtractError``: not
    authorized, R_admin error) is never answered by the other interface: it
    propagates. Returns ``(reads, interface)``, ``interface`` being
    ``"irrxutil"`` or ``"listing"``.
    """
    validate_read_interface(read_interface)
    if read_interface in ("auto", IRRXUTIL):
        try:
            results = read_exec.extract(runner, [source.request for source in sources])
        except ExtractUnavailable:
            if read_interface == IRRXUTIL:
                raise
        else:
            if len(results) != len(sources):
                raise ExtractError("the extract answered {0} of {1} objects".format(len(results), len(sources)))
            return [source.from_extract(result) for source, result in zip(sources, results)], IRRXUTIL
    return [source.from_listing(runner) for source in sources], LISTING


def read_listing(runner, command, parse, tolerated_ids=()):
    """Run a listing command (SETROPTS LIST, RLIST, LISTUSER) and parse its output.

    ``parse`` takes the output text. A failed command, or output the parser
    rejects (ValueError), raises RacfCommandError naming the masked command;
    message IDs in ``tolerated_ids`` (for example "not found") are not failures.
    """
    result = check_result(runner.run(command), tolerated_ids=tolerated_ids)
    try:
        return parse("\n".join(result.lines))
    except ValueError as error:
        raise RacfCommandError("{0}: {1}".format(result.command, error), result) from None
