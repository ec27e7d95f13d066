"""The two errors a sink raises, and how a target is shown in messages."""
from __future__ import annotations

import re


class SinkError(Exception):
    """The target cannot be opened or written (the message says why)."""


class TargetError(ValueError):
    """TARGET is not a form this tool knows."""


def shown(url: str) -> str:
    """The URL without its passwords, for messages: the one of its user part
    (`user:secret@host`) and a `password=` parameter."""
    if "://" not in url:
        return url
    head, rest = url.split("://", 1)
    before_query, _, _ = rest.partition("?")
    if "@" in before_query:  # the last `@` before the query ends the user part, whatever it holds
        cred, rest = rest[:before_query.rindex("@")], rest[before_query.rindex("@") + 1:]
        rest = f"{cred.split(':', 1)[0]}@{rest}"
    return f"{head}://" + _PASSWORD.sub(r"\1***", rest)


_PASSWORD = re.compile(r"(?i)([?&]password=)[^&#]*")
