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

from ansible_collections.mainframe.passticket.plugins.module_utils._racf_command import (
    keyword,
    owner as owner_operand,
    quote,
    secret_command,
    validate_user_id,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_listuser import parse_listuser
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import (
    RacfCommandError,
    USER_NOT_FOUND,
    read_listing,
)

DEFAULT_USER = "HOSTUSR"
NAME_MAX_LENGTH = 20
PASSWORD_LENGTH = 8
_PASSWORD_LETTERS = string.ascii_uppercase
_PASSWORD_CHARACTERS = string.ascii_uppercase + string.digits

# the fields of the module contract (before/after), in display order
STATE_FIELDS = ("user", "name", "owner", "default_group", "protected", "revoked", "attributes")


def _command(*words):
    return " ".join(word for word in words if word)


def listuser_command(user=None):
    """``LISTUSER user``; without a user, ``LISTUSER`` lists the caller."""
    return _command("LISTUSER", None if user is None else validate_user_id(user))


def deluser_command(user):
    return _command("DELUSER", validate_user_id(user))


def _name_operand(full_name):
    return keyword("NAME", quote(full_name, NAME_MAX_LENGTH, "full_name")) if full_name is not None else None


def _group_operand(default_group):
    return keyword("DFLTGRP", validate_user_id(default_group, "default group")) if default_group is not None else None


def _owner_operand(owner):
    return owner_operand(owner) if owner is not None else None


def adduser_command(user, full_name=None, default_group=None, owner=None):
    """``ADDUSER user [NAME('...')] [DFLTGRP(g)] [OWNER(o)]`` (defines a PROTECTED user)."""
    return _command("ADDUSER", validate_user_id(user), _name_operand(full_name), _group_operand(default_group), _owner_operand(owner))


def altuser_command(user, full_name=None, default_group=None, owner=None, resume=False):
    """``ALTUSER user ...`` with only the given operands; None when there is nothing to alter."""
    operands = [_name_operand(full_name), _group_operand(default_group), _owner_operand(owner), "RESUME" if resume else None]
    if not any(operands):
        return None
    return _command("ALTUSER", validate_user_id(user), *operands)


def password_command(user, password):
    """``ALTUSER user PASSWORD(x) NOEXPIRED``, marked as a ``SecretCommand`` (it runs through the RACF exec)."""
    return secret_command(_command("ALTUSER", validate_user_id(user), keyword("PASSWORD", password), "NOEXPIRED"))


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
    return dict((field, listing[field]) for field in STATE_FIELDS)


def normalize_want(params):
    """Module parameters -> validated, upper-cased want (values as RACF stores them).

    Raises ValueError naming the bad option.
    """
    full_name = params.get("full_name")
    if full_name is not None:
        # checked as given; RACF folds NAME to upper case [real: NAME('Squidward') lists as SQUIDWARD]
        quote(full_name, NAME_MAX_LENGTH, "full_name")
        full_name = full_name.upper()
    return {
        # an empty user is an error, never the default user
        "user": validate_user_id(params.get("user", DEFAULT_USER), "user"),
        "state": params.get("state", "present"),
        "full_name": full_name,
        "default_group": None if params.get("default_group") is None else validate_user_id(params["default_group"], "default group"),
        "owner": None if params.get("owner") is None else validate_user_id(params["owner"], "owner"),
        "allow_protected": bool(params.get("allow_protected")),
        "resume": bool(params.get("resume")),
    }


def _without(attributes, attribute):
    return [present for present in attributes if present != attribute]


def _changed_value(want_value, have_value):
    """``want_value`` when it is set and differs from what RACF holds, else None."""
    return want_value if want_value is not None and want_value != have_value else None


def plan_user(have, want, password):
    """Compare ``have`` (``user_state``, or None) with ``want`` (``normalize_want``).

    Returns ``(commands, after)``: the RACF command images to issue, in order
    (``password`` appears in the password command only: mask it before showing
    it), and the predicted after state (values RACF chooses itself, such as the
    owner of a new user when none is given, are None).
    """
    user = want["user"]
    if want["state"] == "absent":
        return ([deluser_command(user)] if have else []), None

    commands = []
    if have is None:
        commands.append(adduser_command(user, want["full_name"], want["default_group"], want["owner"]))
        after = {"user": user, "name": want["full_name"], "owner": want["owner"], "default_group": want["default_group"],
                 "protected": True, "revoked": False, "attributes": ["PROTECTED"]}
    else:
        after = dict(have)
        changes = dict(
            full_name=_changed_value(want["full_name"], have["name"]),
            default_group=_changed_value(want["default_group"], have["default_group"]),
            owner=_changed_value(want["owner"], have["owner"]),
            resume=want["resume"] and have["revoked"],
        )
        alter = altuser_command(user, **changes)
        if alter:
            commands.append(alter)
            for field, change in (("name", changes["full_name"]), ("default_group", changes["default_group"]), ("owner", changes["owner"])):
                if change is not None:
                    after[field] = change
            if changes["resume"]:
                after["revoked"] = False
                after["attributes"] = _without(after["attributes"], "REVOKED")

    if after["protected"] and not want["allow_protected"]:
        commands.append(password_command(user, password))
        after["protected"] = False
        after["attributes"] = _without(after["attributes"], "PROTECTED")
    return commands, after


def _read_listuser(runner, user=None):
    """Parsed ``LISTUSER [user]``; None when RACF says the user does not exist; RacfCommandError otherwise."""
    return read_listing(runner, listuser_command(user), parse_listuser, tolerated_ids=(USER_NOT_FOUND,))


def read_user(runner, user):
    """The user's before/after state from one ``LISTUSER user``, or None when it does not exist."""
    return user_state(_read_listuser(runner, user))


def read_caller(runner):
    """``{user, special}`` of the user the module runs as, from ``LISTUSER`` (which lists the caller)."""
    listing = _read_listuser(runner)
    if listing is None:
        raise RacfCommandError("LISTUSER did not list the caller")
    return {"user": listing["user"], "special": listing["special"]}
