"""The command line: a thin shell that parses arguments and renders decisions.

Exit status of ``check``: 0 legal, 1 illegal, 3 undetermined; only a verdict gives these.
Every failure exits 2 with one line per problem on standard error and never a traceback:
bad usage, invalid input, a file that cannot be read or written, a closed pipe, a full disk,
even a bug (then only the kind of error is named, never its text, which could hold input).
An interrupt (Ctrl-C) exits 130, the shell's convention, with one line.

For many cases (JSON Lines, or ``-`` for standard input) every input line gets exactly one
output record, in order, carrying its line number (``"line": N``) and the case's own ``id``
when it has one; a blank line or an over-long line gets an error record (``empty_line``,
``too_large``; an over-long line is never read whole). The status is that of the worst
verdict, 2 if any line was invalid, and 2 for an empty input; every valid line is decided.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import threading
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, NoReturn

from ..case import Case
from ..errors import SekswerkRulesError
from ..lang import Lang
from .check import _check
from .commands import _compare, _regime_command, _synth, _toets
from .exits import EXIT, INTERRUPTED, USAGE_ERROR
from .output import _fail, _say, _silence_stdout, _standard_streams
from .parser import _ERROR_LANG, COMMANDS, _parser
from .reading import _catalog


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. The one place that catches every failure."""
    lang: Lang = "en" if _wants_english(sys.argv[1:] if argv is None else argv) else "nl"
    token = _ERROR_LANG.set(lang)
    try:
        args = _parser().parse_args(argv)
        lang = args.lang
        status = _run(args, lang)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
        return status
    except SekswerkRulesError as exc:
        _fail(exc, lang)
    except KeyboardInterrupt:
        _say("onderbroken", "interrupted", lang)
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        _say("de uitvoer is afgesloten voordat alles geschreven was", "the output was closed before everything was written", lang)
    except OSError as exc:
        _silence_stdout()
        reason = exc.strerror or type(exc).__name__  # the system's reason, never a file name or content
        _say(f"lezen of schrijven mislukt: {reason}", f"reading or writing failed: {reason}", lang)
    except MemoryError:
        _say("te weinig geheugen", "out of memory", lang)
    except Exception as exc:  # a RecursionError, a bug: never a traceback
        _say(
            f"interne fout ({type(exc).__name__}); meld dit aan de ontwikkelaars, zonder de invoer",
            f"internal error ({type(exc).__name__}); please report it to the developers, without the input",
            lang,
        )
    finally:
        _ERROR_LANG.reset(token)
    return USAGE_ERROR


def run() -> NoReturn:
    """The process's entry point (``sekswerk-rules``, ``python -m sekswerk_rules``): :func:`main`'s
    status as the exit status.

    Called by one of those two directly, with nothing else running in the process, it leaves
    without the interpreter's teardown, which frees every module and object one by one before
    the operating system takes the memory back anyway: about 30 ms of the 195 ms a ``check`` of
    one case took from a wheel install (``benchmarks/bench.py``'s P3, measured 2026-11-28). The
    ``atexit`` handlers run first, as at a normal exit, and what they wrote is flushed. The
    interpreter exits the usual way when anything could still want to act after this returns:
    a caller that may catch the exit (``runpy.run_module``, ``pdb``, ``cProfile``, ``coverage
    run``, ``kernprof``: anything but the two entry points), ``python -i``, another thread
    alive (it would wait for it), a tracer, profiler or ``sys.monitoring`` tool set; or when the
    last flush fails (it reports that as usual).
    A standard stream the process was started without (``<&-``, ``>&-``, ``2>&-``) is put in
    place first, so that a failure still exits 2 (see ``cli.output._standard_streams``).
    """
    _standard_streams()
    status = main()
    exit_functions = getattr(atexit, "_run_exitfuncs", None)  # CPython's, what its exit runs first
    if exit_functions is not None and _alone():
        try:
            exit_functions()  # each runs once: CPython forgets them after running them
            _flush()  # main() flushed its own output; this is what the handlers wrote
        except (OSError, ValueError):
            pass
        else:
            os._exit(status)
    raise SystemExit(status)


