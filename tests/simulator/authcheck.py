"""Resource authorization checks on the simulated RACF (what RACROUTE REQUEST=AUTH decides).

R_TicketServ authorizes its caller with a resource check in PTKTDATA
(``IRRPTAUTH.<application>.<user>``, READ to evaluate, UPDATE to generate)
[doc, ich2d100430.htm]: "If the PTKTDATA class is inactive, or the resource is
not defined, the request will fail due to insufficient authority. All callers
... must pass the authorization check. Generic profiles may be used".

As simulated:

- The class must be active. When it is RACLISTed, the check reads the
  in-storage profiles (the RACLIST snapshot), so a new profile or PERMIT
  counts only after ``SETROPTS RACLIST(class) REFRESH`` [inferred, spec
  passticket-evaluation.md 1.3]; otherwise it reads the database.
- The profile protecting a resource is the discrete one of that name, else
  the most specific generic profile that matches it, when generic profile
  checking is active for the class (``SETROPTS GENERIC``) [doc]. A profile
  is generic when its name holds a generic character (``*``, ``%``) and
  generic profiles were active for the class when it was defined; otherwise
  RACF keeps it as a discrete profile whose name merely holds those
  characters (the "ghost generic" that R_admin's extract-next reports as
  4/4/20, spec racf-extract.md 1.2) [likely: that such profiles exist is
  documented, that RDEFINE makes them without SETROPTS GENERIC is inferred].
- Generic matching follows "Profile names for general resources" [doc,
  https://www.ibm.com/docs/SSLTBW_2.2.0/com.ibm.zos.v2r2.icha400/resour.htm]:
  ``%`` one character; ``*`` as a whole beginning or middle qualifier one
  qualifier, as the last qualifier one or more qualifiers, at the end of the
  name (``ABC.DEF*``) zero or more characters and qualifiers, at the end of a
  middle qualifier zero or more characters of it; ``**`` zero or more
  qualifiers. "Most specific" is taken as: the longest literal text before
  the first generic character, then the fewest generic characters [simulated:
  RACF's exact ordering of competing generics is not modelled].
- Access is the user's entry in the access list, else UACC. Groups, ``ID(*)``,
  conditional access lists, WARNING mode and the OPERATIONS attribute are not
  modelled [simulated].
"""

import re

# access levels, lowest first [doc]
ACCESS_LEVELS = ["NONE", "EXECUTE", "READ", "UPDATE", "CONTROL", "ALTER"]
GENERIC_CHARACTERS = "*%"


def is_generic_name(name):
    """True when ``name`` holds a generic character."""
    return any(char in name for char in GENERIC_CHARACTERS)


def _qualifier_pattern(qualifier, last):
    if qualifier == "*":
        return r"[^.]+(?:\.[^.]+)*" if last else r"[^.]+"
    out = []
    for position, char in enumerate(qualifier):
        if char == "%":
            out.append(r"[^.]")
        elif char == "*" and position == len(qualifier) - 1:
            out.append(r".*" if last else r"[^.]*")
        elif char == "*":
            out.append(r"[^.]*")
        else:
            out.append(re.escape(char))
    return "".join(out)


def generic_pattern(profile_name):
    """The compiled regex of the resource names a generic general-resource profile name matches."""
    qualifiers = profile_name.split(".")
    pattern = ""
    for index, qualifier in enumerate(qualifiers):
        last = index == len(qualifiers) - 1
        if qualifier == "**":
            if len(qualifiers) == 1:
                pattern = r".*"
            elif index == 0:
                pattern = r"(?:[^.]+\.)*"
            else:
                pattern += r"(?:\.[^.]+)*"
            continue
        if index > 0 and not pattern.endswith(r"(?:[^.]+\.)*"):
            pattern += r"\."
        pattern += _qualifier_pattern(qualifier, last)
    return re.compile(r"\A" + pattern + r"\Z")


def _specificity(profile_name):
    first = min(profile_name.find(char) for char in GENERIC_CHARACTERS if char in profile_name)
    return (first, -sum(profile_name.count(char) for char in GENERIC_CHARACTERS))


def covering_profile(profiles, resource, generic_active):
    """``(name, profile)`` of the profile that protects ``resource`` among ``profiles``, or ``(None, None)``."""
    profile = profiles.get(resource)
    if profile is not None and not profile.get("generic"):
        return resource, profile
    if not generic_active:
        return None, None
    candidates = [
        name
        for name, candidate in profiles.items()
        if candidate.get("generic") and generic_pattern(name).match(resource)
    ]
    if not candidates:
        return None, None
    best = max(candidates, key=_specificity)
    return best, profiles[best]


def access_of(profile, user_id):
    """The access ``user_id`` has through ``profile``: its access-list entry, else UACC."""
    return profile.get("access", {}).get(user_id, profile["uacc"])


def authorized(state, class_name, resource, user_id, needed):
    """``(allowed, profile name or None)``: may ``user_id`` access ``resource`` in ``class_name`` at level ``needed``?"""
    classes = state["classes"]
    if class_name not in classes["active"]:
        return False, None
    if class_name in classes["raclist"]:
        profiles = state["raclisted"].get(class_name, {})
    else:
        profiles = state["profiles"].get(class_name, {})
    name, profile = covering_profile(profiles, resource, class_name in classes["generic"])
    if profile is None:
        return False, None
    return ACCESS_LEVELS.index(access_of(profile, user_id)) >= ACCESS_LEVELS.index(needed), name
