"""No error path shows key material, whatever the type or shape of the value given as a key.

Every option that holds a secret: the lookup's ``key`` (argument, variable and
environment), the ``key`` of the passticket_time filter and of the
valid_passticket test, ``icsf_hmac_key``'s ``key`` and ``ptktdata_profile``'s
``legacy_key``. Each gets strings that are not keys, lists, dicts, tuples,
numbers and bytes-like values built from a real key; the error must say what
is wrong without any stretch of the key.
"""

import json

import pytest
import yaml
from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.common import warnings as module_warnings

from ansible_collections.mainframe.passticket.plugins.filter.passticket import passticket_time
from ansible_collections.mainframe.passticket.plugins.lookup import passticket as lookup_plugin
from ansible_collections.mainframe.passticket.plugins.modules import icsf_hmac_key, ptktdata_profile
from ansible_collections.mainframe.passticket.plugins.test.passticket import valid_passticket
from module_harness import run_module

KEY = "0B30557A9FC4E90E5D7C21A8B4F36E19" * 4  # 64 bytes
LEGACY_KEY = "0B30557A9FC4E90E"
WINDOW = 6


def shapes(key):
    """The key in every shape a playbook can produce by mistake."""
    return [
        [key],
        [key.lower()],
        {"key": key},
        {key: 1},
        (key,),
        [[key]],
        {"a": [key]},
        key.encode(),
        bytearray(key.encode()),
        memoryview(key.encode()),
        int(key[:18], 16),
        float(int(key[:12], 16)),
        key + "\n",
        " " + key,
        key[:-1] + "\ufb00",
        key[:-1] + "G",
        key[:-1],
        key + "0",
        key.replace("0", "\u0660"),
    ]


def assert_no_key(text, key):
    text = str(text).lower()
    folded = key.lower()
    for start in range(len(folded) - WINDOW + 1):
        assert folded[start : start + WINDOW] not in text, "key material {0!r} in {1!r}".format(
            folded[start : start + WINDOW], text
        )
    decimal = str(int(key[:18], 16))
    assert decimal[:WINDOW] not in text


@pytest.fixture
def lookup(tmp_path, monkeypatch):
    for variable in (
        "PASSTICKET_APPL",
        "PASSTICKET_KEY",
        "PASSTICKET_ALGORITHM",
        "PASSTICKET_TYPE",
        "PASSTICKET_DISTINCT",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PASSTICKET_DISTINCT_STATE_FILE", str(tmp_path / "distinct.json"))
    name = "mainframe.passticket.passticket"
    C.config.initialize_plugin_configuration_definitions(
        "lookup", name, yaml.safe_load(lookup_plugin.DOCUMENTATION)["options"]
    )
    module = lookup_plugin.LookupModule()
    module._load_name = name  # pylint: disable=protected-access
    return module


@pytest.mark.parametrize("algorithm, key", [("enhanced", KEY), ("legacy", LEGACY_KEY)])
@pytest.mark.parametrize("source", ["argument", "variable", "environment"])
def test_lookup_key_in_any_shape(lookup, monkeypatch, algorithm, key, source):
    for shape in shapes(key):
        if source == "environment" and not isinstance(shape, str):
            continue  # the environment holds only text
        kwargs = {"appl": "IOSHMCSM", "algorithm": algorithm, "time": 1700000000}
        variables = {}
        if source == "argument":
            kwargs["key"] = shape
        elif source == "variable":
            variables["passticket_key"] = shape
        else:
            monkeypatch.setenv("PASSTICKET_KEY", shape)
        try:
            lookup.run(["HOSTUSR"], variables, **kwargs)
        except AnsibleError as error:
            assert_no_key(error, key)
            assert_no_key(repr(error), key)
        else:
            # only shapes that are the key itself (bytes of it, surrounding blanks) may work
            assert isinstance(shape, (bytes, bytearray, memoryview)) or shape.strip() == key, repr(shape)


@pytest.mark.parametrize(
    "function",
    [
        lambda key: passticket_time("ABCDEFGH", "HOSTUSR", "IOSHMCSM", key, "upper"),
        lambda key: valid_passticket("ABCDEFGH", "HOSTUSR", "IOSHMCSM", key, "upper", now=1700000000),
        lambda key: valid_passticket("ABCDEFGH", "HOSTUSR", "IOSHMCSM", key, "upper", "legacy", now=1700000000),
    ],
)
def test_filter_and_test_key_in_any_shape(function):
    for key in (KEY, LEGACY_KEY):
        for shape in shapes(key):
            try:
                function(shape)
            except AnsibleError as error:
                assert_no_key(error, key)
                assert_no_key(repr(error), key)


class NoHost:
    """A host that must not be asked anything: the key is refused before any command."""

    def __call__(self, argv, data=None):
        raise AssertionError("a command was started: {0}".format(argv[0]))


@pytest.mark.parametrize(
    "module, args, option, key",
    [
        (icsf_hmac_key, {"label": "USRLCL.CKDS.CSM", "state": "present"}, "key", KEY),
        (ptktdata_profile, {"name": "TSOAPPL"}, "legacy_key", LEGACY_KEY),
    ],
)
def test_module_secret_option_in_any_shape(monkeypatch, module, args, option, key):
    monkeypatch.setenv("PASSTICKET_ICSF_EXEC", "/site/bin/icsfhmac")
    for shape in shapes(key):
        if isinstance(shape, (bytes, bytearray, memoryview)):
            shape = shape.decode() if isinstance(shape, (bytes, bytearray)) else shape.tobytes().decode()
            shape = shape + "\n"  # as module arguments travel (JSON): text; with a newline it is no key
        if isinstance(shape, float) or (isinstance(shape, str) and shape.strip() == key and shape == key):
            continue
        outcome = run_module(module, dict(args, **{option: shape}), NoHost(), monkeypatch=monkeypatch)
        assert outcome.failed, repr(shape)
        text = json.dumps(outcome.result, default=repr) + " ".join(outcome.warnings)
        text += " ".join(str(w) for w in module_warnings.get_warning_messages())
        assert_no_key(text, key)
