# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""RACF/TSO message IDs, and how the modules decide a command's outcome from them.

z/OS side: standard library only, Python 3.9+.

RACF reports what happened through message IDs; the TSO return code is only a
backstop (docs/architecture.md, spec racf-behaviour.md section 1). Every ID a
module acts on is named once here, with the spec's evidence tag.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# (ICH|IRR|IKJ)(digit|D|W) + 3 or 4 digits + severity letter [real]
MESSAGE_ID = re.compile(r"\b(?:ICH|IRR|IKJ)(?:\d|D|W)\d{3,4}[IAEW]\b")
# a message line starts with its ID (after the blank tsocmd may put in front)
_MESSAGE_LINE = re.compile(r"^\s*(?P<id>(?:ICH|IRR|IKJ)(?:\d|D|W)\d{3,4}[IAEW])\b")

# SETROPTS
SETROPTS_REFRESH_NOT_AUTHORIZED = "ICH14015I"  # [doc] NOT AUTHORIZED TO REFRESH RACLIST CLASS
SETROPTS_REFRESH_NO_EFFECT = "ICH14070I"  # [likely] RACLIST REFRESH had no effect on class
# RDEFINE / RALTER / RDELETE / RLIST / PERMIT
RDEFINE_RACLISTED = "ICH10006I"  # [real] ... UNTIL A SETROPTS REFRESH IS ISSUED
RDEFINE_ALREADY_DEFINED = "ICH10102I"  # [real]
RDEFINE_NOT_AUTHORIZED = "ICH10103I"  # [doc]
RALTER_RACLISTED = "ICH11009I"  # [real]
RALTER_NOT_DEFINED = "ICH11102I"  # [likely]
RDELETE_RACLISTED = "ICH12002I"  # [real]
RDELETE_NOT_DEFINED = "ICH12102I"  # [real]
RLIST_NOT_FOUND = "ICH13003I"  # [real]
PERMIT_RACLISTED = "ICH06011I"  # [doc]
SSIGNON_NOT_AUTHORIZED_TO_VIEW = "IRR52021I"  # [likely]
# users (part of the table so every module shares one vocabulary)
USER_NOT_FOUND = "ICH30001I"  # [real]
# TSO parse errors
TSO_INVALID_OPERAND = "IKJ56702I"  # [real] INVALID <what>, <value>

# A create that finds its object already there (another run created it since
# the module read): the verb, and the IDs that say so. RDEFINE of an existing
# profile: ICH10102I [real]. ADDUSER of an existing user ID: TSO's parse of
# the user ID operand refuses it, IKJ56702I INVALID USERID, <id> [likely]; for
# a user ID the validators passed, that means the ID is defined (as a user or
# a group), so the module re-reads to know which.
ALREADY_EXISTS_IDS = {
    "RDEFINE": frozenset([RDEFINE_ALREADY_DEFINED]),
    "ADDUSER": frozenset([TSO_INVALID_OPERAND]),
}

# A profile change that needs SETROPTS RACLIST(class) REFRESH to take effect.
REFRESH_NEEDED_IDS = frozenset([RDEFINE_RACLISTED, RALTER_RACLISTED, RDELETE_RACLISTED, PERMIT_RACLISTED])

# IDs that mean the command did not do what was asked, whatever the rc says.
FAILURE_IDS = frozenset(
    [
        SETROPTS_REFRESH_NOT_AUTHORIZED,
        RDEFINE_ALREADY_DEFINED,
        RDEFINE_NOT_AUTHORIZED,
        RALTER_NOT_DEFINED,
        RDELETE_NOT_DEFINED,
        RLIST_NOT_FOUND,
        SSIGNON_NOT_AUTHORIZED_TO_VIEW,
        USER_NOT_FOUND,
    ]
)


class RacfCommandError(Exception):
    """A RACF command failed. The text holds only masked command output.

    ``result`` is the failing TsoResult, when there is one. Raised by
    ``_engine.apply.apply_commands``, the error also tells what ran: ``commands`` (the masked
    images issued, the failing one last) and ``results`` (the TsoResults of the
    ``completed`` commands before it). Both are empty for any other failure.
    """

    def __init__(self, message, result=None, commands=(), results=()):
        super(RacfCommandError, self).__init__(message)
        self.result = result
        self.commands = list(commands)
        self.results = list(results)

    @property
    def completed(self):
        """How many changing commands completed before the failure."""
        return len(self.results)


def message_id(line):
    """The message ID a line starts with, or None."""
    match = _MESSAGE_LINE.match(line)
    return match.group("id") if match else None


def has_message(result, *ids):
    """True when the TsoResult carries any of the message IDs."""
    return any(found in ids for found in result.message_ids)


def _is_failure_id(found):
    # Every IKJ message that reaches a RACF command is a TSO parse error;
    # severity letters E and A mean an error or an action the operator must take.
    return found in FAILURE_IDS or found.startswith("IKJ") or found[-1] in "EA"


def failure_reason(result, tolerated_ids=()):
    """Why a RACF command failed, or None when it succeeded.

    Message IDs decide: a known failure ID, any TSO parse error (IKJ) or an
    error-severity ID is a failure unless listed in ``tolerated_ids``. Without
    such an ID the rc is the backstop: non-zero is a failure.
    """
    failures = [found for found in result.message_ids if _is_failure_id(found) and found not in tolerated_ids]
    if failures:
        return "{0} failed: {1}".format(result.command, " ".join(result.messages) or " ".join(failures))
    if result.rc != 0 and not any(found in tolerated_ids for found in result.message_ids):
        detail = " ".join(result.lines).strip() or "no output"
        return "{0} failed with rc {1}: {2}".format(result.command, result.rc, detail)
    return None


def check_result(result, tolerated_ids=()):
    """Raise RacfCommandError when ``failure_reason`` finds one; return the result."""
    reason = failure_reason(result, tolerated_ids)
    if reason:
        raise RacfCommandError(reason, result)
    return result


def already_exists(result):
    """True when ``result`` is a create (RDEFINE, ADDUSER) refused because its object exists (``ALREADY_EXISTS_IDS``)."""
    words = (result.command or "").split(None, 1)
    expected = ALREADY_EXISTS_IDS.get(words[0].upper() if words else "", ())
    return any(found in expected for found in result.message_ids)
