# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Step 1: the PassTicket user (IBM's sample job IWNRACF5 defines HOSTUSR): its table and its plan.

z/OS side: standard library only, Python 3.9+. The fields are the rows of
``USER`` (see ``_engine.table``); the module ``racf_user`` runs what
``plan_user`` returns, ``passticket_info`` reads through ``user_source`` and
``read_caller``.

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

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import Source, read_listing
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import (
    OMIT,
    ExtractField,
    ListingPattern,
    Plan,
    Read,
    SecretValue,
    check_readable,
    compare,
    decode_extract_rows,
    defaults,
    field,
    rendered,
    want_from_params,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf import grammar as command
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    STATUS_NOT_FOUND,
    ExtractRequest,
    decode_bool,
    optional_text,
    required_value,
    upper_word,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.listuser import parse_listuser_fields
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    USER_NOT_FOUND,
    RacfCommandError,
)

# -- the table ---------------------------------------------------------------------------
USER_NAME_MAX_LENGTH = 20
# R_admin USER BASE booleans -> the LISTUSER ATTRIBUTES keyword, in the order LISTUSER prints them
USER_ATTRIBUTE_FIELDS = (
    ("SPECIAL", "SPECIAL"),
    ("OPER", "OPERATIONS"),
    ("AUDITOR", "AUDITOR"),
    ("ROAUDIT", "ROAUDIT"),
    ("REST", "RESTRICTED"),
    ("PROTECTD", "PROTECTED"),
    ("REVOKEFL", "REVOKED"),
)


def _full_name(value):
    if not isinstance(value, str):
        raise ValueError("full_name must be a string")
    # checked as given, then folded: RACF folds NAME to upper case [real: NAME('Squidward') lists as SQUIDWARD]
    command.quote(value, USER_NAME_MAX_LENGTH, "full_name")
    return value.upper()


def _name_from_extract(segment):
    name = optional_text(segment, "NAME")
    return None if name is None or name.upper() == "UNKNOWN" else name


def _password_render(wanted):
    return command.keyword("PASSWORD", wanted.secret)


def _protected_differs(have, wanted):
    return bool(have.get("protected")) != wanted.shown


def _protected_apply(after, wanted):
    after["protected"] = wanted.shown
    after["attributes"] = [attribute for attribute in after.get("attributes") or [] if attribute != "PROTECTED"]


def _revoked_apply(after, wanted):
    after["revoked"] = wanted
    after["attributes"] = [attribute for attribute in after.get("attributes") or [] if attribute != "REVOKED"]


def _bool_field(name):
    return lambda segment: decode_bool(required_value(segment, name))


