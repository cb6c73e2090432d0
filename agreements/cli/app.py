"""The typer application and its command groups."""

from __future__ import annotations

from typing import Any

import typer

from agreements import __version__
from agreements.cli import (
    clause_commands,
    draft_commands,
    register_commands,
    returned_commands,
    spec_commands,
)


def _plain_help() -> None:
    """Keep Python types out of help: arguments show their name only, flags no `<bool>`.

    Typer prints each parameter's Python type (`SPEC <list[Path]>`, `--strict <bool>`);
    a partnership officer needs the words, not the annotation."""
    from typer import core

    option_type = getattr(core.TyperOption, "display_type_rich", None)
    if option_type is None or not hasattr(core.TyperArgument, "display_type_rich"):
        return  # another typer: its own help is kept

    def option(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        shown = option_type(self, ctx)
        if shown is None:
            return None
        words = {"<str>": "<text>", "<int>": "<number>", "<int range>": "<number>"}
        return words.get(str(shown), str(shown))

    core.TyperOption.display_type_rich = option  # type: ignore[method-assign]
    core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_plain_help()

app = typer.Typer(
    name="agreements",
    help=(
        "Turn a validated YAML description of a partnership into a Word agreement draft, "
        "assembled from a reviewed clause library."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agreements {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show the full details of an internal error (for bug reports)."
    ),
) -> None:
    """Partnership agreement drafts from YAML specs."""


spec_commands.register(app)
clause_commands.register(app)
draft_commands.register(app)
register_commands.register(app)
returned_commands.register(app)
