"""Write bench/RESULTS.md from the output of `bench/run.py`: a table of targets, then all."""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

ROWS = [
    (
        "(a) one draft vs a bare docxtpl render of the same text",
        r"== \(a\)[\s\S]*?\nratio\s+([\d.]+)x",
        "x",
        "<=",
        1.2,
    ),
    (
        "(b) 500-draft batch throughput vs sequential bare renders",
        r"throughput ratio\s+([\d.]+)x",
        "x",
        ">=",
        2.0,
    ),
    ("(b) memory of the whole 500-draft batch", r"bound on the total (\d+) MB", " MB", "<", 500),
    (
        "(c) cold `agreements validate` vs `import typer, pydantic, yaml`",
        r"agreements validate \(cold\)[^\n]*\nratio\s+([\d.]+)x",
        "x",
        "<=",
        1.5,
    ),
    (
        "(c) cold `agreements generate` vs a cold bare docxtpl render",
        r"agreements generate \(cold\)[^\n]*\nratio\s+([\d.]+)x",
        "x",
        "<=",
        2.0,
    ),
    (
        "(d) 24 parties vs a straight line through 2-12",
        r"24 parties vs a straight line through 2-12: ([\d.]+)",
        "",
        "<=",
        1.5,
    ),
    (
        "(d) 212 clauses vs a straight line through 62-112",
        r"largest library vs a straight line through the smaller: ([\d.]+)",
        "",
        "<=",
        1.5,
    ),
    ("(e) batched PDF conversion, per draft", r"([\d.]+) s per draft \(target", " s", "<=", 0.25),
    ("library load + compile + lint", r"lint\s+([\d.]+) ms \(target", " ms", "<", 300),
    (
        "library growth, per clause at 2,000 vs 500",
        r"per-clause cost at 2000 / at 500: ([\d.]+)",
        "",
        "<=",
        1.3,
    ),
]

READING = """## Reading the results

- **(a) One draft**: the whole pipeline (strict loading, rules, selection, planning,
  composition with live numbering, fields, tables and provenance) costs less than a bare
  docxtpl render of the same text: the body is written as escaped XML and spliced into the
  rendered template, clause texts without placeholders skip Jinja, and everything compiled
  is compiled once per process.
- **(b) Batch**: workers are forked from a parent that has loaded the library and compiled
  every clause, so they start warm.
- **(c) Start-up**: a cold `agreements validate` runs the stages that find problems (load,
  select, plan, render), so it imports typer, pydantic (and builds the spec models), Jinja
  and num2words and reads the 96 clause files. Measured with `-X importtime` and cProfile:
  typer's parameter conversion (`typer._adapters`, built on pydantic's TypeAdapter) costs
  about 60 ms, building the models about 30 ms, Jinja about 20 ms, num2words about 17 ms and
  loading the library about 75 ms, against a baseline of about 95 ms for importing typer,
  pydantic and yaml alone. The 1.5x and 2x targets cannot be met while the CLI uses typer
  and the spec uses pydantic (both required) unless the parsed library is cached between
  runs, which issue 18 treats as a security question first.
"""


def record(output: str, notes: str = "") -> str:
    """Return the text of RESULTS.md for the benchmark `output`, with `notes` (or the
    standard reading of the results) between the table and the full output."""
    machine = (
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        "2 cores, 24 GiB"
    )
    lines = [
        "# Benchmark results",
        "",
        f"Measured with `make bench` on this project's development machine ({machine}). "
        "Every line compares against a baseline measured in the same run, so ratios carry "
        "across machines better than times.",
        "",
        "| benchmark | result | target | met |",
        "|---|---|---|---|",
    ]
    checks = {"<=": float.__le__, ">=": float.__ge__, "<": float.__lt__}
    for title, pattern, unit, op, target in ROWS:
        found = re.search(pattern, output)
        if found is None:
            lines.append(f"| {title} | not measured | {op} {target}{unit} | no |")
            continue
        value = float(found.group(1))
        met = "yes" if checks[op](value, float(target)) else "no"
        lines.append(f"| {title} | {found.group(1)}{unit} | {op} {target}{unit} | {met} |")
    lines += ["", notes or READING, "## Full output", "", "```text", output.strip(), "```", ""]
    return "\n".join(lines)


def kept_notes(previous: str) -> str:
    """Return the notes written by hand below the table of an earlier RESULTS.md (what was
    cut, what remains and why), so a new run replaces only the figures; "" when none."""
    after_table = re.split(r"\n\|[^\n]*\|\n(?!\|)", previous, maxsplit=1)
    if len(after_table) < 2:
        return ""
    notes = after_table[1].split("## Full output", 1)[0].strip()
    notes = re.sub(r"^\(\\\*\)[^\n]*(?:\n[^\n#][^\n]*)*\n*", "", notes)
    return notes + "\n" if notes else ""


if __name__ == "__main__":
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    RESULTS.write_text(record(sys.stdin.read(), kept_notes(previous)), encoding="utf-8")
    print(f"wrote {RESULTS}")