USER = (
    field(
        "name",
        option="full_name",
        validate=_full_name,
        operand="NAME('name')",
        render=lambda wanted: command.keyword("NAME", command.quote(wanted, USER_NAME_MAX_LENGTH, "full_name")),
        extract=(ExtractField("BASE", "NAME"),),
        decode_extract=_name_from_extract,
        listing=ListingPattern("USER=id NAME=name OWNER=... (UNKNOWN: no name)", "name"),
        default=None,
    ),
    field(
        "default_group",
        option="default_group",
        validate=lambda value: command.validate_user_id(value, "default group"),
        operand="DFLTGRP(group)",
        render=lambda wanted: command.keyword("DFLTGRP", command.validate_user_id(wanted, "default group")),
        extract=(ExtractField("BASE", "DFLTGRP"),),
        decode_extract=lambda segment: upper_word(required_value(segment, "DFLTGRP")),
        listing=ListingPattern("DEFAULT-GROUP=group", "default_group"),
        default=None,
    ),  # RACF: the caller's group
    field(
        "owner",
        option="owner",
        validate=lambda value: command.validate_user_id(value, "owner"),
        operand="OWNER(id)",
        render=command.owner,
        extract=(ExtractField("BASE", "OWNER"),),
        decode_extract=lambda segment: upper_word(required_value(segment, "OWNER")),
        listing=ListingPattern("USER=id NAME=... OWNER=id", "owner"),
        default=None,
    ),  # RACF: the caller
    field(
        "revoked",
        option="resume",
        validate=lambda resume: False if resume else OMIT,
        operand="RESUME",
        render=lambda wanted: None if wanted else "RESUME",
        extract=(ExtractField("BASE", "REVOKEFL"),),
        decode_extract=_bool_field("REVOKEFL"),
        listing=ListingPattern("ATTRIBUTES=... REVOKED", "revoked"),
        default=False,
        apply=_revoked_apply,
    ),
    # a PROTECTED user cannot sign on with a PassTicket: it gets a password nobody sees (a secret)
    field(
        "protected",
        option=None,
        operand="PASSWORD(password) NOEXPIRED",
        render=_password_render,
        secret=True,
        extract=(ExtractField("BASE", "PROTECTD"),),
        decode_extract=_bool_field("PROTECTD"),
        listing=ListingPattern("ATTRIBUTES=... PROTECTED", "protected"),
        default=True,  # ADDUSER without PASSWORD/PHRASE defines a PROTECTED user [real: ICH01024I]
        group="PASSWORD",
        differs=_protected_differs,
        apply=_protected_apply,
    ),
    field(
        "special",
        extract=(ExtractField("BASE", "SPECIAL"),),
        decode_extract=_bool_field("SPECIAL"),
        listing=ListingPattern("ATTRIBUTES=... SPECIAL", "special"),
        default=False,
    ),
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
    return _command("LISTUSER", None if user is None else command.validate_user_id(user))


def deluser_command(user):
    return _command("DELUSER", command.validate_user_id(user))


def password_command(user, password):
    """``ALTUSER user PASSWORD(x) NOEXPIRED``, a SecretCommand (it runs only through the RACF exec)."""
    return command.secret_command(
        _command(
            "ALTUSER",
            command.validate_user_id(user),
            _PASSWORD_ROW.render(SecretValue(False, password, False)),
            "NOEXPIRED",
        )
    )


def generate_password():
    """A random 8-character RACF password: a letter, then letters and digits with at least one digit.

    Generated on the host with ``secrets``; never returned or logged.
    """
    while True:
        password = secrets.choice(_PASSWORD_LETTERS) + "".join(
            secrets.choice(_PASSWORD_CHARACTERS) for dummy in range(PASSWORD_LENGTH - 1)
        )
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
        "user": command.validate_user_id(params.get("user", DEFAULT_USER), "user"),
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
    for extract_field, attribute in USER_ATTRIBUTE_FIELDS:
        try:
            if base.get(extract_field) is not None and decode_bool(base[extract_field]):
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
    needs = {
        "default_group": "DEFAULT-GROUP",
        "protected": "ATTRIBUTES",
        "revoked": "ATTRIBUTES",
        "special": "ATTRIBUTES",
    }
    for name, keyword_found in needs.items():
        if keyword_found not in found:
            unreadable[name] = "the listing has no {0}= line".format(keyword_found)
            if name in state:
                state[name] = None
    return Read(state, unreadable, raw)


def user_source(user_id):
    """The Source of user ``user_id``: the USER extract, or ``LISTUSER user``."""
    user_id = command.validate_user_id(user_id)
    return Source(
        ExtractRequest("USER", user_id),
        lambda result: user_from_extract(user_id, result),
        lambda runner: user_from_listing(runner, user_id),
    )


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
        commands.append(_command("ADDUSER", command.validate_user_id(user), *[o for o in operands if o != "RESUME"]))
    elif operands:
        commands.append(_command("ALTUSER", command.validate_user_id(user), *operands))
    for row, wanted in changes:
        if row is _PASSWORD_ROW:
            commands.append(password_command(user, wanted.secret))
    return Plan(have, commands, dict((field, after.get(field)) for field in STATE_FIELDS))


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
        raise RacfCommandError(
            "cannot read whether the caller {0} is SPECIAL: LISTUSER printed no ATTRIBUTES= line:\n{1}".format(
                listing["user"], "\n".join(runner.results[-1].lines)
            )
        )
    return {"user": listing["user"], "special": listing["special"]}
