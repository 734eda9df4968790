"""Stand-ins for the ICSF callable services the ICSF exec calls through ``ADDRESS LINKPGM``.

CSNBKTB2, CSNBKPI2, CSNBKRC2, CSNBKRR2 and CSNBKRD, each checking IBM's
documented parameter list (zos-interfaces.md section 2; sources there and in
docs/reference/zos-execs.md): parameter count and order, fullword sizes,
rule-array counts and keywords, bit (not byte) lengths, token buffer sizes,
the 64-byte label. A departure is an ``InterfaceViolation`` naming the rule.
Outcomes the services report (label not found, label exists, ...) come back
as return/reason codes, as ICSF does.

The CKDS is ``simulator.icsf.Ckds`` (records ``{label: key hex}``): unit tests
pass a dict, the simulator its host state. ``register_icsf(harness, ckds)``
registers all five programs; ``ckds.fault`` (rc, reason) makes every service
answer that instead (ICSF not active, access denied). ``fail_next`` lets a
test make one service fail once, e.g. ``{"CSNBKRC2": (8, 16004)}``.
"""

from simulator import icsf

CKDS_SERVICES = ("CSNBKTB2", "CSNBKPI2", "CSNBKRC2", "CSNBKRR2", "CSNBKRD")
KEYWORD_BYTES = 8
# CSNBKTB2 keywords in any source (2.1); the exec needs exactly the HMAC skeleton's five
KTB2_HMAC_SKELETON = {"INTERNAL", "HMAC", "NO-KEY", "MAC", "GENERATE"}
KTB2_OPTIONAL = {"V0PYLD", "NOEX-SYM", "NOEXUASY", "NOEXAASY", "NOEX-DES", "NOEX-AES", "NOEX-RSA"}


def _common(call, count):
    """The four parameters every ICSF service starts with, and the parameter count."""
    call.require(
        len(call.params) == count,
        "takes exactly {0} parameters, got {1} ({2})".format(
            count, len(call.params), " ".join(p.name for p in call.params)
        ),
    )
    call.params[0].fullword("return_code")
    call.params[1].fullword("reason_code")
    exit_length = call.params[2].fullword("exit_data_length")
    call.require(
        exit_length <= len(call.params[3]),
        "exit_data_length {0} is longer than exit_data ({1} bytes)".format(exit_length, len(call.params[3])),
    )


def _answer(call, codes):
    call.params[0].set_fullword(codes[0])
    call.params[1].set_fullword(codes[1])
    return codes[0]


def _rule_array(call, count_param, array_param, allowed_counts):
    count = call.params[count_param].fullword("rule_array_count")
    call.require(
        count in allowed_counts,
        "rule_array_count must be {0}, got {1}".format(" or ".join(str(c) for c in allowed_counts), count),
    )
    data = call.params[array_param].data
    call.require(
        len(data) >= count * KEYWORD_BYTES,
        "rule_array holds {0} bytes, fewer than rule_array_count {1} x 8".format(len(data), count),
    )
    keywords = []
    for index in range(count):
        word = data[index * KEYWORD_BYTES : (index + 1) * KEYWORD_BYTES].decode("latin-1")
        call.require(
            word == word.strip().ljust(KEYWORD_BYTES) and word.strip() and word.strip() == word.strip().upper(),
            "rule-array keyword {0!r} is not 8 bytes, left-justified, blank-padded, upper case".format(word),
        )
        keywords.append(word.strip())
    return keywords


def _label(call, position):
    parameter = call.params[position]
    parameter.require_length(icsf.LABEL_BYTES, "key_label (64 bytes, left-justified, blank-padded)")
    text = parameter.data.decode("latin-1")
    label = text.rstrip(" ")
    call.require(
        label and not label.startswith(" ") and " " not in label,
        "key_label must be left-justified and blank-padded, got {0!r}".format(text),
    )
    return label


def _token_in(call, length_param, token_param, rule):
    declared = call.params[length_param].fullword(rule + " length")
    storage = len(call.params[token_param])
    call.require(
        declared <= storage,
        "{0} length says {1} bytes, but the variable passed holds only {2}: the "
        "service would read and write beyond it".format(rule, declared, storage),
    )
    return declared


