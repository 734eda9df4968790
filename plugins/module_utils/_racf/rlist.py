# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Parser of RACF ``RLIST`` output (z/OS side: standard library only).

Base layout [real, reference rlist_base.txt]: each profile starts with a
``CLASS NAME`` heading; sections are a heading, a dashed underline and value
lines up to a blank line::

    CLASS      NAME
    -----      ----
    PTKTDATA   IOSHMCSM.HOSTUSR            (a generic profile ends in "(G)")

    LEVEL  OWNER      UNIVERSAL ACCESS  YOUR ACCESS  WARNING
    -----  --------   ----------------  -----------  -------
     00    ESWIFT          READ               READ    NO

    INSTALLATION DATA / APPLICATION DATA / AUDITING / NOTIFY sections

    SSIGNON INFORMATION                      (segments: "<NAME> INFORMATION")
    -------------------
    ...

This parser knows the layout of a listing; the grammar of a segment's lines
belongs to its resource and comes in ``segment_parsers``: the SSIGNON lines
are read by the field rows of ``_resources.ptktdata_profile.SSIGNON``
(``parse_ssignon``). Key values are never shown.
Wrapped installation/application data lines are joined without a separator
(provisional).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.messages import RLIST_NOT_FOUND, message_id

_PROFILE_HEADING = re.compile(r"^\s*CLASS\s+NAME\s*$", re.IGNORECASE)
_UNDERLINE = re.compile(r"^\s*-{2,}(?:\s+-{2,})*\s*$")
_CLASS_AND_NAME = re.compile(r"^\s*(?P<class>\S+)\s+(?P<name>\S+)(?:\s+\((?P<generic>G)\))?\s*$", re.IGNORECASE)
_SEGMENT_HEADING = re.compile(r"^\s*(?P<segment>[A-Z0-9]+)\s+INFORMATION\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*(?P<key>[A-Z][A-Z0-9 \-]*?)\s*(?:[:=]|\s+IS\s)\s*(?P<value>.*?)\s*$", re.IGNORECASE)

PROFILE_SECTIONS = {
    "INSTALLATION DATA": "installation_data",
    "APPLICATION DATA": "application_data",
    "AUDITING": "auditing",
    "NOTIFY": "notify",
}
_NO_NOTIFY = "NO USER TO BE NOTIFIED"


def _ends_block(lines, index):
    """A blank line, a message line (e.g. IRR52021I) or the next heading ends a block's values."""
    line = lines[index]
    return (
        not line.strip()
        or message_id(line) is not None
        or (index + 1 < len(lines) and _UNDERLINE.match(lines[index + 1]))
    )


def _blocks(lines):
    """Split a profile's lines into (heading, value lines) blocks: a heading is a line followed by a dashed underline."""
    blocks = []
    index = 0
    while index < len(lines):
        if index + 1 < len(lines) and lines[index].strip() and _UNDERLINE.match(lines[index + 1]):
            heading = lines[index]
            values = []
            index += 2
            while index < len(lines) and not _ends_block(lines, index):
                values.append(lines[index])
                index += 1
            blocks.append((heading, values))
        else:
            index += 1
    return blocks


def _none_if(value, *empty):
    return None if value is None or value.strip().upper() in empty else value


def _generic_segment(lines):
    """Fields of a segment without a dedicated grammar: ``KEY: value``/``KEY= value``/``KEY IS value``, flags as True."""
    fields = {}
    for line in lines:
        field = _FIELD.match(line)
        if field:
            fields[re.sub(r"[^a-z0-9]+", "_", field.group("key").strip().lower())] = field.group("value")
        elif line.strip():
            fields[re.sub(r"[^a-z0-9]+", "_", line.strip().lower())] = True
    return fields


def _parse_profile(lines, segment_parsers):
    profile = {
        "class": None,
        "name": None,
        "generic": False,
        "level": None,
        "owner": None,
        "uacc": None,
        "your_access": None,
        "warning": None,
        "installation_data": None,
        "application_data": None,
        "auditing": None,
        "notify": None,
        "segments": {},
    }
    for heading, values in _blocks(lines):
        title = " ".join(heading.split()).upper()
        segment = _SEGMENT_HEADING.match(heading)
        if _PROFILE_HEADING.match(heading):
            match = _CLASS_AND_NAME.match(values[0]) if values else None
            if match:
                profile["class"] = match.group("class").upper()
                profile["name"] = match.group("name").upper()
                profile["generic"] = bool(match.group("generic"))
        elif title.startswith("LEVEL") and "OWNER" in title:
            fields = values[0].split() if values else []
            if len(fields) >= 5:
                profile["level"], profile["owner"], profile["uacc"], profile["your_access"] = (
                    fields[0],
                    fields[1],
                    fields[2],
                    fields[3],
                )
                profile["warning"] = fields[4].upper() == "YES"
        elif title in PROFILE_SECTIONS:
            text = "".join(value.strip() for value in values)
            profile[PROFILE_SECTIONS[title]] = _none_if(text, "NONE", _NO_NOTIFY)
        elif segment:
            name = segment.group("segment").lower()
            profile["segments"][name] = segment_parsers.get(name, _generic_segment)(values)
    return profile


def parse_rlist(text, segment_parsers=None):
    """Parse RLIST text into a list of profile dicts (``[]`` when RACF reports none found).

    Each profile: ``class``, ``name``, ``generic``, ``level``, ``owner``,
    ``uacc``, ``your_access``, ``warning`` (bool), ``installation_data``,
    ``application_data``, ``auditing``, ``notify`` (None for NONE / no user)
    and ``segments`` (segment name in lower case -> dict of its fields; the
    segments without a parser in ``segment_parsers`` (segment name in lower
    case -> ``parse(lines)``) as ``KEY: value`` fields; the SSIGNON grammar is
    ``_resources.ptktdata_profile.RLIST_SEGMENT_PARSERS``).

    Raises ``ValueError`` when the text holds neither a profile nor the
    not-found message (ICH13003I), e.g. an authority failure, so that a caller
    never mistakes an error for "absent".
    """
    lines = text.splitlines()
    starts = [index for index, line in enumerate(lines) if _PROFILE_HEADING.match(line)]
    if not starts:
        if RLIST_NOT_FOUND in text:
            return []
        raise ValueError("not an RLIST listing: no CLASS NAME heading and no {0} message".format(RLIST_NOT_FOUND))
    profiles = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        profile = _parse_profile(lines[start:end], segment_parsers or {})
        if profile["name"]:
            profiles.append(profile)
    return profiles
