"""RACF output layouts: SETROPTS LIST, RLIST and LISTUSER, rendered from state.

The layouts follow the real output in tests/fixtures/racf-output/ [real]; the
SSIGNON section follows the one form reported from a real system
(rlist_ssignon_reported.txt: ``<Legacy|Enhanced> PassTicket: <field> <: or =>
<value>``); its lines for KEYMASKED, KEYLABEL, the enhanced key label and TYPE
follow the same grammar and are UNCONFIRMED.
Each layout lives here once; the command processors only choose what to show.
"""
import time

# Prose lines of SETROPTS LIST after the class lists, as on the reference
# system [real]; the simulator models none of these options.
SETROPTS_PROSE = """AUTOMATIC DATASET PROTECTION IS NOT IN EFFECT
ENHANCED GENERIC NAMING IS IN EFFECT
REAL DATA SET NAMES OPTION IS INACTIVE
JES-BATCHALLRACF OPTION IS ACTIVE
JES-XBMALLRACF OPTION IS INACTIVE
JES-EARLYVERIFY OPTION IS INACTIVE
PROTECT-ALL OPTION IS NOT IN EFFECT
TAPE DATA SET PROTECTION IS ACTIVE
SECURITY RETENTION PERIOD IN EFFECT IS     0 DAYS.
ERASE-ON-SCRATCH IS INACTIVE
SINGLE LEVEL NAMES NOT ALLOWED
LIST OF GROUPS ACCESS CHECKING IS ACTIVE.
INACTIVE USERIDS ARE BEING AUTOMATICALLY REVOKED AFTER 255 DAYS.
DATA SET MODELLING IS BEING DONE FOR GDGS.
USER DATA SET MODELLING IS BEING DONE.
GROUP DATA SET MODELLING IS BEING DONE.
PASSWORD PROCESSING OPTIONS:
THE ACTIVE PASSWORD ENCRYPTION ALGORITHM IS LEGACY
PASSWORD CHANGE INTERVAL IS 186 DAYS.
PASSWORD MINIMUM CHANGE INTERVAL IS   0 DAYS.
MIXED CASE PASSWORD SUPPORT IS NOT IN EFFECT
SPECIAL CHARACTERS ARE NOT ALLOWED.
NO PASSWORD HISTORY BEING MAINTAINED.
{revoke_line}
PASSWORD EXPIRATION WARNING LEVEL IS  10 DAYS.
INSTALLATION PASSWORD SYNTAX RULES:
RULE 1  LENGTH(4:8)   ********
LEGEND:
A-ALPHA C-CONSONANT L-ALPHANUM N-NUMERIC V-VOWEL W-NOVOWEL *-ANYTHING
c-MIXED CONSONANT m-MIXED NUMERIC v-MIXED VOWEL $-NATIONAL s-SPECIAL
x-MIXED ALL
DEFAULT RVARY PASSWORD IS IN EFFECT FOR THE SWITCH FUNCTION.
DEFAULT RVARY PASSWORD IS IN EFFECT FOR THE STATUS FUNCTION.
SECLABEL CONTROL IS NOT IN EFFECT
GENERIC OWNER ONLY IS NOT IN EFFECT
COMPATIBILITY MODE IS NOT IN EFFECT
MULTI-LEVEL QUIET IS NOT IN EFFECT
MULTI-LEVEL STABLE IS NOT IN EFFECT
NO WRITE-DOWN IS NOT IN EFFECT
MULTI-LEVEL ACTIVE IS NOT IN EFFECT
CATALOGUED DATA SETS ONLY, IS NOT IN EFFECT
USER-ID FOR JES NJEUSERID IS : ????????
USER-ID FOR JES UNDEFINEDUSER IS : ++++++++
PARTNER LU-VERIFICATION SESSIONKEY INTERVAL MAXIMUM/DEFAULT IS    30 DAYS.
ADDCREATOR IS IN EFFECT
KERBLVL =     0
MULTI-LEVEL FILE SYSTEM IS NOT IN EFFECT
MULTI-LEVEL INTERPROCESS COMMUNICATIONS IS NOT IN EFFECT
MULTI-LEVEL NAME HIDING IS NOT IN EFFECT
SECURITY LABEL BY SYSTEM IS NOT IN EFFECT
PRIMARY LANGUAGE DEFAULT : ENU
SECONDARY LANGUAGE DEFAULT : ENU"""

