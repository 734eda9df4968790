# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading RACF through R_admin extract (IRRXUTIL), the interface IBM supports.

z/OS side: standard library only, Python 3.9+.

The contract the modules read through (see ../docs/reference):

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
    """An extract ran and failed; the text names the object and carries no key material."""
