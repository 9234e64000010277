"""The editors' search words (content/search.yaml), applied to the text at build time.

Where a document contains a word or phrase of a synonym group, the other words of the group are
added to the same field, so "bbl" finds a course whose form is "Werkend leren" with the weight of
that field, and the browser needs no synonym logic of its own. A `related` word is added wherever
one of its targets occurs (one way only: "doktersassistent" leads to care, not the reverse).
Words match as written, apart from case and accents: "zelfstandige" (self-employed) must not match
"zelfstandig" (on your own), which a stem would; an editor lists plural forms where they matter.
"""

from __future__ import annotations

from collections.abc import Iterable

from builder.model import SearchVocabulary
from builder.search import dutch

Phrase = tuple[str, ...]


def exact_key(text: str) -> str:
    """What an exact match compares: the words, lower case, without accents ("SLIM-regeling" -> "slim regeling").

    `exactKey` in templates/assets/search.js does the same in the browser.
    """
    return " ".join(dutch.fold(token) for token in dutch.tokenize(text))


class Vocabulary:
    def __init__(self, words: SearchVocabulary) -> None:
        self._keys: dict[str, str] = {}
        self._additions: dict[Phrase, list[str]] = {}
        self._other_names: dict[str, list[str]] = {}  # exact key -> other names for the same thing
        for group in words.synonyms:
            phrases = [dutch.tokenize(word) for word in group]
            for index, phrase in enumerate(phrases):
                others = [token for other, tokens in enumerate(phrases) if other != index for token in tokens]
                self._add(phrase, others)
                self._other_names.setdefault(exact_key(group[index]), []).extend(
                    exact_key(word) for other, word in enumerate(group) if other != index
                )
        for word, targets in words.related:
            for target in targets:
                self._add(dutch.tokenize(target), dutch.tokenize(word))
                self._other_names.setdefault(exact_key(target), []).append(exact_key(word))
        self._seen: set[str] = set()  # tokens met so far
        self._starting: set[str] = set()  # of those, the ones whose key starts a phrase
        self._lengths_by_start: dict[str, list[int]] = {}
        for phrase in self._additions:
            lengths = self._lengths_by_start.setdefault(phrase[0], [])
            if len(phrase) not in lengths:
                lengths.append(len(phrase))
                lengths.sort(reverse=True)

    def _add(self, phrase_tokens: list[str], tokens: list[str]) -> None:
        if not phrase_tokens:
            return
        phrase = tuple(self.key(token) for token in phrase_tokens)
        self._additions.setdefault(phrase, []).extend(tokens)

    def key(self, token: str) -> str:
        """The form words are compared in: lower case, without accents."""
        found = self._keys.get(token)
        if found is None:
            found = self._keys[token] = dutch.fold(token)
        return found

    def expand(self, parts: Iterable[str]) -> list[str]:
        """The tokens of a field's texts, plus the words the vocabulary adds (each new word once)."""
        tokens: list[str] = []
        added: list[str] = []
        for text in parts:
            part = dutch.tokenize(text)
            tokens.extend(part)
            if self._additions:
                added.extend(self._matches(part))
        if not added:
            return tokens
        present = {self.key(token) for token in set(tokens)}
        for token in added:
            key = self.key(token)
            if key not in present:
                present.add(key)
                tokens.append(token)
        return tokens

    def other_names(self, name: str) -> list[str]:
        """Abbreviations and synonyms of a whole name ("llk" for "Levenlanglerenkrediet"), as exact keys."""
        return self._other_names.get(exact_key(name), [])

    def _matches(self, tokens: list[str]) -> list[str]:
        # Most words start no phrase: set operations in C find the few that may, before any Python loop.
        if not self._seen.issuperset(tokens):
            for token in set(tokens).difference(self._seen):
                self._seen.add(token)
                if self.key(token) in self._lengths_by_start:
                    self._starting.add(token)
        if self._starting.isdisjoint(tokens):
            return []
        found: list[str] = []
        for start, token in enumerate(tokens):
            if token not in self._starting:
                continue
            for length in self._lengths_by_start[self.key(token)]:
                if start + length > len(tokens):
                    continue
                phrase = tuple(self.key(word) for word in tokens[start : start + length])
                if phrase in self._additions:
                    found.extend(self._additions[phrase])
        return found
