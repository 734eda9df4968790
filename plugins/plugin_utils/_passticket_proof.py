# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The on-host PassTicket proof, controller side: which tickets RACF evaluates, and what its answers mean.

RACF evaluates tickets through R_TicketServ (IBM's Java class IRRPassTicket,
run on z/OS by the program in ``module_utils/_zos/evaluate_java.py``). The key
never leaves the controller: the tickets are made here, with the collection's
PassTicket engine (``_passticket``), and only they travel, as secrets.

The schedule (``plan_proof``), in the order RACF evaluates it; the program
stops at the first ticket RACF accepts:

1. The proof: an enhanced ticket of the expected TYPE for controller time
   ``now - TIMEOUT/2`` (``t0``; at least one second ago). CSM makes tickets for
   its own current second, so the proof never uses up a ticket CSM is about to
   present (unless CSM's clock lags the controller's by TIMEOUT/2), and its
   acceptance shows that the clocks agree within half the window
   (docs/reference/passticket-evaluation.md).
2. The TYPE diagnostic: a ticket of the other TYPE for the same ``t0``. A
   TYPE(MIXED) profile rejects UPPER tickets made from the right key (and the
   other way round), which by itself looks like a wrong key; R_TicketServ's
   codes do not tell them apart (8/16/32 for both), so the proof asks RACF
   whether the same key and time pass as the other TYPE.
3. The clock search: tickets of the expected TYPE for ``t0 - k*TIMEOUT`` and
   ``t0 + k*TIMEOUT``, k = 1, 2, ..., the past one first at each distance,
   up to about an hour each way (``SEARCH_SPAN``), at most ``MAX_STEPS`` each
   way. Steps of TIMEOUT leave no gap between the clock offsets each ticket
   covers whether RACF's window is one-sided (valid for TIMEOUT after the
   ticket's time) or symmetric (TIMEOUT either side; UNCONFIRMED which). A
   ticket accepted at ``t0 + d`` means the host clock is about ``d`` seconds
   ahead of the controller's (behind when ``d`` is negative): within
   TIMEOUT/2 of that for a one-sided window, between ``d - 3*TIMEOUT/2`` and
   ``d + TIMEOUT/2`` for a symmetric one (the nearer tickets were
   rejected, so the first one accepted is the nearest). A ticket for a later time than now is one CSM could present
   itself once its clock reaches it; the first such ticket (``t0 + TIMEOUT``)
   is accepted only when the host clock already runs TIMEOUT/2 or more ahead,
   and ``search_ahead=False`` leaves all of them out.

``interpret`` turns RACF's answers (one per ticket evaluated, as the module
returns them: ``valid``, ``saf_rc``, ``racf_rc``, ``racf_reason``) into the
result of the proof: ``valid`` (RACF accepted the proof ticket), the proof
ticket's ``saf_rc``, ``racf_rc`` and ``racf_reason``, ``clock_offset`` when a
ticket at an offset was accepted, ``finding`` (one word for the role to act on)
and a plain-language ``diagnosis``. Findings:

- ``accepted``: RACF accepted the proof ticket.
- ``not_authorized``: 8/8/16; names the profile ``IRRPTAUTH.<appl>.<user>``
  in PTKTDATA and the access (READ) the evaluating user lacks.
- ``service_refused``: any other answer that is not a verdict on a ticket
  (4/0/0 RACF not installed, 8/8/x parameter or internal errors).
- ``type_mismatch``: the other TYPE's ticket was accepted.
- ``clock_skew``: a ticket at an offset was accepted (``clock_offset``).
- ``missing_profile``: nothing was accepted and the caller read that the
  user-qualified profile ``<appl>.<user>`` is not in the RACF database
  (``profile_defined=False``): R_TicketServ cannot say so itself.
- ``key_mismatch``: nothing was accepted: the key in effect is not the one
  given (wrong key under the label, a REFRESH missing, another profile in
  effect), or the clocks differ by more than the search covered.

No function here returns, logs or puts a ticket or the key into any text;
``ProofPlan.tickets()`` is the one place the tickets come out, for the module's
``no_log`` input.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket

SEARCH_SPAN = 3600
MAX_STEPS = 60
TIMEOUT_RANGE = (1, 600)
TYPES = ("upper", "mixed")

