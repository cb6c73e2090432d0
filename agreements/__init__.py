"""agreements: assemble partnership agreement drafts from validated YAML specs."""

from __future__ import annotations

__version__ = "0.1.0"
