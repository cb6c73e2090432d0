"""The master templates: rendered by docxtpl, then given a body where the marker stands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agreements.word.ooxml import W_NS

BODY_MARKER = "[[AGREEMENT-BODY]]"


def render_template(template: Path, context: dict[str, Any]) -> Any:
    """Return the python-docx document of `template` rendered by docxtpl in a strict sandbox."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    tpl = DocxTemplate(str(template))
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    tpl.render(context, jinja_env=env, autoescape=True)
    return tpl.docx


def replace_marker(document: Any, parts: list[str]) -> None:
    """Put the body, parsed once from XML text, where the template's marker paragraph is."""
    from lxml import etree

    for paragraph in document.paragraphs:
        if paragraph.text == BODY_MARKER:
            marker = paragraph._p
            break
    else:
        raise ValueError(f"the template has no {BODY_MARKER} paragraph")
    container = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{"".join(parts)}</w:body>')
    for element in list(container):
        marker.addprevious(element)
    marker.getparent().remove(marker)
