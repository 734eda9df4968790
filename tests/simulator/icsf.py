"""The simulated ICSF CKDS: HMAC key records by label, and the ICSF exec protocol.

Protocol (docs/architecture.md): argv ``[exec, VERB, LABEL]``, VERB in EXISTS,
IMPORT, REPLACE, DELETE; the clear key as hex on the first line of stdin for
IMPORT/REPLACE; one stdout line ``RC=<rc> REASON=<reason> <text>``; exit status
= RC. Return/reason codes [simulated; chosen to resemble ICSF's]:

  0/0     ok (FOUND LENGTH=<bytes>, IMPORTED, REPLACED, DELETED)
  8/10012 label not found (EXISTS, REPLACE, DELETE)
  8/3028  IMPORT of a label that exists
  8/2045  key not 32..256 bytes or not hex
  8/10004 label breaks the CKDS label rules
  8/16004 caller not authorized (fault injection)
  12/0    ICSF not active (fault injection)
"""
import re

MIN_KEY_BYTES = 32
MAX_KEY_BYTES = 256
# up to 64 characters; qualifiers of A-Z 0-9 # $ @, each starting with A-Z # $ @
LABEL_RE = re.compile(r"^[A-Z#$@][A-Z0-9#$@]*(\.[A-Z#$@][A-Z0-9#$@]*)*$")
VERBS = ("EXISTS", "IMPORT", "REPLACE", "DELETE")


def valid_label(label):
    return len(label) <= 64 and bool(LABEL_RE.match(label))


def answer(rc, reason, text):
    return rc, "RC={0} REASON={1} {2}".format(rc, reason, text)


def _key_problem(key_hex):
    key_hex = (key_hex or "").strip()
    if not re.match(r"^([0-9A-Fa-f]{2})+$", key_hex):
        return "KEY IS NOT HEX"
    if not MIN_KEY_BYTES <= len(key_hex) // 2 <= MAX_KEY_BYTES:
        return "KEY LENGTH {0} NOT IN {1}..{2} BYTES".format(len(key_hex) // 2, MIN_KEY_BYTES, MAX_KEY_BYTES)
    return None


def run(ckds, verb, label, key_hex=None):
    """Apply one ICSF request to ``ckds`` ({label: hex}); return (rc, output line)."""
    if verb not in VERBS:
        return answer(8, 0, "UNKNOWN VERB {0}".format(verb))
    if not valid_label(label):
        return answer(8, 10004, "INVALID LABEL")
    if verb == "EXISTS":
        if label not in ckds:
            return answer(8, 10012, "NOT FOUND")
        return answer(0, 0, "FOUND LENGTH={0}".format(len(ckds[label]) // 2))
    if verb == "DELETE":
        if label not in ckds:
            return answer(8, 10012, "NOT FOUND")
        del ckds[label]
        return answer(0, 0, "DELETED")
    if verb == "IMPORT" and label in ckds:
        return answer(8, 3028, "LABEL ALREADY EXISTS")
    if verb == "REPLACE" and label not in ckds:
        return answer(8, 10012, "NOT FOUND")
    problem = _key_problem(key_hex)
    if problem:
        return answer(8, 2045, problem)
    ckds[label] = key_hex.strip().upper()
    return answer(0, 0, "IMPORTED" if verb == "IMPORT" else "REPLACED")
