"""The ICSF key as a resource table (icsf_hmac_key.ICSF_KEY): each row's read of the EXISTS answer, its render, the plan."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine.table import (
    Plan,
    SecretValue,
    compare,
    defaults,
    rendered,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._resources import icsf_hmac_key
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import icsf_exec

LABEL = "USRLCL.CKDS.CSM"
KEY = bytes(range(64)).hex().upper()
KEY32 = "AB" * 32
ROWS = dict((row.name, row) for row in icsf_hmac_key.ICSF_KEY)


def answer(line):
    return icsf_exec.parse_answer([line])


def want(state="present", update="on_create", key=KEY, label=LABEL):
    return icsf_hmac_key.desired_key({"label": label, "state": state, "update": update, "key": key})


def test_the_table_has_one_row_per_field_of_the_record_and_the_key():
    assert [row.name for row in icsf_hmac_key.ICSF_KEY] == ["label", "exists", "key", "min_length", "max_length"]
    assert [row.option for row in icsf_hmac_key.ICSF_KEY] == ["label", "state", "key", None, None]
    assert [row.name for row in icsf_hmac_key.ICSF_KEY if row.secret] == ["key"]
    # ICSF never shows a key: the key row reads nothing; the record reads only the EXISTS answer
    assert ROWS["key"].extract is None
    assert all(field.segment == "EXISTS" for row in icsf_hmac_key.ICSF_KEY if row.extract for field in row.extract)
    assert [field.field for row in icsf_hmac_key.ICSF_KEY if row.extract for field in row.extract] == [
        "RC/REASON",
        "MINLENGTH",
        "MAXLENGTH",
    ]


def test_a_new_record_is_every_row_at_its_default():
    assert defaults(icsf_hmac_key.ICSF_KEY) == {
        "label": None,
        "exists": False,
        "key": None,
        "min_length": None,
        "max_length": None,
    }


@pytest.mark.parametrize(
    "line, exists, low, high",
    [
        ("RC=0 REASON=0 FOUND MINLENGTH=61 MAXLENGTH=68", True, 61, 68),
        ("RC=0 REASON=0 FOUND MINLENGTH=5 MAXLENGTH=300", True, 5, 300),  # taken as answered, not clipped
        ("RC=0 REASON=0 FOUND LENGTH UNKNOWN", True, None, None),
        ("RC=0 REASON=0 FOUND NOT AN HMAC MAC KEY", True, None, None),
        ("RC=0 REASON=8 FOUND NULL TOKEN", True, None, None),
        ("RC=4 REASON=2078 FOUND MINLENGTH=32 MAXLENGTH=32", True, 32, 32),
        ("RC=8 REASON=10012 NOT FOUND", False, None, None),
        # a window on an answer that is not "found" is no window
        ("RC=8 REASON=10012 NOT FOUND MINLENGTH=61 MAXLENGTH=68", False, None, None),
    ],
)
def test_each_row_reads_its_part_of_the_exists_answer(line, exists, low, high):
    read = answer(line)
    assert ROWS["exists"].decode_extract(read) is exists
    assert ROWS["min_length"].decode_extract(read) == low
    assert ROWS["max_length"].decode_extract(read) == high
    assert icsf_hmac_key.record_from_answer(LABEL, read) == icsf_hmac_key.key_record(
        LABEL, exists, (low, high) if low else None
    )


@pytest.mark.parametrize(
    "line",
    [
        "RC=8 REASON=16004 CSNBKRR2 FAILED",
        "RC=12 REASON=0 CSNBKRR2 COULD NOT BE CALLED",
        "RC=4 REASON=0 FOUND MINLENGTH=61 MAXLENGTH=68",
    ],
)
def test_an_answer_that_is_neither_found_nor_not_found_is_not_read_as_either(line):
    with pytest.raises(ValueError):
        ROWS["exists"].decode_extract(answer(line))
    with pytest.raises(icsf_exec.IcsfError) as error:
        icsf_hmac_key.record_from_answer(LABEL, answer(line))
    assert error.value.answer == answer(line)


@pytest.mark.parametrize(
    "row, wanted, image", [("exists", True, "IMPORT"), ("exists", False, "DELETE"), ("label", "usrlcl.ckds.csm", LABEL)]
)
def test_rows_render_the_request_words(row, wanted, image):
    assert ROWS[row].render(wanted) == image


def test_the_key_row_renders_replace_and_never_the_key():
    wanted = icsf_hmac_key.key_want(KEY.lower(), "always")
    assert ROWS["key"].render(wanted) == "REPLACE"
    assert wanted.secret == KEY and wanted.always is True
    assert KEY not in repr(wanted) and KEY.lower() not in repr(wanted)


@pytest.mark.parametrize("label", ["A B", "1BAD.LABEL", "A" * 65, "A) IMPORT(B"])
def test_the_label_row_refuses_what_could_add_a_word_to_the_request(label):
    with pytest.raises(ValueError):
        ROWS["label"].render(label)
    with pytest.raises(ValueError):
        want(label=label)


@pytest.mark.parametrize("size, window", [(32, (29, 36)), (64, (61, 68)), (256, (253, 256))])
def test_the_wanted_key_shows_the_window_exists_will_answer_for_it(size, window):
    assert icsf_hmac_key.key_want("00" * size, "on_create") == SecretValue(window, "00" * size, False)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"label": LABEL, "state": "present", "update": "on_create", "key": "00" * 31}, "64 to 512 hex digits"),
        ({"label": LABEL, "state": "present", "update": "on_create", "key": "XY" * 32}, "hex digits"),
        ({"label": LABEL, "state": "present", "update": "on_create", "key": None}, "key is required"),
        ({"label": LABEL, "state": "present", "update": "sometimes", "key": KEY}, "update must be one of"),
        ({"label": LABEL, "state": "gone", "update": "on_create", "key": KEY}, "state must be one of"),
    ],
)
def test_desired_key_validates_every_option_as_given(params, message):
    with pytest.raises(ValueError) as error:
        icsf_hmac_key.desired_key(params)
    assert message in str(error.value)
    assert "XY" * 32 not in str(error.value)


def test_absent_wants_no_record_and_ignores_the_key():
    assert icsf_hmac_key.desired_key(
        {"label": LABEL.lower(), "state": "absent", "update": "on_create", "key": "not hex"}
    ) == {"label": LABEL, "exists": False}


def test_compare_of_a_new_record_changes_exists_and_key_and_predicts_the_window():
    changes, after = compare(icsf_hmac_key.ICSF_KEY, icsf_hmac_key.key_record(LABEL, False), want())
    assert [row.name for row, _wanted in changes] == ["exists", "key"]
    assert rendered(changes) == ["IMPORT", "REPLACE"]  # the first is the request: IMPORT carries the key
    assert after == {"label": LABEL, "exists": True, "min_length": 61, "max_length": 68}


@pytest.mark.parametrize(
    "before, state, update, commands, after",
    [
        (
            icsf_hmac_key.key_record(LABEL, False),
            "present",
            "on_create",
            ["IMPORT " + LABEL],
            icsf_hmac_key.key_record(LABEL, True, (61, 68)),
        ),
        (
            icsf_hmac_key.key_record(LABEL, True, (29, 36)),
            "present",
            "on_create",
            [],
            icsf_hmac_key.key_record(LABEL, True, (29, 36)),
        ),
        (
            icsf_hmac_key.key_record(LABEL, True),
            "present",
            "always",
            ["REPLACE " + LABEL],
            icsf_hmac_key.key_record(LABEL, True, (61, 68)),
        ),
        (
            icsf_hmac_key.key_record(LABEL, True, (29, 36)),
            "absent",
            "on_create",
            ["DELETE " + LABEL],
            icsf_hmac_key.key_record(LABEL, False),
        ),
        (icsf_hmac_key.key_record(LABEL, False), "absent", "always", [], icsf_hmac_key.key_record(LABEL, False)),
    ],
)
def test_plan_key(before, state, update, commands, after):
    plan = icsf_hmac_key.plan_key(before, want(state, update))
    assert plan == Plan(before, commands, after)
    assert KEY not in repr(plan)


class FakeStore:
    """Answers requests from a script; records them."""

    def __init__(self, fail_import_with=None, record_after_race=None):
        self.fail_import_with = fail_import_with
        self.record_after_race = record_after_race
        self.requests = []

    def request(self, image, key_hex=None):
        self.requests.append((image, key_hex))
        if image.startswith("IMPORT") and self.fail_import_with:
            raise icsf_exec.IcsfError("failed", answer("RC=8 REASON={0} X".format(self.fail_import_with)))

    def exists(self, label):
        return answer(
            "RC=0 REASON=0 FOUND MINLENGTH={min_length} MAXLENGTH={max_length}".format(**self.record_after_race)
        )


def test_apply_sends_the_key_with_the_request():
    store = FakeStore()
    plan = icsf_hmac_key.plan_key(icsf_hmac_key.key_record(LABEL, False), want())
    assert icsf_hmac_key.apply_key(store, plan, want()) == plan
    assert store.requests == [("IMPORT " + LABEL, KEY)]


@pytest.mark.parametrize("update, commands", [("on_create", []), ("always", ["REPLACE " + LABEL])])
def test_apply_replans_when_the_import_finds_the_label_created_meanwhile(update, commands):
    raced = icsf_hmac_key.key_record(LABEL, True, (29, 36))
    store = FakeStore(fail_import_with=icsf_exec.REASON_LABEL_EXISTS, record_after_race=raced)
    plan = icsf_hmac_key.apply_key(
        store, icsf_hmac_key.plan_key(icsf_hmac_key.key_record(LABEL, False), want(update=update)), want(update=update)
    )
    assert plan.before == raced and plan.commands == commands
    assert [image for image, _key in store.requests] == ["IMPORT " + LABEL] + commands


def test_apply_raises_any_other_failure():
    store = FakeStore(fail_import_with=16004)
    with pytest.raises(icsf_exec.IcsfError):
        icsf_hmac_key.apply_key(store, icsf_hmac_key.plan_key(icsf_hmac_key.key_record(LABEL, False), want()), want())


@pytest.mark.parametrize(
    "before, update, key, warns",
    [
        (icsf_hmac_key.key_record(LABEL, True, (29, 36)), "on_create", KEY, True),
        (icsf_hmac_key.key_record(LABEL, True, (29, 36)), "on_create", KEY32, False),
        (icsf_hmac_key.key_record(LABEL, True, (29, 36)), "always", KEY, False),
        (icsf_hmac_key.key_record(LABEL, True), "on_create", KEY, False),
        (icsf_hmac_key.key_record(LABEL, False), "on_create", KEY, False),
    ],
)
def test_warning_when_on_create_leaves_a_key_whose_window_rules_out_the_given_one(before, update, key, warns):
    warning = icsf_hmac_key.key_differs_warning(before, want(update=update, key=key))
    assert bool(warning) is warns
    if warns:
        assert "29 to 36 bytes" in warning and "64-byte" in warning and KEY not in warning


def test_no_warning_for_absent():
    assert (
        icsf_hmac_key.key_differs_warning(icsf_hmac_key.key_record(LABEL, True, (29, 36)), want(state="absent")) is None
    )
