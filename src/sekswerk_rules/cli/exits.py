"""Exit statuses of the command line."""

from __future__ import annotations

from ..decision import Verdict

EXIT = {Verdict.LEGAL: 0, Verdict.ILLEGAL: 1, Verdict.UNDETERMINED: 3}


USAGE_ERROR = 2


INTERRUPTED = 130
