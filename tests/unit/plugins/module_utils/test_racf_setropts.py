"""SETROPTS LIST parser: the real listing and constructed variations."""

from pathlib import Path

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._racf import setropts_list
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import racf_class

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "racf-output"


def fixture_output(name):
    """The output lines of a reference file, without its ``### command:``/``### returncode:`` header lines."""
    return "\n".join(line for line in (FIXTURES / name).read_text().splitlines() if not line.startswith("### "))


REAL = fixture_output("setropts_list.txt")


def tokens_under(heading, text):
    """Independent count: tokens from the heading line up to the next line with '=' (for the real listing)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading + " ="))
    collected = lines[start].split("=", 1)[1].split()
    for line in lines[start + 1 :]:
        if "=" in line:
            break
        collected += line.split()
    return [token for token in collected if token != "NONE"]


def test_real_listing():
    parsed = setropts_list.parse_setropts_list(REAL)
    assert parsed["active_classes"] == tokens_under("ACTIVE CLASSES", REAL)
    assert parsed["active_classes"][:3] == ["DATASET", "USER", "GROUP"]
    assert "OMCANDL$" in parsed["active_classes"] and parsed["active_classes"][-1] == "ZMFCLOUD"
    assert parsed["generic_profile_classes"] == tokens_under("GENERIC PROFILE CLASSES", REAL)
    assert parsed["generic_command_classes"] == parsed["generic_profile_classes"]
    assert parsed["genlist_classes"] == []
    assert parsed["global_checking_classes"] == ["DATASET", "DSNR", "SDSF", "SURROGAT"]
    assert parsed["raclist_classes"] == tokens_under("SETR RACLIST CLASSES", REAL)
    assert parsed["raclist_classes"][-2:] == ["ZMFAPLA", "ZMFCLOUD"]
    assert parsed["global_raclist_only"] == ["VTAMAPPL"]  # prose after it is not swallowed
    assert parsed["statistics_classes"] == [] and parsed["audit_classes"] == []
    assert parsed["attributes"][0] == "INITSTATS"
    assert racf_class.class_state(parsed, "ptktdata") == {
        "class": "PTKTDATA",
        "active": True,
        "raclist": True,
        "generic": True,
    }
    assert racf_class.class_state(parsed, "VTAMAPPL") == {
        "class": "VTAMAPPL",
        "active": True,
        "raclist": False,
        "generic": True,
    }


def rewrap(text, width):
    """Re-wrap every class list of the real listing at ``width``, as another system might print it."""
    parsed = setropts_list.parse_setropts_list(text)
    headings = [
        ("ACTIVE CLASSES", "active_classes"),
        ("GENERIC PROFILE CLASSES", "generic_profile_classes"),
        ("SETR RACLIST CLASSES", "raclist_classes"),
    ]
    lines = ["ATTRIBUTES = INITSTATS", "STATISTICS = NONE"]
    for heading, key in headings:
        current = heading + " = "
        for name in parsed[key]:
            if len(current) + len(name) + 1 > width and not current.endswith("= "):
                lines.append(current.rstrip())
                current = ""
            current += name + " "
        lines.append(current.rstrip())
    tail = text.splitlines()
    lines += tail[next(i for i, line in enumerate(tail) if line.startswith("GLOBAL=YES")) :]  # and the prose
    return "\n".join(lines), parsed


@pytest.mark.parametrize("width", [20, 40, 132])
def test_other_wrap_widths(width):
    text, reference = rewrap(REAL, width)
    parsed = setropts_list.parse_setropts_list(text)
    for key in ("active_classes", "generic_profile_classes", "raclist_classes"):
        assert parsed[key] == reference[key]


def test_terminal_style_leading_blanks_spacing_and_case():
    text = "\n".join(" " + line for line in REAL.splitlines())
    text = text.replace("GENLIST CLASSES =  NONE", "GENLIST CLASSES=NONE").replace(
        "SETR RACLIST CLASSES =", "setr  raclist classes   ="
    )
    parsed = setropts_list.parse_setropts_list(text)
    assert parsed == setropts_list.parse_setropts_list(REAL)


def test_optional_sections_and_national_characters():
    text = "\n".join(
        [
            "ATTRIBUTES = INITSTATS",
            "STATISTICS = DATASET",
            "AUDIT CLASSES = USER GROUP",
            "ACTIVE CLASSES = DATASET USER GROUP $#@CLS PTKTDATA",
            "#NEXT @LINE",
            "GENERIC PROFILE CLASSES = NONE",
            "GENERIC COMMAND CLASSES = NONE",
            "GENLIST CLASSES = NONE",
            "GLOBAL CHECKING CLASSES = NONE",
            "SETR RACLIST CLASSES = $#@CLS",
            "GLOBAL=YES RACLIST ONLY = NONE",
            'LOGOPTIONS "ALWAYS" CLASSES = DASDVOL',
            "GDASDVOL",
            'LOGOPTIONS "NEVER" CLASSES = NONE',
            "TAPE DATA SET PROTECTION IS ACTIVE",
            "SINGLE LEVEL NAMES NOT ALLOWED",
        ]
    )
    parsed = setropts_list.parse_setropts_list(text)
    assert parsed["active_classes"] == ["DATASET", "USER", "GROUP", "$#@CLS", "PTKTDATA", "#NEXT", "@LINE"]
    assert parsed["statistics_classes"] == ["DATASET"]
    assert parsed["audit_classes"] == ["USER", "GROUP"]
    assert parsed["raclist_classes"] == ["$#@CLS"]
    assert parsed["global_raclist_only"] == []
    assert parsed["logoptions"] == {"ALWAYS": ["DASDVOL", "GDASDVOL"], "NEVER": []}
    assert racf_class.class_state(parsed, "PTKTDATA") == {
        "class": "PTKTDATA",
        "active": True,
        "raclist": False,
        "generic": False,
    }


def test_prose_after_a_list_is_not_taken_for_class_names():
    text = "ACTIVE CLASSES = A B\nSETR RACLIST CLASSES = A\nTAPE DATA SET PROTECTION IS ACTIVE\nLIST OF GROUPS ACCESS CHECKING IS ACTIVE.\n"
    parsed = setropts_list.parse_setropts_list(text)
    assert parsed["raclist_classes"] == ["A"]


def test_blank_line_ends_a_list():
    parsed = setropts_list.parse_setropts_list("SETR RACLIST CLASSES = A\n\nB C\n")
    assert parsed["raclist_classes"] == ["A"]


@pytest.mark.parametrize("name", ["setropts_bad_class.txt", "setropts_raclist_ok.txt", "rlist_base.txt"])
def test_not_a_listing_raises(name):
    with pytest.raises(ValueError):
        setropts_list.parse_setropts_list(fixture_output(name))


@pytest.mark.parametrize(
    "have, want, expected",
    [
        (
            {"active": False, "raclist": False, "generic": False},
            {"active": True, "raclist": True},
            [("CLASSACT", "PTKTDATA"), ("RACLIST", "PTKTDATA")],
        ),
        (
            {"active": True, "raclist": False, "generic": False},
            {"active": True, "raclist": True},
            [("RACLIST", "PTKTDATA")],
        ),
        (
            {"active": True, "raclist": True, "generic": True},
            {"active": False, "raclist": False, "generic": False},
            [("NOCLASSACT", "PTKTDATA"), ("NORACLIST", "PTKTDATA"), ("NOGENERIC", "PTKTDATA")],
        ),
        ({"active": True, "raclist": True, "generic": False}, {"active": True, "raclist": True, "generic": None}, []),
        ({"active": False, "raclist": True, "generic": False}, {}, []),
    ],
)
def test_plan_class(have, want, expected):
    from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import Read

    have = dict(have, **{"class": "PTKTDATA"})
    want = dict((name, value) for name, value in want.items() if value is not None)
    plan = racf_class.plan_class(Read(have, {}, []), want)
    keywords = " ".join("{0}({1})".format(keyword, class_name) for keyword, class_name in expected)
    assert plan.commands == (["SETROPTS " + keywords] if expected else [])
    assert plan.before == have and plan.after == dict(have, **want)
