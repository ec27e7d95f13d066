"""The two errors a sink raises, and how a target is shown in messages."""
from __future__ import annotations


class SinkError(Exception):
    """The target cannot be opened or written (the message says why)."""


class TargetError(ValueError):
    """TARGET is not a form this tool knows."""


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    if "://" not in url or "@" not in url:
        return url
    head, rest = url.split("://", 1)
    cred, host = rest.rsplit("@", 1)
    return f"{head}://{cred.split(':', 1)[0]}@{host}"
