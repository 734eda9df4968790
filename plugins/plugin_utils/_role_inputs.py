# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inputs of the passticket_setup role, checked on the controller before any task can change a host.

Each role variable is checked with the validator the module it feeds uses
(``plugins/module_utils/_racf/grammar.py``): one piece of code decides what a
user ID, a label, a key or an APPLDATA may be, for the modules and for the
role. A problem names the role variable and the rule in one line and never
holds key material. The filter ``mainframe.passticket.passticket_setup_input_problems``
runs this table at the start of each entry point of the role (step 0 for
``main``, and the ``rotate`` and ``verify`` task files).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.read import READ_INTERFACES
from ansible_collections.mainframe.passticket.plugins.module_utils._racf import grammar as command

CLOCK_MARGIN_RANGE = (0, 3600)
GRACE_PERIOD_RANGE = (0, 86400)
URL_SCHEMES = ("http://", "https://")
_BOOLEANS_TRUE = ("y", "yes", "on", "1", "true", "t")
_BOOLEANS_FALSE = ("n", "no", "off", "0", "false", "f")
_PREFIX = "passticket_setup_"


def _boolean(value, what):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.isascii() and value.lower() in _BOOLEANS_TRUE + _BOOLEANS_FALSE:
        return value.lower() in _BOOLEANS_TRUE
    raise ValueError("invalid {0} {1}: a boolean (true or false)".format(what, command.shown(value)))


def _integer(low, high, unit):
    def check(value, what):
        return command.validate_integer(value, low, high, what, unit)

    return check


def _choice(*choices):
    def check(value, what):
        command.validate_nonempty(value, what)
        if not value.isascii() or value.lower() not in choices:
            raise ValueError("invalid {0} {1}: one of {2}".format(what, command.shown(value), ", ".join(choices)))
        return value.lower()

    return check


def _exact_choice(*choices):
    """A value the role passes to a module as it is: one of ``choices`` exactly (the module's choices are case-sensitive)."""

    def check(value, what):
        command.validate_nonempty(value, what)
        if value not in choices:
            raise ValueError("invalid {0} {1}: one of {2}".format(what, command.shown(value), ", ".join(choices)))
        return value

    return check


def _url(value, what):
    command.validate_nonempty(value, what)
    if not value.isascii() or not value.isprintable() or " " in value or not value.lower().startswith(URL_SCHEMES):
        raise ValueError(
            "invalid {0} {1}: an http:// or https:// URL of printable ASCII characters without blanks".format(
                what, command.shown(value)
            )
        )
    return value


def _quoted(max_length):
    def check(value, what):
        command.quote(value, max_length, what)
        return value

    return check


def _hex(nbytes):
    def check(value, what):
        return command.validate_hex(value, nbytes, what)

    return check


# the rule of each role variable: (check(value, what), required). Optional
# variables may be null (omitted: the role leaves the setting as it is); no
# variable may be an empty string, and none is ever replaced by a default
# because it was empty.
RULES = {
    "application": (command.validate_user_id, True),
    "user": (command.validate_user_id, True),
    "profile": (command.validate_profile_name, True),
    "min_zos_release": (command.validate_release, True),
    "oa62931_required": (_boolean, True),
    "oa62931_installed": (_boolean, True),
    "require_special": (_boolean, True),
    "clock_margin": (_integer(CLOCK_MARGIN_RANGE[0], CLOCK_MARGIN_RANGE[1], "seconds"), True),
    "user_manage": (_boolean, True),
    "user_via_iwnracf5": (_boolean, True),
    "iwnracf5_job": (command.validate_data_set_member, False),
    "user_full_name": (_quoted(20), False),
    "user_default_group": (command.validate_user_id, False),
    "user_owner": (command.validate_user_id, False),
    "user_allow_protected": (_boolean, True),
    "user_resume": (_boolean, True),
    "class_generic": (_boolean, False),
    "enhanced": (_boolean, True),
    "key_label": (command.validate_label, True),
    "key": (_hex(command.ENHANCED_KEY_BYTES), False),
    "key_update": (_choice("on_create", "always"), True),
    "type": (_choice("upper", "mixed"), True),
    "timeout": (_integer(command.TIMEOUT_RANGE[0], command.TIMEOUT_RANGE[1], "seconds"), True),
    "replay": (_boolean, False),
    "appldata": (_quoted(command.APPLDATA_MAX_LENGTH), False),
    "uacc": (command.validate_uacc, False),
    "owner": (command.validate_user_id, False),
    "legacy_key": (_hex(command.LEGACY_KEY_BYTES), False),
    "legacy_key_storage": (_choice("masked", "encrypted"), True),
    "legacy_keylabel": (command.validate_label, False),
    "legacy_key_update": (_choice("on_create", "always"), True),
    "force_refresh": (_boolean, True),
    "verify_url": (_url, False),
    "verify_validate_certs": (_boolean, True),
    "rotate_label": (command.validate_label, True),
    "rotate_key": (_hex(command.ENHANCED_KEY_BYTES), True),
    "rotate_old_label": (command.validate_label, False),
    "rotate_grace_period": (_integer(GRACE_PERIOD_RANGE[0], GRACE_PERIOD_RANGE[1], "seconds"), True),
    "rotate_retire_old": (_boolean, True),
    "read_interface": (_exact_choice(*READ_INTERFACES), False),
}

