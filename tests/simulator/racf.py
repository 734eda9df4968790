"""RACF command processing on the simulated state.

``run_command(txn, image, transport)`` parses one TSO command image, applies it
to the state like RACF and returns ``(rc, output lines)``; it logs the image
(passwords masked, as RACF's SMF records do) with its rc. tsocmd and the RACF
exec both come here: same RACF, different transport.

Return codes [simulated per racf-behaviour.md section 1]: 0 ok; 4 RLIST /
LISTUSER of something that does not exist; 8 command refused (not
authorized, already defined, not defined, key label not in the CKDS); 12 TSO
parse errors (IKJ messages) and RACF not active.
"""
import copy
import re
import time

from . import authcheck, faults, icsf, listings, tso
from .tso import FLAG, LIST, RAW, SEGMENT, VALUE, TsoParseError

ACCESS_LEVELS = authcheck.ACCESS_LEVELS
USERID_RE = re.compile(r"^[A-Z#$@][A-Z0-9#$@]{0,7}$")
HEX16_RE = re.compile(r"^[0-9A-F]{16}$")
RACF_INACTIVE = "ICH00005I RACF IS NOT ACTIVE."  # [simulated]

# General resource classes the simulated CDT knows (IBM-supplied classes seen
# in the reference SETROPTS LIST); installation classes come from init --class.
IBM_CLASSES = """ACCTNUM ACEECHK ACICSPCT AIMS ALCSAUTH APPCLU APPCPORT APPCSERV APPCSI APPCTP APPL BCICSPCT CACHECLS
CBIND CCICSCMD CDT CFIELD CIMS COMMAND CONSOLE CPSMOBJ CPSMXMP CRYPTOZ CSFKEYS CSFSERV DASDVOL DASNAMES DBNFORM
DCEUUIDS DCICSDCT DEVICES DIGTCERT DIGTCRIT DIGTNMAP DIGTRING DIMS DIRACC DIRAUTH DIRSRCH DLFCLASS DSNADM DSNR
ECICSDCT EJBROLE FACILITY FCICSFCT FIELD FIMS FSACCESS FSEXEC FSOBJ FSSEC GCICSTRN GCSFKEYS GDASDVOL GEJBROLE GIMS
GINFOMAN GLOBAL GMBR GTERMINL GXCSFKEY GXFACILI HBRADMIN HBRCMD HBRCONN IBMOPC IDIDMAP IDTDATA ILMADMIN INFOMAN
JAVA JCICSJCT JESINPUT JESJOBS JESSPOOL KERBLINK LDAP LDAPBIND LFSCLASS LOGSTRM MCICSPPT MGMTCLAS MQADMIN MQCHAN
MQCMDS MQCONN MQNLIST MQPROC MQQUEUE NDSLINK NETCMDS NETSPAN NODES NODMBR NOTELINK NVASAPDT OPERCMDS PCICSPSB
PERFGRP PKISERV PMBR PRINTSRV PROCACT PROCESS PROGRAM PROPCNTL PSFMPL PTKTDATA PTKTVAL RACFEVNT RACFVARS RACGLIST
RAUDITX RCICSRES RDATALIB REALM RMTOPS RODMMGR RRSFDATA RVARSMBR SCDMBR SCICSTST SDSF SECDATA SECLMBR SERVAUTH
SERVER SMESSAGE SOMDOBJS STARTED STORCLAS SUBSYSNM SURROGAT SYSAUTO SYSMVIEW TAPEVOL TCICSTRN TEMPDSN TERMINAL
TSOAUTH TSOPROC UNIXMAP UNIXPRIV VTAMAPPL WBEM WRITER XCSFKEY XFACILIT ZMFAPLA ZMFCLOUD""".split()

