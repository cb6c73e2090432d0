"""Rule T03: spec text that would put a forbidden position into the agreement.

The purpose, objectives, tasks, risk mitigations, due-diligence conditions and other free
text of a spec go into the articles and annexes of the draft, where they bind. Each is
screened for the positions the organisation never takes (settings: forbidden_positions);
the organisation's own tasks are read as undertakings of the organisation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from agreements.problems import PathKey
from agreements.rules.catalogue import Finding
from agreements.rules.text import iter_strings
from agreements.screening import screener

if TYPE_CHECKING:
    from agreements.library import Settings

# Keys whose text reaches the agreement as free text (list items take their list's key).
SCREENED_KEYS = frozenset(
    {
        "purpose",
        "objectives",
        "tasks",
        "description",
        "mitigation",
        "mitigation_plan",
        "conditions",
        "delivery_terms",
        "uses",
        "purposes",
        "recipients",
    }
)


def _key(path: PathKey) -> str:
    named = [step for step in path if isinstance(step, str)]
    return named[-1] if named else ""


def _org_and_parties(
    data: dict[str, Any], settings: Settings
) -> tuple[str | None, list[str], list[str]]:
    """Return the organisation's party id, its names, and the other parties' names."""
    org_names = list(settings.organisation_names())
    legal_names = {name.casefold() for name in settings.organisation_legal_names()}
    org_id: str | None = None
    others: list[str] = []
    parties = data.get("parties")
    for party in parties if isinstance(parties, list) else []:
        if not isinstance(party, dict):
            continue
        names = [
            n for n in (party.get("legal_name"), party.get("short_name")) if isinstance(n, str)
        ]
        if str(party.get("legal_name", "")).casefold() in legal_names:
            org_id = party.get("id") if isinstance(party.get("id"), str) else None
            org_names += names
        else:
            others += names
    return org_id, org_names, others


def _org_task(data: dict[str, Any], path: PathKey, org_id: str | None) -> bool:
    if org_id is None or len(path) < 3 or path[0] != "responsibilities" or path[2] != "tasks":
        return False
    entries = data.get("responsibilities")
    index = path[1]
    if not isinstance(entries, list) or not isinstance(index, int) or index >= len(entries):
        return False
    entry = entries[index]
    return isinstance(entry, dict) and entry.get("party") == org_id


def check_positions(data: Any, settings: Settings) -> Iterator[Finding]:
    """Yield T03 for each forbidden position taken in the spec's free text."""
    if not isinstance(data, dict) or not settings.forbidden_positions:
        return
    org_id, org_names, others = _org_and_parties(data, settings)
    screened = [("agreement", "title")]
    made = screener(settings.forbidden_positions, org_names=org_names, party_names=others)
    for path, text, is_key in iter_strings(data):
        if is_key or (_key(path) not in SCREENED_KEYS and path[:2] not in screened):
            continue
        for found in made.screen(text, org_is_subject=_org_task(data, path, org_id)):
            yield Finding(
                "T03",
                path,
                f"takes a position the organisation never takes: {found.title} ({found.excerpt!r})",
                found.fix,
            )
