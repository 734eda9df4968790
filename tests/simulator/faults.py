"""Injected faults (``zossim fault``): which commands fail, and counting them.

``state["faults"]`` maps a verb to ``{"remaining": N, "mode": MODE, "match":
REGEX or None}``. A command of that verb takes the fault (and uses up one of
the N) only while N > 0 and, when ``match`` is set, only if its image matches
the regex (case-insensitive search); every other command passes through.
"""
import re


def arm(state, verb, count, mode, match=None):
    """Make the next ``count`` commands of ``verb`` (that match ``match``, checked by the caller) fail in ``mode``."""
    state.setdefault("faults", {})[verb] = {"remaining": count, "mode": mode, "match": match}


def compile_match(match):
    """The compiled ``--match`` regex; raises ValueError when it is not a valid regex."""
    try:
        return re.compile(match, re.IGNORECASE)
    except re.error as error:
        raise ValueError("--match {0!r} is not a valid regular expression: {1}".format(match, error))


def take(state, verb, image):
    """The mode of the fault this command of ``verb`` takes (counting it), or None when it passes through."""
    fault = state.get("faults", {}).get(verb)
    if not fault or fault["remaining"] <= 0:
        return None
    if fault.get("match") and not compile_match(fault["match"]).search(image):
        return None
    fault["remaining"] -= 1
    return fault["mode"]
