"""`agreements explain`: the selected clauses in order and why, and the excluded ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agreements.build import checked_text
from agreements.clauses.load import Library
from agreements.clauses.plan import DocumentPlan
from agreements.clauses.render import RenderedDocument
from agreements.clauses.select import Decision


@dataclass
class Explanation:
    """The plan of one spec, ready to print as text or JSON."""

    spec_file: str
    rendered: RenderedDocument

    @property
    def plan(self) -> DocumentPlan:
        """Return the plan the explanation describes."""
        return self.rendered.plan

    def to_json(self) -> dict[str, Any]:
        """Return the explanation as JSON-ready data."""
        numbers = self.plan.numbers
        return {
            "spec": self.spec_file,
            "library_version": self.plan.selection.library.version,
            "parties": self.parties(),
            "selected": [
                {"number": numbers.get(d.clause_id), **_decision(d)}
                for d in self.plan.selection.selected()
            ],
            "excluded": [_decision(d) for d in self.plan.selection.decisions if not d.selected],
            "issues": [vars(i) for i in self.plan.issues + self.rendered.issues],
        }

    def parties(self) -> list[dict[str, Any]]:
        """Return each party with its category and roles, which decide what it owes."""
        loaded = self.plan.selection.loaded
        assert loaded.spec is not None
        return [
            {
                "id": p.id,
                "name": p.short_name,
                "category": loaded.categories[p.id].value,
                "roles": sorted(r.value for r in loaded.roles.get(p.id, ())),
                "constituent": p.is_constituent(),
            }
            for p in loaded.spec.parties
        ]

    def to_text(self) -> str:
        """Return the explanation for people: the parties with their categories and roles,
        the numbered clauses, then the excluded clauses."""
        numbers = self.plan.numbers
        lines = [
            f"{self.spec_file}: {len(numbers)} clauses selected "
            f"(library {self.plan.selection.library.version})",
            "",
            "Parties:",
        ]
        for party in self.parties():
            roles = ", ".join(r.replace("_", " ") for r in party["roles"]) or "no role"
            kind = _CATEGORY_LABELS[party["category"]]
            extra = ", constituent" if party["constituent"] else ""
            lines.append(f"  {party['name']}: {kind}{extra}; {roles}")
        lines.append("")
        for article in self.rendered.clauses:
            d = article.planned.decision
            lines.append(f"{article.number:>3}. {article.title}  [{_label(d)}]")
            lines.append(f"      {_reason(d)}")
        lines += ["", "Not selected:"]
        for d in self.plan.selection.decisions:
            if not d.selected:
                lines.append(f"  - {_label(d)}: {_reason(d)}")
        issues = self.plan.issues + self.rendered.issues
        if issues:
            lines += ["", "Problems:"]
            lines += [f"  {i.code} {i.clause_id}: {i.message}" for i in issues]
        return "\n".join(lines)


_CATEGORY_LABELS = {
    "organisation": "the organisation",
    "public_authority": "public authority",
    "intergovernmental": "intergovernmental organization",
    "non_state": "non-state actor",
}


def _label(d: Decision) -> str:
    return f"{d.clause_id}@{d.source.clause.version}"


def _reason(d: Decision) -> str:
    text = d.reason
    if d.condition:
        text += f": {d.condition}"
        if d.values:
            text += f" with {', '.join(d.values)}"
    if d.variant:
        text += f"; variant {d.variant!r} ({', '.join(d.variant_values)})"
    if d.fallback:
        text += f"; fallback {d.fallback!r} chosen in terms.fallbacks"
    return text


def _decision(d: Decision) -> dict[str, Any]:
    return {
        "id": d.clause_id,
        "version": d.source.clause.version,
        "title": d.source.clause.title.get("en", ""),
        "reason": d.reason,
        "condition": d.condition,
        "values": d.values,
        "variant": d.variant,
        "fallback": d.fallback,
    }


def explain_spec(path: Path, library: Library) -> Explanation:
    """Return the explanation of the spec at `path`; raise when the spec has errors."""
    _, rendered = checked_text(path, library)
    return Explanation(str(path), rendered)
