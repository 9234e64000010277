"""The search index the browser downloads piece by piece (`shards`), computed directly (`weights`).

The weights are lunr's own, so `lunr.Index.load` on `WeightedIndex.lunr_json()` answers every query
exactly as the sharded files do in the browser; the tests build that full index as their oracle.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass, field
from pathlib import Path

from lunr.index import Index
from lunr.query import Query

from builder import facets
from builder.model import Catalogue, Course
from builder.search import dutch
from builder.search.documents import FIELDS, DocumentCache, SearchDocument, search_documents
from builder.search.shards import META_NAME, shard_files
from builder.search.skills_index import SKILLS_SEARCH_DIR, build_skills_search_files, skills_documents
from builder.search.weights import WeightedIndex, build_weighted_index

EXACT_BOOST = 10
PREFIX_BOOST = 3
FUZZY_BOOST = 1
PREFIX_MIN_LENGTH = 2
FUZZY_MIN_LENGTH = 5
SEARCH_DIR = "assets/search/"


@dataclass
class SearchFiles:
    files: dict[str, bytes] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # 'meta' (courses), 'skills' (if any) -> site path of the file naming all others
    index_bytes: int = 0
    index_gzip_bytes: int = 0


def weighted_index(documents: list[SearchDocument], node_modules: Path) -> WeightedIndex:
    return build_weighted_index(documents, FIELDS, dutch.index_term(node_modules), dutch.SEARCH_PIPELINE)


def build_index(documents: list[SearchDocument], node_modules: Path) -> Index:
    """The full lunr index (lunr.py), for the Python reference search and the tests; never shipped."""
    dutch.configure_pipeline(node_modules)
    return Index.load(weighted_index(documents, node_modules).lunr_json())


def sort_orders(courses: tuple[Course, ...]) -> dict[str, list[int]]:
    """Course ordinals in each sort order the filters offer."""
    by_title = sorted(range(len(courses)), key=lambda n: (courses[n].title.casefold(), n))
    by_start = sorted(range(len(courses)), key=lambda n: (facets.start_sort_value(courses[n]), n))
    by_price = sorted(range(len(courses)), key=lambda n: (facets.price_sort_value(courses[n]), n))
    return {"title": by_title, "start": by_start, "price": by_price}


def build_search_files(catalogue: Catalogue, node_modules: Path, cache: DocumentCache | None = None) -> SearchFiles:
    """`cache`: course documents kept between rebuilds of `scholing serve`."""
    documents = search_documents(catalogue, cache=cache)
    index = weighted_index(documents, node_modules)
    records = [document.record for document in documents]
    kinds = [document.kind for document in documents]
    course_facets = [document.record["f"] for document in documents if document.kind == "course"]
    del documents  # weighed: their tokens are freed before the shards are encoded and the pages rendered
    files, meta = shard_files(index, kinds, records, course_facets, sort_orders(catalogue.courses))
    del index
    result = SearchFiles()
    for name, data in files.items():
        result.files[SEARCH_DIR + name] = data
        result.index_bytes += len(data)
        result.index_gzip_bytes += len(gzip.compress(data, mtime=0))
    result.urls["meta"] = SEARCH_DIR + meta
    skills = build_skills_search_files(catalogue, node_modules)  # its own index: see builder/search/skills_index.py
    if skills:
        result.files.update(skills.files)
        result.index_bytes += skills.index_bytes
        result.index_gzip_bytes += skills.index_gzip_bytes
        result.urls["skills"] = skills.meta
    return result


def file_urls(catalogue: Catalogue) -> dict[str, str]:
    """What pages name of the search data (`SearchFiles.urls`), known before the index is built: the meta
    files keep fixed names, so a build renders its pages while it builds the index."""
    urls = {"meta": SEARCH_DIR + META_NAME}
    if skills_documents(catalogue):
        urls["skills"] = SKILLS_SEARCH_DIR + META_NAME
    return urls


def search(index: Index, query: str, stopwords: frozenset[str]) -> list[tuple[str, float]]:
    """The browser's search, in Python: every word must match, exactly, as a prefix or with one typo.

    `templates/assets/search.js` does the same in lunr.js; the parity test holds them together.
    """
    words = [w for w in dutch.tokenize(query) if w not in stopwords]
    if not words:
        return []
    totals: dict[str, float] | None = None
    for word in words:
        scores = {match["ref"]: match["score"] for match in index.query(word_query(index, word))}
        if totals is None:
            totals = scores
        else:
            totals = {ref: totals[ref] + score for ref, score in scores.items() if ref in totals}
        if not totals:
            return []
    assert totals is not None
    order = document_order(index)
    return sorted(totals.items(), key=lambda item: (-js_round(item[1] * 1e6), order[item[0]]))


def js_round(number: float) -> int:
    """JavaScript's Math.round: halves round up (Python's round() rounds them to even)."""
    whole = math.floor(number)
    return whole + 1 if number - whole >= 0.5 else whole


def document_order(index: Index) -> dict[str, int]:
    """ref -> position in index order (courses first), the browser's order within equal scores."""
    order: dict[str, int] = {}
    for key in index.field_vectors:
        order.setdefault(key.split("/", 1)[1], len(order))
    return order


def word_query(index: Index, word: str) -> Query:
    query = index.create_query()
    processed = index.pipeline.run_string(word)
    query.term(word, use_pipeline=True, boost=EXACT_BOOST)
    folded = dutch.fold(word)
    if len(folded) >= PREFIX_MIN_LENGTH:
        query.term(folded, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=PREFIX_BOOST)
    if processed and len(processed[0]) >= FUZZY_MIN_LENGTH:
        query.term(processed[0], use_pipeline=False, edit_distance=1, boost=FUZZY_BOOST)
    return query
