"""Comparing a draft with today's library: which clauses changed since it was made."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from agreements.clauses.load import Library
from agreements.review.approvals import approved_text_by_hash, read_lock
from agreements.review.canonical import clause_text, text_hash
from agreements.review.redline import Revisions, redline_paragraphs
from agreements.word.ooxml import paragraph, run

_ARTICLE_KEY = re.compile(r"agreements\.clause\.\d{1,6}")
_CLAUSE = re.compile(r"^(?P<id>[a-z0-9-]+)@(?P<version>\d{1,9})#(?P<hash>[0-9a-f]+)$")


@dataclass(frozen=True)
class ClauseChange:
    """A clause of a draft whose text differs today, or that is gone from the library."""

    number: int
    clause_id: str
    draft_version: int
    current_version: int | None
    old_text: str | None
    new_text: str | None

    def describe(self) -> str:
        """Return one line for people."""
        if self.current_version is None:
            return (
                f"Article {self.number}: {self.clause_id}@{self.draft_version} is no "
                "longer in the library"
            )
        return (
            f"Article {self.number}: {self.clause_id}@{self.draft_version} -> "
            f"@{self.current_version} (text changed since the draft was made)"
        )


def changes_since(properties: dict[str, str], library: Library) -> list[ClauseChange]:
    """Return the clauses of a draft (from its provenance) that differ in `library` now."""
    language = properties.get("agreements.language", "en")
    lock = read_lock(library)
    found: list[ClauseChange] = []
    # The articles are the clause properties the file holds; its clause_count is not
    # trusted (a hostile file may claim a trillion articles).
    numbered = sorted(
        (int(key.rsplit(".", 1)[1]), value)
        for key, value in properties.items()
        if _ARTICLE_KEY.fullmatch(key)
    )
    for number, entry in numbered:
        match = _CLAUSE.match(entry)
        if match is None:
            continue
        cid, version, recorded = match["id"], int(match["version"]), match["hash"]
        old = approved_text_by_hash(lock, cid, language, recorded)
        source = library.clauses.get(cid)
        if source is None:
            found.append(ClauseChange(number, cid, version, None, old, None))
            continue
        current = clause_text(source.clause, language)
        if not text_hash(current).startswith(recorded):
            found.append(ClauseChange(number, cid, version, source.clause.version, old, current))
    return found


def redline_document(changes: list[ClauseChange], library: Library) -> bytes:
    """Return a Word document showing each change as tracked changes, where the old text is
    known (it was approved at some point); otherwise says that it is not recorded."""
    from agreements.word.package import package_bytes
    from agreements.word.template import render_template

    revisions = Revisions("Changes since the draft", "2026-01-01T00:00:00Z")
    body: list[str] = []
    for change in changes:
        body.append(paragraph("AnnexSubheading", run(change.describe()), keep_next=True))
        if change.old_text is None:
            body.append(
                paragraph(
                    "Recital",
                    run(
                        "The text this draft used was never approved, so it is not recorded; "
                        "the current text follows."
                    ),
                )
            )
            body.extend(
                paragraph("Recital", run(line))
                for line in (change.new_text or "").split("\n")
                if line.strip()
            )
        else:
            body.extend(
                redline_paragraphs(change.old_text, change.new_text or "", revisions, "Recital")
            )
    if not changes:
        body.append(paragraph("Recital", run("No clause of this draft has changed.")))
    document = render_template(
        library.root / "templates" / "review-pack.docx",
        {
            "title": "Changes to the clauses of a draft",
            "subtitle": f"Compared with clause library {library.version}",
            "header": f"REDLINE \u2014 clause library {library.version}",
        },
    )
    fixed = dt.datetime(2026, 1, 1)
    document.core_properties.created = document.core_properties.modified = fixed
    return package_bytes(document, {"agreements.library_version": library.version}, body)
