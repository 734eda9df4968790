# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Validation of RACF names and values, and rendering of RACF command images.

z/OS side: standard library only, Python 3.9+.

Every value that goes into a command image passes a validator here first, and
every string is quoted by ``quote``, so no input can add an operand. Each
operand's grammar lives in one place. Validators check the value exactly as given
(nothing trimmed, nothing folded first), return it as RACF stores it (upper
case for names) and raise ``ValueError`` naming the field (``what``, which a
caller such as the role sets to its own variable name) and the rule. A secret
(key) is never part of a message; other rejected values are shown escaped to
one ASCII line.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mainframe.passticket.plugins.module_utils._zos.runner import SecretCommand

SETROPTS_LIST = "SETROPTS LIST"
PTKTDATA = "PTKTDATA"

APPLDATA_MAX_LENGTH = 255
LABEL_MAX_LENGTH = 64
NAME_MAX_LENGTH = 8
TIMEOUT_RANGE = (1, 600)
UACC_VALUES = ("NONE", "READ", "UPDATE", "CONTROL", "ALTER", "EXECUTE")
TYPE_VALUES = ("UPPER", "MIXED")
LEGACY_KEY_BYTES = 8
# an enhanced PassTicket key: an ICSF HMAC key of 32 to 256 bytes [S20, zos-interfaces.md 2.10]
ENHANCED_KEY_BYTES = (32, 256)

# Every pattern is matched whole (re.fullmatch) against the value exactly as
# given: nothing is trimmed or folded before the check, and the character
# classes are spelled out in ASCII (no \d, \w or IGNORECASE, which would let
# Unicode digits and letters such as the long s or the ligature ff through).
# Lower case a-z is accepted and upper-cased only after the whole value passed.

# RACF names (user IDs, group IDs, class names, profile qualifiers): 1-8 of
# A-Z 0-9 # @ $, not starting with a digit. The one statement of the rule:
# NAME_PATTERN as given (lower case accepted, folded once it passed), and
# STORED_NAME for a name as RACF stores it (upper case), as R_admin takes it.
_NAME = r"[A-Za-z#@$][A-Za-z0-9#@$]{{0,{0}}}".format(NAME_MAX_LENGTH - 1)
_NAME_RE = re.compile(_NAME)
STORED_NAME = re.compile(r"[A-Z#@$][A-Z0-9#@$]{{0,{0}}}".format(NAME_MAX_LENGTH - 1))
# PTKTDATA key profiles: APPL, APPL.USER, APPL.GROUP, APPL.GROUP.USER (discrete)
_PTKTDATA_PROFILE = re.compile(_NAME + r"(?:\." + _NAME + r"){0,2}")
# ICSF CKDS label (spec racf-behaviour.md section 6): qualifiers separated by
# periods, each starting with a letter or national character (# $ @), then
# letters, digits and national characters; at most 64 characters in all.
# ICSF refuses a qualifier that starts with a digit (USRLCL.1CSM).
_LABEL_QUALIFIER = r"[A-Za-z#@$][A-Za-z0-9#@$]*"
_LABEL = re.compile(_LABEL_QUALIFIER + r"(?:\." + _LABEL_QUALIFIER + r")*")
_HEX = re.compile(r"(?:[0-9A-Fa-f][0-9A-Fa-f])+")
# z/OS release as the role compares it: VV.RR, two ASCII digits each
_RELEASE = re.compile(r"[0-9][0-9]\.[0-9][0-9]")
# what a quoted string may hold: printable characters of the common EBCDIC
# code pages (IBM-037/1047 round trip); no control character, no line
# terminator, nothing outside printable ASCII
_QUOTABLE = re.compile(r"[\x20-\x7e]*")
_SHOWN_MAX = 40

NAME_RULE = "1 to 8 characters A-Z 0-9 # @ $, not starting with a digit"
LABEL_RULE = (
    "1 to {0} characters: qualifiers separated by single periods, each starting with A-Z # $ @ and "
    "followed by A-Z 0-9 # $ @"
).format(LABEL_MAX_LENGTH)