PROOF = "proof"
OTHER_TYPE = "other_type"
OFFSET = "offset"

# R_TicketServ's answers (SAF, RACF return code, RACF reason) [doc; passticket-evaluation.md 1.1]
VERDICT = (8, 16)
NOT_AUTHORIZED = (8, 8, 16)
SERVICE_ANSWERS = {
    (4, 0, 0): "RACF is not installed",
    (8, 8, 0): "invalid function code",
    (8, 8, 4): "parameter list error",
    (8, 8, 8): "an internal error",
    (8, 8, 12): "a recovery environment could not be established",
    (8, 8, 16): "not authorized to use this service",
    (8, 8, 20): "high-order bit not set on the last parameter",
}


class ProofError(ValueError):
    """Bad input to the planner, or answers that cannot belong to the plan; the text never holds a ticket or key."""


class Probe:
    """One ticket of the schedule: what it is for, the time it was made for, its TYPE; ``repr`` hides the ticket."""

    __slots__ = ("kind", "when", "offset", "ptype", "_ticket")

    def __init__(self, kind, when, offset, ptype, ticket):
        self.kind = kind
        self.when = when
        self.offset = offset
        self.ptype = ptype
        self._ticket = ticket

    def __repr__(self):
        return "Probe({0}, offset={1:+d}, type={2})".format(self.kind, self.offset, self.ptype)


class ProofPlan:
    """The tickets to evaluate, in order, with what each one is for."""

    def __init__(self, user, appl, ptype, timeout, now, age, probes):
        self.user = user
        self.appl = appl
        self.ptype = ptype
        self.timeout = timeout
        self.now = now
        self.age = age
        self.t0 = now - age
        self.probes = probes

    def tickets(self):
        """The tickets, in evaluation order: secrets, for the module's no_log input only."""
        return [probe._ticket for probe in self.probes]  # pylint: disable=protected-access

    def offsets_searched(self):
        """``(lowest, highest)`` offset of the clock search, in seconds from ``t0``; ``(0, 0)`` without one."""
        offsets = [probe.offset for probe in self.probes if probe.kind == OFFSET]
        return (min(offsets + [0]), max(offsets + [0]))

    def __repr__(self):
        return "ProofPlan({0}/{1}, type={2}, timeout={3}, t0={4}, {5} tickets)".format(
            self.user, self.appl, self.ptype, self.timeout, self.t0, len(self.probes)
        )


def _integer(value, what, low, high):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ProofError("{0} must be an integer from {1} to {2}".format(what, low, high))
    return value


def other_type(ptype):
    return TYPES[1 - TYPES.index(ptype)]


