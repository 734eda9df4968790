# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PTKTDATA key profiles: state from RLIST, desired state from options, and the commands between them.

z/OS side: standard library only, Python 3.9+. Pure functions; the module
``ptktdata_profile`` and ``passticket_info`` use them.

A profile state (``before``/``after``) is::

    {class, name, owner, uacc, appldata,
     ssignon: {legacy_key, legacy_keylabel, eptkeylabel, type, timeout, replay} | None}

``legacy_key`` is how RACF holds a legacy key (``masked``, ``encrypted``,
``label``) or None: RACF never displays a key, so no state holds key material.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.module_utils import _racf_command as command
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_messages import RLIST_NOT_FOUND, read_listing
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_rlist import parse_rlist

SSIGNON_FIELDS = ("legacy_key", "legacy_keylabel", "eptkeylabel", "type", "timeout", "replay")
# RACF's defaults for the enhanced fields once an EPTKEYLABEL is set [doc]
ENHANCED_DEFAULTS = {"type": "MIXED", "timeout": 60, "replay": False}
PROFILE_FIELDS = ("owner", "uacc", "appldata")
LEGACY_KEY_UPDATES = ("on_create", "always")


def profile_state(profile):
    """The state dict of one parsed RLIST profile (``_racf_rlist.parse_rlist``), or None."""
    if profile is None:
        return None
    segment = profile["segments"].get("ssignon")
    return {
        "class": profile["class"],
        "name": profile["name"],
        "owner": profile["owner"],
        "uacc": profile["uacc"],
        "appldata": profile["application_data"],
        "ssignon": None if segment is None else dict((field, segment.get(field)) for field in SSIGNON_FIELDS),
    }


def find_profile(profiles, name):
    """The discrete profile ``name`` among parsed RLIST profiles (RLIST may show a covering generic one)."""
    for profile in profiles:
        if profile["name"] == name and not profile["generic"]:
            return profile
    return None


def read_profile(runner, name):
    """The state of PTKTDATA profile ``name`` from one ``RLIST PTKTDATA name SSIGNON``, or None when absent.

    Raises RacfCommandError when RLIST fails (for example IRR52021I: the
    caller may not view SSIGNON segments) or prints no listing.
    """
    profiles = read_listing(runner, command.rlist(command.PTKTDATA, name, ["SSIGNON"]), parse_rlist, tolerated_ids=(RLIST_NOT_FOUND,))
    return profile_state(find_profile(profiles, command.validate_profile_name(name)))


def desired_state(params):
    """Validated, normalized desired fields from module options; omitted options are left out.

    Returns ``(want, legacy_key)``: ``want`` holds ``owner``/``uacc``/``appldata``
    (``None`` for appldata means remove it) and ``ssignon`` (dict of the given
    SSIGNON fields; ``legacy_key`` there is the storage, never the key);
    ``legacy_key`` is the validated key (a secret) or None.
    """
    want = {}
    if params.get("owner") is not None:
        want["owner"] = command.validate_user_id(params["owner"], "owner")
    if params.get("uacc") is not None:
        want["uacc"] = command.validate_uacc(params["uacc"])
    if params.get("appldata") is not None:
        want["appldata"] = command.validate_appldata(params["appldata"]) if params["appldata"] != "" else None
    ssignon = {}
    legacy_key = None
    if params.get("legacy_key") is not None:
        legacy_key = command.validate_hex(params["legacy_key"], command.LEGACY_KEY_BYTES, "legacy_key")
        storage = params.get("legacy_key_storage", "masked")  # never a default for an empty value
        if storage not in ("masked", "encrypted"):
            raise ValueError("legacy_key_storage must be masked or encrypted")
        ssignon["legacy_key"] = storage
    if params.get("legacy_keylabel") is not None:
        if legacy_key is not None:
            raise ValueError("legacy_key and legacy_keylabel are mutually exclusive")
        ssignon["legacy_key"] = "label"
        ssignon["legacy_keylabel"] = command.validate_label(params["legacy_keylabel"], "legacy_keylabel")
    if params.get("eptkeylabel") is not None:
        ssignon["eptkeylabel"] = command.validate_label(params["eptkeylabel"], "eptkeylabel")
    if params.get("type") is not None:
        ssignon["type"] = command.validate_type(params["type"])
    if params.get("timeout") is not None:
        ssignon["timeout"] = command.validate_timeout(params["timeout"])
    if params.get("replay") is not None:
        ssignon["replay"] = bool(params["replay"])
    if ssignon:
        want["ssignon"] = ssignon
    return want, legacy_key


