# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Step 5: the PTKTDATA key profile (``RDEFINE`` the first time, ``RALTER`` after).

z/OS side: standard library only, Python 3.9+. The fields are the rows of
``PROFILE_BASE`` and ``SSIGNON`` below (module option, RACF operand and
renderer, extract field, listing pattern, default, secret; see
``_engine.table``); the planner puts them together. ``ptktdata_profile`` and
``passticket_info`` use it. docs/reference/resource-tables.md shows the same
tables for people; a test keeps them in step.

A profile state (``before``/``after``) is::

    {class, name, owner, uacc, appldata,
     ssignon: {legacy_key, legacy_keylabel, eptkeylabel, type, timeout, replay} | None}

``legacy_key`` is how RACF holds a legacy key (``masked``, ``encrypted``,
``label``) or None: RACF never displays a key, so no state holds key material.
Renderers call the validators and ``quote`` of ``_racf.grammar``: no value
reaches a command image unvalidated or unquoted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import Source, read_listing
from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import (
    ExtractField,
    ListingPattern,
    Plan,
    Read,
    SecretValue,
    carries_secret,
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
    decode_int,
    optional_text,
    required_value,
    upper_word,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import (
    RLIST_NOT_FOUND,
    SSIGNON_NOT_AUTHORIZED_TO_VIEW,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.rlist import parse_rlist


# -- PTKTDATA profile, base segment ----------------------------------------------------
def _appldata(value):
    # an empty string asks to remove it (NOAPPLDATA)
    return None if value == "" else command.validate_appldata(value)


PROFILE_BASE = (
    field(
        "owner",
        option="owner",
        validate=lambda value: command.validate_user_id(value, "owner"),
        operand="OWNER(id)",
        render=command.owner,
        extract=(ExtractField("BASE", "OWNER"),),
        decode_extract=lambda segment: upper_word(required_value(segment, "OWNER")),
        listing=ListingPattern("LEVEL OWNER UNIVERSAL ACCESS ... : the OWNER column", "owner"),
        default=None,
    ),  # RACF: the caller (ADDCREATOR)
    field(
        "uacc",
        option="uacc",
        validate=command.validate_uacc,
        operand="UACC(access)",
        render=command.uacc,
        extract=(ExtractField("BASE", "UACC"),),
        decode_extract=lambda segment: upper_word(required_value(segment, "UACC")),
        listing=ListingPattern("LEVEL OWNER UNIVERSAL ACCESS ... : the UNIVERSAL ACCESS column", "uacc"),
        default="NONE",
    ),
    field(
        "appldata",
        option="appldata",
        validate=_appldata,
        operand="APPLDATA('text') / NOAPPLDATA",
        render=command.appldata,
        extract=(ExtractField("BASE", "APPLDATA"),),
        decode_extract=lambda segment: optional_text(segment, "APPLDATA"),
        listing=ListingPattern("APPLICATION DATA section (NONE: no data)", "application_data"),
        default=None,
    ),
)


# -- PTKTDATA profile, SSIGNON segment -------------------------------------------------
# The reported RLIST form (issue 10; spec zos-interfaces.md section 6):
#     Legacy PassTicket: KEYENCRYPTED LABEL: IRR.SSIGNON.xxxx.xxxxxxxx.xxxxxx.xxxxxx
#     Enhanced PassTicket: Timeout = 600
#     Enhanced PassTicket: Replay allowed = No
# i.e. "<Legacy|Enhanced> PassTicket: <field words> <: or => <value>". The prefix
# is stripped by the parser (SSIGNON_LINE_PREFIX); the rows match what follows,
# field words tolerantly, any case. Lines for KEYMASKED, KEYLABEL, the enhanced
# label and TYPE are UNCONFIRMED (no sample): the rows accept the plausible forms.
SSIGNON_LINE_PREFIX = re.compile(r"^\s*(?P<kind>LEGACY|ENHANCED)\s+PASSTICKET\s*:?\s*", re.IGNORECASE)
_SEP = r"\s*(?:[:=]\s*|\s+)"
# RACF names the CKDS record of a KEYENCRYPTED key itself: IRR.SSIGNON.sysname.mmddyyyy.hhmmss.nnnnnn [S45][S20]
RACF_GENERATED_KEY_LABEL = re.compile(r"^IRR\.SSIGNON\.", re.IGNORECASE)
LEGACY_STORAGE_OPERANDS = {"masked": "KEYMASKED", "encrypted": "KEYENCRYPTED"}
SSIGNON_NOT_AUTHORIZED = "the caller may not read SSIGNON segments"


def _legacy_key_from_listing(match):
    storage = match.group("storage").upper()
    label = match.group("label")
    if storage == "ENCRYPTED" and label and not RACF_GENERATED_KEY_LABEL.match(label):
        # a label RACF did not generate is one the administrator named: KEYLABEL (reasoned, UNCONFIRMED)
        return {"legacy_key": "label", "legacy_keylabel": label.upper()}
    return {"legacy_key": storage.lower(), "legacy_keylabel": None}


def _legacy_key_from_extract(segment):
    if segment.get("KEYMASK") is not None:
        return "masked"
    if segment.get("KEYCRYPT") is not None:
        return "encrypted"
    if optional_text(segment, "KEYLABEL"):
        return "label"
    return None


def _decode_type(value):
    text = value.strip().upper() if isinstance(value, str) else None
    if text not in command.TYPE_VALUES:
        raise ValueError("expected one of {0}, found {1!r}".format(", ".join(command.TYPE_VALUES), value))
    return text


def _legacy_key_differs(have, wanted):
    return wanted.always or have.get("legacy_key") != wanted.shown


def _legacy_key_apply(after, wanted):
    after.update(legacy_key=wanted.shown, legacy_keylabel=None)


def _legacy_key_render(wanted):
    operand = LEGACY_STORAGE_OPERANDS[wanted.shown]
    return command.keyword(operand, command.validate_hex(wanted.secret, command.LEGACY_KEY_BYTES, "legacy_key"))


def _legacy_keylabel_differs(have, wanted):
    return have.get("legacy_key") != "label" or have.get("legacy_keylabel") != wanted


def _legacy_keylabel_apply(after, wanted):
    after.update(legacy_key="label", legacy_keylabel=wanted)


def _enhanced(name, extract_name, decode):
    """Decoder of an enhanced field: when the segment has an enhanced key label the field must be there."""

    def decode_extract(segment):
        value = segment.get(extract_name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if optional_text(segment, "PTKEYLAB"):
                raise ValueError(
                    "R_admin returned no {0} field although the profile has an enhanced key label".format(extract_name)
                )
            return None
        return decode(value)

    decode_extract.__name__ = "decode_" + name
    return decode_extract


SSIGNON = (
    # the legacy key itself: a secret, written, never read; the state shows how RACF holds it
    field(
        "legacy_key",
        option="legacy_key",
        secret=True,
        operand="KEYMASKED(16 hex) / KEYENCRYPTED(16 hex)",
        render=_legacy_key_render,
        group="SSIGNON",
        extract=(ExtractField("SSIGNON", "KEYMASK"), ExtractField("SSIGNON", "KEYCRYPT")),
        decode_extract=_legacy_key_from_extract,
        listing=ListingPattern(
            "Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE / KEYENCRYPTED LABEL: IRR.SSIGNON...",
            re.compile(
                r"^KEY\s*(?P<storage>MASKED|ENCRYPTED)\b(?:\s+DATA\s+NOT\s+DISPLAYABLE"
                r"|\s+LABEL" + _SEP + r"(?P<label>[A-Z#@$][A-Z0-9#@$.]*))?\s*$",
                re.IGNORECASE,
            ),
            "LEGACY",
        ),
        decode_listing=_legacy_key_from_listing,
        default=None,
        differs=_legacy_key_differs,
        apply=_legacy_key_apply,
    ),
    field(
        "legacy_keylabel",
        option="legacy_keylabel",
        validate=lambda value: command.validate_label(value, "legacy_keylabel"),
        operand="KEYLABEL(label)",
        render=lambda wanted: command.keyword("KEYLABEL", command.validate_label(wanted, "legacy_keylabel")),
        group="SSIGNON",
        extract=(ExtractField("SSIGNON", "KEYLABEL"),),
        decode_extract=lambda segment: (optional_text(segment, "KEYLABEL") or "").upper() or None,
        listing=ListingPattern(
            "Legacy PassTicket: KEYLABEL LABEL: label",
            re.compile(r"^KEY\s*LABEL(?:\s+LABEL)?" + _SEP + r"(?P<value>[A-Z#@$][A-Z0-9#@$.]*)\s*$", re.IGNORECASE),
            "LEGACY",
        ),
        decode_listing=lambda match: {"legacy_key": "label", "legacy_keylabel": match.group("value").upper()},
        default=None,
        differs=_legacy_keylabel_differs,
        apply=_legacy_keylabel_apply,
    ),
    field(
        "eptkeylabel",
        option="eptkeylabel",
        validate=lambda value: command.validate_label(value, "eptkeylabel"),
        operand="EPTKEYLABEL(label)",
        render=lambda wanted: command.keyword("EPTKEYLABEL", command.validate_label(wanted, "eptkeylabel")),
        group="SSIGNON",
        extract=(ExtractField("SSIGNON", "PTKEYLAB"),),
        decode_extract=lambda segment: (optional_text(segment, "PTKEYLAB") or "").upper() or None,
        listing=ListingPattern(
            "Enhanced PassTicket: Key label = label",
            re.compile(
                r"^(?:EPT\s*)?(?:KEY\s*)?LABEL(?:\s+NAME)?" + _SEP + r"(?P<value>[A-Z#@$][A-Z0-9#@$.]*)\s*$",
                re.IGNORECASE,
            ),
            "ENHANCED",
        ),
        decode_listing=lambda match: {"eptkeylabel": match.group("value").upper()},
        default=None,
    ),
    field(
        "type",
        option="type",
        validate=command.validate_type,
        operand="TYPE(UPPER|MIXED)",
        render=lambda wanted: command.keyword("TYPE", command.validate_type(wanted)),
        group="SSIGNON",
        extract=(ExtractField("SSIGNON", "PTTYPE"),),
        decode_extract=_enhanced("type", "PTTYPE", _decode_type),
        listing=ListingPattern(
            "Enhanced PassTicket: Type = UPPER",
            re.compile(r"^(?:PASSTICKET\s+)?TYPE" + _SEP + r"(?P<value>UPPER|MIXED)\b(?:\s+CASE)?\s*$", re.IGNORECASE),
            "ENHANCED",
        ),
        decode_listing=lambda match: {"type": match.group("value").upper()},
        default="MIXED",
    ),
    field(
        "timeout",
        option="timeout",
        validate=command.validate_timeout,
        operand="TIMEOUT(1..600)",
        render=lambda wanted: command.keyword("TIMEOUT", str(command.validate_timeout(wanted))),
        group="SSIGNON",
        extract=(ExtractField("SSIGNON", "PTTIMEO"),),
        decode_extract=_enhanced("timeout", "PTTIMEO", decode_int),
        listing=ListingPattern(
            "Enhanced PassTicket: Timeout = 600",
            re.compile(r"^TIME\s*OUT" + _SEP + r"(?P<value>\d+)(?:\s+SECONDS?)?\s*$", re.IGNORECASE),
            "ENHANCED",
        ),
        decode_listing=lambda match: {"timeout": int(match.group("value"))},
        default=60,
    ),
    field(
        "replay",
        option="replay",
        validate=bool,
        operand="REPLAY(YES|NO)",
        render=lambda wanted: command.keyword("REPLAY", "YES" if wanted else "NO"),
        group="SSIGNON",
        extract=(ExtractField("SSIGNON", "PTREPLAY"),),
        decode_extract=_enhanced("replay", "PTREPLAY", decode_bool),
        listing=ListingPattern(
            "Enhanced PassTicket: Replay allowed = No",
            re.compile(r"^REPLAY(?:\s+ALLOWED)?" + _SEP + r"(?P<value>YES|NO|Y|N|TRUE|FALSE)\s*$", re.IGNORECASE),
            "ENHANCED",
        ),
        decode_listing=lambda match: {"replay": decode_bool(match.group("value"))},
        default=False,
    ),
)

SSIGNON_FIELDS = tuple(row.name for row in SSIGNON)
# the enhanced fields RACF gives their default once an EPTKEYLABEL is set [doc, S45 slide 10]
ENHANCED_FIELDS = ("type", "timeout", "replay")
LEGACY_KEY_UPDATES = ("on_create", "always")


def legacy_key_want(key, storage, update):
    """The wanted value of the legacy key: validated, shown as its storage, written by policy ``update``."""
    if update not in LEGACY_KEY_UPDATES:
        raise ValueError("legacy_key_update must be one of {0}".format(", ".join(LEGACY_KEY_UPDATES)))
    if storage not in LEGACY_STORAGE_OPERANDS:
        raise ValueError("legacy_key_storage must be one of {0}".format(", ".join(sorted(LEGACY_STORAGE_OPERANDS))))
    return SecretValue(storage, command.validate_hex(key, command.LEGACY_KEY_BYTES, "legacy_key"), update == "always")


def effective_ssignon(ssignon):
    """SSIGNON fields with RACF's enhanced defaults filled in where an enhanced key label is set."""
    if ssignon is None:
        return None
    effective = dict((name, ssignon.get(name)) for name in SSIGNON_FIELDS)
    if effective["eptkeylabel"]:
        for row in SSIGNON:
            if row.name in ENHANCED_FIELDS and effective[row.name] is None:
                effective[row.name] = row.default
    return effective


def parse_ssignon(lines):
    """SSIGNON segment lines -> ``{legacy_key, legacy_keylabel, eptkeylabel, type, timeout, replay, unrecognized_lines}``.

    ``legacy_key`` is how RACF holds a legacy key (``masked``, ``encrypted``,
    ``label``) or None; ``type`` is ``UPPER``/``MIXED``; ``timeout`` an int;
    ``replay`` a bool; absent fields are None. ``unrecognized_lines`` lists the
    lines no field row interprets (a reader must not take them for "absent").
    """
    segment = dict((name, None) for name in SSIGNON_FIELDS)
    unrecognized = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        prefix = SSIGNON_LINE_PREFIX.match(text)
        kind = prefix.group("kind").upper() if prefix else None
        words = text[prefix.end() :] if prefix else text
        for row in SSIGNON:
            if kind and row.listing.kind and row.listing.kind != kind:
                continue
            match = row.listing.regex.match(words)
            if match:
                segment.update(row.decode_listing(match))
                break
        else:
            unrecognized.append(text)
    segment["unrecognized_lines"] = unrecognized
    return segment


# the grammar of the segments of an RLIST of a PTKTDATA profile (``_racf.rlist.parse_rlist``)
RLIST_SEGMENT_PARSERS = {"ssignon": parse_ssignon}


def parse_profile_listing(text):
    """``_racf.rlist.parse_rlist`` with the SSIGNON grammar of this resource (the filter racf_rlist uses it too)."""
    return parse_rlist(text, RLIST_SEGMENT_PARSERS)


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
        unreadable.update(
            _no_ssignon_segment(
                "R_admin returned no SSIGNON segment; it leaves out a segment the caller may not read, so this reads as: "
                + SSIGNON_NOT_AUTHORIZED
            )
        )
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
    """The state dict of one parsed RLIST profile (``parse_profile_listing``), or None."""
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
    profiles = read_listing(
        runner,
        command.rlist(command.PTKTDATA, name, ["SSIGNON"]),
        parse_profile_listing,
        tolerated_ids=(RLIST_NOT_FOUND, SSIGNON_NOT_AUTHORIZED_TO_VIEW),
    )
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
        unreadable.update(
            _no_ssignon_segment("RACF answered {0}: {1}".format(SSIGNON_NOT_AUTHORIZED_TO_VIEW, SSIGNON_NOT_AUTHORIZED))
        )
    else:
        lines = (profile["segments"].get("ssignon") or {}).get("unrecognized_lines") or []
        if lines:
            unreadable.update(_no_ssignon_segment("SSIGNON line(s) no field pattern interprets: " + " | ".join(lines)))
    return Read(state, unreadable, raw)


def profile_source(name):
    """The Source of PTKTDATA profile ``name``: its extract, or ``RLIST PTKTDATA name SSIGNON``."""
    name = command.validate_profile_name(name)
    return Source(
        ExtractRequest(command.PTKTDATA, name),
        lambda result: profile_from_extract(name, result),
        lambda runner: profile_from_listing(runner, name),
    )


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
        ssignon["legacy_key"] = legacy_key_want(
            params["legacy_key"],
            params.get("legacy_key_storage", "masked"),
            "on_create" if params.get("legacy_key_update") is None else params["legacy_key_update"],
        )
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
    base_have = (
        dict(have)
        if have
        else dict(defaults(PROFILE_BASE), **{"class": command.PTKTDATA, "name": name, "ssignon": None})
    )
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
