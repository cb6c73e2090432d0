"""How one draft's cost grows with parties (2, 6, 12, 24) and clauses (50, 100, 200).

Parties: the Mianzhu example with its partners repeated. Clauses: a library made of the
shipped clauses plus copies that always apply. Growth must be linear: the time at the
largest size is at most 1.5x what a straight line through the smaller sizes predicts
(a per-unit ratio would be dominated by noise, as the fixed cost of a draft dominates).
"""

from __future__ import annotations

import copy
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agreements.build import checked_text, compose  # noqa: E402
from agreements.clauses.load import Library, load_library  # noqa: E402

TARGET = 1.5
BASE = ROOT / "examples" / "mianzhu-livelihoods.yaml"


def _timed(
    spec: Path, library: Library, rounds: int = 7, *, allow_unapproved: bool = False
) -> float:
    def once() -> None:
        checked, rendered = checked_text(spec, library)
        compose(rendered, checked.loaded.sha256, allow_unapproved=allow_unapproved)

    once()  # warm the compiled templates
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        once()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _with_parties(count: int, folder: Path) -> Path:
    data: dict[str, Any] = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    org = next(p for p in data["parties"] if p["legal_name"] == "International Labour Organization")
    partners = [p for p in data["parties"] if p is not org]
    # Non-state partners first, so that even two parties make a public-private partnership.
    partners.sort(
        key=lambda p: p["sector"] == "public_authority" or p.get("classification") == "public"
    )
    parties = []
    for index in range(count - 1):
        party = copy.deepcopy(partners[index % len(partners)])
        party["id"] = f"{party['id']}-{index}"
        party["legal_name"] = f"{party['legal_name']} ({index})"
        parties.append(party)
    data["parties"] = [org, *parties]
    ids = [p["id"] for p in data["parties"]]
    for item in data["responsibilities"] + data["risks"]:
        key = "party" if "party" in item else "owner"
        if item[key] not in ids:
            item[key] = ids[1]
    for contribution in data["contributions"]:
        for key in ("party", "recipient"):
            if contribution.get(key) is not None and contribution[key] not in ids:
                contribution[key] = ids[1]
    data["terms"]["governance"]["focal_points"] = []
    data["terms"]["governance"].pop("chair", None)  # names a party this variant drops
    data["terms"]["personal_data"]["controller"] = ids[0]
    data["responsibilities"] = list({r["party"]: r for r in data["responsibilities"]}.values())
    path = folder / f"parties-{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _library_with(extra: int, folder: Path) -> Path:
    shutil.copytree(ROOT / "clauses", folder / "clauses")
    shutil.copytree(ROOT / "templates", folder / "templates")
    (folder / "clauses" / "approvals.yaml").unlink()
    sources = sorted((ROOT / "clauses" / "general").glob("*.yaml"))
    for index in range(extra):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8").replace("**", "")
        text = re.sub(r"^id: .*$", f"id: extra-{index}", text, count=1, flags=re.M)
        text = re.sub(r"^order: .*$", f"order: {1000 + index}", text, count=1, flags=re.M)
        text = re.sub(r"^applies_when: .*$", "", text, flags=re.M)
        (folder / "clauses" / "general" / f"extra-{index}.yaml").write_text(text, "utf-8")
    return folder


def main() -> int:
    """Print the cost per size; return 1 when growth is not linear."""
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = load_library()
        by_parties = {}
        for count in (2, 6, 12, 24):
            by_parties[count] = _timed(_with_parties(count, folder), library)
            print(f"{count:3d} parties: {by_parties[count] * 1000:7.1f} ms")
        growth = _growth(by_parties)
        print(f"24 parties vs a straight line through 2-12: {growth:.2f} (linear: <= {TARGET})")
        failed |= growth > TARGET
        spec = folder / "spec.yaml"
        shutil.copyfile(BASE, spec)
        totals = {}
        for extra in (0, 50, 150):
            root = _library_with(extra, folder / f"lib-{extra}")
            lib = load_library(root)
            _, rendered = checked_text(spec, lib)
            count = len(rendered.clauses)
            seconds = _timed(spec, lib, allow_unapproved=True)
            totals[count] = seconds
            print(f"{count:3d} clauses: {seconds * 1000:7.1f} ms")
        growth = _growth(totals)
        print(
            f"largest library vs a straight line through the smaller: {growth:.2f} "
            f"(linear: <= {TARGET})"
        )
        failed |= growth > TARGET
    return int(failed)


def _growth(times: dict[int, float]) -> float:
    """Return the time at the largest size over the straight-line prediction from the two
    sizes below it (a negative slope from noise counts as flat)."""
    sizes = sorted(times)
    small, middle, large = sizes[-3], sizes[-2], sizes[-1]
    slope = max(0.0, (times[middle] - times[small]) / (middle - small))
    predicted = times[middle] + slope * (large - middle)
    return times[large] / predicted


if __name__ == "__main__":
    sys.exit(main())
