# -*- coding: utf-8 -*-
# Copyright: contributors to the mainframe.passticket collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: passticket
author: mainframe.passticket maintainers (@mainframe-passticket)
version_added: 0.1.0
short_description: Generate RACF PassTickets, one-time passwords for signing on to z/OS
description:
  - Returns one RACF PassTicket per term (a RACF user ID) for the application O(appl), computed on the controller
    from the key shared with RACF, bit-exact with RACF's legacy (DES) or enhanced (HMAC-SHA-512) algorithm.
  - A PassTicket is valid once (unless the PTKTDATA profile allows replay) and only near the time it was generated
    for, ±10 minutes for legacy tickets and ±C(TIMEOUT) seconds (RACF default 60) for enhanced ones. Use it at once.
  - Two tickets for the same user, application and key in the same second are identical. With replay protection
    (the RACF default) RACF rejects the second use, so a play that opens several connections needs one ticket per
    second; set O(distinct=true) to get that guarantee.
  - The key is a secret. Keep it in Ansible Vault or an AWX credential (see the examples); this plugin never puts
    it in an error message. The returned tickets are passwords, so use C(no_log) on tasks that show them.
requirements:
  - The Python library C(cryptography) on the controller for O(algorithm=legacy) (DES).
    Enhanced tickets need only the standard library.
options:
  _terms:
    description:
      - "RACF user IDs, 1 to 8 characters C(A-Z 0-9 # @ $), not starting with a digit; lower case is upper-cased."
    required: true
    type: list
    elements: str
  appl:
    description:
      - The application name, the PTKTDATA profile's application part (for example C(IOSHMCSM) for the CSM
        HyperSwap socket server, C(TSO)+SMF ID for TSO, C(OMVSAPPL) for z/OS UNIX).
    required: true
    type: str
    env:
      - name: PASSTICKET_APPL
    vars:
      - name: passticket_appl
  key:
    description:
      - The secret key shared with RACF, in hexadecimal.
      - For O(algorithm=enhanced) the ICSF HMAC key of the C(EPTKEYLABEL), 32 to 256 bytes (64 to 512 hex digits).
      - For O(algorithm=legacy) the 8-byte DES key of C(KEYMASKED) / C(KEYENCRYPTED), exactly 16 hex digits.
      - Surrounding white space is ignored (a key read from a file may end with a newline).
      - This option is a secret. Give it from Ansible Vault, an AWX credential or the environment, never in clear
        text in a play. The plugin never puts it in a result, a warning or an error message.
    required: true
    type: str
    env:
      - name: PASSTICKET_KEY
    vars:
      - name: passticket_key
  algorithm:
    description: The PassTicket algorithm the PTKTDATA profile uses.
    type: str
    default: enhanced
    choices: [enhanced, legacy]
    env:
      - name: PASSTICKET_ALGORITHM
    ini:
      - section: passticket_lookup
        key: algorithm
    vars:
      - name: passticket_algorithm
  type:
    description:
      - The C(SSIGNON TYPE) of the profile, enhanced tickets only (ignored for legacy tickets, which are always
        upper case). RACF's default is C(MIXED).
    type: str
    default: mixed
    choices: [mixed, upper]
    env:
      - name: PASSTICKET_TYPE
    ini:
      - section: passticket_lookup
        key: type
    vars:
      - name: passticket_type
  time:
    description:
      - The UTC time, in seconds since 1970-01-01, to generate the tickets for. Default the controller's clock
        plus O(clock_offset).
      - When set, O(clock_offset) is ignored and O(distinct) must be false.
    type: int
  clock_offset:
    description:
      - Seconds added to the controller's clock, to correct a known difference to the z/OS clock (z/OS time minus
        controller time, as reported in C(clock_difference) by M(mainframe.passticket.passticket_info)).
    type: int
    default: 0
    env:
      - name: PASSTICKET_CLOCK_OFFSET
    ini:
      - section: passticket_lookup
        key: clock_offset
    vars:
      - name: passticket_clock_offset
  distinct:
    description:
      - Guarantee that this ticket differs from every other ticket generated with O(distinct=true) for the same
        user and application on this controller by the same operating system user, across tasks, forks and
        concurrent runs. If a ticket was already generated for the current second, it waits for the next second.
      - The seconds used are recorded (user ID, application name and time only, nothing derived from the key) in
        O(distinct_state_file), under an exclusive file lock, for 10 minutes.
      - This does not coordinate with other controllers or other PassTicket generators (such as CSM itself).
    type: bool
    default: false
    env:
      - name: PASSTICKET_DISTINCT
    ini:
      - section: passticket_lookup
        key: distinct
    vars:
      - name: passticket_distinct
  distinct_state_file:
    description: The file that records the seconds used by O(distinct=true). Its directory is created if needed.
    type: path
    default: ~/.ansible/passticket_distinct.json
    env:
      - name: PASSTICKET_DISTINCT_STATE_FILE
    ini:
      - section: passticket_lookup
        key: distinct_state_file
