# -*- coding: utf-8 -*-
# Copyright: contributors to the mainframe.passticket collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RACF PassTicket engine: legacy (DES) and enhanced (HMAC-SHA-512).

Generation, evaluation and (enhanced only) recovery of the time a ticket was
generated for, bit-exact with the algorithms in the collection's working
specification (see ``docs/passticket-lookup.md``).

A :class:`PassTicketKey` parses a key once and prepares what depends on it
alone (the keyed HMAC-SHA-512 state, or the DES context). It makes the tickets
of many users at once (``tickets``, what the lookup calls) or a
:class:`PassTicketGenerator` for one user (which also evaluates tickets and
decodes their time). The module-level functions are one-off shortcuts.

This module has no Ansible imports: the lookup, filter and test plugins, the
z/OS simulator and the benchmark all import it. The enhanced algorithm needs
only the standard library (``cryptography`` is used when present because its
HMAC is faster); the legacy algorithm needs ``cryptography`` for DES, imported
on first use so that this module always imports.

Every error is a :class:`PassTicketError` whose text never contains key
material (nor the ticket being checked).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import binascii
import hashlib
import itertools
import operator
import re
import struct

LEGACY = "legacy"
ENHANCED = "enhanced"
ALGORITHMS = (ENHANCED, LEGACY)
UPPER = "upper"
MIXED = "mixed"
TYPES = (MIXED, UPPER)

TICKET_LENGTH = 8
LEGACY_KEY_HEX_DIGITS = 16
ENHANCED_KEY_MIN_BYTES = 32
ENHANCED_KEY_MAX_BYTES = 256

# Largest generation time each variant can carry: legacy T is 32 bits; the
# enhanced network takes 48 bits, of which TYPE(UPPER) keeps 41 (the odd-round
# mask), so an UPPER ticket decodes back to its time only below 2**41.
MAX_TIME = {
    (LEGACY, UPPER): 2**32 - 1,
    (LEGACY, MIXED): 2**32 - 1,
    (ENHANCED, UPPER): 2**41 - 1,
    (ENHANCED, MIXED): 2**48 - 1,
}

# Largest evaluation window, seconds either side: RACF uses at most 600; a day
# still lets a skew diagnosis search legacy tickets (about 1 s of DES work).
MAX_WINDOW = 86400

# RACF user IDs and resource-name qualifiers such as application names: 1 to 8
# characters, the first alphabetic or national (# @ $), the rest alphanumeric
# or national. Checked on the text as given, before upper-casing.
_RACF_NAME = re.compile(r"[A-Za-z#@$][A-Za-z0-9#@$]{0,7}\Z")
_HEX = re.compile(r"[0-9A-Fa-f]*\Z")
# EBCDIC (IBM-1047; IBM-037 agrees on these) for exactly RACF's character set.
_EBCDIC = dict(
    [(c, 0xC1 + i) for i, c in enumerate("ABCDEFGHI")]
    + [(c, 0xD1 + i) for i, c in enumerate("JKLMNOPQR")]
    + [(c, 0xE2 + i) for i, c in enumerate("STUVWXYZ")]
    + [(c, 0xF0 + i) for i, c in enumerate("0123456789")]
    + [(" ", 0x40), ("#", 0x7B), ("@", 0x7C), ("$", 0x5B)]
)
# The same mapping as one bytes.translate table over ASCII (lower case to the
# upper-case code), and the bytes a name cannot hold: every other byte, the
# blank too. A name given as text is valid exactly when it is ASCII, none of
# its bytes is one of those, it has 1 to 8 characters and the first is not a
# digit (EBCDIC F0-F9, above every letter and national character): the
# _RACF_NAME rule, which the tests check character by character against this.
_NAME_CHARACTERS = "".join(c for c in _EBCDIC if c != " ")
_NAME_TO_EBCDIC = bytes.maketrans(
    (" " + _NAME_CHARACTERS + _NAME_CHARACTERS.lower()).encode("ascii"),
    bytes(_EBCDIC[c] for c in " " + _NAME_CHARACTERS * 2),
)
_NOT_NAME_BYTES = bytes(b for b in range(256) if b > 0x7F or chr(b).upper() not in _NAME_CHARACTERS)
_EBCDIC_DIGIT_0 = 0xF0
_DIGIT_BYTES = b"0123456789"
_EBCDIC_BLANK = b"\x40"

LEGACY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ENHANCED_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_ENHANCED_BASE = {UPPER: 36, MIXED: 64}

