# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PassTicket user: RACF command images and the have/want difference.

z/OS side: standard library only, Python 3.9+. Pure functions; the module
``racf_user`` runs what ``plan_user`` returns.

A user meant for PassTicket sign-on must not be PROTECTED (a protected user
cannot sign on with a PassTicket, spec racf-behaviour.md section 5): unless
``allow_protected`` is set, it gets a random password nobody ever sees, with
``NOEXPIRED`` so no password change is forced on it. That command carries a
secret, so the runner sends it through the RACF exec (stdin, never argv).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import secrets
import string

from ansible_collections.mainframe.passticket.plugins.module_utils._racf_command import secret_command, validate_user_id
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_extract import STATUS_NOT_FOUND, ExtractRequest
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_listuser import parse_listuser_fields
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import (
    RacfCommandError,
    USER_NOT_FOUND,
    read_listing,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_resources import USER, USER_ATTRIBUTE_FIELDS, decode_bool
from ansible_collections.mainframe.passticket.plugins.module_utils._resource_table import (
    Plan,
    Read,
    SecretValue,
    Source,
    check_readable,
    compare,
    decode_extract_rows,
    defaults,
    rendered,
    want_from_params,
)

DEFAULT_USER = "HOSTUSR"
PASSWORD_LENGTH = 8
_PASSWORD_LETTERS = string.ascii_uppercase
_PASSWORD_CHARACTERS = string.ascii_uppercase + string.digits

_PASSWORD_ROW = [row for row in USER if row.name == "protected"][0]

# the fields of the module contract (before/after), in display order
STATE_FIELDS = ("user", "name", "owner", "default_group", "protected", "revoked", "attributes")


def _command(*words):
    return " ".join(word for word in words if word)


def listuser_command(user=None):
    """``LISTUSER user``; without a user, ``LISTUSER`` lists the caller."""
    return _command("LISTUSER", None if user is None else validate_user_id(user))


def deluser_command(user):
    return _command("DELUSER", validate_user_id(user))


def password_command(user, password):
    """``ALTUSER user PASSWORD(x) NOEXPIRED``, a SecretCommand (it runs only through the RACF exec)."""
    return secret_command(_command("ALTUSER", validate_user_id(user), _PASSWORD_ROW.render(SecretValue(False, password, False)),
                                   "NOEXPIRED"))


def generate_password():
    """A random 8-character RACF password: a letter, then letters and digits with at least one digit.

    Generated on the host with ``secrets``; never returned or logged.
    """
    while True:
        password = secrets.choice(_PASSWORD_LETTERS) + "".join(
            secrets.choice(_PASSWORD_CHARACTERS) for dummy in range(PASSWORD_LENGTH - 1))
        if any(character.isdigit() for character in password):
            return password


def user_state(listing):
    """The contract's before/after dict from ``parse_listuser`` output (None stays None)."""
    if listing is None:
        return None
    state = dict((field, listing[field]) for field in STATE_FIELDS)
    if state["name"] is not None and state["name"].strip().upper() == "UNKNOWN":
        state["name"] = None  # LISTUSER prints NAME=UNKNOWN for a user without a name
    return state


def normalize_want(params):
    """Module parameters -> validated want: ``user``, ``state``, ``allow_protected`` and ``fields`` (table rows).

    Raises ValueError naming the bad option.
    """
    return {
        # an empty user is an error, never the default user
        "user": validate_user_id(params.get("user", DEFAULT_USER), "user"),
        "state": params.get("state", "present"),
        "allow_protected": bool(params.get("allow_protected")),
        "fields": want_from_params(USER, params),
    }


# -- reading ---------------------------------------------------------------------------
def user_from_extract(user_id, result):
    """Read of a user from its ExtractResult (BASE segment)."""
    raw = list(result.raw)
    if result.status == STATUS_NOT_FOUND:
        return Read(None, {}, raw)
    base = result.segments.get("BASE") or {}
    state = {"user": user_id}
    unreadable = {}
    decode_extract_rows(USER, base, state, unreadable)
    attributes = []
    for field, attribute in USER_ATTRIBUTE_FIELDS:
        try:
            if base.get(field) is not None and decode_bool(base[field]):
                attributes.append(attribute)
        except ValueError:
            pass
    state["attributes"] = attributes
    return Read(dict((field, state[field]) for field in STATE_FIELDS), unreadable, raw)


def user_from_listing(runner, user_id):
    """Read of a user from one ``LISTUSER user``; fields whose keyword the listing lacks are unreadable."""
    parsed = read_listing(runner, listuser_command(user_id), parse_listuser_fields, tolerated_ids=(USER_NOT_FOUND,))
    raw = list(runner.results[-1].lines)
    if parsed is None:
        return Read(None, {}, raw)
    listing, found = parsed
    state = user_state(listing)
    unreadable = {}
    needs = {"default_group": "DEFAULT-GROUP", "protected": "ATTRIBUTES", "revoked": "ATTRIBUTES", "special": "ATTRIBUTES"}
    for name, keyword_found in needs.items():
        if keyword_found not in found:
            unreadable[name] = "the listing has no {0}= line".format(keyword_found)
            if name in state:
                state[name] = None
    return Read(state, unreadable, raw)


def user_source(user_id):
    """The Source of user ``user_id``: the USER extract, or ``LISTUSER user``."""
    user_id = validate_user_id(user_id)
    return Source(ExtractRequest("USER", user_id),
                  lambda result: user_from_extract(user_id, result),
                  lambda runner: user_from_listing(runner, user_id))


# -- planning --------------------------------------------------------------------------
def plan_user(read, want, password):
    """``Plan(before, commands, after)`` for the user.

    ``password`` appears only in the password command, a SecretCommand (mask it
    before showing it). Values RACF chooses itself, such as the owner of a new
    user when none is given, are None in the predicted after. Raises
    UnreadableField when a compared field could not be read.
    """
    user = want["user"]
    have = read.state
    if want["state"] == "absent":
        return Plan(have, [deluser_command(user)] if have else [], None)
    fields = dict(want["fields"])
    if not want["allow_protected"]:
        fields["protected"] = SecretValue(False, password, False)
    if have is not None:
        check_readable(list(fields), read, "user {0}".format(user))
    base = dict(have) if have else dict(defaults(USER), user=user, attributes=["PROTECTED"])
    base = dict((field, base.get(field)) for field in STATE_FIELDS)
    changes, after = compare(USER, base, fields)
    operands = [operand for operand in rendered(changes) if operand]
    commands = []
    if have is None:
        commands.append(_command("ADDUSER", validate_user_id(user), *[o for o in operands if o != "RESUME"]))
    elif operands:
        commands.append(_command("ALTUSER", validate_user_id(user), *operands))
    for row, wanted in changes:
        if row is _PASSWORD_ROW:
            commands.append(password_command(user, wanted.secret))
    return Plan(have, commands, dict((field, after.get(field)) for field in STATE_FIELDS))


def read_user(runner, user):
    """The user's before/after state from one ``LISTUSER user``, or None when it does not exist (listing path)."""
    return user_from_listing(runner, user).state


def read_caller(runner):
    """``{user, special}`` of the user the module runs as, from ``LISTUSER`` (which lists the caller).

    Always a listing: an extract needs the user ID, and the caller's is not
    reliably known from z/OS UNIX (several user IDs may share one UID).
    """
    parsed = read_listing(runner, listuser_command(), parse_listuser_fields, tolerated_ids=(USER_NOT_FOUND,))
    if parsed is None:
        raise RacfCommandError("LISTUSER did not list the caller")
    listing, found = parsed
    if "ATTRIBUTES" not in found:
        raise RacfCommandError("cannot read whether the caller {0} is SPECIAL: LISTUSER printed no ATTRIBUTES= line:\n{1}".format(
            listing["user"], "\n".join(runner.results[-1].lines)))
    return {"user": listing["user"], "special": listing["special"]}
