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
  - It reads the same inventory variables as the role P(mainframe.passticket.passticket_setup#role), namely
    C(passticket_setup_key), C(passticket_setup_application), C(passticket_setup_type) and, when no term is
    given, C(passticket_setup_user). One AWX credential that injects C(passticket_setup_key) serves both.
  - A PassTicket is valid once (unless the PTKTDATA profile allows replay) and only near the time it was generated
    for, ±10 minutes for legacy tickets and ±C(TIMEOUT) seconds (RACF default 60) for enhanced ones. Use it at once.
  - Two tickets for the same user, application and key in the same second are identical. With replay protection
    (the RACF default) RACF rejects the second use, so a play that opens several connections needs one ticket per
    second; set O(distinct=true) to get that guarantee.
  - The key is a secret. Keep it in Ansible Vault or an AWX credential (see the examples); this plugin never puts
    it in an error message. The returned tickets are passwords, so use C(no_log) on tasks that show them.
  - The key is parsed and prepared once per call (the keyed HMAC state or the DES context), whatever the number
    of terms.
requirements:
  - The Python library C(cryptography) on the controller for O(algorithm=legacy) (DES).
    Enhanced tickets need only the standard library.
options:
  _terms:
    description:
      - "RACF user IDs, 1 to 8 characters C(A-Z 0-9 # @ $), not starting with a digit; lower case is upper-cased."
      - Without terms, one ticket for O(user).
    required: false
    type: list
    elements: str
  user:
    description:
      - The RACF user ID of the one ticket to generate when no term is given, by default the role's
        C(passticket_setup_user) (the PassTicket user, C(HOSTUSR) in IBM's CSM procedure).
      - Used only when no term is given. Giving O(user) directly together with terms is an error.
    type: str
    vars:
      - name: passticket_setup_user
        version_added: 0.3.0
    version_added: 0.3.0
  appl:
    description:
      - The application name, the PTKTDATA profile's application part (for example C(IOSHMCSM) for the CSM
        HyperSwap socket server, C(TSO)+SMF ID for TSO, C(OMVSAPPL) for z/OS UNIX).
      - The variable C(passticket_setup_application) is the one the role reads. The variable C(passticket_appl)
        still works but is deprecated (a deprecation warning says so) and will be removed in 1.0.0.
    required: true
    type: str
    env:
      - name: PASSTICKET_APPL
    vars:
      - name: passticket_appl
      - name: passticket_setup_application
        version_added: 0.3.0
  key:
    description:
      - The secret key shared with RACF, in hexadecimal.
      - For O(algorithm=enhanced) the ICSF HMAC key of the C(EPTKEYLABEL), 32 to 256 bytes (64 to 512 hex digits).
      - For O(algorithm=legacy) the 8-byte DES key of C(KEYMASKED) / C(KEYENCRYPTED), exactly 16 hex digits
        (the role's C(passticket_setup_legacy_key); give it as O(key), since C(passticket_setup_key) is the
        enhanced key).
      - Surrounding white space is ignored (a key read from a file may end with a newline).
      - This option is a secret. Give it from Ansible Vault (an C(encrypt_string) value or a vaulted file), an AWX
        credential or the environment, never in clear text in a play. The plugin never puts it in a result, a
        warning or an error message.
      - The variable C(passticket_setup_key) is the one the role reads and the AWX credential type of the
        collection injects. The variable C(passticket_key) still works but is deprecated (a deprecation warning
        says so) and will be removed in 1.0.0.
    required: true
    type: str
    env:
      - name: PASSTICKET_KEY
    vars:
      - name: passticket_key
      - name: passticket_setup_key
        version_added: 0.3.0
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
        upper case).
      - When neither this option nor a variable, the environment or C(ansible.cfg) gives a type, the lookup
        refuses an enhanced ticket for application C(IOSHMCSM), because Copy Services Manager supports only
        C(UPPER) and a C(MIXED) ticket would be rejected and count as a failed sign-on toward revoking the user.
        For every other application it uses RACF's default, C(mixed).
      - The variable C(passticket_setup_type) is the one the role reads (the role's default is C(upper)). The
        variable C(passticket_type) still works but is deprecated (a deprecation warning says so) and will be
        removed in 1.0.0.
      - Before 0.3.0 the default was C(mixed) for every application.
    type: str
    choices: [mixed, upper]
    env:
      - name: PASSTICKET_TYPE
    ini:
      - section: passticket_lookup
        key: type
    vars:
      - name: passticket_type
      - name: passticket_setup_type
        version_added: 0.3.0
  time:
    description:
      - The UTC time, in seconds since 1970-01-01, to generate the tickets for. Default the controller's clock
        (read once per call) plus O(clock_offset).
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
        user and application on this controller by the same operating system user, across terms, tasks, forks
        and concurrent runs. Each ticket gets a second no other such ticket was generated for; a call that needs
        seconds after the current one waits until the last of them has begun, so that no ticket is for a future
        second.
      - The seconds used are recorded (user ID, application name and time only, nothing derived from the key) in
        O(distinct_state_file) for 10 minutes. A call reserves all the seconds it needs under one exclusive file
        lock and writes the file once.
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
  - Option values from variables are templated, so a C(passticket_setup_key) defined as C({{ vault_csm_key }}) works.
seealso:
  - plugin: mainframe.passticket.passticket_time
    plugin_type: filter
  - plugin: mainframe.passticket.valid_passticket
    plugin_type: test
  - module: mainframe.passticket.passticket_info
"""

EXAMPLES = r"""
- name: Sign on to a z/OS service with an enhanced PassTicket (key from Ansible Vault)
  # group_vars/zos/vault.yml (ansible-vault encrypt_string --stdin-name passticket_setup_key):
  #   passticket_setup_key: !vault |
  #     $ANSIBLE_VAULT;1.1;AES256
  #     ...
  ansible.builtin.uri:
    url: https://zos.example.com:10443/zosmf/info
    url_username: HOSTUSR
    url_password: "{{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IZUDFLT') }}"
    force_basic_auth: true
  no_log: true

- name: The ticket of the role's own user and application (passticket_setup_user, _application, _type, _key)
  ansible.builtin.set_fact:
    csm_password: "{{ lookup('mainframe.passticket.passticket') }}"
  no_log: true

- name: The calibration ticket of the specification (TYPE(UPPER), fixed time)
  ansible.builtin.debug:
    msg: "{{ lookup('mainframe.passticket.passticket', 'HOSTUSR', appl='IOSHMCSM', key=key_hex, type='upper', time=1700000000) }}"

- name: Legacy (DES) PassTicket from the role's legacy key
  ansible.builtin.set_fact:
    tso_password: "{{ lookup('mainframe.passticket.passticket', 'IBMUSER', appl='TSOPLEX1', algorithm='legacy',
                      key=passticket_setup_legacy_key) }}"
  no_log: true

