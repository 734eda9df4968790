"""PassTicket evaluation as RACF does it, against the simulated host.

Resolution [doc]: the PTKTDATA profiles APPL.GROUP.USER, APPL.USER, APPL.GROUP,
APPL (GROUP = the user's default group), most specific first, looked up only
in the RACLIST snapshot taken at the last RACLIST/REFRESH, discrete names
only. The first profile found decides. Enhanced keys are read live from the
CKDS by EPTKEYLABEL; a profile with both keys accepts either [spec].
Windows: legacy +-600 s, enhanced +-TIMEOUT, against the skewed clock.
Replay: rejected unless REPLAY(YES) (enhanced) or APPLDATA('NO REPLAY
PROTECTION') (legacy). PROTECTED and REVOKED users are rejected. Failed
attempts count against the user, who is revoked after ``revoke_after``
consecutive failures; a success resets the count.
"""
import os
import sys
import time

from . import listings, racf

ENGINE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "plugins", "plugin_utils")
LEGACY_WINDOW = 600
NO_REPLAY_APPLDATA = "NO REPLAY PROTECTION"


def _engine():
    if ENGINE_DIR not in sys.path:
        sys.path.insert(0, ENGINE_DIR)
    import _passticket  # pylint: disable=import-error,import-outside-toplevel
    return _passticket


class Rejected(Exception):
    """The ticket was not accepted; the text is the reason (never a key)."""

    def __init__(self, reason, counts=True):
        super().__init__(reason)
        self.counts = counts


def _profile_for(state, user_id, appl):
    user = state["users"][user_id]
    snapshot = state["raclisted"].get("PTKTDATA", {})
    group = user["dfltgrp"]
    for name in ("{0}.{1}.{2}".format(appl, group, user_id), "{0}.{1}".format(appl, user_id),
                 "{0}.{1}".format(appl, group), appl):
        if name in snapshot:
            return name, snapshot[name]
    return None, None


def _check(state, user_id, appl, ticket, when):
    classes = state["classes"]
    if "PTKTDATA" not in classes["active"] or "PTKTDATA" not in classes["raclist"]:
        raise Rejected("PTKTDATA class is not active and RACLISTed", counts=False)
    user = state["users"].get(user_id)
    if user is None:
        raise Rejected("user {0} is not defined to RACF".format(user_id), counts=False)
    if user.get("revoked"):
        raise Rejected("user {0} is REVOKED".format(user_id), counts=False)
    if user.get("protected"):
        raise Rejected("user {0} is PROTECTED and cannot sign on with a PassTicket".format(user_id), counts=False)
    name, profile = _profile_for(state, user_id, appl)
    if profile is None or not profile.get("ssignon"):
        raise Rejected("no PTKTDATA profile with an SSIGNON segment for {0} in the RACLISTed profiles".format(appl))
    ssignon = profile["ssignon"]
    engine = _engine()
    tries = []
    if ssignon.get("eptkeylabel"):
        key_hex = state["ckds"].get(ssignon["eptkeylabel"])
        if key_hex is None:
            raise Rejected("key label {0} of profile {1} is not in the CKDS".format(ssignon["eptkeylabel"], name))
        enhanced = listings.effective_enhanced(ssignon)
        tries.append(("enhanced", key_hex, enhanced["timeout"], enhanced["type"].lower(), enhanced["replay"] == "YES"))
    if ssignon.get("legacy_key_value"):
        reuse = (profile.get("appldata") or "").upper() == NO_REPLAY_APPLDATA
        tries.append(("legacy", ssignon["legacy_key_value"], LEGACY_WINDOW, "upper", reuse))
    if not tries:
        raise Rejected("profile {0} has no usable key (legacy KEYLABEL keys are not modelled)".format(name))
    for algorithm, key_hex, window, ptype, reuse in tries:
        try:
            generated = engine.evaluate(ticket, user_id, appl, key_hex, int(when), window,
                                        algorithm=algorithm, ptype=ptype)
        except engine.PassTicketError:
            generated = None
        if generated is not None:
            return algorithm, window, reuse
    raise Rejected("PassTicket not valid for {0}/{1} at the host's time".format(user_id, appl))


def evaluate(state, user_id, appl, ticket):
    """Evaluate and record the attempt in ``state``; return the algorithm or raise Rejected."""
    user_id, appl = user_id.upper(), appl.upper()
    when = racf.now(state)
    replay = state.setdefault("replay", {})
    for used in [k for k, expiry in replay.items() if expiry < when]:
        del replay[used]
    try:
        algorithm, window, reuse = _check(state, user_id, appl, ticket, when)
        used_key = "{0} {1} {2}".format(user_id, appl, ticket)
        if not reuse and used_key in replay:
            raise Rejected("PassTicket already used (replay protection)")
        if not reuse:
            replay[used_key] = when + window + 1
    except Rejected as rejection:
        user = state["users"].get(user_id)
        if rejection.counts and user is not None:
            user["failed"] = user.get("failed", 0) + 1
            if state.get("revoke_after") and user["failed"] >= state["revoke_after"]:
                user["revoked"] = True
        raise
    state["users"][user_id]["failed"] = 0
    state["users"][user_id]["last_access"] = time.strftime("%y.%j/%H:%M:%S", time.gmtime(when))
    return algorithm