# the reference output wraps class lists at about these widths [real, approximately]
FIRST_LINE_WIDTH = 74
CONTINUATION_WIDTH = 60
ALWAYS_ACTIVE = ["DATASET", "USER", "GROUP"]


def class_list(heading, names):
    """``HEADING =  A B C`` wrapped onto continuation lines without ``=``."""
    separator = " = " if heading == "ACTIVE CLASSES" else " =  "
    if not names:
        return [heading + separator + "NONE"]
    lines = []
    current = heading + separator + names[0]
    width = FIRST_LINE_WIDTH
    for name in names[1:]:
        if len(current) + 1 + len(name) > width:
            lines.append(current)
            current, width = name, CONTINUATION_WIDTH
        else:
            current += " " + name
    lines.append(current)
    return lines


def setropts_list(state):
    classes = state["classes"]
    active = ALWAYS_ACTIVE + sorted(c for c in classes["active"] if c not in ALWAYS_ACTIVE)
    generic = sorted(classes["generic"])
    lines = ["ATTRIBUTES = INITSTATS WHEN(PROGRAM -- BASIC) TERMINAL(READ)", "STATISTICS = NONE"]
    lines += class_list("ACTIVE CLASSES", active)
    lines += class_list("GENERIC PROFILE CLASSES", generic)
    lines += class_list("GENERIC COMMAND CLASSES", generic)
    lines += class_list("GENLIST CLASSES", [])
    lines += class_list("GLOBAL CHECKING CLASSES", [])
    lines += class_list("SETR RACLIST CLASSES", sorted(classes["raclist"]))
    lines += class_list("GLOBAL=YES RACLIST ONLY", [])
    revoke_line = ("USERIDS NOT BEING AUTOMATICALLY REVOKED." if not state["revoke_after"]
                   else "AFTER {0} CONSECUTIVE UNSUCCESSFUL PASSWORD ATTEMPTS, A USERID WILL BE REVOKED.".format(
                       state["revoke_after"]))
    lines += SETROPTS_PROSE.format(revoke_line=revoke_line).splitlines()
    return lines


def _section(title, body):
    return ["", title, "-" * len(title)] + body


def ssignon_lines(ssignon):
    """The SSIGNON INFORMATION body in the reported form; never a key value.

    [reported] ``Legacy PassTicket: KEYENCRYPTED LABEL: <RACF's label>``,
    ``Enhanced PassTicket: Timeout = <n>``, ``Enhanced PassTicket: Replay allowed = <Yes|No>``;
    [UNCONFIRMED, same grammar] the KEYMASKED, KEYLABEL, key label and Type lines.
    """
    body = []
    legacy = ssignon.get("legacy_key")
    if legacy == "masked":
        body.append("Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE")
    elif legacy == "encrypted":
        body.append("Legacy PassTicket: KEYENCRYPTED LABEL: {0}".format(ssignon["legacy_keylabel"]))
    elif legacy == "label":
        body.append("Legacy PassTicket: KEYLABEL LABEL: {0}".format(ssignon["legacy_keylabel"]))
    enhanced = effective_enhanced(ssignon)
    if ssignon.get("eptkeylabel"):
        body += [
            "Enhanced PassTicket: Key label = {0}".format(ssignon["eptkeylabel"]),
            "Enhanced PassTicket: Type = {0}".format(enhanced["type"]),
        ]
    if ssignon.get("eptkeylabel") or ssignon.get("timeout") is not None or ssignon.get("replay") is not None:
        body += [
            "Enhanced PassTicket: Timeout = {0}".format(enhanced["timeout"]),
            "Enhanced PassTicket: Replay allowed = {0}".format("Yes" if enhanced["replay"] == "YES" else "No"),
        ]
    return body


def effective_enhanced(ssignon):
    """TYPE/TIMEOUT/REPLAY with RACF's defaults (MIXED, 60, NO) [doc]."""
    return {
        "type": ssignon.get("type") or "MIXED",
        "timeout": ssignon.get("timeout") or 60,
        "replay": ssignon.get("replay") or "NO",
    }


