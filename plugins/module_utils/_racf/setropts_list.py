# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Parser of RACF ``SETROPTS LIST`` output (z/OS side: standard library only).

Layout [real, reference setropts_list.txt]: ``HEADING = tokens`` lines whose
class lists wrap onto continuation lines without ``=``, then prose option
lines::

    ACTIVE CLASSES = DATASET USER GROUP ACCTNUM ACEECHK ACICSPCT AIMS ALCSAUTH
    APPCLU APPCPORT APPCSI APPL BCICSPCT CACHECLS CBIND CCICSCMD
    ...
    GENLIST CLASSES =  NONE
    GLOBAL=YES RACLIST ONLY =  VTAMAPPL
    AUTOMATIC DATASET PROTECTION IS NOT IN EFFECT

Tolerances: one or more blanks around ``=``, leading blanks on every line
(output seen through a terminal), any case, lists wrapped at any width,
optional sections (``AUDIT CLASSES``, ``LOGOPTIONS``) and unknown headings. A
list ends at the next line with ``=``, at a blank line, or at a line that is
not made of class names only (prose such as ``TAPE DATA SET PROTECTION IS
ACTIVE``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# heading text (blanks normalized) -> result key
CLASS_LIST_HEADINGS = {
    "STATISTICS": "statistics_classes",
    "AUDIT CLASSES": "audit_classes",
    "ACTIVE CLASSES": "active_classes",
    "GENERIC PROFILE CLASSES": "generic_profile_classes",
    "GENERIC COMMAND CLASSES": "generic_command_classes",
    "GENLIST CLASSES": "genlist_classes",
    "GLOBAL CHECKING CLASSES": "global_checking_classes",
    "SETR RACLIST CLASSES": "raclist_classes",
    "GLOBAL=YES RACLIST ONLY": "global_raclist_only",
}

_HEADING = re.compile(
    r"^\s*(?P<heading>GLOBAL\s*=\s*YES\s+RACLIST\s+ONLY|LOGOPTIONS\s+\"?(?P<logoption>[A-Z]+)\"?\s+CLASSES|[A-Z][A-Z \-]*?)"
    r"\s*=\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_CLASS_NAMES_LINE = re.compile(r"^\s*[A-Z0-9#@$]{1,8}(?:\s+[A-Z0-9#@$]{1,8})*\s*$", re.IGNORECASE)
_PROSE_WORD = re.compile(r"\b(?:IS|ARE|NOT|BEING|OPTION|OPTIONS|EFFECT|ALLOWED)\b", re.IGNORECASE)


def _class_names(text):
    return [token.upper() for token in text.split() if token.upper() != "NONE"]


def _is_continuation(line):
    return bool(_CLASS_NAMES_LINE.match(line)) and not _PROSE_WORD.search(line)


def parse_setropts_list(text):
    """Parse ``SETROPTS LIST`` text into a dict (see ``parse_setropts_fields``)."""
    return parse_setropts_fields(text)[0]


def parse_setropts_fields(text):
    """``(dict, set of the result keys whose heading was found)`` of a ``SETROPTS LIST`` text.

    The keys found tell a class list RACF printed as ``NONE`` from one the
    listing did not hold at all.

    Keys: ``attributes`` (list of tokens), every value of
    ``CLASS_LIST_HEADINGS`` (lists of class names, ``[]`` for ``NONE`` or an
    absent section) and ``logoptions`` (dict: option such as ``ALWAYS`` ->
    class names). Raises ``ValueError`` when the text holds no class list at all
    (an error message instead of a listing).
    """
    result = dict((key, []) for key in CLASS_LIST_HEADINGS.values())
    result["attributes"] = []
    result["logoptions"] = {}
    current = None
    found = False
    headings = set()
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            name = " ".join(heading.group("heading").upper().split())
            name = re.sub(r"\s*=\s*", "=", name)
            rest = heading.group("rest")
            current = None
            if name in CLASS_LIST_HEADINGS:
                current = result[CLASS_LIST_HEADINGS[name]]
                headings.add(CLASS_LIST_HEADINGS[name])
                found = True
            elif heading.group("logoption"):
                current = result["logoptions"].setdefault(heading.group("logoption").upper(), [])
            elif name == "ATTRIBUTES":
                result["attributes"].extend(rest.split())
                continue
            if current is not None:
                current.extend(_class_names(rest))
            continue
        if current is not None and _is_continuation(line):
            current.extend(_class_names(line))
        else:
            current = None
    if not found:
        raise ValueError("not a SETROPTS LIST listing: no class list heading such as ACTIVE CLASSES =")
    return result, headings
