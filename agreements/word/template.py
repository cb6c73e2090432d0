"""The master templates: rendered by docxtpl, then given a body where the marker stands."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

BODY_MARKER = "[[AGREEMENT-BODY]]"


@cache
def _environment() -> Any:
    """Return the sandbox docxtpl renders templates in, compiling each template XML once.

    docxtpl compiles the Jinja of every template part on every render; a batch renders the
    same parts hundreds of times, so compiled templates are kept per process.
    """
    from jinja2 import StrictUndefined, Template
    from jinja2.sandbox import SandboxedEnvironment

    class CompilingOnce(SandboxedEnvironment):
        compiled: ClassVar[dict[str, Template]] = {}

        def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Template:
            key = str(source)
            if key not in self.compiled:
                self.compiled[key] = super().from_string(source, *args, **kwargs)
            return self.compiled[key]

    return CompilingOnce(undefined=StrictUndefined, autoescape=True)


@cache
def _template_bytes(template: Path, modified: int) -> bytes:
    """Return the bytes of a template file, read once per process and modification time."""
    return template.read_bytes()


def render_template(template: Path, context: dict[str, Any]) -> Any:
    """Return the python-docx document of `template` rendered by docxtpl in a strict sandbox."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(_template_bytes(template, template.stat().st_mtime_ns)))
    tpl.render(context, jinja_env=_environment(), autoescape=True)
    return tpl.docx
