"""IRRXUTIL stand-in: RACF's REXX interface to R_admin extract.

``call_irrxutil(args, extract)`` does what IRRXUTIL does for one call
``IRRXUTIL(command, type, profile, stem [, prefix [, generic]])``
(racf-extract.md 1.1-1.5): it checks the parameters as IBM documents them,
runs the R_admin extract (``extract(type, profile) -> ((saf, racf_rc,
racf_rsn), Extracted or None)``, e.g. ``simulator.radmin.extract`` bound to a
host's state) and returns an ``IrrxutilAnswer``: the function's value (five
blank-separated numbers), whether to clear the stem first, and the stem
variables to set, in the layout of section 1.3/1.4.

``register(harness, extract)`` makes it an external function of the REXX
test bed (``rexx.harness.Harness``), setting the variables through the
variable pool. Without it, a call of IRRXUTIL is REXX error 43 (routine not
found): that is how ``zossim init --no-irrxutil`` hosts behave.

Rules checked (a departure is an ``IrrxutilRuleError``; through the harness,
a failed test naming the rule):

- 4 to 6 arguments [1.1]; ``command`` is ``EXTRACT`` (``EXTRACTN`` exists but
  is not modelled, so using it fails loudly);
- ``type`` is upper case: ``USER``, ``GROUP``, ``CONNECT``, ``_SETROPTS`` or a
  general resource class; ``DATASET`` is not supported [1.1];
- ``_SETROPTS`` is passed as both class and profile [1.1, 1.5];
- ``stem``: 1-32 characters, no trailing period [1.1]; a period inside means
  word 1 of the answer is 2 and the stem is not cleared [1.2, 1.3];
- ``prefix``: at most 32 characters, no period [1.1]; only the empty prefix is
  modelled;
- ``generic``: omitted, ``TRUE`` or ``FALSE`` in upper case [1.1]; ``TRUE`` is
  not modelled (the simulator has no generic profile lookup for extracts).

Answers [1.2]: ``0 0 0 0 0`` success; otherwise ``12 12 <SAF> <RACF rc>
<RACF rsn>`` from R_admin (``12 12 4 4 4`` not found, ``12 12 8 8 24`` not
authorized). The meaning of words 1-2 in general is UNCONFIRMED; these are
the combinations IBM's samples test for.
"""

import re
from collections import namedtuple

from rexx.harness import RexxCallError

IrrxutilAnswer = namedtuple("IrrxutilAnswer", ["value", "clear_stem", "variables"])

STEM_RE = re.compile(r"^[A-Za-z@#$!?_][A-Za-z0-9@#$!?_.]{0,31}$")
TYPE_RE = re.compile(r"^(?:_SETROPTS|[A-Z#$@][A-Z0-9#$@]{0,7})$")
SEGMENT_FLAGS = "00000000"  # [1.3; always so for SETROPTS, 1.5]
PROFILE_VERSION = "1"  # [simulated] stem.VERSION


class IrrxutilRuleError(Exception):
    """The caller broke a rule of IRRXUTIL's parameter list (the text names it)."""


def _text(value):
    if value is None:
        return None
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def check_arguments(args):
    """Validate an IRRXUTIL argument list; return (command, type, profile, stem, prefix, generic)."""
    args = [_text(arg) for arg in args]
    if not 4 <= len(args) <= 6:
        raise IrrxutilRuleError(
            "IRRXUTIL takes 4 to 6 arguments (command, type, profile, stem [, prefix [, generic]]), got {0}".format(
                len(args)
            )
        )
    args += [None] * (6 - len(args))
    command, profile_type, profile, stem, prefix, generic = args
    if command == "EXTRACTN":
        raise IrrxutilRuleError("EXTRACTN is not modelled by the stand-in")
    if command != "EXTRACT":
        raise IrrxutilRuleError("command must be EXTRACT or EXTRACTN in upper case, got {0!r}".format(command))
    if profile_type is None or not TYPE_RE.match(profile_type):
        raise IrrxutilRuleError("type must be an upper-case class name or _SETROPTS, got {0!r}".format(profile_type))
    if profile_type == "DATASET":
        raise IrrxutilRuleError("the DATASET class is not supported by IRRXUTIL")
    if not profile:
        raise IrrxutilRuleError("profile must be given")
    if profile_type == "_SETROPTS" and profile != "_SETROPTS":
        raise IrrxutilRuleError(
            "for _SETROPTS pass _SETROPTS as both class and profile, got profile {0!r}".format(profile)
        )
    if stem is None or not STEM_RE.match(stem) or stem.endswith("."):
        raise IrrxutilRuleError(
            "stem must be a REXX stem name of 1-32 characters without a trailing period, got {0!r}".format(stem)
        )
    if prefix not in (None, ""):
        if len(prefix) > 32 or "." in prefix:
            raise IrrxutilRuleError("prefix: at most 32 characters, no period, got {0!r}".format(prefix))
        raise IrrxutilRuleError("a non-empty prefix is not modelled by the stand-in")
    if generic not in (None, "", "TRUE", "FALSE"):
        raise IrrxutilRuleError("generic must be 'TRUE' or 'FALSE' in upper case, got {0!r}".format(generic))
    if generic == "TRUE" and profile_type not in ("USER", "GROUP", "CONNECT", "_SETROPTS"):
        raise IrrxutilRuleError("generic TRUE is not modelled by the stand-in")
    return command, profile_type, profile, stem, prefix or "", generic or "FALSE"


