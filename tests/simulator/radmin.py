"""R_admin profile extract (IRRSEQ00 extract functions) on the simulated RACF database.

``extract(state, profile_type, name)`` answers like R_admin: the SAF return
code, RACF return code, RACF reason code and, on success, the profile's
segments as fields. IRRXUTIL (tests/rexx/irrxutil.py) turns that into REXX
stem variables. Facts from /work/shared/spec/racf-extract.md (section
numbers in brackets); what the simulator chooses where no source says is
marked [simulated].

- Authority [2.3, 2.4]: READ access to the FACILITY profile
  ``IRR.RADMIN.LISTUSER`` (USER), ``IRR.RADMIN.RLIST`` (general resources) or
  ``IRR.RADMIN.SETROPTS.LIST`` (_SETROPTS), plus the authority the matching
  list command needs (the simulator's LISTUSER and RLIST rules). Missing
  authority answers 8/8/24 [1.2; the R_admin text of 8/8/24 is UNCONFIRMED].
  The caller's access to the three FACILITY profiles is a host setting
  (``zossim init --radmin-deny``), see ``has_read``.
- A segment the caller may not see is omitted silently [2.4]: SSIGNON is
  shown to SPECIAL callers only, as the simulator's RLIST does (AUDITOR and
  ROAUDIT, which also qualify, are not modelled).
- Not found: 4/4/4; class not in the CDT: 4/4/12 [1.2, IRRSEQ00 table].
- A field with no value is not returned [1.3].
- Field names: 3a (USER BASE), 3b (resource BASE), 3c (SSIGNON; UNCONFIRMED
  names, used as the spec expects them), 3d and 1.5 (_SETROPTS lists with
  their ``_CT`` headers).
- The extract reads the RACF database, not the RACLISTed in-storage copy
  (like RLIST).
"""
import datetime
from collections import namedtuple

from . import authcheck, listings

Scalar = namedtuple("Scalar", ["name", "value", "boolean"])
Group = namedtuple("Group", ["name", "subfields", "rows"])  # a repeat group: header, sub-field names, occurrences
Extracted = namedtuple("Extracted", ["profile", "class_name", "generic", "segments"])  # segments: [(name, [fields])]

SUCCESS = (0, 0, 0)
NOT_FOUND = (4, 4, 4)
CLASS_NOT_IN_CDT = (4, 4, 12)
NOT_AUTHORIZED = (8, 8, 24)

FACILITY_FOR_TYPE = {"USER": "IRR.RADMIN.LISTUSER", "_SETROPTS": "IRR.RADMIN.SETROPTS.LIST"}
FACILITY_FOR_GENERAL_RESOURCES = "IRR.RADMIN.RLIST"
RADMIN_READ_PROFILES = ("IRR.RADMIN.LISTUSER", "IRR.RADMIN.RLIST", "IRR.RADMIN.SETROPTS.LIST")


def facility_for(profile_type):
    return FACILITY_FOR_TYPE.get(profile_type, FACILITY_FOR_GENERAL_RESOURCES)


def _boolean(name, on):
    return Scalar(name, "TRUE" if on else "FALSE", True)


def _date(racf_date):
    """``yy.ddd`` -> ``mm/dd/yy``, the form of CREATDAT in a real extract [3a capture]."""
    year, day = racf_date.split(".")
    value = datetime.date(2000 + int(year), 1, 1) + datetime.timedelta(days=int(day) - 1)
    return value.strftime("%m/%d/%y")


# --- FACILITY authority --------------------------------------------------------

def has_read(state, resource):
    """Does the caller have READ access to FACILITY ``resource`` (one of RADMIN_READ_PROFILES)?

    [simulated] The host records the caller's access to the three R_admin
    profiles (``zossim init --radmin-deny``) instead of defining them in its
    database, so ``zossim show`` lists only what the collection manages.
    """
    return resource in state.get("radmin_read", RADMIN_READ_PROFILES)


# --- the profiles --------------------------------------------------------------

def _user(state, user_id):
    user = state["users"][user_id]
    created = _date(user["created"])
    fields = [
        Scalar("CREATDAT", created, False),
        Scalar("OWNER", user["owner"], False),
        _boolean("ADSP", False),
        _boolean("SPECIAL", user.get("special")),
        _boolean("OPER", False),
        _boolean("REVOKEFL", user.get("revoked")),
        _boolean("GRPACC", False),
    ]
    if not user.get("protected"):
        fields.append(Scalar("PASSINT", "186", False))  # [simulated] as the LISTUSER PASS-INTERVAL
    if user.get("name"):
        fields.append(Scalar("NAME", user["name"], False))
    fields += [
        Scalar("DFLTGRP", user["dfltgrp"], False),
        _boolean("UAUDIT", False),
        _boolean("AUDITOR", False),
        _boolean("HASPWD", not user.get("protected")),
        _boolean("PROTECTD", user.get("protected")),
        _boolean("HASPHRAS", user.get("phrase")),
        # one connection, to the default group; CREVOKE/CRESUME are empty
        # sub-fields, which still have a descriptor [1.4]
        Group("CONNECTS", ["CGROUP", "CAUTHDA", "COWNER", "CUACC", "CREVOKFL", "CREVOKE", "CRESUME"],
              [[user["dfltgrp"], created, user["owner"], "NONE", "FALSE", "", ""]]),
        _boolean("REST", False),
        _boolean("PWDENV", False),
        _boolean("PPHENV", False),
        _boolean("ROAUDIT", False),
    ]
    return [("BASE", fields)]


