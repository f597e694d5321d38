"""The regime of the fictional municipality Voorbeeldstad (GM9998), for sekswerk-rules.

sekswerk-rules finds it through the entry point group ``sekswerk_rules.regimes``, whose value
is this folder of regime files.
"""

from pathlib import Path

#: The folder of regime files (TOML) this package ships.
REGIMES = Path(__file__).parent / "regimes"
