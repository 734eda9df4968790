"""Hostile and bad input, option by option, against the validators the modules run before any command.

For every string option of every module a table of at least 80 values (line
terminators at every position, control and non-ASCII characters, Unicode case
folding traps, empty and blank values, operand injection, wrong types) is run
through the module's own validation entry point. The expected verdict comes
from an oracle written independently of the validators (plain character sets,
no regular expressions), and tricky values also carry a verdict written by
hand, so a validator that lets something through fails here.
"""

import string

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import grammar as command
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import ptktdata_profile as ptktdata
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import racf_user

UPPER = set(string.ascii_uppercase)
LOWER = set(string.ascii_lowercase)
DIGITS = set("0123456789")
NATIONAL = set("#@$")
HEX = set("0123456789ABCDEFabcdef")
PRINTABLE = set(chr(code) for code in range(0x20, 0x7F))

LINE_TERMINATORS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
CONTROL = ["\x00", "\t", "\x1b", "\x7f", "\x1c", "\x85", "\x9f"]
# each folds (upper() or casefold()) into ASCII letters, or looks like them
NON_ASCII = [
    "\u00df",
    "\u017f",
    "\ufb00",
    "\u0131",
    "\u0130",
    "\uff21",
    "\u0410",
    "\u00e9",
    "e\u0301",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u0663",
    "\U0001f511",
    "\u212a",
]
INJECTION = [
    "X) PASSWORD(Y",
    "X PASSWORD(Y)",
    "X) UACC(ALTER",
    "X' UACC(ALTER",
    "') UACC(ALTER) DATA('",
    "X;DELUSER Y",
    "$(id)",
    "`id`",
    "X,Y",
    "X*",
    "X%",
    "X&Y",
    "X'",
    "'X'",
    "X(Y)",
    "X)",
    "(X",
    "X Y",
    "X--Y",
    "X/*",
]
TYPES = [None, 5, 0, True, False, 1.5, ["HOSTUSR"], {"HOSTUSR": 1}, ("A",), b"HOSTUSR", bytearray(b"HOSTUSR")]


def hostile_values(valid):
    """At least 80 hostile or bad variants of the valid string ``valid`` (plus ``valid`` itself)."""
    values = [
        valid,
        valid.lower(),
        "",
        " ",
        "  ",
        "\t",
        "\n",
        " \n ",
        " " + valid,
        valid + " ",
        valid + "\n",
        valid * 9,
        valid[:1],
    ]
    for position in range(len(valid) + 1):
        for terminator in ("\n", "\r", "\x85"):
            values.append(valid[:position] + terminator + valid[position:])
    for terminator in LINE_TERMINATORS:
        values.append(valid + terminator)
    for character in CONTROL + NON_ASCII:
        values.append(valid[:1] + character + valid[1:])
        values.append(character + valid[1:])
    values += INJECTION
    values += [valid + suffix for suffix in (") X", "'", "''", "(", " X", ".", "..", "*")]
    return values


# -- the oracles: the field rules written without the validators' regular expressions
def is_name(value):
    return (
        isinstance(value, str)
        and 1 <= len(value) <= 8
        and value[0] not in DIGITS
        and all(c in UPPER | LOWER | DIGITS | NATIONAL for c in value)
    )


def is_profile(value):
    return (
        isinstance(value, str) and 1 <= len(value.split(".")) <= 3 and all(is_name(part) for part in value.split("."))
    )


def is_label(value):
    if not isinstance(value, str) or not 1 <= len(value) <= 64:
        return False
    for part in value.split("."):
        if not part or part[0] not in UPPER | LOWER | NATIONAL:
            return False
        if not all(c in UPPER | LOWER | DIGITS | NATIONAL for c in part):
            return False
    return True


def is_quotable(max_length):
    def check(value):
        return (
            isinstance(value, str)
            and 1 <= len(value) <= max_length
            and all(c in PRINTABLE for c in value)
            and value.strip(" ") != ""
        )

    return check


def is_hex(nbytes):
    low, high = (nbytes, nbytes) if isinstance(nbytes, int) else nbytes

    def check(value):
        return (
            isinstance(value, str)
            and len(value) % 2 == 0
            and low * 2 <= len(value) <= high * 2
            and all(c in HEX for c in value)
        )

    return check


def is_choice(choices):
    def check(value):
        return isinstance(value, str) and value.isascii() and value.upper() in choices

    return check


# -- each string option of each module, through the entry point the module uses
def _user_want(option):
    def run(value):
        want = racf_user.normalize_want({"user": "HOSTUSR", "state": "present", option: value})
        if option == "user":
            return want["user"]
        return want["fields"]["name" if option == "full_name" else option]

    return run


def _profile_want(option, result_path):
    def run(value):
        want = ptktdata.desired_state({option: value, "legacy_key_storage": "masked"})
        if option == "legacy_key":
            return want["ssignon"]["legacy_key"].secret
        found = want
        for step in result_path:
            found = found[step]
        return found

    return run


