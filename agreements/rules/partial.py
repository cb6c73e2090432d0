"""The rules that can still run when a spec as a whole fails its schema.

A type error in one part (an amount written "1,250,000") must not hide the rule errors of
another (a party screened too long ago), or the user fixes the file in several rounds. When
the agreement header and every party parse on their own, the party rules run on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from agreements.rules.parties import check_parties
from agreements.spec.models import Agreement, PartnershipSpec
from agreements.spec.parties import Party

if TYPE_CHECKING:
    from agreements.library import Settings
    from agreements.rules.catalogue import Finding


def party_findings(data: dict[str, Any], settings: Settings) -> list[Finding]:
    """Return the party rules' findings for the parts of a spec that parse on their own,
    or nothing when the agreement header or a party does not parse."""
    parties_data = data.get("parties")
    if not isinstance(parties_data, list) or len(parties_data) < 2:
        return []
    try:
        agreement = Agreement.model_validate(data.get("agreement"))
        parties = [Party.model_validate(p) for p in parties_data]
    except ValidationError:
        return []
    # Only the header and the parties are read by the party rules; the rest stays empty.
    fields: dict[str, Any] = {"agreement": agreement, "parties": parties}
    partial = PartnershipSpec.model_construct(**fields)
    return list(check_parties(partial, settings))
