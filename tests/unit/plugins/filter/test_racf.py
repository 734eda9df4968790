"""The RACF listing filters: inputs as text, lines or a zos_tso_command output item; errors as AnsibleFilterError."""

from pathlib import Path

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.mainframe.passticket.plugins.filter.racf import FilterModule

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"
FILTERS = FilterModule().filters()


def output_lines(name):
    return [line for line in (FIXTURES / name).read_text().splitlines() if not line.startswith("### ")]


def test_filters_are_registered():
    assert set(FILTERS) == {"racf_setropts_list", "racf_rlist", "racf_listuser"}


@pytest.mark.parametrize("shape", ["\n".join, list, lambda lines: {"command": "X", "rc": 0, "content": lines}])
def test_setropts_list_accepts_text_lines_and_zos_tso_command_output(shape):
    parsed = FILTERS["racf_setropts_list"](shape(output_lines("setropts_list.txt")))
    assert "PTKTDATA" in parsed["raclist_classes"] and parsed["global_raclist_only"] == ["VTAMAPPL"]


def test_rlist():
    [profile] = FILTERS["racf_rlist"](output_lines("rlist_base.txt"))
    assert (profile["class"], profile["name"], profile["owner"]) == ("ELIJTEST", "TESTING", "ESWIFT")
    assert FILTERS["racf_rlist"]("\n".join(output_lines("rlist_not_found.txt"))) == []


def test_listuser_wraps_part_b_parser():
    user = FILTERS["racf_listuser"](output_lines("listuser.txt"))
    assert user["user"] == "SQUIDWRD" and user["default_group"] == "SYS1"
    assert FILTERS["racf_listuser"](output_lines("listuser_not_found.txt")) is None


@pytest.mark.parametrize(
    "name, data",
    [
        ("racf_rlist", "ICH13002I NOT AUTHORIZED TO LIST X"),
        ("racf_setropts_list", "IKJ56702I INVALID RACLIST, ELIXTEST"),
        ("racf_listuser", "garbage"),
        ("racf_rlist", 42),
        ("racf_rlist", {"no_content": []}),
        ("racf_rlist", [1, 2]),
    ],
)
def test_errors_are_filter_errors(name, data):
    with pytest.raises(AnsibleFilterError) as error:
        FILTERS[name](data)
    assert name in str(error.value)


SHARED_REFERENCE = Path("/work/shared/reference/racf-output")
LISTING_FILTER = {"RLIST": "racf_rlist", "LISTUSER": "racf_listuser", "SETROPTS LIST": "racf_setropts_list"}


def listing_blocks():
    """(file, command, output) of every listing command in the fixtures (copies of shared/reference/racf-output)."""
    blocks = []
    for path in sorted(FIXTURES.glob("*.txt")):
        command, lines = None, []
        for line in path.read_text().splitlines() + ["### command: END"]:
            if line.startswith("### command: "):
                if command:
                    blocks.append((path.name, command, lines))
                command, lines = " ".join(line[len("### command: ") :].split()).upper(), []
            elif not line.startswith("### "):
                lines.append(line)
    return [
        (name, command, lines)
        for name, command, lines in blocks
        if any(command.startswith(verb) for verb in LISTING_FILTER)
    ]


def test_the_fixtures_are_the_shared_reference_files():
    if not SHARED_REFERENCE.is_dir():
        pytest.skip("the shared reference material is not on this machine")
    for reference in SHARED_REFERENCE.glob("*.txt"):
        assert (FIXTURES / reference.name).read_text() == reference.read_text(), reference.name


@pytest.mark.parametrize(
    "name, command, lines", listing_blocks(), ids=lambda value: value if isinstance(value, str) else None
)
def test_every_listing_in_the_reference_output_parses(name, command, lines):
    verb = next(verb for verb in LISTING_FILTER if command.startswith(verb))
    parsed = FILTERS[LISTING_FILTER[verb]](lines)
    if "NOT FOUND" in "\n".join(lines) or "UNABLE TO LOCATE" in "\n".join(lines):
        assert parsed in ([], None)
    elif verb == "RLIST":
        assert parsed and all(profile["name"] for profile in parsed)
        for profile in parsed:
            assert not profile["segments"].get("ssignon", {}).get("unrecognized_lines")
    elif verb == "LISTUSER":
        assert parsed["user"] == "SQUIDWRD"
    else:
        assert "PTKTDATA" in parsed["active_classes"]


def test_rlist_reads_the_reported_ssignon_form():
    [profile] = FILTERS["racf_rlist"](output_lines("rlist_ssignon_reported.txt"))
    assert profile["segments"]["ssignon"] == {
        "legacy_key": "encrypted",
        "legacy_keylabel": None,
        "eptkeylabel": None,
        "type": None,
        "timeout": 600,
        "replay": False,
        "unrecognized_lines": [],
    }


def test_listuser_reads_revoke_and_resume_dates_with_blanks():
    lines = [
        line.replace(
            " REVOKE DATE=NONE   RESUME DATE=NONE", " REVOKE DATE=OCTOBER 22, 2023   RESUME DATE=NOVEMBER 1, 2023"
        )
        if line.startswith(" REVOKE DATE")
        else line
        for line in output_lines("listuser.txt")
    ]
    user = FILTERS["racf_listuser"](lines)
    assert (user["revoke_date"], user["resume_date"]) == ("OCTOBER 22, 2023", "NOVEMBER 1, 2023")
