"""Every rule's code, severity, title and default fix, in one reviewable table."""

from __future__ import annotations

from dataclasses import dataclass

from agreements.problems import PathKey, Severity

E = Severity.ERROR
W = Severity.WARNING


@dataclass(frozen=True)
class Rule:
    """A rule: its stable code, how serious a breach is, what it checks and the usual fix."""

    code: str
    severity: Severity
    title: str
    fix: str


@dataclass(frozen=True)
class Finding:
    """A breach of a rule at a place in the spec; `fix` overrides the rule's default fix."""

    code: str
    path: PathKey
    message: str
    fix: str = ""
    at_key: bool = False


_TABLE: list[Rule] = [
    # Reading the file and its schema.
    Rule("F01", E, "The spec file is missing, a directory or unreadable.", "check the path"),
    Rule("F02", E, "The spec file is larger than the size limit.", "keep specs short"),
    Rule("F03", E, "The spec file is not UTF-8 text.", "save it as UTF-8"),
    Rule("Y01", E, "The file is not valid YAML.", "check indentation and quoting"),
    Rule("Y02", E, "A key appears twice in the same mapping.", "remove one of the two"),
    Rule("Y03", E, "Anchors and aliases are not allowed.", "write values out in full"),
    Rule("Y04", E, "Only standard YAML tags are allowed.", "remove the tag"),
    Rule("Y05", E, "A file holds exactly one spec.", "one spec per file"),
    Rule("Y06", E, "The file is empty.", "start from `agreements new`"),
    Rule("Y07", E, "The file is nested too deeply.", "check the indentation"),
    Rule("Y08", E, "A spec is a mapping of keys, not a list or a single value.", "see README"),
    Rule("Y09", E, "Complex and merge keys are not allowed.", "use plain keys"),
    Rule("Y10", E, "Numbers must be finite.", "write an exact decimal"),
    Rule(
        "Y11",
        E,
        "Dates are real calendar dates; a value with a type tag can be read as that type.",
        "write YYYY-MM-DD, a number, or true/false",
    ),
    Rule("V01", E, "Unknown key (often a typo): it would silently drop a term.", "fix the key"),
    Rule("V02", E, "A required field is missing.", "add the field"),
    Rule(
        "V03",
        E,
        "A value has the wrong type or is not one of the allowed values.",
        "write the value as the field's description says (`agreements schema` lists them)",
    ),
    # Text anywhere in the spec.
    Rule(
        "T01", E, "Text holds characters a Word document cannot hold.", "remove control characters"
    ),
    Rule("T02", E, "A placeholder from `agreements new` is not filled in.", "replace the TODO"),
    Rule(
        "T03",
        E,
        "Spec text takes a position the organisation never takes (national law or courts, "
        "waiver of immunities, an indemnity from it, exclusivity, a partner's veto over its "
        "publications or audit of it, secrecy of the basic facts, buying from a contributor).",
        "delete the words",
    ),
    Rule(
        "T04",
        E,
        "A reference (screening, approval) names a real record, not 'pending' or 'N/A'.",
        "write the record's reference",
    ),
    Rule(
        "T05",
        E,
        "A name or title is one line with single spaces, since it is printed exactly as written.",
        "write it on one line with one space between words",
    ),
    # Parties.
    Rule(
        "P01",
        E,
        "Exactly one party is the organisation; none is.",
        "add the organisation with its exact legal name",
    ),
    Rule(
        "P02",
        E,
        "Exactly one party is the organisation; several are.",
        "keep one organisation party",
    ),
    Rule(
        "P03",
        E,
        "At least one party is non-state, else it is not a PPP.",
        "add the non-state partner, or use another instrument",
    ),
    Rule(
        "P04",
        W,
        "A borderline sector needs an explicit public/non-state classification.",
        "add `classification: public` or `classification: non_state`",
    ),
    Rule("P05", E, "Party ids are unique.", "give each party its own id"),
    Rule(
        "P06", E, "Every party id used in the spec belongs to a party.", "use one of the party ids"
    ),
    Rule("P07", E, "Every non-state party has a due-diligence record.", "add `due_diligence`"),
    Rule(
        "P08",
        E,
        "Due diligence is completed on or before signature.",
        "complete the screening before signature",
    ),
    Rule(
        "P09",
        W,
        "Due diligence is not older than the organisation's limit at signature.",
        "renew the screening",
    ),
    Rule("P10", E, "A party whose screening was rejected cannot be a partner.", "remove the party"),
    Rule(
        "P11",
        E,
        "A high-risk screening needs a mitigation plan and senior approval.",
        "add `mitigation_plan` and `senior_approval_reference`",
    ),
    Rule(
        "P12",
        E,
        "Excluded industries (e.g. tobacco, weapons) block a partnership.",
        "the organisation does not partner with this industry",
    ),
    Rule("P13", E, "A party on a UN sanctions list blocks a partnership.", "remove the party"),
    Rule(
        "P14",
        E,
        "Unremedied complicity in forced or child labour or serious abuse blocks.",
        "remove the party until the abuse is remedied",
    ),
    Rule(
        "P15",
        W,
        "Industries such as alcohol, gambling, extractives need escalation.",
        "obtain senior management clearance and record it in due diligence",
    ),
    Rule(
        "P16",
        E,
        "Only borderline sectors carry a classification (it would change what a party owes).",
        "delete the classification",
    ),
    Rule(
        "P17",
        E,
        "Only one party is the organisation; no other party may resemble it.",
        "remove the second party",
    ),
    Rule(
        "P18",
        W,
        "A screening approved with conditions lists them, so the agreement binds the party.",
        "list the conditions under `due_diligence.conditions`",
    ),
    Rule(
        "K01",
        E,
        "A recorded decision clears P12 or P15 for a party of the spec.",
        "name the rule and the party's id",
    ),
    # Dates.
    Rule("D01", E, "The start date is on or before the end date.", "swap or correct the dates"),
    Rule(
        "D02",
        E,
        "The agreement does not enter into force before signature.",
        "move start_date to or after signature_date",
    ),
    Rule(
        "D03",
        E,
        "Every instalment falls within the term of the agreement.",
        "move the instalment or extend the term",
    ),
    Rule(
        "D04",
        E,
        "A report is due after the end of the period it covers.",
        "move due_date after period_end",
    ),
    Rule(
        "D05",
        E,
        "Permission to use names and logos ends no later than the agreement.",
        "set valid_until on or before end_date",
    ),
    Rule(
        "D06",
        E,
        "A report covers a period within the term of the agreement.",
        "move period_end within the term",
    ),
    # Money.
    Rule("M01", E, "Amounts and values are greater than zero.", "correct the amount"),
    Rule("M02", E, "Currencies are ISO 4217 codes.", "use a code such as USD, EUR, CHF"),
    Rule(
        "M03",
        E,
        "Amounts have no more decimals than the currency has.",
        "round to the currency's minor unit",
    ),
    Rule("M04", E, "Instalments are dated in increasing order.", "order the instalments by date"),
    Rule(
        "M05",
        E,
        "Instalments sum exactly to the contribution's amount.",
        "correct the instalments or the total",
    ),
    Rule(
        "M06",
        E,
        "A financial contribution to the organisation states its support-cost rate.",
        "add `support_cost_rate`",
    ),
    Rule(
        "M07",
        E,
        "A support-cost rate other than the default needs an approval reference.",
        "add `support_cost_approval` or use the default rate",
    ),
    Rule(
        "M08",
        E,
        "A financial contribution to the organisation states its earmarking.",
        "add `earmarking: unearmarked | softly_earmarked | project`",
    ),
    Rule(
        "M09",
        E,
        "Funding must not be conditional on buying from the contributor.",
        "remove the condition",
    ),
    Rule(
        "M10",
        E,
        "Money from the organisation to a partner needs another instrument.",
        "use an implementation agreement or grant, not this agreement",
    ),
    Rule("M11", W, "A financial contribution has a dated payment schedule.", "add instalments"),
    Rule(
        "M12",
        E,
        "The value of goods in kind (quantity times unit value) stays below a thousand trillion.",
        "check the quantity and the unit value",
    ),
    # Names, logos, communications.
    Rule(
        "N01",
        E,
        "Planned use of names or logos needs an approval record.",
        "add terms.names_and_logos.approval",
    ),
    Rule(
        "N02",
        E,
        "An MoU gives no right to use names or logos.",
        "set use_planned: false, or make a binding agreement",
    ),
    Rule(
        "N03",
        E,
        "Phrases implying endorsement are refused in spec text.",
        "describe the collaboration without implying endorsement",
    ),
    # Structure.
    Rule(
        "S01",
        E,
        "An MoU carries no amounts or payment dates.",
        "remove amounts, or make a funding or in-kind agreement",
    ),
    Rule(
        "S02",
        E,
        "A funding agreement has a financial contribution to the organisation.",
        "add the financial contribution, or choose another kind",
    ),
    Rule(
        "S03",
        W,
        "A partnership with a company records at least a reputational risk.",
        "add a risk with category: reputational",
    ),
    Rule(
        "S04",
        E,
        "Processing personal data needs a description and a controller.",
        "add description and controller under terms.personal_data",
    ),
    Rule(
        "S05",
        E,
        "A party appears once in the responsibilities.",
        "merge the tasks of the party into one entry",
    ),
    # Selection and planning against the clause library.
    Rule(
        "C01",
        E,
        "Selected clauses must not exclude each other or require unknown ones.",
        "change the spec or the clauses' conditions",
    ),
    Rule(
        "C02",
        E,
        "A chosen fallback position exists in the clause that offers it.",
        "choose one of the clause's fallbacks",
    ),
    Rule(
        "C03",
        E,
        "Every fallback topic in the spec is offered by a selected clause.",
        "remove it or choose an offered topic",
    ),
    Rule("C04", E, "Every cross-reference points to a selected clause.", "fix the clause library"),
    Rule("C05", E, "Every term used is defined by a selected clause.", "fix the clause library"),
    Rule("C06", E, "Every term is defined once.", "fix the clause library"),
    Rule(
        "C07",
        E,
        "A clause condition or text is refused or fails in the sandbox.",
        "fix the clause library",
    ),
    Rule(
        "C08",
        E,
        "A clause text cannot be rendered from the spec.",
        "fill in the spec field the clause needs",
    ),
    Rule(
        "C09",
        E,
        "Every selected clause has text in the agreement's language.",
        "add the translation to the clause",
    ),
    Rule(
        "C10",
        E,
        "A clause cites an annex only when the draft has it (its data is in the spec).",
        "add the data to the spec",
    ),
    Rule(
        "C11",
        E,
        "A clause names a group of parties (e.g. the Donor) only when some party is in it.",
        "give the clause a condition on that group",
    ),
    Rule(
        "C12",
        E,
        "The clause library is written in each language of the agreement.",
        "choose the library's languages, or declare the language under languages: in "
        "clauses/settings.yaml once every clause is translated",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _TABLE}
