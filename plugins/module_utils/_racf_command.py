# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation of RACF names and values, and rendering of RACF command images.

z/OS side: standard library only, Python 3.9+.

Every value that goes into a command image passes a validator here first, and
every string is quoted by ``quote``, so no input can add an operand. Each
operand's grammar lives in one place. Validators return the value as RACF
stores it (upper case for names) and raise ``ValueError`` whose message never
contains the rejected value (it might be a secret).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

SETROPTS_LIST = "SETROPTS LIST"
PTKTDATA = "PTKTDATA"

APPLDATA_MAX_LENGTH = 255
LABEL_MAX_LENGTH = 64
TIMEOUT_RANGE = (1, 600)
UACC_VALUES = ("NONE", "READ", "UPDATE", "CONTROL", "ALTER", "EXECUTE")
TYPE_VALUES = ("UPPER", "MIXED")
LEGACY_KEY_BYTES = 8

# RACF names: A-Z 0-9 and the national characters # @ $, not starting with a digit.
_NAME = r"[A-Z#@$][A-Z0-9#@$]{0,7}"
_CLASS = re.compile(r"^" + _NAME + r"$")
_USER_ID = re.compile(r"^" + _NAME + r"$")
# PTKTDATA key profiles: APPL, APPL.USER, APPL.GROUP, APPL.GROUP.USER (discrete)
_PTKTDATA_PROFILE = re.compile(r"^" + _NAME + r"(?:\." + _NAME + r"){0,2}$")
# ICSF label (spec section 6): first alphabetic or national, then A-Z 0-9 # $ @ .
_LABEL = re.compile(r"^[A-Z#@$][A-Z0-9#@$.]*$")
_HEX = re.compile(r"^[0-9A-F]+$")
# what a quoted string may hold: printable characters of the common EBCDIC
# code pages (IBM-037/1047 round trip), no control characters
_QUOTABLE = re.compile(r"^[\x20-\x7e]*$")


def _text(value, what):
    if not isinstance(value, str):
        raise ValueError("{0} must be a string".format(what))
    return value.strip().upper()


def validate_class(value):
    """A RACF class name (1-8 of A-Z 0-9 # @ $, not starting with a digit), upper-cased."""
    name = _text(value, "class")
    if not _CLASS.match(name):
        raise ValueError("invalid RACF class name {0!r}: 1 to 8 characters A-Z 0-9 # @ $, not starting with a digit".format(name))
    return name


def validate_user_id(value, what="user ID"):
    """A RACF user or group ID (1-8 of A-Z 0-9 # @ $, not starting with a digit), upper-cased."""
    name = _text(value, what)
    if not _USER_ID.match(name):
        raise ValueError("invalid RACF {0} {1!r}: 1 to 8 characters A-Z 0-9 # @ $, not starting with a digit".format(what, name))
    return name


def validate_profile_name(value):
    """A discrete PTKTDATA key profile name: APPL, APPL.USER, APPL.GROUP or APPL.GROUP.USER."""
    name = _text(value, "profile name")
    if not _PTKTDATA_PROFILE.match(name):
        raise ValueError(
            "invalid PTKTDATA profile name {0!r}: expected APPL, APPL.USER, APPL.GROUP or APPL.GROUP.USER, each qualifier "
            "1 to 8 characters A-Z 0-9 # @ $ not starting with a digit (key profiles must be discrete: no * % &)".format(name))
    return name


def validate_label(value, what="ICSF key label"):
    """An ICSF key label (up to 64 characters, first alphabetic or national, then A-Z 0-9 # $ @ .)."""
    label = _text(value, what)
    if not label or len(label) > LABEL_MAX_LENGTH or not _LABEL.match(label) or ".." in label or label.endswith("."):
        raise ValueError(
            "invalid {0} {1!r}: 1 to {2} characters, the first A-Z # $ @, then A-Z 0-9 # $ @ and periods between "
            "qualifiers".format(what, label, LABEL_MAX_LENGTH))
    return label


def validate_hex(value, nbytes, what="key"):
    """Hex digits for exactly ``nbytes`` bytes, or for ``nbytes = (minimum, maximum)`` bytes; upper-cased.

    The message of the ValueError never contains the value (it is a secret).
    """
    if not isinstance(value, str):
        raise ValueError("{0} must be a string of hex digits".format(what))
    text = value.strip().upper()
    minimum, maximum = (nbytes, nbytes) if isinstance(nbytes, int) else nbytes
    if not _HEX.match(text) or len(text) % 2:
        raise ValueError("{0} must consist of hex digits (0-9 A-F), an even number of them".format(what))
    if not minimum * 2 <= len(text) <= maximum * 2:
        expected = "{0}".format(minimum * 2) if minimum == maximum else "{0} to {1}".format(minimum * 2, maximum * 2)
        raise ValueError("{0} must be {1} hex digits, got {2}".format(what, expected, len(text)))
    return text


