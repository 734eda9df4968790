"""The read dispatch and the compare shared by every resource."""

import pytest

from ansible_collections.mainframe.passticket.plugins.module_utils._engine import read, table
from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    ExtractError,
    ExtractRequest,
    ExtractUnavailable,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec


def source(name):
    return read.Source(
        ExtractRequest("USER", name),
        lambda result: table.Read({"from": "extract", "name": result}, {}, []),
        lambda runner: table.Read({"from": "listing", "name": name}, {}, []),
    )


def fake_extract(monkeypatch, outcome):
    calls = []

    def extract(runner, requests):
        calls.append(list(requests))
        if isinstance(outcome, Exception):
            raise outcome
        return [request.profile for request in requests]

    monkeypatch.setattr(read_exec, "extract", extract, raising=False)
    return calls


@pytest.mark.parametrize(
    "interface, outcome, expected",
    [
        ("auto", None, "extract"),
        ("irrxutil", None, "extract"),
        ("listing", None, "listing"),
        ("auto", ExtractUnavailable("routine not found"), "listing"),
    ],
)
def test_read_objects_chooses_the_interface(monkeypatch, interface, outcome, expected):
    calls = fake_extract(monkeypatch, outcome)
    reads, used = read.read_objects(None, interface, [source("A"), source("B")])
    assert [read.state["from"] for read in reads] == [expected, expected]
    assert used == {"extract": "irrxutil", "listing": "listing"}[expected]
    # all objects in one extract call, or none at all
    assert calls == ([] if interface == "listing" else [[ExtractRequest("USER", "A"), ExtractRequest("USER", "B")]])


@pytest.mark.parametrize(
    "interface, error",
    [
        ("irrxutil", ExtractUnavailable("routine not found")),
        ("auto", ExtractError("not authorized")),
        ("irrxutil", ExtractError("not authorized")),
    ],
)
def test_read_objects_never_answers_a_failed_extract_with_a_listing(monkeypatch, interface, error):
    fake_extract(monkeypatch, error)
    with pytest.raises(type(error)):
        read.read_objects(None, interface, [source("A")])


def test_an_unknown_interface_is_refused():
    with pytest.raises(ValueError, match="read_interface"):
        read.read_objects(None, "telnet", [source("A")])


def test_compare_renders_only_what_differs_in_table_order_and_predicts_after():
    rows = (table.field("b", render="B({0})".format), table.field("a", render="A({0})".format))
    changes, after = table.compare(rows, {"a": 1, "b": 2, "c": 3}, {"a": 5, "b": 2})
    assert table.rendered(changes) == ["A(5)"]
    assert after == {"a": 5, "b": 2, "c": 3}


def test_check_readable_names_field_object_and_lines():
    read = table.Read({"x": None}, {"x": "R_admin returned no X field"}, ["BASE.Y=1"])
    table.check_readable(["y"], read, "user U")
    with pytest.raises(table.UnreadableField) as error:
        table.check_readable(["x", "y"], read, "user U")
    assert str(error.value).startswith(
        "cannot read x of user U, so nothing was changed (x: R_admin returned no X field)"
    )
    assert str(error.value).endswith("BASE.Y=1")


def test_a_secret_value_never_shows_its_secret():
    value = table.SecretValue("masked", "0123456789ABCDEF", False)
    assert "0123456789ABCDEF" not in repr(value) and "0123456789ABCDEF" not in str(value)
