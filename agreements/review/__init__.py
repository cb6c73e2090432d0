"""Legal review of the clause library: approvals, statuses, review packs and redlines."""
