"""Batched PDF conversion: all drafts of a batch in one LibreOffice run.

Converts 20 drafts (the examples, repeated) in one run and reports the time per draft;
target: <= 0.25 s per draft.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agreements.build import checked_text, compose  # noqa: E402
from agreements.clauses.load import load_library  # noqa: E402
from agreements.pdf import convert_to_pdf, find_soffice  # noqa: E402

COUNT = 20
TARGET = 0.25


def main() -> int:
    """Print the seconds per draft; return 1 when the target is missed or no LibreOffice."""
    if find_soffice() is None:
        print("LibreOffice is not installed; skipped (install libreoffice-writer-nogui)")
        return 1
    library = load_library()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        drafts = []
        for index in range(COUNT):
            checked, rendered = checked_text(examples[index % len(examples)], library)
            data = compose(rendered, checked.loaded.sha256, allow_unapproved=False)
            path = folder / f"draft-{index:02d}.docx"
            path.write_bytes(data)
            drafts.append(path)
        out = folder / "pdf"
        out.mkdir()
        started = time.perf_counter()
        convert_to_pdf(drafts, out)
        seconds = time.perf_counter() - started
        shutil.rmtree(out)
    per_draft = seconds / COUNT
    print(
        f"{COUNT} drafts in one LibreOffice run: {seconds:6.2f} s, "
        f"{per_draft:.3f} s per draft (target <= {TARGET} s)"
    )
    return 0 if per_draft <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