- name: Several connections in one play, each with its own ticket
  ansible.builtin.set_fact:
    tickets: "{{ query('mainframe.passticket.passticket', 'HOSTUSR', 'HOSTUSR', appl='IOSHMCSM', type='upper', distinct=true) }}"
  no_log: true
"""

RETURN = r"""
_raw:
  description: One 8-character PassTicket per term (or one for O(user) without terms), in the order of the terms.
  type: list
  elements: str
"""

import errno
import fcntl
import json
import os
import time

from ansible import constants as C
from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.mainframe.passticket.plugins.plugin_utils._passticket import (
    ENHANCED,
    MIXED,
    PassTicketError,
    PassTicketKey,
    normalize_name,
)

REPLAY_MEMORY_SECONDS = 600  # the longest validity window RACF uses
# Copy Services Manager's HyperSwap application: it supports TYPE(UPPER) only
CSM_APPLICATION = "IOSHMCSM"
# The variables of 0.2.0 and the names that replace them (the role's): old name -> (option, new name).
# Both are vars: entries of the option in DOCUMENTATION, the old one first, so that the new one wins.
DEPRECATED_VARIABLES = {
    "passticket_key": ("key", "passticket_setup_key"),
    "passticket_appl": ("appl", "passticket_setup_application"),
    "passticket_type": ("type", "passticket_setup_type"),
}
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

    def reserve(self, users, appl, offset):
        """One second per entry of ``users`` (normalized user IDs, repeats allowed), each unused for user/appl.

        Under one exclusive lock: read the file, give every ticket the first
        second from now (controller clock + offset) on that its user has not
        used, record them all and write the file once. Then, outside the lock,
        wait until the last of them has begun. Returns the seconds, in the
        order of ``users``.
        """
        directory = os.path.dirname(self.path)
        if directory:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        with open(self.path, "a+") as state_file:
            fcntl.flock(state_file, fcntl.LOCK_EX)
            try:
                state_file.seek(0)
                state = self._load(state_file.read())
                now = int(self.clock()) + offset
                used, seconds = {}, []
                for user in users:
                    name = "%s %s" % (user, appl)
                    if name not in used:
                        used[name] = set(s for s in state.get(name, ()) if abs(s - now) <= REPLAY_MEMORY_SECONDS)
                    when = now
                    while when in used[name]:
                        when += 1
                    used[name].add(when)
                    seconds.append(when)
                for name, taken in used.items():
                    state[name] = sorted(taken)
                state_file.seek(0)
                state_file.truncate()
                json.dump(state, state_file)
                state_file.flush()
            finally:
                fcntl.flock(state_file, fcntl.LOCK_UN)
        last = max(seconds, default=None)
        while last is not None and self.clock() < last - offset:
            self.sleep(last - offset - self.clock())
        return seconds

    def _load(self, text):
        if not text.strip():
            return {}
        try:
            state = json.loads(text)
        except ValueError:
            state = None
        if not self._well_formed(state):
            self.warn(
                "passticket: the distinct state file %s was unreadable or of an unexpected shape; it is reset "
                "(tickets generated before may repeat once within 10 minutes)" % self.path
            )
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


_KEY_TYPES = (str, bytes, bytearray)
# a window of this many characters of a key found in an error text means the text shows key material
_KEY_WINDOW = 6


def _key_variable_names():
    """The variables that can hold the key: the vars: of the key option, and the deprecated name."""
    return [old for old, (option, _new) in DEPRECATED_VARIABLES.items() if option == "key"] + [
        new for _old, (option, new) in DEPRECATED_VARIABLES.items() if option == "key"
    ]


def _key_candidates(variables, kwargs):
    """The values that may hold the key: the ``key`` argument, the key variables (as given and templated)."""
    candidates = []
    if "key" in kwargs:
        candidates.append(kwargs["key"])
    for name in _key_variable_names():
        if variables and name in variables:
            candidates.append(variables[name])
    if os.environ.get("PASSTICKET_KEY"):
        candidates.append(os.environ["PASSTICKET_KEY"])
    return candidates


def _is_text(value):
    """A str, bytes or a vaulted value (which Ansible passes as a str-like object)."""
    return isinstance(value, _KEY_TYPES) or value.__class__.__name__ in (
        "AnsibleVaultEncryptedUnicode",
        "EncryptedString",
    )


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
            if piece[start : start + _KEY_WINDOW] in folded:
                return True
    return False


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        candidates = _key_candidates(variables, kwargs)
        try:
            option_variables = self._option_variables(variables)
        except Exception as error:  # pylint: disable=broad-except
            raise AnsibleLookupError(self._safe_message(error, candidates)) from None
        candidates += _key_candidates(option_variables, {})
        for candidate in candidates:
            if candidate is not None and not _is_text(candidate):
                # Ansible's own type check would print the value: say only what the key must be
                raise AnsibleLookupError(
                    "passticket: the key must be a string of hex digits, got {0}".format(type(candidate).__name__)
                )
        try:
            self.set_options(var_options=option_variables, direct=kwargs)
        except Exception as error:  # pylint: disable=broad-except
            raise AnsibleLookupError(self._safe_message(error, candidates)) from None
        self._warn_deprecated_variables(option_variables, kwargs)
        users = list(terms)
        if not users:
            if self.get_option("user") is None:
                raise AnsibleLookupError(
                    "passticket: no user ID: give one or more as terms, or set the variable "
                    "passticket_setup_user (or the option user)"
                )
            users = [self.get_option("user")]
        elif kwargs.get("user") is not None:
            raise AnsibleLookupError("passticket: give the user IDs either as terms or as the option user, not both")
        algorithm = self.get_option("algorithm")
        fixed_time, offset = self.get_option("time"), self.get_option("clock_offset")
        distinct = self.get_option("distinct")
        if fixed_time is not None and distinct:
            raise AnsibleLookupError(
                "passticket: 'distinct' waits for an unused second of the clock; it cannot be combined with 'time'"
            )
        try:
            appl = normalize_name(self.get_option("appl"), "application name")
            key = PassTicketKey(to_text(self.get_option("key")), algorithm)  # plain text, also from a vaulted value
            ptype = self._ticket_type(algorithm, appl)
            if distinct:
                names = [normalize_name(user, "user ID") for user in users]
                reservations = SecondReservations(self.get_option("distinct_state_file"), warn=display.warning)
                when = reservations.reserve(names, appl, offset)
            else:
                when = fixed_time if fixed_time is not None else int(time.time()) + offset
            return key.tickets(users, appl, when, ptype)
        except PassTicketError as error:
            raise AnsibleLookupError("passticket: %s" % error) from None
        except (IOError, OSError) as error:
            raise AnsibleLookupError(
                "passticket: cannot use the distinct state file %s: %s"
                % (self.get_option("distinct_state_file"), os.strerror(error.errno or errno.EIO))
            ) from None

    def _ticket_type(self, algorithm, appl):
        """The TYPE given, else RACF's default MIXED -- but never a guess for CSM, which supports only UPPER."""
        ptype = self.get_option("type")
        if ptype is not None or algorithm != ENHANCED:
            return ptype or MIXED
        if appl == CSM_APPLICATION:
            raise AnsibleLookupError(
                "passticket: no type is given for an enhanced PassTicket for application %s. Copy Services Manager "
                "supports only TYPE(UPPER): a MIXED ticket would be rejected, and each rejection counts toward "
                "revoking the user. Set type='upper' (or the variable passticket_setup_type, as the role does)." % appl
            )
        return MIXED

    def _option_variables(self, variables):
        """The variables the options read (their vars: entries), templated as a task's arguments would be.

        Ansible hands a lookup the variables as they were defined, so that
        ``passticket_setup_key: "{{ vault_csm_key }}"`` would otherwise reach
        the option as the text of the template.
        """
        if not variables:
            return {}
        definitions = C.config.get_configuration_definitions("lookup", self._load_name) or {}
        names = set(entry["name"] for definition in definitions.values() for entry in definition.get("vars") or ())
        values = {}
        for name in names:
            if name in variables and variables[name] is not None:
                value = variables[name]
                values[name] = self._templar.template(value) if self._templar is not None else value
        return values

    @staticmethod
    def _warn_deprecated_variables(option_variables, kwargs):
        """A deprecation warning for each old variable whose value an option takes (no direct argument, no new name)."""
        for old, (option, new) in DEPRECATED_VARIABLES.items():
            if old in option_variables and kwargs.get(option) is None and option_variables.get(new) is None:
                display.deprecated(
                    "the variable %s of the lookup mainframe.passticket.passticket is deprecated; name it %s, as the "
                    "role mainframe.passticket.passticket_setup does" % (old, new),
                    version="1.0.0",
                    collection_name="mainframe.passticket",
                )

    @staticmethod
    def _safe_message(error, candidates):
        message = to_text(error)
        if _shows_key(message, candidates):
            message = "an option value is invalid (the message is withheld because it showed key material)"
        return "passticket: {0}".format(message)
