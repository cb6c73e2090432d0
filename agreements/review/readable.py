"""Clause texts as a reviewer reads them: placeholders as named fields, not template code.

A clause's text holds Jinja (`{{ org.short_name }}`, `{{ the('donor') }}`, `{% if ... %}`)
and markup (`[[Partner]]`, `**Agreement**`). The review pack shows each placeholder as a
field in guillemets saying what the draft puts there («organisation short name», «the
Donor», «Article: Confidentiality»), conditions in plain words, and terms as the words a
draft prints, so lawyers read wording rather than code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jinja2 import Environment, TemplateSyntaxError, nodes

from agreements.clauses.annexes import ANNEX_KEYS, annex_title
from agreements.review.plain import plain_condition

if TYPE_CHECKING:
    from agreements.clauses.load import Library

_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
_STATEMENT = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.DOTALL)
_TERM = re.compile(r"\[\[(.+?)\]\]")
_DEFINED = re.compile(r"\*\*(.+?)\*\*")
_APPLIES = re.compile(r"^Applies when: (.*)$", re.MULTILINE)
_VARIANT = re.compile(r"^(Variant \S+) \(when (.*)\)$", re.MULTILINE)
# Spec roots and loop variables as a reader names them.
_NAMES = {"org": "organisation", "p": "party"}
_SKIPPED_ROOTS = {"terms", "settings"}
_ROLE_FORMS = {"the": "the {}", "The": "The {}", "term": "{}", "Shall_not": "The {} shall not"}
_OTHERS = {
    "the_others": "the other Parties",
    "each_other": "each other Party",
    "Each_other": "Each other Party",
}
_PARSER = Environment()


def field(text: str) -> str:
    """Return `text` as a named field: «text»."""
    return f"\u00ab{text}\u00bb"


def _path(node: nodes.Node) -> list[str]:
    if isinstance(node, nodes.Name):
        return [] if node.name in _SKIPPED_ROOTS else [_NAMES.get(node.name, node.name)]
    if isinstance(node, nodes.Getattr):
        return [*_path(node.node), node.attr]
    return []


def _words(node: nodes.Node) -> str:
    return " ".join(_path(node)).replace("_", " ")


def _describe(source: str, library: Library) -> str:
    """Return what the draft prints for the expression `source`, in words."""
    try:
        node = _PARSER.parse("{{ " + source + " }}").body[0].nodes[0]  # type: ignore[attr-defined]
    except (TemplateSyntaxError, AttributeError, IndexError):
        return source
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        name = node.node.name
        args = [a.value for a in node.args if isinstance(a, nodes.Const)]
        if name in _OTHERS:
            return _OTHERS[name]
        if name in _ROLE_FORMS | {"a": ""} and args:
            try:
                term = library.settings.role_term(str(args[0]))
            except ValueError:
                return source
            if name == "a":
                return f"{'an' if term[:1] in 'AEIOU' else 'a'} {term}"
            return _ROLE_FORMS[name].format(term)
        if name == "annex" and args and args[0] in ANNEX_KEYS:
            return f"Annex: {annex_title(str(args[0]))}"
        if name == "ref" and args:
            # Texts write "Article {{ ref(...) }}": the field is the article's title.
            return _clause_title(str(args[0]), library)
        if name == "refs" and args:
            titles = "; ".join(_clause_title(str(a), library) for a in args)
            present = any(k.key == "present_only" for k in node.kwargs)
            return f"Articles: {titles}" + (", those in the draft" if present else "")
    if isinstance(node, nodes.Filter) and node.node is not None:
        subject = node.node
        if node.name == "names":
            return f"names of the {_words(subject) or 'parties'}"
        if isinstance(subject, nodes.Const):
            return f"{subject.value} {node.name.replace('_', ' ')}"
        return _words(subject) or source
    return _words(node) or source


def _clause_title(clause_id: str, library: Library) -> str:
    source = library.clauses.get(clause_id)
    return source.clause.title.get("en", clause_id) if source else clause_id


def _statement(source: str) -> str:
    keyword, _, rest = source.partition(" ")
    if keyword in ("if", "elif"):
        words = plain_condition(rest).removeprefix("when ")
        return field(("if " if keyword == "if" else "otherwise, if ") + words)
    if keyword == "else":
        return field("otherwise")
    if keyword == "endif":
        return field("end if")
    if keyword == "for":
        variable, _, group = rest.partition(" in ")
        return field(f"for each {_NAMES.get(variable, variable)} of the {group}")
    if keyword == "endfor":
        return field("end of each")
    return field(source)


def _condition(source: str) -> str:
    return "always" if source == "always" else plain_condition(source)


def readable(text: str, library: Library) -> str:
    """Return a clause's reviewable text with every placeholder, condition and term shown
    as a reader sees it."""
    text = _APPLIES.sub(lambda m: f"Applies {_condition(m.group(1))}", text)
    text = _VARIANT.sub(lambda m: f"{m.group(1)} ({plain_condition(m.group(2))})", text)
    text = _EXPRESSION.sub(lambda m: field(_describe(m.group(1), library)), text)
    text = _STATEMENT.sub(lambda m: _statement(m.group(1)), text)
    text = _DEFINED.sub(r"\1", text)
    return _TERM.sub(r"\1", text)


def fields(texts: list[str], library: Library) -> list[str]:
    """Return the named fields of `texts` (without conditions), each once, in order."""
    found: list[str] = []
    for text in texts:
        for match in _EXPRESSION.finditer(text):
            described = field(_describe(match.group(1), library))
            if described not in found:
                found.append(described)
    return found