def _store_token(call, length_param, token_param, token, buffer_bytes, rule):
    call.require(
        len(token) <= buffer_bytes,
        "the {0} of {1} bytes does not fit the buffer length {2} the caller declared".format(
            rule, len(token), buffer_bytes
        ),
    )
    call.params[token_param].store(token)
    call.params[length_param].set_fullword(len(token))


class IcsfStandins(object):
    """The five services over one CKDS."""

    def __init__(self, ckds, fail_next=None):
        self.ckds = ckds
        self.fail_next = {} if fail_next is None else fail_next  # shared: one failure across runs
        self.calls = []

    def _injected(self, call):
        self.calls.append(call.program)
        if self.ckds.fault:
            return self.ckds.fault
        return self.fail_next.pop(call.program, None)

    def _check_label_rules(self, label):
        return None if icsf.valid_label(label) else icsf.BAD_LABEL

    # CSNBKTB2 (18 parameters) [S28; S35 l.1109-1126; S41 l.30-59]
    def csnbktb2(self, call):
        _common(call, 18)
        keywords = _rule_array(call, 4, 5, range(1, 13))
        required = KTB2_HMAC_SKELETON - set(keywords)
        unknown = set(keywords) - KTB2_HMAC_SKELETON - KTB2_OPTIONAL
        call.require(
            not unknown,
            "rule-array keyword(s) {0} are in no source (the HMAC skeleton is INTERNAL HMAC "
            "NO-KEY MAC GENERATE)".format(" ".join(sorted(unknown))),
        )
        call.require(
            not required, "an HMAC skeleton needs rule-array keyword(s) {0}".format(" ".join(sorted(required)))
        )
        call.require(len(keywords) == len(set(keywords)), "a rule-array keyword is repeated")
        call.require(call.params[6].fullword("clear_key_bit_length") == 0, "clear_key_bit_length must be 0 with NO-KEY")
        for length_param, name in (
            (8, "key_name"),
            (10, "user_associated_data"),
            (12, "token_data"),
            (14, "service_data"),
        ):
            length = call.params[length_param].fullword(name + "_length")
            call.require(
                length <= len(call.params[length_param + 1]), "{0}_length {1} is longer than {0}".format(name, length)
            )
        key_name_length = call.params[8].fullword()
        call.require(key_name_length in (0, 64), "key_name_length must be 0 or 64, got {0}".format(key_name_length))
        call.require(call.params[12].fullword() == 0, "token_data_length must be 0 (reserved)")
        call.require(call.params[14].fullword() == 0, "service_data_length must be 0 (reserved)")
        buffer_bytes = _token_in(call, 16, 17, "target_key_token")
        injected = self._injected(call)
        if injected:
            return _answer(call, injected)
        _store_token(call, 16, 17, icsf.skeleton_token(), buffer_bytes, "skeleton token")
        return _answer(call, icsf.OK)

    # CSNBKPI2 (10 parameters) [S29; S35 l.696-705; S41 l.96-144; S33]
    def csnbkpi2(self, call):
        _common(call, 10)
        keywords = _rule_array(call, 4, 5, (2, 3))
        bits = call.params[6].fullword("key_part_bit_length")
        key_part = call.params[7].data
        buffer_bytes = _token_in(call, 8, 9, "key_identifier")
        call.require(
            keywords[0] == "HMAC",
            "the first rule-array keyword must be HMAC for an HMAC key, got {0}".format(keywords[0]),
        )
        phase = keywords[1]
        call.require(
            phase in ("FIRST", "COMPLETE"),
            "this stand-in knows the key-part keywords FIRST and COMPLETE, got {0}".format(phase),
        )
        try:
            token = icsf.Token(call.params[9].data[:buffer_bytes])
        except icsf.TokenError as error:
            call.violation("key_identifier is not a token: {0}".format(error))
        call.require(token.is_hmac_mac, "key_identifier must be an HMAC MAC token")
        if phase == "FIRST":
            call.require(
                keywords[2:] in ([], ["MIN1PART"]),
                "FIRST takes the split keyword MIN1PART here, got {0}".format(" ".join(keywords[2:])),
            )
            call.require(
                token.key_state == icsf.NO_KEY, "FIRST needs a skeleton token (no key material), from CSNBKTB2 NO-KEY"
            )
            call.require(
                bits == 8 * len(key_part),
                "key_part_bit_length is in bits: {0} given for a key part of {1} bytes ({2} bits)".format(
                    bits, len(key_part), 8 * len(key_part)
                ),
            )
        else:
            call.require(len(keywords) == 2, "COMPLETE takes two rule-array keywords (HMAC COMPLETE)")
            call.require(bits == 0, "key_part_bit_length must be 0 with COMPLETE, got {0}".format(bits))
            call.require(
                token.key_state == icsf.UNDER_MASTER_KEY and not token.complete,
                "COMPLETE needs the token returned by FIRST",
            )
        injected = self._injected(call)
        if injected:
            return _answer(call, injected)
        if phase == "FIRST":
            if not icsf.MIN_HMAC_BITS <= bits <= icsf.MAX_HMAC_BITS or bits % 8:
                return _answer(call, icsf.BAD_KEY_LENGTH)
            new_token = icsf.key_token(key_part, complete=False)
        else:
            new_token = icsf.key_token(token.key(), complete=True)
        _store_token(call, 8, 9, new_token, buffer_bytes, "key token")
        return _answer(call, icsf.OK)

    # CSNBKRC2 (9 parameters) [S26; S40 ADDCKDS l.37-59; S41 l.146-168]
    def csnbkrc2(self, call):
        _common(call, 9)
        _rule_array(call, 4, 5, (0,))
        label = _label(call, 6)
        declared = _token_in(call, 7, 8, "key_token")
        call.require(declared <= icsf.MAX_TOKEN_BYTES, "key_token_length must be at most 725, got {0}".format(declared))
        token = call.params[8].data[:declared]
        if declared:
            try:
                parsed = icsf.Token(token)
            except icsf.TokenError as error:
                call.violation("key_token is not a token: {0}".format(error))
            call.require(
                parsed.null or parsed.length == declared,
                "key_token_length {0} is not the token's length {1}".format(declared, parsed.length),
            )
            call.require(parsed.null or parsed.complete, "the token is a half-made key (CSNBKPI2 COMPLETE not done)")
        injected = self._injected(call) or self._check_label_rules(label)
        if injected:
            return _answer(call, injected)
        if self.ckds.read(label) is not None:
            return _answer(call, icsf.LABEL_EXISTS)
        self.ckds.create(label, token if declared else b"")
        return _answer(call, icsf.OK)

    # CSNBKRR2 (9 parameters) [S27; S40 EXISTS l.38-48; S42]
    def csnbkrr2(self, call):
        _common(call, 9)
        _rule_array(call, 4, 5, (0,))
        label = _label(call, 6)
        buffer_bytes = _token_in(call, 7, 8, "key_token")
        call.require(
            64 <= buffer_bytes <= icsf.MAX_TOKEN_BYTES,
            "key_token_length (the buffer) must be 64 to 725, got {0}".format(buffer_bytes),
        )
        injected = self._injected(call) or self._check_label_rules(label)
        if injected:
            return _answer(call, injected)
        token = self.ckds.read(label)
        if token is None:
            return _answer(call, icsf.LABEL_NOT_FOUND)
        if not any(token):  # a null token
            call.params[7].set_fullword(0)
            return _answer(call, icsf.NULL_TOKEN)
        _store_token(call, 7, 8, token, buffer_bytes, "token")
        return _answer(call, icsf.OK)

    # CSNBKRD (7 parameters) [S31; S35 l.729-735; S40 DELCKDS l.29-56; S43 krd.rexx l.15-18]
    def csnbkrd(self, call):
        _common(call, 7)
        keywords = _rule_array(call, 4, 5, (1,))
        call.require(keywords == ["LABEL-DL"], "the rule-array keyword must be LABEL-DL, got {0}".format(keywords[0]))
        label = _label(call, 6)
        injected = self._injected(call) or self._check_label_rules(label)
        if injected:
            return _answer(call, injected)
        if self.ckds.read(label) is None:
            return _answer(call, icsf.LABEL_NOT_FOUND)
        self.ckds.delete(label)
        return _answer(call, icsf.OK)


def register_icsf(harness, ckds, fail_next=None):
    """Register the five ICSF services on ``harness`` over ``ckds`` (a ``simulator.icsf.Ckds``); return them."""
    standins = IcsfStandins(ckds, fail_next)
    for name in CKDS_SERVICES:
        harness.register_program(name, getattr(standins, name.lower()))
    return standins
