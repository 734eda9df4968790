# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""What an R_admin extract (IRRXUTIL) returns, and how its values are decoded.

z/OS side: standard library only, Python 3.9+. The contract every reader uses
(docs/reference/irrxutil-extract.md); the exec that makes the extracts is
``_zos.read_exec``.

- ``ExtractRequest(type, profile)``: ``("USER", "HOSTUSR")``,
  ``("_SETROPTS", None)``, ``("PTKTDATA", "IOSHMCSM")`` (a general resource
  class and a discrete profile).
- ``ExtractResult(type, profile, status, segments, raw)``: ``status`` is one of
  ``STATUS_FOUND``, ``STATUS_NOT_FOUND``; ``segments`` maps an upper-case
  segment name (``BASE``, ``SSIGNON``) to a dict field name -> value, where a
  value is a string, a list of strings for a repeating field, or
  ``PRESENT`` for a key-holding field (``KEYMASK``, ``KEYCRYPT``) whose value
  is never read out; ``raw`` holds the exec's output lines for that object
  (no key material ever), for error messages.
- ``ExtractUnavailable``: IRRXUTIL cannot be called on this system (REXX
  "routine not found" and similar): the caller may fall back to listings.
- ``ExtractError``: the extract ran and failed (not authorized, R_admin error);
  its text names the object and shows the raw lines.
- The FACILITY profiles an extract needs READ access to (``required_facility``).
- Value decoders shared by the resource tables: ``decode_bool``, ``decode_int``,
  ``required_value``, ``optional_text``, ``upper_word``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

STATUS_FOUND = "found"
STATUS_NOT_FOUND = "not_found"
PRESENT = "<present>"

ExtractRequest = namedtuple("ExtractRequest", ["type", "profile"])
ExtractResult = namedtuple("ExtractResult", ["type", "profile", "status", "segments", "raw"])


class ExtractUnavailable(Exception):
    """IRRXUTIL cannot be called here; reading through listings may still work."""


class ExtractError(Exception):
    """An extract ran and failed; the text names the object and carries no key material.

    ``request`` is the ExtractRequest concerned (None for a failure of the
    exec as a whole), ``status`` the exec's status word (``NOT_AUTHORIZED``,
    ``ERROR``, ...) or None, ``raw`` the exec's lines shown in the text.
    """

    def __init__(self, message, request=None, status=None, raw=()):
        super(ExtractError, self).__init__(message)
        self.request = request
        self.status = status
        self.raw = list(raw)


# --- what the exec may print -------------------------------------------------

# Key-holding fields: only their presence is ever reported, in any segment
# (racf-extract.md 3c: KEYMASK, KEYCRYPT; whether R_admin returns key material
# in them is UNCONFIRMED, so it is assumed that it does).
SECRET_FIELDS = ("KEYMASK", "KEYCRYPT")
# Segments that hold keys: only the fields named here are printed with their
# value; any other field of such a segment (one this list does not know, such
# as an undocumented key field) is reported as present only.
VALUE_FIELDS_OF_KEY_SEGMENTS = {
    "SSIGNON": ("KEYLABEL", "PTKEYLAB", "PTTYPE", "PTTIMEO", "PTREPLAY"),
}
# FACILITY profiles an extract needs READ access to (racf-extract.md 2.3),
# besides the authority the matching list command needs.
FACILITY_FOR_TYPE = {
    "USER": "IRR.RADMIN.LISTUSER",
    "GROUP": "IRR.RADMIN.LISTGRP",
    "_SETROPTS": "IRR.RADMIN.SETROPTS.LIST",
}
FACILITY_FOR_GENERAL_RESOURCES = "IRR.RADMIN.RLIST"
# what each extract type is, for a prerequisite report
EXTRACT_PURPOSE = {
    "USER": "the extract of a user profile",
    "GROUP": "the extract of a group profile",
    "_SETROPTS": "the _SETROPTS extract (class settings)",
}
GENERAL_RESOURCE_PURPOSE = "the extract of a general resource profile ({0})"


def required_facility(extract_type):
    """The FACILITY profile an extract of ``extract_type`` needs READ access to."""
    return FACILITY_FOR_TYPE.get(extract_type, FACILITY_FOR_GENERAL_RESOURCES)


def read_authority(extract_types):
    """The FACILITY profiles (READ) the extracts of ``extract_types`` need: one entry per profile, in order."""
    authority = []
    for extract_type in extract_types:
        profile = required_facility(extract_type)
        if any(entry["profile"] == profile for entry in authority):
            continue
        purpose = EXTRACT_PURPOSE.get(extract_type) or GENERAL_RESOURCE_PURPOSE.format(extract_type)
        authority.append({"class": "FACILITY", "profile": profile, "access": "READ", "for": purpose})
    return authority


def is_secret_field(segment, field):
    """True when the exec reports ``segment.field`` by presence only."""
    if field in SECRET_FIELDS:
        return True
    shown = VALUE_FIELDS_OF_KEY_SEGMENTS.get(segment)
    return shown is not None and field not in shown


# -- value decoders shared by the resource tables -----------------------------------
_TRUE = ("TRUE", "YES", "Y")
_FALSE = ("FALSE", "NO", "N")


def decode_bool(value):
    """``TRUE``/``FALSE`` (IRRXUTIL booleans) or ``Yes``/``No`` (listings) -> bool; ValueError otherwise."""
    text = value.strip().upper() if isinstance(value, str) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("expected TRUE/FALSE or YES/NO, found {0!r}".format(value))


def decode_int(value):
    text = value.strip() if isinstance(value, str) else ""
    if not text.isdigit():
        raise ValueError("expected a number, found {0!r}".format(value))
    return int(text)


def required_value(segment, name):
    """The value of field ``name`` of an extract segment; ValueError when R_admin returned none."""
    value = segment.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("R_admin returned no {0} field".format(name))
    return value


def optional_text(segment, name):
    """The text of field ``name`` (blanks stripped), or None when absent, empty or a key-holding field."""
    value = segment.get(name)
    if value is None or value == PRESENT:
        return None
    value = value.strip()
    return value or None


def upper_word(value):
    return value.strip().upper()
