"""The sandbox in which clause conditions and texts run, and what they may name.

Clause libraries may come from other organisations, so conditions and texts run in Jinja's
immutable sandbox with strict undefined values, no loops over generated ranges, no
includes, and no access to names starting with an underscore.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from agreements.clauses import budget
from agreements.formatting import (
    country_name,
    format_date,
    format_money,
    format_percent,
    format_period,
    join_names,
)

# Sentinels around spec values and references in rendered text (Unicode private use).
LITERAL_OPEN, LITERAL_CLOSE = "\ue002", "\ue003"
REF_OPEN, REF_CLOSE = "\ue000", "\ue001"
# Markers of an article a function prints and of the preposition before it, which French
# and Spanish contract ("de" + "le" = "du"; see `clauses.grammar`).
ARTICLE, PREPOSITION = "\ue004", "\ue005"
_SENTINELS = {
    ord(c): None for c in (LITERAL_OPEN, LITERAL_CLOSE, REF_OPEN, REF_CLOSE, ARTICLE, PREPOSITION)
}

SPEC_ROOTS = (
    "agreement",
    "parties",
    "org",
    "partners",
    "purpose",
    "objectives",
    "responsibilities",
    "contributions",
    "risks",
    "terms",
    "settings",
    # Groups of parties by category and role (tuples of parties, empty when none).
    "non_state",
    "public_authorities",
    # Governments among them: public authorities by sector, not borderline bodies (a Red
    # Cross society, a state-owned enterprise) classified public.
    "governments",
    "intergovernmental",
    "public_parties",
    "constituents",
    "non_constituents",
    "donors",
    "in_kind_contributors",
    # In-kind contributors that give no funds: thanked once, not twice, when a donor gives
    # goods as well.
    "in_kind_only",
    "implementing_partners",
    "co_organisers",
    "sponsors",
    "research_partners",
    "research_funders",
    "event",
    "beneficiaries",
)
FLAGS = (
    "kind",
    "is_mou",
    "party_count",
    "personal_data",
    "new_material",
    "logo_use",
    "steering_committee",
    "confidentiality",
    "duration_days",
    "any_item_hazardous",
    "children",
    "beneficiary_contact",
    "trainees",
    "special_category_data",
    "screening_conditions",
    "bilingual",
    "languages",
)
FUNCTIONS = (
    "has_contribution",
    "any_party",
    "fallback",
    "ref",
    "refs",
    "included",
    "the",
    "The",
    "a",
    "Shall_not",
    "term",
    "the_others",
    "each_other",
    "Each_other",
    "annex",
    "has_annex",
)
# Functions that print the defined term of a group of parties: with its article ("the Donor"
# or "each Donor"; "the Donor" or "a Donor" for a condition; "The Donor shall not" or "No
# Donor shall" for a prohibition) or bare ("any Donor").
TERM_FUNCTIONS = ("the", "The", "a", "Shall_not", "term")
FILTERS = (
    "date",
    "money",
    "names",
    "country",
    "percent",
    "number",
    "days",
    "working_days",
    "hours",
    "months",
    "years",
)
CONTRIBUTION_TYPES = (
    "financial",
    "in_kind",
    "services",
    "staff",
    "facilities",
    "technical_tools",
    "networks",
)


class Markup(str):
    """Text a library function prints as markup (a reference or a defined term), which the
    markup parser reads as such; every other printed value is taken literally."""

    __slots__ = ()


class RefToken(Markup):
    """The output of `ref("id")`: a marker the planner turns into a numbered reference."""

    __slots__ = ()


def _finalize(value: Any) -> Any:
    """Wrap every printed value so the markup parser takes it literally."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).translate(_SENTINELS).split())
    return f"{LITERAL_OPEN}{text}{LITERAL_CLOSE}"


def ref(clause_id: str) -> RefToken:
    """Return the marker of a cross-reference to `clause_id` (the `ref()` of clause texts)."""
    return RefToken(f"{REF_OPEN}{clause_id}{REF_CLOSE}")


ANNEX_REF = "annex:"
REF_LIST = "+"
REF_LIST_PRESENT = "?"


def refs(*clause_ids: str, present_only: bool = False) -> RefToken:
    """Return the marker of a list of references, which rendering writes as "Article 4" or
    "Articles 20 to 24" (sorted, consecutive numbers grouped), each number a reference.

    With `present_only`, clauses that are not in the draft are left out of the list rather
    than reported (e.g. "the articles on confidentiality and personal data, where present").
    """
    if not clause_ids or not all(isinstance(c, str) for c in clause_ids):
        raise ValueError("refs() needs one or more literal clause ids")
    mark = REF_LIST_PRESENT if present_only else REF_LIST
    return RefToken(f"{REF_OPEN}{mark}{','.join(clause_ids)}{REF_CLOSE}")


