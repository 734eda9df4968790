# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RACF resources as tables: class settings, PTKTDATA profile (base and SSIGNON), user.

z/OS side: standard library only, Python 3.9+.

This is the one place that names, for every field: the module option, the
RACF operand and its renderer, the R_admin extract field (segment and field
name, racf-extract.md section 3), the listing pattern, RACF's default and
whether it is secret (see ``_resource_table``). docs/reference/resource-tables.md
shows the same tables for people; a test keeps them in step.

Renderers call the validators and ``quote`` of ``_racf_command``: no value
reaches a command image unvalidated or unquoted.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.mainframe.passticket.plugins.module_utils import _racf_command as command
from ansible_collections.mainframe.passticket.plugins.module_utils._racf_extract import PRESENT
from ansible_collections.mainframe.passticket.plugins.module_utils._resource_table import (
    OMIT,
    ExtractField,
    ListingPattern,
    SecretValue,
    field,
)

# -- value decoders shared by the tables ----------------------------------------------
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


def _required(segment, name):
    value = segment.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("R_admin returned no {0} field".format(name))
    return value


def _optional_text(segment, name):
    value = segment.get(name)
    if value is None or value == PRESENT:
        return None
    value = value.strip()
    return value or None


def _upper_word(value):
    return value.strip().upper()


# -- class settings (SETROPTS) -----------------------------------------------------
# value of a row: whether the class is in the list; render gives the SETROPTS keyword


def _class_row(name, option, on_keyword, off_keyword, extract_field, heading, key):
    return field(
        name, option=option, validate=bool,
        operand="{0}(class) / {1}(class)".format(on_keyword, off_keyword),
        render=lambda wanted: on_keyword if wanted else off_keyword,
        extract=(ExtractField("BASE", extract_field),),
        listing=ListingPattern("{0} = class names ... (wrapped lines)".format(heading), key),
        default=False)


CLASS_SETTINGS = (
    _class_row("active", "active", "CLASSACT", "NOCLASSACT", "CLASSACT", "ACTIVE CLASSES", "active_classes"),
    _class_row("raclist", "raclist", "RACLIST", "NORACLIST", "RACLIST", "SETR RACLIST CLASSES", "raclist_classes"),
    _class_row("generic", "generic", "GENERIC", "NOGENERIC", "GENERIC", "GENERIC PROFILE CLASSES", "generic_profile_classes"),
)


# -- PTKTDATA profile, base segment ----------------------------------------------------
def _appldata(value):
    # an empty string asks to remove it (NOAPPLDATA)
    return None if value == "" else command.validate_appldata(value)


