"""A z/OS REXX test bed: run REXX exec text under Regina, against stand-ins.

The execs bundled in ``plugins/module_utils`` run on z/OS UNIX. Here they run
under Regina REXX (libregina.so.3), hosted in this Python process through
Regina's SAA API (ctypes), with the pieces of z/OS they use provided by the
harness:

- ``ADDRESS LINKPGM "PGM var1 var2 ..."``: a host command environment with
  LINKPGM's semantics (TSO/E REXX Reference, "LINKPGM"; zos-interfaces.md
  section 3): each named variable's *storage* is passed to the program without
  a length prefix; the program may change its contents but never its length;
  an output that does not fit the storage the caller passed fails the test;
  RC is set to the program's return code (-3 when no program by that name is
  registered, UNCONFIRMED on z/OS).
- ``STORAGE(address [, length [, data]])``: reads (and writes) a simulated
  31-bit storage (``Storage``) where stand-ins put what a real program would
  leave in storage, e.g. R_admin's chained output blocks.
- External functions implemented in Python (e.g. an IRRXUTIL stand-in), which
  can set REXX variables (stems) through the variable pool.
- Standard input and output: ``PARSE PULL`` with an empty stack reads the next
  line of the given stdin (null string at end of file, as z/OS UNIX REXX does);
  ``SAY`` writes a line to the captured stdout; REXX error and trace messages
  are captured separately.
- Any other host command (the default environment is ``SH``, as in z/OS UNIX)
  is a violation: an exec under test never reaches the test machine's shell.

Public API (stable; see tests/rexx/README.md)::

    from rexx.harness import Harness, InterfaceViolation, RexxCallError

    harness = Harness()                          # STORAGE() registered
    harness = Harness(builtins=())               # STORAGE() not registered: a call is REXX error 43

    @harness.program("IRRSEQ00")                 # an ADDRESS LINKPGM program stand-in
    def irrseq00(call):                          # call: LinkpgmCall
        work_area = call.params[0]               # Parameter: fixed-length storage of one variable
        call.require(len(call.params) == 13, "IRRSEQ00 takes 13 parameters")
        saf_rc = call.params[2].fullword()       # int; a violation unless exactly 4 bytes
        call.params[2].set_fullword(0)           # same length, new contents
        call.params[12].store(b"\\x00\\x00\\x00\\x00")  # overwrite in place; too long -> violation
        address = call.storage.allocate(b"...", subpool=127)
        return 0                                 # becomes RC

    @harness.function("IRRXUTIL")                # an external function
    def irrxutil(call):                          # call: FunctionCall
        call.args                                # list of bytes, None for an omitted argument
        call.set_variable("RACF.BASE.NAME.1", b"JOE")   # symbolic name, like RXSHV_SYSET
        call.get_variable("RACF.0")              # bytes (the name in upper case when unset)
        call.drop_variable("RACF.")
        raise RexxCallError("...")               # REXX error 40, "Incorrect call to routine"
        return "0 0 0 0 0"                       # the function's result (str or bytes)

    result = harness.run(exec_text, stdin="LINE 1\\nLINE 2\\n")
    result.status      # exit status as the z/OS UNIX process would see it (EXIT value mod 256)
    result.stdout      # str: every SAY line, each ending in "\\n"
    result.lines       # stdout split into lines
    result.messages    # REXX error/trace messages (str); errors found while Regina parses the
                       # exec (before it runs) go to the process's stderr instead
    result.rexx_error  # None, or the REXX error number that ended the exec (e.g. 43)
    result.calls       # [(program, [variable names])] of every ADDRESS LINKPGM command, in order

``run`` raises ``InterfaceViolation`` (an AssertionError naming the rule) when a
stand-in or the harness found the exec breaking an interface rule; the exec is
halted at the next clause (HALT, REXX error 4) and the violation is raised
after it ends, with the exec's stdout and REXX messages appended.

Strings are bytes inside REXX; ``str`` values given to the API are encoded
as latin-1, so every byte value round-trips. The harness runs on an ASCII
machine: literals in the exec and eyecatchers written by stand-ins (``b"RMSG"``)
are both ASCII here, as both are EBCDIC on z/OS.

One exec runs at a time per process (Regina's registrations are global);
``run`` is not re-entrant.
"""

