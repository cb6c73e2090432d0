"""PDF conversion with LibreOffice in headless mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from agreements.errors import PdfError

INSTALL_HINT = (
    "LibreOffice is needed for --pdf; install it with "
    "`apt-get install libreoffice-writer-nogui fonts-liberation2`"
)


def find_soffice() -> str | None:
    """Return the path of LibreOffice's `soffice`, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(sources: list[Path], out_dir: Path, timeout: float = 600) -> list[Path]:
    """Convert `.docx` files to PDF in one LibreOffice run; return the PDFs in `out_dir`.

    Each run gets its own throw-away profile so parallel runs and a user's open
    LibreOffice do not interfere.
    """
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="agreements-lo-") as profile:
        command = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                env={**os.environ, "HOME": profile},
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice did not finish within {timeout:.0f} s") from None
    produced = [out_dir / f"{source.stem}.pdf" for source in sources]
    missing = [p for p in produced if not p.is_file()]
    if result.returncode != 0 or missing:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise PdfError(
            "LibreOffice could not convert "
            f"{', '.join(p.name for p in missing) or 'the draft'}"
            + (f": {detail[-1]}" if detail else "")
        )
    return produced
