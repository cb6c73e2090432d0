"""Allow `python -m agreements`."""

from __future__ import annotations

from agreements.cli import main

main()
