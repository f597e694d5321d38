"""One line on standard error per problem, in the user's language; never a traceback or a value from the input."""

from __future__ import annotations

import os
import sys
from contextlib import suppress

from ..errors import SekswerkRulesError
from ..lang import Lang, Text


def _say(nl: str, en: str, lang: Lang) -> None:
    """One line on standard error; if even that fails, stay silent."""
    with suppress(OSError, ValueError):
        print(Text(f"fout: {nl}", f"error: {en}")(lang), file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """If standard output cannot take what is left in its buffer, point it at the null device,
    so the interpreter's last flush does not fail again (with a message of several lines)."""
    try:
        sys.stdout.flush()
        return
    except (OSError, ValueError):
        pass
    with suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _fail(exc: SekswerkRulesError, lang: Lang) -> None:
    """One line per problem; a control character in a message can never start another line."""
    prefix = Text("fout", "error")(lang)
    lines = [line for line in exc.render(lang).splitlines() if line.strip()]
    text = "".join(f"{prefix}: {''.join(c if c.isprintable() else ' ' for c in line)}\n" for line in lines)
    with suppress(OSError, ValueError):
        sys.stderr.write(text)
        sys.stderr.flush()
