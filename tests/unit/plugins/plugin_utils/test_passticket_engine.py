# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the PassTicket engine (plugins/plugin_utils/_passticket.py).

Vectors are those of the working specification (passticket-algorithms.md). A
second, deliberately literal implementation of the specification (bit lists,
one DES context per block, hmac.new per MAC) cross-checks the optimized engine
on boundary times, national characters and random inputs.
"""

import hashlib
import hmac
import os
import random
import subprocess
import sys

import pytest

from ansible_collections.mainframe.passticket.plugins.plugin_utils import _passticket as engine

ENHANCED_KEY = bytes(range(64)).hex()
LEGACY_KEY = "0123456789ABCDEF"
T = 1700000000


# ------------------------------------------------------------ literal reference


def ref_des(key, block):
    from cryptography.hazmat.primitives.ciphers import Cipher, modes

    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    except ImportError:
        from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
    encryptor = Cipher(TripleDES(key + key + key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def ref_encode(name):
    ebcdic = {" ": 0x40, "#": 0x7B, "@": 0x7C, "$": 0x5B}
    for i, c in enumerate("ABCDEFGHI"):
        ebcdic[c] = 0xC1 + i
    for i, c in enumerate("JKLMNOPQR"):
        ebcdic[c] = 0xD1 + i
    for i, c in enumerate("STUVWXYZ"):
        ebcdic[c] = 0xE2 + i
    for i, c in enumerate("0123456789"):
        ebcdic[c] = 0xF0 + i
    return bytes(ebcdic[c] for c in name.upper().ljust(8))


def bits(value, width):
    return [(value >> (width - 1 - i)) & 1 for i in range(width)]


def from_bits(bit_list):
    value = 0
    for bit in bit_list:
        value = value << 1 | bit
    return value


def ref_legacy(user, appl, key_hex, when):
    key = bytes.fromhex(key_hex)
    u, a = ref_encode(user), ref_encode(appl)
    r1 = ref_des(key, u)
    r2 = ref_des(key, bytes(x ^ y for x, y in zip(r1, a)))
    r4 = int.from_bytes(r2[:4], "big") ^ when
    pad = ref_encode(user)[: len(user)] + b"\x55" * (12 - len(user))
    left, right = r4 >> 16, r4 & 0xFFFF
    for i in range(1, 7):
        block = right.to_bytes(2, "big") + (pad[:6] if i % 2 else pad[6:])
        c = ref_des(key, block)
        e = int.from_bytes(c[:2], "big") ^ left
        e_bits = bits(e, 16)
        permuted = from_bits([e_bits[src - 1] for src in engine.PERMUTATIONS[i - 1]])
        left, right = right, permuted
    r5 = bits(left << 16 | right, 32)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    out = ""
    for start in (31, 3, 7, 11, 15, 19, 23, 27):
        group = [r5[(start - 1 + k) % 32] for k in range(6)]
        out += alphabet[from_bits(group) % 36]
    return out


def ref_enhanced(user, appl, key_hex, when, ptype):
    key = bytes.fromhex(key_hex)
    ua = ref_encode(user) + ref_encode(appl)
    d = hmac.new(key, ua, hashlib.sha512).digest()
    x = bytes(p ^ q for p, q in zip(when.to_bytes(6, "big"), d[:6]))
    left, right = x[:3], x[3:]
    for r in range(1, 7):
        g = hmac.new(key, right + bytes([r]) + ua, hashlib.sha512).digest()
        y = bytearray(p ^ q for p, q in zip(left, g[:3]))
        if ptype == "upper" and r % 2:
            y[0] &= 0x01
        left, right = right, bytes(y)
    v = int.from_bytes(left + right, "big")
    n = 36 if ptype == "upper" else 64
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
    out = ""
    for _attempt in range(8):
        v, digit = divmod(v, n)
        out = digits[digit] + out
    return out


def ref_generate(user, appl, key_hex, when, algorithm, ptype):
    if algorithm == "legacy":
        return ref_legacy(user, appl, key_hex, when)
    return ref_enhanced(user, appl, key_hex, when, ptype)


# ------------------------------------------------------------ specification vectors


def test_legacy_calibration_steps():
    key = bytes.fromhex(LEGACY_KEY)
    des = engine.des_block_function(key)
    user, appl = engine.encode_name("IBMUSER"), engine.encode_name("TSOAPPL")
    assert des(user).hex() == "d4a2770465fef36a"  # R1
    r2 = engine.legacy_r2(des, user, appl)
    assert r2.hex() == "d742d3fbd951ff95"
    r4 = int.from_bytes(r2[:4], "big") ^ T
    assert r4 == 0xB21122FB
    r5 = engine.legacy_time_coder(des, r4, engine.legacy_rounds(engine.legacy_pad("IBMUSER")))
    assert r5 == 0x6DDE941F
    assert engine.legacy_translate(r5) == "SJ34FUB5"


def test_legacy_calibration_ticket():
    assert engine.generate("IBMUSER", "TSOAPPL", LEGACY_KEY, T, "legacy") == "SJ34FUB5"
    assert ref_legacy("IBMUSER", "TSOAPPL", LEGACY_KEY, T) == "SJ34FUB5"


def test_legacy_translate_vector():
    assert engine.legacy_translate(0x07247F79) == "QHOAH1TV"


def test_legacy_permutation_vector():
    assert engine.legacy_permute(1, 0x017B) == 0xA32A


def test_permutation_tables_are_permutations():
    for table in engine.PERMUTATIONS:
        assert sorted(table) == list(range(1, 17))
    for round_number in range(1, 7):
        images = set(engine.legacy_permute(round_number, 1 << bit) for bit in range(16))
        assert images == set(1 << bit for bit in range(16))


@pytest.mark.parametrize(
    "user, pad",
    [
        ("TOM", "e3d6d4555555555555555555"),
        ("IBMUSER", "c9c2d4e4e2c5d95555555555"),
        ("ABCDEFGH", "c1c2c3c4c5c6c7c855555555"),
    ],
)
def test_legacy_pad_vectors(user, pad):
    assert engine.legacy_pad(user).hex() == pad


def test_des_sanity_vector():
    des = engine.des_block_function(bytes.fromhex("098D61A85585D2AB"))
    assert des(b"TestByte").hex() == "1ec3753d7a79e3ce"


def test_des_parity_bits_are_insignificant():
    key = bytes.fromhex(LEGACY_KEY)
    flipped = bytes(b ^ 0x01 for b in key)
    assert engine.generate("IBMUSER", "TSOAPPL", flipped.hex(), T, "legacy") == "SJ34FUB5"


@pytest.mark.parametrize(
    "ptype, final, ticket",
    [
        ("upper", 0x004248744783, "3MS55PXF"),
        ("mixed", 0x1F1D75B790A0, "7nrrjv2W"),
    ],
)
def test_enhanced_calibration_steps(ptype, final, ticket):
    mac = engine.keyed_hmac_sha512(bytes.fromhex(ENHANCED_KEY))
    user_appl = engine.encode_name("HOSTUSR") + engine.encode_name("IOSHMCSM")
    d = engine.hmac_sha512(mac, user_appl)
    assert d[:6].hex() == "ae01198f23d9"
    assert engine.enhanced_d(mac, user_appl) == 0xAE01198F23D9
    x = T ^ int.from_bytes(d[:6], "big")
    assert engine.enhanced_network(mac, user_appl, ptype, x) == final
    assert engine.enhanced_network_inverse(mac, user_appl, ptype, final) == x & (
        2**41 - 1 if ptype == "upper" else 2**48 - 1
    )
    assert engine.encode_enhanced(final, ptype) == ticket
    assert engine.decode_enhanced(ticket, ptype) == final


@pytest.mark.parametrize("ptype, ticket", [("upper", "3MS55PXF"), ("mixed", "7nrrjv2W")])
def test_enhanced_calibration_ticket(ptype, ticket):
    assert engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, "enhanced", ptype) == ticket
    assert ref_enhanced("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, ptype) == ticket
    assert engine.ticket_time(ticket, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, ptype) == T


def test_defaults_are_enhanced_mixed():
    assert engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T) == "7nrrjv2W"
    assert engine.ticket_time("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY) == T


# ------------------------------------------------------------ boundaries, case, national characters

VARIANTS = [("legacy", "upper", LEGACY_KEY), ("enhanced", "upper", ENHANCED_KEY), ("enhanced", "mixed", ENHANCED_KEY)]


@pytest.mark.parametrize("algorithm, ptype, key", VARIANTS)
@pytest.mark.parametrize("when", [0, 1, 2**31 - 1, 2**31, 2**32 - 1])
def test_boundary_times(algorithm, ptype, key, when):
    ticket = engine.generate("HOSTUSR", "IOSHMCSM", key, when, algorithm, ptype)
    assert ticket == ref_generate("HOSTUSR", "IOSHMCSM", key, when, algorithm, ptype)
    assert engine.evaluate(ticket, "HOSTUSR", "IOSHMCSM", key, when, 0, algorithm, ptype) == when
    if algorithm == "enhanced":
        assert engine.ticket_time(ticket, "HOSTUSR", "IOSHMCSM", key, ptype) == when


@pytest.mark.parametrize(
    "algorithm, ptype, key, largest",
    [
        ("legacy", "mixed", LEGACY_KEY, 2**32 - 1),
        ("enhanced", "upper", ENHANCED_KEY, 2**41 - 1),
        ("enhanced", "mixed", ENHANCED_KEY, 2**48 - 1),
    ],
)
def test_largest_time_and_one_beyond(algorithm, ptype, key, largest):
    ticket = engine.generate("HOSTUSR", "IOSHMCSM", key, largest, algorithm, ptype)
    assert ticket == ref_generate("HOSTUSR", "IOSHMCSM", key, largest, algorithm, ptype)
    if algorithm == "enhanced":
        assert engine.ticket_time(ticket, "HOSTUSR", "IOSHMCSM", key, ptype) == largest
    with pytest.raises(engine.PassTicketError, match="time must be between 0 and %d" % largest):
        engine.generate("HOSTUSR", "IOSHMCSM", key, largest + 1, algorithm, ptype)


@pytest.mark.parametrize("algorithm, ptype, key", VARIANTS)
def test_lower_case_names_are_upper_cased(algorithm, ptype, key):
    lower = engine.generate("hostusr", "ioshmcsm", key, T, algorithm, ptype)
    assert lower == engine.generate("HOSTUSR", "IOSHMCSM", key, T, algorithm, ptype)
    assert lower == engine.generate("HostUsr", "IoshMcsm", key, T, algorithm, ptype)
    generator = engine.PassTicketGenerator("hostusr", "ioshmcsm", key, algorithm, ptype)
    assert (generator.user, generator.appl) == ("HOSTUSR", "IOSHMCSM")


def test_national_characters_are_encoded_in_ebcdic():
    assert engine.encode_name("#@$").hex() == "7b7c5b4040404040"
    assert engine.encode_name("A1").hex() == "c1f1404040404040"
    assert engine.legacy_pad("$A#").hex() == "5bc17b555555555555555555"


@pytest.mark.parametrize("algorithm, ptype, key", VARIANTS)
@pytest.mark.parametrize("user, appl", [("#USER", "APPL@1"), ("@A$B#C", "$APPL"), ("$", "#"), ("A#@$1234", "Z9999999")])
def test_national_characters_match_reference(algorithm, ptype, key, user, appl):
    ticket = engine.generate(user, appl, key, T, algorithm, ptype)
    assert ticket == ref_generate(user, appl, key, T, algorithm, ptype)
    assert engine.evaluate(ticket, user.lower(), appl, key, T + 5, 10, algorithm, ptype) == T


@pytest.mark.parametrize("algorithm, ptype", [("legacy", "upper"), ("enhanced", "upper"), ("enhanced", "mixed")])
def test_random_inputs_match_reference(algorithm, ptype):
    rng = random.Random(20261123)
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#@$"
    for _attempt in range(40):
        user = rng.choice("ABCXYZ#@$") + "".join(rng.choice(chars) for _position in range(rng.randint(0, 7)))
        appl = rng.choice("QRS#@$") + "".join(rng.choice(chars) for _position in range(rng.randint(0, 7)))
        size = 8 if algorithm == "legacy" else rng.choice((32, 64, 128, 129, 200, 256))
        key = rng.randbytes(size).hex()
        when = rng.randint(0, 2**32 - 1)
        assert engine.generate(user, appl, key, when, algorithm, ptype) == ref_generate(
            user, appl, key, when, algorithm, ptype
        )


def test_key_hex_is_case_insensitive_and_stripped():
    assert engine.generate("IBMUSER", "TSOAPPL", " 0123456789abcdef\n", T, "legacy") == "SJ34FUB5"
    assert engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY.upper(), T) == "7nrrjv2W"
    assert engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY.encode("ascii"), T) == "7nrrjv2W"


# ------------------------------------------------------------ one prepared key, many users


def _random_names(rng, count):
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789#@$"
    return [
        rng.choice("ABCxyz#@$") + "".join(rng.choice(chars) for _position in range(rng.randint(0, 7)))
        for _name in range(count)
    ]


@pytest.mark.parametrize("algorithm, ptype, key", VARIANTS)
def test_key_tickets_match_the_reference_per_user(algorithm, ptype, key):
    rng = random.Random(16)
    users = _random_names(rng, 30) + ["HOSTUSR", "hostusr", "HOSTUSR"]
    prepared = engine.PassTicketKey(key, algorithm)
    assert prepared.tickets(users, "appl@1", T, ptype) == [
        ref_generate(u, "APPL@1", key, T, algorithm, ptype) for u in users
    ]
    times = [rng.randint(0, 2**32 - 1) for _user in users]
    assert prepared.tickets(users, "APPL@1", times, ptype) == [
        ref_generate(u, "APPL@1", key, w, algorithm, ptype) for u, w in zip(users, times)
    ]
    assert prepared.tickets([], "APPL@1", T, ptype) == []


@pytest.mark.parametrize(
    "algorithm, ptype, key, ticket",
    [
        ("enhanced", "upper", ENHANCED_KEY, "3MS55PXF"),
        ("enhanced", "mixed", ENHANCED_KEY, "7nrrjv2W"),
        ("legacy", "upper", LEGACY_KEY, "SJ34FUB5"),
    ],
)
def test_key_tickets_calibration_vectors(algorithm, ptype, key, ticket):
    user, appl = ("IBMUSER", "TSOAPPL") if algorithm == "legacy" else ("HOSTUSR", "IOSHMCSM")
    prepared = engine.PassTicketKey(key, algorithm)
    assert prepared.tickets([user], appl, T, ptype) == [ticket]
    generator = prepared.generator(user, appl, ptype)
    assert generator.generate(T) == ticket
    assert generator.evaluate(ticket, T + 5, 10) == T


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda k: k.tickets(["HOSTUSR", "HOST USR"], "IOSHMCSM", T),
            "user ID must be 1 to 8 characters.*got 'HOST USR'",
        ),
        (lambda k: k.tickets(["HOSTUSR", b"HOSTUSR"], "IOSHMCSM", T), "user ID must be a string, got bytes"),
        (lambda k: k.tickets(["HOSTUSR"], "IOS.CSM", T), "application name must be 1 to 8 characters"),
        (lambda k: k.tickets(["HOSTUSR"], "IOSHMCSM", T, "lower"), "type must be one of mixed, upper"),
        (lambda k: k.tickets(["HOSTUSR"], "IOSHMCSM", -1), "time must be between 0 and"),
        (lambda k: k.tickets(["HOSTUSR"], "IOSHMCSM", str(T)), "time must be an integer, got str"),
        (lambda k: k.tickets(["A", "B"], "IOSHMCSM", [T, True]), "time must be an integer, got bool"),
        (
            lambda k: k.tickets(["A", "B"], "IOSHMCSM", [T, 2**41], "upper"),
            "time must be between 0 and %d" % (2**41 - 1),
        ),
        (lambda k: k.tickets(["A", "B"], "IOSHMCSM", [T]), "one time per user is needed; got 1 times for 2 users"),
        (
            lambda k: (
                k.generator("HOSTUSR", "IOSHMCSM", "upper")
                and engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", k, "legacy")
            ),
            "the key was prepared for enhanced PassTickets, not legacy ones",
        ),
    ],
)
def test_key_tickets_refuse_bad_input(call, message):
    with pytest.raises(engine.PassTicketError, match=message):
        call(engine.PassTicketKey(ENHANCED_KEY))


@pytest.mark.parametrize("ptype, largest", [("upper", 2**41 - 1), ("mixed", 2**48 - 1)])
def test_lane_encoding_equals_the_per_value_encoding(ptype, largest):
    """encode_enhanced_lanes (all users at once) writes each V exactly as encode_enhanced does, edges included."""
    rng = random.Random(41)
    quad = 36**4
    values = [0, 1, 35, 36, quad - 1, quad, quad + 1, 2**21 - 1, 2**21, largest - 1, largest]
    values += [quad * rng.randrange(largest // quad) + offset for offset in (0, quad - 1) for _value in range(50)]
    values += [rng.randrange(largest + 1) for _value in range(2000)]
    lanes = b"".join(value.to_bytes(8, "big") for value in values)
    assert engine.encode_enhanced_lanes(lanes, ptype) == [engine.encode_enhanced(value, ptype) for value in values]
    assert engine.encode_enhanced_lanes(b"", ptype) == []


@pytest.mark.parametrize("algorithm, ptype, key", VARIANTS)
def test_key_tickets_one_user_at_a_time_and_all_at_once_agree(algorithm, ptype, key):
    """Below and from engine._LANES_FROM users tickets() takes two ways, the second in chunks; all give the same."""
    rng = random.Random(17)
    lanes_from, chunk = engine._LANES_FROM, engine._LANES_CHUNK  # pylint: disable=protected-access
    for count in (1, lanes_from - 1, lanes_from, lanes_from + 1, chunk, chunk + lanes_from - 1):
        users = _random_names(rng, count)
        times = [rng.randint(0, 2**32 - 1) for _user in users]
        prepared = engine.PassTicketKey(key, algorithm)
        expected = [prepared.generator(user, "APPL#9", ptype).generate(when) for user, when in zip(users, times)]
        assert prepared.tickets(users, "APPL#9", times, ptype) == expected
        assert expected == [ref_generate(u, "APPL#9", key, w, algorithm, ptype) for u, w in zip(users, times)]


def test_prepared_key_keeps_no_key_attribute():
    key = (SECRET * 30)[:128]
    for prepared in (engine.PassTicketKey(key), engine.PassTicketKey(key[:16], "legacy")):
        for value in vars(prepared).values():
            assert (
                not isinstance(value, (str, bytes))
                or SECRET.lower() not in (value.hex() if isinstance(value, bytes) else value).lower()
            )


def _name_outcome(value):
    try:
        return engine.encode_name(engine.normalize_name(value, "user ID"))
    except engine.PassTicketError as error:
        return str(error)


def _fast_outcome(value):
    try:
        return engine.name_bytes(value, "user ID")
    except engine.PassTicketError as error:
        return str(error)


def test_the_per_ticket_name_encoding_follows_the_racf_name_rule_character_by_character():
    """name_bytes (one translation) accepts, encodes and refuses exactly as normalize_name + encode_name."""
    characters = [chr(code) for code in range(256)] + ["\u0131", "\u017f", "\u212a", "\uff21", "\U0001d400"]
    for character in characters:
        for value in (character, "A" + character, character + "A", "ABCDEFG" + character, "ABCDEFGH" + character):
            assert _fast_outcome(value) == _name_outcome(value), repr(value)
    for value in ["", "A" * 8, "A" * 9, "$", "#@$", "a1", "1A", None, 5, b"A", ["A"]] + BAD_NAMES:
        assert _fast_outcome(value) == _name_outcome(value), repr(value)


# ------------------------------------------------------------ evaluation and time recovery


@pytest.mark.parametrize("ptype", ["upper", "mixed"])
def test_enhanced_round_trip_random_keys_and_times(ptype):
    rng = random.Random(7)
    for _attempt in range(60):
        key = rng.randbytes(rng.randint(32, 256)).hex()
        when = rng.randint(0, 2**40)
        window = rng.randint(0, 600)
        generator = engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", key, "enhanced", ptype)
        ticket = generator.generate(when)
        assert generator.ticket_time(ticket) == when
        assert generator.evaluate(ticket, when + window, window) == when
        assert generator.evaluate(ticket, when - window, window) == when if when >= window else True
        assert generator.evaluate(ticket, when + window + 1, window) is None
        assert generator.evaluate(ticket, when - window - 1, window) is None if when > window else True


def test_legacy_evaluate_window_edges():
    generator = engine.PassTicketGenerator("IBMUSER", "TSOAPPL", LEGACY_KEY, "legacy")
    assert generator.evaluate("SJ34FUB5", T + 600, 600) == T
    assert generator.evaluate("SJ34FUB5", T - 600, 600) == T
    assert generator.evaluate("SJ34FUB5", T + 601, 600) is None
    assert generator.evaluate("SJ34FUB5", T - 601, 600) is None
    assert generator.evaluate("SJ34FUB5", T, 0) == T


def test_legacy_evaluate_window_clipped_at_zero():
    generator = engine.PassTicketGenerator("IBMUSER", "TSOAPPL", LEGACY_KEY, "legacy")
    assert generator.evaluate(generator.generate(0), 3, 600) == 0
    assert generator.evaluate(generator.generate(2**32 - 1), 2**32 - 5, 600) == 2**32 - 1


def test_legacy_evaluate_window_wider_than_racf():
    generator = engine.PassTicketGenerator("IBMUSER", "TSOAPPL", LEGACY_KEY, "legacy")
    assert generator.evaluate("SJ34FUB5", T - 1500, 1500) == T
    assert generator.evaluate("SJ34FUB5", T - 1500, 1499) is None


def test_legacy_evaluate_prefers_the_closest_time():
    order = list(engine._outwards(10, 7, 12))  # pylint: disable=protected-access
    assert order == [10, 9, 11, 8, 12, 7]


@pytest.mark.parametrize("algorithm, ptype, key", VARIANTS)
@pytest.mark.parametrize("bad", ["", "SJ34FUB", "SJ34FUB5X", "sj34fub5", "SJ34-UB5", "ZZZZZZZZ", "7nrrjv2w"])
def test_evaluate_rejects_other_tickets(algorithm, ptype, key, bad):
    assert engine.evaluate(bad, "IBMUSER", "TSOAPPL", key, T, 600, algorithm, ptype) is None


def test_evaluate_accepts_the_right_user_only():
    ticket = engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T)
    assert engine.evaluate(ticket, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, 60) == T
    assert engine.evaluate(ticket, "HOSTUSS", "IOSHMCSM", ENHANCED_KEY, T, 60) is None
    assert engine.evaluate(ticket, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, 60, ptype="upper") is None


def test_ticket_time_rejects_non_tickets():
    generator = engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, "enhanced", "upper")
    # base 36 "ZZZZZZZZ" is above 2**41: no time produces it under TYPE(UPPER)
    for bad in ("ZZZZZZZZ", "3ms55pxf", "3MS55PX", "3MS55PX_", ""):
        with pytest.raises(engine.PassTicketError, match="not an enhanced TYPE.UPPER. PassTicket") as caught:
            generator.ticket_time(bad)
        assert bad not in str(caught.value) or bad == ""
    with pytest.raises(engine.PassTicketError, match="only enhanced"):
        engine.PassTicketGenerator("IBMUSER", "TSOAPPL", LEGACY_KEY, "legacy").ticket_time("SJ34FUB5")


def test_same_second_gives_same_ticket_next_second_another():
    generator = engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", ENHANCED_KEY)
    assert generator.generate(T) == generator.generate(T)
    assert generator.generate(T) != generator.generate(T + 1)


# ------------------------------------------------------------ HMAC and the cryptography dependency


@pytest.mark.parametrize("size", [32, 64, 127, 128, 129, 256])
def test_stdlib_hmac_equals_hmac_module(size):
    key = bytes(range(size)) if size <= 256 else None
    mac = engine.StdlibHmacSha512(key)
    for message in (b"", b"x" * 20, bytes(200)):
        assert engine.hmac_sha512(mac, message) == hmac.new(key, message, hashlib.sha512).digest()
        assert (
            engine.hmac_sha512(engine.keyed_hmac_sha512(key), message)
            == hmac.new(key, message, hashlib.sha512).digest()
        )


WITHOUT_CRYPTOGRAPHY = r"""
import sys
sys.modules["cryptography"] = None  # any import of cryptography now raises ImportError
sys.path.insert(0, sys.argv[1])
import _passticket as engine
assert engine.generate("HOSTUSR", "IOSHMCSM", bytes(range(64)).hex(), 1700000000, "enhanced", "upper") == "3MS55PXF"
assert isinstance(engine.keyed_hmac_sha512(bytes(32)), engine.StdlibHmacSha512)
try:
    engine.generate("IBMUSER", "TSOAPPL", "0123456789ABCDEF", 1700000000, "legacy")
