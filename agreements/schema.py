"""The JSON Schema of specs, exported for editors (yaml-language-server) and reviewers."""

from __future__ import annotations

import json
from pathlib import Path

from agreements.spec import PartnershipSpec

SCHEMA_FILE = "spec.schema.json"


def spec_schema_text() -> str:
    """Return the spec's JSON Schema as stable, pretty-printed JSON text."""
    schema = PartnershipSpec.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Partnership agreement spec",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(folder: Path) -> Path:
    """Write the spec schema into `folder` and return the path written."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / SCHEMA_FILE
    target.write_text(spec_schema_text(), encoding="utf-8")
    return target
