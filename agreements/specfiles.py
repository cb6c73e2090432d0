"""Which spec files a command names: files, folders of specs and glob patterns.

Kept apart from the batch, and light: `generate` expands its arguments before it knows
whether it drafts one spec or a batch, and a batch must not import pydantic and the
pipeline before its handling of Ctrl-C is in place.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from agreements.errors import UsageError


def expand_specs(arguments: Iterable[str]) -> list[Path]:
    """Return the spec files named by files, folders (their *.yaml) and glob patterns."""
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found.extend(sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")))
        elif any(c in argument for c in "*?[") and not path.exists():
            matches = sorted(Path(p) for p in glob.glob(argument, recursive=True))
            if not matches:
                raise UsageError(f"{argument}: no file matches this pattern")
            found.extend(matches)
        else:
            found.append(path)
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique
