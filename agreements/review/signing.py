"""Signed approvals: proof that a reviewer, not an editor of the lock file, approved a text.

An approval records a text and its hash; anyone who can edit `approvals.yaml` can write a
new text with its new hash. A signature made with the reviewer's SSH key (`ssh-keygen -Y
sign`, the mechanism git uses for signed commits) over the clause id, version, language,
hash, reviewer and date cannot be recomputed without that key. The library lists the keys
it trusts in `clauses/allowed_signers` (OpenSSH's allowed-signers format), and its setting
`signed_approvals: true` makes status, lint and drafting refuse any approval whose
signature is missing, does not verify, or was made by a key not listed there.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from agreements.errors import LibraryError, UsageError

NAMESPACE = "agreements-approval"
ALLOWED_SIGNERS = "allowed_signers"
_TIMEOUT = 20


def approval_message(
    clause_id: str, version: int, language: str, sha256: str, approved_by: str, date: str
) -> bytes:
    """Return the exact bytes a reviewer signs for one approved text."""
    return (
        f"{NAMESPACE}\nclause={clause_id}\nversion={version}\nlanguage={language}\n"
        f"sha256={sha256}\napproved_by={approved_by}\ndate={date}\n"
    ).encode()


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise LibraryError(
            "ssh-keygen (OpenSSH) is needed to sign or verify approvals; install openssh-client"
        )
    return found


def sign(message: bytes, key: Path) -> str:
    """Return the armored SSH signature of `message` made with the private key `key`
    (raises `UsageError` when the key cannot sign, e.g. a wrong path or a passphrase)."""
    if not key.is_file():
        raise UsageError(f"{key}: no such key file")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "approval"
        data.write_bytes(message)
        result = subprocess.run(
            [_ssh_keygen(), "-Y", "sign", "-q", "-f", str(key), "-n", NAMESPACE, str(data)],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_TIMEOUT,
            check=False,
        )
        signature = Path(f"{data}.sig")
        if result.returncode != 0 or not signature.is_file():
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else "ssh-keygen failed"
            raise UsageError(f"{key}: cannot sign with this key ({reason})")
        return signature.read_text(encoding="ascii")


@cache
def verify(message: bytes, signature: str, signer: str, allowed_signers: Path) -> bool:
    """Return True when `signature` over `message` was made by `signer` with a key that
    `allowed_signers` lists for that principal (results kept per process)."""
    if not allowed_signers.is_file() or not signature.strip() or not signer.strip():
        return False
    with tempfile.TemporaryDirectory() as folder:
        sig = Path(folder) / "approval.sig"
        sig.write_text(signature, encoding="ascii", errors="replace")
        try:
            result = subprocess.run(
                [
                    _ssh_keygen(),
                    "-Y",
                    "verify",
                    "-f",
                    str(allowed_signers),
                    "-I",
                    signer,
                    "-n",
                    NAMESPACE,
                    "-s",
                    str(sig),
                ],
                input=message,
                capture_output=True,
                timeout=_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return False
    return result.returncode == 0
