# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
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

from ansible_collections.mainframe.passticket.plugins.module_utils._racf_command import SETROPTS_LIST, setropts, validate_class
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_extract import ExtractRequest
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import read_listing
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_resources import CLASS_SETTINGS
from ansible_collections.mainframe.passticket.plugins.module_utils._resource_table import (
    Plan,
    Read,
    Source,
    check_readable,
    compare,
    rendered,
    want_from_params,
)

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
    r"\s*=\s*(?P<rest>.*)$", re.IGNORECASE)
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


def class_state(setropts, class_name):
    """``{class, active, raclist, generic}`` of one class from a parsed listing."""
    name = class_name.upper()
    state = {"class": name}
    for row in CLASS_SETTINGS:
        state[row.name] = name in setropts[row.listing.regex]
    return state


# -- the class settings resource (table: _racf_resources.CLASS_SETTINGS) ---------------
def _class_names_of(value):
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [name.strip().upper() for item in values for name in item.split()]


def class_from_extract(class_name, result):
    """Read of the class settings from the ``_SETROPTS`` extract: membership in CLASSACT, RACLIST, GENERIC.

    IRRXUTIL gives each list as a repeating field with an invented ``_CT``
    header (racf-extract.md 1.5): a list with neither the field nor its header
    cannot be read.
    """
    base = result.segments.get("BASE") or {}
    state = {"class": class_name}
    unreadable = {}
    for row in CLASS_SETTINGS:
        name = row.extract[0].field
        if base.get(name) is None and base.get(name + "_CT") is None:
            unreadable[row.name] = "R_admin returned neither {0} nor {0}_CT in _SETROPTS BASE".format(name)
            state[row.name] = None
        else:
            state[row.name] = class_name in _class_names_of(base.get(name))
    return Read(state, unreadable, list(result.raw))


def class_from_listing(runner, class_name):
    """Read of the class settings from one ``SETROPTS LIST``; a list whose heading is missing cannot be read."""
    setropts, headings = read_listing(runner, SETROPTS_LIST, parse_setropts_fields)
    state = class_state(setropts, class_name)
    unreadable = dict((row.name, "the listing has no '{0}' line".format(row.listing.text.split(" =")[0]))
                      for row in CLASS_SETTINGS if row.listing.regex not in headings)
    for name in unreadable:
        state[name] = None
    return Read(state, unreadable, list(runner.results[-1].lines) if getattr(runner, "results", None) else [])


def class_source(class_name):
    """The Source of a class's settings: the ``_SETROPTS`` extract, or ``SETROPTS LIST``."""
    name = validate_class(class_name)
    return Source(ExtractRequest("_SETROPTS", None),
                  lambda result: class_from_extract(name, result),
                  lambda runner: class_from_listing(runner, name))


def want_class(params):
    """The wanted settings from module options (omitted ones are left as they are)."""
    return want_from_params(CLASS_SETTINGS, params)


def plan_class(read, want):
    """``Plan(before, commands, after)``: at most one SETROPTS with the keywords of the differing settings.

    Raises UnreadableField when a wanted setting could not be read.
    """
    have = read.state
    check_readable(list(want), read, "class {0} (SETROPTS)".format(have["class"]))
    changes, after = compare(CLASS_SETTINGS, have, want)
    commands = [setropts([(keyword, have["class"]) for keyword in rendered(changes)])] if changes else []
    return Plan(have, commands, after)


def read_class_state(runner, class_name):
    """``class_state`` of ``class_name`` from one ``SETROPTS LIST`` run through ``runner`` (a TsoRunner).

    Raises RacfCommandError when the command fails or prints no listing.
    """
    return class_from_listing(runner, class_name).state
