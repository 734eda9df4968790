"""Documentation markup: C(...) ends at the first closing parenthesis.

Ansible's classic markup has no escape inside C(), so a command image such as
SETROPTS RACLIST(PTKTDATA) REFRESH wrapped in C() renders broken in ansible-doc.
"""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC_FILES = sorted(
    [
        path
        for path in (REPO / "plugins").rglob("*.py")
        if "module_utils" not in path.parts and "plugin_utils" not in path.parts
    ]
    + list((REPO / "plugins").rglob("*.yml"))
    + list((REPO / "roles").rglob("argument_specs.yml"))
)
# C( not preceded by a word character, up to the first ")"
CODE = re.compile(r"(?<![\w])C\(([^)\n]*)\)")


def test_there_are_documents_to_check():
    assert any(path.name == "ptktdata_profile.py" for path in DOC_FILES)


def test_no_code_markup_holds_a_parenthesis():
    broken = []
    for path in DOC_FILES:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in CODE.finditer(line):
                if "(" in match.group(1):
                    broken.append("{0}:{1}: {2}".format(path.relative_to(REPO), number, match.group(0)))
    assert broken == []