notes:
  - The enhanced algorithm encodes the time in the ticket; to diagnose C(PassTicket expired) failures compare
    P(mainframe.passticket.passticket_time#filter) of a ticket with the z/OS clock.
seealso:
  - plugin: mainframe.passticket.passticket_time
    plugin_type: filter
  - plugin: mainframe.passticket.valid_passticket
    plugin_type: test
"""

EXAMPLES = r"""
- name: Sign on to a z/OS service with an enhanced PassTicket (key from Ansible Vault)
  # group_vars/zos/vault.yml, encrypted with ansible-vault:
  #   passticket_key: "00010203...3f"
  ansible.builtin.uri:
    url: https://zos.example.com:10443/zosmf/info
    url_username: HOSTUSR
    url_password: "{{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IZUDFLT') }}"
    force_basic_auth: true
  no_log: true

- name: The calibration ticket of the specification (TYPE(UPPER), fixed time)
  ansible.builtin.debug:
    msg: "{{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=key_hex, type='upper', time=1700000000) }}"

- name: Legacy (DES) PassTicket, 16 hex digit key from an AWX credential that injects PASSTICKET_KEY
  ansible.builtin.set_fact:
    tso_password: "{{ lookup('mainframe.passticket.passticket', 'IBMUSER', appl='TSOPLEX1', algorithm='legacy') }}"
  no_log: true

- name: Several connections in one play, each with its own ticket
  ansible.builtin.set_fact:
    tickets: "{{ query('mainframe.passticket.passticket', 'HOSTUSR', 'HOSTUSR', appl='IOSHMCSM', distinct=true) }}"
  no_log: true
"""

RETURN = r"""
_raw:
  description: One 8-character PassTicket per term, in the order of the terms.
  type: list
  elements: str
"""

import errno
import fcntl
import json
import os
import time

from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.mainframe.passticket.plugins.plugin_utils._passticket import (
    PassTicketError,
    PassTicketGenerator,
)

REPLAY_MEMORY_SECONDS = 600  # the longest validity window RACF uses
display = Display()


class SecondReservations:
    """The seconds already used for tickets, per user and application, shared through a locked file.

    The file holds ``{"USER APPL": [epoch seconds, ...]}``. Anything else (not
    JSON, or JSON of another shape) is treated as unreadable: it is reset under
    the lock, with a warning, which only costs the guarantee for the tickets
    recorded in it.
    """

    def __init__(self, path, clock=None, sleep=None, warn=None):
        self.path = path
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep
        self.warn = warn or (lambda message: None)

    def reserve(self, user, appl, offset):
        """The current second (controller clock + offset) once it is unused for user/appl; record it."""
        directory = os.path.dirname(self.path)
        if directory:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        with open(self.path, "a+") as state_file:
            fcntl.flock(state_file, fcntl.LOCK_EX)
            try:
                state_file.seek(0)
                state = self._load(state_file.read())
                name = "%s %s" % (user, appl)
                when = int(self.clock()) + offset
                used = set(state.get(name, ()))
                while when in used:
                    self.sleep(max(0.0, (when + 1 - offset) - self.clock()))
                    when = int(self.clock()) + offset
                used.add(when)
                state[name] = sorted(s for s in used if abs(s - when) <= REPLAY_MEMORY_SECONDS)
                state_file.seek(0)
                state_file.truncate()
                json.dump(state, state_file)
                state_file.flush()
            finally:
                fcntl.flock(state_file, fcntl.LOCK_UN)
        return when

    def _load(self, text):
        if not text.strip():
            return {}
        try:
            state = json.loads(text)
        except ValueError:
            state = None
        if not self._well_formed(state):
            self.warn("passticket: the distinct state file %s was unreadable or of an unexpected shape; it is reset "
                      "(tickets generated before may repeat once within 10 minutes)" % self.path)
            return {}
        return state

    @staticmethod
    def _well_formed(state):
        """``{"USER APPL": [int, ...]}`` and nothing else."""
        if not isinstance(state, dict):
            return False
        for name, seconds in state.items():
            if not isinstance(name, str) or not isinstance(seconds, list):
                return False
            if not all(isinstance(second, int) and not isinstance(second, bool) for second in seconds):
                return False
        return True


# the variables that can hold the key (the option's vars: in DOCUMENTATION)
KEY_VARIABLES = ("passticket_key",)
_KEY_TYPES = (str, bytes, bytearray)
# a window of this many characters of a key found in an error text means the text shows key material
_KEY_WINDOW = 6


def _key_candidates(variables, kwargs):
    """The values that may hold the key: the ``key`` argument and the key variables."""
    candidates = []
    if "key" in kwargs:
        candidates.append(kwargs["key"])
    for name in KEY_VARIABLES:
        if variables and name in variables:
            candidates.append(variables[name])
    if os.environ.get("PASSTICKET_KEY"):
        candidates.append(os.environ["PASSTICKET_KEY"])
    return candidates


def _is_text(value):
    """A str, bytes or a vaulted value (which Ansible passes as a str-like object)."""
    return isinstance(value, _KEY_TYPES) or value.__class__.__name__ in ("AnsibleVaultEncryptedUnicode", "EncryptedString")


def _shows_key(text, candidates):
    """Whether ``text`` holds any stretch of the key material in ``candidates``, whatever their shape."""
    pieces = []

    def collect(value):
        if isinstance(value, dict):
            for item in value.items():
                collect(item[0])
                collect(item[1])
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                collect(item)
        elif value is not None and not isinstance(value, bool):
            try:
                pieces.append(to_text(value, errors="surrogate_or_replace"))
            except Exception:  # pylint: disable=broad-except
                pieces.append(repr(value))

    for candidate in candidates:
        collect(candidate)
    folded = text.lower()
    for piece in pieces:
        piece = piece.strip().lower()
        for start in range(0, max(len(piece) - _KEY_WINDOW + 1, 0)):
            if piece[start:start + _KEY_WINDOW] in folded:
                return True
    return False


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        candidates = _key_candidates(variables, kwargs)
        for candidate in candidates:
            if candidate is not None and not _is_text(candidate):
                # Ansible's own type check would print the value: say only what the key must be
                raise AnsibleLookupError("passticket: the key must be a string of hex digits, got {0}".format(
                    type(candidate).__name__))
        try:
            self.set_options(var_options=variables, direct=kwargs)
        except Exception as error:  # pylint: disable=broad-except
            message = to_text(error)
            if _shows_key(message, candidates):
                message = "an option value is invalid (the message is withheld because it showed key material)"
            raise AnsibleLookupError("passticket: {0}".format(message)) from None
        appl = self.get_option("appl")
        key = to_text(self.get_option("key"))  # plain text, also from a vaulted value
        algorithm, ptype = self.get_option("algorithm"), self.get_option("type")
        fixed_time, offset = self.get_option("time"), self.get_option("clock_offset")
        distinct = self.get_option("distinct")
        if fixed_time is not None and distinct:
            raise AnsibleLookupError("passticket: 'distinct' waits for an unused second of the clock; it cannot be combined with 'time'")
        reservations = SecondReservations(self.get_option("distinct_state_file"), warn=display.warning) if distinct else None
        tickets = []
        try:
            for user in terms:
                generator = PassTicketGenerator(user, appl, key, algorithm, ptype)
                if reservations is not None:
                    when = reservations.reserve(generator.user, generator.appl, offset)
                elif fixed_time is not None:
                    when = fixed_time
                else:
                    when = int(time.time()) + offset
                tickets.append(generator.generate(when))
        except PassTicketError as error:
            raise AnsibleLookupError("passticket: %s" % error) from None
        except (IOError, OSError) as error:
            raise AnsibleLookupError("passticket: cannot use the distinct state file %s: %s" % (
                self.get_option("distinct_state_file"), os.strerror(error.errno or errno.EIO))) from None
        return tickets
