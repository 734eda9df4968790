"""The z/OS UNIX commands the modules run, answered by the simulated host.

Each shim reads the host directory from ``ZOSSIM_STATE``:

- ``tsocmd COMMAND``: echoes the command image to stderr (as z/OS does),
  prints RACF's output on stdout, exits with the command's rc.
- ``racfexec``: the RACF exec protocol: command image on the first line of
  stdin, output on stdout, no echo, exit status = rc. Same code path as tsocmd.
- ``icsfhmac VERB LABEL``: the ICSF exec protocol (see ``simulator.icsf``).
- ``racfread``: the product's IRRXUTIL read exec under the REXX test bed,
  requests on stdin (see ``simulator.racfread``).
- ``uname -I...``: ``z/OS <release> 00 8561``; other options run the real uname.
- ``date -u +%s``: the host's skewed UTC clock; anything else runs the real date.

Kept light: only the standard library, nothing from the PassTicket engine.
"""
import os
import sys

from . import faults, icsf, racf, store

REAL_DIRS = ("/bin", "/usr/bin")


def _fail(message):
    sys.stderr.write("zossim: {0}\n".format(message))
    return 90


def _run_racf(image, transport, echo):
    try:
        host_dir = store.host_dir_from_env()
        if echo:
            sys.stderr.write(image + "\n")
        with store.transaction(host_dir) as txn:
            rc, lines = racf.run_command(txn, image, transport)
    except store.HostError as error:
        return _fail(error)
    for line in lines:
        sys.stdout.write(line + "\n")
    return rc


def tsocmd(argv):
    if len(argv) < 2 or not " ".join(argv[1:]).strip():
        return _fail("usage: tsocmd 'TSO COMMAND'")
    return _run_racf(" ".join(argv[1:]), "tsocmd", echo=True)


def racfexec(argv):
    image = sys.stdin.readline().rstrip("\r\n")
    if not image.strip():
        return _fail("racfexec: no command image on stdin")
    return _run_racf(image, "racfexec", echo=False)


def icsfhmac(argv):
    if len(argv) != 3:
        return _fail("usage: icsfhmac EXISTS|IMPORT|REPLACE|DELETE LABEL (key as hex on stdin)")
    verb, label = argv[1].upper(), argv[2]
    key_hex = sys.stdin.readline() if verb in ("IMPORT", "REPLACE") else None
    try:
        with store.transaction(store.host_dir_from_env()) as txn:
            image = "{0} {1}".format(verb, label)
            mode = faults.take(txn.state, verb, image)
            if mode is None:
                rc, line = icsf.run(txn.state["ckds"], verb, label, key_hex)
            else:
                rc, line = (icsf.answer(12, 0, "ICSF NOT ACTIVE") if mode == "racf-inactive"
                            else icsf.answer(8, 16004, "NOT AUTHORIZED"))
            txn.log("icsf", verb, image, rc)
    except store.HostError as error:
        return _fail(error)
    sys.stdout.write(line + "\n")
    return rc


def racfread(argv):
    if len(argv) > 1:
        return _fail("racfread takes no arguments: its requests come on stdin")
    from . import racfread as read_exec  # the REXX test bed loads only when this shim runs
    return read_exec.main(sys.stdin.read())


def _exec_real(name, argv):
    for directory in REAL_DIRS:
        path = os.path.join(directory, name)
        if os.access(path, os.X_OK):
            os.execv(path, [path] + argv[1:])
    return _fail("no real {0} found in {1}".format(name, " or ".join(REAL_DIRS)))


def _host_state():
    return store.read(store.host_dir_from_env())


def uname(argv):
    if not any(arg.startswith("-") and not arg.startswith("--") and "I" in arg for arg in argv[1:]):
        return _exec_real("uname", argv)
    try:
        release = _host_state()["release"]
    except store.HostError as error:
        return _fail(error)
    sys.stdout.write("z/OS {0} 00 8561\n".format(release))
    return 0


def date(argv):
    if sorted(argv[1:]) not in (["+%s", "-u"], ["+%s", "--utc"]):
        return _exec_real("date", argv)
    try:
        state = _host_state()
    except store.HostError as error:
        return _fail(error)
    sys.stdout.write("{0}\n".format(int(racf.now(state))))
    return 0


def main(name):
    """Entry point of the bin/ scripts."""
    shims = {"tsocmd": tsocmd, "racfexec": racfexec, "icsfhmac": icsfhmac, "racfread": racfread, "uname": uname,
             "date": date}
    return shims[name](sys.argv)