import ctypes
import ctypes.util
import os
import threading

__all__ = [
    "ExecResult",
    "FunctionCall",
    "Harness",
    "InterfaceViolation",
    "LinkpgmCall",
    "Parameter",
    "RexxCallError",
    "Storage",
    "ReginaUnavailable",
    "load_regina",
]

# -- Regina SAA API (rexxsaa.h, Regina 3.6) ----------------------------------
ULONG = ctypes.c_ulong
LONG = ctypes.c_long


class RXSTRING(ctypes.Structure):
    _fields_ = [("strlength", ULONG), ("strptr", ctypes.c_void_p)]


class RXSYSEXIT(ctypes.Structure):
    _fields_ = [("sysexit_name", ctypes.c_char_p), ("sysexit_code", LONG)]


class SHVBLOCK(ctypes.Structure):
    pass


SHVBLOCK._fields_ = [
    ("shvnext", ctypes.POINTER(SHVBLOCK)),
    ("shvname", RXSTRING),
    ("shvvalue", RXSTRING),
    ("shvnamelen", ULONG),
    ("shvvaluelen", ULONG),
    ("shvcode", ctypes.c_ubyte),
    ("shvret", ctypes.c_ubyte),
]

RXCOMMAND = 0
RXSIO, RXSIOSAY, RXSIOTRC, RXSIOTRD, RXSIODTR = 5, 1, 2, 3, 4
RXENDLST = 0
RXEXIT_HANDLED, RXEXIT_NOT_HANDLED = 0, 1
RXSUBCOM_OK, RXSUBCOM_ERROR, RXSUBCOM_FAILURE = 0, 1, 2
RXSHV_SYSET, RXSHV_SYFET, RXSHV_SYDRO = 0x03, 0x04, 0x05
RXSHV_NEWV, RXSHV_TRUNC, RXSHV_BADN, RXSHV_MEMFL = 0x01, 0x04, 0x08, 0x10
RXFUNC_OK, RXFUNC_DEFINED = 0, 10
INCORRECT_CALL = 40  # REXX error 40: Incorrect call to routine

FUNCTION_HANDLER = ctypes.CFUNCTYPE(
    ULONG, ctypes.c_char_p, ULONG, ctypes.POINTER(RXSTRING), ctypes.c_char_p, ctypes.POINTER(RXSTRING)
)
EXIT_HANDLER = ctypes.CFUNCTYPE(LONG, LONG, LONG, ctypes.c_void_p)
SUBCOM_HANDLER = ctypes.CFUNCTYPE(
    ULONG, ctypes.POINTER(RXSTRING), ctypes.POINTER(ctypes.c_ushort), ctypes.POINTER(RXSTRING)
)

REGINA_LIBRARY = "libregina.so.3"
# Regina runs an unknown function as an operating-system command unless told
# not to; z/OS REXX (and these tests) treat it as REXX error 43.
REGINA_OPTIONS = "NOEXT_COMMANDS_AS_FUNCS"
EXIT_NAME = b"PTKTHARNESS"
LINKPGM = "LINKPGM"
DEFAULT_ENVIRONMENT = "SH"  # z/OS UNIX REXX's initial host environment
PROGRAM_NOT_FOUND = -3  # LINKPGM RC when the program is not found (UNCONFIRMED, zos-interfaces.md 3)


class ReginaUnavailable(RuntimeError):
    """libregina.so.3 could not be loaded (install regina-rexx and libregina3-dev)."""


_REGINA = None


