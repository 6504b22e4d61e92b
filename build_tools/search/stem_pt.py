"""The Portuguese stemmer of the search: exactly what the browser's ``lunr.pt.stemmer`` (lunr-languages) gives.

NLTK's Portuguese Snowball differs from the JavaScript port (``execução``, ``segurança``), so this follows the
JavaScript, quirks included; the browser tests run both over thousands of words and compare.
"""

from __future__ import annotations

from functools import lru_cache

# ---- Portuguese: Snowball, as the lunr-languages port runs it ----

_PT_VOWELS = frozenset("aeiouáâéêíóôú")
"""The Snowball ``v`` grouping (ã and õ are rewritten as ``a~``/``o~`` first)."""

_PT_STANDARD = {
    **dict.fromkeys(("ica", "ância", "adora", "osa", "ista", "eza", "ante", "ável", "ível", "ico", "ismo",
                     "oso", "amento", "imento", "aça~o", "ador", "icas", "adoras", "osas", "istas", "ezas",
                     "adores", "antes", "aço~es", "icos", "ismos", "osos", "amentos", "imentos"), 1),
    **dict.fromkeys(("logía", "logías"), 2),
    **dict.fromkeys(("ución", "uciones"), 3),
    **dict.fromkeys(("ência", "ências"), 4),
    "amente": 5, "mente": 6,
    **dict.fromkeys(("idade", "idades"), 7),
    **dict.fromkeys(("iva", "ivo", "ivas", "ivos"), 8),
    **dict.fromkeys(("ira", "iras"), 9),
}
"""Standard suffixes and what to do with them. The lunr-languages port keeps two
Spanish entries (``ución``) where Snowball has ``ução``, and lacks ``ança``: so must we."""
_PT_AFTER_AMENTE = {"ic": -1, "ad": -1, "os": -1, "iv": 1}
_PT_AFTER_MENTE = {"ante": 1, "avel": 1, "ível": 1}
_PT_AFTER_IDADE = {"ic": 1, "abil": 1, "iv": 1}
_PT_VERB = dict.fromkeys((
    "ada ida ia aria eria iria ara era ira ava asse esse isse aste este iste ei arei erei irei am iam "
    "ariam eriam iriam aram eram iram avam em arem erem irem assem essem issem ado ido ando endo indo "
    "ara~o era~o ira~o ar er ir as adas idas ias arias erias irias aras eras iras avas es ardes erdes "
    "irdes ares eres ires asses esses isses astes estes istes is ais eis areis ereis ireis áreis éreis "
    "íreis ásseis ésseis ísseis áveis íeis aríeis eríeis iríeis ados idos amos áramos éramos íramos "
    "ávamos íamos aríamos eríamos iríamos emos aremos eremos iremos ássemos êssemos íssemos imos armos "
    "ermos irmos ámos arás erás irás eu iu ou ará erá irá"
).split(), 1)
_PT_RESIDUAL = dict.fromkeys(("a", "i", "o", "os", "á", "í", "ó"), 1)
_PT_RESIDUAL_FORM = {"e": 1, "ç": 2, "é": 1, "ê": 1}


_LENGTHS: dict[int, tuple[int, ...]] = {}


def _lengths(table: dict[str, int]) -> tuple[int, ...]:
    """The suffix lengths of one of the (constant) tables above, longest first."""
    lengths = _LENGTHS.get(id(table))
    if lengths is None:
        lengths = _LENGTHS[id(table)] = tuple(sorted({len(x) for x in table}, reverse=True))
    return lengths


class _Snowball:
    """The string, cursor and limits of a Snowball program, with its primitive operations."""

    def __init__(self, word: str) -> None:
        self.s = word
        self.cursor = 0
        self.limit = len(word)
        self.limit_backward = 0
        self.bra = 0
        self.ket = self.limit

    def in_vowel(self) -> bool:
        if self.cursor < self.limit and self.s[self.cursor] in _PT_VOWELS:
            self.cursor += 1
            return True
        return False

    def out_vowel(self) -> bool:
        if self.cursor < self.limit and self.s[self.cursor] not in _PT_VOWELS:
            self.cursor += 1
            return True
        return False

    def eq_b(self, text: str) -> bool:
        """Match ``text`` just before the cursor, moving the cursor back over it."""
        start = self.cursor - len(text)
        if start < self.limit_backward or self.s[start:self.cursor] != text:
            return False
        self.cursor = start
        return True

    def among_b(self, table: dict[str, int]) -> int:
        """The longest suffix of ``table`` ending at the cursor: its result, with the cursor moved before it."""
        for length in _lengths(table):
            start = self.cursor - length
            if start >= self.limit_backward:
                found = table.get(self.s[start:self.cursor])
                if found:
                    self.cursor = start
                    return found
        return 0

    def slice_from(self, text: str) -> None:
        """Replace ``s[bra:ket]`` with ``text``, keeping the cursor where Snowball keeps it."""
        if self.bra < 0 or self.bra > self.ket or self.ket > self.limit or self.limit > len(self.s):
            raise ValueError(f"faulty slice operation on {self.s!r}")
        adjustment = len(text) - (self.ket - self.bra)
        self.s = self.s[:self.bra] + text + self.s[self.ket:]
        self.limit += adjustment
        if self.cursor >= self.ket:
            self.cursor += adjustment
        elif self.cursor > self.bra:
            self.cursor = self.bra

    def slice_del(self) -> None:
        self.slice_from("")


