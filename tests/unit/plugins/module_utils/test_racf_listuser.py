"""parse_listuser on the real LISTUSER output and on variations of it."""

from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.listuser import parse_listuser

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"


def fixture_output(name):
    """Output lines of the first block of a reference file (without the ### header lines)."""
    return "\n".join(line for line in (FIXTURES / name).read_text().splitlines() if not line.startswith("### "))


def test_real_listuser():
    user = parse_listuser(fixture_output("listuser.txt"))
    assert user == {
        "user": "SQUIDWRD",
        "name": "SQUIDWARD",
        "owner": "LEONARD",
        "created": "23.094",
        "default_group": "SYS1",
        "pass_interval": "186",
        "attributes": [],
        "protected": False,
        "revoked": False,
        "special": False,
        "revoke_date": None,
        "resume_date": None,
        "class_authorizations": [],
        "groups": ["SYS1"],
        "connects": [{"group": "SYS1", "auth": "USE", "connect_owner": "LEONARD", "connect_attributes": []}],
    }


def test_real_not_found_is_none():
    assert parse_listuser(fixture_output("listuser_not_found.txt")) is None


def test_tsocmd_leading_blanks_and_trailing_blanks():
    text = "\n".join(" " + line + "   " for line in fixture_output("listuser.txt").splitlines())
    assert parse_listuser(text) == parse_listuser(fixture_output("listuser.txt"))


PROTECTED_REVOKED = """\
USER=HOSTUSR  NAME=CSM PASSTICKET USER    OWNER=SYS1      CREATED=26.327
 DEFAULT-GROUP=CSMGRP   PASSDATE=N/A    PASS-INTERVAL=N/A PHRASEDATE=N/A
 ATTRIBUTES=PROTECTED REVOKED
 ATTRIBUTES=OPERATIONS
 REVOKE DATE=26.300   RESUME DATE=NONE
 LAST-ACCESS=UNKNOWN
 CLASS AUTHORIZATIONS=FACILITY PTKTDATA
 NO-INSTALLATION-DATA
 NO-MODEL-NAME
 LOGON ALLOWED   (DAYS)          (TIME)
 ---------------------------------------------
 ANYDAY                          ANYTIME
  GROUP=CSMGRP    AUTH=USE      CONNECT-OWNER=SYS1      CONNECT-DATE=26.327
    CONNECTS=    00  UACC=NONE     LAST-CONNECT=UNKNOWN
    CONNECT ATTRIBUTES=NONE
    REVOKE DATE=NONE   RESUME DATE=NONE
  GROUP=SYS1      AUTH=CONNECT  CONNECT-OWNER=IBMUSER   CONNECT-DATE=26.327
    CONNECTS=    00  UACC=NONE     LAST-CONNECT=UNKNOWN
    CONNECT ATTRIBUTES=SPECIAL REVOKED
    REVOKE DATE=NONE   RESUME DATE=NONE
SECURITY-LEVEL=NONE SPECIFIED
CATEGORY-AUTHORIZATION
 NONE SPECIFIED
SECURITY-LABEL=NONE SPECIFIED

TSO INFORMATION
---------------
 ACCTNUM= ACCT#
 ATTRIBUTES=SHOULD-NOT-BE-READ
USER=OTHER  NAME=OTHER                OWNER=SYS1      CREATED=26.327
 ATTRIBUTES=SPECIAL
"""


def test_name_with_blanks_several_attribute_lines_connects_and_segments():
    user = parse_listuser(PROTECTED_REVOKED)
    assert user["user"] == "HOSTUSR"
    assert user["name"] == "CSM PASSTICKET USER"
    assert user["owner"] == "SYS1"
    assert user["default_group"] == "CSMGRP"
    assert user["pass_interval"] is None
    assert user["attributes"] == ["PROTECTED", "REVOKED", "OPERATIONS"]
    assert user["protected"] is True
    assert user["revoked"] is True
    # SPECIAL as a group-connect attribute is not the user's SPECIAL attribute
    assert user["special"] is False
    assert user["revoke_date"] == "26.300"
    assert user["class_authorizations"] == ["FACILITY", "PTKTDATA"]
    assert user["groups"] == ["CSMGRP", "SYS1"]
    assert user["connects"][1] == {
        "group": "SYS1",
        "auth": "CONNECT",
        "connect_owner": "IBMUSER",
        "connect_attributes": ["SPECIAL", "REVOKED"],
    }


def test_special_user_lower_case_keywords_are_normalised():
    text = "USER=IBMUSER  NAME=UNKNOWN  OWNER=ibmuser  CREATED=00.000\n DEFAULT-GROUP=SYS1\n ATTRIBUTES=special  operations\n"
    user = parse_listuser(text)
    assert user["special"] is True
    assert user["attributes"] == ["SPECIAL", "OPERATIONS"]
    assert user["owner"] == "IBMUSER"
    assert user["groups"] == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ICH30002I SOMETHING ELSE",
        "IRR52021I You are not authorized to view this profile.",
    ],
)
def test_text_without_user_or_not_found_message_is_an_error(text):
    with pytest.raises(ValueError):
        parse_listuser(text)
