"""The negotiation round trip: a partner's marked-up draft read back, clause by clause,
against the approved positions of the clause library (`agreements review-returned`)."""
