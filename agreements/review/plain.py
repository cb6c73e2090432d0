"""Clause conditions in plain words for reviewers: "when any contribution is financial"."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, nodes

from agreements.clauses.sandbox import parse_source

_FLAGS = {
    "is_mou": "the instrument is a memorandum of understanding",
    "personal_data": "personal data is processed",
    "new_material": "new material is created",
    "logo_use": "use of names or logos is planned",
    "steering_committee": "the spec asks for a steering committee",
    "confidentiality": "confidentiality undertakings are chosen",
    "any_item_hazardous": "any goods given in kind are durable or hazardous",
    "children": "the beneficiaries include children",
    "beneficiary_contact": "personnel have contact with beneficiaries",
    "trainees": "the beneficiaries include trainees",
    "special_category_data": "special categories of personal data are processed",
    "screening_conditions": "due diligence attached conditions",
}
_NUMBERS = {"party_count": "the number of parties", "duration_days": "the duration in days"}
_COMPARE = {
    "eq": "is",
    "ne": "is not",
    "gt": "is more than",
    "gteq": "is at least",
    "lt": "is less than",
    "lteq": "is at most",
    "in": "is one of",
    "notin": "is not one of",
}
_CONTRIBUTIONS = {"in_kind": "in kind", "technical_tools": "technical tools"}


def plain_condition(source: str | None) -> str:
    """Return the condition as a sentence starting with 'always' or 'when ...'."""
    if source is None:
        return "always"
    try:
        tree = parse_source(source, expression=True)
    except TemplateSyntaxError:
        return f"when {source} (not readable)"
    output = next(iter(tree.find_all(nodes.Output)))
    return "when " + _words(output.nodes[0])


def _words(node: nodes.Node) -> str:
    if isinstance(node, nodes.And):
        return f"{_group(node.left, nodes.Or)} and {_group(node.right, nodes.Or)}"
    if isinstance(node, nodes.Or):
        return f"{_group(node.left, nodes.And)} or {_group(node.right, nodes.And)}"
    if isinstance(node, nodes.Not):
        inner = node.node
        if isinstance(inner, nodes.Name) and inner.name == "is_mou":
            return "the instrument is not a memorandum of understanding"
        if isinstance(inner, nodes.Getattr) and _value(inner) == "loop.last":
            return "this is not the last of them"
        if isinstance(inner, nodes.Name) and inner.name not in _FLAGS:
            return f"there are no {inner.name.replace('_', ' ')}"
        return f"not ({_words(inner)})"
    if isinstance(node, nodes.Name):
        return _FLAGS.get(node.name, f"there are {node.name.replace('_', ' ')}")
    if isinstance(node, nodes.Getattr) and _value(node) == "loop.last":
        return "this is the last of them"
    if isinstance(node, nodes.Compare):
        left = _value(node.expr)
        parts = [f"{left} {_COMPARE.get(op.op, op.op)} {_value(op.expr)}" for op in node.ops]
        return " and ".join(parts)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        return _call(node)
    return "a condition on the spec"


def _group(node: nodes.Node, bracketed: type[nodes.Node]) -> str:
    text = _words(node)
    return f"({text})" if isinstance(node, bracketed) else text


def _value(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        if node.name == "kind":
            return "the kind of agreement"
        return _NUMBERS.get(node.name, node.name)
    if isinstance(node, nodes.Const):
        return str(node.value).replace("_", " ")
    if isinstance(node, nodes.List | nodes.Tuple):
        return ", ".join(_value(item) for item in node.items)
    if isinstance(node, nodes.Getattr):
        return f"{_value(node.node)}.{node.attr}"
    if isinstance(node, nodes.Filter) and node.name == "length" and node.node is not None:
        return f"the number of {_value(node.node).replace('_', ' ')}"
    return "a value"


def _call(node: nodes.Call) -> str:
    assert isinstance(node.node, nodes.Name)
    args = [a.value for a in node.args if isinstance(a, nodes.Const)]
    kwargs = {k.key: k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)}
    if node.node.name == "has_contribution" and args:
        kind = _CONTRIBUTIONS.get(str(args[0]), str(args[0]).replace("_", " "))
        return f"any contribution is {kind}"
    if node.node.name == "any_party":
        described = " and ".join(f"{k} {str(v).replace('_', ' ')}" for k, v in kwargs.items())
        return f"any party has {described}" if described else "there is any party"
    if node.node.name == "fallback" and args:
        return f"a fallback is chosen for {args[0]}"
    if node.node.name == "has_annex" and args:
        return f"the draft has the annex on {str(args[0]).replace('_', ' ')}"
    if node.node.name == "included" and args:
        return f"the draft has the article {args[0]}"
    return f"{node.node.name}(...)"
