"""Stage 2, select_clauses: which clauses a spec takes, with their variant and fallback."""

from __future__ import annotations

from agreements.clauses.select import Selection

pytest_plugins = ["tests.stages"]


def test_select_takes_the_kind_module_and_leaves_out_the_others(selection: Selection) -> None:
    chosen = {d.clause_id for d in selection.selected()}
    assert {"in-kind-description", "in-kind-delivery", "in-kind-valuation"} <= chosen
    assert not any(cid.startswith("mou-") for cid in chosen)
    left_out = {d.clause_id: d.reason for d in selection.decisions if not d.selected}
    assert left_out["mou-non-binding"] == "condition false"


def test_select_records_the_fallback_the_spec_chose(selection: Selection) -> None:
    chosen = {d.clause_id: d.fallback for d in selection.selected() if d.fallback}
    assert "one_hundred_eighty_days" in chosen.values()
    assert "joint_ownership" in chosen.values()
