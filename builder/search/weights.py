"""lunr's index, computed directly: the same terms, term numbers and BM25 weights as lunr.py's Builder.

lunr.py builds a 10,000-course index in over 10 s (token objects, per-token pipeline calls, nested
dicts); the arithmetic itself is cheap. Here every distinct word goes through the pipeline once and
the weights follow lunr's formula step by step, in lunr's operation order and rounding, so the
serialised index is byte-identical to lunr.py's (tests/test_search_weights.py holds them together).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

K1 = 1.2  # lunr's BM25 term-frequency saturation
B = 0.75  # lunr's BM25 field-length normalisation
LUNR_VERSION = "2.3.9"


class Document(Protocol):
    """What the builder needs of a document: a ref and the words of each field."""

    @property
    def ref(self) -> str: ...

    @property
    def fields(self) -> Mapping[str, Sequence[str]]: ...


class Postings(NamedTuple):
    """The documents holding a term in one field, ascending, and the term's lunr weight in each (3 decimals)."""

    documents: Sequence[int]
    weights: Sequence[float]


NO_POSTINGS = Postings((), ())


@dataclass
class WeightedIndex:
    """lunr's index as plain tables.

    `terms[i]` is the term with lunr's `_index` i (numbered in order of first appearance);
    `postings_by_field[f][i]` holds term i's documents and weights in field number f. Compact arrays rather
    than a tuple per (document, weight) pair: at 10,000 courses the pairs alone held over 100 MB. lunr's
    field vectors (per document and field, term numbers ascending) follow from the postings (`vectors`).
    """

    fields: list[str]
    refs: list[str]
    terms: list[str]
    postings_by_field: list[list[Postings]]
    search_pipeline: list[str]

    def postings(self, number: int) -> list[Postings]:
        """Term `number`'s postings, field by field."""
        return [field_postings[number] for field_postings in self.postings_by_field]

    def vectors(self) -> list[list[list[tuple[int, float]]]]:
        """`vectors[d][f]`: (term number, weight) ascending, lunr's field vector of document d, field f."""
        vectors: list[list[list[tuple[int, float]]]] = [[[] for _ in self.fields] for _ in self.refs]
        for f, field_postings in enumerate(self.postings_by_field):
            for number, (documents, weights) in enumerate(field_postings):
                for d, weight in zip(documents, weights, strict=True):
                    vectors[d][f].append((number, weight))
        return vectors

    def lunr_json(self) -> dict[str, Any]:
        """The serialised lunr index (lunr.py's `Index.serialize()`), for the tests' oracle."""
        refs = self.refs
        inverted = []
        for number in sorted(range(len(self.terms)), key=self.terms.__getitem__):
            posting: dict[str, Any] = {}
            for name, postings in zip(self.fields, self.postings(number), strict=True):
                posting[name] = {refs[d]: {} for d in postings.documents}
            posting["_index"] = number
            inverted.append([self.terms[number], posting])
        vectors = []
        for ref, document_vectors in zip(refs, self.vectors(), strict=True):
            for name, vector in zip(self.fields, document_vectors, strict=True):
                flat: list[float] = []
                for number, weight in vector:
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
    frequencies: list[list[Counter[int] | None]] = []  # per document, per field: term number -> count
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
        doc_frequencies: list[Counter[int] | None] = []
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
    number_of_word.clear()  # every word numbered: the tables' memory goes to the weights
    term_numbers.clear()

    count = len(refs)
    idf = [_idf(df, count) for df in document_frequency]
    averages = [sum(doc[f] for doc in lengths) / count if count else 0.0 for f in range(len(fields))]
    document_boosts = document_boosts or {}
    doc_boosts = [document_boosts.get(ref, 1) for ref in refs]
    postings_by_field: list[list[Postings]] = []
    two = K1 + 1
    for f, boost in enumerate(boosts):  # field by field: the constants of a field stay in local names
        documents_of: dict[int, array[int]] = {}  # term number -> documents holding it in this field
        weights_of: dict[int, array[float]] = {}
        norms: dict[int, float] = {}  # field length -> BM25 length norm
        average = averages[f]
        for d, doc_frequencies in enumerate(frequencies):
            counts = doc_frequencies[f]
            if not counts:
                continue
            doc_frequencies[f] = None  # weighed: freed at once, as the postings grow
            length = lengths[d][f]
            norm = norms.get(length)
            if norm is None:
                norm = norms[length] = K1 * (1 - B + B * (length / average))
            doc_boost = doc_boosts[d]
            for number_, tf in counts.items():
                # lunr's operations in lunr's order, so the rounding matches to the last bit
                score = idf[number_] * (two * tf) / (norm + tf)
                score *= boost
                score *= doc_boost
                holding = documents_of.get(number_)
                if holding is None:
                    holding = documents_of[number_] = array("i")
                    weights_of[number_] = array("d")
                holding.append(d)
                weights_of[number_].append(round(score, 3))
        postings_by_field.append(
            [Postings(documents_of[n], weights_of[n]) if n in documents_of else NO_POSTINGS for n in range(len(terms))]
        )
    return WeightedIndex(fields, refs, terms, postings_by_field, list(search_pipeline))


def _idf(documents_with_term: int, document_count: int) -> float:
    """lunr's idf: df counts a document once per field that holds the term."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))
