"""Text folding shared by the gazetteer, its build script and the cache key.

Danes type "Århus", "Aarhus" and "Arhus", "København", "Koebenhavn" and "Kobenhavn"; GeoNames
spells "Alborg Kommune". `loose_key` folds all of them to one key, so the tables need one entry
per place, not one per spelling.
"""

import re
import unicodedata

_SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DIGRAPHS = (("aa", "a"), ("oe", "o"), ("ae", "a"), ("ue", "u"))


def normalise(query: str) -> str:
    """Canonical form of what someone typed: the cache key. Case and spacing do not matter."""
    text = unicodedata.normalize("NFC", query).casefold()
    return " ".join(text.replace(",", ", ").split()).replace(" ,", ",")


def loose_key(text: str) -> str:
    """'Århus' == 'Aarhus' == 'Arhus' -> 'arhus'; punctuation and hyphens become single spaces."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_SPELLED)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _NOT_WORD.sub(" ", text).strip()
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return text
