"""Stand-in for R_admin (IRRSEQ00), function ADMN_RUN_COMD, called through ``ADDRESS LINKPGM``.

It checks the 13-parameter list IBM documents (zos-interfaces.md sections 1
and 7; sources in docs/reference/zos-execs.md): parameter count and order,
sizes 1024,4,4,4,4,4,4,1,2+n,9,4,1,4, ALETs 0, function code X'05', the
parameter list's 2-byte length prefix (n <= 4096), a RACF_userID of length 0
and a zero ACEE (a REXX exec is a problem-state caller), and an output
subpool other than 0, 250, 227-231 and 241. A departure is an
``InterfaceViolation`` naming the rule.

It hands the command to ``run_command(image) -> (rc, lines)`` (RACF: a fake in
unit tests, ``simulator.racf.run_command`` in the simulator), then answers as
R_admin does: SAF 0 / RACF 0 / reason 0 when the command ended with rc 0,
else 8 / 16 / rc ("RACF command failed", the reason being the command's own
return code, INFERRED in the fact sheet 1.7). Its output is left in the
simulated storage as chained blocks in the layout of 1.4 (next@0, eyecatcher
@4, subpool@8, 24-bit length@9, last byte offset@12, entries of 2-byte length
+ text from 16): first an ``RCMD`` block holding the command image as RACF
ran it (it may hold the secret), then ``RMSG`` blocks with the message lines,
``block_capacity`` bytes of entries per block. An entry may be empty (RACF's
blank output lines). Each block is obtained 8 to 15 bytes larger than its
data, rounded to 8 bytes, and its length (+9) is that obtained length (what
zowe frees); the last byte offset (+12) is the offset of the block's last
data byte, inclusive, from the block start: the spare bytes and the
inclusive reading are [simulated]. So an exec must end its walk at the data
end, not at the block end nor at an empty entry; the exec reads it as
min(length, last + 1), right whether +12 is inclusive or exclusive
(UNCONFIRMED). ``R15`` (LINKPGM's RC) is the SAF return code (UNCONFIRMED).
"""

PARAMETER_NAMES = (
    "Work_area",
    "ALET",
    "SAF_return_code",
    "ALET",
    "RACF_return_code",
    "ALET",
    "RACF_reason_code",
    "Function_code",
    "Parm_list",
    "RACF_userID",
    "ACEE_ptr",
    "Out_message_subpool",
    "Out_message_strings",
)
FIXED_SIZES = {0: 1024, 1: 4, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4, 7: 1, 9: 9, 10: 4, 11: 1, 12: 4}
ADMN_RUN_COMD = 0x05
MAX_COMMAND_BYTES = 4096
# "may give unpredictable results" [S5]: 0, 250 and USER-key subpools
FORBIDDEN_SUBPOOLS = {0, 250, 227, 228, 229, 230, 231, 241}
HEADER_BYTES = 16
DEFAULT_BLOCK_CAPACITY = 1024


def _obtained_length(data_length):
    """The storage R_admin obtains for a block: 8 to 15 spare bytes, a multiple of 8 [simulated]."""
    return (data_length + 8 + 7) // 8 * 8


def output_blocks(storage, image, lines, subpool, block_capacity=DEFAULT_BLOCK_CAPACITY):
    """Put R_admin's output in ``storage``: an RCMD block, then RMSG blocks; return the first block's address."""
    groups = [("RCMD", [image.encode("latin-1")])]
    current = []
    used = 0
    for line in lines:
        entry = line.encode("latin-1")
        if current and used + 2 + len(entry) > block_capacity:
            groups.append(("RMSG", current))
            current, used = [], 0
        current.append(entry)
        used += 2 + len(entry)
    if current:
        groups.append(("RMSG", current))
    next_address = 0
    for eyecatcher, entries in reversed(groups):
        data = b"".join(len(entry).to_bytes(2, "big") + entry for entry in entries)
        used = HEADER_BYTES + len(data)
        obtained = _obtained_length(used)
        header = (
            next_address.to_bytes(4, "big")
            + eyecatcher.encode("latin-1")
            + bytes([subpool])
            + obtained.to_bytes(3, "big")
            + (used - 1).to_bytes(4, "big")
        )
        block = header + data
        next_address = storage.allocate(block + bytes(obtained - len(block)), subpool=subpool)
    return next_address


class Irrseq00(object):
    """The stand-in; ``images`` lists the commands RACF received through it."""

    def __init__(self, run_command, block_capacity=DEFAULT_BLOCK_CAPACITY):
        self.run_command = run_command
        self.block_capacity = block_capacity
        self.images = []

    def __call__(self, call):
        params = call.params
        call.require(
            len(params) == 13,
            "R_admin takes exactly 13 parameters ({0}), got {1}".format(", ".join(PARAMETER_NAMES), len(params)),
        )
        for index, size in FIXED_SIZES.items():
            params[index].require_length(size, PARAMETER_NAMES[index])
        for index in (1, 3, 5):
            call.require(
                params[index].fullword() == 0, "{0} must be 0 (primary address space)".format(params[index].describe())
            )
        function_code = params[7].data[0]
        call.require(
            function_code == ADMN_RUN_COMD,
            "Function_code must be X'05' (ADMN_RUN_COMD), got X'{0:02X}'".format(function_code),
        )
        parm_list = params[8].data
        call.require(len(parm_list) >= 2, "Parm_list needs its 2-byte length prefix")
        length = int.from_bytes(parm_list[:2], "big")
        call.require(
            0 < length <= MAX_COMMAND_BYTES, "the command length in Parm_list must be 1 to 4096, got {0}".format(length)
        )
        call.require(
            2 + length <= len(parm_list),
            "Parm_list says {0} bytes of command but holds {1}".format(length, len(parm_list) - 2),
        )
        call.require(
            params[9].data[0] == 0,
            "RACF_userID must have length 0: a problem-state caller's userid is "
            "ignored (the command runs under the caller's own identity)",
        )
        call.require(params[10].fullword() == 0, "ACEE_ptr must be 0 for a problem-state caller")
        subpool = params[11].data[0]
        call.require(
            subpool not in FORBIDDEN_SUBPOOLS,
            "Out_message_subpool {0} may give unpredictable results (IBM usage note); IBM's sample uses 127".format(
                subpool
            ),
        )
        image = parm_list[2 : 2 + length].decode("latin-1")
        self.images.append(image)
        rc, lines = self.run_command(image)
        codes = (0, 0, 0) if rc == 0 else (8, 16, rc)
        for index, value in zip((2, 4, 6), codes):
            params[index].set_fullword(value)
        params[12].set_fullword(output_blocks(call.storage, image, lines, subpool, self.block_capacity))
        return codes[0]


def register_irrseq00(harness, run_command, block_capacity=DEFAULT_BLOCK_CAPACITY):
    """Register IRRSEQ00 on ``harness``, running commands with ``run_command``; return the stand-in."""
    standin = Irrseq00(run_command, block_capacity)
    harness.register_program("IRRSEQ00", standin)
    return standin