except engine.PassTicketError as error:
    print(error)
"""


def test_without_cryptography_enhanced_works_and_legacy_says_why():
    """In a fresh interpreter where cryptography cannot be imported (as in the sanity import test)."""
    plugin_utils = os.path.dirname(engine.__file__)
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_CRYPTOGRAPHY, plugin_utils],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "legacy PassTickets (DES) require the Python library cryptography on the controller"


# ------------------------------------------------------------ invalid input

BAD_NAMES = [
    "",
    "ABCDEFGHI",
    "1ABC",
    "AB-C",
    "AB C",
    " ABC",
    "ABC\n",
    "\u0131BM",  # dotless i upper-cases to I: must not be guessed
    "\u00c9TE",
    "ABC%",
    "ABC.",
]


@pytest.mark.parametrize("value", BAD_NAMES)
def test_invalid_user_ids(value):
    with pytest.raises(
        engine.PassTicketError, match="user ID must be 1 to 8 characters A-Z, 0-9, #, @, \\$ starting with a letter"
    ):
        engine.generate(value, "IOSHMCSM", ENHANCED_KEY, T)


@pytest.mark.parametrize("value", BAD_NAMES)
def test_invalid_application_names(value):
    with pytest.raises(engine.PassTicketError, match="application name must be 1 to 8 characters"):
        engine.generate("HOSTUSR", value, ENHANCED_KEY, T)


@pytest.mark.parametrize("value", [None, 12345, b"HOSTUSR", ["HOSTUSR"]])
def test_names_must_be_strings(value):
    with pytest.raises(engine.PassTicketError, match="user ID must be a string"):
        engine.generate(value, "IOSHMCSM", ENHANCED_KEY, T)
    with pytest.raises(engine.PassTicketError, match="application name must be a string"):
        engine.generate("HOSTUSR", value, ENHANCED_KEY, T)


def test_long_invalid_name_is_not_echoed():
    with pytest.raises(engine.PassTicketError) as caught:
        engine.generate("X" * 40, "IOSHMCSM", ENHANCED_KEY, T)
    assert "X" * 40 not in str(caught.value)
    assert "40-character value" in str(caught.value)


# Keys that are wrong in each way, all made of a recognisable secret.
SECRET = "5EC2E7"


def _bad_keys():
    secret_enhanced = (SECRET * 30)[:128]
    return [
        ("legacy", (SECRET * 3)[:15], "exactly 16 hex digits \\(8 bytes\\); got 15 digits"),
        ("legacy", (SECRET * 3)[:17], "exactly 16 hex digits \\(8 bytes\\); got 17 digits"),
        ("legacy", "", "exactly 16 hex digits \\(8 bytes\\); got 0 digits"),
        ("legacy", (SECRET * 3)[:15] + "G", "only hex digits"),
        ("legacy", SECRET + "0123 456789", "only hex digits"),
        ("legacy", "0x" + (SECRET * 3)[:14], "only hex digits"),
        ("enhanced", secret_enhanced[:62], "32 to 256 bytes.*got 62 digits"),
        ("enhanced", (SECRET * 90)[:514], "32 to 256 bytes.*got 514 digits"),
        ("enhanced", secret_enhanced[:127], "even number of hex digits.*got 127 digits"),
        ("enhanced", secret_enhanced[:126] + "zz", "only hex digits"),
        ("enhanced", secret_enhanced[:126] + "\u00e9\u00e9", "only hex digits"),
        ("enhanced", secret_enhanced.encode("ascii")[:126] + b"\xff\xff", "non-ASCII bytes"),
        ("enhanced", 12345678901234567890, "must be a string of hex digits, got int"),
        ("enhanced", None, "must be a string of hex digits, got NoneType"),
        ("legacy", list(SECRET), "must be a string of hex digits, got list"),
    ]


def _secret_fragments(key):
    """SECRET and every 6-character piece of a text key (6 hex digits = 3 key bytes)."""
    text = key.decode("latin-1") if isinstance(key, bytes) else key if isinstance(key, str) else ""
    return set(text[i : i + 6].lower() for i in range(len(text) - 5)) | {SECRET.lower()}


@pytest.mark.parametrize("algorithm, key, message", _bad_keys())
def test_invalid_keys_are_rejected_without_echo(algorithm, key, message):
    for call in (
        lambda: engine.generate("HOSTUSR", "IOSHMCSM", key, T, algorithm),
        lambda: engine.evaluate("ABCDEFGH", "HOSTUSR", "IOSHMCSM", key, T, 60, algorithm),
        lambda: engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", key, algorithm, "upper"),
        lambda: engine.PassTicketKey(key, algorithm),
    ):
        with pytest.raises(engine.PassTicketError, match=message) as caught:
            call()
        text = (str(caught.value) + repr(caught.value)).lower()
        for fragment in _secret_fragments(key):
            assert fragment not in text
        assert caught.value.__cause__ is None
        assert caught.value.__suppress_context__ or caught.value.__context__ is None
    if algorithm == "enhanced" and isinstance(key, str):
        with pytest.raises(engine.PassTicketError, match=message):
            engine.ticket_time("7nrrjv2W", "HOSTUSR", "IOSHMCSM", key)


def test_errors_after_a_valid_key_never_contain_it():
    key = (SECRET * 30)[:128]
    calls = [
        lambda: engine.generate("HOSTUSR", "IOSHMCSM", key, -1),
        lambda: engine.generate("HOSTUSR", "IOSHMCSM", key, "now"),
        lambda: engine.generate("1BAD", "IOSHMCSM", key, T),
        lambda: engine.generate("HOSTUSR", "IOSHMCSM", key, T, "sha1"),
        lambda: engine.ticket_time("ZZZZZZZZ", "HOSTUSR", "IOSHMCSM", key, "upper"),
        lambda: engine.evaluate(12345678, "HOSTUSR", "IOSHMCSM", key, T, 60),
    ]
    for call in calls:
        with pytest.raises(engine.PassTicketError) as caught:
            call()
        assert SECRET.lower() not in str(caught.value).lower()


@pytest.mark.parametrize(
    "when, message",
    [
        (-1, "time must be between 0 and"),
        (True, "time must be an integer, got bool"),
        (1700000000.0, "time must be an integer, got float"),
        ("1700000000", "time must be an integer, got str"),
        (None, "time must be an integer, got NoneType"),
        (2**48, "time must be between 0 and"),
    ],
)
def test_invalid_times(when, message):
    with pytest.raises(engine.PassTicketError, match=message):
        engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, when)


@pytest.mark.parametrize(
    "algorithm, ptype, message",
    [
        ("sha1", "mixed", "algorithm must be one of enhanced, legacy; got 'sha1'"),
        (None, "mixed", "algorithm must be one of"),
        ("enhanced", "lower", "type must be one of mixed, upper; got 'lower'"),
        ("legacy", "", "type must be one of"),
    ],
)
def test_invalid_algorithm_and_type(algorithm, ptype, message):
    with pytest.raises(engine.PassTicketError, match=message):
        engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, algorithm, ptype)


def test_algorithm_and_type_are_case_insensitive():
    assert engine.generate("HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, "ENHANCED", "UPPER") == "3MS55PXF"
    assert engine.generate("IBMUSER", "TSOAPPL", LEGACY_KEY, T, "Legacy") == "SJ34FUB5"


@pytest.mark.parametrize(
    "now, window, message",
    [
        (-5, 60, "now must be between"),
        (T, -1, "window must be between"),
        (T, 86401, "window must be between 0 and 86400"),
        (T, 1.5, "window must be an integer"),
        ("now", 60, "now must be an integer"),
    ],
)
def test_invalid_evaluation_arguments(now, window, message):
    with pytest.raises(engine.PassTicketError, match=message):
        engine.evaluate("7nrrjv2W", "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, now, window)


def test_evaluate_requires_a_string_ticket():
    with pytest.raises(engine.PassTicketError, match="ticket must be a string, got int"):
        engine.evaluate(12345678, "HOSTUSR", "IOSHMCSM", ENHANCED_KEY, T, 60)


def test_error_is_a_value_error():
    assert issubclass(engine.PassTicketError, ValueError)


def test_generator_keeps_no_key_attribute():
    key = (SECRET * 30)[:128]
    for generator in (
        engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", key),
        engine.PassTicketGenerator("HOSTUSR", "IOSHMCSM", key[:16], "legacy"),
    ):
        for value in vars(generator).values():
            assert not (
                isinstance(value, (str, bytes))
                and SECRET.lower() in (value.hex() if isinstance(value, bytes) else value).lower()
            )
