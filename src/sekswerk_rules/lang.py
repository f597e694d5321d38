"""Two languages, Dutch first and English second, and one way to pick between them.

Every text the library shows exists in both: a :class:`Text` (or any ``(Dutch, English)``
pair) gives the one for a language with :func:`pick`. A language other than ``nl`` or ``en``
is an error, never a silent fall back to English.

>>> greeting = Text("Goedemiddag", "Good afternoon")
>>> greeting("nl"), pick(greeting, "en"), pick(("ja", "yes"), "nl")
('Goedemiddag', 'Good afternoon', 'ja')
>>> pick(greeting, "de")
Traceback (most recent call last):
...
ValueError: unknown language 'de': use 'nl' or 'en'
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Lang = Literal["nl", "en"]

#: The languages, in the order every (Dutch, English) pair gives them.
LANGUAGES: tuple[Lang, ...] = ("nl", "en")

_INDEX = {"nl": 0, "en": 1}


def pick(texts: tuple[str, str], lang: Lang) -> str:
    """The text in ``lang`` of a (Dutch, English) pair; ``ValueError`` for another language."""
    index = _INDEX.get(lang)
    if index is None:
        raise ValueError(f"unknown language {lang!r}: use 'nl' or 'en'")
    return texts[index]


class Text(NamedTuple):
    """A text in Dutch and in English; ``text(lang)`` picks one."""

    nl: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return pick(self, lang)

    def capitalized(self) -> Text:
        return Text(self.nl[:1].upper() + self.nl[1:], self.en[:1].upper() + self.en[1:])


def words(table: dict[str, tuple[str, str]], lang: Lang) -> dict[str, str]:
    """A table of (Dutch, English) pairs as the words of one language.

    >>> words({"yes": ("ja", "yes")}, "nl")
    {'yes': 'ja'}
    """
    return {key: pick(pair, lang) for key, pair in table.items()}