def rlist(class_name, name, profile, your_access, segments, special):
    """RLIST output of one profile; ``segments`` are the segment keywords given."""
    prefix = " {0:02d}    {1:<8}        {2}".format(profile.get("level", 0), profile["owner"], profile["uacc"])
    lines = [
        "CLASS      NAME",
        "-----      ----",
        "{0:<10} {1}".format(class_name, name) + (" (G)" if profile.get("generic") else ""),  # [likely]
        "",
        "LEVEL  OWNER      UNIVERSAL ACCESS  YOUR ACCESS  WARNING",
        "-----  --------   ----------------  -----------  -------",
        prefix + your_access.rjust(46 - len(prefix)) + "    " + ("YES" if profile.get("warning") else "NO"),
    ]
    lines += _section("INSTALLATION DATA", [profile.get("data") or "NONE"])
    lines += _section("APPLICATION DATA", [profile.get("appldata") or "NONE"])
    lines += _section("AUDITING", ["FAILURES(READ)"])
    lines += _section("NOTIFY", ["NO USER TO BE NOTIFIED"])
    if "SESSION" in segments and profile.get("session"):
        session = profile["session"]
        lines += _section("SESSION INFORMATION", [
            "SESSION KEY IS {0}".format(session.get("sesskey") or "NOT SPECIFIED"),
            "SESSION KEY INTERVAL IS {0:05d} DAYS".format(session.get("interval") or 30),
        ] + (["LOCKED"] if session.get("locked") else ["NOT LOCKED"])
            + ["CONVSEC= {0}".format(session.get("convsec") or "CONV")])
    if "SSIGNON" in segments:
        if not special:
            lines.append("IRR52021I You are not authorized to view SSIGNON segments.")
        elif profile.get("ssignon"):
            lines += _section("SSIGNON INFORMATION", ssignon_lines(profile["ssignon"]))
    return lines


def racf_date(epoch):
    return time.strftime("%y.%j", time.gmtime(epoch))


def listuser(user_id, user, epoch):
    """LISTUSER output of one user [real layout, listuser.txt]."""
    attributes = [a for a, on in (("SPECIAL", user.get("special")), ("PROTECTED", user.get("protected")),
                                  ("REVOKED", user.get("revoked"))) if on]
    password_fields = ("PASSDATE=N/A PASS-INTERVAL=N/A" if user.get("protected")
                       else "PASSDATE={0} PASS-INTERVAL=186".format("00.000" if user.get("expired") else user["created"]))
    return [
        "USER={0:<8}  NAME={1:<20}  OWNER={2:<8}  CREATED={3}".format(
            user_id, user.get("name") or "UNKNOWN", user["owner"], user["created"]),
        " DEFAULT-GROUP={0:<8} {1} PHRASEDATE=N/A".format(user["dfltgrp"], password_fields),
        " ATTRIBUTES={0}".format(" ".join(attributes) or "NONE"),
        " REVOKE DATE=NONE   RESUME DATE=NONE",
        " LAST-ACCESS={0}".format(user.get("last_access") or "UNKNOWN"),
        " CLASS AUTHORIZATIONS=NONE",
        " NO-INSTALLATION-DATA",
        " NO-MODEL-NAME",
        " LOGON ALLOWED   (DAYS)          (TIME)",
        " ---------------------------------------------",
        " ANYDAY                          ANYTIME",
        "  GROUP={0:<8}  AUTH=USE      CONNECT-OWNER={1:<8}  CONNECT-DATE={2}".format(user["dfltgrp"], user["owner"],
                                                                                      user["created"]),
        "    CONNECTS=    00  UACC=NONE     LAST-CONNECT=UNKNOWN",
        "    CONNECT ATTRIBUTES=NONE",
        "    REVOKE DATE=NONE   RESUME DATE=NONE",
        "SECURITY-LEVEL=NONE SPECIFIED",
        "CATEGORY-AUTHORIZATION",
        " NONE SPECIFIED",
        "SECURITY-LABEL=NONE SPECIFIED",
    ]
