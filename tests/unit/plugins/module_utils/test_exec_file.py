"""Writing the bundled execs: z/OS (IBM-1047, tagged) and elsewhere (plain text); always 0700, REXX first line."""

import os
import stat

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._zos import exec_file as _exec_file
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.icsf_exec import ICSF_EXEC_SOURCE
from ansible_collections.mainframe.passticket.plugins.module_utils._zos.racf_exec import RACF_EXEC_SOURCE

# IBM-1047 code points (z/OS UNIX's default code page), including where it differs from cp037
IBM1047 = {
    "/": 0x61,
    "*": 0x5C,
    " ": 0x40,
    "R": 0xD9,
    "E": 0xC5,
    "X": 0xE7,
    "a": 0x81,
    "z": 0xA9,
    "0": 0xF0,
    "9": 0xF9,
    "[": 0xAD,
    "]": 0xBD,
    "^": 0x5F,
    "\n": 0x15,
    "|": 0x4F,
    "!": 0x5A,
    "\\": 0xE0,
    "'": 0x7D,
    '"': 0x7F,
    "&": 0x50,
    "%": 0x6C,
    "=": 0x7E,
    "<": 0x4C,
    ">": 0x6E,
    ",": 0x6B,
    ".": 0x4B,
    "(": 0x4D,
    ")": 0x5D,
    "_": 0x6D,
    "#": 0x7B,
    "@": 0x7C,
    "$": 0x5B,
    "{": 0xC0,
    "}": 0xD0,
    "~": 0xA1,
    ":": 0x7A,
    ";": 0x5E,
    "?": 0x6F,
    "-": 0x60,
    "+": 0x4E,
}


def test_ibm1047_code_points():
    for char, code in IBM1047.items():
        assert _exec_file.encode_ibm1047(char) == bytes([code]), char


@pytest.mark.parametrize("source", [ICSF_EXEC_SOURCE, RACF_EXEC_SOURCE])
def test_on_zos_an_exec_is_written_in_ibm1047_tagged_and_0700(tmp_path, source):
    tagged = []
    path = str(tmp_path / "exec.rexx")
    _exec_file.write_exec(path, source, platform="zos", run_command=lambda argv: tagged.append(argv[-1]) or (0, "", ""))
    data = open(path, "rb").read()
    assert data.startswith(bytes([0x61, 0x5C, 0x40, 0xD9, 0xC5, 0xE7, 0xE7, 0x40, 0x5C, 0x61, 0x15]))  # /* REXX */ NL
    assert data.endswith(b"\x15") and b"\n" not in data and b"\x25" not in data
    assert data.count(b"\x15") == len(source.splitlines())
    assert tagged == [path]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o700


def test_the_zos_tag_is_chtag_tc_ibm1047_and_a_failed_tag_fails(tmp_path):
    runs = []

    def run_command(argv):
        runs.append(argv)
        return 0, "", ""

    path = str(tmp_path / "exec.rexx")
    _exec_file.write_exec(path, RACF_EXEC_SOURCE, platform="zos", run_command=run_command)
    assert runs == [["chtag", "-tc", "IBM-1047", path]]
    with pytest.raises(OSError, match="chtag -tc IBM-1047 .* failed .rc 1.: FSUM"):
        _exec_file.write_exec(
            str(tmp_path / "other.rexx"),
            RACF_EXEC_SOURCE,
            platform="zos",
            run_command=lambda argv: (1, "", "FSUM6180 bad tag\n"),
        )
    with pytest.raises(ValueError, match="needs a run_command"):
        _exec_file.write_exec(str(tmp_path / "third.rexx"), RACF_EXEC_SOURCE, platform="zos")


def test_elsewhere_an_exec_is_plain_text_0700_without_a_tag(tmp_path):
    path = str(tmp_path / "exec.rexx")
    old_umask = os.umask(0o077)
    try:
        _exec_file.write_exec(
            path, "/* REXX */\nsay 'hi'", platform="linux", run_command=lambda argv: pytest.fail("tagged off z/OS")
        )
    finally:
        os.umask(old_umask)
    assert open(path, "rb").read() == b"/* REXX */\nsay 'hi'\n"  # the last line ends with a newline too
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o700


@pytest.mark.parametrize("source", ["say 'hi'\n", " /* REXX */\nsay 1\n", "/* a comment */\nsay 1\n", ""])
def test_a_source_whose_first_line_is_not_the_rexx_comment_is_refused(tmp_path, source):
    with pytest.raises(ValueError, match="REXX"):
        _exec_file.write_exec(str(tmp_path / "exec.rexx"), source)
    assert not (tmp_path / "exec.rexx").exists()


def test_the_bundled_execs_are_plain_ascii_without_tabs_and_short_lines():
    for source in (ICSF_EXEC_SOURCE, RACF_EXEC_SOURCE):
        source.encode("ascii")
        assert "\t" not in source and "\r" not in source
        assert max(len(line) for line in source.splitlines()) <= 80  # z/OS UNIX allows 2048; keep them listable
        assert _exec_file.exec_text(source) == source


def test_exec_path_writes_for_zos_when_asked(tmp_path):
    tagged = []
    with _exec_file.exec_path(
        "NO_SUCH_VARIABLE",
        RACF_EXEC_SOURCE,
        "racfexec.rexx",
        environ={},
        platform="zos",
        run_command=lambda argv: tagged.append(argv[-1]) or (0, "", ""),
    ) as path:
        assert open(path, "rb").read() == _exec_file.encode_ibm1047(RACF_EXEC_SOURCE)
        assert tagged == [path]
    assert not os.path.exists(path)
