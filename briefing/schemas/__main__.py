"""`python -m briefing.schemas`: write briefing.toml.schema.json again from config.py."""

from briefing.schemas import TOML_SCHEMA, toml_schema_text

TOML_SCHEMA.write_text(toml_schema_text(), "utf-8")
print(f"wrote {TOML_SCHEMA}")
