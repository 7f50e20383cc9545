"""`python -m kfield` and the `kfield` command.

Loading the command line (Typer, Click, the catalogue) takes about a tenth of a second; a Ctrl-C in
that time would end in a traceback from Python's import machinery. It is caught here, before the
first heavy import, and ends as every Ctrl-C does: one line, exit 130.
"""

import sys


def main() -> None:
    try:
        _keep_ctrl_c()
        args, _ = _choose_language(sys.argv[1:])         # once, before the first help text is made
        from kfield.cli import quiet_exit
    except BaseException as exc:
        if not by_ctrl_c(exc):
            raise
        sys.exit(interrupted(sys.argv[1:]))
    code = funnelled(args)
    quiet_exit()
    sys.exit(code)


def funnelled(args: list[str]) -> int:
    """The command line run through the one error funnel (kfield.cli.errors.handled): its exit code."""
    from kfield.cli import errors, execute

    return errors.handled(lambda: execute(args))


def run(argv: list[str]) -> int:
    """A whole run for a list of arguments, its language given back after (tests run many in one process)."""
    args, token = _choose_language(argv)
    try:
        return funnelled(args)
    finally:
        if token is not None:
            from kfield.core.i18n import reset_lang

            reset_lang(token)


def split_lang(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--lang vi` anywhere on the command line (at the root, after a group or a command) chooses the
    language of everything, help included: the value and the other arguments."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1], argv[:index] + argv[index + 2:]
        if arg.startswith("--lang="):
            return arg[len("--lang="):], argv[:index] + argv[index + 1:]
    return None, list(argv)


def _choose_language(argv: list[str]):
    """The run's language from `--lang`, set once (kfield.core.i18n.use_lang); the arguments left for
    the parser, and the token that gives the previous language back. A value that is not a language is
    moved to the root, where the parser refuses it in one line."""
    from kfield.core.errors import KfieldError
    from kfield.core.i18n import use_lang

    value, rest = split_lang(argv)
    if value is None:
        return rest, None
    try:
        return rest, use_lang(value)
    except KfieldError:
        return ["--lang", value, *rest], None


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
            language = detect_lang(split_lang(argv)[0])
        except Exception:                                  # an unknown --lang: the line still goes out
            language = "en"
        sys.stderr.write(text("cli.interrupted", language) + "\n")
        sys.stderr.flush()
    except Exception:                                      # even a broken install ends with the code
        pass
    return 130


if __name__ == "__main__":
    main()