SSIGNON_GRAMMAR = {
    "KEYMASKED": VALUE, "KEYENCRYPTED": VALUE, "KEYLABEL": VALUE, "NOLEGACYKEY": FLAG,
    "EPTKEYLABEL": VALUE, "NOEPTKEYLABEL": FLAG, "TYPE": VALUE, "TIMEOUT": VALUE, "REPLAY": VALUE,
}
LEGACY_FORMS = ("KEYMASKED", "KEYENCRYPTED", "KEYLABEL", "NOLEGACYKEY")
SESSION_GRAMMAR = {"SESSKEY": VALUE, "INTERVAL": VALUE, "LOCK": FLAG, "UNLOCK": FLAG, "CONVSEC": VALUE}
RDEFINE_GRAMMAR = {
    "APPLDATA": VALUE, "UACC": VALUE, "OWNER": VALUE, "DATA": VALUE, "LEVEL": VALUE, "NOTIFY": VALUE,
    "WARNING": FLAG, "AUDIT": RAW, "SSIGNON": (SEGMENT, SSIGNON_GRAMMAR), "SESSION": (SEGMENT, SESSION_GRAMMAR),
}
RALTER_GRAMMAR = dict(RDEFINE_GRAMMAR, NOAPPLDATA=FLAG, NODATA=FLAG, NOWARNING=FLAG, NONOTIFY=FLAG,
                      NOSSIGNON=FLAG, NOSESSION=FLAG)
RLIST_GRAMMAR = {"SSIGNON": FLAG, "SESSION": FLAG, "ALL": FLAG, "AUTHUSER": FLAG, "NORACF": FLAG, "GENERIC": FLAG}
PERMIT_GRAMMAR = {"CLASS": VALUE, "ID": LIST, "ACCESS": VALUE, "DELETE": FLAG, "RESET": FLAG, "GENERIC": FLAG}
ADDUSER_GRAMMAR = {
    "NAME": VALUE, "DFLTGRP": VALUE, "OWNER": VALUE, "PASSWORD": VALUE, "PHRASE": VALUE, "NOPASSWORD": FLAG,
    "SPECIAL": FLAG, "AUDITOR": FLAG, "OPERATIONS": FLAG, "RESTRICTED": FLAG, "DATA": VALUE, "OMVS": RAW, "TSO": RAW,
}
ALTUSER_GRAMMAR = dict(ADDUSER_GRAMMAR, NOSPECIAL=FLAG, NOAUDITOR=FLAG, NOOPERATIONS=FLAG, NORESTRICTED=FLAG,
                       REVOKE=FLAG, RESUME=FLAG, EXPIRED=FLAG, NOEXPIRED=FLAG, NOPHRASE=FLAG)
LISTUSER_GRAMMAR = {"TSO": FLAG, "OMVS": FLAG, "NORACF": FLAG}
SETROPTS_GRAMMAR = {
    "CLASSACT": LIST, "NOCLASSACT": LIST, "RACLIST": LIST, "NORACLIST": LIST, "GENERIC": LIST, "NOGENERIC": LIST,
    "GENCMD": LIST, "NOGENCMD": LIST, "REFRESH": FLAG, "LIST": FLAG,
}
SECRET_KEYWORDS = ("PASSWORD", "PHRASE")


class Refused(Exception):
    """RACF refused the command: ``lines`` are its messages, ``rc`` its return code."""

    def __init__(self, rc, *lines):
        super().__init__("\n".join(lines))
        self.rc = rc
        self.lines = list(lines)


def now(state):
    """The simulated (skewed) clock, UTC epoch seconds."""
    return time.time() + state.get("clock_skew", 0)


class Context:
    """One command against the state: the caller and helpers shared by handlers."""

    def __init__(self, state):
        self.state = state
        self.caller = state["caller"]
        self.special = bool(state["users"].get(self.caller, {}).get("special"))

    def raclisted(self, class_name):
        return class_name in self.state["classes"]["raclist"]

    def today(self):
        return listings.racf_date(now(self.state))


# --- operands shared by several commands -----------------------------------

def _invalid_class(verb, class_name):
    if verb == "RALTER":  # [real] rdefine_bad_class.txt
        return TsoParseError("IKJ56702I INVALID CLASS, {0}".format(class_name), "IKJ56712I INVALID KEYWORD, )")
    return TsoParseError("IKJ56702I INVALID CLASS, {0}".format(class_name), "IKJ56701I MISSING ENTITY NAME+",
                         "IKJ56701I MISSING NAME OF ENTITY IN SPECIFIED CLASS")


