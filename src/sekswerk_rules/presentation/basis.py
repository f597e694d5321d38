"""A legal basis in one line, the same in every form: its citation (linked where the form can
link), how sure it is, and where to read it, or that its text was not found publicly (never
"None").

>>> from sekswerk_rules.sources import Basis
>>> law = Basis.model_validate({"source": "sr-273f", "confidence": "high"})
>>> print(line(law, "nl", "text"))
Wetboek van Strafrecht, art. 273f (vertrouwen: hoog) https://wetten.overheid.nl/BWBR0001854#BoekTweede_TiteldeelXVIII_Artikel273f
>>> print(line(law, "en", "markdown"))
[Wetboek van Strafrecht, art. 273f](https://wetten.overheid.nl/BWBR0001854#BoekTweede_TiteldeelXVIII_Artikel273f) (confidence: high)
>>> report = Basis.model_validate({"kind": "report", "citation": "Raadsvoorstel <2012>", "public": False, "confidence": "low"})
>>> print(line(report, "nl", "html"))
Raadsvoorstel &lt;2012&gt; (tekst niet openbaar gevonden) (vertrouwen: laag)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import quote

from ..lang import Lang
from ..sources import Basis
from .words import vocabulary

Form = Literal["text", "markdown", "html"]


def line(basis: Basis | Mapping[str, Any], lang: Lang, form: Form) -> str:
    """One basis as ``form`` shows it; for ``html`` a :class:`Markup` with every value escaped."""
    words = vocabulary(lang)
    get = basis.get if isinstance(basis, Mapping) else lambda name: getattr(basis, name)
    citation, url, public = get("citation"), get("url"), get("public")
    sure = f"({words['confidence']}: {words[str(get('confidence'))]})"
    hidden = "" if url or public is not False else f" ({words['not_public']})"
    if form == "text":
        return f"{citation} {sure} {url}" if url else f"{citation}{hidden} {sure}"
    if form == "markdown":
        return f"[{literal(citation)}]({href(url)}) {sure}" if url else f"{literal(citation)}{hidden} {sure}"
    from markupsafe import Markup, escape  # with jinja2, in the [server] extra: only HTML needs it

    cited = Markup('<a href="{}">{}</a>').format(url, citation) if url else escape(citation)
    return Markup("{}{} {}").format(cited, hidden, sure)


def lines(bases: Any, lang: Lang, form: Form, joiner: str = "; ") -> str:
    """Several bases on one line (``joiner`` between them; for HTML a line break)."""
    if form == "html":
        from markupsafe import Markup

        return Markup("<br>").join(line(b, lang, form) for b in bases)
    return joiner.join(line(b, lang, form) for b in bases)


#: What gives text a meaning in Markdown: a link, emphasis or strike-through, code, raw HTML, an
#: entity (``&lt;`` would show as ``<``), a table cell's end.
_MARKDOWN = re.compile(r"[\\`*_~\[\]<>|&]")


def literal(text: Any) -> str:
    """``text`` as Markdown shows it, character for character (an own regime's name, title or
    citation may hold ``<script>`` or a ``|`` that ends a table cell); a line break is a space.

    >>> print(literal("Stad <b>|x|</b> [a](b)"))
    Stad \\<b\\>\\|x\\|\\</b\\> \\[a\\](b)
    """
    return _MARKDOWN.sub(lambda found: "\\" + found.group(), " ".join(str(text).splitlines()))


def href(url: str) -> str:
    """A link's target as Markdown reads it to its end: parentheses, quotes and spaces encoded."""
    # an entity (``&#41;``) in a link's target is decoded by Markdown: its ``&`` is encoded
    return re.sub(r"&(?=#?\w+;)", "%26", quote(url, safe=":/?#@!$&*+,;=%~-._"))
