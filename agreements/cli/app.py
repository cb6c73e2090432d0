"""The typer application and its command groups."""

from __future__ import annotations

import typer

from agreements import __version__
from agreements.cli import clause_commands, draft_commands, returned_commands, spec_commands

app = typer.Typer(
    name="agreements",
    help=(
        "Turn a validated YAML description of a partnership into a Word agreement draft, "
        "assembled from a reviewed clause library."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agreements {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Partnership agreement drafts from YAML specs. Add --debug to any command for details
    of an internal error."""


spec_commands.register(app)
clause_commands.register(app)
draft_commands.register(app)
returned_commands.register(app)