def _names(operand):
    """Names from a positional operand: ``NAME`` or ``(NAME NAME...)``."""
    if operand.quoted:
        raise tso.invalid_keyword("'" + operand.text + "'")
    if not operand.text:
        return [arg.text for arg in operand.args]
    return [operand.text]


def _class_and_names(ctx, verb, operands):
    """Positional class and profile names of RDEFINE/RALTER/RLIST/RDELETE."""
    if not operands:
        raise TsoParseError("IKJ56701I MISSING CLASS NAME")
    first = operands[0]
    class_name = first.text
    if class_name not in ctx.state["cdt"]:
        raise _invalid_class(verb, class_name or "(")
    if first.args is not None:
        names, rest = [arg.text for arg in first.args], operands[1:]
    elif len(operands) > 1:
        names, rest = _names(operands[1]), operands[2:]
    else:
        raise TsoParseError("IKJ56701I MISSING ENTITY NAME+", "IKJ56701I MISSING NAME OF ENTITY IN SPECIFIED CLASS")
    if not names or any(not n or len(n) > 246 for n in names):
        raise tso.invalid_operand("ENTITY NAME", " ".join(names))
    return class_name, names, rest


def _check_userid(user_id, what="USERID"):
    if not USERID_RE.match(user_id or ""):
        raise tso.invalid_operand(what, user_id)
    return user_id


def _check_choice(keyword, value, choices):
    value = value.upper()
    if value not in choices:
        raise tso.invalid_operand(keyword, value)
    return value


def _access_of(ctx, profile):
    return authcheck.access_of(profile, ctx.caller)


def _may_alter(ctx, profile):
    return ctx.special or profile["owner"] == ctx.caller or _access_of(ctx, profile) == "ALTER"


# --- SSIGNON and SESSION segments -------------------------------------------

SYSTEM_NAME = "SYSA"  # the simulated system's name [simulated]


def _generated_key_label(ctx):
    stamp = time.gmtime(now(ctx.state))
    ctx.state["key_label_serial"] = ctx.state.get("key_label_serial", 0) + 1
    return "IRR.SSIGNON.{0}.{1}.{2}.{3:06d}".format(
        SYSTEM_NAME, time.strftime("%m%d%Y", stamp), time.strftime("%H%M%S", stamp), ctx.state["key_label_serial"])


def _apply_ssignon(ctx, class_name, current, operands):
    """Return the new SSIGNON segment from ``current`` (or None) and the bound operands."""
    if class_name != "PTKTDATA":
        raise tso.invalid_keyword("SSIGNON")
    legacy = [keyword for keyword in operands if keyword in LEGACY_FORMS]
    if len(legacy) > 1:  # mutually exclusive [doc]; message [simulated]
        raise tso.invalid_keyword(legacy[1])
    segment = dict(current or {"legacy_key": None, "legacy_key_value": None, "legacy_keylabel": None,
                               "eptkeylabel": None, "type": None, "timeout": None, "replay": None})
    for form, kind in (("KEYMASKED", "masked"), ("KEYENCRYPTED", "encrypted")):
        if form in operands:
            value = operands[form].upper()
            if not HEX16_RE.match(value):
                raise tso.invalid_operand(form, value)
            # KEYENCRYPTED: RACF stores the key in the CKDS under a label it generates itself,
            # IRR.SSIGNON.sysname.mmddyyyy.hhmmss.nnnnnn [doc S45, S20]; RLIST shows that label
            label = _generated_key_label(ctx) if kind == "encrypted" else None
            segment.update(legacy_key=kind, legacy_key_value=value, legacy_keylabel=label)
    if "KEYLABEL" in operands:
        label = operands["KEYLABEL"].upper()
        if not icsf.valid_label(label):
            raise tso.invalid_operand("KEYLABEL", label)
        segment.update(legacy_key="label", legacy_key_value=None, legacy_keylabel=label)
    if "NOLEGACYKEY" in operands:
        segment.update(legacy_key=None, legacy_key_value=None, legacy_keylabel=None)
    if "EPTKEYLABEL" in operands:
        label = operands["EPTKEYLABEL"].upper()
        if not icsf.valid_label(label):
            raise tso.invalid_operand("EPTKEYLABEL", label)
        if label not in ctx.state["ckds"]:  # [doc: the label must exist]; message [simulated]
            raise Refused(8, "IRR52207I The key label {0} is not found in the CKDS.".format(label))
        segment["eptkeylabel"] = label
    if "NOEPTKEYLABEL" in operands:
        segment.update(eptkeylabel=None, type=None, timeout=None, replay=None)
    if "TYPE" in operands:
        segment["type"] = _check_choice("TYPE", operands["TYPE"], ("UPPER", "MIXED"))
    if "TIMEOUT" in operands:
        value = operands["TIMEOUT"]
        if not value.isdigit() or not 1 <= int(value) <= 600:
            raise tso.invalid_operand("TIMEOUT", value)
        segment["timeout"] = int(value)
    if "REPLAY" in operands:
        segment["replay"] = _check_choice("REPLAY", operands["REPLAY"], ("YES", "NO"))
    return segment


