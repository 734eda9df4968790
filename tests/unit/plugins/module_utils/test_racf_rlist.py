"""RLIST parser: the real listings, several profiles, SSIGNON in the provisional form, tolerances."""
from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf_rlist import parse_rlist, parse_ssignon

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"


def fixture_output(name):
    return "\n".join(line for line in (FIXTURES / name).read_text().splitlines() if not line.startswith("### "))


BASE = fixture_output("rlist_base.txt")
SESSION = fixture_output("rlist_session_segment.txt")

# SSIGNON section in the provisional form of racf-behaviour.md section 4 (not real output)
SSIGNON_ENHANCED = """
SSIGNON INFORMATION
-------------------
KEYMASKED DATA NOT DISPLAYABLE
ENHANCED PASSTICKET LABEL: USRLCL.CKDS.CSM
ENHANCED PASSTICKET TYPE: UPPER
ENHANCED PASSTICKET TIMEOUT: 600
ENHANCED PASSTICKET REPLAY: NO"""


def ptktdata(name="IOSHMCSM.HOSTUSR", appldata="CSM TO HYPERSWAP CONNECTION", ssignon=SSIGNON_ENHANCED, generic=""):
    return BASE.replace("ELIJTEST   TESTING", "PTKTDATA   {0}{1}".format(name, generic)).replace(
        "APPLICATION DATA\n----------------\nNONE", "APPLICATION DATA\n----------------\n" + appldata) + ssignon


def test_real_base_listing():
    assert parse_rlist(BASE) == [{
        "class": "ELIJTEST", "name": "TESTING", "generic": False, "level": "00", "owner": "ESWIFT", "uacc": "READ",
        "your_access": "READ", "warning": False, "installation_data": None, "application_data": None,
        "auditing": "SUCCESS(UPDATE),FAILURES(READ)", "notify": None, "segments": {},
    }]


def test_real_session_segment():
    [profile] = parse_rlist(SESSION)
    assert (profile["class"], profile["name"], profile["uacc"], profile["your_access"]) == ("APPCLU", "TMPNET.TMPLOC.TMPPART", "NONE", "ALTER")
    assert profile["segments"] == {"session": {"session_key": "E3C5E2E3D2C5E800", "session_key_interval": "00005 DAYS",
                                               "locked": True, "convsec": "CONV"}}


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
    assert profile["segments"]["ssignon"] == {"legacy_key": "masked", "legacy_keylabel": None, "eptkeylabel": "USRLCL.CKDS.CSM",
                                              "type": "UPPER", "timeout": 600, "replay": False}


@pytest.mark.parametrize("lines, expected", [
    (["KEYENCRYPTED DATA NOT DISPLAYABLE"], {"legacy_key": "encrypted"}),
    (["KEYLABEL LABEL: LEGACY.KEY"], {"legacy_key": "label", "legacy_keylabel": "LEGACY.KEY"}),
    (["KEYENCRYPTED LABEL: LEGACY.KEY"], {"legacy_key": "label", "legacy_keylabel": "LEGACY.KEY"}),
    (["keylabel = legacy.key"], {"legacy_key": "label", "legacy_keylabel": "LEGACY.KEY"}),
    ([" Enhanced PassTicket Label= A.B", "ENHANCED PASSTICKET TYPE MIXED", "enhanced passticket timeout:60",
      "ENHANCED PASSTICKET REPLAY = YES"], {"eptkeylabel": "A.B", "type": "MIXED", "timeout": 60, "replay": True}),
    ([], {}),
])
def test_ssignon_separators_and_case(lines, expected):
    segment = {"legacy_key": None, "legacy_keylabel": None, "eptkeylabel": None, "type": None, "timeout": None, "replay": None}
    segment.update(expected)
    assert parse_ssignon(lines) == segment


def test_several_profiles_generic_and_terminal_leading_blanks():
    text = "\n".join([ptktdata("APPL.USER", "NO REPLAY PROTECTION", ssignon=""), "",
                      ptktdata("IRRPTAUTH.APPL.*", "NONE", ssignon="", generic=" (G)"), "",
                      ptktdata("$#@APP", "IT'S (QUOTED)")])
    text = "\n".join(" " + line for line in text.splitlines())
    profiles = parse_rlist(text)
    assert [(p["name"], p["generic"], p["application_data"]) for p in profiles] == [
        ("APPL.USER", False, "NO REPLAY PROTECTION"), ("IRRPTAUTH.APPL.*", True, None), ("$#@APP", False, "IT'S (QUOTED)")]
    assert "ssignon" not in profiles[0]["segments"]
    assert profiles[2]["segments"]["ssignon"]["eptkeylabel"] == "USRLCL.CKDS.CSM"
    assert all(p["owner"] == "ESWIFT" for p in profiles)


def test_wrapped_application_data_is_joined():
    [profile] = parse_rlist(ptktdata(appldata="A" * 40 + "\n" + "B" * 20, ssignon=""))
    assert profile["application_data"] == "A" * 40 + "B" * 20


def test_notify_and_installation_data():
    text = BASE.replace("NO USER TO BE NOTIFIED", "SECADM")
    text = text.replace("INSTALLATION DATA\n-----------------\nNONE", "INSTALLATION DATA\n-----------------\nOWNED BY SECURITY")
    [profile] = parse_rlist(text)
    assert (profile["notify"], profile["installation_data"]) == ("SECADM", "OWNED BY SECURITY")


def test_ssignon_not_authorized_line_adds_no_segment():
    [profile] = parse_rlist(BASE + "\nIRR52021I You are not authorized to view SSIGNON segments.")
    assert profile["segments"] == {}
    assert profile["notify"] is None
