"""The JSON Schema of specs, exported for editors (yaml-language-server) and reviewers."""

from __future__ import annotations

import json
from pathlib import Path

from agreements.errors import OutputError
from agreements.spec import PartnershipSpec
from agreements.writer import write_text_file

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


def write_schema(folder: Path, *, force: bool = False) -> Path:
    """Write the spec schema into `folder` and return the path written; an existing file
    is replaced only with `force`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror}") from None
    target = folder / SCHEMA_FILE
    write_text_file(target, spec_schema_text(), force=force)
    return target
