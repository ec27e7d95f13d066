"""`milliard eval` (registered on the CLI app on import)."""
from __future__ import annotations

from .cli import app  # noqa: F401
