# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Step 4: the enhanced PassTicket key, an ICSF HMAC key in the CKDS under a label.

z/OS side: standard library only, Python 3.9+. The key record as a resource
table (``ICSF_KEY``: option, request, what the EXISTS answer gives, default,
secret per row) and its planner (``desired_key``, ``plan_key`` ->
``Plan(before, commands, after)``, ``apply_key``). The table's "operands"
are the ICSF exec's request verbs and its "extract" is the exec's EXISTS
answer (``_zos.icsf_exec``); docs/reference/resource-tables.md shows it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import (
    ExtractField,
    Plan,
    SecretValue,
    compare,
    decode_extract_rows,
    field,
    rendered,
    want_from_params,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.grammar import (
    ENHANCED_KEY_BYTES,
    validate_hex,
    validate_label,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.icsf_exec import (
    FOUND_ANSWERS,
    REASON_LABEL_EXISTS,
    REASON_NOT_FOUND,
    IcsfError,
    answer_window,
    length_window,
    payload_bits,
    request_image,
)


def key_record(label, exists, window=None):
    """``{label, exists, min_length, max_length}``: lengths in bytes, None when unknown."""
    low, high = window or (None, None)
    return {"label": label, "exists": exists, "min_length": low, "max_length": high}


def window_rules_out(record, key_bytes):
    """True when the record's length window (if known) cannot hold a key of ``key_bytes``."""
    if not record["exists"] or record["min_length"] is None:
        return False
    return not record["min_length"] <= key_bytes <= record["max_length"]


# Each row: the module option, the request it renders (always ``VERB LABEL``,
# never the key), what the EXISTS answer gives for it (segment "EXISTS": the
# answer line ``RC=.. REASON=.. text``), the default of a record not yet created,
# and whether it is secret. compare() of _engine.table plans it like the others.
KEY_BYTES = ENHANCED_KEY_BYTES
KEY_STATES = ("present", "absent")
KEY_UPDATES = ("on_create", "always")
ROTATION_PLAYBOOK = "playbooks/rotate_key.yml"
EXISTS_ANSWER = "EXISTS"


def _exists_from_answer(answer):
    if (answer.rc, answer.reason) in FOUND_ANSWERS:
        return True
    if (answer.rc, answer.reason) == (8, REASON_NOT_FOUND):
        return False
    raise ValueError("EXISTS answered RC={0} REASON={1}".format(answer.rc, answer.reason))


def _window_bound(position):
    """Decoder of one bound of the window a found record's answer tells (0: min, 1: max); None when not told."""

    def decode(answer):
        window = answer_window(answer)
        return window[position] if window else None

    return decode


def _state_exists(value):
    if value not in KEY_STATES:
        raise ValueError("state must be one of {0}".format(", ".join(KEY_STATES)))
    return value == "present"


def _exists_apply(after, wanted):
    after["exists"] = wanted
    if not wanted:
        after.update(min_length=None, max_length=None)


def _key_differs(have, wanted):
    # ICSF never shows a key: it is written when the label has none, or always
    return wanted.always or not have.get("exists")


def _key_apply(after, wanted):
    after["exists"] = True
    after["min_length"], after["max_length"] = wanted.shown


ICSF_KEY = (
    # the label names the record every request is about: the LABEL of ``VERB LABEL``; EXISTS is asked for it
    field(
        "label",
        option="label",
        validate=validate_label,
        operand="VERB LABEL (the LABEL of every request)",
        render=validate_label,
        default=None,
    ),
    # state: present wants a record, absent none; the request that makes the difference is IMPORT or DELETE
    field(
        "exists",
        option="state",
        validate=_state_exists,
        operand="IMPORT LABEL / DELETE LABEL",
        render=lambda wanted: "IMPORT" if wanted else "DELETE",
        extract=(ExtractField(EXISTS_ANSWER, "RC/REASON"),),
        decode_extract=_exists_from_answer,
        default=False,
        apply=_exists_apply,
    ),
    # the key: a secret, sent on the exec's stdin line 2 only (IMPORT, REPLACE), never in a request image or a state;
    # the state shows the length window its token will allow. Written by update: on_create (new record) or always.
    field(
        "key",
        option="key",
        secret=True,
        operand="REPLACE LABEL (the key on stdin line 2, also with IMPORT)",
        render=lambda wanted: "REPLACE",
        default=None,
        differs=_key_differs,
        apply=_key_apply,
    ),
    field(
        "min_length", extract=(ExtractField(EXISTS_ANSWER, "MINLENGTH"),), decode_extract=_window_bound(0), default=None
    ),
    field(
        "max_length", extract=(ExtractField(EXISTS_ANSWER, "MAXLENGTH"),), decode_extract=_window_bound(1), default=None
    ),
)


def record_from_answer(label, answer):
    """The record (``key_record``) of ``label`` from the exec's EXISTS answer, decoded by the rows of ICSF_KEY."""
    record = {"label": label}
    unreadable = {}
    decode_extract_rows([row for row in ICSF_KEY if row.extract], answer, record, unreadable)
    if unreadable:
        raise IcsfError("ICSF EXISTS of label {0}: {1}".format(label, "; ".join(sorted(unreadable.values()))), answer)
    return record


def read_key(store, label):
    """The record (``key_record``) of ``label``, read with one ``EXISTS``; IcsfError when ICSF neither found nor missed it."""
    answer = store.exists(label)
    try:
        return record_from_answer(label, answer)
    except IcsfError:
        # neither found nor not found: the task fails with ICSF's codes
        return store.fail("EXISTS", label, answer)


def key_want(key, update):
    """The wanted key: validated hex (32 to 256 bytes), shown as the length window it gives, written by ``update``."""
    if update not in KEY_UPDATES:
        raise ValueError("update must be one of {0}".format(", ".join(KEY_UPDATES)))
    key_hex = validate_hex(key, KEY_BYTES, "key")
    return SecretValue(length_window(payload_bits(len(key_hex) // 2)), key_hex, update == "always")


def desired_key(params):
    """``want`` from the module options: ``label``, ``exists`` (from state), ``key`` (a SecretValue, state=present).

    Validates every option as given before any request; ValueError names the option, never shows the key.
    """
    want = want_from_params([row for row in ICSF_KEY if row.name != "key"], params)
    if want.get("exists", True):
        if params.get("key") is None:
            raise ValueError("key is required when state is present")
        want["key"] = key_want(params["key"], "on_create" if params.get("update") is None else params["update"])
    return want


def plan_key(before, want):
    """``Plan(before, commands, after)`` for the record ``before`` (as EXISTS read it).

    One request at most, ``VERB LABEL``: the first changed row's (IMPORT when
    the record is wanted and missing, carrying the key; DELETE; REPLACE when
    only the key is written, update: always). ``changed = bool(commands)``.
    """
    changes, after = compare(ICSF_KEY, before, want)
    verbs = rendered(changes)
    if not verbs:
        return Plan(before, [], after)
    return Plan(before, [request_image(verbs[0], ICSF_KEY[0].render(before["label"]))], after)


def key_differs_warning(before, want):
    """The warning when ``update: on_create`` leaves a key the given one cannot be (by its length window), or None."""
    key = want.get("key")
    if key is None or key.always or not window_rules_out(before, len(key.secret) // 2):
        return None
    return (
        "ICSF key label {label} already holds a key of {low} to {high} bytes (as its token tells), so it is not "
        "the {size}-byte key given; update: on_create leaves it in place. To replace it, run with update: always, "
        "or use the rotation playbook {playbook}."
    ).format(
        label=before["label"],
        low=before["min_length"],
        high=before["max_length"],
        size=len(key.secret) // 2,
        playbook=ROTATION_PLAYBOOK,
    )


def apply_key(store, plan, want):
    """Make the plan's requests; return the plan that took effect.

    When an IMPORT finds the label created since the read (reason 16036), the
    label is read again and planned again, as if that state had been read first.
    """
    key_hex = want["key"].secret if "key" in want else None
    for image in plan.commands:
        try:
            store.request(image, key_hex)
        except IcsfError as error:
            if not image.startswith("IMPORT ") or not error.answer or error.answer.reason != REASON_LABEL_EXISTS:
                raise
            fresh = plan_key(read_key(store, plan.before["label"]), want)
            for fresh_image in fresh.commands:
                store.request(fresh_image, key_hex)
            return fresh
    return plan
