"""The resource tables: every row complete, renderers validated and quoted, SSIGNON in RACF's documented order."""

import re
from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import (
    Read,
    compare,
    defaults,
    rendered,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._racf import extract
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import icsf_hmac_key as _icsf
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import (
    ptktdata_profile,
    racf_class,
    racf_user,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._resources.ptktdata_profile import (
    desired_state,
    plan_profile,
)

KEY = "0123456789ABCDEF"
TABLES = {
    "CLASS_SETTINGS": racf_class.CLASS_SETTINGS,
    "PROFILE_BASE": ptktdata_profile.PROFILE_BASE,
    "SSIGNON": ptktdata_profile.SSIGNON,
    "USER": racf_user.USER,
}
# the ICSF key has no listing (and no RACF operand): it is on the page, not in TABLES' listing test
DOC_TABLES = dict(TABLES, ICSF_KEY=_icsf.ICSF_KEY)
DOC = Path(__file__).resolve().parents[4] / "docs" / "reference" / "resource-tables.md"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_row_names_its_extract_field_and_listing_pattern(table):
    for row in TABLES[table]:
        assert row.extract and all(field.segment for field in row.extract), row.name
        assert row.listing and row.listing.text, row.name


def test_the_reference_page_shows_every_row_with_its_extract_field():
    text = DOC.read_text()
    for table, rows in DOC_TABLES.items():
        for row in rows:
            for field in row.extract or ():
                if field.field:
                    assert "`{0}`".format(field.field) in text, (table, row.name, field.field)
            if row.operand:
                assert row.operand.split("(")[0].split(" ")[0] in text, (table, row.name)


def test_the_reference_page_shows_every_icsf_key_row_with_its_option_and_request():
    section = DOC.read_text().split("## ICSF key")[1].split("\n## ")[0]
    for row in _icsf.ICSF_KEY:
        assert "| `{0}` |".format(row.name) in section, row.name
        if row.option:
            assert "`{0}`".format(row.option) in section, row.name
        if row.secret:
            assert "| **yes** |" in section.split("| `{0}` |".format(row.name))[1].split("\n")[0], row.name
    for verb in ("IMPORT LABEL", "DELETE LABEL", "REPLACE LABEL", "VERB LABEL"):
        assert "`{0}`".format(verb) in section, verb


def test_ssignon_renders_in_documented_order():
    want = desired_state(
        {"timeout": 600, "type": "upper", "eptkeylabel": "usrlcl.ckds.csm", "replay": True, "legacy_key": KEY.lower()}
    )
    [image] = plan_profile("APPL", Read(None, {}, []), want).commands
    assert (
        image
        == "RDEFINE PTKTDATA APPL SSIGNON(KEYMASKED({0}) EPTKEYLABEL(USRLCL.CKDS.CSM) TYPE(UPPER) TIMEOUT(600) REPLAY(YES))".format(
            KEY
        )
    )


@pytest.mark.parametrize(
    "name, value",
    [
        ("timeout", 0),
        ("timeout", 601),
        ("timeout", True),
        ("timeout", "60"),
        ("type", "LOWER"),
        ("eptkeylabel", "A) KEYMASKED(X"),
        ("legacy_keylabel", "A B"),
    ],
)
def test_ssignon_renderers_reject(name, value):
    row = dict((row.name, row) for row in ptktdata_profile.SSIGNON)[name]
    with pytest.raises(ValueError):
        row.render(value)


def test_the_legacy_key_renderer_validates_the_secret_and_never_shows_it():
    want = ptktdata_profile.legacy_key_want(KEY, "encrypted", "on_create")
    row = ptktdata_profile.SSIGNON[0]
    assert row.secret and row.render(want) == "KEYENCRYPTED({0})".format(KEY)
    assert KEY not in repr(want)
    with pytest.raises(ValueError) as error:
        ptktdata_profile.legacy_key_want("XYZ3456789ABCDEF", "masked", "on_create")
    assert "XYZ" not in str(error.value)


def test_compare_on_a_new_object_renders_what_differs_from_racf_defaults():
    changes, after = compare(
        ptktdata_profile.SSIGNON, defaults(ptktdata_profile.SSIGNON), {"timeout": 60, "type": "UPPER", "replay": True}
    )
    # TIMEOUT(60) is RACF's default: nothing to render for it
    assert rendered(changes, "SSIGNON") == ["TYPE(UPPER)", "REPLAY(YES)"]
    assert (after["timeout"], after["type"], after["replay"]) == (60, "UPPER", True)


def test_enhanced_defaults_are_racfs():
    assert dict(
        (row.name, row.default) for row in ptktdata_profile.SSIGNON if row.name in ptktdata_profile.ENHANCED_FIELDS
    ) == {"type": "MIXED", "timeout": 60, "replay": False}


@pytest.mark.parametrize("value, expected", [("TRUE", True), ("No", False), (" yes ", True), ("FALSE", False)])
def test_decode_bool(value, expected):
    assert extract.decode_bool(value) is expected


@pytest.mark.parametrize("value", ["", "MAYBE", None, "1"])
def test_decode_bool_rejects(value):
    with pytest.raises(ValueError):
        extract.decode_bool(value)


def test_listing_patterns_of_ssignon_are_anchored():
    for row in ptktdata_profile.SSIGNON:
        assert row.listing.regex.pattern.startswith("^") and row.listing.regex.pattern.endswith("$"), row.name
        assert row.listing.kind in ("LEGACY", "ENHANCED")
        assert re.compile(row.listing.regex.pattern).flags
