"""The simulated ICSF: CKDS records, HMAC key tokens, return and reason codes.

The ICSF exec (``ICSF_EXEC_SOURCE`` in plugins/module_utils/_zos/icsf_exec.py) runs for
real under the REXX test bed (tests/rexx); its callable services are the
stand-ins in ``rexx.standins.icsf``, which keep the CKDS here. This module
holds what those stand-ins share with the rest of the simulator:

- ``state["ckds"]`` maps a label to the clear key in hex (``""`` for a record
  holding a null or key-less token): the simulated host keeps the key material
  so that PassTickets can be evaluated (``simulator.evaluate``); ICSF keeps it
  encrypted under the master key.
- Tokens: the variable-length symmetric key token (version X'05') laid out as
  IBM documents it (zos-interfaces.md 2.6): header, associated data, payload.
  An encrypted V0 HMAC payload is ``roundup64(8*N + 32) + 320`` bits long
  (2.7), wrapped here under a simulated master key (a SHA-256 key stream, not
  AESKW: the wrapping is not visible outside ICSF).
- Return/reason codes, all from the fact sheet (2.4, 2.8): 0/0 ok; 0/8 KRR2
  label holds a null token; 8/10012 (X'271C') label not found; 8/16036
  (X'3EA4') label already exists; 8/16000 (X'3E80') CSFSERV denied; 8/16004
  (X'3E84') CSFKEYS denied; 12/0 ICSF not active. Two codes are UNCONFIRMED
  and marked so where used: 8/72 (X'48') for an HMAC key length out of range,
  and 8/10004 for a label that breaks the CKDS label rules [simulated].
"""
import hashlib
import re

MIN_KEY_BYTES = 32   # RACF's rule for enhanced PassTicket keys [S20]
MAX_KEY_BYTES = 256
MIN_HMAC_BITS = 80   # CCA HMAC key size range [S36 l.12495-12499; S32]
MAX_HMAC_BITS = 2048
MAX_TOKEN_BYTES = 725  # KRC2/KRR2 on z/OS 2.2 [S26; S27]
LABEL_BYTES = 64
# up to 64 characters; qualifiers of A-Z 0-9 # $ @, each starting with A-Z # $ @
LABEL_RE = re.compile(r"^[A-Z#$@][A-Z0-9#$@]*(\.[A-Z#$@][A-Z0-9#$@]*)*$")
VERBS = ("EXISTS", "IMPORT", "REPLACE", "DELETE")  # the ICSF exec's verbs

OK = (0, 0)
NULL_TOKEN = (0, 8)
LABEL_NOT_FOUND = (8, 10012)
LABEL_EXISTS = (8, 16036)
SERVICE_NOT_AUTHORIZED = (8, 16000)
LABEL_NOT_AUTHORIZED = (8, 16004)
ICSF_NOT_ACTIVE = (12, 0)
BAD_KEY_LENGTH = (8, 72)        # UNCONFIRMED which length code KPI2 returns (zos-interfaces.md 2.8)
BAD_LABEL = (8, 10004)          # [simulated]

# token fields (zos-interfaces.md 2.6)
INTERNAL = 0x01
VERSION = 0x05
NO_KEY, CLEAR_KEY, UNDER_MASTER_KEY = 0x00, 0x01, 0x03
AESKW, SHA256 = 0x02, 0x02
HMAC = 0x03
MAC = 0x0002
# Key-usage and key-management field values: IBM's bit meanings are
# UNCONFIRMED (2.1, 2.6); these are the simulator's own.
USAGE_GENERATE = 0x8000
MANAGEMENT_INCOMPLETE = 0x0001  # set between KPI2 FIRST and COMPLETE [simulated]
HEADER_BYTES = 30

SIMULATED_MASTER_KEY = b"zossim AES master key (simulated)"
MKVP = hashlib.sha256(SIMULATED_MASTER_KEY).digest()[:16]
_WRAP_MAGIC = b"\xa6\xa6\xa6\xa6\xa6\xa6"


class TokenError(ValueError):
    """Bytes that are not a variable-length symmetric key token the simulator can read."""


def valid_label(label):
    return len(label) <= LABEL_BYTES and bool(LABEL_RE.match(label))


def payload_bits(key_bytes):
    """Payload length in bits of an encrypted V0 HMAC token holding a key of ``key_bytes`` bytes (2.7)."""
    return (8 * key_bytes + 32 + 63) // 64 * 64 + 320


def _keystream(length):
    stream = b""
    counter = 0
    while len(stream) < length:
        stream += hashlib.sha256(SIMULATED_MASTER_KEY + counter.to_bytes(4, "big")).digest()
        counter += 1
    return stream[:length]


def _wrap(key):
    plain = _WRAP_MAGIC + len(key).to_bytes(2, "big") + key
    size = payload_bits(len(key)) // 8
    plain += b"\x00" * (size - len(plain))
    return bytes(a ^ b for a, b in zip(plain, _keystream(size)))


def _unwrap(payload):
    plain = bytes(a ^ b for a, b in zip(payload, _keystream(len(payload))))
    if plain[:6] != _WRAP_MAGIC:
        raise TokenError("the payload is not wrapped under this host's master key")
    size = int.from_bytes(plain[6:8], "big")
    if payload_bits(size) // 8 != len(payload):
        raise TokenError("the payload length does not match the key length it wraps")
    return plain[8:8 + size]


