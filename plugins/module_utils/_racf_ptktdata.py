# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PTKTDATA key profiles: read (extract or RLIST), desired state from options, the plan between them.

z/OS side: standard library only, Python 3.9+. The fields are the rows of
``_racf_resources.PROFILE_BASE`` and ``_racf_resources.SSIGNON``; this file
only puts them together. ``ptktdata_profile`` and ``passticket_info`` use it.

A profile state (``before``/``after``) is::

    {class, name, owner, uacc, appldata,
     ssignon: {legacy_key, legacy_keylabel, eptkeylabel, type, timeout, replay} | None}

``legacy_key`` is how RACF holds a legacy key (``masked``, ``encrypted``,
``label``) or None: RACF never displays a key, so no state holds key material.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.module_utils import _racf_command as command
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_extract import STATUS_NOT_FOUND, ExtractRequest
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import (
    RLIST_NOT_FOUND,
    SSIGNON_NOT_AUTHORIZED_TO_VIEW,
    read_listing,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_resources import (
    PROFILE_BASE,
    SSIGNON,
    SSIGNON_FIELDS,
    SSIGNON_NOT_AUTHORIZED,
    effective_ssignon,
    legacy_key_want,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_rlist import parse_rlist
from ansible_collections.mainframe.passticket.plugins.module_utils._resource_table import (
    Plan,
    Read,
    Source,
    carries_secret,
    check_readable,
    compare,
    decode_extract_rows,
    defaults,
    rendered,
    want_from_params,
)

PROFILE_FIELDS = tuple(row.name for row in PROFILE_BASE)
STATE_FIELDS = ("class", "name") + PROFILE_FIELDS + ("ssignon",)  # the profile state; SSIGNON_FIELDS inside ssignon


def _what(name):
    return "PTKTDATA profile {0}".format(name)


def _no_ssignon_segment(reason):
    return dict((name, reason) for name in SSIGNON_FIELDS)


# -- reading ----------------------------------------------------------------------------
def profile_from_extract(name, result):
    """Read of a profile from its ExtractResult (BASE and SSIGNON segments).

    R_admin silently leaves out a segment the caller may not see, so a profile
    returned without an SSIGNON segment reads as "SSIGNON not readable", never
    as "no SSIGNON".
    """
    raw = list(result.raw)
    if result.status == STATUS_NOT_FOUND:
        return Read(None, {}, raw)
    unreadable = {}
    state = {"class": command.PTKTDATA, "name": name}
    decode_extract_rows(PROFILE_BASE, result.segments.get("BASE") or {}, state, unreadable)
    segment = result.segments.get("SSIGNON")
    if segment is None:
        state["ssignon"] = None
        unreadable.update(_no_ssignon_segment(
            "R_admin returned no SSIGNON segment; it leaves out a segment the caller may not read, so this reads as: "
            + SSIGNON_NOT_AUTHORIZED))
    else:
        ssignon = {}
        decode_extract_rows(SSIGNON, segment, ssignon, unreadable)
        if ssignon["legacy_key"] != "label":
            ssignon["legacy_keylabel"] = None
        state["ssignon"] = ssignon
    return Read(state, unreadable, raw)


def find_profile(profiles, name):
    """The discrete profile ``name`` among parsed RLIST profiles (RLIST may show a covering generic one)."""
    for profile in profiles:
        if profile["name"] == name and not profile["generic"]:
            return profile
    return None


def profile_state(profile):
    """The state dict of one parsed RLIST profile (``_racf_rlist.parse_rlist``), or None."""
    if profile is None:
        return None
    segment = profile["segments"].get("ssignon")
    state = {"class": profile["class"], "name": profile["name"]}
    for row in PROFILE_BASE:
        state[row.name] = profile[row.listing.regex]
    state["ssignon"] = None if segment is None else dict((name, segment.get(name)) for name in SSIGNON_FIELDS)
    return state


def profile_from_listing(runner, name):
    """Read of a profile from one ``RLIST PTKTDATA name SSIGNON``.

    ``IRR52021I`` (the caller may not view SSIGNON segments) and an SSIGNON
    line no field row interprets make the SSIGNON fields unreadable.
    """
    profiles = read_listing(runner, command.rlist(command.PTKTDATA, name, ["SSIGNON"]), parse_rlist,
                            tolerated_ids=(RLIST_NOT_FOUND, SSIGNON_NOT_AUTHORIZED_TO_VIEW))
    listing = runner.results[-1]
    raw = list(listing.lines)
    profile = find_profile(profiles, name)
    state = profile_state(profile)
    if state is None:
        return Read(None, {}, raw)
    unreadable = {}
    for row in PROFILE_BASE:
        if row.name in ("owner", "uacc") and not state[row.name]:
            unreadable[row.name] = "the listing has no '{0}' value".format(row.listing.text)
    if SSIGNON_NOT_AUTHORIZED_TO_VIEW in listing.message_ids:
        state["ssignon"] = None
        unreadable.update(_no_ssignon_segment("RACF answered {0}: {1}".format(SSIGNON_NOT_AUTHORIZED_TO_VIEW, SSIGNON_NOT_AUTHORIZED)))
    else:
        lines = (profile["segments"].get("ssignon") or {}).get("unrecognized_lines") or []
        if lines:
            unreadable.update(_no_ssignon_segment("SSIGNON line(s) no field pattern interprets: " + " | ".join(lines)))
    return Read(state, unreadable, raw)


def profile_source(name):
    """The Source of PTKTDATA profile ``name``: its extract, or ``RLIST PTKTDATA name SSIGNON``."""
    name = command.validate_profile_name(name)
    return Source(ExtractRequest(command.PTKTDATA, name),
                  lambda result: profile_from_extract(name, result),
                  lambda runner: profile_from_listing(runner, name))


def read_profile(runner, name):
    """The state of PTKTDATA profile ``name`` from one RLIST, or None when absent (listing path only)."""
    return profile_from_listing(runner, command.validate_profile_name(name)).state


# -- wanting and planning --------------------------------------------------------------
def desired_state(params):
    """Validated desired fields from module options; omitted options are left out.

    Returns ``want``: the PROFILE_BASE fields given (``appldata`` None means
    remove it) and ``ssignon`` (the SSIGNON fields given; ``legacy_key`` there
    is a SecretValue shown as its storage). ValueError names the option.
    """
    want = want_from_params(PROFILE_BASE, params)
    ssignon = want_from_params([row for row in SSIGNON if row.name != "legacy_key"], params)
    if params.get("legacy_key") is not None:
        if params.get("legacy_keylabel") is not None:
            raise ValueError("legacy_key and legacy_keylabel are mutually exclusive")
        ssignon["legacy_key"] = legacy_key_want(params["legacy_key"], params.get("legacy_key_storage", "masked"),
                                                "on_create" if params.get("legacy_key_update") is None else params["legacy_key_update"])
    if ssignon:
        want["ssignon"] = ssignon
    return want


def wanted_fields(want):
    return [name for name in want if name != "ssignon"] + list(want.get("ssignon", {}))


def plan_profile(name, read, want, state="present"):
    """``Plan(before, commands, after)`` for PTKTDATA profile ``name``.

    RDEFINE when absent, RALTER with only the differing operands when present,
    nothing when it is as wanted, RDELETE for ``state=absent``. A command that
    carries the legacy key is a SecretCommand. Raises UnreadableField (before
    building any command) when a wanted field could not be read.
    """
    name = command.validate_profile_name(name)
    have = read.state
    if state == "absent":
        return Plan(have, [command.rdelete(command.PTKTDATA, name)] if have else [], None)
    if have is not None:
        check_readable(wanted_fields(want), read, _what(name))
    base_have = dict(have) if have else dict(defaults(PROFILE_BASE), **{"class": command.PTKTDATA, "name": name, "ssignon": None})
    base_changes, after = compare(PROFILE_BASE, base_have, want)

    ssignon_have = effective_ssignon(base_have["ssignon"]) or defaults(SSIGNON)
    ssignon_changes, ssignon_after = compare(SSIGNON, ssignon_have, want.get("ssignon", {}))
    if base_have["ssignon"] is not None or ssignon_changes:
        after["ssignon"] = effective_ssignon(ssignon_after)

    operands = rendered(base_changes)
    if ssignon_changes:
        operands.append(command.keyword("SSIGNON", " ".join(rendered(ssignon_changes, "SSIGNON"))))
    if have is None:
        image = command.rdefine(command.PTKTDATA, name, operands)
    elif operands:
        image = command.ralter(command.PTKTDATA, name, operands)
    else:
        return Plan(have, [], after)
    return Plan(have, [command.secret_command(image) if carries_secret(ssignon_changes) else image], after)
