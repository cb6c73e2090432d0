"""The sandbox in which clause conditions and texts run, and what they may name.

Clause libraries may come from other organisations, so conditions and texts run in Jinja's
immutable sandbox with strict undefined values, no loops over generated ranges, no
includes, and no access to names starting with an underscore.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from agreements.formatting import format_date, format_money, format_percent, join_names
from agreements.spec.models import AgreementKind

if TYPE_CHECKING:
    from agreements.library import Settings
    from agreements.spec import PartnershipSpec

# Sentinels around spec values and references in rendered text (Unicode private use).
LITERAL_OPEN, LITERAL_CLOSE = "\ue002", "\ue003"
REF_OPEN, REF_CLOSE = "\ue000", "\ue001"
_SENTINELS = {ord(c): None for c in (LITERAL_OPEN, LITERAL_CLOSE, REF_OPEN, REF_CLOSE)}

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
)
FUNCTIONS = ("has_contribution", "any_party", "fallback", "ref")
FILTERS = ("date", "money", "names", "percent")
CONTRIBUTION_TYPES = (
    "financial",
    "in_kind",
    "services",
    "staff",
    "facilities",
    "technical_tools",
    "networks",
)


class RefToken(str):
    """The output of `ref("id")`: a marker the planner turns into a numbered reference."""

    __slots__ = ()


def _finalize(value: Any) -> Any:
    """Wrap every printed value so the markup parser takes it literally."""
    if isinstance(value, RefToken):
        return value
    text = " ".join(str(value).translate(_SENTINELS).split())
    return f"{LITERAL_OPEN}{text}{LITERAL_CLOSE}"


def _ref(clause_id: str) -> RefToken:
    return RefToken(f"{REF_OPEN}{clause_id}{REF_CLOSE}")


# Raise when the environment's configuration changes how templates compile.
SANDBOX_VERSION = 1
MAX_REPEAT = 10_000
MAX_EXPONENT = 64


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with repetition and powers bounded.

    Jinja's sandbox stops attribute escapes but lets `'x' * 10**9` build a gigabyte string
    and folds `9 ** 9 ** 9` while compiling; intercepting these operators stops both.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is larger than {MAX_EXPONENT}")
            if isinstance(left, int) and left.bit_length() > 256:
                raise SecurityError("raising a number this large to a power is not allowed")
            return left**right
        for count, other in ((left, right), (right, left)):
            if (
                isinstance(count, int)
                and isinstance(other, str | list | tuple)
                and count > MAX_REPEAT
            ):
                raise SecurityError(f"repeating a value {count} times is not allowed")
        return left * right


@cache
def environment() -> ImmutableSandboxedEnvironment:
    """Return the one sandboxed environment used for every condition and text."""
    env = _BoundedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=False,
        extensions=(),
    )
    env.globals.clear()
    env.filters["date"] = format_date
    env.filters["money"] = lambda amount, currency: format_money(amount, str(currency))
    env.filters["names"] = lambda parties: join_names([p.short_name for p in parties])
    env.filters["percent"] = format_percent
    return env


def build_context(spec: PartnershipSpec, settings: Settings) -> dict[str, Any]:
    """Return the names conditions and texts may use, computed from the spec."""
    org_name = settings.organisation.legal_name.casefold()
    org = next((p for p in spec.parties if p.legal_name.casefold() == org_name), spec.parties[0])
    partners = [p for p in spec.parties if p is not org]
    types = {c.type for c in spec.contributions}
    terms = spec.terms

    def has_contribution(kind: str) -> bool:
        if kind not in CONTRIBUTION_TYPES:
            raise ValueError(f"has_contribution: unknown type {kind!r}")
        return kind in types

    def any_party(sector: str | None = None, classification: str | None = None) -> bool:
        return any(
            (sector is None or p.sector.value == sector)
            and (classification is None or (p.classification or "") == classification)
            for p in spec.parties
        )

    def fallback(topic: str) -> str | None:
        return terms.fallbacks.get(topic)

    functions: dict[str, Callable[..., Any]] = {
        "has_contribution": has_contribution,
        "any_party": any_party,
        "fallback": fallback,
        "ref": _ref,
    }
    return {
        "agreement": spec.agreement,
        "parties": spec.parties,
        "org": org,
        "partners": partners,
        "purpose": spec.purpose,
        "objectives": spec.objectives,
        "responsibilities": spec.responsibilities,
        "contributions": spec.contributions,
        "risks": spec.risks,
        "terms": terms,
        "settings": settings,
        "kind": spec.agreement.kind.value,
        "is_mou": spec.agreement.kind is AgreementKind.MOU,
        "party_count": len(spec.parties),
        "personal_data": terms.personal_data.processed,
        "new_material": terms.intellectual_property.new_material,
        "logo_use": terms.names_and_logos.use_planned,
        "steering_committee": terms.governance.steering_committee,
        "confidentiality": terms.confidentiality,
        "duration_days": (spec.agreement.end_date - spec.agreement.start_date).days + 1,
        "any_item_hazardous": any(i.durable_or_hazardous for c in spec.in_kind() for i in c.items),
        **functions,
    }


def strip_sentinels(text: str) -> str:
    """Return rendered text without the literal and reference markers."""
    return text.translate(_SENTINELS)


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


def parse_source(source: str, *, expression: bool) -> nodes.Template:
    """Return the Jinja AST of a text or of a condition (raises TemplateSyntaxError)."""
    if expression:
        return nodes.Template([nodes.Output([parse_expression(source)])])
    return environment().parse(source)
