"""Validation and rendering of RACF command images, hostile input included."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import grammar as command

KEY = "0123456789ABCDEF"


@pytest.mark.parametrize("value, expected", [("ptktdata", "PTKTDATA"), ("$#@X9", "$#@X9")])
def test_valid_class(value, expected):
    assert command.validate_class(value) == expected


@pytest.mark.parametrize("value", [" appl ", "", "9CLASS", "TOOLONGXX", "PTKT DATA", "PTKT(X)", "A'B", None, 5])
def test_invalid_class(value):
    with pytest.raises(ValueError):
        command.validate_class(value)


@pytest.mark.parametrize("value", ["IOSHMCSM", "ioshmcsm.hostusr", "APPL.GROUP.USER", "TSO$SYS1.#GRP.@USR"])
def test_valid_profile_names(value):
    assert command.validate_profile_name(value) == value.upper()


@pytest.mark.parametrize(
    "value",
    [
        "",
        "A.B.C.D",
        "APPL.*",
        "APPL.%SER",
        "APPL.&X",
        "APPL..USER",
        "APPL.9USER",
        "TOOLONGAPP.USER",
        "APPL USER",
        "APPL.USER) UACC(ALTER",
        "APPL.",
        "'APPL'",
    ],
)
def test_invalid_profile_names(value):
    with pytest.raises(ValueError):
        command.validate_profile_name(value)


def test_user_ids():
    assert command.validate_user_id("hostusr") == "HOSTUSR"
    for bad in ["1USER", "USER1234X", "US ER", "US(ER", ""]:
        with pytest.raises(ValueError):
            command.validate_user_id(bad)


@pytest.mark.parametrize("value", ["USRLCL.CKDS.CSM", "#A", "@" + "X" * 63, "A.B1.$C"])
def test_valid_labels(value):
    assert command.validate_label(value.lower()) == value.upper()


@pytest.mark.parametrize("value", ["", "1ABC", ".ABC", "ABC.", "A..B", "A" * 65, "A B", "A)B", "A'B", "A-B"])
def test_invalid_labels(value):
    with pytest.raises(ValueError):
        command.validate_label(value)


def test_hex_is_validated_without_echoing_it():
    assert command.validate_hex(KEY.lower(), 8) == KEY
    assert command.validate_hex("00" * 32, (32, 256)) == "00" * 32
    for bad in [KEY[:-1] + "G", KEY[:-2], KEY + "00", "0123456789ABCDE", "ab" * 31]:
        with pytest.raises(ValueError) as error:
            command.validate_hex(bad, 8 if len(bad) < 20 else (32, 256))
        assert bad not in str(error.value) and bad.upper() not in str(error.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CSM TO HYPERSWAP CONNECTION", "'CSM TO HYPERSWAP CONNECTION'"),
        ("IT'S", "'IT''S'"),
        ("') UACC(ALTER) DATA('", "''') UACC(ALTER) DATA('''"),
        ("''", "''''''"),
        ("mixed Case (kept)", "'mixed Case (kept)'"),
    ],
)
def test_quote_doubles_quotes_so_nothing_escapes(text, expected):
    quoted = command.quote(text)
    assert quoted == expected
    # reading it back like TSO does gives the text: no operand can be added
    inner = quoted[1:-1]
    assert "'" not in inner.replace("''", "")
    assert inner.replace("''", "'") == text


@pytest.mark.parametrize("text", ["line\nbreak", "tab\there", "caf\u00e9", "\x00", ""])
def test_quote_rejects_what_racf_cannot_take(text):
    with pytest.raises(ValueError):
        command.quote(text)


def test_quote_length_limit():
    assert command.appldata("A" * 255) == "APPLDATA('" + "A" * 255 + "')"
    with pytest.raises(ValueError):
        command.appldata("A" * 256)


def test_setropts_images():
    assert (
        command.setropts([("CLASSACT", "ptktdata"), ("RACLIST", "PTKTDATA")])
        == "SETROPTS CLASSACT(PTKTDATA) RACLIST(PTKTDATA)"
    )
    assert command.setropts_refresh("PTKTDATA") == "SETROPTS RACLIST(PTKTDATA) REFRESH"
    assert command.setropts_refresh("PTKTDATA", generic=True) == "SETROPTS GENERIC(PTKTDATA) REFRESH"
    with pytest.raises(ValueError):
        command.setropts([])
    with pytest.raises(ValueError):
        command.setropts([("CLASSACT", "PTKTDATA) NOCLASSACT(X")])


def test_profile_images():
    operands = [command.owner("sysadm"), command.uacc("none"), command.appldata("IT'S (X)")]
    assert (
        command.rdefine("PTKTDATA", "ioshmcsm.hostusr", operands)
        == "RDEFINE PTKTDATA IOSHMCSM.HOSTUSR OWNER(SYSADM) UACC(NONE) APPLDATA('IT''S (X)')"
    )
    assert command.rdefine("PTKTDATA", "APPL") == "RDEFINE PTKTDATA APPL"
    assert command.ralter("PTKTDATA", "APPL", [command.appldata("")]) == "RALTER PTKTDATA APPL NOAPPLDATA"
    assert command.rdelete("PTKTDATA", "APPL.USER") == "RDELETE PTKTDATA APPL.USER"
    assert command.rlist("PTKTDATA", "APPL.USER", ["ssignon"]) == "RLIST PTKTDATA APPL.USER SSIGNON"
    with pytest.raises(ValueError):
        command.ralter("PTKTDATA", "APPL", [])
    with pytest.raises(ValueError):
        command.uacc("ALL")
    with pytest.raises(ValueError):
        command.owner("SYS1) UACC(ALTER")
