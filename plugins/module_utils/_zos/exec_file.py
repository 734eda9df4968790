# -*- coding: utf-8 -*-
# Copyright (c) mainframe.passticket contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!
"""Where the bundled REXX execs (the RACF exec, the ICSF exec) run from, and how they are written.

z/OS side: standard library only, Python 3.9+.

A site (or the simulator) may name its own audited exec in an environment
variable; otherwise the bundled REXX source is written to a fresh directory
only the caller can read (0700), and removed when the context ends.

A file z/OS UNIX runs as a REXX exec (docs/reference/zos-execs.md): its first
line is a comment holding the word REXX, every line ends with a newline, and
it is readable and executable (mode 0700 here). On z/OS (``sys.platform ==
"zos"``) it is written as IBM-1047 text and tagged ``chtag -tc IBM-1047``, as
ibm_zos_core does for the scripts it runs; elsewhere (tests, the simulator)
as plain text.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import os
import re
import shutil
import sys
import tempfile

ZOS_PLATFORM = "zos"
ZOS_CODESET = "IBM-1047"
_REXX_FIRST_LINE = re.compile(r"^/\*.*\bREXX\b.*\*/\s*$", re.IGNORECASE)

# IBM-1047 from cp037 (in every CPython): the code points where the two EBCDIC
# code pages differ ([ ] ^ not-sign Y-acute diaeresis), and z/OS UNIX's newline,
# NL X'15', where cp037 puts LF at X'25'.
_CP037_TO_IBM1047 = {
    0xBA: 0xAD,
    0xBB: 0xBD,
    0xB0: 0x5F,  # [ ] ^
    0x5F: 0xB0,
    0xAD: 0xBA,
    0xBD: 0xBB,  # not-sign, Y-acute, diaeresis
    0x25: 0x15,
    0x15: 0x25,  # LF <-> NL
}
_IBM1047_TABLE = bytes(_CP037_TO_IBM1047.get(code, code) for code in range(256))


def exec_text(source):
    """``source`` as z/OS UNIX runs it: first line the REXX comment, every line ending in a newline."""
    lines = source.splitlines()
    if not lines or not _REXX_FIRST_LINE.match(lines[0]) or lines[0].startswith(" "):
        raise ValueError("a REXX exec must start with a comment holding the word REXX on its first line")
    return "\n".join(lines) + "\n"


def encode_ibm1047(text):
    """``text`` in IBM-1047 (EBCDIC), newline as NL (X'15') as z/OS UNIX text files have it."""
    return text.encode("cp037").translate(_IBM1047_TABLE)


def tag_command(path):
    """The argv that tags ``path`` as IBM-1047 text: ``chtag -tc IBM-1047 path``."""
    return ["chtag", "-tc", ZOS_CODESET, path]


def write_exec(path, source, platform=None, run_command=None):
    """Write the exec to the new file ``path``, mode 0700: IBM-1047 and tagged on z/OS, plain text elsewhere.

    On z/OS the tag is set with ``run_command(argv) -> (rc, stdout, stderr)``
    (the caller's runner, e.g. bound to ``AnsibleModule.run_command``).
    """
    text = exec_text(source)
    on_zos = (sys.platform if platform is None else platform) == ZOS_PLATFORM
    if on_zos and run_command is None:
        raise ValueError("writing an exec on z/OS needs a run_command to tag it")
    data = encode_ibm1047(text) if on_zos else text.encode("ascii")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o700)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o700)  # whatever the umask
    if on_zos:
        rc, dummy_stdout, stderr = run_command(tag_command(path))
        if rc != 0:
            raise OSError(
                "chtag -tc {0} {1} failed (rc {2}): {3}".format(ZOS_CODESET, path, rc, (stderr or "").strip())
            )


@contextlib.contextmanager
def exec_path(env_name, source, filename, environ=None, platform=None, run_command=None):
    """Yield the exec to run: ``$env_name`` when set, else ``source`` written privately (see ``write_exec``)."""
    environ = os.environ if environ is None else environ
    configured = environ.get(env_name)
    if configured:
        yield configured
        return
    directory = tempfile.mkdtemp(prefix="passticket-exec-")  # mode 0700
    try:
        path = os.path.join(directory, filename)
        write_exec(path, source, platform, run_command)
        yield path
    finally:
        shutil.rmtree(directory, ignore_errors=True)