# Legacy time-coder permutations: output bit j (1 = most significant of 16)
# takes input bit PERMUTATIONS[round - 1][j - 1].
PERMUTATIONS = (
    (10, 2, 12, 4, 14, 6, 16, 8, 9, 1, 11, 3, 13, 5, 15, 7),
    (1, 10, 3, 12, 13, 16, 7, 15, 9, 2, 11, 4, 5, 14, 8, 6),
    (3, 10, 1, 12, 13, 16, 9, 15, 7, 2, 14, 4, 5, 11, 8, 6),
    (10, 4, 12, 2, 14, 8, 16, 6, 9, 1, 13, 3, 11, 5, 15, 7),
    (4, 10, 12, 1, 8, 16, 14, 5, 9, 2, 13, 3, 11, 7, 15, 6),
    (1, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2),
)
_PAD_FILL = 0x55
_ROUNDS = 6
_UPPER_ODD_ROUND_MASK = 0x01FFFF  # Y[0] &= 0x01 on a 24-bit half
_HALF_MASK = 0xFFFFFF


class PassTicketError(ValueError):
    """Invalid input to the engine. The text never contains key material."""


# ---------------------------------------------------------------- validation


def normalize_name(value, what):
    """Return a RACF user ID or application name upper-cased, or raise."""
    if not isinstance(value, str):
        raise PassTicketError("%s must be a string, got %s" % (what, type(value).__name__))
    if not _RACF_NAME.match(value):
        shown = repr(value) if len(value) <= 16 else "a %d-character value" % len(value)
        raise PassTicketError(
            "%s must be 1 to 8 characters A-Z, 0-9, #, @, $ starting with a letter, #, @ or $; got %s" % (what, shown)
        )
    return value.upper()


def encode_name(name):
    """EBCDIC bytes of a normalized name, blank-padded to 8."""
    return name.ljust(8).encode("ascii").translate(_NAME_TO_EBCDIC)


def name_bytes(value, what):
    """EBCDIC bytes of a RACF name given in any case, blank-padded to 8, or raise as normalize_name does.

    The per-ticket form of ``encode_name(normalize_name(value, what))``: one
    translation checks and encodes a valid name; anything else takes
    normalize_name's way, which raises the precise error.
    """
    try:
        text = value.encode("ascii")
    except (AttributeError, UnicodeEncodeError):  # not a str, or not ASCII
        text = b""
    encoded = text.translate(_NAME_TO_EBCDIC, _NOT_NAME_BYTES)
    if 0 < len(encoded) == len(text) <= 8 and encoded[0] < _EBCDIC_DIGIT_0 and isinstance(value, str):
        return encoded.ljust(8, _EBCDIC_BLANK)
    return encode_name(normalize_name(value, what))


def names_bytes(values, what):
    """The EBCDIC names of ``values``, 8 bytes each (blank-padded), concatenated, or raise for the first invalid one.

    All the names are checked together, in a few passes over their joined
    text, by the rule name_bytes applies to each; when one breaks it,
    name_bytes of each value in turn raises the precise error.
    """
    try:
        lengths = list(map(len, values))
        text = "".join(values).encode("ascii")
        firsts = "".join(map(operator.itemgetter(0), values)).encode("ascii")
    except (TypeError, IndexError, UnicodeEncodeError):  # not all str, an empty one, not ASCII
        valid = False
    else:
        valid = (
            (not lengths or max(lengths) <= 8)
            and len(text.translate(None, _NOT_NAME_BYTES)) == len(text)
            and len(firsts.translate(None, _DIGIT_BYTES)) == len(firsts)
        )
    if valid:
        return "".join(map(str.ljust, values, itertools.repeat(8))).encode("ascii").translate(_NAME_TO_EBCDIC)
    return b"".join([name_bytes(value, what) for value in values])


def parse_key(key_hex, algorithm):
    """Key bytes from hex text (surrounding white space ignored), or raise.

    The message says what is wrong with the key (type, length, characters),
    never what it contains.
    """
    if isinstance(key_hex, bytes):
        try:
            key_hex = key_hex.decode("ascii")
        except UnicodeDecodeError:
            raise PassTicketError(
                "the %s key must be hexadecimal text; it contains non-ASCII bytes" % algorithm
            ) from None
    if not isinstance(key_hex, str):
        raise PassTicketError("the %s key must be a string of hex digits, got %s" % (algorithm, type(key_hex).__name__))
    key_hex = key_hex.strip()
    if not _HEX.match(key_hex):
        raise PassTicketError(
            "the %s key must contain only hex digits 0-9, A-F; it contains other characters" % algorithm
        )
    digits = len(key_hex)
    if algorithm == LEGACY:
        if digits != LEGACY_KEY_HEX_DIGITS:
            raise PassTicketError("the legacy key must be exactly 16 hex digits (8 bytes); got %d digits" % digits)
    elif digits % 2 or not ENHANCED_KEY_MIN_BYTES * 2 <= digits <= ENHANCED_KEY_MAX_BYTES * 2:
        raise PassTicketError(
            "the enhanced key must be %d to %d bytes given as an even number of hex digits (%d to %d); got %d digits"
            % (
                ENHANCED_KEY_MIN_BYTES,
                ENHANCED_KEY_MAX_BYTES,
                ENHANCED_KEY_MIN_BYTES * 2,
                ENHANCED_KEY_MAX_BYTES * 2,
                digits,
            )
        )
    return bytes.fromhex(key_hex)


