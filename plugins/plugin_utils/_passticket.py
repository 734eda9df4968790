# -*- coding: utf-8 -*-
# Copyright: contributors to the mainframe.passticket collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RACF PassTicket engine: legacy (DES) and enhanced (HMAC-SHA-512).

Generation, evaluation and (enhanced only) recovery of the time a ticket was
generated for, bit-exact with the algorithms in the collection's working
specification (see ``docs/passticket-lookup.md``).

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

import hashlib
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
    (LEGACY, UPPER): 2 ** 32 - 1,
    (LEGACY, MIXED): 2 ** 32 - 1,
    (ENHANCED, UPPER): 2 ** 41 - 1,
    (ENHANCED, MIXED): 2 ** 48 - 1,
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
            "%s must be 1 to 8 characters A-Z, 0-9, #, @, $ starting with a letter, #, @ or $; got %s" % (what, shown))
    return value.upper()


def encode_name(name):
    """EBCDIC bytes of a normalized name, blank-padded to 8."""
    return bytes(_EBCDIC[c] for c in name.ljust(8))


def parse_key(key_hex, algorithm):
    """Key bytes from hex text (surrounding white space ignored), or raise.

    The message says what is wrong with the key (type, length, characters),
    never what it contains.
    """
    if isinstance(key_hex, bytes):
        try:
            key_hex = key_hex.decode("ascii")
        except UnicodeDecodeError:
            raise PassTicketError("the %s key must be hexadecimal text; it contains non-ASCII bytes" % algorithm) from None
    if not isinstance(key_hex, str):
        raise PassTicketError("the %s key must be a string of hex digits, got %s" % (algorithm, type(key_hex).__name__))
    key_hex = key_hex.strip()
    if not _HEX.match(key_hex):
        raise PassTicketError("the %s key must contain only hex digits 0-9, A-F; it contains other characters" % algorithm)
    digits = len(key_hex)
    if algorithm == LEGACY:
        if digits != LEGACY_KEY_HEX_DIGITS:
            raise PassTicketError("the legacy key must be exactly 16 hex digits (8 bytes); got %d digits" % digits)
    elif digits % 2 or not ENHANCED_KEY_MIN_BYTES * 2 <= digits <= ENHANCED_KEY_MAX_BYTES * 2:
        raise PassTicketError(
            "the enhanced key must be %d to %d bytes given as an even number of hex digits (%d to %d); got %d digits"
            % (ENHANCED_KEY_MIN_BYTES, ENHANCED_KEY_MAX_BYTES, ENHANCED_KEY_MIN_BYTES * 2, ENHANCED_KEY_MAX_BYTES * 2, digits))
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
        raise PassTicketError("legacy PassTickets (DES) require the Python library cryptography on the controller") from None
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
    return (pairs[(right & 3) << 8 | left >> 8] + pairs[left & 1023]
            + pairs[(left & 3) << 8 | right >> 8] + pairs[right & 1023])


