# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Parser of RACF ``LISTUSER`` output (z/OS side: standard library only).

Layout of the base segment [real, reference listuser.txt]::

    USER=SQUIDWRD  NAME=SQUIDWARD             OWNER=LEONARD   CREATED=23.094
     DEFAULT-GROUP=SYS1     PASSDATE=00.000 PASS-INTERVAL=186 PHRASEDATE=N/A
     ATTRIBUTES=NONE
     REVOKE DATE=NONE   RESUME DATE=NONE
     ...
      GROUP=SYS1      AUTH=USE      CONNECT-OWNER=LEONARD   CONNECT-DATE=23.094
        CONNECTS=    00  UACC=NONE     LAST-CONNECT=UNKNOWN
        CONNECT ATTRIBUTES=NONE
        REVOKE DATE=NONE   RESUME DATE=NONE

Revoke and resume dates are written out with blanks (``REVOKE DATE=OCTOBER
22, 2023``) and are read whole.

Tolerances: leading blanks on any line (tsocmd adds one), varying spacing,
a NAME with blanks, several ``ATTRIBUTES=`` lines (their keywords are joined),
segment sections (``TSO INFORMATION`` ...) after the base segment, and further
users in the same listing (only the first is parsed).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import USER_NOT_FOUND

_USER_LINE = re.compile(
    r"^\s*USER=(?P<user>\S+)\s+NAME=(?P<name>.*?)\s+OWNER=(?P<owner>\S+)(?:\s+CREATED=(?P<created>\S+))?"
)
_FIELD = re.compile(r"(?P<key>[A-Z][A-Z-]*)=\s*(?P<value>\S+)")
_ATTRIBUTES_LINE = re.compile(r"^\s*ATTRIBUTES=(?P<value>.*)$")
# dates carry blanks: "REVOKE DATE=OCTOBER 22, 2023   RESUME DATE=NONE" [doc]
_REVOKE_LINE = re.compile(r"^\s*REVOKE DATE=(?P<revoke>.*?)\s+RESUME DATE=(?P<resume>.*?)\s*$")
_CONNECT_LINE = re.compile(r"^\s*GROUP=(?P<group>\S+)\s+AUTH=(?P<auth>\S+)(?:\s+CONNECT-OWNER=(?P<owner>\S+))?")
_CONNECT_ATTRIBUTES_LINE = re.compile(r"^\s*CONNECT ATTRIBUTES=(?P<value>.*)$")
_SEGMENT_HEADING = re.compile(r"^\s*(?:NO\s+)?[A-Z0-9]+ INFORMATION\b")
_CLASS_AUTHORIZATIONS_LINE = re.compile(r"^\s*CLASS AUTHORIZATIONS=(?P<value>.*)$")


def _keywords(value):
    """``'SPECIAL OPERATIONS'`` -> ``['SPECIAL', 'OPERATIONS']``; ``NONE`` -> ``[]``."""
    return [word for word in value.split() if word.upper() != "NONE"]


def _none_if_unset(value):
    return None if value is None or value.upper() in ("NONE", "N/A", "UNKNOWN") else value


def parse_listuser(text):
    """Parse the first user of a LISTUSER listing (see ``parse_listuser_fields``)."""
    parsed = parse_listuser_fields(text)
    return None if parsed is None else parsed[0]


def parse_listuser_fields(text):
    """``(user dict, set of the base-segment keywords found)`` of the first user, or None when it does not exist.

    The keywords found (``USER``, ``ATTRIBUTES``, ``DEFAULT-GROUP``, ``REVOKE DATE``, ...)
    let a reader tell a field RACF listed as empty from one it could not find.
    Parse the first user of a LISTUSER listing.

    Returns ``None`` when RACF reports the user does not exist
    (``ICH30001I UNABLE TO LOCATE USER ENTRY <id>``). Raises ``ValueError`` when
    the text holds neither a user nor that message (for example an authority
    failure), so a caller never mistakes an error for "absent".

    The dict has ``user``, ``name``, ``owner``, ``created``,
    ``default_group``, ``attributes`` (list of keywords, e.g.
    ``['SPECIAL', 'PROTECTED']``), ``protected``, ``revoked``, ``special``,
    ``revoke_date``, ``resume_date``, ``pass_interval``, ``class_authorizations``,
    ``groups`` (connected group names) and ``connects`` (list of
    ``{group, auth, connect_owner, connect_attributes}``).
    """
    lines = text.splitlines()
    start = None
    for index, line in enumerate(lines):
        if _USER_LINE.match(line):
            start = index
            break
    if start is None:
        if USER_NOT_FOUND in text:
            return None
        raise ValueError("not a LISTUSER listing: no USER= line and no {0} message".format(USER_NOT_FOUND))

    head = _USER_LINE.match(lines[start])
    found = set(["USER"])
    fields = {}
    attributes = []
    class_authorizations = []
    revoke_date = resume_date = None
    connects = []
    for line in lines[start + 1 :]:
        if _USER_LINE.match(line) or _SEGMENT_HEADING.match(line):
            break
        connect = _CONNECT_LINE.match(line)
        if connect:
            connects.append(
                {
                    "group": connect.group("group"),
                    "auth": connect.group("auth"),
                    "connect_owner": connect.group("owner"),
                    "connect_attributes": [],
                }
            )
            continue
        if connects:
            # lines after the first GROUP= belong to a connection
            connect_attributes = _CONNECT_ATTRIBUTES_LINE.match(line)
            if connect_attributes:
                connects[-1]["connect_attributes"].extend(_keywords(connect_attributes.group("value")))
            continue
        attribute_line = _ATTRIBUTES_LINE.match(line)
        if attribute_line:
            found.add("ATTRIBUTES")
            attributes.extend(_keywords(attribute_line.group("value")))
            continue
        class_line = _CLASS_AUTHORIZATIONS_LINE.match(line)
        if class_line:
            class_authorizations.extend(_keywords(class_line.group("value")))
            continue
        revoke = _REVOKE_LINE.match(line)
        if revoke:
            found.add("REVOKE DATE")
            revoke_date, resume_date = revoke.group("revoke"), revoke.group("resume")
            continue
        for field in _FIELD.finditer(line):
            found.add(field.group("key"))
            fields.setdefault(field.group("key"), field.group("value"))

    upper_attributes = [attribute.upper() for attribute in attributes]
    user = {
        "user": head.group("user").upper(),
        "name": head.group("name").strip(),
        "owner": head.group("owner").upper(),
        "created": head.group("created"),
        "default_group": _none_if_unset(fields.get("DEFAULT-GROUP")),
        "pass_interval": _none_if_unset(fields.get("PASS-INTERVAL")),
        "attributes": upper_attributes,
        "protected": "PROTECTED" in upper_attributes,
        "revoked": "REVOKED" in upper_attributes,
        "special": "SPECIAL" in upper_attributes,
        "revoke_date": _none_if_unset(revoke_date),
        "resume_date": _none_if_unset(resume_date),
        "class_authorizations": class_authorizations,
        "groups": [connect["group"] for connect in connects],
        "connects": connects,
    }
    return user, found
