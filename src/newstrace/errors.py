"""Exceptions and the ``Skip`` signal used across newstrace."""

from __future__ import annotations


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class ConfigError(NewstraceError):
    """A setting has an invalid value; the message names the key and the valid values."""


class InputError(NewstraceError):
    """An input could not be read (malformed JSON line, undecodable or truncated file).

    ``source`` names the file and line (``corpus.jsonl:12``) so the message can point at it.
    """

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class Skip(NewstraceError):
    """An article skipped by policy (empty, too large, not English...).

    Raised by a stage, caught by the pipeline runner, counted as ``skipped.<stage>.<reason>`` and
    turned into an output line with ``"skipped": reason``; never a silent ``return None``.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class StoreError(NewstraceError):
    """The store could not be opened, migrated or written."""


def invalid_value_msg(key: str, value: object, valid: object) -> str:
    """A uniform message for a bad option value, listing what is accepted (cf. textacy.errors)."""
    return f"invalid value {value!r} for {key!r}; expected one of: {valid}"
