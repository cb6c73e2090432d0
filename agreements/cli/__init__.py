"""The `agreements` command line: parse, call one engine function, map errors to exit codes."""

from __future__ import annotations

import contextlib
import os
import signal
import sys


def _terminate(signum: int, frame: object) -> None:
    with contextlib.suppress(OSError):  # not print: this may run in the middle of a print
        os.write(2, b"Interrupted.\n")
    raise KeyboardInterrupt


def _os_message(error: OSError) -> str:
    """Return what the file system said, naming the file (shortened if very long)."""
    name = str(error.filename) if error.filename is not None else ""
    if len(name) > 80:
        name = name[:40] + "\u2026" + name[-30:]
    reason = error.strerror or str(error)
    return f"{name}: {reason.lower()}" if name else reason


def _ignore_late_signals() -> None:
    """Once the run is known to end interrupted, another Ctrl-C has nothing left to stop; left
    to Python's exit, it would end the process by the signal instead of with exit code 130."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)


def main() -> None:
    """Run the CLI; turn engine errors into one-line messages and exit codes, never tracebacks."""
    from agreements.cli.exit_codes import BUG, INTERRUPTED, exit_code_of, os_error_code
    from agreements.cli.style import marked
    from agreements.errors import AgreementsError

    debug = "--debug" in sys.argv or os.environ.get("AGREEMENTS_DEBUG") == "1"
    if "--debug" in sys.argv:
        sys.argv.remove("--debug")
    # SIGTERM ends the run like Ctrl-C, so cleanup (temporary files) still happens.
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    try:
        # Imported once the handlers are in place: a Ctrl-C while typer, click and rich load
        # is then "Interrupted.", not a KeyboardInterrupt traceback.
        from agreements.cli.app import make_app

        make_app(sys.argv[1:])()
    except AgreementsError as exc:
        print(marked(f"Error: {exc}", sys.stderr), file=sys.stderr)
        sys.exit(exit_code_of(exc))
    except KeyboardInterrupt:  # raised by `_terminate`, which said so
        _ignore_late_signals()
        sys.exit(INTERRUPTED)
    except SystemExit as exc:
        if exc.code == INTERRUPTED:
            _ignore_late_signals()
        raise
    except OSError as exc:  # the file system refused: a name too long, a full disk, no access
        if debug:
            raise
        print(marked(f"Error: {_os_message(exc)}", sys.stderr), file=sys.stderr)
        sys.exit(os_error_code(exc))
    except Exception as exc:  # the last line of defence: no traceback unless asked for
        if debug:
            raise
        print(
            f"Internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in agreements; run the same command with --debug for details.",
            file=sys.stderr,
        )
        sys.exit(BUG)