def _effective_ssignon(ssignon):
    """SSIGNON fields with RACF's enhanced defaults filled in where a label is set."""
    if ssignon is None:
        return None
    effective = dict((field, ssignon.get(field)) for field in SSIGNON_FIELDS)
    if effective["eptkeylabel"]:
        for field, default in ENHANCED_DEFAULTS.items():
            if effective[field] is None:
                effective[field] = default
    return effective


def _ssignon_suboperands(have_ssignon, want_ssignon, legacy_key, legacy_key_update):
    """SSIGNON keyword -> value for the fields that differ (and the legacy key by policy)."""
    have = _effective_ssignon(have_ssignon) or dict((field, None) for field in SSIGNON_FIELDS)
    suboperands = {}
    storage = want_ssignon.get("legacy_key")
    if storage in command.SSIGNON_LEGACY_KEYWORDS and storage != "label":
        # RACF never shows a key: write it when RACF holds none in this storage, or always by policy
        if legacy_key_update == "always" or have["legacy_key"] != storage:
            suboperands[command.SSIGNON_LEGACY_KEYWORDS[storage]] = legacy_key
    elif storage == "label" and (have["legacy_key"] != "label" or have["legacy_keylabel"] != want_ssignon["legacy_keylabel"]):
        suboperands["KEYLABEL"] = want_ssignon["legacy_keylabel"]
    for field, keyword in (("eptkeylabel", "EPTKEYLABEL"), ("type", "TYPE"), ("timeout", "TIMEOUT"), ("replay", "REPLAY")):
        if field in want_ssignon and want_ssignon[field] != have[field]:
            suboperands[keyword] = want_ssignon[field]
    return suboperands


def _profile_operands(have, want):
    operands = []
    if "owner" in want and want["owner"] != have.get("owner"):
        operands.append(command.owner(want["owner"]))
    if "uacc" in want and want["uacc"] != have.get("uacc"):
        operands.append(command.uacc(want["uacc"]))
    if "appldata" in want and want["appldata"] != have.get("appldata"):
        if want["appldata"] is not None or have:
            operands.append(command.appldata(want["appldata"]))
    return operands


def predict_after(have, want, name):
    """The state after the commands, as far as it can be known without running them (check mode)."""
    after = dict(have) if have else {"class": command.PTKTDATA, "name": name, "owner": None, "uacc": "NONE", "appldata": None, "ssignon": None}
    for field in PROFILE_FIELDS:
        if field in want:
            after[field] = want[field]
    if "ssignon" in want:
        ssignon = dict(after["ssignon"] or dict((field, None) for field in SSIGNON_FIELDS))
        ssignon.update(want["ssignon"])
        if ssignon.get("legacy_key") != "label":
            ssignon["legacy_keylabel"] = None
        after["ssignon"] = _effective_ssignon(ssignon)
    return after


def plan(name, have, want, legacy_key=None, state="present", legacy_key_update="on_create"):
    """The command images that take the profile from ``have`` to ``want`` (``[]`` when equal).

    ``have`` is a state dict or None (absent). RDEFINE when absent, RALTER with
    only the differing operands when present, RDELETE for ``state=absent``.
    The images carry the legacy key in clear: run them through a runner that
    registered it as a secret.
    """
    name = command.validate_profile_name(name)
    if legacy_key_update not in LEGACY_KEY_UPDATES:
        raise ValueError("legacy_key_update must be one of {0}".format(", ".join(LEGACY_KEY_UPDATES)))
    if state == "absent":
        return [command.rdelete(command.PTKTDATA, name)] if have else []
    operands = _profile_operands(have or {}, want)
    ssignon = command.ssignon(_ssignon_suboperands((have or {}).get("ssignon"), want.get("ssignon", {}), legacy_key, legacy_key_update))
    if ssignon:
        operands.append(ssignon)
    if have is None:
        return [command.rdefine(command.PTKTDATA, name, operands)]
    return [command.ralter(command.PTKTDATA, name, operands)] if operands else []
