"""Logging that keeps personal data out: log a static event name with ids, never an object or a dict."""

from __future__ import annotations

import logging

from django.db import transaction


class RefuseObjectsFilter(logging.Filter):
    """Drop the arguments of a record that passes a dict or a model instance, which may carry personal data.

    The message itself (a static event name) still goes out, marked, so the event is not silently lost.
    """

    SAFE_TYPES = (str, int, float, bool, type(None))

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            record.msg = f"{type(record.msg).__name__} withheld: log a static event name with ids"
            record.args = ()
            return True
        args = record.args
        if isinstance(args, dict) or (
            isinstance(args, tuple) and not all(isinstance(a, self.SAFE_TYPES) for a in args)
        ):
            record.msg = f"{record.msg} [arguments withheld: only ids and static names may be logged]"
            record.args = ()
        return True


def log_after_commit(logger: logging.Logger, event: str, *args: object) -> None:
    """Log an event (a static name with ids) only once what it says has been stored: a rolled-back request logs
    nothing. Outside a transaction it logs at once."""
    transaction.on_commit(lambda: logger.info(event, *args))