def load_regina():
    """The loaded libregina (ctypes.CDLL) with argument types declared."""
    global _REGINA
    if _REGINA is not None:
        return _REGINA
    options = os.environ.get("REGINA_OPTIONS", "").split()
    if REGINA_OPTIONS not in options:
        os.environ["REGINA_OPTIONS"] = " ".join(options + [REGINA_OPTIONS])
    try:
        lib = ctypes.CDLL(REGINA_LIBRARY)
    except OSError as error:
        raise ReginaUnavailable(
            "cannot load {0} ({1}): run tests/tools/ensure_regina.sh, or install the Debian "
            "packages regina-rexx and libregina3-dev".format(REGINA_LIBRARY, error)
        ) from None
    lib.RexxStart.argtypes = [
        LONG,
        ctypes.POINTER(RXSTRING),
        ctypes.c_char_p,
        ctypes.POINTER(RXSTRING),
        ctypes.c_char_p,
        LONG,
        ctypes.POINTER(RXSYSEXIT),
        ctypes.POINTER(ctypes.c_short),
        ctypes.POINTER(RXSTRING),
    ]
    lib.RexxStart.restype = LONG
    lib.RexxRegisterFunctionExe.argtypes = [ctypes.c_char_p, FUNCTION_HANDLER]
    lib.RexxRegisterFunctionExe.restype = ULONG
    lib.RexxDeregisterFunction.argtypes = [ctypes.c_char_p]
    lib.RexxDeregisterFunction.restype = ULONG
    lib.RexxRegisterSubcomExe.argtypes = [ctypes.c_char_p, SUBCOM_HANDLER, ctypes.c_void_p]
    lib.RexxRegisterSubcomExe.restype = ULONG
    lib.RexxRegisterExitExe.argtypes = [ctypes.c_char_p, EXIT_HANDLER, ctypes.c_void_p]
    lib.RexxRegisterExitExe.restype = ULONG
    lib.RexxVariablePool.argtypes = [ctypes.POINTER(SHVBLOCK)]
    lib.RexxVariablePool.restype = ULONG
    lib.RexxAllocateMemory.argtypes = [ULONG]
    lib.RexxAllocateMemory.restype = ctypes.c_void_p
    lib.RexxFreeMemory.argtypes = [ctypes.c_void_p]
    lib.RexxFreeMemory.restype = ULONG
    lib.RexxSetHalt.argtypes = [LONG, LONG]
    lib.RexxSetHalt.restype = ULONG
    _REGINA = lib
    return lib


