"""A stand-in for ``read_exec.extract`` in module unit tests (the real one runs the IRRXUTIL read exec).

It answers with ExtractResults built here, in the contract's shape, and
records every call, so a test can count extract processes (one per module run).
"""

from ansible_collections.mainframe.passticket.plugins.module_utils._racf.extract import (
    PRESENT,
    STATUS_FOUND,
    STATUS_NOT_FOUND,
    ExtractError,
    ExtractResult,
    ExtractUnavailable,
)
from ansible_collections.mainframe.passticket.plugins.module_utils._zos import read_exec


def raw_lines(type_, profile, segments):
    """``field=value`` lines as the read exec prints them; a key-holding field shows only that it is present."""
    lines = ["OBJECT {0} {1}".format(type_, profile or type_)]
    for segment, fields in segments.items():
        for name, value in fields.items():
            shown = " ".join(value) if isinstance(value, list) else value
            lines.append("{0}.{1}={2}".format(segment, name, shown))
    return lines


def found(type_, profile, segments):
    return ExtractResult(type_, profile, STATUS_FOUND, segments, raw_lines(type_, profile, segments))


def not_found(type_, profile):
    return ExtractResult(type_, profile, STATUS_NOT_FOUND, {}, ["OBJECT {0} {1} NOT FOUND".format(type_, profile)])


def install(monkeypatch, results=(), unavailable=False, error=None):
    """Make ``read_exec.extract`` answer ``results`` (matched by type and profile); returns the list of calls."""
    calls = []
    by_object = dict(((result.type, result.profile), result) for result in results)

    def extract(runner, requests):
        calls.append([tuple(request) for request in requests])
        if unavailable:
            raise ExtractUnavailable("IRRXUTIL cannot be called: routine not found")
        if error:
            raise ExtractError(error)
        return [by_object[(request.type, request.profile)] for request in requests]

    monkeypatch.setattr(read_exec, "extract", extract, raising=False)
    return calls


__all__ = ["PRESENT", "found", "install", "not_found", "raw_lines"]
