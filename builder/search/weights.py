"""lunr's index, computed directly: the same terms, term numbers and BM25 weights as lunr.py's Builder.

lunr.py builds a 10,000-course index in over 10 s (token objects, per-token pipeline calls, nested
dicts); the arithmetic itself is cheap. Here every distinct word goes through the pipeline once and
the weights follow lunr's formula step by step, in lunr's operation order and rounding, so the
serialised index is byte-identical to lunr.py's (tests/test_search_weights.py holds them together).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

K1 = 1.2  # lunr's BM25 term-frequency saturation
B = 0.75  # lunr's BM25 field-length normalisation
LUNR_VERSION = "2.3.9"


class Document(Protocol):
    """What the builder needs of a document: a ref and the words of each field."""

    @property
    def ref(self) -> str: ...

    @property
    def fields(self) -> Mapping[str, Sequence[str]]: ...


@dataclass
class WeightedIndex:
    """lunr's index as plain tables.

    `terms[i]` is the term with lunr's `_index` i (numbered in order of first appearance);
    `postings[i][f]` lists (document position, weight) in document order for field number f;
    `vectors[d][f]` lists (term number, weight) ascending: lunr's field vector of document d, field f.
    """

    fields: list[str]
    refs: list[str]
    terms: list[str]
    postings: list[list[list[tuple[int, float]]]]
    vectors: list[list[list[tuple[int, float]]]]
    search_pipeline: list[str]

    def lunr_json(self) -> dict[str, Any]:
        """The serialised lunr index (lunr.py's `Index.serialize()`), for the tests' oracle."""
        refs = self.refs
        inverted = []
        for number in sorted(range(len(self.terms)), key=self.terms.__getitem__):
            posting: dict[str, Any] = {}
            for f, name in enumerate(self.fields):
                posting[name] = {refs[d]: {} for d, _ in self.postings[number][f]}
            posting["_index"] = number
            inverted.append([self.terms[number], posting])
        vectors = []
        for d, ref in enumerate(refs):
            for f, name in enumerate(self.fields):
                flat: list[float] = []
                for number, weight in self.vectors[d][f]:
                    flat += (number, weight)
                vectors.append([f"{name}/{ref}", flat])
        return {
            "version": LUNR_VERSION,
            "fields": self.fields,
            "fieldVectors": vectors,
            "invertedIndex": inverted,
            "pipeline": self.search_pipeline,
        }


def build_weighted_index(
    documents: Iterable[Document],
    field_boosts: Sequence[tuple[str, float]],
    to_term: Callable[[str], str | None],
    search_pipeline: Sequence[str],
    document_boosts: Mapping[str, float] | None = None,
) -> WeightedIndex:
    """Index documents like lunr.py's Builder with these fields (name, boost), in this order.

    `to_term` is the index pipeline for one word (None drops it); it is called once per distinct word.
    """
    fields = [name for name, _ in field_boosts]
    boosts = [boost for _, boost in field_boosts]
    number_of_word: dict[str, int] = {}  # word as written -> term number, or -1 for a word the pipeline drops
    term_numbers: dict[str, int] = {}
    terms: list[str] = []
    refs: list[str] = []
    frequencies: list[list[Counter[int]]] = []  # per document, per field: term number -> count
    lengths: list[list[int]] = []
    document_frequency: list[int] = []  # per term: documents holding it, once per field

    def number(word: str) -> int:
        """A word not met before: through the pipeline once; a new term gets the next number (lunr's order)."""
        term = to_term(str(word).lower())
        if term is None:
            found = -1
        else:
            found = term_numbers.get(term, -1)
            if found == -1:
                found = term_numbers[term] = len(terms)
                terms.append(term)
                document_frequency.append(0)
        number_of_word[word] = found
        return found

    lookup = number_of_word.get
    for document in documents:
        refs.append(str(document.ref))
        doc_frequencies = []
        doc_lengths = []
        texts = document.fields
        for name in fields:
            numbers = []
            for word in texts.get(name, ()):
                found = lookup(word)
                if found is None:
                    found = number(word)
                if found >= 0:
                    numbers.append(found)
            counts = Counter(numbers)
            for found in counts:
                document_frequency[found] += 1
            doc_frequencies.append(counts)
            doc_lengths.append(len(numbers))
        frequencies.append(doc_frequencies)
        lengths.append(doc_lengths)

    count = len(refs)
    idf = [_idf(df, count) for df in document_frequency]
    averages = [sum(doc[f] for doc in lengths) / count if count else 0.0 for f in range(len(fields))]
    document_boosts = document_boosts or {}
    doc_boosts = [document_boosts.get(ref, 1) for ref in refs]
    vectors: list[list[list[tuple[int, float]]]] = [[] for _ in refs]
    by_field: list[list[list[tuple[int, float]]]] = []  # per field, per term: (document, weight)
    two = K1 + 1
    for f, boost in enumerate(boosts):  # field by field: the constants of a field stay in local names
        field_postings: list[list[tuple[int, float]]] = [[] for _ in terms]
        norms: dict[int, float] = {}  # field length -> BM25 length norm
        average = averages[f]
        for d, doc_frequencies in enumerate(frequencies):
            counts = doc_frequencies[f]
            vector: list[tuple[int, float]] = []
            vectors[d].append(vector)
            if not counts:
                continue
            length = lengths[d][f]
            norm = norms.get(length)
            if norm is None:
                norm = norms[length] = K1 * (1 - B + B * (length / average))
            doc_boost = doc_boosts[d]
            for number_, tf in sorted(counts.items()):
                # lunr's operations in lunr's order, so the rounding matches to the last bit
                score = idf[number_] * (two * tf) / (norm + tf)
                score *= boost
                score *= doc_boost
                pair = (number_, round(score, 3))
                vector.append(pair)
                field_postings[number_].append((d, pair[1]))
        by_field.append(field_postings)
    postings = [list(per_field) for per_field in zip(*by_field, strict=True)] if by_field else [[] for _ in terms]
    return WeightedIndex(fields, refs, terms, postings, vectors, list(search_pipeline))


def _idf(documents_with_term: int, document_count: int) -> float:
    """lunr's idf: df counts a document once per field that holds the term."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))