class _Portuguese(_Snowball):
    """One run of the Portuguese stemmer over one word."""

    def __init__(self, word: str) -> None:
        super().__init__(word.replace("ã", "a~").replace("õ", "o~"))
        self.pv = self.p1 = self.p2 = self.limit

    # regions
    def _skip_to_vowel(self) -> bool:
        """True unless a consonant is followed by a vowel (then the cursor is after that vowel)."""
        if self.out_vowel():
            while not self.in_vowel():
                if self.cursor >= self.limit:
                    return True
                self.cursor += 1
            return False
        return True

    def _skip_to_consonant(self) -> bool:
        if self.in_vowel():
            while not self.out_vowel():
                if self.cursor >= self.limit:
                    return False
                self.cursor += 1
        self.pv = self.cursor
        return True

    def _mark_rv(self) -> None:
        start = self.cursor
        if self.in_vowel():
            second = self.cursor
            if self._skip_to_vowel():
                self.cursor = second
                if self._skip_to_consonant():
                    return
            else:
                self.pv = self.cursor
        self.cursor = start
        if self.out_vowel():
            second = self.cursor
            if self._skip_to_vowel():
                self.cursor = second
                if not self.in_vowel() or self.cursor >= self.limit:
                    return
                self.cursor += 1
            self.pv = self.cursor

    def _next_region(self) -> bool:
        while not self.in_vowel():
            if self.cursor >= self.limit:
                return False
            self.cursor += 1
        while not self.out_vowel():
            if self.cursor >= self.limit:
                return False
            self.cursor += 1
        return True

    def mark_regions(self) -> None:
        start = self.cursor
        self.pv = self.p1 = self.p2 = self.limit
        self._mark_rv()
        self.cursor = start
        if self._next_region():
            self.p1 = self.cursor
            if self._next_region():
                self.p2 = self.cursor

    def rv(self) -> bool:
        return self.pv <= self.cursor

    def r1(self) -> bool:
        return self.p1 <= self.cursor

    def r2(self) -> bool:
        return self.p2 <= self.cursor

    # steps
    def _delete_then(self, table: dict[str, int]) -> None:
        """Delete the suffix (already in R2); then delete a listed suffix before it when in R2."""
        self.slice_del()
        self.ket = self.cursor
        found = self.among_b(table)
        if found:
            self.bra = self.cursor
            if found == 1 and self.r2():
                self.slice_del()

    def _delete_at(self) -> None:
        self.ket = self.cursor
        if self.eq_b("at"):
            self.bra = self.cursor
            if self.r2():
                self.slice_del()

    def standard_suffix(self) -> bool:
        self.ket = self.cursor
        found = self.among_b(_PT_STANDARD)
        if not found:
            return False
        self.bra = self.cursor
        if found == 5:
            if not self.r1():
                return False
            self.slice_del()
            self.ket = self.cursor
            after = self.among_b(_PT_AFTER_AMENTE)
            if after:
                self.bra = self.cursor
                if self.r2():
                    self.slice_del()
                    if after == 1:
                        self._delete_at()
            return True
        if found == 9:
            if not self.rv() or not self.eq_b("e"):
                return False
            self.slice_from("ir")
            return True
        if not self.r2():
            return False
        if found == 1:
            self.slice_del()
        elif found == 2:
            self.slice_from("log")
        elif found == 3:
            self.slice_from("u")
        elif found == 4:
            self.slice_from("ente")
        elif found == 6:
            self._delete_then(_PT_AFTER_MENTE)
        elif found == 7:
            self._delete_then(_PT_AFTER_IDADE)
        elif found == 8:
            self.slice_del()
            self._delete_at()
        return True

    def verb_suffix(self) -> bool:
        if self.cursor < self.pv:
            return False
        saved = self.limit_backward
        self.limit_backward = self.pv
        self.ket = self.cursor
        found = self.among_b(_PT_VERB)
        if found:
            self.bra = self.cursor
            self.slice_del()
        self.limit_backward = saved
        return bool(found)

    def residual_suffix(self) -> None:
        self.ket = self.cursor
        if self.among_b(_PT_RESIDUAL):
            self.bra = self.cursor
            if self.rv():
                self.slice_del()

    def _guard(self, first: str, second: str) -> bool:
        """Delete ``first`` (u, i) when ``second`` (g, c) precedes it; False when it did match."""
        if self.eq_b(first):
            self.bra = self.cursor
            after_first = self.limit - self.cursor
            if self.eq_b(second):
                self.cursor = self.limit - after_first
                if self.rv():
                    self.slice_del()
                return False
        return True

    def residual_form(self) -> None:
        self.ket = self.cursor
        found = self.among_b(_PT_RESIDUAL_FORM)
        if not found:
            return
        self.bra = self.cursor
        if found == 2:
            self.slice_from("c")
        elif self.rv():
            self.slice_del()
            self.ket = self.cursor
            if self._guard("u", "g"):
                self._guard("i", "c")

    def suffixes(self) -> None:
        if not self.standard_suffix():
            self.cursor = self.limit
            if not self.verb_suffix():
                self.cursor = self.limit
                self.residual_suffix()
                return
        self.cursor = self.limit
        self.ket = self.cursor
        if self.eq_b("i"):
            self.bra = self.cursor
            if self.eq_b("c"):
                self.cursor = self.limit
                if self.rv():
                    self.slice_del()

    def stem(self) -> str:
        self.mark_regions()
        self.limit_backward = 0
        self.cursor = self.limit
        self.suffixes()
        self.cursor = self.limit
        self.residual_form()
        return self.s.replace("a~", "ã").replace("o~", "õ")


@lru_cache(maxsize=65536)
def stem_pt(word: str) -> str:
    """``word`` (lower case) reduced as lunr-languages' Portuguese stemmer reduces it."""
    return _Portuguese(word).stem()
