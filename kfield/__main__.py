"""`python -m kfield` and the `kfield` command.

Loading the command line (Typer, Click, the catalogue) takes about a tenth of a second; a Ctrl-C in
that time would end in a traceback from Python's import machinery. It is caught here, before the
first heavy import, and ends as every Ctrl-C does: one line, exit 130.
"""

import sys


def main() -> None:
    try:
        _keep_ctrl_c()
        from kfield.cli import main as command_line
    except BaseException as exc:
        if not by_ctrl_c(exc):
            raise
        sys.exit(interrupted(sys.argv[1:]))
    command_line()


def _keep_ctrl_c() -> None:
    """A Ctrl-C that lands in a weak-reference callback of the import machinery is printed by Python as
    "Exception ignored …" with a traceback, and lost. It is raised again a moment later instead (a
    one-shot timer), back in ordinary code where the command's handling of Ctrl-C sees it; where
    there is no such timer (Windows), the Ctrl-C line is said and kfield ends with 130."""
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            previous(unraisable)
            return
        import signal

        if hasattr(signal, "setitimer"):
            signal.signal(signal.SIGALRM, _again)
            signal.setitimer(signal.ITIMER_REAL, 0.005)
            return
        import os

        os._exit(interrupted(sys.argv[1:]))
    sys.unraisablehook = hook


def _again(*_) -> None:
    raise KeyboardInterrupt


def by_ctrl_c(exc: BaseException | None) -> bool:
    """A KeyboardInterrupt, or an error it caused: Python 3.11 wraps one raised while a class is
    being made (in `__set_name__`, during an import) in a RuntimeError."""
    seen = 0
    while exc is not None and seen < 50:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def interrupted(argv: list[str]) -> int:
    """The Ctrl-C line in the language asked for, without loading the command line."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)          # a second Ctrl-C while the line is printed
    try:
        from kfield.core.i18n import detect_lang, text

        try:
            language = detect_lang(_lang_option(argv))
        except Exception:                                  # an unknown --lang: the line still goes out
            language = "en"
        sys.stderr.write(text("cli.interrupted", language) + "\n")
        sys.stderr.flush()
    except Exception:                                      # even a broken install ends with the code
        pass
    return 130


def _lang_option(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


if __name__ == "__main__":
    main()
