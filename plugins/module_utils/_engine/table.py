# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Resources described as tables of fields, and the one compare.

z/OS side: standard library only, Python 3.9+.

The pattern of ansible.netcommon resource modules (one parser/renderer table
per resource) applied to RACF. A resource (class settings, PTKTDATA profile,
user) is a tuple of ``Field`` rows in its file of ``_resources``; each row is the one
place that knows, for one field:

- ``option``: the module option it comes from (None: read only) and
  ``validate``, which turns the option's value into the value RACF stores;
- ``operand`` and ``render``: the RACF operand and how to render it;
- ``extract``: the R_admin extract field (``ExtractField(segment, field)``,
  names from racf-extract.md section 3) and how to decode its value;
- ``listing``: the listing pattern (``ListingPattern``) and how to decode it;
- ``default``: RACF's default;
- ``secret``: whether the value is a secret (never shown, never compared).

``compare(table, have, want)`` turns ``have`` and ``want`` into the fields to
change and a predicted ``after``; each resource assembles its command images
from the changed fields' renders. Every planner returns ``Plan(before,
commands, after)``; a module reports ``changed = bool(commands)``.

Reads (``_engine.read``) give a ``Read`` per object; a field that cannot be
read is in ``Read.unreadable``, and ``check_readable`` raises
``UnreadableField`` when a field a plan must compare is one of them, before
any command is built.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

# what validate returns for an option that asks for nothing (for example resume: false)
OMIT = object()

ExtractField = namedtuple("ExtractField", ["segment", "field"])


class ListingPattern(namedtuple("ListingPattern", ["text", "regex", "kind"])):
    """How a listing shows a field: ``text`` for people (docs, errors), ``regex`` where a parser matches it (or
    None), ``kind`` the line prefix it belongs under (``LEGACY``/``ENHANCED`` in SSIGNON; None: any)."""

    __slots__ = ()

    def __new__(cls, text, regex=None, kind=None):
        return super(ListingPattern, cls).__new__(cls, text, regex, kind)


class Field(
    namedtuple(
        "Field",
        [
            "name",
            "option",
            "validate",
            "operand",
            "render",
            "extract",
            "decode_extract",
            "listing",
            "decode_listing",
            "default",
            "secret",
            "group",
            "differs",
            "apply",
        ],
    )
):
    """One row of a resource table (see the module docstring)."""

    __slots__ = ()


def _plain_differs(have, name, wanted):
    return have.get(name) != wanted


def _plain_apply(after, name, wanted):
    after[name] = wanted


def field(
    name,
    option=None,
    validate=None,
    operand=None,
    render=None,
    extract=None,
    decode_extract=None,
    listing=None,
    decode_listing=None,
    default=None,
    secret=False,
    group=None,
    differs=None,
    apply=None,
):
    """A Field with the usual behaviours: compared with ``!=``, applied by assignment, values taken as read."""
    return Field(
        name,
        option,
        validate or (lambda value: value),
        operand,
        render,
        extract,
        decode_extract or (lambda value: value),
        listing,
        decode_listing or (lambda value: value),
        default,
        secret,
        group,
        differs or (lambda have, wanted: _plain_differs(have, name, wanted)),
        apply or (lambda after, wanted: _plain_apply(after, name, wanted)),
    )


class SecretValue(namedtuple("SecretValue", ["shown", "secret", "always"])):
    """A wanted value holding a secret: ``shown`` is what the state says (``masked``), ``secret`` never leaves the command.

    RACF never shows a secret, so it cannot be compared: it is written when the
    state differs from ``shown``, or ``always``.
    """

    __slots__ = ()

    def __repr__(self):
        return "SecretValue(shown={0!r}, secret=<hidden>, always={1!r})".format(self.shown, self.always)


Plan = namedtuple("Plan", ["before", "commands", "after"])


class Read(namedtuple("Read", ["state", "unreadable", "raw"])):
    """One object as read: ``state`` (None when absent), ``unreadable`` (field name -> why), ``raw`` (lines read, no key material)."""

    __slots__ = ()


class UnreadableField(Exception):
    """A field the module must compare could not be read; the text names field and object and shows the raw lines."""


def decode_extract_rows(rows, segment, into, unreadable):
    """Decode each row's field of an extract ``segment`` into ``into``; one that cannot be decoded is None and unreadable (why)."""
    for row in rows:
        try:
            into[row.name] = row.decode_extract(segment)
        except ValueError as error:
            into[row.name] = None
            unreadable[row.name] = str(error)


def want_from_params(table, params):
    """``{field name: validated value}`` of every option given (not None). ValueError names the option."""
    want = {}
    for row in table:
        if not row.option or params.get(row.option) is None:
            continue
        value = row.validate(params[row.option])
        if value is not OMIT:
            want[row.name] = value
    return want


def unreadable_message(what, names, read):
    """Why the fields ``names`` of ``what`` could not be read, with the raw lines (never key material)."""
    reasons = "; ".join("{0}: {1}".format(name, read.unreadable[name]) for name in names)
    lines = "\n".join(read.raw) if read.raw else "(no lines)"
    return "cannot read {0} of {1}, so nothing was changed ({2}). Lines read:\n{3}".format(
        ", ".join(names), what, reasons, lines
    )


def check_readable(names, read, what):
    """Raise UnreadableField when any of ``names`` is unreadable in ``read``."""
    missing = [name for name in names if name in read.unreadable]
    if missing:
        raise UnreadableField(unreadable_message(what, missing, read))


def compare(table, have, want):
    """The rows whose wanted value differs from ``have``, and the predicted ``after``.

    ``have`` is the state (a dict; for an object that does not exist yet, the
    state RACF gives it when created); ``want`` maps field names to values.
    Returns ``(changes, after)``: ``changes`` is a list of ``(Field, wanted)``
    in table order (the order RACF documents the operands in).
    """
    after = dict(have)
    changes = []
    for row in table:
        if row.name not in want:
            continue
        wanted = want[row.name]
        if row.differs(have, wanted):
            changes.append((row, wanted))
            row.apply(after, wanted)
    return changes, after


def rendered(changes, group=None):
    """The operands of the changed rows of ``group`` (None: top-level operands), in table order."""
    return [row.render(wanted) for row, wanted in changes if row.group == group and row.render is not None]


def carries_secret(changes):
    return any(row.secret for row, _wanted in changes)


def defaults(table):
    """The state RACF gives a new object: every field at its default."""
    return dict((row.name, row.default) for row in table)
