"""Lint of a clause library: every problem a reviewer must fix before drafts use it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import nodes

from agreements.clauses.analyse import DEFINE, USE, analyse_clause
from agreements.clauses.compiled import cached_facts
from agreements.clauses.load import ClauseSource, Library, shown_path
from agreements.clauses.model import Clause, clause_sources
from agreements.clauses.parity import (
    Finding,
    glossary_term,
    language_name,
    translation_findings,
)
from agreements.clauses.safety import parse_checked
from agreements.clauses.sandbox import TERM_FUNCTIONS
from agreements.library import Settings
from agreements.problems import Problem, Severity, sort_key
from agreements.screening import ScreenedPosition, screen

WARNINGS = frozenset({"L12"})


_ORG_PLACEHOLDER = re.compile(r"\{\{\s*org\.(?:short_name|legal_name)\s*\}\}")
_GROUP_PLACEHOLDER = re.compile(r"\{\{\s*(?:the|The|a|term)\(\s*['\"](\w+)['\"]\s*\)\s*\}\}")
_TEMPLATE_SYNTAX = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def screen_clause_text(text: str, settings: Settings) -> list[ScreenedPosition]:
    """Return the forbidden positions a clause text takes, read with the organisation's
    placeholder as its name and each group of parties as "partner"."""
    org = settings.organisation.short_name
    plain = _ORG_PLACEHOLDER.sub(org, text)
    plain = _GROUP_PLACEHOLDER.sub(" partner ", plain)
    plain = _TEMPLATE_SYNTAX.sub(" ", plain).replace("[[", "").replace("]]", "")

    def found(text: str) -> Any:
        taken = screen(text, settings.forbidden_positions, org_names=settings.organisation_names())
        return tuple((f.key, f.title, f.excerpt, f.fix) for f in taken)

    # Screening every text in three languages costs most of a lint: the findings of each
    # text are cached on disk for exactly these positions and names.
    kind = f"screen:{_policy_digest(settings)}"
    return [ScreenedPosition(*entry) for entry in cached_facts(kind, plain, found)]


_DIGESTS: dict[int, tuple[Settings, str]] = {}


def _policy_digest(settings: Settings) -> str:
    """Return a digest of the settings screening depends on: positions and names."""
    known = _DIGESTS.get(id(settings))
    if known is not None and known[0] is settings:
        return known[1]
    policy = [p.model_dump() for p in settings.forbidden_positions], settings.organisation_names()
    digest = hashlib.sha256(repr(policy).encode("utf-8")).hexdigest()[:16]
    _DIGESTS[id(settings)] = (settings, digest)
    return digest


def _problem(source: ClauseSource, code: str, where: str, message: str, fix: str = "") -> Problem:
    path = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", where) if p)
    location = source.loaded.locate(path)
    severity = Severity.WARNING if code in WARNINGS else Severity.ERROR
    return Problem(shown_path(source.path), location, severity, code, where, message, fix)


def _terms(
    clause: Clause, skipped: frozenset[str], role_term: Callable[[str], str], roles: list[str]
) -> tuple[list[str], list[str]]:
    """Return the terms a clause defines and uses, as `analyse_clause` finds them, in its
    texts but those in the `skipped` languages (the translations, checked by L24)."""
    defines: dict[str, None] = {}
    uses: dict[str, None] = {}
    for where, source, expression in clause_sources(clause):
        if expression or where.rsplit(".", 1)[-1] in skipped:
            continue
        uses.update(dict.fromkeys(m.strip() for m in USE.findall(source)))
        if where.startswith(("text.", "alternatives")):
            defines.update(dict.fromkeys(m.strip() for m in DEFINE.findall(source)))
    uses.update(dict.fromkeys(role_term(r) for r in roles))
    defines.update(dict.fromkeys(d.term_in(role_term) for d in clause.defines))
    return list(defines), list(uses)


def _cycles(library: Library) -> Iterator[list[str]]:
    graph = {cid: s.clause.requires for cid, s in library.clauses.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> Iterator[list[str]]:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                yield [*stack[stack.index(nxt) :], nxt]
            elif nxt in graph and state.get(nxt) is None:
                yield from visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if state.get(node) is None:
            yield from visit(node)


def lint_library(library: Library) -> list[Problem]:
    """Return every problem of the library's clause files, sorted by file and position.

    The lock file and the example specs are checked one level up (`agreements.library_check`),
    since they need the review and pipeline packages, which depend on this one."""
    problems = list(library.problems)
    ids = set(library.clauses)
    languages = {lang for s in library.clauses.values() for lang in s.clause.text}
    defined_by: dict[str, list[str]] = {}
    role_term = library.settings.role_term
    facts = {cid: analyse_clause(s.clause, role_term) for cid, s in library.clauses.items()}
    # Terms are defined and used in English; translations mark the glossary's terms (L24).
    declared = frozenset(library.settings.languages)
    terms = {
        cid: _terms(s.clause, declared, role_term, facts[cid].roles)
        for cid, s in library.clauses.items()
    }
    for cid, source in sorted(library.clauses.items()):
        clause = source.clause
        for issue in facts[cid].issues:
            problems.append(_problem(source, issue.code, issue.where, issue.message))
        for ref in facts[cid].refs:
            if ref not in ids:
                problems.append(
                    _problem(source, "L06", "text", f"ref({ref!r}) names no clause of the library")
                )
        for field_name in ("requires", "excludes"):
            for target in getattr(clause, field_name):
                if target not in ids:
                    problems.append(
                        _problem(
                            source, "L07", field_name, f"{field_name} the unknown clause {target!r}"
                        )
                    )
        for where, text, expression in clause_sources(clause):
            if not expression and not text.strip():
                problems.append(_problem(source, "L10", where, "text is empty"))
            if not expression and ".text." in f".{where}":
                for found in screen_clause_text(text, library.settings):
                    problems.append(
                        _problem(
                            source,
                            "L14",
                            where,
                            f"takes a forbidden position: {found.title} ({found.excerpt!r})",
                            found.fix,
                        )
                    )
        # A language the settings declare is checked part by part by the parity rules.
        for lang in sorted(languages - set(clause.text) - set(library.settings.languages)):
            problems.append(
                _problem(
                    source,
                    "L11",
                    "text",
                    f"has no {lang!r} text while other clauses have one",
                    f"add text.{lang}",
                )
            )
        for term in terms[cid][0]:
            defined_by.setdefault(term, []).append(cid)
    for cycle in _cycles(library):
        source = library.clauses[cycle[0]]
        problems.append(
            _problem(source, "L07", "requires", f"requires form a cycle: {' -> '.join(cycle)}")
        )
    for cid, source in sorted(library.clauses.items()):
        for term in terms[cid][1]:
            if term not in defined_by:
                problems.append(
                    _problem(
                        source,
                        "L08",
                        "text",
                        f"uses the term {term!r}, which no clause defines",
                        f'define it with **{term}** or in "definitions"',
                    )
                )
    for term, owners in sorted(defined_by.items()):
        if len(owners) > 1:
            source = library.clauses[owners[1]]
            problems.append(
                _problem(
                    source, "L09", "text", f"defines {term!r}, which {owners[0]!r} defines too"
                )
            )
    problems.extend(parity_problems(library))
    problems.extend(role_problems(library))
    problems.extend(citation_problems(library))
    # Load already refuses what may not run; analysis finds the same, reported once.
    problems = list(dict.fromkeys(problems))
    problems.sort(key=sort_key)
    return problems


def parity_problems(library: Library) -> list[Problem]:
    """Return the problems of the translations into each language the settings declare
    (L17 missing, L18 placeholders, L19 references, L23 paragraphs and items, L24 defined
    terms, L25 glossary gaps: each glossary gap once, where it is first met)."""
    settings = library.settings
    languages = tuple(settings.languages)
    if not languages:
        return []
    problems: list[Problem] = []
    gaps: set[str] = set()
    for _cid, source in sorted(library.clauses.items()):
        findings = list(translation_findings(source.clause, settings, languages))
        for index, definition in enumerate(source.clause.defines):
            for language in languages if definition.term else ():
                if glossary_term(settings, language, definition.term) is None:
                    name = language_name(language)
                    findings.append(
                        Finding(
                            "L25",
                            f"defines[{index}].term.{language}",
                            f"the glossary has no {name} term for {definition.term!r}",
                            f"add `{definition.term}: <{name} term>` under "
                            f"languages.{language}.terms in clauses/settings.yaml",
                        )
                    )
        for finding in findings:
            if finding.code == "L25":
                if finding.message in gaps:
                    continue
                gaps.add(finding.message)
            problems.append(
                _problem(source, finding.code, finding.where, finding.message, finding.fix)
            )
    return problems


# The list of parties that proves a group is not empty, for each group a text can name.
_GROUP_GUARDS = {
    "donor": "donors",
    "in_kind_contributor": "in_kind_contributors",
    "implementing_partner": "implementing_partners",
    "co_organiser": "co_organisers",
    "sponsor": "sponsors",
    "research_partner": "research_partners",
    "research_funder": "research_funders",
}


def _guards(node: nodes.Node | None) -> set[str]:
    """Return the names a condition tests (a name anywhere in it counts as a test)."""
    if node is None:
        return set()
    found = {n.name for n in node.find_all(nodes.Name)}
    if isinstance(node, nodes.Name):
        found.add(node.name)
    return found


def _unguarded_groups(source: str, condition: str | None) -> tuple[str, ...]:
    """Return the groups of parties a text names without its clause's condition, or an
    `{% if %}` around the name, testing that the group has a party (kept in the disk cache
    per text and condition: a library in three languages has three times the texts)."""
    if "(" not in source:
        return ()
    key = f"{condition or ''}\0{source}"
    return cached_facts("unguarded-groups-1", key, _find_unguarded)


def _find_unguarded(key: str) -> tuple[str, ...]:
    condition, source = key.split("\0", 1)
    found = _unguarded(source, condition or None)
    return tuple(found)


def _unguarded(source: str, condition: str | None) -> list[str]:
    tree, _ = parse_checked(source, expression=False)
    condition_tree, _ = parse_checked(condition, expression=True) if condition else (None, [])
    if tree is None or (condition and condition_tree is None):
        return []  # reported as a syntax or nesting error
    outer = _guards(condition_tree)
    found: list[str] = []

    def walk(node: nodes.Node, tested: set[str]) -> None:
        if (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name in TERM_FUNCTIONS
            and node.args
            and isinstance(node.args[0], nodes.Const)
        ):
            group = str(node.args[0].value)
            guard = _GROUP_GUARDS.get(group)
            if guard is not None and guard not in tested and group not in found:
                found.append(group)
        inner = (
            tested | _guards(node.test) if isinstance(node, nodes.If | nodes.CondExpr) else tested
        )
        for child in node.iter_child_nodes():
            walk(child, inner)

    walk(tree, outer)
    return found


def role_problems(library: Library) -> list[Problem]:
    """Return an error (L20) for each text that names a group of parties (the Donor, the
    Sponsor...) in drafts that may have no party in that group: the clause's condition, or
    an `{% if %}` around the words, must test the group (e.g. `donors`)."""
    problems: list[Problem] = []
    for _cid, source in sorted(library.clauses.items()):
        clause = source.clause
        for where, text, expression in clause_sources(clause):
            if expression:
                continue
            condition = clause.applies_when
            if where.startswith("alternatives["):
                index = int(where.split("[", 1)[1].split("]", 1)[0])
                when = clause.alternatives[index].when
                condition = f"({condition}) and ({when})" if condition else when
            for group in _unguarded_groups(text, condition):
                problems.append(
                    _problem(
                        source,
                        "L20",
                        where,
                        f"names the {group.replace('_', ' ')} group, which a draft that "
                        "selects this clause may not have",
                        f"add `{_GROUP_GUARDS[group]}` to applies_when, or put the words in "
                        f"{{% if {_GROUP_GUARDS[group]} %}}",
                    )
                )
    return problems


# Wording that cites an annex or document without saying which; a text cites an annex with
# {{ annex("key") }} so that the plan checks the draft has it and prints its number.
_BARE_CITATIONS = re.compile(
    r"\bannex(?:es)? to this\b|\bannexed to this\b|\bschedule of contributions\b"
    r"|\bproject document\b|\bparticulars of the event\b|\btable of responsibilities\b",
    re.IGNORECASE,
)


def citation_problems(library: Library) -> list[Problem]:
    """Return an error (L21) for each text that cites an annex or a document in words
    ("the annexes to this Agreement", "the project document") instead of with annex()."""
    problems: list[Problem] = []
    for _cid, source in sorted(library.clauses.items()):
        for where, text, expression in clause_sources(source.clause):
            match = None if expression else _BARE_CITATIONS.search(text)
            if match is not None:
                problems.append(
                    _problem(
                        source,
                        "L21",
                        where,
                        f"cites {match.group(0)!r} in words, which may name an annex or document "
                        "the draft does not contain",
                        'cite the annex with {{ annex("key") }}, e.g. annex("budget")',
                    )
                )
    return problems