def _choice(value, choices, what):
    if not isinstance(value, str) or value.lower() not in choices:
        raise PassTicketError("%s must be one of %s; got %r" % (what, ", ".join(choices), value))
    return value.lower()


def _integer(value, what, low, high):
    if isinstance(value, bool) or not isinstance(value, int):
        raise PassTicketError("%s must be an integer, got %s" % (what, type(value).__name__))
    if not low <= value <= high:
        raise PassTicketError("%s must be between %d and %d; got %d" % (what, low, high, value))
    return value


# ---------------------------------------------------------------- primitives


def des_block_function(key):
    """``des(block) -> block``: DES ECB under the 8-byte key, one reused context.

    Single DES with key K equals TripleDES with key K||K||K.
    """
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        try:
            from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
        except ImportError:  # cryptography < 43
            from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
    except ImportError:
        raise PassTicketError(
            "legacy PassTickets (DES) require the Python library cryptography on the controller"
        ) from None
    return Cipher(TripleDES(key * 3), modes.ECB()).encryptor().update


def keyed_hmac_sha512(key):
    """A keyed HMAC-SHA-512 prototype: ``copy()`` it, ``update(message)``, ``finalize()``.

    cryptography's HMAC when available (the fastest measured), else the
    standard library with the keyed inner and outer states precomputed. The
    key schedule is done once; each MAC then costs a state copy.
    """
    try:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.hmac import HMAC
    except ImportError:
        return StdlibHmacSha512(key)
    return HMAC(key, hashes.SHA512())


_SHA512_BLOCK = 128


class StdlibHmacSha512:
    """HMAC-SHA-512 (RFC 2104) from hashlib, with cryptography's HMAC interface."""

    def __init__(self, key=None, states=None):
        if states is None:
            if len(key) > _SHA512_BLOCK:
                key = hashlib.sha512(key).digest()
            key = key.ljust(_SHA512_BLOCK, b"\0")
            states = (hashlib.sha512(bytes(b ^ 0x36 for b in key)), hashlib.sha512(bytes(b ^ 0x5C for b in key)))
        self._inner, self._outer = states

    def copy(self):
        return StdlibHmacSha512(states=(self._inner.copy(), self._outer.copy()))

    def update(self, message):
        self._inner.update(message)

    def finalize(self):
        outer = self._outer.copy()
        outer.update(self._inner.digest())
        return outer.digest()


def hmac_sha512(prototype, message):
    """One MAC from a keyed prototype (see keyed_hmac_sha512)."""
    mac = prototype.copy()
    mac.update(message)
    return mac.finalize()


def _permutation_tables(table):
    """Two 256-entry lookups (high byte, low byte) that apply one P_i."""
    high, low = [], []
    for byte in range(256):
        for part, shift in ((high, 8), (low, 0)):
            value = byte << shift
            out = 0
            for position, source in enumerate(table):
                if value >> (16 - source) & 1:
                    out |= 1 << (15 - position)
            part.append(out)
    return tuple(high), tuple(low)


_PERMUTATION_TABLES = tuple(_permutation_tables(t) for t in PERMUTATIONS)
# a time-coder block: R (16 bits) || PAD half (6 bytes)
_PACK_BLOCK = struct.Struct(">H6s").pack


def legacy_pad(user):
    """The time-coder PAD: encoded user ID without blanks, X'55'-filled to 12."""
    return encode_name(user).rstrip(b"\x40").ljust(12, bytes((_PAD_FILL,)))


def legacy_permute(round_number, value):
    """P_round applied to a 16-bit value."""
    high, low = _PERMUTATION_TABLES[round_number - 1]
    return high[value >> 8] | low[value & 0xFF]


# Translate: character k is the 6 bits starting at bit 31, 3, 7, ..., 27 (1 =
# most significant, wrapping), so characters 2k-1 and 2k together are the 10
# bits starting at bit 31, 7, 15, 23: one lookup in a 1024-entry pair table.
_LEGACY_CHARSET = frozenset(LEGACY_ALPHABET)
_LEGACY_PAIRS = tuple(LEGACY_ALPHABET[(n >> 4) % 36] + LEGACY_ALPHABET[(n & 63) % 36] for n in range(1024))


def legacy_translate(r5):
    """Ticket characters from the 32-bit time-coder output R5."""
    pairs, left, right = _LEGACY_PAIRS, r5 >> 16, r5 & 0xFFFF
    return (
        pairs[(right & 3) << 8 | left >> 8]
        + pairs[left & 1023]
        + pairs[(left & 3) << 8 | right >> 8]
        + pairs[right & 1023]
    )