# Enhanced: 8 digits written as 4 two-digit groups (base**2 = 1296 or 4096).
_ENHANCED_PAIRS = dict(
    (ptype, (tuple(ENHANCED_ALPHABET[n // base] + ENHANCED_ALPHABET[n % base] for n in range(base * base)), base * base))
    for ptype, base in _ENHANCED_BASE.items())


def encode_enhanced(value, ptype):
    """8 base-36 (UPPER) or base-64 (MIXED) digits of a value below base**8."""
    return _encode_pairs(value, *_ENHANCED_PAIRS[ptype])


def _encode_pairs(value, pairs, pair_base):
    value, fourth = divmod(value, pair_base)
    value, third = divmod(value, pair_base)
    first, second = divmod(value, pair_base)
    return pairs[first] + pairs[second] + pairs[third] + pairs[fourth]


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
    return tuple((high, low, pad[:6] if number % 2 else pad[6:])
                 for number, (high, low) in enumerate(_PERMUTATION_TABLES, 1))


def legacy_time_coder(des, r4, rounds):
    """Legacy step 5: the six time-coder rounds (see legacy_rounds) over the 32-bit R4; returns R5."""
    pack = _PACK_BLOCK
    left, right = r4 >> 16, r4 & 0xFFFF
    for high, low, pad in rounds:
        block = des(pack(right, pad))
        # E = C[0..1] XOR L, permuted one byte at a time
        left, right = right, high[block[0] ^ left >> 8] | low[block[1] ^ left & 0xFF]
    return (left << 16) | right


def enhanced_rounds(user_appl, upper):
    """Per round r = 1..6: (r, U||A, mask on Y). TYPE(UPPER) keeps only Y[0] & 0x01 in odd rounds."""
    return tuple((r, user_appl, _UPPER_ODD_ROUND_MASK if upper and r % 2 else _HALF_MASK) for r in range(1, _ROUNDS + 1))


# a round message R (3 bytes) || byte(r) || U || A is the 32-bit (R << 8 | r) then U || A
_PACK_ROUND_MESSAGE = struct.Struct(">I16s").pack
_UNPACK_WORD = struct.Struct(">I").unpack_from


def enhanced_network(mac, rounds, value):
    """Enhanced step 3: the six Feistel rounds (see enhanced_rounds) over the 48-bit X; returns V.

    ``mac`` is a keyed prototype (keyed_hmac_sha512). G[0..2] is the top 24
    bits of the first 32-bit word of the digest.
    """
    copy, pack, unpack = mac.copy, _PACK_ROUND_MESSAGE, _UNPACK_WORD
    left, right = value >> 24, value & _HALF_MASK
    for number, user_appl, mask in rounds:
        round_mac = copy()
        round_mac.update(pack(right << 8 | number, user_appl))
        left, right = right, (left ^ unpack(round_mac.finalize())[0] >> 8) & mask
    return (left << 24) | right


def enhanced_network_inverse(mac, rounds, value):
    """The 48-bit X that enhanced_network maps to V = value.

    For UPPER the mask of round 1 discarded the top 7 bits of X; they are
    returned as zero (the caller restores them from D, assuming T < 2**41).
    Rounds 3 and 5 masked values that rounds 1 and 3 had already masked, so
    nothing else is lost.
    """
    left, right = value >> 24, value & _HALF_MASK
    for number, user_appl, mask in reversed(rounds):
        digest = hmac_sha512(mac, _PACK_ROUND_MESSAGE(left << 8 | number, user_appl))
        left, right = (right ^ _UNPACK_WORD(digest)[0] >> 8) & mask, left
    return (left << 24) | right


# ---------------------------------------------------------------- generator

class PassTicketGenerator:
    """Tickets for one user, application, key, algorithm and type.

    Everything that does not depend on the time is computed once here: the
    encoded names, the DES context and R3 = DES_K(DES_K(U) XOR A)[0..3]
    (legacy), the keyed HMAC state and D[0..5] = HMAC(K, U||A) (enhanced). A
    ticket then costs 6 DES block operations or 6 HMAC-SHA-512 computations.
    The key is held only inside the cipher/MAC objects, never as an attribute.
    """

    def __init__(self, user, appl, key_hex, algorithm=ENHANCED, ptype=MIXED):
        self.algorithm = _choice(algorithm, ALGORITHMS, "algorithm")
        self.ptype = _choice(ptype, TYPES, "type")
        self.user = normalize_name(user, "user ID")
        self.appl = normalize_name(appl, "application name")
        self.max_time = MAX_TIME[(self.algorithm, self.ptype)]
        key = parse_key(key_hex, self.algorithm)
        user_bytes, appl_bytes = encode_name(self.user), encode_name(self.appl)
        self._legacy = self.algorithm == LEGACY
        if self._legacy:
            self._des = des_block_function(key)
            self._r3 = int.from_bytes(legacy_r2(self._des, user_bytes, appl_bytes)[:4], "big")
            self._rounds = legacy_rounds(legacy_pad(self.user))
        else:
            self._mac = keyed_hmac_sha512(key)
            self._upper = self.ptype == UPPER
            user_appl = user_bytes + appl_bytes
            self._d6 = int.from_bytes(hmac_sha512(self._mac, user_appl)[:6], "big")
            self._rounds = enhanced_rounds(user_appl, self._upper)
            self._encoding = _ENHANCED_PAIRS[self.ptype]

    def generate(self, when):
        """The ticket for UTC epoch second ``when``."""
        if type(when) is not int or not 0 <= when <= self.max_time:  # pylint: disable=unidiomatic-typecheck
            _integer(when, "time", 0, self.max_time)  # raises the precise error
        if self._legacy:
            return legacy_translate(legacy_time_coder(self._des, self._r3 ^ when, self._rounds))
        return _encode_pairs(enhanced_network(self._mac, self._rounds, when ^ self._d6), *self._encoding)

    def ticket_time(self, ticket):
        """The UTC epoch second an enhanced ticket was generated for.

        Runs the Feistel network backwards. Raises PassTicketError for a
        legacy generator, for text that is not a ticket of this type, and for
        a ticket that no time can produce (possible for TYPE(UPPER)).
        """
        if self.algorithm != ENHANCED:
            raise PassTicketError("only enhanced PassTickets carry their time; legacy tickets must be searched with evaluate()")
        when = self._decode_time(ticket)
        if when is None:
            raise PassTicketError(
                "the value is not an enhanced TYPE(%s) PassTicket for this user, application and key" % self.ptype.upper())
        return when

    def _decode_time(self, ticket):
        value = decode_enhanced(ticket, self.ptype)
        if value is None:
            return None
        when = enhanced_network_inverse(self._mac, self._rounds, value) ^ self._d6
        if self._upper:
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
        now = _integer(now, "now", 0, 2 ** 48 - 1)
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
