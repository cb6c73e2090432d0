"""Stage 6, write_output: drafts written atomically, never over an existing file unless asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.errors import OutputError
from agreements.output import plan_outputs, write_output

pytest_plugins = ["tests.stages"]


def test_write_output_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"kept")
    with pytest.raises(OutputError, match="already exists"):
        plan_outputs(target, pdf=False, force=False)
    outputs = plan_outputs(target, pdf=False, force=True)
    write_output(b"new", outputs, force=True)
    assert target.read_bytes() == b"new"