def _apply_session(current, operands):
    segment = dict(current or {"sesskey": None, "interval": None, "locked": False, "convsec": None})
    if "SESSKEY" in operands:
        if not HEX16_RE.match(operands["SESSKEY"]):
            raise tso.invalid_operand("SESSKEY", operands["SESSKEY"])
        segment["sesskey"] = operands["SESSKEY"]
    if "INTERVAL" in operands:
        if not operands["INTERVAL"].isdigit() or not 1 <= int(operands["INTERVAL"]) <= 32767:
            raise tso.invalid_operand("INTERVAL", operands["INTERVAL"])
        segment["interval"] = int(operands["INTERVAL"])
    if "LOCK" in operands or "UNLOCK" in operands:
        segment["locked"] = "LOCK" in operands
    if "CONVSEC" in operands:
        segment["convsec"] = operands["CONVSEC"]
    return segment


def _apply_profile_operands(ctx, class_name, profile, bound):
    if "UACC" in bound:
        profile["uacc"] = _check_choice("UACC", bound["UACC"], ACCESS_LEVELS)
    if "OWNER" in bound:
        profile["owner"] = _check_userid(bound["OWNER"].upper(), "OWNER")
    for keyword, field in (("APPLDATA", "appldata"), ("DATA", "data")):
        if keyword in bound:
            if len(bound[keyword]) > 255:
                raise tso.invalid_operand(keyword, bound[keyword][:20])
            profile[field] = bound[keyword]
        if "NO" + keyword in bound:
            profile[field] = None
    if "LEVEL" in bound:
        if not bound["LEVEL"].isdigit() or int(bound["LEVEL"]) > 99:
            raise tso.invalid_operand("LEVEL", bound["LEVEL"])
        profile["level"] = int(bound["LEVEL"])
    if "WARNING" in bound or "NOWARNING" in bound:
        profile["warning"] = "WARNING" in bound
    if "SSIGNON" in bound:
        profile["ssignon"] = _apply_ssignon(ctx, class_name, profile.get("ssignon"), bound["SSIGNON"])
    if bound.get("NOSSIGNON"):
        profile["ssignon"] = None
    if "SESSION" in bound:
        profile["session"] = _apply_session(profile.get("session"), bound["SESSION"])
    if bound.get("NOSESSION"):
        profile["session"] = None


# --- resource commands ------------------------------------------------------

def rdefine(ctx, operands):
    class_name, names, rest = _class_and_names(ctx, "RDEFINE", operands)
    bound = tso.bind(rest, RDEFINE_GRAMMAR)
    profiles = ctx.state["profiles"].setdefault(class_name, {})
    lines, rc = [], 0
    for name in names:
        if not ctx.special:
            lines.append("ICH10103I NOT AUTHORIZED TO DEFINE {0}.".format(name))
            rc = 8
            continue
        if name in profiles:
            lines.append("ICH10102I {0} ALREADY DEFINED TO CLASS {1}.".format(name, class_name))
            rc = 8
            continue
        profile = {"owner": ctx.caller, "uacc": "NONE", "appldata": None, "data": None, "level": 0,
                   "warning": False, "access": {ctx.caller: "ALTER"}, "ssignon": None, "session": None,
                   "created": ctx.today(),  # ADDCREATOR is in effect [real]
                   # generic only when generic profiles are active for the class, else a discrete
                   # profile whose name holds generic characters [likely] (see authcheck)
                   "generic": authcheck.is_generic_name(name) and class_name in ctx.state["classes"]["generic"]}
        _apply_profile_operands(ctx, class_name, profile, bound)
        profiles[name] = profile
        if ctx.raclisted(class_name):
            lines.append("ICH10006I RACLISTED PROFILES FOR {0} WILL NOT REFLECT THE ADDITION(S) UNTIL A "
                         "SETROPTS REFRESH IS ISSUED.".format(class_name))
    return rc, lines


