"""The JSON Schemas that ship with briefing: of `briefing.toml` and of `briefing.json`.

`briefing.toml.schema.json` is generated from the declarations in config.py
(`python -m briefing.schemas` writes it again; a test checks it is current).
`briefing.schema.json` is written by hand: it documents the JSON output, and
the tests validate real outputs against it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.config import toml_schema

HERE = Path(__file__).resolve().parent
TOML_SCHEMA = HERE / "briefing.toml.schema.json"
JSON_SCHEMA = HERE / "briefing.schema.json"


def load(path: Path) -> dict[str, Any]:
    """A shipped schema, parsed."""
    return json.loads(path.read_text("utf-8"))


def toml_schema_text() -> str:
    """The text `briefing.toml.schema.json` should hold."""
    return json.dumps(toml_schema(), indent=2, ensure_ascii=False) + "\n"
