"""`milliard schema`: the JSON Schema of one output object."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from milliard.cli.base import app


@app.command()
def schema(output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout.")):
    """Print the JSON Schema of one output object (records, mentions, warnings)."""
    import json

    from milliard.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