# what RALTER and RDELETE say about each existing profile they change
_CHANGE_MESSAGES = {
    "RALTER": ("ICH11102I", "ICH11103I NOT AUTHORIZED TO ALTER {0}.",  # [simulated]
               "ICH11009I RACLISTED PROFILES FOR {0} WILL NOT REFLECT THE UPDATE(S) UNTIL A SETROPTS REFRESH IS ISSUED."),
    "RDELETE": ("ICH12102I", "ICH12103I NOT AUTHORIZED TO DELETE {0}.",  # [simulated]
                "ICH12002I RACLISTED PROFILES FOR {0} WILL NOT REFLECT THE DELETION(S) UNTIL A SETROPTS REFRESH IS ISSUED."),
}


def _change_existing(ctx, verb, operands, grammar, change):
    """RALTER/RDELETE: ``change(profiles, class_name, name, bound)`` on each named profile that exists and may be altered."""
    class_name, names, rest = _class_and_names(ctx, verb, operands)
    bound = tso.bind(rest, grammar)
    not_defined, not_authorized, raclisted = _CHANGE_MESSAGES[verb]
    profiles = ctx.state["profiles"].setdefault(class_name, {})
    lines, rc = [], 0
    for name in names:
        if name not in profiles:
            lines.append("{0} {1} NOT DEFINED TO CLASS {2}.".format(not_defined, name, class_name))
            rc = 8
            continue
        if not _may_alter(ctx, profiles[name]):
            lines.append(not_authorized.format(name))
            rc = 8
            continue
        change(profiles, class_name, name, bound)
        if ctx.raclisted(class_name):
            lines.append(raclisted.format(class_name))
    return rc, lines


def ralter(ctx, operands):
    def alter(profiles, class_name, name, bound):
        profile = copy.deepcopy(profiles[name])  # a failing operand leaves the profile as it was
        _apply_profile_operands(ctx, class_name, profile, bound)
        profiles[name] = profile

    return _change_existing(ctx, "RALTER", operands, RALTER_GRAMMAR, alter)


def rdelete(ctx, operands):
    def delete(profiles, _class_name, name, _bound):
        del profiles[name]

    return _change_existing(ctx, "RDELETE", operands, {}, delete)


def rlist(ctx, operands):
    class_name, names, rest = _class_and_names(ctx, "RLIST", operands)
    bound = tso.bind(rest, RLIST_GRAMMAR)
    segments = [segment for segment in ("SSIGNON", "SESSION") if bound.get(segment) or bound.get("ALL")]
    profiles = ctx.state["profiles"].get(class_name, {})
    lines, rc = [], 0
    for name in names:
        profile = profiles.get(name)
        if profile is None:
            lines.append("ICH13003I {0} NOT FOUND".format(name))
            rc = max(rc, 4)
            continue
        your_access = _access_of(ctx, profile)
        if not (ctx.special or profile["owner"] == ctx.caller or ACCESS_LEVELS.index(your_access) >= 2):
            lines.append("ICH13002I NOT AUTHORIZED TO LIST {0}".format(name))  # [simulated]
            rc = 8
            continue
        if lines:
            lines.append("")
        lines += listings.rlist(class_name, name, profile, your_access, segments, ctx.special)
    return rc, lines


