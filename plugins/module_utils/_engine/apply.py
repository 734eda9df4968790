# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Apply a plan: run its changing commands in order, or predict them in check mode.

z/OS side: standard library only, Python 3.9+. The outcome of each command is
decided by ``_racf.messages.failure_reason`` (message IDs first, the rc as a
backstop); a create that finds its object already there re-plans once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    RacfCommandError,
    already_exists,
    failure_reason,
)

# The changing commands of a task: ``commands`` are the masked images issued
# (or that would be issued in check mode), ``results`` their TsoResults (none
# in check mode).
AppliedCommands = namedtuple("AppliedCommands", ["commands", "results"])


def apply_commands(runner, commands, check_mode, replan=None):
    """Run the changing command images in order, or in check mode only list them.

    Returns AppliedCommands. In check mode nothing is issued: ``commands`` are
    the masked images, ``results`` empty. Otherwise the first failing command
    (``failure_reason``) stops the sequence with a RacfCommandError that carries
    the images issued and the results of the commands that completed.

    Races converge: when a create finds its object already there
    (``already_exists``: another run created it after this one read) and a
    ``replan`` callable is given, ``replan()`` re-reads the object and returns
    the commands needed from that state; they replace the rest of the sequence,
    as if the module had read that state first. The refused create is not
    reported as issued. Once per call: if the fresh plan still holds the
    refused create (the object is still not there, for example a group of that
    name), the create's failure stands.
    """
    if check_mode:
        return AppliedCommands([runner.mask(command) for command in commands], [])
    issued = []
    results = []
    pending = list(commands)
    replanned = False
    while pending:
        command = pending.pop(0)
        outcome = runner.run(command)
        reason = failure_reason(outcome)
        if reason and replan is not None and not replanned and already_exists(outcome):
            replanned = True
            fresh = list(replan())
            if command not in fresh:
                pending = fresh
                continue
        issued.append(outcome.command)
        if reason:
            raise RacfCommandError(reason, outcome, commands=issued, results=results)
        results.append(outcome)
    return AppliedCommands(issued, results)
