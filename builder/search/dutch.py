"""Dutch text processing for search, identical in Python (build) and lunr.js (browser).

lunr.py's own Dutch support downloads NLTK data and its trimmer drops letters outside a small
set, so words like "privacy", "één" or "ISO27001" could never be found. Here we tokenise on any
Unicode letter or digit, use the stopword list and stemmer of lunr-languages (the stopwords read
from the installed `lunr.nl.js` itself), and fold diacritics so "financiele" finds "financiële".
The functions are registered under the labels the browser registers (`templates/assets/search.js`),
so the serialised index loads in lunr.js unchanged.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import snowballstemmer
from lunr.pipeline import Pipeline
from lunr.token import Token

STOPWORD_LABEL = "stopWordFilter-nl"  # registered by lunr.nl.js in the browser
STEMMER_LABEL = "stemmer-nl"  # registered by lunr.nl.js in the browser
FOLD_LABEL = "fold-diacritics"  # registered by our search.js in the browser
STOPWORD_PATTERN = re.compile(r"lunr\.nl\.stopWordFilter\s*=\s*lunr\.generateStopWordFilter\(\s*'([^']*)'")
WORD = re.compile(r"[^\W_]+")

# In snowballstemmer 3.x 'dutch' is a newer algorithm; lunr-languages implements the Porter one.
_stemmer = snowballstemmer.stemmer("dutch_porter")


class SearchSetupError(Exception):
    pass


@functools.cache
def stopwords(node_modules: Path) -> frozenset[str]:
    source = node_modules / "lunr-languages" / "lunr.nl.js"
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SearchSetupError(f"{source} ontbreekt; installeer de browserbibliotheken met 'make site'.") from exc
    match = STOPWORD_PATTERN.search(text)
    if not match:
        raise SearchSetupError(f"geen Nederlandse stopwoordenlijst gevonden in {source}.")
    return frozenset(match.group(1).split())


def tokenize(text: str) -> list[str]:
    """Lower-cased words: runs of Unicode letters and digits (so 'mbo4', 'ISO27001', 'één' survive).

    Interned: a catalogue repeats a few ten thousand words millions of times, and the search documents
    hold every token until the index is weighed (at 10,000 courses 900,000 strings, 47 MB, became one each)."""
    return list(map(sys.intern, WORD.findall(unicodedata.normalize("NFC", text).lower())))


def fold(word: str) -> str:
    """Remove diacritics: 'financiële' -> 'financiele', 'één' -> 'een'."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


def stem(word: str) -> str:
    return _stemmer.stemWord(word)


SEARCH_PIPELINE = (FOLD_LABEL, STEMMER_LABEL)  # what lunr.js runs on a query word, by registered label


def index_term(node_modules: Path) -> Callable[[str], str | None]:
    """The index pipeline for one lower-cased word: None for a stopword, else folded and stemmed.

    The same as lunr's pipeline of `configure_pipeline`; the index builder calls it once per distinct word.
    """
    words = stopwords(node_modules)

    def term(word: str) -> str | None:
        return None if word in words else stem(fold(word))

    return term


def configure_pipeline(node_modules: Path) -> tuple[list, list]:
    """The index pipeline and the search pipeline, as lists of registered lunr functions."""
    words = stopwords(node_modules)

    def stop_word_filter(token: Token, i: int = 0, tokens: list | None = None) -> Token | None:
        return None if token.string in words else token

    def fold_diacritics(token: Token, i: int = 0, tokens: list | None = None) -> Token:
        return token.update(lambda s, metadata: fold(s))

    def stemmer(token: Token, i: int = 0, tokens: list | None = None) -> Token:
        return token.update(lambda s, metadata: stem(s))

    for fn, label in ((stop_word_filter, STOPWORD_LABEL), (fold_diacritics, FOLD_LABEL), (stemmer, STEMMER_LABEL)):
        fn.label = label
        Pipeline.registered_functions[label] = fn
    index_pipeline = [stop_word_filter, fold_diacritics, stemmer]
    search_pipeline = [fold_diacritics, stemmer]
    return index_pipeline, search_pipeline