def permit(ctx, operands):
    if not operands:
        raise TsoParseError("IKJ56701I MISSING PROFILE NAME")
    names = _names(operands[0])
    bound = tso.bind(operands[1:], PERMIT_GRAMMAR)
    class_name = bound.get("CLASS", "DATASET").upper()
    if class_name not in ctx.state["cdt"]:
        raise tso.invalid_operand("CLASS", class_name)
    ids = [_check_userid(user_id.upper(), "ID") for user_id in bound.get("ID", [])]
    access = _check_choice("ACCESS", bound.get("ACCESS", "READ"), ACCESS_LEVELS)
    profiles = ctx.state["profiles"].get(class_name, {})
    lines, rc = [], 0
    for name in names:
        profile = profiles.get(name)
        if profile is None:
            lines.append("ICH06004I {0} NOT DEFINED TO RACF".format(name))  # [simulated]
            rc = 8
            continue
        if not _may_alter(ctx, profile):
            lines.append("ICH06002I NOT AUTHORIZED TO ISSUE PERMIT ON {0}".format(name))  # [simulated]
            rc = 8
            continue
        if bound.get("RESET"):
            profile["access"] = {}
        for user_id in ids:
            if user_id not in ctx.state["users"]:
                lines.append("ICH06005I {0} NOT FOUND IN RACF DATA SET".format(user_id))  # [simulated]
                rc = 8
            elif bound.get("DELETE"):
                profile["access"].pop(user_id, None)
            else:
                profile["access"][user_id] = access
    # the reference PERMIT on a RACLISTed class printed nothing [real, permit_ok.txt]
    return rc, lines


# --- SETROPTS --------------------------------------------------------------

def _snapshot(state, class_name):
    state["raclisted"][class_name] = copy.deepcopy(state["profiles"].get(class_name, {}))


def setropts(ctx, operands):
    bound = tso.bind(operands, SETROPTS_GRAMMAR)
    if not bound:
        raise TsoParseError("IKJ56701I MISSING SETROPTS OPERAND")
    state = ctx.state
    classes = state["classes"]
    for keyword, values in bound.items():
        if keyword in ("REFRESH", "LIST"):
            continue
        values[:] = [value.upper() for value in values]
        allowed = state["cdt"] + (["DATASET"] if "GEN" in keyword else [])
        for value in values:
            if value not in allowed:  # [real] setropts_bad_class.txt
                raise TsoParseError("IKJ56702I INVALID {0}, {1}".format(keyword, value),
                                    "IKJ56701I MISSING CLASS NAMES FOR {0}+".format(keyword),
                                    "IKJ56701I MISSING CLASS NAMES:  ANY (NON-GROUP) RESOURCE CLASS")
    changes = [k for k in bound if k != "LIST"]
    if changes and not ctx.special:
        if bound.get("REFRESH") and "RACLIST" in bound:
            raise Refused(8, *["ICH14015I NOT AUTHORIZED TO REFRESH RACLIST CLASS {0}".format(c)
                               for c in bound["RACLIST"]])
        raise Refused(8, "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS.")  # [simulated]
    lines = []
    if bound.get("REFRESH"):
        if "RACLIST" not in bound and "GENERIC" not in bound:
            raise TsoParseError("IKJ56701I MISSING RACLIST OR GENERIC OPERAND FOR REFRESH")
        for class_name in bound.get("RACLIST", []):
            if class_name in classes["raclist"]:
                _snapshot(state, class_name)
            else:
                lines.append("ICH14070I SETROPTS RACLIST REFRESH had no effect on class {0}".format(class_name))
    else:
        for keyword, field in (("CLASSACT", "active"), ("RACLIST", "raclist"), ("GENERIC", "generic"),
                               ("GENCMD", "generic")):
            for class_name in bound.get(keyword, []):
                if class_name not in classes[field]:
                    classes[field].append(class_name)
                    if field == "raclist":
                        _snapshot(state, class_name)
            for class_name in bound.get("NO" + keyword, []):
                if class_name in classes[field]:
                    classes[field].remove(class_name)
                    if field == "raclist":
                        state["raclisted"].pop(class_name, None)
    if changes:
        lines.append("ICH14063I SETROPTS command complete.")
    if bound.get("LIST"):
        lines += listings.setropts_list(state)
    return 0, lines


# --- users ---------------------------------------------------------------

