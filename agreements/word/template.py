"""The master templates: rendered by docxtpl, then given a body where the marker stands."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from agreements.errors import LibraryError

BODY_MARKER = "[[AGREEMENT-BODY]]"
# A rendered template part (its XML) may be this large; a real one is well under 1 MB.
MAX_PART_CHARS = 20_000_000
MAX_PART_CHUNKS = 500_000
# The names the Jinja of a master template or review-pack template may use.
TEMPLATE_NAMES = frozenset(
    {
        "title",
        "reference",
        "party_names",
        "draft_note",
        "subtitle",
        "header",
        # The fixed words of the cover and footer, in the draft's language.
        "between",
        "and_word",
        "reference_line",
        "page_word",
        "page_of",
    }
)


@cache
def _environment() -> Any:
    """Return the sandbox docxtpl renders templates in, compiling each template XML once.

    It is the clause sandbox, bounded in time and size, and each template part's Jinja is
    held to the clause rules before it compiles. docxtpl compiles the Jinja of every
    template part on every render; a batch renders the same parts hundreds of times, so
    compiled templates are kept per process.
    """
    from jinja2 import StrictUndefined, Template

    from agreements.clauses import budget
    from agreements.clauses.safety import check_parsed
    from agreements.clauses.sandbox import BoundedSandbox

    class BoundedTemplate(Template):
        """A template part whose rendering is held to the budget's size limits."""

        def render(self, *args: Any, **kwargs: Any) -> str:
            return budget.bounded_text(
                self.generate(*args, **kwargs), limit=MAX_PART_CHARS, max_chunks=MAX_PART_CHUNKS
            )

    class CompilingOnce(BoundedSandbox):
        compiled: ClassVar[dict[str, Template]] = {}
        template_class = BoundedTemplate

        def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Template:
            key = str(source)
            if key not in self.compiled:
                refused = check_parsed(key, TEMPLATE_NAMES)
                if refused:
                    raise LibraryError(
                        f"a template's own fields may not run: they {refused[0].message}"
                    )
                self.compiled[key] = super().from_string(source, *args, **kwargs)
            return self.compiled[key]

    return CompilingOnce(undefined=StrictUndefined, autoescape=True)


@cache
def _template_bytes(template: Path, modified: int) -> bytes:
    """Return the bytes of a template file, read and checked once per process and
    modification time (see `word.template_check`)."""
    from agreements.word.template_check import check_template

    data = template.read_bytes()
    check_template(data, str(template))
    return data


def render_template(template: Path, context: dict[str, Any]) -> Any:
    """Return the python-docx document of `template` rendered by docxtpl in the bounded
    sandbox (raises `LibraryError` for a template that may not be used)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from agreements.clauses import budget

    tpl = DocxTemplate(io.BytesIO(_template_bytes(template, template.stat().st_mtime_ns)))
    try:
        with budget.evaluation_budget(), budget.naming(f"the template {template.name}"):
            tpl.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as exc:
        raise LibraryError(f"{template}: its own fields cannot be filled in: {exc}") from None
    return tpl.docx