def plan_proof(
    user,
    appl,
    key_hex,
    timeout,
    now,
    ptype="upper",
    search_span=SEARCH_SPAN,
    max_steps=MAX_STEPS,
    check_type=True,
    search_ahead=True,
):
    """The proof's schedule for ``user``/``appl`` (see the module documentation).

    ``key_hex`` is the enhanced key in hex, ``timeout`` the profile's TIMEOUT
    (1-600 s), ``now`` the controller's UTC epoch second, ``ptype`` the TYPE
    CSM's tickets have (``upper``, as in IBM's CSM procedure, or ``mixed``).
    """
    if ptype not in TYPES:
        raise ProofError("type must be one of {0}".format(", ".join(TYPES)))
    timeout = _integer(timeout, "the TIMEOUT", *TIMEOUT_RANGE)
    now = _integer(now, "now", 2 * SEARCH_SPAN, 2**41 - 1 - 2 * SEARCH_SPAN)
    search_span = _integer(search_span, "the search span", 0, 2 * SEARCH_SPAN)
    max_steps = _integer(max_steps, "the number of search steps", 0, MAX_STEPS)
    user = _normalized(user, "user ID")
    appl = _normalized(appl, "application name")
    age = max(timeout // 2, 1)
    t0 = now - age

    def probe(kind, offset, probe_type):
        try:
            ticket = _passticket.generate(user, appl, key_hex, t0 + offset, _passticket.ENHANCED, probe_type)
        except _passticket.PassTicketError as error:  # its text never shows the key
            raise ProofError(str(error)) from None
        return Probe(kind, t0 + offset, offset, probe_type, ticket)

    probes = [probe(PROOF, 0, ptype)]
    if check_type:
        probes.append(probe(OTHER_TYPE, 0, other_type(ptype)))
    steps = min(max_steps, search_span // timeout)
    for step in range(1, steps + 1):
        probes.append(probe(OFFSET, -step * timeout, ptype))
        if search_ahead:
            probes.append(probe(OFFSET, step * timeout, ptype))
    return ProofPlan(user, appl, ptype, timeout, now, age, probes)


def _normalized(name, what):
    try:
        return _passticket.normalize_name(name, what)
    except _passticket.PassTicketError as error:
        raise ProofError(str(error)) from None


def _answer_codes(answer):
    """``(valid, saf, racf, reason)`` from a module answer (a mapping, or the module_utils ``Answer`` tuple)."""
    if hasattr(answer, "_asdict"):
        answer = answer._asdict()
    try:
        valid = answer["valid"]
        codes = tuple(answer[name] for name in ("saf_rc", "racf_rc", "racf_reason"))
    except (KeyError, TypeError):
        raise ProofError("each answer must give valid, saf_rc, racf_rc and racf_reason") from None
    if not isinstance(valid, bool) or not all(isinstance(code, int) and not isinstance(code, bool) for code in codes):
        raise ProofError("an answer holds a value of the wrong type")
    if valid and codes != (0, 0, 0):
        raise ProofError("a valid answer must have the codes 0/0/0")
    return (valid,) + codes


def _codes_text(codes):
    return "SAF {0}, RACF {1}, reason {2}".format(*codes)


def _seconds(value):
    return "1 second" if value == 1 else "{0} seconds".format(value)


def interpret(plan, answers, profile_defined=None, caller=None):
    """The proof's result from RACF's answers to ``plan.tickets()`` (see the module documentation).

    ``profile_defined``: whether the user-qualified profile ``<appl>.<user>``
    is in the RACF database (None: not read). ``caller``: the user the
    evaluation ran as, named in the not-authorized diagnosis.
    """
    decoded = [_answer_codes(answer) for answer in answers]
    if not decoded or len(decoded) > len(plan.probes):
        raise ProofError("{0} answers cannot belong to a plan of {1} tickets".format(len(decoded), len(plan.probes)))
    # the program goes on only after a rejected ticket, and stops at the first VALID and the first refusal
    ends = [valid or (saf, racf) != VERDICT for valid, saf, racf, _reason in decoded]
    if any(ends[:-1]) or not (ends[-1] or len(decoded) == len(plan.probes)):
        raise ProofError(
            "the answers do not follow the evaluation order: it stops at the first VALID and at the "
            "first refusal, and evaluates every ticket otherwise"
        )
    first = decoded[0]
    result = {
        "valid": first[0],
        "saf_rc": first[1],
        "racf_rc": first[2],
        "racf_reason": first[3],
        "clock_offset": None,
        "evaluations": len(decoded),
        "finding": None,
        "diagnosis": None,
    }
    names = "{0} / {1}".format(plan.user, plan.appl)
    window = "TIMEOUT {0} s".format(plan.timeout)
    if first[0]:
        result["finding"] = "accepted"
        result["diagnosis"] = (
            "RACF accepted a PassTicket for {0}: an enhanced TYPE({1}) ticket made from the key for {2} ago. The "
            "PTKTDATA profile RACF uses for them holds this key, and the z/OS clock agrees with the controller's within "
            "half the window ({3}).".format(names, plan.ptype.upper(), _seconds(plan.age), window)
        )
        return result
    last_valid, last_codes = decoded[-1][0], decoded[-1][1:]
    if not last_valid and last_codes[:2] != VERDICT:
        result["finding"] = "not_authorized" if last_codes == NOT_AUTHORIZED else "service_refused"
        result["diagnosis"] = _refusal(plan, last_codes, caller)
        return result
    rejected = "RACF rejected the TYPE({0}) ticket made from the key for {1} ago ({2})".format(
        plan.ptype.upper(), _seconds(plan.age), _codes_text(first[1:])
    )
    if last_valid:
        probe = plan.probes[len(decoded) - 1]
        if probe.kind == OTHER_TYPE:
            result["finding"] = "type_mismatch"
            result["diagnosis"] = (
                "{0}, but accepted a TYPE({1}) ticket made from the same key for the same time. The key is right; the "
                "profile RACF uses for {2} has TYPE({1}), while TYPE({3}) tickets are expected. Alter its SSIGNON "
                "segment to TYPE({3}) and refresh (SETROPTS RACLIST(PTKTDATA) REFRESH), or generate TYPE({1}) "
                "tickets.".format(rejected, probe.ptype.upper(), names, plan.ptype.upper())
            )
            return result
        offset = probe.offset
        result["clock_offset"] = offset
        result["finding"] = "clock_skew"
        result["diagnosis"] = (
            "{0}, but accepted one made from the same key for {1} {2}: the z/OS clock is about {1} {3} the "
            "controller's (to within about one window, {4}), more than half the window. CSM's tickets fail once the "
            "gap passes the window. Synchronize the clocks (z/OS: STP or the time-of-day clock; the controller and "
            "the CSM server: NTP).".format(
                rejected,
                _seconds(abs(offset)),
                "later" if offset > 0 else "earlier",
                "ahead of" if offset > 0 else "behind",
                window,
            )
        )
        return result
    low, high = plan.offsets_searched()
    alternatives = [
        "the TYPE({0}) ticket for the same time".format(other_type(plan.ptype).upper())
        for probe in plan.probes
        if probe.kind == OTHER_TYPE
    ]
    if low != high:
        alternatives.append("any ticket for other times from {0} to {1} around it".format(_signed(low), _signed(high)))
    nothing = rejected + ("; nor did it accept " + " or ".join(alternatives) if alternatives else "")
    qualified = "{0}.{1}".format(plan.appl, plan.user)
    if profile_defined is False:
        result["finding"] = "missing_profile"
        result["diagnosis"] = (
            "{0}. The user-qualified profile {1} is not defined in class PTKTDATA, so RACF evaluated the tickets with a "
            "less specific profile ({2}.<group> or {2}), or found none. Define {1} with the key's label "
            "(SSIGNON(EPTKEYLABEL(...))), then SETROPTS RACLIST(PTKTDATA) REFRESH.".format(
                nothing, qualified, plan.appl
            )
        )
        return result
    result["finding"] = "key_mismatch"
    defined = (
        "The user-qualified profile {0} is defined in the RACF database, so " if profile_defined else "So "
    ).format(qualified)
    result["diagnosis"] = (
        "{0}. {1}the profile RACF uses for {2} does not hold this key: the ICSF key under its EPTKEYLABEL is another "
        "key, or RACF's in-storage copy of the profile is not the database's (a SETROPTS RACLIST(PTKTDATA) REFRESH is "
        "missing), or a more specific profile ({3}.<group>.{4}) is in effect{5}. The clocks may also differ by more than "
        "the search covered.".format(
            nothing,
            defined,
            names,
            plan.appl,
            plan.user,
            "" if profile_defined else ", or the profile {0} is missing".format(qualified),
        )
    )
    return result


def _signed(seconds):
    return "{0}{1} s".format("+" if seconds > 0 else "", seconds)


def _refusal(plan, codes, caller):
    meaning = SERVICE_ANSWERS.get(codes, "an answer R_TicketServ does not document for evaluation")
    if codes != NOT_AUTHORIZED:
        return "RACF refused the evaluation itself ({0}: {1}); no ticket was judged.".format(
            _codes_text(codes), meaning
        )
    who = "The user running the proof ({0})".format(caller) if caller else "The user running the proof"
    resource = "IRRPTAUTH.{0}.{1}".format(plan.appl, plan.user)
    return (
        "RACF refused the evaluation ({0}: not authorized). {1} needs READ access to the profile {2} in class "
        "PTKTDATA: define it (RDEFINE PTKTDATA {2} UACC(NONE)), permit it (PERMIT {2} CLASS(PTKTDATA) ID(<user>) "
        "ACCESS(READ)) and refresh (SETROPTS RACLIST(PTKTDATA) REFRESH); a generic profile such as IRRPTAUTH.{3}.* "
        "serves too. The PTKTDATA class must be active. Evaluation needs READ, never UPDATE.".format(
            _codes_text(codes), who, resource, plan.appl
        )
    )