def _user_ids(operands, default=None):
    if not operands or operands[0].args is None and operands[0].text in ALTUSER_GRAMMAR:
        if default is None:
            raise TsoParseError("IKJ56701I MISSING USERID")
        return [default], operands
    return [_check_userid(user_id) for user_id in _names(operands[0])], operands[1:]


def _apply_user_operands(user, bound):
    if "NAME" in bound:
        if len(bound["NAME"]) > 20:
            raise tso.invalid_operand("NAME", bound["NAME"])
        user["name"] = bound["NAME"].upper()
    if "DFLTGRP" in bound:
        user["dfltgrp"] = _check_userid(bound["DFLTGRP"].upper(), "DFLTGRP")
    if "OWNER" in bound:
        user["owner"] = _check_userid(bound["OWNER"].upper(), "OWNER")
    for keyword in SECRET_KEYWORDS:
        if keyword in bound:
            if not 1 <= len(bound[keyword]) <= (8 if keyword == "PASSWORD" else 100):
                raise tso.invalid_operand(keyword, "")
            user["protected"] = False
            user["expired"] = True
    if bound.get("NOPASSWORD") and not user.get("phrase"):
        user["protected"] = True
    if "PHRASE" in bound:
        user["phrase"] = True
    if bound.get("NOPHRASE"):
        user["phrase"] = False
    for attribute in ("SPECIAL", "REVOKE", "EXPIRED"):
        flag = {"REVOKE": "revoked", "EXPIRED": "expired"}.get(attribute, attribute.lower())
        if bound.get(attribute):
            user[flag] = True
        if bound.get("NO" + attribute) or (attribute == "REVOKE" and bound.get("RESUME")):
            user[flag] = False
    if bound.get("RESUME"):
        user["failed"] = 0


def adduser(ctx, operands):
    user_ids, rest = _user_ids(operands)
    bound = tso.bind(rest, ADDUSER_GRAMMAR)
    lines, rc = [], 0
    for user_id in user_ids:
        if not ctx.special:
            lines.append("ICH01005I NOT AUTHORIZED TO ADD USER {0}".format(user_id))  # [simulated]
            rc = 8
            continue
        if user_id in ctx.state["users"]:
            lines.append("IKJ56702I INVALID USERID, {0}".format(user_id))  # [likely]
            rc = 8
            continue
        user = new_user(ctx.caller, ctx.today(), protected=True)
        _apply_user_operands(user, bound)
        ctx.state["users"][user_id] = user
        if user["protected"]:
            lines.append("ICH01024I User {0} is defined as PROTECTED.".format(user_id))  # [real]
    return rc, lines


def new_user(owner, today, protected, special=False, revoked=False):
    return {"name": None, "owner": owner, "dfltgrp": "SYS1", "created": today, "special": special,
            "protected": protected, "phrase": False, "revoked": revoked, "expired": False, "failed": 0}


def altuser(ctx, operands):
    user_ids, rest = _user_ids(operands)
    bound = tso.bind(rest, ALTUSER_GRAMMAR)
    lines, rc = [], 0
    for user_id in user_ids:
        user = ctx.state["users"].get(user_id)
        if user is None:
            lines.append("ICH21001I UNABLE TO LOCATE USER {0}".format(user_id))  # [simulated]
            rc = 8
            continue
        if not (ctx.special or user["owner"] == ctx.caller):
            lines.append("ICH21005I NOT AUTHORIZED TO ALTER {0}".format(user_id))  # [simulated]
            rc = 8
            continue
        user = copy.deepcopy(user)
        _apply_user_operands(user, bound)
        ctx.state["users"][user_id] = user
    return rc, lines


def listuser(ctx, operands):
    user_ids, rest = _user_ids(operands, default=ctx.caller)
    tso.bind(rest, LISTUSER_GRAMMAR)
    lines, rc = [], 0
    for user_id in user_ids:
        user = ctx.state["users"].get(user_id)
        if user is None:
            lines.append("ICH30001I UNABLE TO LOCATE USER    ENTRY {0}".format(user_id))  # [real]
            rc = max(rc, 4)
            continue
        if not (ctx.special or user_id == ctx.caller or user["owner"] == ctx.caller):
            lines.append("ICH30005I NOT AUTHORIZED TO LIST {0}".format(user_id))  # [simulated]
            rc = 8
            continue
        lines += listings.listuser(user_id, user, now(ctx.state))
    return rc, lines