PROFILE_BASE = (
    field("owner", option="owner", validate=lambda value: command.validate_user_id(value, "owner"),
          operand="OWNER(id)", render=command.owner,
          extract=(ExtractField("BASE", "OWNER"),), decode_extract=lambda segment: _upper_word(_required(segment, "OWNER")),
          listing=ListingPattern("LEVEL OWNER UNIVERSAL ACCESS ... : the OWNER column", "owner"),
          default=None),  # RACF: the caller (ADDCREATOR)
    field("uacc", option="uacc", validate=command.validate_uacc, operand="UACC(access)", render=command.uacc,
          extract=(ExtractField("BASE", "UACC"),), decode_extract=lambda segment: _upper_word(_required(segment, "UACC")),
          listing=ListingPattern("LEVEL OWNER UNIVERSAL ACCESS ... : the UNIVERSAL ACCESS column", "uacc"),
          default="NONE"),
    field("appldata", option="appldata", validate=_appldata, operand="APPLDATA('text') / NOAPPLDATA",
          render=command.appldata,
          extract=(ExtractField("BASE", "APPLDATA"),), decode_extract=lambda segment: _optional_text(segment, "APPLDATA"),
          listing=ListingPattern("APPLICATION DATA section (NONE: no data)", "application_data"),
          default=None),
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
    if _optional_text(segment, "KEYLABEL"):
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
            if _optional_text(segment, "PTKEYLAB"):
                raise ValueError("R_admin returned no {0} field although the profile has an enhanced key label".format(extract_name))
            return None
        return decode(value)
    decode_extract.__name__ = "decode_" + name
    return decode_extract


SSIGNON = (
    # the legacy key itself: a secret, written, never read; the state shows how RACF holds it
    field("legacy_key", option="legacy_key", secret=True, operand="KEYMASKED(16 hex) / KEYENCRYPTED(16 hex)",
          render=_legacy_key_render, group="SSIGNON",
          extract=(ExtractField("SSIGNON", "KEYMASK"), ExtractField("SSIGNON", "KEYCRYPT")),
          decode_extract=_legacy_key_from_extract,
          listing=ListingPattern(
              "Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE / KEYENCRYPTED LABEL: IRR.SSIGNON...",
              re.compile(r"^KEY\s*(?P<storage>MASKED|ENCRYPTED)\b(?:\s+DATA\s+NOT\s+DISPLAYABLE"
                         r"|\s+LABEL" + _SEP + r"(?P<label>[A-Z#@$][A-Z0-9#@$.]*))?\s*$", re.IGNORECASE), "LEGACY"),
          decode_listing=_legacy_key_from_listing,
          default=None, differs=_legacy_key_differs, apply=_legacy_key_apply),
    field("legacy_keylabel", option="legacy_keylabel",
          validate=lambda value: command.validate_label(value, "legacy_keylabel"),
          operand="KEYLABEL(label)", render=lambda wanted: command.keyword("KEYLABEL", command.validate_label(wanted, "legacy_keylabel")),
          group="SSIGNON",
          extract=(ExtractField("SSIGNON", "KEYLABEL"),), decode_extract=lambda segment: (_optional_text(segment, "KEYLABEL") or "").upper() or None,
          listing=ListingPattern("Legacy PassTicket: KEYLABEL LABEL: label",
                                 re.compile(r"^KEY\s*LABEL(?:\s+LABEL)?" + _SEP + r"(?P<value>[A-Z#@$][A-Z0-9#@$.]*)\s*$", re.IGNORECASE),
                                 "LEGACY"),
          decode_listing=lambda match: {"legacy_key": "label", "legacy_keylabel": match.group("value").upper()},
          default=None, differs=_legacy_keylabel_differs, apply=_legacy_keylabel_apply),
    field("eptkeylabel", option="eptkeylabel", validate=lambda value: command.validate_label(value, "eptkeylabel"),
          operand="EPTKEYLABEL(label)", render=lambda wanted: command.keyword("EPTKEYLABEL", command.validate_label(wanted, "eptkeylabel")),
          group="SSIGNON",
          extract=(ExtractField("SSIGNON", "PTKEYLAB"),), decode_extract=lambda segment: (_optional_text(segment, "PTKEYLAB") or "").upper() or None,
          listing=ListingPattern("Enhanced PassTicket: Key label = label",
                                 re.compile(r"^(?:EPT\s*)?(?:KEY\s*)?LABEL(?:\s+NAME)?" + _SEP + r"(?P<value>[A-Z#@$][A-Z0-9#@$.]*)\s*$",
                                            re.IGNORECASE), "ENHANCED"),
          decode_listing=lambda match: {"eptkeylabel": match.group("value").upper()},
          default=None),
    field("type", option="type", validate=command.validate_type, operand="TYPE(UPPER|MIXED)",
          render=lambda wanted: command.keyword("TYPE", command.validate_type(wanted)), group="SSIGNON",
          extract=(ExtractField("SSIGNON", "PTTYPE"),), decode_extract=_enhanced("type", "PTTYPE", _decode_type),
          listing=ListingPattern("Enhanced PassTicket: Type = UPPER",
                                 re.compile(r"^(?:PASSTICKET\s+)?TYPE" + _SEP + r"(?P<value>UPPER|MIXED)\b(?:\s+CASE)?\s*$", re.IGNORECASE), "ENHANCED"),
          decode_listing=lambda match: {"type": match.group("value").upper()},
          default="MIXED"),
    field("timeout", option="timeout", validate=command.validate_timeout, operand="TIMEOUT(1..600)",
          render=lambda wanted: command.keyword("TIMEOUT", str(command.validate_timeout(wanted))), group="SSIGNON",
          extract=(ExtractField("SSIGNON", "PTTIMEO"),), decode_extract=_enhanced("timeout", "PTTIMEO", decode_int),
          listing=ListingPattern("Enhanced PassTicket: Timeout = 600",
                                 re.compile(r"^TIME\s*OUT" + _SEP + r"(?P<value>\d+)(?:\s+SECONDS?)?\s*$", re.IGNORECASE), "ENHANCED"),
          decode_listing=lambda match: {"timeout": int(match.group("value"))},
          default=60),
    field("replay", option="replay", validate=bool, operand="REPLAY(YES|NO)",
          render=lambda wanted: command.keyword("REPLAY", "YES" if wanted else "NO"), group="SSIGNON",
          extract=(ExtractField("SSIGNON", "PTREPLAY"),), decode_extract=_enhanced("replay", "PTREPLAY", decode_bool),
          listing=ListingPattern("Enhanced PassTicket: Replay allowed = No",
                                 re.compile(r"^REPLAY(?:\s+ALLOWED)?" + _SEP + r"(?P<value>YES|NO|Y|N|TRUE|FALSE)\s*$", re.IGNORECASE), "ENHANCED"),
          decode_listing=lambda match: {"replay": decode_bool(match.group("value"))},
          default=False),
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


# -- user ------------------------------------------------------------------------------
USER_NAME_MAX_LENGTH = 20
# R_admin USER BASE booleans -> the LISTUSER ATTRIBUTES keyword, in the order LISTUSER prints them
USER_ATTRIBUTE_FIELDS = (("SPECIAL", "SPECIAL"), ("OPER", "OPERATIONS"), ("AUDITOR", "AUDITOR"), ("ROAUDIT", "ROAUDIT"),
                         ("REST", "RESTRICTED"), ("PROTECTD", "PROTECTED"), ("REVOKEFL", "REVOKED"))


def _full_name(value):
    if not isinstance(value, str):
        raise ValueError("full_name must be a string")
    # checked as given, then folded: RACF folds NAME to upper case [real: NAME('Squidward') lists as SQUIDWARD]
    command.quote(value, USER_NAME_MAX_LENGTH, "full_name")
    return value.upper()


def _name_from_extract(segment):
    name = _optional_text(segment, "NAME")
    return None if name is None or name.upper() == "UNKNOWN" else name


def _password_render(wanted):
    return command.keyword("PASSWORD", wanted.secret)


def _protected_differs(have, wanted):
    return bool(have.get("protected")) != wanted.shown


def _protected_apply(after, wanted):
    after["protected"] = wanted.shown
    after["attributes"] = [attribute for attribute in after.get("attributes") or [] if attribute != "PROTECTED"]


def _revoked_apply(after, wanted):
    after["revoked"] = wanted
    after["attributes"] = [attribute for attribute in after.get("attributes") or [] if attribute != "REVOKED"]


def _bool_field(name):
    return lambda segment: decode_bool(_required(segment, name))


USER = (
    field("name", option="full_name", validate=_full_name, operand="NAME('name')",
          render=lambda wanted: command.keyword("NAME", command.quote(wanted, USER_NAME_MAX_LENGTH, "full_name")),
          extract=(ExtractField("BASE", "NAME"),), decode_extract=_name_from_extract,
          listing=ListingPattern("USER=id NAME=name OWNER=... (UNKNOWN: no name)", "name"), default=None),
    field("default_group", option="default_group", validate=lambda value: command.validate_user_id(value, "default group"),
          operand="DFLTGRP(group)",
          render=lambda wanted: command.keyword("DFLTGRP", command.validate_user_id(wanted, "default group")),
          extract=(ExtractField("BASE", "DFLTGRP"),), decode_extract=lambda segment: _upper_word(_required(segment, "DFLTGRP")),
          listing=ListingPattern("DEFAULT-GROUP=group", "default_group"), default=None),  # RACF: the caller's group
    field("owner", option="owner", validate=lambda value: command.validate_user_id(value, "owner"), operand="OWNER(id)",
          render=command.owner,
          extract=(ExtractField("BASE", "OWNER"),), decode_extract=lambda segment: _upper_word(_required(segment, "OWNER")),
          listing=ListingPattern("USER=id NAME=... OWNER=id", "owner"), default=None),  # RACF: the caller
    field("revoked", option="resume", validate=lambda resume: False if resume else OMIT, operand="RESUME",
          render=lambda wanted: None if wanted else "RESUME",
          extract=(ExtractField("BASE", "REVOKEFL"),), decode_extract=_bool_field("REVOKEFL"),
          listing=ListingPattern("ATTRIBUTES=... REVOKED", "revoked"), default=False, apply=_revoked_apply),
    # a PROTECTED user cannot sign on with a PassTicket: it gets a password nobody sees (a secret)
    field("protected", option=None, operand="PASSWORD(password) NOEXPIRED", render=_password_render, secret=True,
          extract=(ExtractField("BASE", "PROTECTD"),), decode_extract=_bool_field("PROTECTD"),
          listing=ListingPattern("ATTRIBUTES=... PROTECTED", "protected"),
          default=True,  # ADDUSER without PASSWORD/PHRASE defines a PROTECTED user [real: ICH01024I]
          group="PASSWORD", differs=_protected_differs, apply=_protected_apply),
    field("special", extract=(ExtractField("BASE", "SPECIAL"),), decode_extract=_bool_field("SPECIAL"),
          listing=ListingPattern("ATTRIBUTES=... SPECIAL", "special"), default=False),
)
