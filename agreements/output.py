"""Stage 6, `write_output`: the draft (and its PDF) written atomically, never clobbering."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from agreements.errors import OutputError
from agreements.writer import check_target, remove_stale_temporaries, write_bytes_atomic


@dataclass(frozen=True)
class Outputs:
    """Where a draft goes: the .docx, and its PDF when one is asked for."""

    docx: Path
    pdf: Path | None


def default_output(reference: str, folder: Path = Path()) -> Path:
    """Return the default draft name for an agreement reference, e.g. ILO-PPP-2026-014.docx."""
    return folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", reference) + ".docx")


def plan_outputs(target: Path, *, pdf: bool, force: bool) -> Outputs:
    """Return the outputs of a draft, checked before any work is done: each must be
    writable and, unless `force`, not exist; the PDF must not be the draft itself."""
    pdf_target = target.with_suffix(".pdf") if pdf else None
    check_target(target, force=force)
    if pdf_target == target:
        raise OutputError(
            f"{target}: the draft and its PDF would have the same name; "
            "name the draft with -o NAME.docx"
        )
    if pdf_target is not None:
        check_target(pdf_target, force=force)
    return Outputs(target, pdf_target)


def write_output(data: bytes, outputs: Outputs, *, force: bool) -> Outputs:
    """Write the draft (converting it to PDF first when asked) and return what was written.

    The PDF is made from a staged copy before anything is written, so a failed conversion
    leaves neither file behind. Temporary files a killed run left in the folder go first.
    """
    remove_stale_temporaries(outputs.docx.parent)
    if outputs.pdf is None:
        write_bytes_atomic(outputs.docx, data, force=force)
        return outputs
    from agreements.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="agreements-pdf-") as tmp:
        staged = Path(tmp) / outputs.docx.name
        staged.write_bytes(data)
        produced = convert_to_pdf([staged], Path(tmp))[0]
        write_bytes_atomic(outputs.docx, data, force=force)
        write_bytes_atomic(outputs.pdf, produced.read_bytes(), force=force)
    return outputs
