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


@pytest.mark.parametrize("name, data", [
    ("racf_rlist", "ICH13002I NOT AUTHORIZED TO LIST X"),
    ("racf_setropts_list", "IKJ56702I INVALID RACLIST, ELIXTEST"),
    ("racf_listuser", "garbage"),
    ("racf_rlist", 42),
    ("racf_rlist", {"no_content": []}),
    ("racf_rlist", [1, 2]),
])
def test_errors_are_filter_errors(name, data):
    with pytest.raises(AnsibleFilterError) as error:
        FILTERS[name](data)
    assert name in str(error.value)