def _alone() -> bool:
    """Whether nothing in the process could act after :func:`run` returns (see there)."""
    if threading.active_count() != 1 or sys.gettrace() is not None or sys.getprofile() is not None:
        return False
    if sys.flags.inspect or os.environ.get("PYTHONINSPECT"):
        return False
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: cProfile and coverage's sysmon core use it
    if monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6)):
        return False
    return _called_by_entry_point(sys._getframe(2))  # the caller of run()


def _called_by_entry_point(frame: Any) -> bool:
    """Whether ``frame`` (the caller of :func:`run`) is the console script's module or this
    package's ``__main__`` run by ``python -m``, with nothing above it: a module run as
    ``__main__`` at the bottom of the stack, or under ``runpy``'s two frames of ``python -m``."""
    if frame is None or frame.f_globals.get("__name__") != "__main__":
        return False
    above = frame.f_back
    if above is None:
        return True  # the console script
    for name in ("_run_code", "_run_module_as_main"):
        if above is None or above.f_code.co_name != name or above.f_globals.get("__name__") != "runpy":
            return False
        above = above.f_back
    return above is None


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _wants_english(argv: Sequence[str]) -> bool:
    """Whether the command line asks for English, read before argparse (whose errors it chooses):
    ``--lang en`` or ``--lang=en``, also abbreviated as argparse accepts it (``--lan en``, ``--l=en``:
    no other option starts with ``--l``); the last one given counts, as in argparse, and nothing
    after ``--`` is an option.

    >>> [_wants_english(a) for a in (["--lan", "en"], ["--l=en"], ["--lang", "en", "--lang", "nl"], ["--", "en"], ["--date", "en"], ["--", "--lang", "en"])]
    [True, True, False, False, False, False]
    """
    wanted = False
    for word, following in pairwise([*argv, ""]):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if len(name) > 2 and "--lang".startswith(name):
            wanted = (value if equals else following) == "en"
    return wanted


def _run(args: argparse.Namespace, lang: Lang) -> int:
    if args.command == "check":
        return _check(args, lang)
    if args.command == "compare":
        return _compare(args, lang)
    if args.command == "synth":
        return _synth(args, lang)
    if args.command == "serve":
        try:
            from ..server import serve as run_server
        except ImportError:
            _say(
                "de HTTP-interface vraagt de extra [server]: pip install 'sekswerk-rules[server]'",
                "the HTTP interface needs the [server] extra: pip install 'sekswerk-rules[server]'",
                lang,
            )
            return USAGE_ERROR
        try:
            run_server(args.host, args.port, lang=args.lang, regimes=_catalog(args))
        except SystemExit as exc:  # uvicorn leaves with 3 when it cannot start: not the status of "undetermined"
            if exc.code in (0, None):
                raise
            _say(
                "de server kon niet starten op dit adres en deze poort (al in gebruik, of niet toegestaan)",
                "the server could not start on this address and port (already in use, or not allowed)",
                lang,
            )
            return USAGE_ERROR
        return 0
    if args.command == "schema":
        if args.scenario:
            from ..scenarios import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        elif args.regime_file:
            from .. import regime_schema

            sys.stdout.write(regime_schema.render())
        else:
            print(json.dumps(Case.model_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "toets":
        return _toets(args, lang)
    if args.command == "regimes":
        for regime in _catalog(args).regimes():
            versions = ", ".join(v.valid_from.isoformat() for v in regime.versions)
            print(f"{regime.id}\t{regime.cbs_code or '-'}\t{regime.name}\t{versions}")
        return 0
    return _regime_command(args, lang)


__all__ = ["COMMANDS", "EXIT", "INTERRUPTED", "USAGE_ERROR", "main", "run"]