# Enhanced: 8 digits written as 4 two-digit groups (base**2 = 1296 or 4096).
_ENHANCED_PAIRS = dict(
    (
        ptype,
        (tuple(ENHANCED_ALPHABET[n // base] + ENHANCED_ALPHABET[n % base] for n in range(base * base)), base * base),
    )
    for ptype, base in _ENHANCED_BASE.items()
)


def encode_enhanced(value, ptype):
    """8 base-36 (UPPER) or base-64 (MIXED) digits of a value below base**8."""
    return _ENHANCED_ENCODERS[ptype](value)


def _encode_base36(value, pairs=_ENHANCED_PAIRS[UPPER][0], pair_base=_ENHANCED_PAIRS[UPPER][1]):
    value, fourth = divmod(value, pair_base)
    value, third = divmod(value, pair_base)
    first, second = divmod(value, pair_base)
    return pairs[first] + pairs[second] + pairs[third] + pairs[fourth]


def _encode_base64(value, pairs=_ENHANCED_PAIRS[MIXED][0]):
    """Base 64: two digits are 12 bits."""
    return pairs[value >> 36] + pairs[value >> 24 & 0xFFF] + pairs[value >> 12 & 0xFFF] + pairs[value & 0xFFF]


_ENHANCED_ENCODERS = {UPPER: _encode_base36, MIXED: _encode_base64}
_BASE36_TO_ENHANCED = bytes.maketrans(bytes(range(36)), ENHANCED_ALPHABET[:36].encode("ascii"))
_QUAD = 36**4
_S_QUAD, _S_36 = 62, 27
_M_QUAD, _M_36 = -(-(1 << _S_QUAD) // _QUAD), -(-(1 << _S_36) // 36)  # ceil(2**s / d)
_LOW_HALF_OF_16, _LOW_HALF_OF_8 = b"\x00" * 8 + b"\xff" * 8, b"\x00" * 4 + b"\xff" * 4
_BASE64_TO_ENHANCED = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", ENHANCED_ALPHABET.encode("ascii")
)


def decode_enhanced(ticket, ptype):
    """The 48-bit value an enhanced ticket encodes, or None if it is not one."""
    base = _ENHANCED_BASE[ptype]
    if not isinstance(ticket, str) or len(ticket) != TICKET_LENGTH:
        return None
    value = 0
    for char in ticket:
        digit = ENHANCED_ALPHABET.find(char)
        if not 0 <= digit < base:
            return None
        value = value * base + digit
    return value


# ---------------------------------------------------------------- algorithm steps


def legacy_r2(des, user_bytes, appl_bytes):
    """Legacy steps 1-2 (time-independent): R2 = DES_K(DES_K(U) XOR A)."""
    r1 = des(user_bytes)
    return des(bytes(a ^ b for a, b in zip(r1, appl_bytes)))


def legacy_rounds(pad):
    """Per time-coder round: (permutation table high, table low, PAD half)."""
    return tuple(
        (high, low, pad[:6] if number % 2 else pad[6:]) for number, (high, low) in enumerate(_PERMUTATION_TABLES, 1)
    )


def legacy_time_coder(des, r4, rounds):
    """Legacy step 5: the six time-coder rounds (see legacy_rounds) over the 32-bit R4; returns R5."""
    pack = _PACK_BLOCK
    left, right = r4 >> 16, r4 & 0xFFFF
    for high, low, pad in rounds:
        block = des(pack(right, pad))
        # E = C[0..1] XOR L, permuted one byte at a time
        left, right = right, high[block[0] ^ left >> 8] | low[block[1] ^ left & 0xFF]
    return (left << 16) | right


# Enhanced, for many users at once. A ticket needs 7 HMAC-SHA-512 (D, then one
# per round); everything else is done for all users together, on bytes and on
# Python integers used as vectors of fixed-width lanes: XOR and AND never carry,
# so one operation on integers made of n lanes is that operation on each lane.
# Lanes are big-endian: lane i is bytes [w*i, w*(i+1)) of the integer's bytes.
# A half of the Feistel network is the top 3 bytes of a 4-byte lane; the low
# byte is where byte(r) goes in the round message R || byte(r) || U || A.
_WORD, _DOUBLE_WORD = "I", "Q"  # memoryview formats: 4 and 8 bytes on every platform CPython runs on
_ROUND_BLOCK = 20  # R || byte(r) (4 bytes) || U (8) || A (8)
_HALF_LANE = b"\xff\xff\xff\x00"
_ODD_ROUND_LANE = {UPPER: b"\x01\xff\xff\x00", MIXED: _HALF_LANE}  # TYPE(UPPER): Y[0] &= 0x01 in odd rounds
_X_LEFT_LANE = b"\xff\xff\xff\x00\x00\x00\x00\x00"  # of an 8-byte lane holding X[0..5] || 2 bytes
_V_RIGHT_LANE, _V_LEFT_LANE = b"\x00\x00\x00\x00\x00\xff\xff\xff", b"\x00\x00\xff\xff\xff\x00\x00\x00"
_PACK_ROUND_MESSAGE = struct.Struct(">I16s").pack
_UNPACK_WORD = struct.Struct(">I").unpack_from


def _integer_of(data):
    return int.from_bytes(data, "big")


def _bytes_of(value, size):
    return value.to_bytes(size, "big")


def round_blocks(names, appl_bytes):
    """The round messages of every user: 20 bytes each, R || byte(r) zero, then U || A.

    ``names`` is the users' EBCDIC names (8 bytes each) concatenated;
    ``appl_bytes`` the EBCDIC application name (8 bytes).
    """
    count = len(names) // 8
    blocks = bytearray(_ROUND_BLOCK * count)
    words, name_words = memoryview(blocks).cast(_WORD), memoryview(names).cast(_WORD)
    words[1::5], words[2::5] = name_words[0::2], name_words[1::2]
    words[3::5], words[4::5] = (
        memoryview(appl_bytes[:4] * count).cast(_WORD),
        memoryview(appl_bytes[4:] * count).cast(_WORD),
    )
    return bytes(blocks)


def _macs(mac, messages):
    """HMAC-SHA-512 of each message, each from a copy of the keyed state, concatenated (64 bytes each).

    The only per-user work of the enhanced algorithm: what the floor of the
    benchmark measures. The messages are bytes, which the garbage collector
    does not track: in a process as large as an Ansible worker, thousands of
    tracked objects (memoryviews) alive during a call cost a full collection
    every few calls.
    """
    # (update() returns None, so "or" goes on to finalize(): one expression per MAC, the least interpreter work)
    return b"".join([(round_mac := mac.copy()).update(message) or round_mac.finalize() for message in messages])


def enhanced_d_lanes(mac, blocks):
    """Enhanced step 1 for every block: D[0..7] = HMAC-SHA-512(K, U||A)[0..7], 8 bytes per user."""
    count = len(blocks) // _ROUND_BLOCK
    digests = _macs(mac, struct.unpack("4x16s" * count, blocks))
    return memoryview(digests).cast(_DOUBLE_WORD)[::8].tobytes()


def enhanced_network_lanes(mac, blocks, x_lanes, ptype):
    """Enhanced steps 3-4 for every block: the six Feistel rounds over X; returns each user's V.

    ``x_lanes`` holds X = T XOR D[0..5] of each user in the top 6 bytes of an
    8-byte lane (enhanced_d_lanes XOR T << 16). ``mac`` is a keyed prototype
    (keyed_hmac_sha512), copied for each MAC. Returns V[0..5] of each user in
    the low 6 bytes of an 8-byte lane.
    """
    count = len(blocks) // _ROUND_BLOCK
    if not count:
        return b""
    size = 4 * count
    half_mask, odd_mask = _integer_of(_HALF_LANE * count), _integer_of(_ODD_ROUND_LANE[ptype] * count)
    x, x_left = _integer_of(x_lanes), _integer_of(_X_LEFT_LANE * count)
    left = _integer_of(memoryview(_bytes_of(x & x_left, 8 * count)).cast(_WORD)[::2])
    right = _integer_of(memoryview(_bytes_of(x << 24 & x_left, 8 * count)).cast(_WORD)[::2])
    # the round messages, rewritten in place: R || byte(r) is word 0 of each 5-word block
    work = bytearray(blocks)
    words, messages = memoryview(work).cast(_WORD)[::5], struct.Struct("%ds" % _ROUND_BLOCK * count)
    for number in range(1, _ROUNDS + 1):
        odd = number % 2
        round_word = (right if odd else left) | _integer_of(bytes((0, 0, 0, number)) * count)
        words[:] = memoryview(_bytes_of(round_word, size)).cast(_WORD)
        # G[0..2] || G[3]: word 0 of each 16-word digest; the mask drops G[3]
        g = _integer_of(memoryview(_macs(mac, messages.unpack(work))).cast(_WORD)[::16])
        if odd:
            left = (left ^ g) & odd_mask
        else:
            right = (right ^ g) & half_mask
    # V = L || R: the two words side by side in an 8-byte lane, then the 6 bytes of V moved to its low end
    v_lanes = bytearray(8 * count)
    v_words = memoryview(v_lanes).cast(_WORD)
    v_words[0::2] = memoryview(_bytes_of(left, size)).cast(_WORD)
    v_words[1::2] = memoryview(_bytes_of(right, size)).cast(_WORD)
    z = _integer_of(v_lanes)
    v = (z >> 8 & _integer_of(_V_RIGHT_LANE * count)) | (z >> 16 & _integer_of(_V_LEFT_LANE * count))
    return _bytes_of(v, 8 * count)


def encode_enhanced_lanes(v_lanes, ptype):
    """The tickets of the V values of enhanced_network_lanes, in order, made for all users together.

    TYPE(MIXED): a base-64 digit is 6 bits, so the 8 digits of V[0..5] are
    their standard base64 text (RFC 4648), in the ticket alphabet.

    TYPE(UPPER): base 36 by exact division by constants on lanes. V < 2**41
    (the odd-round mask), so with 16-byte lanes H = V // 36**4 is
    (V * M1) >> 62 with M1 = ceil(2**62 / 36**4): the product stays below
    2**83, and the error V * (M1 - 2**62 / 36**4) / 2**62 < 2**-21 is below
    1 / 36**4, the least distance of V / 36**4 to the next integer. Then H
    and L = V - H * 36**4 (both below 2**21) are the 4-digit halves, in
    8-byte lanes, divided by 36 four times as (x * M2) >> 27 with
    M2 = ceil(2**27 / 36): products below 2**43, error below 2**21 / 2**27 =
    1/64 < 1/36. The masks drop what a shift moves into the next lane.
    """
    count = len(v_lanes) // 8
    if ptype == MIXED:
        packed = bytearray(6 * count)
        for position in range(6):
            packed[position::6] = v_lanes[2 + position :: 8]
        digits = binascii.b2a_base64(packed, newline=False).translate(_BASE64_TO_ENHANCED)
    else:
        wide = bytearray(16 * count)
        memoryview(wide).cast(_DOUBLE_WORD)[1::2] = memoryview(v_lanes).cast(_DOUBLE_WORD)
        value = _integer_of(wide)
        high = (value * _M_QUAD >> _S_QUAD) & _integer_of(_LOW_HALF_OF_16 * count)
        low = value - high * _QUAD
        halves = bytearray(16 * count)
        half_words = memoryview(halves).cast(_DOUBLE_WORD)
        half_words[0::2] = memoryview(_bytes_of(high, 16 * count)).cast(_DOUBLE_WORD)[1::2]
        half_words[1::2] = memoryview(_bytes_of(low, 16 * count)).cast(_DOUBLE_WORD)[1::2]
        value, low_words = _integer_of(halves), _integer_of(_LOW_HALF_OF_8 * (2 * count))
        numbers = bytearray(8 * count)
        for position in range(3, -1, -1):
            quotient = (value * _M_36 >> _S_36) & low_words
            digit = _bytes_of(value - quotient * 36, 16 * count)[7::8]  # the last byte of each 8-byte lane
            numbers[position::8], numbers[position + 4 :: 8] = digit[0::2], digit[1::2]
            value = quotient
        digits = numbers.translate(_BASE36_TO_ENHANCED)
    return list(map(bytes.decode, struct.unpack("8s" * count, digits)))


# Enhanced, for one user: the same steps on Python integers, a round written
# out per line. The lanes above cost about 40 us of set-up per call, which one
# ticket (a generator, an evaluation, a lookup of a few terms) would pay in
# full; they are cheaper from about 16 users on (measured with Python 3.13,
# cryptography 50), so tickets() takes this way below _LANES_FROM users. Each
# half is kept as the top 24 bits of a 32-bit word (H << 8), as in the lanes,
# so that the round message is that word OR r, then U || A. The tests check
# both ways against the literal reference and against each other.
# (the lanes need 4- and 8-byte native memoryview items; were they other sizes, one user at a time always)
_LANES_FROM = 16 if struct.calcsize(_WORD) == 4 and struct.calcsize(_DOUBLE_WORD) == 8 else float("inf")
# ... and at most this many at a time: what one round holds (messages, digests)
# then stays in the processor's caches; 4,000 users at once measured 10% slower.
_LANES_CHUNK = 1024
_ODD_ROUND_WORD = {UPPER: _UPPER_ODD_ROUND_MASK << 8, MIXED: _HALF_MASK << 8}
_HALF_WORD = _HALF_MASK << 8
_UNPACK_DOUBLE_WORD = struct.Struct(">Q").unpack_from


def enhanced_d(mac, user_appl):
    """Enhanced step 1 for one user: D[0..5] = HMAC-SHA-512(K, U||A)[0..5] as a 48-bit integer."""
    round_mac = mac.copy()
    round_mac.update(user_appl)
    return _UNPACK_DOUBLE_WORD(round_mac.finalize())[0] >> 16


def enhanced_network(mac, user_appl, ptype, value):
    """Enhanced step 3 for one user: the six Feistel rounds over the 48-bit X = value; returns V."""
    pack, unpack, odd, half = _PACK_ROUND_MESSAGE, _UNPACK_WORD, _ODD_ROUND_WORD[ptype], _HALF_WORD
    left, right = value >> 16 & half, value << 8 & half
    round_mac = mac.copy()
    round_mac.update(pack(right | 1, user_appl))
    left = (left ^ unpack(round_mac.finalize())[0]) & odd
    round_mac = mac.copy()
    round_mac.update(pack(left | 2, user_appl))
    right = (right ^ unpack(round_mac.finalize())[0]) & half
    round_mac = mac.copy()
    round_mac.update(pack(right | 3, user_appl))
    left = (left ^ unpack(round_mac.finalize())[0]) & odd
    round_mac = mac.copy()
    round_mac.update(pack(left | 4, user_appl))
    right = (right ^ unpack(round_mac.finalize())[0]) & half
    round_mac = mac.copy()
    round_mac.update(pack(right | 5, user_appl))
    left = (left ^ unpack(round_mac.finalize())[0]) & odd
    round_mac = mac.copy()
    round_mac.update(pack(left | 6, user_appl))
    right = (right ^ unpack(round_mac.finalize())[0]) & half
    return left << 16 | right >> 8


def enhanced_network_inverse(mac, user_appl, ptype, value):
    """The 48-bit X that enhanced_network maps to V = value.

    For UPPER the mask of round 1 discarded the top 7 bits of X; they are
    returned as zero (the caller restores them from D, assuming T < 2**41).
    Rounds 3 and 5 masked values that rounds 1 and 3 had already masked, so
    nothing else is lost.
    """
    odd = _UPPER_ODD_ROUND_MASK if ptype == UPPER else _HALF_MASK
    left, right = value >> 24, value & _HALF_MASK
    for number in range(_ROUNDS, 0, -1):
        digest = hmac_sha512(mac, _PACK_ROUND_MESSAGE(left << 8 | number, user_appl))
        left, right = (right ^ _UNPACK_WORD(digest)[0] >> 8) & (odd if number % 2 else _HALF_MASK), left
    return (left << 24) | right


# ---------------------------------------------------------------- keys and generators


class PassTicketKey:
    """A key, parsed and prepared once, for the tickets of any number of users and applications.

    The constructor checks the key (a PassTicketError says what is wrong with
    it, never what it contains) and prepares what depends on the key alone:
    the keyed HMAC-SHA-512 state (enhanced; every MAC is a copy of it) or the
    DES context (legacy), as ``prepared``. The key is held only inside that
    object, never as an attribute.
    """

    def __init__(self, key_hex, algorithm=ENHANCED):
        self.algorithm = _choice(algorithm, ALGORITHMS, "algorithm")
        key = parse_key(key_hex, self.algorithm)
        self.prepared = des_block_function(key) if self.algorithm == LEGACY else keyed_hmac_sha512(key)

    def generator(self, user, appl, ptype=MIXED):
        """A PassTicketGenerator for one user and application, on this key's prepared state."""
        return PassTicketGenerator(user, appl, self, self.algorithm, ptype)

    def tickets(self, users, appl, when, ptype=MIXED):
        """One ticket per user ID of ``users``, in their order, for application ``appl``.

        ``when`` is the UTC epoch second of every ticket, or a list with one
        second per user. Every input is checked before the first ticket is
        made. Enhanced: a ticket costs 7 HMAC-SHA-512 (D and 6 rounds), each
        a copy of the one keyed state, and nothing else per user but the
        encoding of its name. Legacy: 8 DES block operations on the one
        DES context.
        """
        ptype = _choice(ptype, TYPES, "type")
        max_time = MAX_TIME[(self.algorithm, ptype)]
        if isinstance(when, list):
            if len(when) != len(users):
                raise PassTicketError(
                    "one time per user is needed; got %d times for %d users" % (len(when), len(users))
                )
            for second in when:
                if type(second) is not int or not 0 <= second <= max_time:  # pylint: disable=unidiomatic-typecheck
                    _integer(second, "time", 0, max_time)  # raises the precise error
            seconds = when
        else:
            seconds = itertools.repeat(_integer(when, "time", 0, max_time), len(users))
        appl_bytes = name_bytes(appl, "application name")
        names = names_bytes(users, "user ID")
        if self.algorithm == LEGACY:
            return [self.generator(user, appl, ptype).generate(second) for user, second in zip(users, seconds)]
        if len(users) < _LANES_FROM:
            encode, mac = _ENHANCED_ENCODERS[ptype], self.prepared
            user_appls = [names[start : start + 8] + appl_bytes for start in range(0, len(names), 8)]
            return [
                encode(enhanced_network(mac, user_appl, ptype, second ^ enhanced_d(mac, user_appl)))
                for user_appl, second in zip(user_appls, seconds)
            ]
        if isinstance(when, list):
            t_lanes = struct.pack(">%dQ" % len(when), *[second << 16 for second in when])
        else:
            t_lanes = (when << 16).to_bytes(8, "big") * len(users)
        tickets = []
        for first in range(0, len(users), _LANES_CHUNK):
            blocks = round_blocks(names[8 * first : 8 * (first + _LANES_CHUNK)], appl_bytes)
            d_lanes = enhanced_d_lanes(self.prepared, blocks)
            x = _integer_of(d_lanes) ^ _integer_of(t_lanes[8 * first : 8 * first + len(d_lanes)])
            v_lanes = enhanced_network_lanes(self.prepared, blocks, _bytes_of(x, len(d_lanes)), ptype)
            tickets += encode_enhanced_lanes(v_lanes, ptype)
        return tickets


class PassTicketGenerator:
    """Tickets for one user, application, key, algorithm and type.

    Everything that does not depend on the time is computed once here: the
    encoded names and R3 = DES_K(DES_K(U) XOR A)[0..3] (legacy), D[0..5] =
    HMAC(K, U||A) (enhanced), on the state of a PassTicketKey (given, or made
    from the hex key). A ticket then costs 6 DES block operations or 6
    HMAC-SHA-512 computations. The key is held only inside the cipher/MAC
    objects, never as an attribute.
    """

    def __init__(self, user, appl, key_hex, algorithm=ENHANCED, ptype=MIXED):
        self.algorithm = _choice(algorithm, ALGORITHMS, "algorithm")
        self.ptype = _choice(ptype, TYPES, "type")
        self.user = normalize_name(user, "user ID")
        self.appl = normalize_name(appl, "application name")
        self.max_time = MAX_TIME[(self.algorithm, self.ptype)]
        if not isinstance(key_hex, PassTicketKey):
            key_hex = PassTicketKey(key_hex, self.algorithm)
        elif key_hex.algorithm != self.algorithm:
            raise PassTicketError(
                "the key was prepared for %s PassTickets, not %s ones" % (key_hex.algorithm, self.algorithm)
            )
        user_bytes, appl_bytes = encode_name(self.user), encode_name(self.appl)
        self._legacy = self.algorithm == LEGACY
        if self._legacy:
            self._des = key_hex.prepared
            self._r3 = int.from_bytes(legacy_r2(self._des, user_bytes, appl_bytes)[:4], "big")
            self._rounds = legacy_rounds(legacy_pad(self.user))
        else:
            self._mac = key_hex.prepared
            self._user_appl = user_bytes + appl_bytes
            self._d6 = enhanced_d(self._mac, self._user_appl)
            self._encode = _ENHANCED_ENCODERS[self.ptype]

    def generate(self, when):
        """The ticket for UTC epoch second ``when``."""
        if type(when) is not int or not 0 <= when <= self.max_time:  # pylint: disable=unidiomatic-typecheck
            _integer(when, "time", 0, self.max_time)  # raises the precise error
        if self._legacy:
            return legacy_translate(legacy_time_coder(self._des, self._r3 ^ when, self._rounds))
        return self._encode(enhanced_network(self._mac, self._user_appl, self.ptype, when ^ self._d6))

    def ticket_time(self, ticket):
        """The UTC epoch second an enhanced ticket was generated for.

        Runs the Feistel network backwards. Raises PassTicketError for a
        legacy generator, for text that is not a ticket of this type, and for
        a ticket that no time can produce (possible for TYPE(UPPER)).
        """
        if self.algorithm != ENHANCED:
            raise PassTicketError(
                "only enhanced PassTickets carry their time; legacy tickets must be searched with evaluate()"
            )
        when = self._decode_time(ticket)
        if when is None:
            raise PassTicketError(
                "the value is not an enhanced TYPE(%s) PassTicket for this user, application and key"
                % self.ptype.upper()
            )
        return when

    def _decode_time(self, ticket):
        value = decode_enhanced(ticket, self.ptype)
        if value is None:
            return None
        when = enhanced_network_inverse(self._mac, self._user_appl, self.ptype, value) ^ self._d6
        if self.ptype == UPPER:
            when &= self.max_time  # T < 2**41: its top 7 bits are zero
        if when > self.max_time or self.generate(when) != ticket:
            return None
        return when

    def evaluate(self, ticket, now, window):
        """The time t with |t - now| <= window that reproduces ticket, else None.

        Enhanced: decode the time (confirmed by regenerating). Legacy: search
        the window outwards from ``now`` (closest match first); each candidate
        costs the six time-coder rounds only.
        """
        now = _integer(now, "now", 0, 2**48 - 1)
        window = _integer(window, "window", 0, MAX_WINDOW)
        if not isinstance(ticket, str):
            raise PassTicketError("ticket must be a string, got %s" % type(ticket).__name__)
        if self.algorithm == ENHANCED:
            when = self._decode_time(ticket)
            return when if when is not None and abs(when - now) <= window else None
        if len(ticket) != TICKET_LENGTH or not set(ticket) <= _LEGACY_CHARSET:
            return None
        low, high = max(0, now - window), min(self.max_time, now + window)
        for when in _outwards(now, low, high):
            if self.generate(when) == ticket:
                return when
        return None


def _outwards(center, low, high):
    """Integers in [low, high], by distance from center (earlier first on ties)."""
    if low <= center <= high:
        yield center
    for distance in range(1, max(center - low, high - center) + 1):
        if low <= center - distance <= high:
            yield center - distance
        if low <= center + distance <= high:
            yield center + distance


# ---------------------------------------------------------------- functions


def generate(user, appl, key_hex, when, algorithm=ENHANCED, ptype=MIXED):
    """The PassTicket for user, application, key and UTC epoch second."""
    return PassTicketGenerator(user, appl, key_hex, algorithm, ptype).generate(when)


def ticket_time(ticket, user, appl, key_hex, ptype=MIXED):
    """The UTC epoch second an enhanced ticket was generated for."""
    return PassTicketGenerator(user, appl, key_hex, ENHANCED, ptype).ticket_time(ticket)


def evaluate(ticket, user, appl, key_hex, now, window, algorithm=ENHANCED, ptype=MIXED):
    """The generation time within now ± window that reproduces ticket, else None."""
    return PassTicketGenerator(user, appl, key_hex, algorithm, ptype).evaluate(ticket, now, window)