def shown(value):
    """A non-secret rejected value for an error message: one line, ASCII escapes, at most 40 characters.

    Never call it with a secret.
    """
    text = ascii(value)
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 3] + "..."


def _string(value, what):
    """``value`` when it is a non-empty str; ValueError naming ``what`` otherwise (the value is not shown)."""
    if not isinstance(value, str):
        raise ValueError("{0} must be a string, got {1}".format(what, type(value).__name__))
    if value == "":
        raise ValueError("{0} must not be empty".format(what))
    return value


def validate_nonempty(value, what):
    """``value`` when it is a non-empty str; ValueError naming ``what`` otherwise (the value is not shown)."""
    return _string(value, what)


def _folded_name(value, pattern, what, rule):
    """``value`` upper-cased once it matched ``pattern`` whole, as given; ValueError otherwise."""
    _string(value, what)
    if not pattern.fullmatch(value):
        raise ValueError("invalid {0} {1}: {2}".format(what, shown(value), rule))
    return value.upper()


def _choice(value, choices, what):
    """One of ``choices`` (upper case), given in any ASCII case; ValueError otherwise."""
    _string(value, what)
    if not value.isascii() or value.upper() not in choices:
        raise ValueError("invalid {0} {1}: one of {2}".format(what, shown(value), ", ".join(choices)))
    return value.upper()


def validate_class(value, what="RACF class name"):
    """A RACF class name (1-8 of A-Z 0-9 # @ $, not starting with a digit), upper-cased."""
    return _folded_name(value, _NAME_RE, what, NAME_RULE)


def validate_user_id(value, what="RACF user ID"):
    """A RACF user or group ID (1-8 of A-Z 0-9 # @ $, not starting with a digit), upper-cased."""
    return _folded_name(value, _NAME_RE, what, NAME_RULE)


def validate_profile_name(value, what="PTKTDATA profile name"):
    """A discrete PTKTDATA key profile name: APPL, APPL.USER, APPL.GROUP or APPL.GROUP.USER."""
    return _folded_name(
        value,
        _PTKTDATA_PROFILE,
        what,
        "APPL, APPL.USER, APPL.GROUP or APPL.GROUP.USER, each qualifier "
        + NAME_RULE
        + " (key profiles are discrete: no * % &)",
    )


def validate_label(value, what="ICSF key label"):
    """An ICSF CKDS key label (see LABEL_RULE), upper-cased."""
    _string(value, what)
    if len(value) > LABEL_MAX_LENGTH:
        raise ValueError("invalid {0} {1}: {2}".format(what, shown(value), LABEL_RULE))
    return _folded_name(value, _LABEL, what, LABEL_RULE)


def validate_hex(value, nbytes, what="key"):
    """Hex digits for exactly ``nbytes`` bytes, or for ``nbytes = (minimum, maximum)`` bytes; upper-cased.

    Only ASCII 0-9 A-F a-f, as given (no blanks trimmed). The message of the
    ValueError never contains the value (it is a secret), only its type or length.
    """
    _string(value, what)
    minimum, maximum = (nbytes, nbytes) if isinstance(nbytes, int) else nbytes
    if not _HEX.fullmatch(value):
        raise ValueError(
            "{0} must consist of hex digits (0-9 A-F), an even number of them, and nothing else".format(what)
        )
    if not minimum * 2 <= len(value) <= maximum * 2:
        expected = "{0}".format(minimum * 2) if minimum == maximum else "{0} to {1}".format(minimum * 2, maximum * 2)
        raise ValueError("{0} must be {1} hex digits, got {2}".format(what, expected, len(value)))
    return value.upper()


def validate_uacc(value, what="uacc"):
    return _choice(value, UACC_VALUES, what)


def validate_type(value, what="PassTicket type"):
    return _choice(value, TYPE_VALUES, what)


