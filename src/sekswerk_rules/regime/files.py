"""The shipped regime files: which there are, and the CBS code each names (read without building them)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..tomlread import loads


@lru_cache(maxsize=1)
def _shipped() -> dict[str, str]:
    """Shipped regime id -> file name."""
    folder = resources.files("sekswerk_rules").joinpath("regimes")
    return {p.name.removesuffix(".toml"): p.name for p in folder.iterdir() if p.name.endswith(".toml")}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """CBS code -> regime id, read from each shipped file without building its regime."""
    codes = {}
    for regime_id, name in _shipped().items():
        raw = loads(resources.files("sekswerk_rules").joinpath("regimes", name).read_text("utf-8"))
        if raw.get("cbs_code"):
            codes[raw["cbs_code"]] = regime_id
    return codes
