"""The logging filter that keeps personal data out of the logs."""

from __future__ import annotations

import io
import logging

import pytest

from frontdoor.core.logging import RefuseObjectsFilter

MARKER = "[arguments withheld: only ids and static names may be logged]"


class ChildLike:
    """Stands in for a model instance whose text would name a child."""

    def __str__(self) -> str:
        return "Amelia Testperson, born 17/05/2015"

    __repr__ = __str__


def record(msg, *args) -> logging.LogRecord:
    return logging.LogRecord("frontdoor.test", logging.INFO, __file__, 1, msg, args or None, None)


def filtered(rec: logging.LogRecord) -> logging.LogRecord:
    assert RefuseObjectsFilter().filter(rec) is True  # the event itself is never dropped
    return rec


def test_a_dict_argument_is_withheld() -> None:
    rec = filtered(record("person.viewed %(name)s", {"name": "Amelia Testperson"}))
    assert rec.args == ()
    assert rec.getMessage() == f"person.viewed %(name)s {MARKER}"
    assert "Amelia" not in rec.getMessage()


@pytest.mark.parametrize(
    "arg",
    [ChildLike(), ["Amelia"], ("Amelia",), {"Amelia"}, b"Amelia"],
    ids=["object", "list", "tuple", "set", "bytes"],
)
def test_an_argument_that_is_not_a_plain_value_is_withheld(arg) -> None:
    rec = filtered(record("person.viewed id=%s person=%s", 42, arg))
    assert rec.args == ()
    assert rec.getMessage() == f"person.viewed id=%s person=%s {MARKER}"
    assert "Amelia" not in rec.getMessage()


def test_ids_and_static_names_pass_through_unchanged() -> None:
    rec = filtered(record("clock.breached clock=%s escalation=%s rule=%s late=%s", 12, 34, "mash.red", True))
    assert rec.args == (12, 34, "mash.red", True)
    assert rec.msg == "clock.breached clock=%s escalation=%s rule=%s late=%s"
    assert rec.getMessage() == "clock.breached clock=12 escalation=34 rule=mash.red late=True"


def test_a_message_without_arguments_passes_unchanged() -> None:
    rec = filtered(record("worker.started"))
    assert rec.getMessage() == "worker.started"


def test_the_configured_console_handler_applies_the_filter() -> None:
    """Through the LOGGING setting: what actually reaches the console."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RefuseObjectsFilter) for f in h.filters) and isinstance(h, logging.StreamHandler)
    ]
    assert handlers, "no root handler carries RefuseObjectsFilter"
    handler = handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        log = logging.getLogger("frontdoor.test.console")
        log.warning("person.viewed person=%s", ChildLike())
        log.warning("clock.breached clock=%s", 7)
    finally:
        handler.setStream(previous)
    output = stream.getvalue()
    assert "Amelia" not in output
    assert f"person.viewed person=%s {MARKER}" in output
    assert "clock.breached clock=7" in output


@pytest.mark.parametrize("msg", [{"name": "Amelia Testperson"}, ChildLike()], ids=["dict", "object"])
def test_a_dict_or_object_logged_as_the_message_is_withheld(msg) -> None:
    rec = filtered(record(msg))
    assert "Amelia" not in rec.getMessage()
