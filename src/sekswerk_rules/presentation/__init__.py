"""Presentation: decisions and regimes for people, in Dutch first and English second.

Text and Markdown (``render``), decision tables (``table``), comparisons of two regimes over
a population (``compare``) and the HTML pages (``web`` with ``templates/``). The law's core
never imports this package (a contract in ``pyproject.toml``, checked by a test); the CLI and
the server call it.
"""
