"""The English stemmer of the search: exactly what the browser's ``lunr.stemmer`` (lunr.js 2.3.9) gives.

The search index is built here and queried by lunr.js, so a word must reduce to the same stem on both sides or it
is never found. lunr.py's Porter stemmer differs from the JavaScript one (``keys``, ``deploy``), so this follows
the JavaScript, quirks included. The browser tests run both over thousands of words and compare.
"""

from __future__ import annotations

import re
from functools import lru_cache

# ---- English: the regex form of Porter's algorithm, as lunr.js writes it ----

_C = "[^aeiou][^aeiouy]*"
"""A consonant sequence."""
_V = "[aeiouy][aeiou]*"
"""A vowel sequence."""
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN_STEM = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou", "ism",
          "ate", "iti", "ous", "ive", "ize")


def _alternatives(words) -> str:
    return "|".join(words)


_RE_1A = re.compile(r"^(.+?)(ss|i)es$")
_RE2_1A = re.compile(r"^(.+?)([^s])s$")
_RE_1B = re.compile(r"^(.+?)eed$")
_RE2_1B = re.compile(r"^(.+?)(ed|ing)$")
_RE_1B_E = re.compile(r"(at|bl|iz)$")
_RE_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_RE_1C = re.compile(r"^(.+?[^aeiou])y$")
_RE_2 = re.compile(f"^(.+?)({_alternatives(_STEP2)})$")
_RE_3 = re.compile(f"^(.+?)({_alternatives(_STEP3)})$")
_RE_4 = re.compile(f"^(.+?)({_alternatives(_STEP4)})$")
_RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
_RE_5 = re.compile(r"^(.+?)e$")


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """``word`` (lower case) reduced as lunr.js's Porter stemmer reduces it."""
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    if initial_y:
        word = "Y" + word[1:]
    # step 1a: plurals
    if _RE_1A.match(word):
        word = _RE_1A.sub(r"\1\2", word)
    elif _RE2_1A.match(word):
        word = _RE2_1A.sub(r"\1\2", word)
    # step 1b: -eed, -ed, -ing
    match = _RE_1B.match(word)
    if match:
        if _MGR0.search(match.group(1)):
            word = word[:-1]
    else:
        match = _RE2_1B.match(word)
        if match and _VOWEL_IN_STEM.search(match.group(1)):
            word = match.group(1)
            if _RE_1B_E.search(word):
                word += "e"
            elif _RE_1B_DOUBLE.search(word):
                word = word[:-1]
            elif _CVC.search(word):
                word += "e"
    # step 1c: y after a consonant becomes i
    match = _RE_1C.match(word)
    if match:
        word = match.group(1) + "i"
    # steps 2 and 3: double and single suffixes, when the stem has a measure above 0
    for pattern, table in ((_RE_2, _STEP2), (_RE_3, _STEP3)):
        match = pattern.match(word)
        if match and _MGR0.search(match.group(1)):
            word = match.group(1) + table[match.group(2)]
    # step 4: suffixes removed when the measure is above 1
    match = _RE_4.match(word)
    if match:
        if _MGR1.search(match.group(1)):
            word = match.group(1)
    else:
        match = _RE2_4.match(word)
        if match and _MGR1.search(match.group(1) + match.group(2)):
            word = match.group(1) + match.group(2)
    # step 5: a final e, a double l
    match = _RE_5.match(word)
    if match:
        stem = match.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            word = stem
    if word.endswith("ll") and _MGR1.search(word):
        word = word[:-1]
    if initial_y:
        word = "y" + word[1:]
    return word