def _ssignon_fields(ssignon):
    """SSIGNON fields [3c]. The key itself is put in KEYMASK/KEYCRYPT, the worst case
    racf-extract.md item 8 leaves open, so tests prove the read exec never prints it."""
    fields = []
    legacy = ssignon.get("legacy_key")
    if legacy == "masked":
        fields.append(Scalar("KEYMASK", ssignon["legacy_key_value"], False))
    elif legacy == "encrypted":
        fields.append(Scalar("KEYCRYPT", ssignon["legacy_key_value"], False))
    elif legacy == "label":
        fields.append(Scalar("KEYLABEL", ssignon["legacy_keylabel"], False))
    if ssignon.get("eptkeylabel"):
        # RACF's defaults are reported where TYPE/TIMEOUT/REPLAY were not
        # given, as the simulator's RLIST does [simulated: UNCONFIRMED]
        enhanced = listings.effective_enhanced(ssignon)
        fields += [
            Scalar("PTKEYLAB", ssignon["eptkeylabel"], False),
            Scalar("PTTYPE", enhanced["type"], False),
            Scalar("PTTIMEO", str(enhanced["timeout"]), False),
            _boolean("PTREPLAY", enhanced["replay"] == "YES"),
        ]
    return fields


def _resource(state, class_name, name):
    profile = state["profiles"][class_name][name]
    created = _date(profile["created"])
    fields = [
        Scalar("CREATDAT", created, False),
        Scalar("OWNER", profile["owner"], False),
        Scalar("UACC", profile["uacc"], False),
        Scalar("RAUDIT", "FAILURES(READ)", False),
        Scalar("LEVEL", str(profile.get("level", 0)), False),
        Scalar("RGAUDIT", "NONE", False),
        _boolean("WARNING", profile.get("warning")),
    ]
    if profile.get("appldata"):
        fields.append(Scalar("APPLDATA", profile["appldata"], False))
    if profile.get("data"):
        fields.append(Scalar("DATA", profile["data"], False))
    access = sorted(profile.get("access", {}).items())
    fields.append(Group("ACLCNT", ["ACLID", "ACLACS", "ACLACNT"], [[user, level, "0"] for user, level in access]))
    segments = [("BASE", fields)]
    if profile.get("ssignon") and _caller_special(state):
        segments.append(("SSIGNON", _ssignon_fields(profile["ssignon"])))
    return segments


def _setropts(state):
    classes = state["classes"]
    active = listings.ALWAYS_ACTIVE + sorted(c for c in classes["active"] if c not in listings.ALWAYS_ACTIVE)
    lists = [
        ("CLASSACT", active), ("CLASSTAT", []), ("GENCMD", sorted(classes["generic"])),
        ("GENERIC", sorted(classes["generic"])), ("GENLIST", []), ("GLOBAL", []),
        ("RACLIST", sorted(classes["raclist"])),
    ]
    return [("BASE", [Group(name + "_CT", [name], [[value] for value in values]) for name, values in lists])]


def _caller_special(state):
    return bool(state["users"].get(state["caller"], {}).get("special"))


def _may_list_user(state, user_id):
    """The simulator's LISTUSER rule (racf.listuser)."""
    caller = state["caller"]
    user = state["users"][user_id]
    return _caller_special(state) or user_id == caller or user["owner"] == caller


def _may_list_resource(state, profile):
    """The simulator's RLIST rule (racf.rlist)."""
    caller = state["caller"]
    access = authcheck.access_of(profile, caller)
    return _caller_special(state) or profile["owner"] == caller or \
        authcheck.ACCESS_LEVELS.index(access) >= authcheck.ACCESS_LEVELS.index("READ")


def extract(state, profile_type, name):
    """R_admin extract of one profile: ``((saf_rc, racf_rc, racf_rsn), Extracted or None)``."""
    if not has_read(state, facility_for(profile_type)):
        return NOT_AUTHORIZED, None
    if profile_type == "_SETROPTS":
        return SUCCESS, Extracted("_SETROPTS", "_SETROPTS", False, _setropts(state))
    if profile_type == "USER":
        if name not in state["users"]:
            return NOT_FOUND, None
        if not _may_list_user(state, name):
            return NOT_AUTHORIZED, None
        return SUCCESS, Extracted(name, "USER", False, _user(state, name))
    if profile_type not in state["cdt"]:
        return CLASS_NOT_IN_CDT, None
    profile = state["profiles"].get(profile_type, {}).get(name)
    if profile is None or profile.get("generic"):  # generic FALSE: the discrete profile only [1.1]
        return NOT_FOUND, None
    if not _may_list_resource(state, profile):
        return NOT_AUTHORIZED, None
    return SUCCESS, Extracted(name, profile_type, False, _resource(state, profile_type, name))
