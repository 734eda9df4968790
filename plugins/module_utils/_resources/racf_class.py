# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Step 2: the PTKTDATA class active and RACLISTed (``SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)``).

z/OS side: standard library only, Python 3.9+. The settings are the rows of
``CLASS_SETTINGS`` (a row's value: whether the class is in that SETROPTS
list; its render: the SETROPTS keyword). ``plan_class`` issues at most one
SETROPTS with the keywords of the settings that differ. RACF has no "already
active" message, so the state is always read first (``class_source``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import Source, read_listing
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import (
    ExtractField,
    ListingPattern,
    Plan,
    Read,
    check_readable,
    compare,
    field,
    rendered,
    want_from_params,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import ExtractRequest
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import (
    SETROPTS_LIST,
    setropts,
    validate_class,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.setropts_list import parse_setropts_fields

# -- the table -------------------------------------------------------------------------
# value of a row: whether the class is in the list; render gives the SETROPTS keyword


def _class_row(name, option, on_keyword, off_keyword, extract_field, heading, key):
    return field(
        name,
        option=option,
        validate=bool,
        operand="{0}(class) / {1}(class)".format(on_keyword, off_keyword),
        render=lambda wanted: on_keyword if wanted else off_keyword,
        extract=(ExtractField("BASE", extract_field),),
        listing=ListingPattern("{0} = class names ... (wrapped lines)".format(heading), key),
        default=False,
    )


CLASS_SETTINGS = (
    _class_row("active", "active", "CLASSACT", "NOCLASSACT", "CLASSACT", "ACTIVE CLASSES", "active_classes"),
    _class_row("raclist", "raclist", "RACLIST", "NORACLIST", "RACLIST", "SETR RACLIST CLASSES", "raclist_classes"),
    _class_row(
        "generic", "generic", "GENERIC", "NOGENERIC", "GENERIC", "GENERIC PROFILE CLASSES", "generic_profile_classes"
    ),
)


def class_state(setropts, class_name):
    """``{class, active, raclist, generic}`` of one class from a parsed listing."""
    name = class_name.upper()
    state = {"class": name}
    for row in CLASS_SETTINGS:
        state[row.name] = name in setropts[row.listing.regex]
    return state


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
    unreadable = dict(
        (row.name, "the listing has no '{0}' line".format(row.listing.text.split(" =")[0]))
        for row in CLASS_SETTINGS
        if row.listing.regex not in headings
    )
    for name in unreadable:
        state[name] = None
    return Read(state, unreadable, list(runner.results[-1].lines) if getattr(runner, "results", None) else [])


def class_source(class_name):
    """The Source of a class's settings: the ``_SETROPTS`` extract, or ``SETROPTS LIST``."""
    name = validate_class(class_name)
    return Source(
        ExtractRequest("_SETROPTS", None),
        lambda result: class_from_extract(name, result),
        lambda runner: class_from_listing(runner, name),
    )


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
