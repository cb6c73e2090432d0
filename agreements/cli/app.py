"""The typer application and its command groups."""

from __future__ import annotations

import importlib
from typing import Any

import typer

from agreements import __version__

# The module that adds each command, in the order of the help's list of commands.
COMMANDS = {
    "validate": "spec_commands",
    "rules": "spec_commands",
    "schema": "spec_commands",
    "new": "spec_commands",
    "clauses": "clause_commands",
    "explain": "clause_commands",
    "generate": "draft_commands",
    "inspect": "draft_commands",
    "register": "register_commands",
    "review-returned": "returned_commands",
}


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


def make_app(argv: list[str] | None = None) -> typer.Typer:
    """Return the application for the arguments `argv` (default: all commands).

    When the first argument names a command, only the commands of its module are added:
    typer builds the parameters of every command it holds before running one, so a cold
    `agreements validate` would otherwise build all of them. Anything else (no argument,
    an option such as --help or --version, an unknown command, shell completion) gets
    every command, so help, completion and "no such command" read as before."""
    first = argv[0] if argv else ""
    chosen = COMMANDS.get(first) if first and not first.startswith("-") else None
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
    app.callback()(_root)
    for name in dict.fromkeys(COMMANDS.values()):
        if chosen is None or name == chosen:
            importlib.import_module(f"agreements.cli.{name}").register(app)
    return app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agreements {__version__}")
        raise typer.Exit()


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