def validate_uacc(value):
    uacc = _text(value, "uacc")
    if uacc not in UACC_VALUES:
        raise ValueError("invalid uacc {0!r}: one of {1}".format(uacc, ", ".join(UACC_VALUES)))
    return uacc


def validate_type(value):
    ticket_type = _text(value, "type")
    if ticket_type not in TYPE_VALUES:
        raise ValueError("invalid PassTicket type {0!r}: one of {1}".format(ticket_type, ", ".join(TYPE_VALUES)))
    return ticket_type


def validate_timeout(value):
    if isinstance(value, bool) or not isinstance(value, int) or not TIMEOUT_RANGE[0] <= value <= TIMEOUT_RANGE[1]:
        raise ValueError("invalid timeout {0!r}: an integer from {1} to {2} seconds".format(value, TIMEOUT_RANGE[0], TIMEOUT_RANGE[1]))
    return value


def quote(text, max_length=None, what="string"):
    """``text`` as a TSO quoted string: single quotes, a quote inside doubled.

    Rejects characters RACF cannot take through tsocmd (control characters,
    characters outside printable ASCII) and, with ``max_length``, text longer
    than RACF stores. Parentheses and blanks inside quotes are literal, so no
    text can add an operand.
    """
    if not isinstance(text, str):
        raise ValueError("{0} must be a string".format(what))
    if not _QUOTABLE.match(text):
        raise ValueError("{0} may hold only printable characters (no control or non-ASCII characters)".format(what))
    if not text:
        raise ValueError("{0} must not be empty".format(what))
    if max_length is not None and len(text) > max_length:
        raise ValueError("{0} is {1} characters long, RACF takes at most {2}".format(what, len(text), max_length))
    return "'" + text.replace("'", "''") + "'"


def validate_appldata(text):
    """APPLDATA text as RACF stores it (quoted strings keep their case); checks it can be quoted."""
    quote(text, APPLDATA_MAX_LENGTH, "appldata")
    return text


# -- rendering -----------------------------------------------------------------
class SecretCommand(str):
    """A command image that carries a secret operand (``KEYMASKED``, ``KEYENCRYPTED``, ``PASSWORD``).

    The renderer that puts a secret into an image returns it as a
    ``SecretCommand``; the TSO runner sends such a command only through the
    RACF exec (stdin, never argv) and refuses to give it to tsocmd.
    """

    __slots__ = ()
    carries_secret = True


def secret_command(image):
    """``image`` marked as carrying a secret (see ``SecretCommand``)."""
    return SecretCommand(image)


def _image(*words):
    return " ".join(word for word in words if word)


def keyword(name, value=None):
    """``NAME`` or ``NAME(value)``; ``value`` must already be validated or quoted."""
    return name if value is None else "{0}({1})".format(name, value)


def setropts(operands):
    """``SETROPTS`` with ``operands``: (keyword, class) pairs, e.g. ``[("CLASSACT", "PTKTDATA")]``."""
    if not operands:
        raise ValueError("SETROPTS needs at least one operand")
    return _image("SETROPTS", *[keyword(name, validate_class(class_name)) for name, class_name in operands])


def setropts_refresh(class_name, generic=False):
    """``SETROPTS RACLIST(class) REFRESH`` or, with ``generic``, ``SETROPTS GENERIC(class) REFRESH``."""
    return _image("SETROPTS", keyword("GENERIC" if generic else "RACLIST", validate_class(class_name)), "REFRESH")


# The SSIGNON suboperands are rendered by the rows of _racf_resources.SSIGNON (one place per field).


def owner(value):
    return keyword("OWNER", validate_user_id(value, "owner"))


def uacc(value):
    return keyword("UACC", validate_uacc(value))


def appldata(text):
    """``APPLDATA('text')``; an empty text or None removes it: ``NOAPPLDATA``."""
    if text is None or text == "":
        return "NOAPPLDATA"
    return keyword("APPLDATA", quote(text, APPLDATA_MAX_LENGTH, "appldata"))


def rdefine(class_name, profile, operands=()):
    return _image("RDEFINE", validate_class(class_name), validate_profile_name(profile), *operands)


def ralter(class_name, profile, operands=()):
    if not operands:
        raise ValueError("RALTER needs at least one operand")
    return _image("RALTER", validate_class(class_name), validate_profile_name(profile), *operands)


def rdelete(class_name, profile):
    return _image("RDELETE", validate_class(class_name), validate_profile_name(profile))


def rlist(class_name, profile, segments=()):
    """``RLIST class profile [SEGMENT...]``, e.g. ``RLIST PTKTDATA IOSHMCSM.HOSTUSR SSIGNON``."""
    return _image("RLIST", validate_class(class_name), validate_profile_name(profile), *[validate_class(segment) for segment in segments])