def deluser(ctx, operands):
    user_ids, rest = _user_ids(operands)
    tso.bind(rest, {})
    lines, rc = [], 0
    for user_id in user_ids:
        if user_id not in ctx.state["users"]:
            lines.append("ICH04001I USER {0} NOT DEFINED TO RACF".format(user_id))  # [simulated]
            rc = 8
        elif not ctx.special:
            lines.append("ICH04005I NOT AUTHORIZED TO DELETE USER {0}".format(user_id))  # [simulated]
            rc = 8
        else:
            del ctx.state["users"][user_id]
    return rc, lines


# verb: (aliases, handler, message when the caller is not authorized (fault injection))
VERBS = {
    "SETROPTS": (("SETR",), setropts, "ICH14002I NOT AUTHORIZED TO ISSUE SETROPTS."),
    "RDEFINE": (("RDEF",), rdefine, "ICH10103I NOT AUTHORIZED TO DEFINE {name}."),
    "RALTER": (("RALT",), ralter, "ICH11103I NOT AUTHORIZED TO ALTER {name}."),
    "RLIST": (("RL",), rlist, "ICH13002I NOT AUTHORIZED TO LIST {name}"),
    "RDELETE": (("RDEL",), rdelete, "ICH12103I NOT AUTHORIZED TO DELETE {name}."),
    "PERMIT": (("PE",), permit, "ICH06002I NOT AUTHORIZED TO ISSUE PERMIT ON {name}"),
    "ADDUSER": (("AU",), adduser, "ICH01005I NOT AUTHORIZED TO ADD USER {name}"),
    "ALTUSER": (("ALU",), altuser, "ICH21005I NOT AUTHORIZED TO ALTER {name}"),
    "LISTUSER": (("LU",), listuser, "ICH30005I NOT AUTHORIZED TO LIST {name}"),
    "DELUSER": (("DU",), deluser, "ICH04005I NOT AUTHORIZED TO DELETE USER {name}"),
}
VERB_ALIASES = {alias: verb for verb, (aliases, _h, _m) in VERBS.items() for alias in aliases}


def mask_secrets(image):
    """The image as RACF records it: PASSWORD/PHRASE operand values replaced."""
    def mask(match):
        word = match.group(1).upper()
        try:
            keyword = tso.resolve(word, ALTUSER_GRAMMAR)
        except TsoParseError:
            return match.group(0)
        return match.group(1) + "(********)" if keyword in SECRET_KEYWORDS else match.group(0)
    return re.sub(r"\b([A-Za-z]+)\s*\(\s*('(?:[^']|'')*'|[^)\s]*)\s*\)", mask, image)


def _injected_fault(state, verb, image, operands):
    mode = faults.take(state, verb, image)
    if mode is None:
        return None
    if mode == "racf-inactive":
        return Refused(12, RACF_INACTIVE)
    return Refused(8, VERBS[verb][2].format(name=_subject(verb, operands)))


def _subject(verb, operands):
    """The profile or user a command is about (for messages), or ''."""
    if verb in ("RDEFINE", "RALTER", "RLIST", "RDELETE"):
        if operands and operands[0].args:
            return operands[0].args[0].text
        operands = operands[1:]
    if not operands or verb == "SETROPTS":
        return ""
    first = operands[0]
    return first.text or (first.args[0].text if first.args else "")


def run_command(txn, image, transport):
    """Process one command image; return (rc, output lines) and log it."""
    verb = "?"
    try:
        word, operands = tso.parse(image)
        verb = VERB_ALIASES.get(word, word)
        if verb not in VERBS:
            raise TsoParseError("IKJ56500I COMMAND {0} NOT FOUND".format(word))
        fault = _injected_fault(txn.state, verb, image, operands)
        if fault:
            raise fault
        rc, lines = VERBS[verb][1](Context(txn.state), operands)
    except TsoParseError as error:
        rc, lines = 12, error.lines
    except Refused as refusal:
        rc, lines = refusal.rc, refusal.lines
    txn.log(transport, verb, mask_secrets(image), rc)
    return rc, lines