def build_token(key_state, payload=b"", usage=(USAGE_GENERATE, 0x0000), management=(0x0000, 0x0000, 0x0000),
                bits=None):
    """A variable-length symmetric HMAC token (internal, version X'05', V0 payload)."""
    usage_bytes = bytes([len(usage)]) + b"".join(value.to_bytes(2, "big") for value in usage)
    management_bytes = bytes([len(management)]) + b"".join(value.to_bytes(2, "big") for value in management)
    associated = (bytes([0x01, 0x00]) + b"\x00\x00" + bytes([0, 0, 0, 0])
                  + (len(payload) * 8 if bits is None else bits).to_bytes(2, "big")
                  + bytes([0x00, HMAC]) + MAC.to_bytes(2, "big") + usage_bytes + management_bytes)
    associated = associated[:2] + len(associated).to_bytes(2, "big") + associated[4:]
    encrypted = key_state == UNDER_MASTER_KEY
    header = bytearray(HEADER_BYTES)
    header[0] = INTERNAL
    header[4] = VERSION
    header[8] = key_state
    header[9] = 0x01 if encrypted else 0x00
    header[10:26] = MKVP if encrypted else bytes(16)
    header[26] = AESKW if encrypted else 0x00
    header[27] = SHA256 if encrypted else 0x00
    header[28] = 0x00  # payload format V0
    token = bytes(header) + associated + payload
    return token[:2] + len(token).to_bytes(2, "big") + token[4:]


def skeleton_token():
    """What CSNBKTB2 ``INTERNAL HMAC NO-KEY MAC GENERATE`` builds: no key material (56 bytes)."""
    return build_token(NO_KEY)


def key_token(key, complete=True):
    """An internal HMAC token holding ``key`` under the simulated master key."""
    management = (0x0000 if complete else MANAGEMENT_INCOMPLETE, 0x0000, 0x0000)
    return build_token(UNDER_MASTER_KEY, _wrap(key), management=management, bits=payload_bits(len(key)))


class Token(object):
    """The fields of a token the stand-ins and tests read."""

    def __init__(self, data):
        data = bytes(data)
        if len(data) < 4:
            raise TokenError("a token is at least 4 bytes")
        self.length = int.from_bytes(data[2:4], "big")
        if data[0] == 0x00:
            self.null = True
            return
        self.null = False
        if data[0] != INTERNAL or len(data) < 46 or data[4] != VERSION:
            raise TokenError("not an internal variable-length symmetric key token (flag X'{0:02X}', version "
                             "X'{1:02X}')".format(data[0], data[4] if len(data) > 4 else 0))
        if self.length > len(data):
            raise TokenError("the token says it is {0} bytes long, but only {1} are given".format(
                self.length, len(data)))
        data = data[:self.length]
        self.data = data
        self.key_state = data[8]
        self.payload_format = data[28]
        adl = int.from_bytes(data[32:34], "big")
        self.payload_bits = int.from_bytes(data[38:40], "big")
        self.algorithm = data[41]
        self.key_type = int.from_bytes(data[42:44], "big")
        kuf = data[44]
        self.usage = [int.from_bytes(data[45 + 2 * i:47 + 2 * i], "big") for i in range(kuf)]
        kmf_at = 45 + 2 * kuf
        kmf = data[kmf_at]
        self.management = [int.from_bytes(data[kmf_at + 1 + 2 * i:kmf_at + 3 + 2 * i], "big") for i in range(kmf)]
        self.payload = data[HEADER_BYTES + adl:]
        if len(self.payload) != (self.payload_bits + 7) // 8 and self.key_state != UNDER_MASTER_KEY:
            raise TokenError("the payload is not {0} bits long".format(self.payload_bits))

    @property
    def is_hmac_mac(self):
        return not self.null and self.algorithm == HMAC and self.key_type == MAC

    @property
    def complete(self):
        return not self.null and not (self.management and self.management[0] & MANAGEMENT_INCOMPLETE)

    def key(self):
        """The clear key: from a clear token, or unwrapped from an encrypted one; None for no key."""
        if self.null or self.key_state == NO_KEY:
            return None
        if self.key_state == CLEAR_KEY:
            return self.payload
        if self.key_state == UNDER_MASTER_KEY:
            return _unwrap(self.payload)
        raise TokenError("key material state X'{0:02X}' is not supported".format(self.key_state))


class Ckds(object):
    """CKDS records over a mapping ``{label: key hex}`` (``state["ckds"]``, or a dict in unit tests).

    ``fault`` (rc, reason), when set, is what every callable service answers
    (ICSF not active, or access denied), as the simulator's fault injection
    asks.
    """

    def __init__(self, records, fault=None):
        self.records = records
        self.fault = fault

    def read(self, label):
        """The token of ``label`` (a null token for a record without key), or None when not found."""
        if label not in self.records:
            return None
        key_hex = self.records[label]
        if not key_hex:
            return bytes(8)  # null token: flag X'00'
        return key_token(bytes.fromhex(key_hex))

    def create(self, label, token):
        """Store a token under ``label`` (the caller checked it is not there yet)."""
        key = None if not token else Token(token).key()
        self.records[label] = key.hex().upper() if key else ""

    def delete(self, label):
        del self.records[label]