# the variables each entry point of the role reads (meta/argument_specs.yml)
ENTRY_POINTS = {
    "main": (
        "application",
        "user",
        "profile",
        "min_zos_release",
        "oa62931_required",
        "oa62931_installed",
        "require_special",
        "clock_margin",
        "user_manage",
        "user_via_iwnracf5",
        "iwnracf5_job",
        "user_full_name",
        "user_default_group",
        "user_owner",
        "user_allow_protected",
        "user_resume",
        "class_generic",
        "enhanced",
        "key_label",
        "key",
        "key_update",
        "type",
        "timeout",
        "replay",
        "appldata",
        "uacc",
        "owner",
        "legacy_key",
        "legacy_key_storage",
        "legacy_keylabel",
        "legacy_key_update",
        "force_refresh",
        "read_interface",
    ),
    "verify": (
        "application",
        "user",
        "profile",
        "enhanced",
        "key_label",
        "key",
        "type",
        "timeout",
        "replay",
        "appldata",
        "clock_margin",
        "verify_url",
        "verify_validate_certs",
        "legacy_keylabel",
        "user_allow_protected",
        "read_interface",
    ),
    "rotate": (
        "application",
        "user",
        "profile",
        "rotate_label",
        "rotate_key",
        "rotate_old_label",
        "rotate_grace_period",
        "rotate_retire_old",
        "read_interface",
    ),
}

# required variables that only the enhanced key needs (a legacy-only profile leaves them unset)
_ENHANCED_ONLY = ("key_label", "type", "timeout")


def _var(name):
    return _PREFIX + name


def _enhanced(values):
    try:
        return _boolean(values.get(_var("enhanced"), True), _var("enhanced"))
    except ValueError:
        return True


def check_inputs(entry_point, values):
    """``(checked, problems)`` for the role variables of ``entry_point``.

    ``values`` maps full variable names (``passticket_setup_user``) to their
    values; a missing name counts as null. ``checked`` maps short names to the
    validated values; ``problems`` is a list of one-line messages, each naming
    its variable and the rule, never a key.
    """
    if entry_point not in ENTRY_POINTS:
        raise ValueError(
            "unknown entry point {0}: one of {1}".format(command.shown(entry_point), ", ".join(sorted(ENTRY_POINTS)))
        )
    checked, problems = {}, []
    for name in ENTRY_POINTS[entry_point]:
        check, required = RULES[name]
        value = values.get(_var(name))
        checked[name] = None
        if value is None:
            if required and (name not in _ENHANCED_ONLY or _enhanced(values)):
                problems.append("{0} must be set".format(_var(name)))
            continue
        try:
            checked[name] = check(value, _var(name))
        except ValueError as error:
            problems.append(str(error))
    problems.extend(_combinations(entry_point, checked, values))
    return checked, problems


def _combinations(entry_point, checked, values):
    """The rules between variables (legacy keys, IWNRACF5, rotation labels)."""
    problems = []
    if entry_point == "main":
        if values.get(_var("legacy_key")) is not None and values.get(_var("legacy_keylabel")) is not None:
            problems.append(
                "{0} and {1} are mutually exclusive: set one of them".format(
                    _var("legacy_key"), _var("legacy_keylabel")
                )
            )
        if (
            checked.get("enhanced") is False
            and values.get(_var("legacy_key")) is None
            and values.get(_var("legacy_keylabel")) is None
        ):
            problems.append(
                "{0} is false, so a legacy key is needed: set {1} or {2}".format(
                    _var("enhanced"), _var("legacy_key"), _var("legacy_keylabel")
                )
            )
        if checked.get("user_via_iwnracf5") and values.get(_var("iwnracf5_job")) is None:
            problems.append(
                "{0} is true, so {1} must name the data set member of the tailored IWNRACF5 job".format(
                    _var("user_via_iwnracf5"), _var("iwnracf5_job")
                )
            )
    if (
        entry_point == "rotate"
        and checked.get("rotate_label")
        and checked.get("rotate_label") == checked.get("rotate_old_label")
    ):
        problems.append(
            "{0} must differ from {1}: the old label is deleted".format(_var("rotate_old_label"), _var("rotate_label"))
        )
    return problems


def input_problems(entry_point, values):
    """The one-line problems of ``check_inputs`` (an empty list when every input is valid)."""
    return check_inputs(entry_point, values)[1]
