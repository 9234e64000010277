"""The prebuilt search index (lunr) and the compact result data the browser shows with it."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query

from builder.assets import hashed_name
from builder.model import Catalogue, Course
from builder.search import dutch
from builder.search.documents import FIELDS, course_text, result_record, short_ref

EXACT_BOOST = 10
PREFIX_BOOST = 3
FUZZY_BOOST = 1
PREFIX_MIN_LENGTH = 2
FUZZY_MIN_LENGTH = 5


@dataclass
class SearchFiles:
    files: dict[str, bytes] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # 'index' / 'data' -> site path
    index_bytes: int = 0
    index_gzip_bytes: int = 0


def build_index(courses: tuple[Course, ...], node_modules: Path) -> Index:
    index_pipeline, search_pipeline = dutch.configure_pipeline(node_modules)
    builder = Builder()
    builder.pipeline.add(*index_pipeline)
    builder.search_pipeline.add(*search_pipeline)
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for position, course in enumerate(courses):
        builder.add({"ref": short_ref(position), **course_text(course)})
    return builder.build()


def build_search_files(catalogue: Catalogue, node_modules: Path) -> SearchFiles:
    index = build_index(catalogue.courses, node_modules)
    index_json = json.dumps(index.serialize(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    data_json = json.dumps([result_record(course) for course in catalogue.courses], ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )
    result = SearchFiles()
    for key, data in (("index", index_json), ("data", data_json)):
        path = "assets/search/" + hashed_name(f"{key}.json", data)
        result.files[path] = data
        result.urls[key] = path
    result.index_bytes = len(index_json) + len(data_json)
    result.index_gzip_bytes = len(gzip.compress(index_json, mtime=0)) + len(gzip.compress(data_json, mtime=0))
    return result


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
    return sorted(totals.items(), key=lambda item: (-round(item[1], 6), int(item[0], 36)))


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
