"""One line on standard error per problem, in the user's language; never a traceback or a value from the input."""

from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import suppress
from typing import Any, NoReturn

from ..errors import SekswerkRulesError
from ..lang import Lang, Text


def _say(nl: str, en: str, lang: Lang) -> None:
    """One line on standard error; if even that fails, stay silent."""
    with suppress(OSError, ValueError):
        print(Text(f"fout: {nl}", f"error: {en}")(lang), file=sys.stderr, flush=True)


class _Closed(io.TextIOBase):
    """A standard stream the process was started without (``<&-``, ``>&-``), which Python leaves
    as ``None``: reading or writing it fails as a closed descriptor does, with the system's
    reason, so the command reports it as any failure to read or write (status 2)."""

    def _closed(self, *args: Any) -> NoReturn:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    read = readline = write = fileno = _closed

    @property
    def buffer(self) -> NoReturn:
        self._closed()

    def flush(self) -> None:  # nothing is ever buffered
        pass


def _standard_streams() -> None:
    """Put a stream in the place of a standard stream the process was started without: standard
    input or output fails when used; standard error takes the error lines to the null device,
    so a failure still exits 2 instead of crashing on the way (and an error line never ends up
    in standard output)."""
    if sys.stdin is None:
        sys.stdin = _Closed()
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the process's stream until it ends


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
