"""Which spec files a command is given: files, folders of specs and glob patterns alike.

Kept apart from the batch, and light: `generate` expands its arguments before it knows
whether it drafts one spec or a batch, and a batch must not import pydantic and the
pipeline before its handling of Ctrl-C is in place.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable
from pathlib import Path

from agreements.errors import UsageError


def natural_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    """Return a sort key that orders names as people do: spec-2 before spec-10."""
    parts = re.split(r"(\d+)", str(path).casefold())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def expand_specs(arguments: Iterable[str]) -> list[Path]:
    """Return the spec files named by files, folders (their *.yaml and *.yml) and glob
    patterns (quoted, so the command expands them), each once, folders and patterns in
    natural order; raise `UsageError` for a folder or pattern that names no spec."""
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            inside = [*path.glob("*.yaml"), *path.glob("*.yml")]
            if not inside:
                raise UsageError(f"{argument}: this folder holds no .yaml spec")
            found.extend(sorted(inside, key=natural_key))
        elif any(c in argument for c in "*?[") and not path.exists():
            matches = sorted(
                (Path(p) for p in glob.glob(argument, recursive=True)), key=natural_key
            )
            if not matches:
                raise UsageError(f"{argument}: no file matches this pattern")
            found.extend(matches)
        else:
            found.append(path)
    return list(dict.fromkeys(found))