ENHANCED_KEY = "0123456789ABCDEF" * 4
OPTIONS = {
    # module option: (valid value, the module's validation, oracle, what RACF stores, secret?)
    "racf_user.user": ("HOSTUSR", _user_want("user"), is_name, str.upper, False),
    "racf_user.owner": ("SYS1", _user_want("owner"), is_name, str.upper, False),
    "racf_user.default_group": ("SYS1", _user_want("default_group"), is_name, str.upper, False),
    "racf_user.full_name": ("CSM USER", _user_want("full_name"), is_quotable(20), str.upper, False),
    "racf_class.class": ("PTKTDATA", command.validate_class, is_name, str.upper, False),
    "ptktdata_profile.name": ("IOSHMCSM.HOSTUSR", command.validate_profile_name, is_profile, str.upper, False),
    "ptktdata_profile.owner": ("SYSADM", _profile_want("owner", ["owner"]), is_name, str.upper, False),
    "ptktdata_profile.uacc": (
        "NONE",
        _profile_want("uacc", ["uacc"]),
        is_choice(command.UACC_VALUES),
        str.upper,
        False,
    ),
    "ptktdata_profile.type": (
        "UPPER",
        _profile_want("type", ["ssignon", "type"]),
        is_choice(command.TYPE_VALUES),
        str.upper,
        False,
    ),
    "ptktdata_profile.eptkeylabel": (
        "USRLCL.CKDS.CSM",
        _profile_want("eptkeylabel", ["ssignon", "eptkeylabel"]),
        is_label,
        str.upper,
        False,
    ),
    "ptktdata_profile.legacy_keylabel": (
        "USRLCL.DES.KEY",
        _profile_want("legacy_keylabel", ["ssignon", "legacy_keylabel"]),
        is_label,
        str.upper,
        False,
    ),
    "ptktdata_profile.appldata": (
        "CSM TO HYPERSWAP CONNECTION",
        _profile_want("appldata", ["appldata"]),
        is_quotable(255),
        lambda value: value,
        False,
    ),
    "ptktdata_profile.legacy_key": ("0123456789ABCDEF", _profile_want("legacy_key", []), is_hex(8), str.upper, True),
    "icsf_hmac_key.label": ("USRLCL.CKDS.CSM", command.validate_label, is_label, str.upper, False),
    "icsf_hmac_key.key": (
        ENHANCED_KEY,
        lambda value: command.validate_hex(value, (32, 256), "key"),
        is_hex((32, 256)),
        str.upper,
        True,
    ),
    "passticket_info.user": (
        "HOSTUSR",
        lambda value: command.validate_user_id(value, "user"),
        is_name,
        str.upper,
        False,
    ),
    "passticket_info.profile": (
        "IOSHMCSM",
        lambda value: command.validate_profile_name(value, "profile"),
        is_profile,
        str.upper,
        False,
    ),
}

# hand-written verdicts for values that defeated the validators before (issue 11), per kind of field
HAND_VERDICTS = {
    is_name: [
        ("hostusr", "HOSTUSR"),
        ("ho\u00dftusr", None),
        ("ho\u017ftu\u017fr", None),
        ("H\u0131", None),
        ("HOSTUSR\n", None),
        ("", None),
        ("#@$", "#@$"),
        ("1HOST", None),
        ("\x85HOST", None),
        ("HO\x1cST", None),
    ],
    is_profile: [
        ("ioshmcsm.hostusr", "IOSHMCSM.HOSTUSR"),
        ("IOSHMCSM.", None),
        ("A.B.C.D", None),
        ("APPL.*", None),
        ("IOSHMCSM.HOSTUSR\n", None),
    ],
    is_label: [
        ("USRLCL.1CSM", None),
        ("usrlcl.ckds.csm", "USRLCL.CKDS.CSM"),
        ("A" * 64, "A" * 64),
        ("A" * 65, None),
        ("A..B", None),
        (".A", None),
        ("A.", None),
        ("USRLCL.\ufb00", None),
    ],
    "appldata": [
        ("CSM\n", None),
        ("CSM\r\n", None),
        ("\nCSM", None),
        ("C\x85SM", None),
        ("IT'S (X)", "IT'S (X)"),
        ("   ", None),
        ("X) PASSWORD(Y", "X) PASSWORD(Y"),
    ],
    "key": [
        ("\ufb00" * 8, None),
        ("FF" * 8, "FF" * 8),
        ("ff" * 8, "FF" * 8),
        ("0123456789ABCDE\n", None),
        (" 0123456789ABCDE", None),
        ("\uff10" * 16, None),
        ("\u0663" * 16, None),
    ],
}


def _verdict(run, value):
    try:
        return True, run(value)
    except ValueError as error:
        return False, str(error)


# options that a module may be called without: None means "not given" there, never a value
REQUIRED = ("racf_user.user", "racf_class.class", "ptktdata_profile.name", "icsf_hmac_key.label", "icsf_hmac_key.key")


def _cases():
    for option, (valid, _run, _oracle, _stored, secret) in sorted(OPTIONS.items()):
        values = [
            value
            for value in hostile_values(valid) + TYPES
            if not (value is None and option not in REQUIRED and not option.startswith("passticket_info"))
        ]
        if option == "ptktdata_profile.appldata":
            values.remove("")  # documented: appldata "" removes APPLDATA (test below)
        if secret:
            values += ["ff" * (len(valid) // 2), "\ufb00" * (len(valid) // 2), valid[:-1] + "\ufb00", valid[:-1] + "g"]
        for index, value in enumerate(values):
            yield pytest.param(option, value, id="{0}-{1}".format(option, index))


def test_every_string_option_has_at_least_80_hostile_values():
    for option, (valid, *_checks) in OPTIONS.items():
        assert len(set(repr(v) for v in hostile_values(valid) + TYPES)) >= 80, option


@pytest.mark.parametrize("option, value", list(_cases()))
def test_hostile_value_gets_the_expected_verdict(option, value):
    valid, run, oracle, stored, secret = OPTIONS[option]
    accepted, outcome = _verdict(run, value)
    assert accepted == oracle(value), "{0}: {1!r} -> {2!r}".format(option, value, outcome)
    if accepted:
        # folded only after passing as ASCII: the stored value is the given one, upper-cased where RACF folds
        assert outcome == stored(value)
        assert all(c in PRINTABLE for c in outcome)
    else:
        assert "\n" not in outcome and "\r" not in outcome, "the message is one line"
        if secret and isinstance(value, str) and len(value) >= 4:
            assert value not in outcome and value.upper() not in outcome


@pytest.mark.parametrize(
    "kind, option",
    [
        (is_name, "racf_user.user"),
        (is_profile, "ptktdata_profile.name"),
        (is_label, "ptktdata_profile.eptkeylabel"),
        (is_label, "icsf_hmac_key.label"),
        ("appldata", "ptktdata_profile.appldata"),
        ("key", "ptktdata_profile.legacy_key"),
    ],
)
def test_hand_written_verdicts(kind, option):
    run = OPTIONS[option][1]
    for value, expected in HAND_VERDICTS[kind]:
        if kind == "key" and len(value) != 16:
            continue
        accepted, outcome = _verdict(run, value)
        if expected is None:
            assert not accepted, "{0!r} must be refused, got {1!r}".format(value, outcome)
        else:
            assert accepted and outcome == expected, "{0!r}: {1!r}".format(value, outcome)


def test_enhanced_key_hand_verdicts():
    run = OPTIONS["icsf_hmac_key.key"][1]
    for value in ("\ufb00" * 32, "FF" * 31 + "\ufb00", "0" * 63 + "\n", " " + "0" * 64, "\uff10" * 64, "0" * 62):
        with pytest.raises(ValueError):
            run(value)
    assert run("ab" * 32) == "AB" * 32


@pytest.mark.parametrize(
    "params",
    [
        {"user": ""},
        {"user": "", "state": "absent"},
        {"user": None},
    ],
)
def test_empty_user_is_an_error_never_hostusr(params):
    with pytest.raises(ValueError, match="user"):
        racf_user.normalize_want(dict({"state": "present"}, **params))


def test_empty_appldata_means_remove_it_and_none_means_not_given():
    assert ptktdata.desired_state({"appldata": ""}) == {"appldata": None}
    assert command.appldata("") == "NOAPPLDATA"
    assert ptktdata.desired_state({"appldata": None}) == {}


def test_appldata_with_a_newline_never_reaches_a_command():
    for appldata in ("CSM\n", "CSM\r", "C\nSM", "\nCSM"):
        with pytest.raises(ValueError, match="appldata"):
            command.appldata(appldata)
        with pytest.raises(ValueError, match="appldata"):
            ptktdata.desired_state({"appldata": appldata, "legacy_key": "0123456789ABCDEF"})


@pytest.mark.parametrize(
    "release, accepted",
    [
        ("02.04", True),
        ("03.01", True),
        ("02.04) X", False),
        ("2.4", False),
        ("02.04\n", False),
        ("0\u0662.04", False),
        ("", False),
        (" 02.04", False),
        ("02,04", False),
        (2.4, False),
        (None, False),
    ],
)
def test_release(release, accepted):
    if accepted:
        assert command.validate_release(release) == release
    else:
        with pytest.raises(ValueError):
            command.validate_release(release)


def test_messages_name_the_field_given_by_the_caller():
    with pytest.raises(ValueError, match=r"^invalid passticket_setup_user 'ho\\xdftusr': 1 to 8"):
        command.validate_user_id("ho\u00dftusr", "passticket_setup_user")
    with pytest.raises(ValueError, match="^passticket_setup_key must be a string, got list$"):
        command.validate_hex([ENHANCED_KEY], (32, 256), "passticket_setup_key")


@pytest.mark.parametrize("storage", ["", None, "MASKED ", "clear"])
def test_legacy_key_storage_is_never_defaulted_from_an_empty_value(storage):
    with pytest.raises(ValueError, match="legacy_key_storage"):
        ptktdata.desired_state({"legacy_key": "0123456789ABCDEF", "legacy_key_storage": storage})
    assert ptktdata.desired_state({"legacy_key": "0123456789ABCDEF"})["ssignon"]["legacy_key"].shown == "masked"
