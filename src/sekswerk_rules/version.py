"""The library's version (one place; ``pyproject.toml`` names the same)."""

__version__ = "0.2.0"