def stem_variables(extracted, stem):
    """The stem variables of an extracted profile, in the order IRRXUTIL would set them [1.3, 1.4]."""
    stem = stem.upper()
    out = [
        (stem + ".PROFILE", extracted.profile),
        (stem + ".CLASS", extracted.class_name),
        (stem + ".GENERIC", "TRUE" if extracted.generic else "FALSE"),
        (stem + ".VERSION", PROFILE_VERSION),
        (stem + ".0", str(len(extracted.segments))),
    ]
    for number, (segment, fields) in enumerate(extracted.segments, 1):
        base = "{0}.{1}".format(stem, segment)
        out.append(("{0}.{1}".format(stem, number), segment))
        out.append((base + ".FLAGS", SEGMENT_FLAGS))
        names = []
        for field in fields:
            if hasattr(field, "subfields"):
                names.append(field.name)
                names += field.subfields
                out += _group_variables(base, field)
            else:
                names.append(field.name)
                out += _field_variables(base, field.name, [field.value], field.boolean, repeating=False)
        out.append((base + ".0", str(len(names))))
        out += [("{0}.{1}".format(base, index), name) for index, name in enumerate(names, 1)]
    return out


def _field_variables(base, name, values, boolean, repeating):
    field = "{0}.{1}".format(base, name)
    out = [(field + ".0", str(len(values)))]
    out += [("{0}.{1}".format(field, index), value) for index, value in enumerate(values, 1)]
    out += [
        (field + ".BOOLEAN", "TRUE" if boolean else "FALSE"),
        (field + ".OUTPUTONLY", "FALSE"),
        (field + ".REPEATING", "TRUE" if repeating else "FALSE"),
    ]
    return out


def _group_variables(base, group):
    header = "{0}.{1}".format(base, group.name)
    # with no occurrences REPEATCOUNT is left null, which the spec allows
    # ("may be null", 1.4): the exec under test must cope with it
    out = [(header + ".REPEATCOUNT", str(len(group.rows)))] if group.rows else []
    out.append((header + ".SUBFIELD.0", str(len(group.subfields))))
    out += [("{0}.SUBFIELD.{1}".format(header, index), name) for index, name in enumerate(group.subfields, 1)]
    out += [(header + ".BOOLEAN", "FALSE"), (header + ".OUTPUTONLY", "FALSE"), (header + ".REPEATING", "FALSE")]
    for column, name in enumerate(group.subfields):
        out += _field_variables(base, name, [row[column] for row in group.rows], False, repeating=True)
    return out


def call_irrxutil(args, extract):
    """One IRRXUTIL call: check ``args``, run ``extract``, return an IrrxutilAnswer."""
    dummy_command, profile_type, profile, stem, dummy_prefix, dummy_generic = check_arguments(args)
    (saf_rc, racf_rc, racf_rsn), extracted = extract(profile_type, profile)
    clear = "." not in stem  # [1.1: IRRXUTIL nulls the stem unless its name holds a period]
    if (saf_rc, racf_rc, racf_rsn) != (0, 0, 0):
        return IrrxutilAnswer("12 12 {0} {1} {2}".format(saf_rc, racf_rc, racf_rsn), clear, [])
    return IrrxutilAnswer("0 0 0 0 0" if clear else "2 0 0 0 0", clear, stem_variables(extracted, stem))


def register(harness, extract, name="IRRXUTIL"):
    """Register the stand-in as an external function of ``harness``; returns the list of calls' answers."""
    answers = []

    def irrxutil(call):
        try:
            answer = call_irrxutil(call.args, extract)
        except IrrxutilRuleError as error:
            violation = getattr(call, "violation", None)
            if violation is not None:
                violation(str(error))
            raise RexxCallError(str(error)) from error
        answers.append(answer)
        stem = _text(call.args[3]).upper()
        if answer.clear_stem:
            call.drop_variable(stem + ".")
            call.set_variable(stem + ".", "")
        for variable, value in answer.variables:
            call.set_variable(variable, value)
        return answer.value

    harness.register_function(name, irrxutil)
    return answers