def validate_integer(value, low, high, what, unit=""):
    """An int (or a str of ASCII digits, as Ansible passes ``-e name=600``) from ``low`` to ``high``."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(
            "invalid {0} {1}: an integer from {2} to {3}{4}".format(
                what, shown(value), low, high, " " + unit if unit else ""
            )
        )
    return value


def validate_timeout(value, what="timeout"):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            "invalid {0} {1}: an integer from {2} to {3} seconds".format(what, shown(value), *TIMEOUT_RANGE)
        )
    return validate_integer(value, TIMEOUT_RANGE[0], TIMEOUT_RANGE[1], what, "seconds")


def validate_release(value, what="z/OS release"):
    """A z/OS release as ``VV.RR`` (two ASCII digits each, e.g. ``02.04``)."""
    _string(value, what)
    if not _RELEASE.fullmatch(value):
        raise ValueError("invalid {0} {1}: VV.RR, two digits each (02.04 is z/OS V2.4)".format(what, shown(value)))
    return value


# z/OS data set name with a member, e.g. SYS1.CSM.SAMPLIB(IWNRACF5): qualifiers
# of 1-8 characters (the first A-Z # @ $, then A-Z 0-9 # @ $ -), at most 44
# characters with the periods; the member a RACF-style name.
_DSN_QUALIFIER = r"[A-Za-z#@$][A-Za-z0-9#@$-]{0,7}"
_DATA_SET_MEMBER = re.compile(r"(?P<dsn>" + _DSN_QUALIFIER + r"(?:\." + _DSN_QUALIFIER + r")*)\(" + _NAME + r"\)")
DATA_SET_NAME_MAX_LENGTH = 44


def validate_data_set_member(value, what="data set member"):
    """A partitioned data set member ``DSN(MEMBER)``, upper-cased."""
    _string(value, what)
    match = _DATA_SET_MEMBER.fullmatch(value)
    if not match or len(match.group("dsn")) > DATA_SET_NAME_MAX_LENGTH:
        raise ValueError(
            "invalid {0} {1}: DSN(MEMBER), a data set name of up to 44 characters (qualifiers of 1 to 8 "
            "characters A-Z 0-9 # @ $ -, not starting with a digit or -) and a member of {2}".format(
                what, shown(value), NAME_RULE
            )
        )
    return value.upper()


def quote(text, max_length=None, what="string"):
    """``text`` as a TSO quoted string: single quotes, a quote inside doubled.

    Rejects characters RACF cannot take through tsocmd (control characters,
    line terminators anywhere, characters outside printable ASCII), an empty
    or blank-only text and, with ``max_length``, text longer than RACF stores.
    Parentheses and blanks inside quotes are literal, so no text can add an
    operand.
    """
    _string(text, what)
    if not _QUOTABLE.fullmatch(text):
        raise ValueError(
            "{0} may hold only printable ASCII characters (no control characters, line breaks or "
            "non-ASCII characters)".format(what)
        )
    if not text.strip(" "):
        raise ValueError("{0} must not be blank".format(what))
    if max_length is not None and len(text) > max_length:
        raise ValueError("{0} is {1} characters long, RACF takes at most {2}".format(what, len(text), max_length))
    return "'" + text.replace("'", "''") + "'"


def validate_appldata(text, what="appldata"):
    """APPLDATA text as RACF stores it (quoted strings keep their case); checks it can be quoted."""
    quote(text, APPLDATA_MAX_LENGTH, what)
    return text


# -- rendering -----------------------------------------------------------------
# A renderer that puts a secret into an image returns it as a SecretCommand
# (see _zos.runner): the runner sends it only through the RACF exec.
def secret_command(image):
    """``image`` marked as carrying a secret (see ``SecretCommand``)."""
    return SecretCommand(image)


def _image(*words):
    """The words joined; a ``SecretCommand`` when any word is one (the mark travels to the whole image)."""
    image = " ".join(word for word in words if word)
    return secret_command(image) if any(isinstance(word, SecretCommand) for word in words) else image


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


# The SSIGNON suboperands are rendered by the rows of _resources.ptktdata_profile.SSIGNON (one place per field).


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
    return _image(
        "RLIST",
        validate_class(class_name),
        validate_profile_name(profile),
        *[validate_class(segment) for segment in segments],
    )