def _as_bytes(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return str(value).encode("latin-1")


def _rxstring_bytes(rxstring):
    if not rxstring.strptr:
        return None
    return ctypes.string_at(rxstring.strptr, rxstring.strlength)


def _fill_rxstring(lib, rxstring, data):
    """Put ``data`` in an RXSTRING whose buffer the interpreter gave (RexxAllocateMemory when too small)."""
    if not rxstring.strptr or rxstring.strlength < len(data):
        rxstring.strptr = lib.RexxAllocateMemory(max(len(data), 1))
    ctypes.memmove(rxstring.strptr, data, len(data))
    rxstring.strlength = len(data)


# -- rule violations ---------------------------------------------------------
class InterfaceViolation(AssertionError):
    """The exec broke an interface rule (the message names the rule)."""


class RexxCallError(Exception):
    """Raised by an external function: the call fails with REXX error 40."""


# -- simulated storage -------------------------------------------------------
class Storage(object):
    """A simulated 31-bit address space: areas allocated by stand-ins, read by ``STORAGE()``.

    Every area sits between unallocated guard bytes, so reading past its end
    (a wrong length or offset in the exec) is a violation, not a silent zero.
    """

    FIRST_ADDRESS = 0x00A00000
    LIMIT = 0x80000000  # 31-bit addressing
    GUARD = 0x100

    def __init__(self):
        self._areas = []  # [(address, bytearray, subpool)]
        self._next = self.FIRST_ADDRESS

    def allocate(self, size_or_data, subpool=None):
        """Allocate an area (``int`` size of zeros, or its initial ``bytes``); return its address."""
        data = bytearray(size_or_data) if isinstance(size_or_data, int) else bytearray(_as_bytes(size_or_data))
        address = self._next
        if address + len(data) >= self.LIMIT:
            raise InterfaceViolation("simulated storage: 31-bit address space exhausted")
        self._areas.append((address, data, subpool))
        self._next = (address + len(data) + self.GUARD + 7) & ~7
        return address

    def areas(self):
        """``[(address, length, subpool)]`` of every allocated area."""
        return [(address, len(data), subpool) for address, data, subpool in self._areas]

    def _locate(self, address, length, what):
        for start, data, _subpool in self._areas:
            if start <= address and address + length <= start + len(data):
                return data, address - start
        raise InterfaceViolation(
            "STORAGE: {0} of {1} bytes at X'{2:08X}' is outside any allocated area "
            "(the exec computed a wrong address or length)".format(what, length, address)
        )

    def read(self, address, length):
        if length == 0:
            return b""
        data, offset = self._locate(address, length, "read")
        return bytes(data[offset : offset + length])

    def write(self, address, value):
        value = _as_bytes(value)
        if not value:
            return
        data, offset = self._locate(address, len(value), "write")
        data[offset : offset + len(value)] = value


# -- LINKPGM -----------------------------------------------------------------
class Parameter(object):
    """The storage of one variable passed by ``ADDRESS LINKPGM``: fixed length, contents changeable."""

    def __init__(self, call, position, name, data):
        self._call = call
        self.position = position  # 1-based, as IBM numbers parameters
        self.name = name
        self._data = bytearray(data)
        self.changed = False

    @property
    def data(self):
        return bytes(self._data)

    def __len__(self):
        return len(self._data)

    def describe(self):
        return "parameter {0} ({1}, {2} bytes)".format(self.position, self.name, len(self._data))

    def require_length(self, length, rule):
        """A violation unless this parameter's storage is exactly ``length`` bytes."""
        if len(self._data) != length:
            self._call.violation("{0}: {1} must be {2} bytes".format(rule, self.describe(), length))

    def fullword(self, rule="a fullword parameter"):
        """The 4-byte big-endian binary value (a violation unless the storage is exactly 4 bytes)."""
        self.require_length(4, rule)
        return int.from_bytes(self._data, "big")

    def signed_fullword(self, rule="a fullword parameter"):
        self.require_length(4, rule)
        return int.from_bytes(self._data, "big", signed=True)

    def set_fullword(self, value):
        self.store(int(value).to_bytes(4, "big", signed=value < 0))

    def store(self, value, offset=0):
        """Write ``value`` into this storage at ``offset``; it must fit (lengths never change)."""
        value = _as_bytes(value)
        if offset + len(value) > len(self._data):
            self._call.violation(
                "LINKPGM storage: {0} bytes at offset {1} do not fit {2}; a program can change "
                "the contents of a variable, never its length".format(len(value), offset, self.describe())
            )
        self._data[offset : offset + len(value)] = value
        self.changed = True


class LinkpgmCall(object):
    """One ``ADDRESS LINKPGM`` command as a program stand-in sees it."""

    def __init__(self, harness, program, names, values):
        self.harness = harness
        self.storage = harness.storage
        self.program = program
        self.params = [
            Parameter(self, position, name, value) for position, (name, value) in enumerate(zip(names, values), 1)
        ]

    def violation(self, rule):
        raise InterfaceViolation("{0}: {1}".format(self.program, rule))

    def require(self, condition, rule):
        """A violation naming ``rule`` unless ``condition``."""
        if not condition:
            self.violation(rule)

    def get_variable(self, name):
        """Any variable of the calling exec (bytes), e.g. to check what it holds around the call."""
        return _get_variable(name)


class FunctionCall(object):
    """One call of an external function implemented in Python."""

    def __init__(self, harness, name, args):
        self.harness = harness
        self.storage = harness.storage
        self.name = name
        self.args = args

    def violation(self, rule):
        raise InterfaceViolation("{0}(): {1}".format(self.name, rule))

    def set_variable(self, name, value):
        _set_variable(name, value)

    def get_variable(self, name):
        return _get_variable(name)

    def drop_variable(self, name):
        _variable_request(RXSHV_SYDRO, name)


def _variable_request(code, name, value=None):
    lib = load_regina()
    name_bytes = _as_bytes(name)
    block = SHVBLOCK()
    name_buffer = ctypes.create_string_buffer(name_bytes, len(name_bytes))
    block.shvname = RXSTRING(len(name_bytes), ctypes.cast(name_buffer, ctypes.c_void_p))
    block.shvnamelen = len(name_bytes)
    block.shvcode = code
    keep = None
    if code == RXSHV_SYSET:
        value_bytes = _as_bytes(value)
        keep = ctypes.create_string_buffer(value_bytes, max(len(value_bytes), 1))
        block.shvvalue = RXSTRING(len(value_bytes), ctypes.cast(keep, ctypes.c_void_p))
        block.shvvaluelen = len(value_bytes)
    elif code == RXSHV_SYFET:
        block.shvvalue = RXSTRING(0, None)  # the interpreter allocates the value
        block.shvvaluelen = 0
    status = lib.RexxVariablePool(ctypes.byref(block))
    if block.shvret & (RXSHV_BADN | RXSHV_MEMFL) or status not in (0, RXSHV_NEWV):
        raise InterfaceViolation(
            "variable pool request {0} for {1!r} failed (ret X'{2:02X}', rc {3})".format(
                code, name_bytes, block.shvret, status
            )
        )
    del keep
    return block


def _get_variable(name):
    block = _variable_request(RXSHV_SYFET, name)
    value = _rxstring_bytes(block.shvvalue) or b""
    if block.shvvalue.strptr:
        load_regina().RexxFreeMemory(block.shvvalue.strptr)
    return value


def _set_variable(name, value):
    _variable_request(RXSHV_SYSET, name, value)


# -- running -----------------------------------------------------------------
class ExecResult(object):
    """What one run of an exec produced."""

    def __init__(self, status, stdout, messages, rexx_error, result, calls):
        self.status = status
        self.stdout = stdout
        self.messages = messages
        self.rexx_error = rexx_error
        self.result = result
        self.calls = calls

    @property
    def lines(self):
        return self.stdout.splitlines()

    def __repr__(self):
        return "ExecResult(status={0!r}, rexx_error={1!r}, stdout={2!r}, messages={3!r})".format(
            self.status, self.rexx_error, self.stdout, self.messages
        )


_RUN_LOCK = threading.Lock()
_ACTIVE = []  # the harness whose exec is running (at most one)
_CALLBACKS = {}  # name -> ctypes callback kept alive for the life of the process
_SETUP_DONE = []


def _active():
    return _ACTIVE[0]


def _function_dispatcher(name, argc, argv, queuename, retstr):
    harness = _active()
    try:
        function_name = name.decode("latin-1").upper()
        args = [_rxstring_bytes(argv[index]) for index in range(argc)]
        value = harness._call_function(function_name, args)
        _fill_rxstring(load_regina(), retstr.contents, _as_bytes(value))
        return 0
    except RexxCallError as error:
        harness._messages.append("{0}: {1}\n".format(name.decode("latin-1"), error))
        return INCORRECT_CALL
    except BaseException as error:  # never let a Python exception cross into C
        harness._fail(error)
        _fill_rxstring(load_regina(), retstr.contents, b"")
        return 0


def _subcom_dispatcher(command, flags, retstr):
    harness = _active()
    try:
        rc = harness._linkpgm(_rxstring_bytes(command.contents) or b"")
    except BaseException as error:
        harness._fail(error)
        rc = PROGRAM_NOT_FOUND
    flags[0] = RXSUBCOM_OK if rc == 0 else (RXSUBCOM_FAILURE if rc < 0 else RXSUBCOM_ERROR)
    _fill_rxstring(load_regina(), retstr.contents, str(rc).encode("ascii"))
    return 0


def _shell_dispatcher(command, flags, retstr):
    harness = _active()
    text = (_rxstring_bytes(command.contents) or b"").decode("latin-1")
    harness._fail(
        InterfaceViolation(
            "the exec issued a host command to the {0} environment: {1!r} (only ADDRESS "
            "LINKPGM is provided; a real shell command would run on z/OS)".format(DEFAULT_ENVIRONMENT, text[:80])
        )
    )
    flags[0] = RXSUBCOM_FAILURE
    _fill_rxstring(load_regina(), retstr.contents, b"-3")
    return 0


def _exit_dispatcher(function, subfunction, parameters):
    harness = _active()
    try:
        if function == RXSIO:
            if subfunction == RXSIOSAY:
                text = _rxstring_bytes(ctypes.cast(parameters, ctypes.POINTER(RXSTRING)).contents) or b""
                harness._stdout.append(text + b"\n")
                return RXEXIT_HANDLED
            if subfunction == RXSIOTRC:
                text = _rxstring_bytes(ctypes.cast(parameters, ctypes.POINTER(RXSTRING)).contents) or b""
                harness._messages.append(text.decode("latin-1") + "\n")
                return RXEXIT_HANDLED
            if subfunction in (RXSIOTRD, RXSIODTR):
                _fill_rxstring(
                    load_regina(), ctypes.cast(parameters, ctypes.POINTER(RXSTRING)).contents, harness._read_line()
                )
                return RXEXIT_HANDLED
            return RXEXIT_NOT_HANDLED
        return RXEXIT_NOT_HANDLED
    except BaseException as error:
        harness._fail(error)
        return RXEXIT_NOT_HANDLED


def _setup(lib):
    if _SETUP_DONE:
        return
    for name, factory, dispatcher in (
        ("subcom:" + LINKPGM, SUBCOM_HANDLER, _subcom_dispatcher),
        ("subcom:" + DEFAULT_ENVIRONMENT, SUBCOM_HANDLER, _shell_dispatcher),
        ("exit", EXIT_HANDLER, _exit_dispatcher),
        ("function", FUNCTION_HANDLER, _function_dispatcher),
    ):
        _CALLBACKS[name] = factory(dispatcher)
    lib.RexxRegisterSubcomExe(LINKPGM.encode("ascii"), _CALLBACKS["subcom:" + LINKPGM], None)
    lib.RexxRegisterSubcomExe(DEFAULT_ENVIRONMENT.encode("ascii"), _CALLBACKS["subcom:" + DEFAULT_ENVIRONMENT], None)
    lib.RexxRegisterExitExe(EXIT_NAME, _CALLBACKS["exit"], None)
    _SETUP_DONE.append(True)


def storage_function(call):
    """``STORAGE(address [, length [, data]])`` over the harness's simulated storage (TSO/E REXX Reference).

    address: 1-8 hex digits (31-bit); length: decimal, default 1, 0 gives the
    null string; data: written at the address, the old contents are returned.
    """
    args = call.args + [None] * (3 - len(call.args))
    if not 1 <= len(call.args) <= 3 or args[0] is None:
        raise RexxCallError("STORAGE takes an address and optionally a length and data")
    address_text = args[0].decode("latin-1")
    if not 1 <= len(address_text) <= 8 or any(char not in "0123456789abcdefABCDEF" for char in address_text):
        call.violation("the address must be 1 to 8 hexadecimal digits (31-bit), got {0!r}".format(address_text))
    address = int(address_text, 16)
    if address >= Storage.LIMIT:
        call.violation("address X'{0}' is above the 31-bit line".format(address_text))
    if args[1] is None:
        length = 1 if args[2] is None else len(args[2])
    else:
        length_text = args[1].decode("latin-1").strip()
        if not length_text.isdigit():
            call.violation("the length must be a non-negative whole number, got {0!r}".format(length_text))
        length = int(length_text)
    old = call.storage.read(address, length)
    if args[2] is not None:
        call.storage.write(address, args[2])
    return old


class Harness(object):
    """Runs REXX exec text under Regina with z/OS stand-ins (see the module docstring)."""

    BUILTINS = {"STORAGE": storage_function}

    def __init__(self, builtins=("STORAGE",)):
        self.lib = load_regina()
        _setup(self.lib)
        self.storage = Storage()
        self._functions = {}
        self._programs = {}
        for name in builtins:
            self.register_function(name, self.BUILTINS[name.upper()])
        self._reset_run()

    # -- registration --------------------------------------------------------
    def register_function(self, name, implementation):
        """Make ``name(...)`` call ``implementation(FunctionCall) -> str | bytes``."""
        self._functions[name.upper()] = implementation

    def unregister_function(self, name):
        """Leave ``name`` out: a call then fails with REXX error 43 (routine not found)."""
        self._functions.pop(name.upper(), None)

    def register_program(self, name, implementation):
        """Make ``ADDRESS LINKPGM "name ..."`` call ``implementation(LinkpgmCall) -> int`` (RC)."""
        self._programs[name.upper()] = implementation

    def unregister_program(self, name):
        """Leave ``name`` out: ``ADDRESS LINKPGM "name ..."`` then sets RC -3 (program not found)."""
        self._programs.pop(name.upper(), None)

    def function(self, name):
        """Decorator form of ``register_function``."""

        def decorate(implementation):
            self.register_function(name, implementation)
            return implementation

        return decorate

    def program(self, name):
        """Decorator form of ``register_program``."""

        def decorate(implementation):
            self.register_program(name, implementation)
            return implementation

        return decorate

    # -- running -------------------------------------------------------------
    def _reset_run(self):
        self._stdin = []
        self._stdout = []
        self._messages = []
        self._failures = []
        self._calls = []

    def _fail(self, error):
        if not isinstance(error, InterfaceViolation):
            error = InterfaceViolation("harness/stand-in error: {0}: {1}".format(type(error).__name__, error))
        self._failures.append(error)
        # stop the exec at the next clause (HALT condition, REXX error 4)
        self.lib.RexxSetHalt(os.getpid(), threading.get_native_id())

    def _read_line(self):
        return self._stdin.pop(0) if self._stdin else b""

    def _call_function(self, name, args):
        implementation = self._functions[name]
        return implementation(FunctionCall(self, name, args))

    def _linkpgm(self, command):
        words = command.decode("latin-1").split()
        if not words:
            return PROGRAM_NOT_FOUND
        program, names = words[0].upper(), [name.upper() for name in words[1:]]
        self._calls.append((program, names))
        implementation = self._programs.get(program)
        if implementation is None:
            return PROGRAM_NOT_FOUND
        values = [_get_variable(name) for name in names]
        call = LinkpgmCall(self, program, names, values)
        rc = implementation(call)
        for parameter in call.params:
            if parameter.changed:
                if len(parameter.data) != len(values[parameter.position - 1]):
                    raise InterfaceViolation("{0}: the length of {1} changed".format(program, parameter.describe()))
                _set_variable(parameter.name, parameter.data)
        return int(rc or 0)

    def run(self, source, stdin="", args=None, name="exec.rexx"):
        """Run exec text; return an ExecResult (raises InterfaceViolation on a broken rule)."""
        source_bytes = _as_bytes(source)
        stdin_bytes = _as_bytes(stdin or b"")
        with _RUN_LOCK:
            if _ACTIVE:
                raise RuntimeError("a REXX exec is already running in this process")
            self._reset_run()
            self._stdin = stdin_bytes.splitlines()
            _ACTIVE.append(self)
            registered = []
            try:
                for function_name in self._functions:
                    status = self.lib.RexxRegisterFunctionExe(function_name.encode("latin-1"), _CALLBACKS["function"])
                    if status not in (RXFUNC_OK, RXFUNC_DEFINED):
                        raise RuntimeError("RexxRegisterFunctionExe({0}) gave {1}".format(function_name, status))
                    registered.append(function_name)
                return self._start(source_bytes, args, name)
            finally:
                for function_name in registered:
                    self.lib.RexxDeregisterFunction(function_name.encode("latin-1"))
                _ACTIVE.pop()

    def _start(self, source_bytes, args, name):
        lib = self.lib
        source_buffer = ctypes.create_string_buffer(source_bytes, len(source_bytes))
        instore = (RXSTRING * 2)()
        instore[0] = RXSTRING(len(source_bytes), ctypes.cast(source_buffer, ctypes.c_void_p))
        instore[1] = RXSTRING(0, None)
        arg_values = [_as_bytes(arg) for arg in (args or [])]
        arg_buffers = [ctypes.create_string_buffer(value, max(len(value), 1)) for value in arg_values]
        argv = (RXSTRING * max(len(arg_values), 1))()
        for index, (value, buffer) in enumerate(zip(arg_values, arg_buffers)):
            argv[index] = RXSTRING(len(value), ctypes.cast(buffer, ctypes.c_void_p))
        exits = (RXSYSEXIT * 2)()
        exits[0] = RXSYSEXIT(EXIT_NAME, RXSIO)
        exits[1] = RXSYSEXIT(None, RXENDLST)
        return_code = ctypes.c_short(0)
        result = RXSTRING(0, None)
        status = lib.RexxStart(
            len(arg_values),
            argv,
            name.encode("latin-1"),
            instore,
            DEFAULT_ENVIRONMENT.encode("ascii"),
            RXCOMMAND,
            exits,
            ctypes.byref(return_code),
            ctypes.byref(result),
        )
        result_bytes = _rxstring_bytes(result)
        if result.strptr:
            lib.RexxFreeMemory(result.strptr)
        if instore[1].strptr:
            lib.RexxFreeMemory(instore[1].strptr)
        if self._failures:
            self._drain_pending_halt()
        rexx_error = -status if status < 0 else None
        exit_status = self._exit_status(status, result_bytes)
        outcome = ExecResult(
            exit_status,
            b"".join(self._stdout).decode("latin-1"),
            "".join(self._messages),
            rexx_error,
            result_bytes,
            list(self._calls),
        )
        if self._failures:
            first = self._failures[0]
            raise InterfaceViolation(
                "{0}\n-- exec stdout --\n{1}-- REXX messages --\n{2}".format(first, outcome.stdout, outcome.messages)
            )
        return outcome

    def _drain_pending_halt(self):
        """A halt requested in the exec's last clause stays pending in Regina; let a one-clause exec take it."""
        source = b"/* REXX */\nnop\n"
        buffer = ctypes.create_string_buffer(source, len(source))
        instore = (RXSTRING * 2)()
        instore[0] = RXSTRING(len(source), ctypes.cast(buffer, ctypes.c_void_p))
        instore[1] = RXSTRING(0, None)
        exits = (RXSYSEXIT * 2)()
        exits[0] = RXSYSEXIT(EXIT_NAME, RXSIO)  # its error message goes nowhere visible
        exits[1] = RXSYSEXIT(None, RXENDLST)
        messages = list(self._messages)
        return_code = ctypes.c_short(0)
        result = RXSTRING(0, None)
        self.lib.RexxStart(
            0,
            None,
            b"drain-halt",
            instore,
            DEFAULT_ENVIRONMENT.encode("ascii"),
            RXCOMMAND,
            exits,
            ctypes.byref(return_code),
            ctypes.byref(result),
        )
        for rxstring in (result, instore[1]):
            if rxstring.strptr:
                self.lib.RexxFreeMemory(rxstring.strptr)
        self._messages[:] = messages

    @staticmethod
    def _exit_status(status, result_bytes):
        """The process exit status: EXIT's value mod 256 (Regina; UNCONFIRMED on z/OS), the error number on a
        REXX error (as Regina's command line does: 256 - n)."""
        if status < 0:
            return status % 256
        if status > 0:
            raise RuntimeError("RexxStart did not run the exec (status {0})".format(status))
        text = (result_bytes or b"0").decode("latin-1").strip()
        try:
            return int(text) % 256
        except ValueError:
            return 0
