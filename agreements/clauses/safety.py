"""What a clause condition or text may contain before it is ever run.

Lint reports these problems to the library's reviewers, and loading a library refuses them,
so a library nobody linted still cannot run what lint refuses. The rules are structural
(checked on the source and its syntax tree, once per text): a bounded size and nesting depth,
so neither Jinja's parser nor Python's compiler can recurse without end; only the names,
functions and filters of the clause language; no method calls, no internal attributes; no
macros, includes, assignments or `~` joins, which clause texts have no use for and which
would let a text build values of any size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError

from agreements.clauses.sandbox import (
    FILTERS,
    FLAGS,
    FUNCTIONS,
    SPEC_ROOTS,
    environment,
    parse_source,
)

# Raise when the rules change, so cached entries checked under older rules are not trusted.
SAFETY_VERSION = 1
MAX_SOURCE_CHARS = 20_000
MAX_BRACKETS = 16
MAX_BLOCKS = 16
SAFE_FILTERS = frozenset(
    {"length", "join", "lower", "upper", "capitalize", "first", "last", "list", "trim"}
)
_FORBIDDEN_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Extends,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Macro,
    nodes.CallBlock,
    nodes.FilterBlock,
    nodes.With,
    nodes.Block,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.Concat,
    nodes.ScopedEvalContextModifier,
)
_FORBIDDEN_NAMES = {
    nodes.Assign: "assignment ({% set %})",
    nodes.AssignBlock: "assignment ({% set %})",
    nodes.Concat: "the ~ operator",
    nodes.FilterBlock: "a filter block",
    nodes.CallBlock: "a call block",
    nodes.ScopedEvalContextModifier: "autoescape",
}
CLAUSE_NAMES = frozenset(SPEC_ROOTS) | frozenset(FLAGS) | frozenset(FUNCTIONS)
_OPENING = {"(", "[", "{"}
_CLOSING = {")", "]", "}"}
_BLOCK_OPENERS = {"for", "if", "macro", "call", "filter", "block", "with", "autoescape", "set"}


@dataclass(frozen=True)
class Violation:
    """One reason a source may not run: the lint code and a message for the reviewer."""

    code: str
    message: str


class UnsafeSource(SecurityError):
    """A condition or text breaks the rules of this module (see `check_source`); raised
    when something asks to run it anyway."""


def _nesting(source: str, *, expression: bool) -> Violation | None:
    """Return why `source` nests too deeply, from its tokens (lexing does not recurse)."""
    text = "{{" + source + "}}" if expression else source
    brackets = blocks = 0
    expect_block_name = False
    try:
        for _, kind, value in environment().lex(text):
            if kind == "operator" and value in _OPENING:
                brackets += 1
                if brackets > MAX_BRACKETS:
                    return Violation("L15", f"nests brackets more than {MAX_BRACKETS} deep")
            elif kind == "operator" and value in _CLOSING:
                brackets -= 1
            elif kind == "block_begin":
                expect_block_name = True
                continue
            elif kind == "name" and expect_block_name:
                if value in _BLOCK_OPENERS:
                    blocks += 1
                elif value.startswith("end"):
                    blocks -= 1
                if blocks > MAX_BLOCKS:
                    return Violation("L15", f"nests blocks more than {MAX_BLOCKS} deep")
            expect_block_name = False
    except TemplateSyntaxError as exc:
        return Violation("L15", f"template syntax error: {exc.message}")
    return None


def parse_checked(
    source: str, *, expression: bool, max_chars: int | None = MAX_SOURCE_CHARS
) -> tuple[nodes.Template | None, list[Violation]]:
    """Return the syntax tree of `source` and the violations of its size and nesting; the
    tree is None when it could not (or must not) be built."""
    if max_chars is not None and len(source) > max_chars:
        return None, [Violation("L15", f"is longer than {MAX_SOURCE_CHARS} characters")]
    too_nested = _nesting(source, expression=expression)
    if too_nested is not None:
        return None, [too_nested]
    try:
        tree = parse_source(source, expression=expression)
    except TemplateSyntaxError as exc:
        return None, [Violation("L15", f"template syntax error: {exc.message}")]
    return tree, []


def _local_names(tree: nodes.Template) -> set[str]:
    local: set[str] = set()
    for loop in tree.find_all(nodes.For):
        assert isinstance(loop, nodes.For)
        target = loop.target
        names = [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))
        local.update(name.name for name in names if isinstance(name, nodes.Name))
        local.add("loop")  # Jinja's loop variable (loop.first, loop.last)
    return local


def _attribute(node: nodes.Getattr | nodes.Getitem) -> object:
    if isinstance(node, nodes.Getattr):
        return node.attr
    return getattr(node.arg, "value", "")


def violations(tree: nodes.Template, names: frozenset[str] = CLAUSE_NAMES) -> Iterator[Violation]:
    """Yield what in a parsed condition or text the clause language does not allow; `names`
    are the names it may use besides its own loop variables."""
    for bad in tree.find_all(_FORBIDDEN_NODES):
        what = _FORBIDDEN_NAMES.get(type(bad), type(bad).__name__.lower())
        yield Violation("L05", f"uses {what}, which clause texts may not use")
    internal = [
        attr
        for node in tree.find_all((nodes.Getattr, nodes.Getitem))
        if isinstance(attr := _attribute(node), str) and attr.startswith("_")  # type: ignore[arg-type]
    ]
    for attr in internal:
        yield Violation(
            "L13", f"reaches for the internal attribute {attr!r}; only spec fields may be used"
        )
    if internal:
        return
    allowed = names | _local_names(tree)
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in allowed:
            yield Violation("L05", f"uses the unknown name {name.name!r}")
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            yield Violation(
                "L05",
                "calls a method; only the library's "
                f"functions ({', '.join(FUNCTIONS)}) may be called",
            )
    for flt in tree.find_all(nodes.Filter):
        if flt.name not in FILTERS and flt.name not in SAFE_FILTERS:
            yield Violation("L05", f"uses the unknown filter {flt.name!r}")
    for loop in tree.find_all(nodes.For):
        assert isinstance(loop, nodes.For)
        if not _is_data(loop.iter):
            yield Violation("L05", "loops over a computed value; loop over spec data only")
    for test in tree.find_all(nodes.Test):
        if test.name not in _SAFE_TESTS:
            yield Violation("L05", f"uses the unknown test {test.name!r}")


_SAFE_TESTS = frozenset(
    {"defined", "undefined", "none", "number", "string", "odd", "even", "in", "true", "false"}
)


def _is_data(node: nodes.Node) -> bool:
    """Return True for a name, or an attribute or item of one (spec data, not a value the
    text computes, such as `'x' * 10000`)."""
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        node = node.node
    return isinstance(node, nodes.Name)


def check_source(source: str, *, expression: bool) -> list[Violation]:
    """Return every reason `source` may not run (empty when it may)."""
    tree, problems = parse_checked(source, expression=expression)
    if tree is None:
        return problems
    return list(dict.fromkeys(violations(tree)))


def check_parsed(source: str, names: frozenset[str]) -> list[Violation]:
    """Return why a template `source` using `names` may not run (empty when it may): the
    clause rules, for Jinja written elsewhere (a master template's own fields)."""
    tree, problems = parse_checked(source, expression=False, max_chars=None)
    if tree is None:
        return problems
    return list(dict.fromkeys(violations(tree, names)))
