"""PassTicket evaluation as RACF does it, against the simulated host: at sign-on, and through R_TicketServ.

Resolution [doc]: the PTKTDATA profiles APPL.GROUP.USER, APPL.USER, APPL.GROUP,
APPL (GROUP = the user's default group), most specific first, looked up only
in the RACLIST snapshot taken at the last RACLIST/REFRESH, discrete names
only. The first profile found decides. Enhanced keys are read live from the
CKDS by EPTKEYLABEL; a profile with both keys accepts either [spec].
Windows: legacy +-600 s, enhanced +-TIMEOUT, against the skewed clock.
Replay: rejected unless REPLAY(YES) (enhanced) or APPLDATA('NO REPLAY
PROTECTION') (legacy).

Sign-on (``evaluate``, what ``zossim evaluate`` and ``serve`` do): PROTECTED
and REVOKED users are rejected. Failed attempts count against the user, who
is revoked after ``revoke_after`` consecutive failures; a success resets the
count.

R_TicketServ evaluate (``ticket_service``, what IBM's Java class
IRRPassTicket calls; the ``ticketserv`` shim) [doc, spec
passticket-evaluation.md 1.1, 1.4]: the caller needs READ to
``IRRPTAUTH.<appl>.<user>`` in PTKTDATA (generic profiles allowed; PTKTDATA
active; the in-storage profiles when it is RACLISTed, see ``authcheck``),
else 8/8/16. Then the ticket is evaluated as above, and any failure is
8/16/32: not a valid ticket, a replay, or no profile. It only evaluates: the
user need not exist nor be able to sign on ("does not check that the user ID
... can use it"), nothing is counted toward revocation ("There is no
revocation of users because of failed password attempts") and nobody is
signed on (no LAST-ACCESS). A success is remembered for replay like a
sign-on. Without a RACF user, only the APPL.USER and APPL profiles can apply
[inferred].
"""
import os
import sys
import time

from . import authcheck, listings, racf

ENGINE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "plugins", "plugin_utils")
LEGACY_WINDOW = 600
NO_REPLAY_APPLDATA = "NO REPLAY PROTECTION"
# R_TicketServ's answers (SAF return code, RACF return code, RACF reason code) [doc]
ACCEPTED = (0, 0, 0)
NOT_AUTHORIZED = (8, 8, 16)
EVALUATION_FAILED = (8, 16, 32)


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
    user = state["users"].get(user_id)
    snapshot = state["raclisted"].get("PTKTDATA", {})
    if user is None:
        names = ("{0}.{1}".format(appl, user_id), appl)
    else:
        group = user["dfltgrp"]
        names = ("{0}.{1}.{2}".format(appl, group, user_id), "{0}.{1}".format(appl, user_id),
                 "{0}.{1}".format(appl, group), appl)
    for name in names:
        profile = snapshot.get(name)
        if profile is not None and not profile.get("generic"):  # key profiles are discrete [doc]
            return name, profile
    return None, None


def _matching_key(state, user_id, appl, ticket, when):
    """``(algorithm, window, reuse)`` of the key in the profile in effect that generated ``ticket``, else Rejected."""
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
    return _matching_key(state, user_id, appl, ticket, when)


def _replay_list(state, when):
    """The remembered (user, application, ticket) entries, those whose window has passed dropped."""
    replay = state.setdefault("replay", {})
    for used in [k for k, expiry in replay.items() if expiry < when]:
        del replay[used]
    return replay


def _use(replay, user_id, appl, ticket, when, window, reuse):
    """Accept the ticket once: Rejected when it was accepted before and may not be reused; else remember it."""
    if reuse:
        return
    used_key = "{0} {1} {2}".format(user_id, appl, ticket)
    if used_key in replay:
        raise Rejected("PassTicket already used (replay protection)")
    replay[used_key] = when + window + 1


def evaluate(state, user_id, appl, ticket):
    """Sign-on: evaluate and record the attempt in ``state``; return the algorithm or raise Rejected."""
    user_id, appl = user_id.upper(), appl.upper()
    when = racf.now(state)
    replay = _replay_list(state, when)
    try:
        algorithm, window, reuse = _check(state, user_id, appl, ticket, when)
        _use(replay, user_id, appl, ticket, when, window, reuse)
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


def ticket_service(state, caller, user_id, appl, ticket):
    """R_TicketServ evaluate for ``caller``: ``(SAF rc, RACF rc, RACF reason)``; never counts a failure."""
    user_id, appl = user_id.upper(), appl.upper()
    allowed, _profile = authcheck.authorized(state, "PTKTDATA", "IRRPTAUTH.{0}.{1}".format(appl, user_id), caller,
                                             "READ")
    if not allowed:
        return NOT_AUTHORIZED
    if "PTKTDATA" not in state["classes"]["raclist"]:  # evaluation reads the in-storage profiles [doc]
        return EVALUATION_FAILED
    when = racf.now(state)
    replay = _replay_list(state, when)
    try:
        _algorithm, window, reuse = _matching_key(state, user_id, appl, ticket, when)
        _use(replay, user_id, appl, ticket, when, window, reuse)
    except Rejected:
        return EVALUATION_FAILED
    return ACCEPTED