# Raise when the environment's configuration changes how templates compile.
SANDBOX_VERSION = 5
MAX_REPEAT = 10_000
MAX_EXPONENT = 64


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, held to the evaluation budget (`clauses.budget`).

    Jinja's sandbox stops attribute escapes but lets `'x' * 10**9` build a gigabyte string
    and folds `9 ** 9 ** 9` while compiling; intercepting these operators stops both. Every
    attribute access, item access, call and operator also checks the deadline.
    """

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget.check()
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is larger than {MAX_EXPONENT}")
            if isinstance(left, int) and left.bit_length() > 256:
                raise SecurityError("raising a number this large to a power is not allowed")
            return left**right
        if operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                budget.bounded_size(len(left) + len(right))
            return left + right
        for count, other in ((left, right), (right, left)):
            if isinstance(count, int) and isinstance(other, str | list | tuple):
                if count > MAX_REPEAT:
                    raise SecurityError(f"repeating a value {count} times is not allowed")
                budget.bounded_size(len(other) * count)
        return left * right

    def getattr(self, obj: Any, attribute: str) -> Any:
        budget.check()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        budget.check()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget.check()
        return super().call(__context, __obj, *args, **kwargs)


def _bounded_join(value: Any, separator: str = "", attribute: Any = None) -> str:
    """Jinja's `join`, refusing a result longer than the budget allows."""
    items = [str(item) for item in value]
    budget.bounded_size(sum(map(len, items)) + len(str(separator)) * max(len(items) - 1, 0))
    return str(separator).join(items)


def _countries(parties: Any, case: str, language: str) -> str:
    """Return the countries of `parties` (one party or several), each once, as the list of
    parties writes them: "Bangladesh"; with `case` "of" or "in", "of Bangladesh", "du
    Sénégal", "en Perú" (several joined: "of China and of Mongolia")."""
    group = parties if isinstance(parties, tuple | list) else (parties,)
    countries = list(dict.fromkeys(str(p.country) for p in group))
    if case not in ("", "of", "in"):
        raise ValueError(f"country: case is 'of' or 'in', not {case!r}")
    if language == "en":
        phrases = [(f"{case} " if case else "") + country_name(c) for c in countries]
    elif case:
        from agreements.countries import country_phrase

        phrases = [country_phrase(c, language, case) for c in countries]
    else:
        phrases = [country_name(c, language=language) for c in countries]
    return join_names(phrases, language)


def _period_filter(unit: str, language: str) -> Any:
    """Return the filter writing a count of `unit` in the library's number style."""

    @pass_context
    def period(context: Any, count: int) -> str:
        settings = context.get("settings")
        style = getattr(settings, "number_style", "words_and_digits")
        return format_period(count, unit, language, words=style == "words_and_digits")

    return period


@cache
def environment(language: str = "en") -> ImmutableSandboxedEnvironment:
    """Return the sandboxed environment for conditions and texts in `language`.

    One environment per language, so every filter formats for the draft's language (dates,
    amounts, lists of names) and a template compiled for one language is never reused for
    another.
    """
    env = BoundedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=False,
        extensions=(),
    )
    env.globals.clear()
    env.filters["date"] = lambda value: format_date(value, language)
    env.filters["money"] = lambda amount, currency: format_money(amount, str(currency), language)
    env.filters["names"] = lambda parties: join_names([p.short_name for p in parties], language)
    env.filters["country"] = lambda parties, case="": _countries(parties, case, language)
    env.filters["percent"] = lambda value: format_percent(value, language)
    for unit in ("number", "days", "working_days", "hours", "months", "years"):
        env.filters[unit] = _period_filter(unit, language)
    env.filters["join"] = _bounded_join
    return env


def parse_expression(source: str) -> nodes.Expr:
    """Return the AST of a condition, which must be exactly one expression.

    Parsing it alone (as Jinja's compile_expression does) means a condition cannot close
    the expression and smuggle in template statements such as `x %}{% for ... %}`.
    """
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.parser import Parser

    parser = Parser(environment(), source, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError(
            "unexpected text after the expression", parser.stream.current.lineno, None, None
        )
    return expr


MAX_TREE_DEPTH = 64


def _depth_exceeds(tree: nodes.Node, limit: int) -> bool:
    """Return True when the syntax tree is deeper than `limit` (counted without recursion:
    a chain such as `1 + 1 + ... + 1` is flat as text but deep as a tree)."""
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
    return False


def parse_source(source: str, *, expression: bool) -> nodes.Template:
    """Return the Jinja AST of a text or of a condition (raises TemplateSyntaxError, also
    for a source nested too deeply for the parser or for the code that walks its tree)."""
    from jinja2.exceptions import TemplateSyntaxError

    try:
        if expression:
            tree = nodes.Template([nodes.Output([parse_expression(source)])])
        else:
            tree = environment().parse(source)
    except RecursionError:
        raise TemplateSyntaxError("nests expressions too deeply to be read", 1) from None
    if _depth_exceeds(tree, MAX_TREE_DEPTH):
        raise TemplateSyntaxError(f"nests expressions more than {MAX_TREE_DEPTH} deep", 1)
    return tree
