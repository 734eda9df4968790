"""RLIST parser: the real listings, several profiles, SSIGNON in the reported form (and tolerated variants)."""

from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._resources.ptktdata_profile import (
    parse_profile_listing as parse_rlist,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.ptktdata_profile import (
    parse_ssignon,
)

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"


def fixture_output(name):
    return "\n".join(line for line in (FIXTURES / name).read_text().splitlines() if not line.startswith("### "))


BASE = fixture_output("rlist_base.txt")
SESSION = fixture_output("rlist_session_segment.txt")

REPORTED = fixture_output("rlist_ssignon_reported.txt")

# SSIGNON section in the reported grammar; the KEYMASKED, key label and Type lines are UNCONFIRMED
SSIGNON_ENHANCED = """
SSIGNON INFORMATION
-------------------
Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE
Enhanced PassTicket: Key label = USRLCL.CKDS.CSM
Enhanced PassTicket: Type = UPPER
Enhanced PassTicket: Timeout = 600
Enhanced PassTicket: Replay allowed = No"""
NO_SSIGNON = {
    "legacy_key": None,
    "legacy_keylabel": None,
    "eptkeylabel": None,
    "type": None,
    "timeout": None,
    "replay": None,
    "unrecognized_lines": [],
}


def ptktdata(name="IOSHMCSM.HOSTUSR", appldata="CSM TO HYPERSWAP CONNECTION", ssignon=SSIGNON_ENHANCED, generic=""):
    return (
        BASE.replace("ELIJTEST   TESTING", "PTKTDATA   {0}{1}".format(name, generic)).replace(
            "APPLICATION DATA\n----------------\nNONE", "APPLICATION DATA\n----------------\n" + appldata
        )
        + ssignon
    )


def test_real_base_listing():
    assert parse_rlist(BASE) == [
        {
            "class": "ELIJTEST",
            "name": "TESTING",
            "generic": False,
            "level": "00",
            "owner": "ESWIFT",
            "uacc": "READ",
            "your_access": "READ",
            "warning": False,
            "installation_data": None,
            "application_data": None,
            "auditing": "SUCCESS(UPDATE),FAILURES(READ)",
            "notify": None,
            "segments": {},
        }
    ]


def test_real_session_segment():
    [profile] = parse_rlist(SESSION)
    assert (profile["class"], profile["name"], profile["uacc"], profile["your_access"]) == (
        "APPCLU",
        "TMPNET.TMPLOC.TMPPART",
        "NONE",
        "ALTER",
    )
    assert profile["segments"] == {
        "session": {
            "session_key": "E3C5E2E3D2C5E800",
            "session_key_interval": "00005 DAYS",
            "locked": True,
            "convsec": "CONV",
        }
    }


@pytest.mark.parametrize("name", ["rlist_not_found.txt"])
def test_not_found_is_an_empty_list(name):
    assert parse_rlist(fixture_output(name)) == []


@pytest.mark.parametrize("text", [fixture_output("rdefine_bad_class.txt"), "ICH13002I NOT AUTHORIZED TO LIST X", ""])
def test_error_output_is_not_mistaken_for_absent(text):
    with pytest.raises(ValueError):
        parse_rlist(text)


def test_ptktdata_profile_with_enhanced_and_masked_key():
    [profile] = parse_rlist(ptktdata())
    assert profile["application_data"] == "CSM TO HYPERSWAP CONNECTION"
    assert profile["segments"]["ssignon"] == dict(
        NO_SSIGNON, legacy_key="masked", eptkeylabel="USRLCL.CKDS.CSM", type="UPPER", timeout=600, replay=False
    )


def test_the_reported_ssignon_form():
    """rlist_ssignon_reported.txt: the lines reported from a real system (issue 10)."""
    [profile] = parse_rlist(REPORTED)
    assert (profile["name"], profile["owner"], profile["uacc"]) == ("IOSHMCSM.HOSTUSR", "IBMUSER", "NONE")
    assert profile["application_data"] == "CSM TO HYPERSWAP CONNECTION"
    # KEYENCRYPTED with the label RACF generated: the key is held encrypted, not under an administrator's label
    assert profile["segments"]["ssignon"] == dict(NO_SSIGNON, legacy_key="encrypted", timeout=600, replay=False)


@pytest.mark.parametrize(
    "line, expected",
    [
        # reported words and separators, then tolerated variants of the field words
        ("Legacy PassTicket: KEYENCRYPTED LABEL: IRR.SSIGNON.SYSA.11232026.101500.000001", {"legacy_key": "encrypted"}),
        ("Enhanced PassTicket: Timeout = 600", {"timeout": 600}),
        ("Enhanced PassTicket: Replay allowed = No", {"replay": False}),
        ("Enhanced PassTicket: Replay allowed = Yes", {"replay": True}),
        ("ENHANCED PASSTICKET: REPLAY ALLOWED=YES", {"replay": True}),
        ("enhanced passticket: timeout: 60", {"timeout": 60}),
        ("Enhanced PassTicket: Timeout = 600 seconds", {"timeout": 600}),
        ("Enhanced PassTicket: Replay = No", {"replay": False}),
        ("Enhanced PassTicket: Key label = usrlcl.ckds.csm", {"eptkeylabel": "USRLCL.CKDS.CSM"}),
        ("Enhanced PassTicket: Label: A.B", {"eptkeylabel": "A.B"}),
        ("Enhanced PassTicket: EPTKEYLABEL = A.B", {"eptkeylabel": "A.B"}),
        ("Enhanced PassTicket: Type = Mixed", {"type": "MIXED"}),
        ("Enhanced PassTicket: PassTicket type: UPPER", {"type": "UPPER"}),
        ("Legacy PassTicket: KEYMASKED DATA NOT DISPLAYABLE", {"legacy_key": "masked"}),
        ("Legacy PassTicket: KEYMASKED", {"legacy_key": "masked"}),
        ("Legacy PassTicket: KEYENCRYPTED DATA NOT DISPLAYABLE", {"legacy_key": "encrypted"}),
        ("Legacy PassTicket: KEYLABEL LABEL: legacy.key", {"legacy_key": "label", "legacy_keylabel": "LEGACY.KEY"}),
        ("Legacy PassTicket: KEYLABEL = LEGACY.KEY", {"legacy_key": "label", "legacy_keylabel": "LEGACY.KEY"}),
        # a label RACF did not generate is one an administrator named with KEYLABEL (reasoned, UNCONFIRMED)
        ("Legacy PassTicket: KEYENCRYPTED LABEL: LEGACY.KEY", {"legacy_key": "label", "legacy_keylabel": "LEGACY.KEY"}),
        # the earlier provisional form (racf-behaviour.md section 4) still reads
        ("KEYMASKED DATA NOT DISPLAYABLE", {"legacy_key": "masked"}),
        ("ENHANCED PASSTICKET LABEL: A.B", {"eptkeylabel": "A.B"}),
        ("ENHANCED PASSTICKET TYPE MIXED", {"type": "MIXED"}),
        ("ENHANCED PASSTICKET REPLAY = YES", {"replay": True}),
    ],
)
def test_ssignon_field_words_and_separators(line, expected):
    assert parse_ssignon([line]) == dict(NO_SSIGNON, **expected)


@pytest.mark.parametrize(
    "line",
    [
        "Enhanced PassTicket: Timeout = sixty",
        "Enhanced PassTicket: Replay allowed = Maybe",
        "Enhanced PassTicket: Type = LOWER",
        "Enhanced PassTicket: Something new = 1",
        "Legacy PassTicket: KEYSOMETHING",
        "SOME UNEXPECTED TEXT",
    ],
)
def test_an_ssignon_line_no_row_interprets_is_kept_not_dropped(line):
    segment = parse_ssignon(["Enhanced PassTicket: Timeout = 600", line])
    assert segment["unrecognized_lines"] == [line]
    assert segment["timeout"] == 600


def test_an_empty_ssignon_section_holds_nothing():
    assert parse_ssignon([]) == NO_SSIGNON


def test_several_profiles_generic_and_terminal_leading_blanks():
    text = "\n".join(
        [
            ptktdata("APPL.USER", "NO REPLAY PROTECTION", ssignon=""),
            "",
            ptktdata("IRRPTAUTH.APPL.*", "NONE", ssignon="", generic=" (G)"),
            "",
            ptktdata("$#@APP", "IT'S (QUOTED)"),
        ]
    )
    text = "\n".join(" " + line for line in text.splitlines())
    profiles = parse_rlist(text)
    assert [(p["name"], p["generic"], p["application_data"]) for p in profiles] == [
        ("APPL.USER", False, "NO REPLAY PROTECTION"),
        ("IRRPTAUTH.APPL.*", True, None),
        ("$#@APP", False, "IT'S (QUOTED)"),
    ]
    assert "ssignon" not in profiles[0]["segments"]
    assert profiles[2]["segments"]["ssignon"]["eptkeylabel"] == "USRLCL.CKDS.CSM"
    assert all(p["owner"] == "ESWIFT" for p in profiles)


def test_wrapped_application_data_is_joined():
    [profile] = parse_rlist(ptktdata(appldata="A" * 40 + "\n" + "B" * 20, ssignon=""))
    assert profile["application_data"] == "A" * 40 + "B" * 20


def test_notify_and_installation_data():
    text = BASE.replace("NO USER TO BE NOTIFIED", "SECADM")
    text = text.replace(
        "INSTALLATION DATA\n-----------------\nNONE", "INSTALLATION DATA\n-----------------\nOWNED BY SECURITY"
    )
    [profile] = parse_rlist(text)
    assert (profile["notify"], profile["installation_data"]) == ("SECADM", "OWNED BY SECURITY")


def test_ssignon_not_authorized_line_adds_no_segment():
    [profile] = parse_rlist(BASE + "\nIRR52021I You are not authorized to view SSIGNON segments.")
    assert profile["segments"] == {}
    assert profile["notify"] is None
